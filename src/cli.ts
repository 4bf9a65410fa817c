// The `vigie` command: extract, ingest, watch, export, serve, demo, eval, gazetteer.
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_BYTES, readInputs, type InputItem, type ReadOptions } from './io/input.js';
import { defaultsProblem, knownLang } from './io/validate.js';
import { databaseUrl, eventQueryRange, openStore, QueryError, type EventQuery, type IncidentQuery, type Store } from './store/index.js';
import { EXPORT_FORMATS, exportQuery, isExportFormat, writeEvents } from './export/events.js';
import { writeIncidents } from './export/incidents.js';
import { ingest, type IngestOptions, type IngestProgress, type IngestSummary } from './ingest.js';
import { DocumentFailed, ExtractionPool } from './pool/pool.js';
import { inOrder } from './pool/ordered.js';
import { packageRoot } from './lexicons/load.js';
import type { Document } from './types.js';

const USAGE = `vigie — news dispatches into a sourced, geolocated record of what happened

usage:
  vigie --version | -V                                           the version of this vigie
  vigie extract <file|folder|jsonl|url|->... [--lang fr|en] [--published YYYY-MM-DD] [--source NAME]
                [--format jsonl|pretty] [--max-bytes N]
  vigie ingest  <file|folder|jsonl|url|->... [--lang] [--published] [--source] [--max-bytes N] [--update]
                (files and URLs may be texts, HTML pages or RSS/Atom feeds)
  vigie watch   <feed-url|feed-file|folder>... [--interval S] [--once] [--lang] [--published] [--source]
                poll, ingest only new or updated items (Ctrl-C stops)
  vigie export  [--format jsonl|acled-csv|geojson] [--out FILE] [--all] [--type T] [--sub-type S] [--plover P]
                [--country ISO2] [--admin1 A] [--from DATE] [--to DATE] [--actor NAME] [--modality M]
                [--lang L] [--source OUTLET] [--doc ID] [--limit N]   stored events (acled-csv: asserted only
                unless --all or --modality; DATE is YYYY, YYYY-MM or YYYY-MM-DD)
  vigie export  --incidents [--format F] [--out FILE] [--type T] [--sub-type S] [--plover P] [--country ISO2]
                [--admin1 A] [--from DATE] [--to DATE] [--actor NAME] [--source OUTLET] [--min-sources N] [--limit N]
                stored incidents: one happening with all the dispatches that tell it (acled-csv: one row each)
  vigie serve   [--port 8080] [--host 127.0.0.1]
  vigie demo    [--port 8080] [--host 127.0.0.1] [--no-serve]   ingest the bundled demo corpus, then serve
  vigie eval    <set> <path> [--json] [--system vigie|chrono] [--limit N] [--half 1|2] [--map FILE] [--unit]
  vigie worker  [--concurrency N] [--until-empty]                 extract and store queued documents (VIGIE_REDIS_URL);
                SIGTERM/Ctrl-C finishes the jobs in hand; --until-empty exits once the queue is drained
  vigie jobs    failed | retry | counts                          the queue's failed jobs (id, document, attempts,
                reason); retry puts them back on the queue
  vigie gazetteer add <GeoNames dump>...                         add every locality of a GeoNames dump (ML.txt,
                allCountries.zip) to the local gazetteer (VIGIE_GAZETTEER_OVERLAY, default next to the store)

The store is VIGIE_DATABASE_URL (default sqlite:./data/vigie.db). With VIGIE_REDIS_URL (redis://HOST:PORT)
ingest and watch enqueue documents for \`vigie worker\` processes instead of extracting them.`;

class UsageError extends Error {}

