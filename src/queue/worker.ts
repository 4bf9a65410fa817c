// `vigie worker`: takes documents off the queue, extracts them (an ExtractionPool, one worker
// thread per job run at once) and stores them. Stateless: any number of them, on any machines,
// share one queue and one store.
import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { performance } from 'node:perf_hooks';
import { DocumentFailed } from '../pool/pool.js';
import { contentHash, type Store } from '../store/store.js';
import type { Document, ExtractRecord } from '../types.js';
import { queueCounts, redisConnection, storedKey, type DocumentJob, type JobOutcome, type QueueConfig } from './queue.js';
import { Queue } from 'bullmq';

export type Extract = (doc: Document) => Promise<ExtractRecord>;

/**
 * Why a document could not be extracted, as retry or not: a document over its time or memory
 * budget, or one the pipeline throws on, would do the same again, so it fails at once
 * (UnrecoverableError: no retry); a worker thread that crashed, or a pool shutting down, may not.
 */
export function isPermanent(e: unknown): boolean {
  return e instanceof DocumentFailed && (e.reason === 'timeout' || e.reason === 'memory' || e.reason === 'error');
}

/**
 * One job: the document extracted and stored, idempotently. A text already stored is not extracted
 * again (unless the job is an update); and putDocument itself answers 'duplicate' for a stored
 * hash, so two runs of one job racing each other still store one document.
 */
export async function processDocument(store: Store, extract: Extract, job: DocumentJob): Promise<JobOutcome> {
  const { doc } = job;
  const existing = await store.findByHash(contentHash(doc.text));
  if (existing && !job.update) return { status: 'duplicate', id: existing };
  let record: ExtractRecord;
  try {
    if (existing) {
      // A re-run keeps the stored dateline and outlet when the job does not give them (as ingest does).
      const stored = await store.getDocument(existing);
      record = await extract({ ...doc, published: doc.published ?? stored?.published ?? null, source: doc.source ?? stored?.source ?? null });
    } else record = await extract(doc);
  } catch (e) {
    if (isPermanent(e)) throw new UnrecoverableError((e as Error).message);
    throw e;
  }
  if (existing) {
    await whileBusy(() => store.replaceRecord(existing, record));
    return { status: 'updated', id: existing };
  }
  if (job.replaces) return whileBusy(() => store.replaceDocument(job.replaces!, doc, record));
  return whileBusy(() => store.putDocument(doc, record));
}

/** A write refused because another process holds the database's write lock (SQLite shared by
 *  several workers: a transaction that began reading cannot wait for it and fails at once). */
export function isLockContention(e: unknown): boolean {
  const code = String((e as { code?: string })?.code ?? '');
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked/i.test(String((e as Error)?.message));
}

/**
 * Retries a write that met lock contention a few times within a second, with jitter: it is over
 * in milliseconds, and the queue's backoff (1 s, then 2, 4, 8) is for outages. Anything else, or
 * contention that lasts, goes to the queue's retries.
 */
export async function whileBusy<T>(write: () => Promise<T>, tries = 12): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (e) {
      if (i >= tries || !isLockContention(e)) throw e;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 15 * i));
    }
  }
}

export interface WorkerOptions {
  config: QueueConfig;
  store: Store;
  extract: Extract;
  /** Jobs run at once (default 1). */
  concurrency?: number;
  /** Told each job's end, for the CLI's log lines. */
  log?: (line: string) => void;
}

/** A running queue worker. */
export class DocumentWorker {
  readonly worker: Worker<DocumentJob, JobOutcome>;
  private readonly connection: Redis;
  private readonly counter: Redis;
  private readonly queue: Queue;
  readonly totals = { inserted: 0, duplicate: 0, updated: 0, failed: 0, retried: 0 };
  /** Where a job's time went: extraction (in the pool), and the rest (store, queue). */
  readonly timings = { jobs: 0, extractMs: 0, otherMs: 0 };

  constructor(private readonly opts: WorkerOptions) {
    const { config } = opts;
    this.connection = redisConnection(config.url);
    this.counter = redisConnection(config.url);
    this.queue = new Queue(config.name, { connection: this.counter as ConnectionOptions, prefix: config.prefix });
    this.worker = new Worker<DocumentJob, JobOutcome>(config.name, (job) => this.run(job), {
      connection: this.connection as ConnectionOptions,
      prefix: config.prefix,
      concurrency: Math.max(1, opts.concurrency ?? 1),
      lockDuration: config.lockMs,
      stalledInterval: config.lockMs,
      // A job whose worker died (or lost Redis) is taken again; only one that keeps killing its
      // workers ends as failed.
      maxStalledCount: 3,
    });
    this.worker.on('failed', (job, err) => {
      if (!job) return;
      const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (final) this.totals.failed++;
      else this.totals.retried++;
      opts.log?.(`${final ? 'failed' : 'will retry'}: ${job.data?.doc?.id ?? job.id} (attempt ${job.attemptsMade}): ${err.message}`);
    });
    // Redis gone for a while: say so once per error kind, ioredis reconnects by itself.
    this.worker.on('error', (e) => opts.log?.(`queue: ${e.message}`));
  }

  private async run(job: Job<DocumentJob, JobOutcome>): Promise<JobOutcome> {
    const started = performance.now();
    let extractMs = 0;
    const timed: Extract = async (doc) => {
      const t0 = performance.now();
      try {
        return await this.opts.extract(doc);
      } finally {
        extractMs += performance.now() - t0;
      }
    };
    const outcome = await processDocument(this.opts.store, timed, job.data);
    this.totals[outcome.status]++;
    this.timings.jobs++;
    this.timings.extractMs += extractMs;
    this.timings.otherMs += performance.now() - started - extractMs;
    if (outcome.status !== 'duplicate') {
      // The throughput /api/status shows: one member per job, so a job run twice counts once.
      const key = storedKey(this.opts.config);
      const now = Date.now();
      await this.counter.multi().zadd(key, now, String(job.id)).zremrangebyscore(key, '-inf', now - 3_600_000).exec();
    }
    return outcome;
  }

  /** Resolves once nothing is waiting, running or delayed (a retry to come is not empty). */
  async drained(pollMs = 500, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) return;
      try {
        const c = await queueCounts(this.queue);
        if (c.waiting + c.active + c.delayed === 0) return;
      } catch {
        // Redis away: the worker reconnects; ask again later.
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  /** Finishes the jobs in hand, takes no new one, then lets go of Redis. */
  async close(): Promise<void> {
    await this.worker.close();
    await this.queue.close();
    this.connection.disconnect();
    this.counter.disconnect();
  }
}
