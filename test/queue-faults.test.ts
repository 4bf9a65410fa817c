// Fault tests of the work queue, on real Redis servers and a SQLite file store: a worker killed
// (kill -9) in the middle of a batch, Redis killed and restarted in the middle of a batch, a store
// refusing writes for 10 s. Each counts what was stored: every document once, nothing lost.
// Without Redis (or redis-server) they report themselves skipped, with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { extract } from '../src/pipeline/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { DocumentQueue, queueCounts, type QueueConfig } from '../src/queue/queue.js';
import { DocumentWorker } from '../src/queue/worker.js';
import { dispatches, dropPrefix, freePort, REDIS_URL, redisProblem, storeCounts, storedSoFar, testPrefix, vigie, waitFor, writeJsonl } from './queue-fixtures.js';

const LONG = { timeout: 240_000 };

async function countsOf(url: string, prefix: string) {
  const conn = new Redis(url, { maxRetriesPerRequest: null });
  const q = new Queue('vigie-documents', { connection: conn, prefix });
  try {
    return await queueCounts(q);
  } finally {
    await q.close();
    conn.disconnect();
  }
}

test('fault: a worker killed with kill -9 in the middle of 1,000 documents, then restarted: every document stored exactly once', LONG, async (t) => {
  const problem = await redisProblem();
  if (problem) return t.skip(problem);
  const prefix = testPrefix('kill');
  const dir = await mkdtemp(join(tmpdir(), 'vigie-fault-kill-'));
  const db = join(dir, 'v.db');
  const docs = dispatches(1000, 'kill');
  await writeJsonl(join(dir, 'batch.jsonl'), docs);
  // A short lock: the killed worker's jobs are taken again after 3 s, not 30.
  const env = { VIGIE_REDIS_URL: REDIS_URL, VIGIE_QUEUE_PREFIX: prefix, VIGIE_DATABASE_URL: `sqlite:${db}`, VIGIE_QUEUE_LOCK_MS: '3000' };
  let first: ReturnType<typeof vigie> | null = null;
  try {
    const enq = await vigie(['ingest', join(dir, 'batch.jsonl')], env).done;
    assert.equal(enq.code, 0, enq.stderr);
    assert.match(enq.stderr, /enqueued 1000,/);
    first = vigie(['worker', '--concurrency', '2'], env);
    await waitFor(() => storedSoFar(db) >= 250, 180_000, '250 documents stored by the first worker');
    first.child.kill('SIGKILL');
    const killed = await first.done;
    assert.equal(killed.signal, 'SIGKILL');
    const atKill = storedSoFar(db);
    const queueAtKill = await countsOf(REDIS_URL, prefix);
    t.diagnostic(`killed at ${atKill} stored; queue then: ${JSON.stringify(queueAtKill)}`);
    assert.ok(atKill < 1000, 'killed in the middle of the batch');
    const second = await vigie(['worker', '--concurrency', '2', '--until-empty'], env).done;
    assert.equal(second.code, 0, second.stderr);
    const c = storeCounts(db, docs);
    const q = await countsOf(REDIS_URL, prefix);
    const summary = /worker: stored \d+, duplicates \d+/.exec(second.stderr)?.[0] ?? '?';
    t.diagnostic(`after restart: ${c.documents} rows, ${c.distinctHashes} distinct hashes, ${c.expectedFound}/1000 texts found; ${c.events} events (records: ${c.recordEvents}), ${c.incidentMembers} incident members; restarted ${summary}; queue ${JSON.stringify(q)}`);
    assert.equal(c.documents, 1000, 'no document lost, none twice');
    assert.equal(c.distinctHashes, 1000);
    assert.equal(c.expectedFound, 1000);
    assert.equal(c.events, c.recordEvents, 'no event stored twice');
    assert.equal(q.failed, 0);
    assert.equal(q.waiting + q.active + q.delayed, 0);
    assert.equal(q.completed, 1000);
  } finally {
    if (first && first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
    await dropPrefix(prefix);
  }
});

/** A redis-server of the test's own (not daemonised, so the test holds its pid), persisting to
 *  an append-only file fsync'ed at every write: killed with -9, it comes back with the queue. */
function startRedis(port: number, dir: string): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes',
    '--appendfsync', 'always', '--dir', dir, '--protected-mode', 'no'], { stdio: 'ignore' });
}

