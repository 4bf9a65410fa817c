// Queue bench: documents/s with 1 and 2 `vigie worker` processes (each --concurrency 1) on
// generated dispatches, and the queue's own cost per document (enqueue, then dequeue + ack with a
// no-op processor). Needs a Redis: VIGIE_REDIS_URL (default redis://127.0.0.1:6379); every key
// it writes is under a prefix of its own, deleted at the end.
//
//   npm run bench:queue [-- --count 2000 --chars 3000 --workers 1,2]
//
// Writes .bench/queue.json and prints a table. Throughput is measured from the first
// document stored to the last (the workers' start-up, ~2 s to load the pipeline, is apart).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker, type ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { DocumentQueue, jobId, jobOptions, storedKey, type QueueConfig } from '../src/queue/queue.js';
import { generateCorpus, loadDemoCorpus, projectRoot } from './corpus.js';
import type { Document } from '../src/types.js';

const { values } = parseArgs({ options: { count: { type: 'string' }, chars: { type: 'string' }, workers: { type: 'string' }, overhead: { type: 'string' } } });
const COUNT = Number(values.count ?? 2000);
const CHARS = Number(values.chars ?? 3000);
const WORKERS = (values.workers ?? '1,2').split(',').map(Number);
const OVERHEAD_JOBS = Number(values.overhead ?? 2000);
const URL_ = process.env.VIGIE_REDIS_URL?.trim() || 'redis://127.0.0.1:6379';
const root = projectRoot();
const CLI = path.join(root, 'dist', 'src', 'cli.js');
const say = (s: string) => process.stderr.write(s + '\n');

function config(prefix: string): QueueConfig {
  return { url: URL_, name: 'vigie-documents', prefix, attempts: 5, backoffMs: 1000, lockMs: 30_000 };
}

async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}

function runWorker(env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--no-regexp-tier-up', CLI, 'worker', '--concurrency', '1', '--until-empty'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (code) => resolve(code));
  });
}

interface ThroughputRun {
  workers: number;
  documents: number;
  wallSeconds: number;
  /** From the first document stored to the last. */
  steadySeconds: number;
  docsPerSecond: number;
}

async function throughput(docs: Document[], workers: number, redis: Redis): Promise<ThroughputRun> {
  const prefix = `vigie-bench-${process.pid}-w${workers}`;
  const cfg = config(prefix);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-bench-queue-'));
  const q = new DocumentQueue(cfg);
  try {
    await q.queue.addBulk(docs.map((doc) => ({ name: 'document', data: { doc }, opts: { ...jobOptions(cfg), jobId: jobId({ doc }) } })));
    const env = { ...process.env, VIGIE_REDIS_URL: URL_, VIGIE_QUEUE_PREFIX: prefix, VIGIE_DATABASE_URL: `sqlite:${path.join(dir, 'v.db')}` };
    // The store is created (migrated) once, before the workers race to do it.
    const { openStore } = await import('../src/store/index.js');
    await (await openStore(env.VIGIE_DATABASE_URL)).close();
    const t0 = performance.now();
    const codes = await Promise.all(Array.from({ length: workers }, () => runWorker(env)));
    const wall = (performance.now() - t0) / 1000;
    if (codes.some((c) => c !== 0)) throw new Error(`a worker exited with ${codes.join(', ')}`);
    const stamps = (await redis.zrange(storedKey(cfg), 0, -1, 'WITHSCORES')).filter((_, i) => i % 2 === 1).map(Number);
    if (stamps.length !== docs.length) throw new Error(`${stamps.length} documents stored of ${docs.length}`);
    const steady = (Math.max(...stamps) - Math.min(...stamps)) / 1000;
    return { workers, documents: stamps.length, wallSeconds: round(wall), steadySeconds: round(steady), docsPerSecond: round((stamps.length - 1) / steady) };
  } finally {
    await q.close();
    await dropPrefix(redis, prefix);
  }
}

