// The queue's commands: `vigie worker` and `vigie jobs`, and `vigie ingest` with a queue. cli.ts
// checks the flags and opens nothing; these open the store and Redis and say what they did.
import type { InputItem } from '../io/input.js';
import { ExtractionPool } from '../pool/pool.js';
import type { Store } from '../store/store.js';
import { enqueueItems, type EnqueueSummary } from './enqueue.js';
import { DocumentQueue, failedJobs, queueCounts, retryFailed, type QueueConfig } from './queue.js';
import { DocumentWorker } from './worker.js';

const write = (line: string) => process.stderr.write(line + '\n');

export function printEnqueueSummary(s: EnqueueSummary, config: QueueConfig): void {
  write(`enqueued ${s.enqueued}, already queued ${s.queued}, already stored ${s.stored}, failed ${s.failed.length} (queue: ${config.name} on ${shownUrl(config.url)})`);
  for (const f of s.failed) write(`  failed: ${f.origin}: ${f.message}`);
}

/** A Redis URL as it may be shown: never its password. */
export function shownUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^/@]*?):[^/@]*@/i, '$1:***@');
}

/** `vigie ingest` with a queue: validate, enqueue; the workers extract and store. */
export async function enqueueCommand(store: Store, config: QueueConfig, items: AsyncIterable<InputItem>, update: boolean): Promise<EnqueueSummary> {
  const queue = new DocumentQueue(config);
  try {
    await queue.ready();
    const summary = await enqueueItems(store, queue, items, { update });
    printEnqueueSummary(summary, config);
    return summary;
  } finally {
    await queue.close();
  }
}

export interface WorkerCommandOptions {
  concurrency: number;
  untilEmpty: boolean;
}

/**
 * `vigie worker`: runs until SIGTERM/SIGINT (or, with --until-empty, until the queue is drained).
 * A signal closes the BullMQ worker, which finishes the jobs in hand and takes no new one; a
 * second signal exits at once (the jobs in hand are taken again by another worker once their
 * lock expires, and stored once: the store is idempotent).
 */
export async function workerCommand(store: Store, config: QueueConfig, opts: WorkerCommandOptions): Promise<number> {
  const pool = new ExtractionPool({ size: opts.concurrency, background: false });
  const worker = new DocumentWorker({ config, store, extract: (doc) => pool.extract(doc), concurrency: opts.concurrency, log: write });
  const stop = new AbortController();
  let signals = 0;
  const onSignal = (signal: string) => {
    if (++signals > 1) process.exit(130);
    write(`vigie: ${signal}: finishing the job(s) in hand, then stopping`);
    stop.abort();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  write(`vigie: worker on queue ${config.name} (${shownUrl(config.url)}), ${opts.concurrency} at once${opts.untilEmpty ? ', until the queue is empty' : ''}`);
  try {
    if (opts.untilEmpty) await worker.drained(500, stop.signal);
    else await new Promise<void>((r) => stop.signal.addEventListener('abort', () => r(), { once: true }));
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    await worker.close();
    await pool.destroy();
  }
  const t = worker.totals;
  const m = worker.timings;
  const per = (ms: number) => (m.jobs ? (ms / m.jobs).toFixed(1) : '0');
  write(`vigie: worker: stored ${t.inserted}, duplicates ${t.duplicate}, updated ${t.updated}, retries ${t.retried}, failed ${t.failed}` +
    ` (per job: extraction ${per(m.extractMs)} ms, store ${per(m.otherMs)} ms)`);
  return 0;
}

/** `vigie jobs failed|retry|counts`. */
export async function jobsCommand(config: QueueConfig, sub: string, out: (line: string) => void): Promise<number> {
  const q = new DocumentQueue(config);
  try {
    await q.ready();
    if (sub === 'failed') {
      const jobs = await failedJobs(q.queue);
      out(['id', 'document', 'attempts', 'failed_at', 'reason'].join('\t'));
      for (const j of jobs) out([j.id, j.docId, String(j.attempts), j.failedAt ?? '', j.reason.replace(/\s+/g, ' ')].join('\t'));
      write(`vigie: ${jobs.length} failed job(s) on ${config.name}`);
    } else if (sub === 'retry') {
      write(`vigie: ${await retryFailed(q.queue)} failed job(s) put back on ${config.name}`);
    } else {
      const c = await queueCounts(q.queue);
      out(Object.entries(c).map(([k, v]) => `${k}\t${v}`).join('\n'));
    }
    return 0;
  } finally {
    await q.close();
  }
}
