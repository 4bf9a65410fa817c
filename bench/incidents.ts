// Incidents bench: (1) how long storing a document takes — its events merged into incidents — as
// the store grows from 10k to 100k events (it must stay flat, not grow with the store), on
// synthetic records spread over the world and two years; (2) the end-to-end ingest rate of
// `vigie ingest` on a folder of generated dispatches (pipeline in the worker pool, storage,
// incidents), in documents per second; and, on the grown store, the latency of filtered events and
// incidents queries through the API.
//
//   npm run bench:incidents [-- --events 100000 --docs 10000 --skip-ingest --store FILE]
// --store FILE keeps the grown store in FILE; a later run given the same FILE measures only the API on it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteStore } from '../src/store/sqlite.js';
import type { ExtractRecord, Place, VEvent } from '../src/types.js';
import { generateCorpus, loadDemoCorpus, prng } from './corpus.js';

const EVENTS_PER_DOC = 5;
const TYPES: [string, string, string][] = [
  ['Battles', 'Armed clash', 'ASSAULT'],
  ['Violence against civilians', 'Attack', 'ASSAULT'],
  ['Explosions/Remote violence', 'Air/drone strike', 'ASSAULT'],
  ['Protests', 'Peaceful protest', 'PROTEST'],
  ['Strategic developments', 'Arrests', 'COERCE'],
];
const ACTORS = ['Military Forces of A', 'Rebel Group B', 'Militia C', 'Police Forces of D', 'Group E', 'Group F'];

/** A synthetic record: EVENTS_PER_DOC events at random places (1,000 "towns") and days (two years). */
function syntheticRecord(id: string, rand: () => number): ExtractRecord {
  const places: Place[] = [];
  const events: VEvent[] = [];
  for (let k = 0; k < EVENTS_PER_DOC; k++) {
    const town = Math.floor(rand() * 1000);
    // towns on a coarse lattice over the inhabited latitudes, each with a stable position
    const lat = -35 + ((town * 37) % 95) + 0.01 * (town % 7);
    const lon = -120 + ((town * 53) % 260) + 0.01 * (town % 11);
    const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(rand() * 730) * 86_400_000).toISOString().slice(0, 10);
    const [eventType, subEventType, plover] = TYPES[Math.floor(rand() * TYPES.length)];
    const placeId = `p${k + 1}`;
    places.push({
      id: placeId, start: 0, end: 4, text: 'Town', geonameId: town, name: `Town ${town}`, lat, lon, country: 'XX', admin1: `Province ${town % 40}`,
      admin2: null, featureCode: 'PPL', geoPrecision: 1, metonym: false,
    });
    const actor = ACTORS[Math.floor(rand() * ACTORS.length)];
    events.push({
      id: `e${k + 1}`, trigger: { start: 0, end: 4, text: 'said' }, acled: { eventType, subEventType }, plover: { type: plover, mode: null },
      actor1: { name: actor, inter: 2, mention: null }, actor2: null,
      assocActor1: [], assocActor2: [], place: placeId, geoPrecision: 1, date: day, timePrecision: 1, time: null,
      fatalities: Math.floor(rand() * 5), tags: [], modality: 'asserted', attributedTo: [], confidence: 0.8, evidence: [], why: [],
    });
  }
  return { id, lang: 'en', published: null, source: `Outlet ${Math.floor(rand() * 20)}`, sentences: [], mentions: [], quotes: [], times: [], places, events };
}

interface GrowthRow {
  events: number;
  incidents: number;
  msPerDocument: number;
}

interface Latency {
  query: string;
  total: number;
  p50: number;
  p95: number;
  /** Mean CPU time of the process per request (ms). */
  cpuMs: number;
}

let apiLatency: Latency[] = [];

/** Filtered events and incidents queries through the API (fastify's inject: the route, its
 *  validation, the store and the JSON, without sockets): p50 and p95 over repeated runs. */
async function queryLatency(store: SqliteStore): Promise<Latency[]> {
  const { buildApp } = await import('../src/server/app.js');
  const app = await buildApp({ store, webRoot: null });
  const queries = [
    '/api/events?type=Battles&from=2023-06-01&to=2023-06-30',
    '/api/events?country=XX&admin1=Province%207&limit=50',
    '/api/events?actor=group%20e&plover=ASSAULT&from=2024-01-01&to=2024-03-31',
    '/api/events?subType=Arrests&limit=100',
    '/api/events?bbox=-20,0,20,30&from=2024-01&to=2024-06',
    '/api/events?plover=ASSAULT&from=2023-01-01&to=2023-12-31',
    '/api/incidents?from=2024-05-01&to=2024-05-31&type=Protests',
    '/api/places?country=XX&from=2024-01&to=2024-03&limit=50',
    '/api/actors?type=Battles&from=2024',
  ];
  const out: Latency[] = [];
  try {
    // The tenth page of a listing, reached by its cursor: a keyset, so no slower than the first.
    let url = '/api/events?plover=ASSAULT&from=2023-01-01&to=2023-12-31';
    for (let i = 0; i < 9; i++) {
      const next = (await app.inject({ url })).json().nextCursor as string;
      url = `/api/events?plover=ASSAULT&from=2023-01-01&to=2023-12-31&cursor=${encodeURIComponent(next)}`;
    }
    queries.push(url);
    for (const url of queries) {
      const times: number[] = [];
      let total = 0;
      let cpu = 0;
      for (let i = 0; i < 60; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const res = await app.inject({ url });
        times.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu += (c.user + c.system) / 1000;
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        total = res.json().total;
      }
      times.sort((a, b) => a - b);
      // CPU time of the process per request: what the query costs, whatever else loads the machine.
      const q = { query: url, total, p50: times[Math.floor(times.length * 0.5)], p95: times[Math.floor(times.length * 0.95)], cpuMs: cpu / times.length };
      out.push(q);
      const shown = url.includes('cursor=') ? `${url.split('&cursor=')[0]} (10th page, by cursor)` : url;
      process.stderr.write(`  ${shown}: ${q.total} matching, p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms, CPU ${q.cpuMs.toFixed(1)} ms\n`);
    }
  } finally {
    await app.close();
  }
  return out;
}