interface Overhead {
  jobs: number;
  /** DocumentQueue.enqueue (a look-up of the job id, then the add), one document at a time. */
  enqueueMsPerDoc: number;
  /** A BullMQ worker with a no-op processor, concurrency 1: fetch, lock, run, ack, next. */
  dequeueAckMsPerDoc: number;
  totalMsPerDoc: number;
}

async function overhead(docs: Document[], redis: Redis): Promise<Overhead> {
  const prefix = `vigie-bench-${process.pid}-noop`;
  const cfg = config(prefix);
  const q = new DocumentQueue(cfg);
  const conn = new Redis(URL_, { maxRetriesPerRequest: null });
  try {
    const jobs = docs.slice(0, OVERHEAD_JOBS);
    const t0 = performance.now();
    for (const doc of jobs) await q.enqueue({ doc });
    const enqueueMs = performance.now() - t0;
    let done = 0;
    const t1 = performance.now();
    await new Promise<void>((resolve) => {
      const w = new Worker(cfg.name, async () => {
        if (++done === jobs.length) setImmediate(() => void w.close().then(resolve));
        return null;
      }, { connection: conn as ConnectionOptions, prefix, concurrency: 1 });
    });
    const workMs = performance.now() - t1;
    return { jobs: jobs.length, enqueueMsPerDoc: round(enqueueMs / jobs.length, 3), dequeueAckMsPerDoc: round(workMs / jobs.length, 3), totalMsPerDoc: round((enqueueMs + workMs) / jobs.length, 3) };
  } finally {
    await q.close();
    conn.disconnect();
    await dropPrefix(redis, prefix);
  }
}

function round(x: number, d = 2): number {
  return Math.round(x * 10 ** d) / 10 ** d;
}

async function main(): Promise<void> {
  const redis = new Redis(URL_, { maxRetriesPerRequest: 1 });
  try {
    await redis.ping();
  } catch (e) {
    say(`bench:queue: no Redis at ${URL_} (${(e as Error).message}); set VIGIE_REDIS_URL`);
    process.exitCode = 2;
    redis.disconnect();
    return;
  }
  const docs = generateCorpus(loadDemoCorpus(root), { count: COUNT, targetChars: CHARS });
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  say(`bench:queue: ${docs.length} generated dispatches, ${Math.round(chars / docs.length)} characters on average; Redis ${URL_}; ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const over = await overhead(docs, redis);
  say(`queue overhead (no-op processor, ${over.jobs} jobs): enqueue ${over.enqueueMsPerDoc} ms/doc, dequeue+ack ${over.dequeueAckMsPerDoc} ms/doc, total ${over.totalMsPerDoc} ms/doc`);
  const runs: ThroughputRun[] = [];
  for (const w of WORKERS) {
    const r = await throughput(docs, w, redis);
    runs.push(r);
    say(`${w} worker(s): ${r.documents} documents in ${r.steadySeconds} s (first to last stored; ${r.wallSeconds} s with start-up) → ${r.docsPerSecond} documents/s`);
  }
  const base = runs.find((r) => r.workers === 1);
  const speedups = runs.filter((r) => base && r.workers > 1).map((r) => ({ workers: r.workers, speedup: round(r.docsPerSecond / base!.docsPerSecond) }));
  for (const s of speedups) say(`speed-up with ${s.workers} workers: ×${s.speedup}`);
  const out = path.join(root, '.bench');
  mkdirSync(out, { recursive: true });
  const report = { date: new Date().toISOString(), cores: os.availableParallelism(), loadAvg: os.loadavg(), documents: docs.length, avgChars: Math.round(chars / docs.length), overhead: over, runs, speedups };
  writeFileSync(path.join(out, 'queue.json'), JSON.stringify(report, null, 2) + '\n');
  say(`written ${path.join(out, 'queue.json')}`);
  redis.disconnect();
}

await main();