test('fault: Redis killed (kill -9) and restarted in the middle of a batch: the worker reconnects and finishes, every document once', LONG, async (t) => {
  if (spawnSync('redis-server', ['--version']).status !== 0) return t.skip('redis-server is not installed: cannot start a Redis of the test\'s own');
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const dir = await mkdtemp(join(tmpdir(), 'vigie-fault-redis-'));
  const db = join(dir, 'v.db');
  let redis = startRedis(port, dir);
  let worker: ReturnType<typeof vigie> | null = null;
  try {
    await waitFor(async () => (await redisProblem(url)) === null, 10_000, 'the test Redis to start');
    const docs = dispatches(400, 'redis');
    await writeJsonl(join(dir, 'batch.jsonl'), docs);
    const env = { VIGIE_REDIS_URL: url, VIGIE_QUEUE_PREFIX: 'vigie-fault', VIGIE_DATABASE_URL: `sqlite:${db}`, VIGIE_QUEUE_LOCK_MS: '3000' };
    const enq = await vigie(['ingest', join(dir, 'batch.jsonl')], env).done;
    assert.equal(enq.code, 0, enq.stderr);
    worker = vigie(['worker', '--concurrency', '2', '--until-empty'], env);
    await waitFor(() => storedSoFar(db) >= 80, 180_000, '80 documents stored');
    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));
    const atKill = storedSoFar(db);
    await new Promise((r) => setTimeout(r, 3000));
    const duringOutage = storedSoFar(db);
    assert.equal(worker.child.exitCode, null, 'the worker waits for Redis instead of exiting');
    redis = startRedis(port, dir);
    const end = await worker.done;
    assert.equal(end.code, 0, end.stderr);
    const c = storeCounts(db, docs);
    const q = await countsOf(url, 'vigie-fault');
    const reconnects = (end.stderr.match(/ECONNREFUSED|Connection is closed/g) ?? []).length;
    t.diagnostic(`Redis killed at ${atKill} stored (${duringOutage} after 3 s without it); after restart: ${c.documents} rows, ${c.distinctHashes} distinct, ${c.expectedFound}/400 texts found, ${c.events} events (records: ${c.recordEvents}); ${reconnects} connection errors logged; queue ${JSON.stringify(q)}`);
    assert.ok(atKill < 400, 'Redis was killed in the middle of the batch');
    assert.equal(c.documents, 400);
    assert.equal(c.expectedFound, 400);
    assert.equal(c.events, c.recordEvents);
    assert.equal(q.failed, 0);
    assert.equal(q.completed, 400);
  } finally {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    redis.kill('SIGKILL');
  }
});

test('fault: a store refusing every write for 10 s: jobs retry with backoff and all go through, once', LONG, async (t) => {
  const problem = await redisProblem();
  if (problem) return t.skip(problem);
  const prefix = testPrefix('refuse');
  const dir = await mkdtemp(join(tmpdir(), 'vigie-fault-store-'));
  const db = join(dir, 'v.db');
  const store = await openStore(`sqlite:${db}`);
  // The store as a worker sees it while its database refuses connections: every write throws
  // for 10 s from the first one, then goes through.
  let refusedUntil = 0;
  let refusals = 0;
  const refusing = Object.create(store) as Store;
  refusing.putDocument = async (doc, record) => {
    if (!refusedUntil) refusedUntil = Date.now() + 10_000;
    if (Date.now() < refusedUntil) {
      refusals++;
      throw new Error('connection refused (the store is down)');
    }
    return store.putDocument(doc, record);
  };
  // Attempts 5, first delay 1 s doubled: retries 1, 2, 4 and 8 s later, 15 s in all (> 10 s).
  const config: QueueConfig = { url: REDIS_URL, name: 'vigie-documents', prefix, attempts: 5, backoffMs: 1000, lockMs: 5000 };
  const queue = new DocumentQueue(config);
  const worker = new DocumentWorker({ config, store: refusing, extract: async (doc) => extract(doc), concurrency: 2 });
  try {
    const docs = dispatches(40, 'refuse');
    for (const doc of docs) await queue.enqueue({ doc });
    const started = Date.now();
    await worker.drained(200);
    const c = storeCounts(db, docs);
    const q = await queueCounts(queue.queue);
    t.diagnostic(`${refusals} writes refused, ${worker.totals.retried} retries; drained in ${((Date.now() - started) / 1000).toFixed(1)} s; ${c.documents} rows, ${c.expectedFound}/40 texts, ${c.events} events (records: ${c.recordEvents}); queue ${JSON.stringify(q)}`);
    assert.ok(refusals > 0 && worker.totals.retried > 0);
    assert.equal(c.documents, 40);
    assert.equal(c.expectedFound, 40);
    assert.equal(c.events, c.recordEvents);
    assert.equal(q.failed, 0);
    assert.equal(q.completed, 40);
  } finally {
    await worker.close();
    await queue.close();
    await store.close();
    await dropPrefix(prefix);
  }
});
