// The work queue: job processing (idempotent, permanent vs. retried failures) without Redis, then
// enqueue/worker/jobs/status against the real Redis of the machine (skipped, with the reason,
// when there is none).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { extract } from '../src/pipeline/index.js';
import { DocumentFailed } from '../src/pool/pool.js';
import { openStore, type Store } from '../src/store/index.js';
import { DocumentQueue, failedJobs, jobId, queueConfig, queueCounts, retryFailed, type QueueConfig } from '../src/queue/queue.js';
import { processDocument, DocumentWorker, isPermanent, whileBusy, type Extract } from '../src/queue/worker.js';
import { enqueueItems } from '../src/queue/enqueue.js';
import { buildApp } from '../src/server/app.js';
import { statusPlugin } from '../src/server/status.js';
import type { InputItem } from '../src/io/input.js';
import type { Document } from '../src/types.js';
import { dispatches, dropPrefix, REDIS_URL, redisProblem, storeCounts, testPrefix, vigie, waitFor } from './queue-fixtures.js';
import Fastify from 'fastify';

const inThread: Extract = async (doc) => extract(doc);

async function tempStore(): Promise<{ store: Store; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-queue-'));
  const path = join(dir, 'v.db');
  return { store: await openStore(`sqlite:${path}`), path };
}

async function* itemsOf(docs: Document[]): AsyncIterable<InputItem> {
  for (const doc of docs) yield { kind: 'document', origin: doc.id, doc };
}

test('queueConfig: none without VIGIE_REDIS_URL, defaults with it, a bad URL or number refused', () => {
  assert.equal(queueConfig({}), null);
  assert.equal(queueConfig({ VIGIE_REDIS_URL: '  ' }), null);
  const c = queueConfig({ VIGIE_REDIS_URL: 'redis://10.0.0.5:6380' })!;
  assert.deepEqual([c.name, c.prefix, c.attempts, c.backoffMs, c.lockMs], ['vigie-documents', 'bull', 5, 1000, 30_000]);
  assert.equal(queueConfig({ VIGIE_REDIS_URL: 'redis://h', VIGIE_QUEUE_ATTEMPTS: '8' })!.attempts, 8);
  assert.throws(() => queueConfig({ VIGIE_REDIS_URL: 'localhost:6379' }), /expected redis:\/\//);
  assert.throws(() => queueConfig({ VIGIE_REDIS_URL: 'redis://h', VIGIE_QUEUE_ATTEMPTS: 'many' }), /VIGIE_QUEUE_ATTEMPTS/);
});

test('jobId: the content hash, the same for the same text whatever its id or line endings; an update is another job', () => {
  const a: Document = { id: 'one', text: 'Des ouvriers ont manifesté à Brest.\r\n' };
  const b: Document = { id: 'two', text: 'Des ouvriers ont manifesté à Brest.\n' };
  assert.equal(jobId({ doc: a }), jobId({ doc: b }));
  assert.match(jobId({ doc: a }), /^[0-9a-f]{64}$/);
  assert.notEqual(jobId({ doc: a, update: true }), jobId({ doc: a }));
  assert.notEqual(jobId({ doc: { id: 'one', text: 'Des ouvriers ont manifesté à Metz.' } }), jobId({ doc: a }));
});

test('processDocument: stores once; a job run again is a duplicate and is not extracted again', async () => {
  const { store, path } = await tempStore();
  try {
    let runs = 0;
    const counting: Extract = async (doc) => (runs++, extract(doc));
    const [doc] = dispatches(1, 'pd');
    const first = await processDocument(store, counting, { doc });
    assert.deepEqual(first, { status: 'inserted', id: doc.id });
    const again = await processDocument(store, counting, { doc: { ...doc, id: 'another-id' } });
    assert.deepEqual(again, { status: 'duplicate', id: doc.id });
    assert.equal(runs, 1);
    const updated = await processDocument(store, counting, { doc, update: true });
    assert.deepEqual(updated, { status: 'updated', id: doc.id });
    assert.equal(runs, 2);
    const c = storeCounts(path);
    assert.equal(c.documents, 1);
    assert.equal(c.events, c.recordEvents);
  } finally {
    await store.close();
  }
});

test('processDocument: a budget overrun or a pipeline error is permanent (no retry); a crashed worker or a store error is retried', async () => {
  const { store } = await tempStore();
  try {
    const [doc] = dispatches(1, 'perm');
    for (const reason of ['timeout', 'memory', 'error'] as const) {
      const failing: Extract = async () => { throw new DocumentFailed(doc.id, reason, `${doc.id}: ${reason}`); };
      await assert.rejects(processDocument(store, failing, { doc }), (e) => e instanceof UnrecoverableError && e.message.includes(reason), reason);
    }
    const crash: Extract = async () => { throw new DocumentFailed(doc.id, 'crash', 'worker crashed'); };
    await assert.rejects(processDocument(store, crash, { doc }), (e) => !(e instanceof UnrecoverableError) && e instanceof DocumentFailed);
    assert.equal(isPermanent(new Error('SQLITE_BUSY')), false);
    assert.equal(isPermanent(new DocumentFailed('x', 'closed', 'closed')), false);
    const refusing = Object.create(store) as Store;
    refusing.putDocument = async () => { throw new Error('database is locked'); };
    await assert.rejects(processDocument(refusing, inThread, { doc }), (e) => !(e instanceof UnrecoverableError) && /locked/.test((e as Error).message));
  } finally {
    await store.close();
  }
});

test('whileBusy: a write meeting lock contention is tried again at once; other errors, or contention that lasts, go to the queue', async () => {
  let calls = 0;
  const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
  assert.equal(await whileBusy(async () => (++calls < 3 ? Promise.reject(busy) : 'stored')), 'stored');
  assert.equal(calls, 3);
  calls = 0;
  await assert.rejects(whileBusy(async () => { calls++; throw new Error('disk full'); }), /disk full/);
  assert.equal(calls, 1, 'not a lock: not retried here');
  calls = 0;
  await assert.rejects(whileBusy(async () => { calls++; throw busy; }, 4), /locked/);
  assert.equal(calls, 4);
});

test('/api/status without a queue: {queue: null}', async () => {
  const app = Fastify();
  await app.register(statusPlugin(null));
  const res = await app.inject({ method: 'GET', url: '/api/status' });
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), { queue: null });
  await app.close();
});