const COMMON_OPTIONS = {
  lang: { type: 'string' },
  published: { type: 'string' },
  source: { type: 'string' },
  format: { type: 'string' },
  'max-bytes': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'no-serve': { type: 'boolean' },
  update: { type: 'boolean' },
  // watch
  interval: { type: 'string' },
  once: { type: 'boolean' },
  json: { type: 'boolean' },
  system: { type: 'string' },
  limit: { type: 'string' },
  // eval: one half of a set; petrarch2's CAMEO→PLOVER map and unit-test records
  half: { type: 'string' },
  map: { type: 'string' },
  unit: { type: 'boolean' },
  // export: where, and which events
  out: { type: 'string' },
  all: { type: 'boolean' },
  type: { type: 'string' },
  'sub-type': { type: 'string' },
  plover: { type: 'string' },
  country: { type: 'string' },
  admin1: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  actor: { type: 'string' },
  modality: { type: 'string' },
  doc: { type: 'string' },
  incidents: { type: 'boolean' },
  'min-sources': { type: 'string' },
  // worker
  concurrency: { type: 'string' },
  'until-empty': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof COMMON_OPTIONS; allowPositionals: true }>>['values'];

/** The batch-wide flags, checked with the same rules as a document's own fields (validate.ts). */
function readOptions(v: Values): ReadOptions {
  // An empty flag (--published "" from a script's unset variable) means "not given", as in a document.
  const given = (x: string | undefined) => (x === undefined || x === '' ? null : x);
  const defaults = { lang: given(v.lang), published: given(v.published), source: given(v.source) };
  const problem = defaultsProblem(defaults);
  if (problem) throw new UsageError(problem);
  const maxBytes = v['max-bytes'] ? Number(v['max-bytes']) : DEFAULT_MAX_BYTES;
  if (!Number.isFinite(maxBytes) || maxBytes <= 0) throw new UsageError(`--max-bytes ${v['max-bytes']}: expected a positive number of bytes`);
  return { defaults: { ...defaults, lang: defaults.lang && knownLang(defaults.lang) }, maxBytes };
}

/** The version in our package.json, read at run time so a release bump needs no code change. */
function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

function reportError(origin: string, message: string): void {
  process.stderr.write(`vigie: ${origin}: ${message}\n`);
}

/** The pool that extracts the documents of a command: off the main thread, with a budget each. */
function extractionPool(): ExtractionPool {
  return new ExtractionPool();
}

/** What `vigie extract` hands each document to: the pool, or this thread for one small file. */
interface Extractor {
  options: { size: number };
  json(doc: Document): Promise<string>;
  pretty(doc: Document): Promise<string>;
  destroy(): Promise<void>;
}

/** Largest single file `vigie extract` reads on its own thread. */
const IN_THREAD_MAX_BYTES = 256 * 1024;

/**
 * One small text or page (not a folder, a JSON Lines file, a feed, stdin or a URL): extracted on
 * this thread. A worker thread pays its own start (imports, lexicons, gazetteer, warm-up), most
 * of the wall time of `vigie extract note.txt`, and what it buys (a time budget that lets a
 * batch go on past a slow document) matters for batches, not for one short text.
 */
