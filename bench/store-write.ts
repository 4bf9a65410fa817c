// Store write bench: documents stored per second (putDocument with records extracted beforehand,
// so only the store is measured: rows, full-text index, incidents) on SQLite and on PostgreSQL,
// with one writer and with two writers at once (each a worker thread with its own store, as two
// processes would be). The documents are the demo corpus repeated with distinct texts; each copy
// is moved some years later, so its events make incidents of their own rather than piling onto
// the first copy's.
//
//   npm run bench:store [-- --copies 20 --pg postgres://postgres@127.0.0.1:5432/test]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pg from 'pg';
import { extract } from '../src/pipeline/index.js';
import { openStore } from '../src/store/index.js';
import type { Document, ExtractRecord } from '../src/types.js';
import { loadDemoCorpus } from './corpus.js';

interface Item {
  doc: Document;
  record: ExtractRecord;
}

interface WriterTask {
  url: string;
  env: Record<string, string>;
  items: Item[];
}

/** A date (YYYY, YYYY-MM or YYYY-MM-DD at its start) some years later. */
function laterYears(date: string | null, years: number): string | null {
  return date && /^\d{4}/.test(date) ? String(Number(date.slice(0, 4)) + years) + date.slice(4) : date;
}

/** Copy `n` of a dispatch: another text (so another hash), its events `4n` years later. */
function copyOf(doc: Document, record: ExtractRecord, n: number): Item {
  const id = `${doc.id}~copy${n}`;
  // Appended after the text: every offset of the record still points where it did.
  const text = `${doc.text}\n\n[copy ${n}]`;
  const years = 4 * n; // whole leap cycles, so a 29th of February stays a day
  const events = record.events.map((e) => ({ ...e, date: laterYears(e.date, years) }));
  return { doc: { ...doc, id, text }, record: { ...record, id, events, published: laterYears(record.published, years) } };
}

/** A writer thread: opens its store, says it is ready, stores its share on 'go', says how many. */
async function runWriter(task: WriterTask): Promise<void> {
  const store = await openStore(task.url, task.env);
  await new Promise<void>((go) => {
    parentPort!.once('message', () => go());
    parentPort!.postMessage('ready');
  });
  let inserted = 0;
  try {
    for (const it of task.items) if ((await store.putDocument(it.doc, it.record)).status === 'inserted') inserted++;
  } finally {
    await store.close();
  }
  parentPort!.postMessage(inserted);
}

if (!isMainThread) {
  await runWriter(workerData as WriterTask);
} else {
  await main();
}

/** Writers in threads of their own, each with its share of the items; documents per second. */
async function timed(url: string, env: Record<string, string>, items: Item[], writers: number): Promise<{ perSecond: number; stored: number }> {
  // The schema is made before the clock starts.
  await (await openStore(url, env)).close();
  const shares = Array.from({ length: writers }, (_, w) => items.filter((_, i) => i % writers === w));
  // Threads start and load the pipeline's modules before the clock starts: only storing is timed.
  const workers = shares.map((share) => new Worker(new URL(import.meta.url), { workerData: { url, env, items: share } satisfies WriterTask }));
  const next = (w: Worker) => new Promise<unknown>((resolve, reject) => (w.once('message', resolve), w.once('error', reject)));
  await Promise.all(workers.map(next));
  const start = performance.now();
  const done = workers.map(next);
  for (const w of workers) w.postMessage('go');
  const counts = (await Promise.all(done)) as number[];
  const seconds = (performance.now() - start) / 1000;
  const stored = counts.reduce((a, b) => a + b, 0);
  return { perSecond: stored / seconds, stored };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { copies: { type: 'string', default: '20' }, pg: { type: 'string', default: process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test' } },
  });
  const copies = Number(values.copies);
  const corpus = loadDemoCorpus();
  const extracted = corpus.map((d) => ({ doc: d, record: extract(d) }));
  const items = Array.from({ length: copies }, (_, n) => extracted.map((x) => copyOf(x.doc, x.record, n + 1))).flat();
  const events = items.reduce((s, x) => s + x.record.events.length, 0);
  console.log(`${items.length} documents (${corpus.length} demo dispatches × ${copies}), ${events} events`);

  const dir = mkdtempSync(join(tmpdir(), 'vigie-store-bench-'));
  const run = randomBytes(3).toString('hex');
  const schemas: string[] = [];
  try {
    for (const writers of [1, 2]) {
      const r = await timed(`sqlite:${join(dir, `w${writers}.db`)}`, {}, items, writers);
      console.log(`sqlite      ${writers} writer${writers > 1 ? 's' : ' '}: ${r.perSecond.toFixed(0).padStart(5)} documents/s (${r.stored} stored)`);
    }
    for (const writers of [1, 2]) {
      const schema = `vigie_bench_${run}_${writers}`;
      schemas.push(schema);
      // One connection per writer: a writer stores one document at a time.
      const r = await timed(values.pg, { VIGIE_PG_SCHEMA: schema, VIGIE_PG_POOL: '1' }, items, writers);
      console.log(`postgresql  ${writers} writer${writers > 1 ? 's' : ' '}: ${r.perSecond.toFixed(0).padStart(5)} documents/s (${r.stored} stored)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (schemas.length) {
      const client = new pg.Client({ connectionString: values.pg });
      await client.connect().then(async () => {
        for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
      }).finally(() => client.end());
    }
  }
}