test('vigie worker without VIGIE_REDIS_URL says what to set', async () => {
  const env = { VIGIE_REDIS_URL: '' };
  const r = await vigie(['worker', '--until-empty'], env).done;
  assert.equal(r.code, 2);
  assert.match(r.stderr, /set VIGIE_REDIS_URL/);
  const bad = await vigie(['worker', '--concurrency', '0'], { VIGIE_REDIS_URL: 'redis://127.0.0.1:1' }).done;
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--concurrency 0/);
});

function configFor(prefix: string, over: Partial<QueueConfig> = {}): QueueConfig {
  return { url: REDIS_URL, name: 'vigie-documents', prefix, attempts: 5, backoffMs: 200, lockMs: 5000, ...over };
}

test('queue on Redis: a text enqueued twice is one job; already stored texts are not enqueued', async (t) => {
  const problem = await redisProblem();
  if (problem) return t.skip(problem);
  const prefix = testPrefix('enq');
  const { store } = await tempStore();
  const queue = new DocumentQueue(configFor(prefix));
  try {
    const docs = dispatches(3, 'enq');
    const copy = { ...docs[0], id: 'same-text-other-id' };
    const s = await enqueueItems(store, queue, itemsOf([...docs, copy, { ...docs[1] }]));
    assert.deepEqual([s.enqueued, s.queued, s.stored, s.failed.length], [3, 2, 0, 0]);
    assert.equal((await queueCounts(queue.queue)).waiting, 3);
    await store.putDocument(docs[2], await extract(docs[2]));
    const s2 = await enqueueItems(store, queue, itemsOf([docs[2]]));
    assert.deepEqual([s2.enqueued, s2.queued, s2.stored], [0, 0, 1]);
  } finally {
    await queue.close();
    await store.close();
    await dropPrefix(prefix);
  }
});