/** The store of an earlier run kept with --store FILE: only its API latency is measured again. */
async function reuseStore(path: string): Promise<boolean> {
  if (!existsSync(path)) return false;
  const store = new SqliteStore(path);
  await store.migrate();
  const events = (await store.listEvents({ limit: 1 })).total;
  process.stderr.write(`  reusing ${path}: ${events} events\n`);
  apiLatency = await queryLatency(store);
  await store.close();
  return true;
}

async function mergeGrowth(totalEvents: number, keep: string | undefined): Promise<GrowthRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-incidents-bench-'));
  const store = new SqliteStore(keep ?? join(dir, 'bench.db'));
  const rows: GrowthRow[] = [];
  const rand = prng(7);
  const step = 10_000;
  let stored = 0;
  let doc = 0;
  await store.migrate();
  for (let target = step; target <= totalEvents; target += step) {
    // Fill to the target, timing the last 500 documents of the step: the store at about that size.
    const timedFrom = target - 500 * EVENTS_PER_DOC;
    let timed = 0;
    let spent = 0;
    while (stored < target) {
      const id = `d${doc++}`;
      const t0 = performance.now();
      await store.putDocument({ id, text: `synthetic dispatch ${id}`, lang: 'en' }, syntheticRecord(id, rand));
      if (stored >= timedFrom) (spent += performance.now() - t0, timed++);
      stored += EVENTS_PER_DOC;
    }
    const incidents = (await store.listIncidents({ limit: 1 })).total;
    rows.push({ events: stored, incidents, msPerDocument: spent / timed });
    process.stderr.write(`  ${stored} events stored: ${(spent / timed).toFixed(3)} ms per new document (${incidents} incidents)\n`);
  }
  apiLatency = await queryLatency(store);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return rows;
}

function ingestRate(docs: number): { documents: number; seconds: number; documentsPerSecond: number; incidents: string } {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-ingest-bench-'));
  const folder = join(dir, 'dispatches');
  mkdirSync(folder);
  const corpus = generateCorpus(loadDemoCorpus(), { count: docs, seed: 11 });
  // One JSON file a dispatch would be read the same way; JSON Lines in files of 500 keep the folder listable.
  for (let i = 0; i < corpus.length; i += 500) {
    writeFileSync(join(folder, `part-${String(i / 500).padStart(3, '0')}.jsonl`), corpus.slice(i, i + 500).map((d) => JSON.stringify(d)).join('\n') + '\n');
  }
  const env = { ...process.env, VIGIE_DATABASE_URL: `sqlite:${join(dir, 'ingest.db')}` };
  const cli = join(process.cwd(), 'dist', 'src', 'cli.js');
  const t0 = performance.now();
  const run = spawnSync(process.execPath, ['--no-regexp-tier-up', cli, 'ingest', folder], { env, encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`ingest failed: ${run.stderr}`);
  const count = spawnSync(process.execPath, ['-e', `const D=require('better-sqlite3');const db=new D(${JSON.stringify(join(dir, 'ingest.db'))});const n=db.prepare('SELECT COUNT(*) n, SUM(n_documents>1) m FROM incidents').get();console.log(n.n+' incidents, '+n.m+' told by several dispatches')`], { encoding: 'utf8', cwd: process.cwd() });
  rmSync(dir, { recursive: true, force: true });
  return { documents: docs, seconds, documentsPerSecond: docs / seconds, incidents: count.stdout.trim() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { events: { type: 'string' }, docs: { type: 'string' }, 'skip-ingest': { type: 'boolean' }, store: { type: 'string' } },
  });
  const totalEvents = Number(values.events ?? 100_000);
  const docs = Number(values.docs ?? 10_000);
  if (values.store && (await reuseStore(values.store))) {
    process.stdout.write(JSON.stringify({ growth: [], api: apiLatency, ingest: null }) + '\n');
    return;
  }
  process.stderr.write(`merge time per new document as the store grows to ${totalEvents} events (${EVENTS_PER_DOC} events a document):\n`);
  const growth = await mergeGrowth(totalEvents, values.store);
  const first = growth[0]?.msPerDocument ?? 0;
  const last = growth[growth.length - 1]?.msPerDocument ?? 0;
  process.stderr.write(`  (API latency on the store at ${growth[growth.length - 1]?.events} events above)\n`);
  process.stderr.write(`  growth from ${growth[0]?.events} to ${growth[growth.length - 1]?.events} events: ×${(last / first).toFixed(2)} per document\n`);
  let ingest = null;
  if (!values['skip-ingest']) {
    process.stderr.write(`\nend-to-end: vigie ingest of a folder of ${docs} generated dispatches (pipeline in the pool, storage, incidents)...\n`);
    ingest = ingestRate(docs);
    process.stderr.write(`  ${ingest.documents} documents in ${ingest.seconds.toFixed(1)} s: ${ingest.documentsPerSecond.toFixed(1)} documents/s; ${ingest.incidents}\n`);
  }
  process.stdout.write(JSON.stringify({ growth, api: apiLatency, ingest }) + '\n');
}

await main();
