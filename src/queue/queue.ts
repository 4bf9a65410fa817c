// The work queue (Redis + BullMQ): with VIGIE_REDIS_URL set, `vigie ingest` and `vigie watch`
// put documents on a queue and any number of `vigie worker` processes, on any machines, extract
// and store them. A job's id is its document's content hash, so the same text enqueued twice is
// one job; and the store is idempotent by the same hash, so a job run twice (a retry, a worker
// killed after storing but before acknowledging) never stores a document twice.
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { contentHash } from '../store/store.js';
import type { Document } from '../types.js';

/** What a job carries: the validated document, and what to do if its text is already stored. */
export interface DocumentJob {
  doc: Document;
  /** Re-run the pipeline on a stored document and replace its record (`ingest --update`). */
  update?: boolean;
  /** The id of the stored document this one is a newer version of (`watch`: an updated feed item). */
  replaces?: string;
}

/** What a worker did with a job: its return value, kept with the completed job. */
export interface JobOutcome {
  status: 'inserted' | 'duplicate' | 'updated';
  id: string;
}

/** Where the queue lives and how jobs are retried; every field from the environment by default. */
export interface QueueConfig {
  url: string;
  /** The queue's name (VIGIE_QUEUE_NAME, default vigie-documents). */
  name: string;
  /** The prefix of every Redis key of the queue (VIGIE_QUEUE_PREFIX, default bull). */
  prefix: string;
  /** Runs of a job before it is kept as failed (VIGIE_QUEUE_ATTEMPTS, default 5). */
  attempts: number;
  /** First retry delay, doubled at each retry (VIGIE_QUEUE_BACKOFF_MS, default 1000). */
  backoffMs: number;
  /** How long a worker's lock on a job lasts without renewal: a job of a worker that died is
   *  taken again after at most this (VIGIE_QUEUE_LOCK_MS, default 30000). */
  lockMs: number;
  /** How long a command that enqueues or lists jobs waits for Redis to answer (VIGIE_REDIS_TIMEOUT_MS,
   *  default 10000); a worker waits for it without end. */
  readyMs?: number;
}

export const DEFAULT_QUEUE_NAME = 'vigie-documents';

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${v}: expected a positive number`);
  return n;
}

/** The queue configuration, or null when VIGIE_REDIS_URL is not set (documents are extracted in place). */
export function queueConfig(env: NodeJS.ProcessEnv = process.env): QueueConfig | null {
  const url = env.VIGIE_REDIS_URL?.trim();
  if (!url) return null;
  if (!/^rediss?:\/\//i.test(url)) throw new Error(`VIGIE_REDIS_URL=${url}: expected redis://HOST:PORT or rediss://…`);
  return {
    url,
    name: env.VIGIE_QUEUE_NAME?.trim() || DEFAULT_QUEUE_NAME,
    prefix: env.VIGIE_QUEUE_PREFIX?.trim() || 'bull',
    attempts: Math.floor(positive(env, 'VIGIE_QUEUE_ATTEMPTS', 5)),
    backoffMs: positive(env, 'VIGIE_QUEUE_BACKOFF_MS', 1000),
    lockMs: positive(env, 'VIGIE_QUEUE_LOCK_MS', 30_000),
    readyMs: positive(env, 'VIGIE_REDIS_TIMEOUT_MS', 10_000),
  };
}

/**
 * A Redis connection for BullMQ. maxRetriesPerRequest null: a command waits for Redis to come back
 * instead of failing after a few tries (BullMQ requires it of a worker's connection). Reconnection
 * is ioredis's default, with a delay growing to 2 s.
 */
export function redisConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(times * 100, 2000) });
}

/** A job's id: the document's content hash (hex; BullMQ ids may not contain ':'). An update is
 *  another job than a plain ingest of the same text, or it would be merged into one already done. */
export function jobId(job: DocumentJob): string {
  const hash = contentHash(job.doc.text);
  return job.update ? `${hash}-update` : hash;
}

export function jobOptions(config: QueueConfig): JobsOptions {
  return {
    attempts: config.attempts,
    backoff: { type: 'exponential', delay: config.backoffMs },
    // Failed jobs stay, with their error, for `vigie jobs failed`; completed ones are kept a day
    // (at most 10,000) so a text enqueued again soon after is seen as already queued.
    removeOnFail: false,
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
  };
}

/** The queue's sorted set of stored documents (score: when), for the throughput of /api/status. */
export function storedKey(config: Pick<QueueConfig, 'prefix' | 'name'>): string {
  return `${config.prefix}:${config.name}:vigie-stored`;
}

/** Documents a worker stored in the last `windowMs` (default one minute). */
export async function storedSince(redis: Redis, config: Pick<QueueConfig, 'prefix' | 'name'>, windowMs = 60_000): Promise<number> {
  return redis.zcount(storedKey(config), Date.now() - windowMs, '+inf');
}

/** The producer side: ingest and watch enqueue through it. */
export class DocumentQueue {
  readonly queue: Queue<DocumentJob, JobOutcome>;
  private readonly connection: Redis;
  private lastError: string | null = null;

  constructor(readonly config: QueueConfig) {
    this.connection = redisConnection(config.url);
    this.queue = new Queue<DocumentJob, JobOutcome>(config.name, { connection: this.connection as ConnectionOptions, prefix: config.prefix });
    // Connection errors are kept for ready()'s message, not printed once per reconnection.
    this.connection.on('error', (e: Error) => (this.lastError = e.message));
    this.queue.on('error', (e: Error) => (this.lastError = e.message));
  }

  /** Resolves once Redis answers; rejects, naming the URL, after `deadlineMs` without an answer
   *  (a command that enqueues must not wait forever on a wrong VIGIE_REDIS_URL). */
  async ready(deadlineMs = this.config.readyMs ?? 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`VIGIE_REDIS_URL: no answer from Redis within ${deadlineMs / 1000} s (${this.lastError ?? 'no reply'})`)), deadlineMs);
    });
    try {
      await Promise.race([this.connection.ping(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** 'enqueued', or 'queued' when a job for this text is already there (waiting, running, done or failed). */
  async enqueue(job: DocumentJob): Promise<'enqueued' | 'queued'> {
    const id = jobId(job);
    // BullMQ ignores an add whose id exists; asking first tells the user which it was.
    if (await this.queue.getJob(id)) return 'queued';
    await this.queue.add('document', job, { ...jobOptions(this.config), jobId: id });
    return 'enqueued';
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

/** Jobs by state, as /api/status and `vigie jobs` show them. */
export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export async function queueCounts(queue: Queue): Promise<QueueCounts> {
  const c = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
  return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 };
}

/** A failed job as `vigie jobs failed` lists it. */
export interface FailedJob {
  id: string;
  docId: string;
  attempts: number;
  reason: string;
  failedAt: string | null;
}

export async function failedJobs(queue: Queue<DocumentJob, JobOutcome>, limit = 1000): Promise<FailedJob[]> {
  const jobs = await queue.getFailed(0, limit - 1);
  return jobs.map((j) => ({
    id: String(j.id),
    docId: j.data?.doc?.id ?? '?',
    attempts: j.attemptsMade,
    reason: j.failedReason ?? '',
    failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
  }));
}

/** Puts failed jobs back on the queue (their attempts start again); returns how many. */
export async function retryFailed(queue: Queue<DocumentJob, JobOutcome>, limit = 1000): Promise<number> {
  const jobs = await queue.getFailed(0, limit - 1);
  for (const j of jobs) await j.retry('failed');
  return jobs.length;
}