test('queue on Redis: a worker stores every job once, retries a passing failure, keeps a budget overrun as failed (one attempt), and jobs retry puts it back', async (t) => {
  const problem = await redisProblem();
  if (problem) return t.skip(problem);
  const prefix = testPrefix('work');
  const config = configFor(prefix);
  const { store, path } = await tempStore();
  const queue = new DocumentQueue(config);
  const docs = dispatches(6, 'work');
  const [slow, flaky] = [docs[0], docs[1]];
  let flakyRuns = 0;
  let slowAllowed = false;
  const extractor: Extract = async (doc) => {
    if (doc.id === slow.id && !slowAllowed) throw new DocumentFailed(doc.id, 'timeout', `${doc.id}: not processed: over its time budget of 1 s`);
    if (doc.id === flaky.id && ++flakyRuns < 3) throw new Error('worker thread lost');
    return extract(doc);
  };
  const worker = new DocumentWorker({ config, store, extract: extractor, concurrency: 2 });
  const app = Fastify();
  try {
    for (const doc of docs) await queue.enqueue({ doc });
    await worker.drained(100);
    const counts = await queueCounts(queue.queue);
    assert.equal(counts.completed, 5);
    assert.equal(counts.failed, 1);
    const failed = await failedJobs(queue.queue);
    assert.equal(failed.length, 1);
    assert.equal(failed[0].docId, slow.id);
    assert.equal(failed[0].attempts, 1, 'a budget overrun is not retried');
    assert.match(failed[0].reason, /time budget/);
    assert.equal(flakyRuns, 3, 'the passing failure was retried until it went through');
    assert.equal(worker.totals.inserted, 5);
    assert.equal(worker.totals.retried, 2);
    // /api/status sees the same queue and the documents stored in the last minute.
    await app.register(statusPlugin(config));
    const status = (await app.inject({ method: 'GET', url: '/api/status' })).json() as { queue: Record<string, number | string> };
    assert.equal(status.queue.failed, 1);
    assert.equal(status.queue.completed, 5);
    assert.equal(status.queue.waiting, 0);
    assert.equal(status.queue.storedLastMinute, 5);
    // Fixed: the failed job goes back on the queue and through.
    slowAllowed = true;
    assert.equal(await retryFailed(queue.queue), 1);
    await waitFor(async () => (await queueCounts(queue.queue)).completed === 6, 20_000, 'the retried job');
    const c = storeCounts(path, docs);
    t.diagnostic(`stored ${c.documents} documents, ${c.distinctHashes} distinct texts, ${c.events} events (records: ${c.recordEvents})`);
    assert.equal(c.documents, 6);
    assert.equal(c.expectedFound, 6);
    assert.equal(c.events, c.recordEvents);
  } finally {
    await app.close();
    await worker.close();
    await queue.close();
    await store.close();
    await dropPrefix(prefix);
  }
});

test('queue on Redis: vigie ingest enqueues, vigie worker --until-empty stores and exits 0, vigie jobs failed lists nothing', async (t) => {
  const problem = await redisProblem();
  if (problem) return t.skip(problem);
  const prefix = testPrefix('cli');
  const dir = await mkdtemp(join(tmpdir(), 'vigie-queue-cli-'));
  const db = join(dir, 'v.db');
  const docs = dispatches(4, 'cli');
  const { writeJsonl } = await import('./queue-fixtures.js');
  await writeJsonl(join(dir, 'd.jsonl'), docs);
  const env = { VIGIE_REDIS_URL: REDIS_URL, VIGIE_QUEUE_PREFIX: prefix, VIGIE_DATABASE_URL: `sqlite:${db}` };
  try {
    const first = await vigie(['ingest', join(dir, 'd.jsonl')], env).done;
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /enqueued 4, already queued 0/);
    const second = await vigie(['ingest', join(dir, 'd.jsonl')], env).done;
    assert.match(second.stderr, /enqueued 0, already queued 4/);
    const work = await vigie(['worker', '--concurrency', '2', '--until-empty'], env).done;
    assert.equal(work.code, 0, work.stderr);
    assert.match(work.stderr, /stored 4, duplicates 0/);
    assert.equal(storeCounts(db, docs).expectedFound, 4);
    const failed = await vigie(['jobs', 'failed'], env).done;
    assert.equal(failed.code, 0);
    assert.match(failed.stderr, /0 failed job\(s\)/);
    // With the queue set, the server's status shows it.
    const { store } = { store: await openStore(`sqlite:${db}`) };
    const saved = process.env.VIGIE_REDIS_URL;
    const savedPrefix = process.env.VIGIE_QUEUE_PREFIX;
    process.env.VIGIE_REDIS_URL = REDIS_URL;
    process.env.VIGIE_QUEUE_PREFIX = prefix;
    const app = await buildApp({ store });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/status' });
      assert.equal(res.statusCode, 200);
      const q = (res.json() as { queue: { completed: number; storedLastMinute: number } }).queue;
      assert.equal(q.completed, 4);
      assert.equal(q.storedLastMinute, 4);
    } finally {
      if (saved === undefined) delete process.env.VIGIE_REDIS_URL; else process.env.VIGIE_REDIS_URL = saved;
      if (savedPrefix === undefined) delete process.env.VIGIE_QUEUE_PREFIX; else process.env.VIGIE_QUEUE_PREFIX = savedPrefix;
      await app.close();
      await store.close();
    }
  } finally {
    await dropPrefix(prefix);
  }
});