async function oneSmallFile(inputs: string[]): Promise<boolean> {
  if (inputs.length !== 1) return false;
  const path = inputs[0];
  if (path === '-' || /^https?:\/\//i.test(path) || /\.(jsonl|ndjson|rss|atom|xml)$/i.test(path)) return false;
  try {
    const st = await stat(path);
    return st.isFile() && st.size <= IN_THREAD_MAX_BYTES;
  } catch {
    return false; // readInputs names the problem
  }
}

async function inThreadExtractor(): Promise<Extractor> {
  const { annotate, toRecord } = await import('./pipeline/index.js');
  const { formatPretty } = await import('./format.js');
  return {
    options: { size: 1 },
    json: async (doc) => JSON.stringify(toRecord(annotate(doc))),
    pretty: async (doc) => formatPretty(annotate(doc)),
    destroy: async () => undefined,
  };
}

async function cmdExtract(inputs: string[], v: Values): Promise<number> {
  if (!inputs.length) throw new UsageError('extract: name a file, a folder, a .jsonl file or - for stdin');
  const format = v.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'pretty') throw new UsageError(`--format ${format}: expected jsonl or pretty`);
  const options = readOptions(v);
  let ok = 0;
  let failed = 0;
  const pool: Extractor = (await oneSmallFile(inputs)) ? await inThreadExtractor() : extractionPool();
  type Done = { origin: string; out: string | null; error: string | null };
  try {
    await inOrder(readInputs(inputs, options), pool.options.size * 2, async (item): Promise<Done> => {
      if (item.kind === 'error') return { origin: item.origin, out: null, error: item.message };
      try {
        const out = format === 'jsonl' ? await pool.json(item.doc) : await pool.pretty(item.doc);
        return { origin: item.origin, out, error: null };
      } catch (e) {
        const message = String((e as Error)?.message ?? e);
        return { origin: item.origin, out: null, error: e instanceof DocumentFailed ? message : `could not be processed: ${message}` };
      }
    }, async (d) => {
      if (d.error !== null) {
        failed++;
        reportError(d.origin, d.error);
        return;
      }
      if (!process.stdout.write(d.out + '\n')) await new Promise((r) => process.stdout.once('drain', r));
      ok++;
    });
  } finally {
    await pool.destroy();
  }
  if (failed) process.stderr.write(`vigie: ${ok} document(s) extracted, ${failed} failed\n`);
  // Non-zero only when nothing at all could be processed.
  return ok === 0 ? 1 : 0;
}

/** How many documents the inputs hold, to size a progress bar (files, JSONL lines). */
async function countInputs(inputs: string[]): Promise<number | null> {
  let n = 0;
  for (const path of inputs) {
    // stdin, URLs and feeds hold an unknown number of documents
    if (path === '-' || /^https?:\/\//i.test(path) || /\.(rss|atom|xml)$/i.test(path)) return null;
    const info = await stat(path).catch(() => null);
    if (!info) continue;
    if (info.isDirectory()) return null;
    if (/\.(jsonl|ndjson)$/i.test(path)) {
      for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
      }
    } else n++;
  }
  return n;
}

function progressPrinter(total: number | null): (p: IngestProgress) => void {
  if (!process.stderr.isTTY) return () => {};
  let last = 0;
  return ({ done, summary }) => {
    const now = Date.now();
    if (now - last < 80 && done !== total) return;
    last = now;
    const width = 30;
    const bar = total ? '█'.repeat(Math.round((Math.min(done, total) / total) * width)).padEnd(width, '░') : '';
    const count = total ? `${done}/${total}` : `${done}`;
    process.stderr.write(`\r${bar} ${count} · ${summary.ingested} new · ${summary.duplicates} duplicate · ${summary.failed.length} failed   `);
  };
}

function printSummary(s: IngestSummary, store: Store): void {
  if (process.stderr.isTTY) process.stderr.write('\n');
  const updated = s.updated ? `, updated ${s.updated}` : '';
  process.stderr.write(`ingested ${s.ingested}, duplicates ${s.duplicates}${updated}, failed ${s.failed.length} (store: ${store.kind} ${databaseUrl()})\n`);
  for (const f of s.failed) process.stderr.write(`  failed: ${f.origin}: ${f.message}\n`);
}

/** Ingestion with the documents extracted by a pool, as many at once as it has workers. */
async function ingestWithPool(store: Store, items: AsyncIterable<InputItem>, opts: IngestOptions): Promise<IngestSummary> {
  const pool = extractionPool();
  try {
    return await ingest(store, items, { ...opts, extract: (doc) => pool.extract(doc), concurrency: pool.options.size * 2 });
  } finally {
    await pool.destroy();
  }
}

async function cmdIngest(inputs: string[], v: Values): Promise<number> {
  if (!inputs.length) throw new UsageError('ingest: name files, folders or .jsonl files');
  const options = readOptions(v); // a bad flag is refused before the store is opened (or created)
  const queue = await queueSettings();
  const store = await openStore();
  try {
    if (queue) {
      // With a queue the documents are validated and enqueued here, extracted by `vigie worker`s.
      const { enqueueCommand } = await import('./queue/commands.js');
      const s = await enqueueCommand(store, queue, readInputs(inputs, options), Boolean(v.update));
      return s.enqueued + s.queued + s.stored === 0 && s.failed.length > 0 ? 1 : 0;
    }
    const total = process.stderr.isTTY ? await countInputs(inputs) : null;
    const summary = await ingestWithPool(store, readInputs(inputs, options), { update: Boolean(v.update), onProgress: progressPrinter(total) });
    printSummary(summary, store);
    return summary.ingested + summary.duplicates === 0 && summary.failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** The queue named by VIGIE_REDIS_URL, or null (documents are extracted in this process). */
async function queueSettings(): Promise<import('./queue/queue.js').QueueConfig | null> {
  if (!process.env.VIGIE_REDIS_URL?.trim()) return null; // bullmq is not even loaded
  const { queueConfig } = await import('./queue/queue.js');
  try {
    return queueConfig();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `vigie watch`: poll sources until SIGINT/SIGTERM (or once), through one extraction pool. */
async function cmdWatch(inputs: string[], v: Values): Promise<number> {
  if (!inputs.length) throw new UsageError('watch: name feed URLs, feed files or folders');
  const options = readOptions(v);
  const interval = v.interval === undefined ? 300 : Number(v.interval);
  if (!Number.isFinite(interval) || interval <= 0) throw new UsageError(`--interval ${v.interval}: expected a positive number of seconds`);
  const { watch, watchedSource } = await import('./sources/watch.js');
  // Every target is checked before the store is opened: a typo must not start a watch of nothing.
  for (const t of inputs) {
    try {
      await watchedSource(t);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const queueConfig = await queueSettings();
  const store = await openStore();
  const pool = extractionPool();
  // With a queue, new items are enqueued for `vigie worker`s (the pool then starts no thread).
  const queue = queueConfig ? new (await import('./queue/queue.js')).DocumentQueue(queueConfig) : null;
  const { enqueueItems, asIngestSummary } = await import('./queue/enqueue.js');
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (signal: string) => {
    if (++signals > 1) process.exit(130); // a second Ctrl-C does not wait
    process.stderr.write(`vigie: ${signal}: finishing the poll under way, then stopping\n`);
    stop.abort();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    await queue?.ready();
    const total = await watch(store, inputs, {
      intervalMs: interval * 1000,
      once: Boolean(v.once),
      read: options,
      signal: stop.signal,
      log: (line) => process.stderr.write(line + '\n'),
      ingest: (items, onItem) => queue
        ? enqueueItems(store, queue, items, { onItem }).then(asIngestSummary)
        : ingest(store, items, { extract: (doc) => pool.extract(doc), concurrency: pool.options.size * 2, onItem }),
    });
    process.stderr.write(`vigie: watch: ${total.polls} poll(s), ${total.ingested} new, ${total.updated} updated, ${total.failedPolls} failed poll(s), ${total.failedItems} failed item(s)\n`);
    return v.once && total.failedPolls > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    await pool.destroy();
    await queue?.close();
    await store.close();
  }
}

/** `vigie worker`: extract and store the queue's documents until stopped (or the queue is empty). */
async function cmdWorker(v: Values): Promise<number> {
  const concurrency = v.concurrency === undefined ? 1 : Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency <= 0) throw new UsageError(`--concurrency ${v.concurrency}: expected a positive whole number`);
  const config = await queueSettings();
  if (!config) throw new UsageError('worker: set VIGIE_REDIS_URL=redis://HOST:PORT (the queue to take documents from)');
  const { workerCommand } = await import('./queue/commands.js');
  const store = await openStore();
  try {
    return await workerCommand(store, config, { concurrency, untilEmpty: Boolean(v['until-empty']) });
  } finally {
    await store.close();
  }
}

/** `vigie jobs failed|retry|counts`: the queue's jobs. */
async function cmdJobs(args: string[]): Promise<number> {
  const [sub = 'counts'] = args;
  if (!['failed', 'retry', 'counts'].includes(sub) || args.length > 1) throw new UsageError('jobs: vigie jobs failed | retry | counts');
  const config = await queueSettings();
  if (!config) throw new UsageError('jobs: set VIGIE_REDIS_URL=redis://HOST:PORT');
  const { jobsCommand } = await import('./queue/commands.js');
  return jobsCommand(config, sub, (line) => process.stdout.write(line + '\n'));
}

/** The export filters given as flags, checked before anything is opened. */
function eventQueryFromFlags(v: Values): EventQuery {
  const query: EventQuery = {
    eventType: v.type, subEventType: v['sub-type'], ploverType: v.plover, country: v.country, admin1: v.admin1,
    from: v.from, to: v.to, actor: v.actor, modality: v.modality, lang: v.lang, source: v.source, docId: v.doc,
  };
  if (v.limit !== undefined) {
    const limit = Number(v.limit);
    if (!Number.isInteger(limit) || limit <= 0) throw new UsageError(`--limit ${v.limit}: expected a positive whole number`);
    query.limit = limit;
  }
  try {
    eventQueryRange(query);
  } catch (e) {
    if (e instanceof QueryError) throw new UsageError(e.message.replace(/^(from|to)=/, '--$1 '));
    throw e;
  }
  return query;
}

/** The incident filters given as flags; event-only flags are refused rather than ignored. */
function incidentQueryFromFlags(v: Values): IncidentQuery {
  for (const flag of ['modality', 'lang', 'doc', 'all'] as const) {
    if (v[flag] !== undefined) throw new UsageError(`--${flag} filters events; incidents take --type, --sub-type, --plover, --country, --admin1, --from, --to, --actor, --source, --min-sources`);
  }
  const { eventType, subEventType, ploverType, country, admin1, from, to, actor, source, limit } = eventQueryFromFlags(v);
  const query: IncidentQuery = { eventType, subEventType, ploverType, country, admin1, from, to, actor, source, limit };
  if (v['min-sources'] !== undefined) {
    const n = Number(v['min-sources']);
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--min-sources ${v['min-sources']}: expected a positive whole number`);
    query.minSources = n;
  }
  return query;
}

async function cmdExport(v: Values): Promise<number> {
  const format = v.format ?? 'jsonl';
  if (!isExportFormat(format)) throw new UsageError(`--format ${format}: expected ${EXPORT_FORMATS.join(', ')}`);
  const incidents = v.incidents ? incidentQueryFromFlags(v) : null;
  const query = incidents ? null : exportQuery(format, eventQueryFromFlags(v), Boolean(v.all));
  const store = await openStore();
  const out = v.out ? createWriteStream(v.out) : process.stdout;
  try {
    const n = incidents
      ? await writeIncidents(format, store.iterateIncidents(incidents), out)
      : await writeEvents(format, store.iterateEvents(query!), out);
    if (v.out) {
      out.end();
      await finished(out);
    }
    process.stderr.write(`vigie: exported ${n} ${incidents ? 'incident' : 'event'}(s)${v.out ? ` to ${v.out}` : ''}\n`);
    return 0;
  } catch (e) {
    // A reader that stops early (`| head`) is not an error of the export.
    if ((e as { code?: string }).code === 'EPIPE') return 0;
    if (v.out) out.destroy();
    throw e;
  } finally {
    await store.close();
  }
}

async function serve(store: Store, v: Values): Promise<void> {
  const { buildApp } = await import('./server/app.js');
  const port = Number(v.port ?? process.env.PORT ?? 8080);
  const host = v.host ?? process.env.HOST ?? '127.0.0.1';
  const app = await buildApp({ store });
  // SIGTERM/SIGINT: stop taking requests, let those in flight finish (their documents drain from
  // the pool), then close the store; whatever still runs after 5 s is abandoned.
  let stopping = false;
  const close = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`vigie: ${signal}: finishing requests in flight, then stopping\n`);
    setTimeout(() => {
      process.stderr.write('vigie: still busy after 5 s, stopping now\n');
      process.exit(1);
    }, 5000).unref();
    try {
      await app.close();
      await store.close();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port, host });
  const shown = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
  process.stderr.write(`vigie: serving the desk on http://${shown}:${port}/ (API under /api, its documentation at /api/docs; Ctrl-C stops)\n`);
}

export function demoCorpusPath(): string {
  return join(packageRoot(), 'corpus', 'demo', 'dispatches.jsonl');
}

async function cmdDemo(v: Values): Promise<number> {
  const store = await openStore();
  // The demo corpus is small: re-extract it on every start so it shows what this version finds.
  const summary = await ingestWithPool(store, readInputs([demoCorpusPath()]), { update: true, onProgress: progressPrinter(null) });
  printSummary(summary, store);
  if (v['no-serve']) {
    await store.close();
    return summary.failed.length ? 1 : 0;
  }
  await serve(store, v);
  return -1; // keep running
}

async function cmdEval(args: string[], v: Values): Promise<number> {
  const [set, path] = args;
  if (!set || !path) throw new UsageError('eval: vigie eval <set> <path>');
  const { runEval } = await import('./eval/index.js');
  const limit = v.limit ? Number(v.limit) : undefined;
  const out = await runEval(set, path, { json: Boolean(v.json), system: v.system, limit, half: v.half, map: v.map, unit: Boolean(v.unit) });
  process.stdout.write(out.endsWith('\n') ? out : out + '\n');
  return 0;
}

/** `vigie gazetteer add <dump>...`: localities of GeoNames dumps into the user's overlay. */
async function cmdGazetteer(args: string[]): Promise<number> {
  const [sub, ...dumps] = args;
  if (sub !== 'add' || !dumps.length) throw new UsageError('gazetteer: vigie gazetteer add <GeoNames dump (ML.txt, allCountries.zip)>...');
  const { addDump, overlayPath } = await import('./gazetteer/overlay.js');
  const { gazetteerPath } = await import('./gazetteer/build.js');
  const path = overlayPath();
  if (!path) throw new UsageError('gazetteer add: the store is not a file; set VIGIE_GAZETTEER_OVERLAY=PATH');
  for (const dump of dumps) {
    if (!existsSync(dump)) throw new UsageError(`gazetteer add: ${dump}: no such file`);
    const r = await addDump(dump, gazetteerPath(), path);
    process.stdout.write(`${dump}: ${r.added} localities added, ${r.skipped} rows skipped → ${r.path}\n`);
  }
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-V') {
    process.stdout.write(`vigie ${version()}\n`);
    return 0;
  }
  const { values, positionals } = parseArgs({ args: rest, options: COMMON_OPTIONS, allowPositionals: true, strict: true });
  if (values.version) {
    process.stdout.write(`vigie ${version()}\n`);
    return 0;
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  switch (command) {
    case 'extract':
      return cmdExtract(positionals, values);
    case 'ingest':
      return cmdIngest(positionals, values);
    case 'watch':
      return cmdWatch(positionals, values);
    case 'export':
      if (positionals.length) throw new UsageError(`export takes no file names (got ${positionals.join(' ')}); --out FILE names the output`);
      return cmdExport(values);
    case 'serve':
      await serve(await openStore(), values);
      return -1;
    case 'demo':
      return cmdDemo(values);
    case 'eval':
      return cmdEval(positionals, values);
    case 'gazetteer':
      return cmdGazetteer(positionals);
    case 'worker':
      if (positionals.length) throw new UsageError(`worker takes no arguments (got ${positionals.join(' ')})`);
      return cmdWorker(values);
    case 'jobs':
      return cmdJobs(positionals);
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: Error) => {
    const usage = e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`vigie: ${e.message}\n${usage ? '\n' + USAGE + '\n' : ''}`);
    process.exitCode = 2;
  },
);