test('queue on Redis: SIGTERM stops vigie worker gracefully: the jobs in hand finish, none is left running, the rest wait', async (t) => {
  const problem = await redisProblem();
  if (problem) return t.skip(problem);
  const prefix = testPrefix('term');
  const dir = await mkdtemp(join(tmpdir(), 'vigie-queue-term-'));
  const db = join(dir, 'v.db');
  const docs = dispatches(150, 'term');
  const { writeJsonl, storedSoFar } = await import('./queue-fixtures.js');
  await writeJsonl(join(dir, 'd.jsonl'), docs);
  const env = { VIGIE_REDIS_URL: REDIS_URL, VIGIE_QUEUE_PREFIX: prefix, VIGIE_DATABASE_URL: `sqlite:${db}` };
  try {
    assert.equal((await vigie(['ingest', join(dir, 'd.jsonl')], env).done).code, 0);
    const run = vigie(['worker', '--concurrency', '2'], env);
    await waitFor(() => storedSoFar(db) >= 10, 60_000, '10 documents stored');
    run.child.kill('SIGTERM');
    const end = await run.done;
    assert.equal(end.code, 0, end.stderr);
    assert.match(end.stderr, /SIGTERM: finishing the job\(s\) in hand/);
    const queue = new DocumentQueue(configFor(prefix));
    try {
      const c = await queueCounts(queue.queue);
      const stored = storeCounts(db).documents;
      t.diagnostic(`stopped at ${stored} stored; queue ${JSON.stringify(c)}`);
      assert.equal(c.active, 0, 'no job left running (they would wait for their lock to expire)');
      assert.equal(c.completed, stored);
      assert.equal(c.completed + c.waiting, 150);
      assert.ok(c.waiting > 0, 'stopped before the end of the batch');
    } finally {
      await queue.close();
    }
  } finally {
    await dropPrefix(prefix);
  }
});

test('queue on Redis: vigie watch --once enqueues the new files of a folder, and not again on the next poll', async (t) => {
  const problem = await redisProblem();
  if (problem) return t.skip(problem);
  const prefix = testPrefix('watch');
  const dir = await mkdtemp(join(tmpdir(), 'vigie-queue-watch-'));
  const inbox = join(dir, 'inbox');
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(inbox);
  const [a, b] = dispatches(2, 'watch');
  await writeFile(join(inbox, 'a.txt'), a.text);
  await writeFile(join(inbox, 'b.txt'), b.text);
  const env = { VIGIE_REDIS_URL: REDIS_URL, VIGIE_QUEUE_PREFIX: prefix, VIGIE_DATABASE_URL: `sqlite:${join(dir, 'v.db')}` };
  const queue = new DocumentQueue(configFor(prefix));
  try {
    const first = await vigie(['watch', inbox, '--once'], env).done;
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /2 new/);
    assert.equal((await queueCounts(queue.queue)).waiting, 2);
    const second = await vigie(['watch', inbox, '--once'], env).done;
    assert.match(second.stderr, /0 new/);
    assert.equal((await queueCounts(queue.queue)).waiting, 2, 'nothing enqueued twice');
    assert.equal(storeCounts(join(dir, 'v.db')).documents, 0, 'watch extracted nothing itself');
  } finally {
    await queue.close();
    await dropPrefix(prefix);
  }
});

test('vigie ingest and vigie jobs with a Redis that does not answer: a clear error, not a wait without end', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-queue-down-'));
  const { writeJsonl } = await import('./queue-fixtures.js');
  await writeJsonl(join(dir, 'd.jsonl'), dispatches(2, 'down'));
  const env = { VIGIE_REDIS_URL: 'redis://127.0.0.1:1', VIGIE_REDIS_TIMEOUT_MS: '1500', VIGIE_DATABASE_URL: `sqlite:${join(dir, 'v.db')}` };
  const ingestRun = await vigie(['ingest', join(dir, 'd.jsonl')], env).done;
  assert.notEqual(ingestRun.code, 0);
  assert.match(ingestRun.stderr, /no answer from Redis within 1.5 s/);
  const jobs = await vigie(['jobs', 'failed'], env).done;
  assert.notEqual(jobs.code, 0);
  assert.match(jobs.stderr, /no answer from Redis/);
});

test('/api/status answers 503 when its Redis does not', async () => {
  const app = Fastify();
  await app.register(statusPlugin(configFor('vigie-test-nowhere', { url: 'redis://127.0.0.1:1' })));
  try {
    const res = await app.inject({ method: 'GET', url: '/api/status' });
    assert.equal(res.statusCode, 503);
    assert.match((res.json() as { queue: { error: string } }).queue.error, /unreachable/);
  } finally {
    await app.close();
  }
});
