// Extraction off the main thread: a pool of worker threads, each running the pipeline on one
// document at a time, with a budget per document. The pipeline is synchronous and some text will
// always be slower than the rest, so the only sure way to bound a document's work is to run it
// where it can be stopped: a document over its time budget has its worker terminated (and a new
// one started), one over its memory budget kills only its worker (V8's heap limit per worker), and
// the caller gets a clear error naming the document while the batch, or the server, goes on.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Document, ExtractRecord } from '../types.js';
import type { Output, ReadyMessage, ResultMessage, TaskMessage } from './protocol.js';

export interface PoolOptions {
  /** Most workers at once (default: the cores; each holds its own pipeline and gazetteer, ~100 MB). */
  size?: number;
  /** Time budget of one document, from the moment a worker takes it (default VIGIE_DOC_TIMEOUT_MS or 60 s). */
  timeoutMs?: number;
  /** Heap budget of a worker, in MB (default VIGIE_DOC_MEMORY_MB or 2048). */
  memoryMb?: number;
  /** Documents allowed to wait for a worker; one more is refused with PoolBusy (default: no bound). */
  maxQueue?: number;
  /** The setting named in a time-budget error, for the user to raise it. */
  timeoutSetting?: string;
  /** Extraction runs below the process's other threads (nice 10), so a server's HTTP thread goes
   *  first (default true); a `vigie worker`, whose only work is extraction, says false. */
  background?: boolean;
}

export type FailureReason = 'timeout' | 'memory' | 'crash' | 'error' | 'cancelled' | 'closed';

/** A document the pool could not process, and why, in a sentence that names it. */
export class DocumentFailed extends Error {
  constructor(readonly docId: string, readonly reason: FailureReason, message: string) {
    super(message);
  }
}

/** The queue is full: try again later. */
export class PoolBusy extends Error {}

interface Task {
  id: number;
  doc: Document;
  output: Output;
  timeoutMs: number;
  resolve: (v: ExtractRecord | string) => void;
  reject: (e: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Workers inherit the process's options, except when the process was started on a script given
 * inline (`node --input-type=module -e …`): a worker refuses those, and would never start. V8 flags
 * such as --no-regexp-tier-up are the whole process's anyway.
 */
function workerExecArgv(): string[] | undefined {
  return process.execArgv.some((a) => /^(--input-type|--eval|--print|-e|-p)\b/.test(a)) ? [] : undefined;
}
/** Workers that die before they are ready, in a row, after which waiting documents are refused. */
const MAX_START_FAILURES = 3;

function envNumber(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${v}: expected a positive number`);
  return n;
}

export function defaultPoolOptions(): Required<PoolOptions> {
  return {
    size: Math.max(1, os.availableParallelism()),
    timeoutMs: envNumber('VIGIE_DOC_TIMEOUT_MS') ?? 60_000,
    memoryMb: envNumber('VIGIE_DOC_MEMORY_MB') ?? 2048,
    maxQueue: Infinity,
    timeoutSetting: 'VIGIE_DOC_TIMEOUT_MS',
    background: true,
  };
}

export class ExtractionPool {
  readonly options: Required<PoolOptions>;
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private nextId = 1;
  private startFailures = 0;
  private closing = false;
  private drained: (() => void) | null = null;

  constructor(options: PoolOptions = {}) {
    const d = defaultPoolOptions();
    this.options = {
      size: Math.max(1, Math.floor(options.size ?? d.size)),
      timeoutMs: options.timeoutMs ?? d.timeoutMs,
      memoryMb: options.memoryMb ?? d.memoryMb,
      maxQueue: options.maxQueue ?? d.maxQueue,
      timeoutSetting: options.timeoutSetting ?? d.timeoutSetting,
      background: options.background ?? d.background,
    };
  }

  /** Documents running and waiting, and the workers alive. */
  get stats(): { workers: number; running: number; queued: number } {
    return { workers: this.slots.length, running: this.slots.filter((s) => s.task).length, queued: this.queue.length };
  }

  /** The document's record. `timeoutMs` overrides the pool's time budget for this document. */
  extract(doc: Document, signal?: AbortSignal, timeoutMs?: number): Promise<ExtractRecord> {
    return this.run(doc, 'record', signal, timeoutMs) as Promise<ExtractRecord>;
  }

  /** The record as JSON text, as `vigie extract` prints it and the API sends it. */
  json(doc: Document, signal?: AbortSignal, timeoutMs?: number): Promise<string> {
    return this.run(doc, 'json', signal, timeoutMs) as Promise<string>;
  }

  pretty(doc: Document, signal?: AbortSignal, timeoutMs?: number): Promise<string> {
    return this.run(doc, 'pretty', signal, timeoutMs) as Promise<string>;
  }

  private run(doc: Document, output: Output, signal?: AbortSignal, timeoutMs = this.options.timeoutMs): Promise<ExtractRecord | string> {
    if (this.closing) return Promise.reject(new DocumentFailed(doc.id, 'closed', `${doc.id}: not processed, the extraction pool is shutting down`));
    if (signal?.aborted) return Promise.reject(new DocumentFailed(doc.id, 'cancelled', `${doc.id}: cancelled`));
    const waiting = this.queue.length + this.slots.filter((s) => s.task).length - this.options.size;
    if (waiting >= this.options.maxQueue) return Promise.reject(new PoolBusy(`extraction queue full (${this.options.maxQueue} waiting)`));
    return new Promise((resolve, reject) => {
      const task: Task = { id: this.nextId++, doc, output, timeoutMs, resolve, reject, signal };
      if (signal) {
        task.onAbort = () => this.cancel(task);
        signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.queue.push(task);
      this.pump();
    });
  }

  /** Waits for every document taken to finish, then stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.queue.length || this.slots.some((s) => s.task)) await new Promise<void>((r) => (this.drained = r));
    await this.destroy();
  }

  /** Stops at once: documents running or waiting fail with reason 'closed'. */
  async destroy(): Promise<void> {
    this.closing = true;
    for (const t of this.queue.splice(0)) this.settle(t, new DocumentFailed(t.doc.id, 'closed', `${t.doc.id}: not processed, the extraction pool was stopped`));
    const slots = this.slots.splice(0);
    for (const s of slots) if (s.task) this.finish(s, new DocumentFailed(s.task.doc.id, 'closed', `${s.task.doc.id}: not processed, the extraction pool was stopped`));
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length) {
      const idle = this.slots.find((s) => s.ready && !s.task);
      if (idle) {
        this.start(idle, this.queue.shift()!);
        continue;
      }
      // a worker still starting will take the next document when ready
      const starting = this.slots.filter((s) => !s.ready).length;
      if (starting < this.queue.length && this.slots.length < this.options.size) {
        this.spawn();
        continue;
      }
      break;
    }
    if (this.drained && !this.queue.length && !this.slots.some((s) => s.task)) {
      this.drained();
      this.drained = null;
    }
  }

  private spawn(): void {
    const worker = new Worker(WORKER_URL, { execArgv: workerExecArgv(), resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb },
      workerData: { background: this.options.background } });
    const slot: Slot = { worker, ready: false, task: null, timer: null };
    this.slots.push(slot);
    worker.on('message', (m: ResultMessage | ReadyMessage) => {
      if ('ready' in m) {
        slot.ready = true;
        this.startFailures = 0;
        this.pump();
        if (!slot.task) worker.unref();
        return;
      }
      const task = slot.task;
      if (!task || task.id !== m.id) return;
      this.finish(slot, m.ok ? null : new DocumentFailed(task.doc.id, 'error', `${task.doc.id}: could not be processed: ${m.error}`),
        m.ok ? ('record' in m ? m.record : m.text) : undefined);
      this.pump();
    });
    worker.on('error', (e: Error & { code?: string }) => this.lost(slot, e));
    worker.on('exit', (code) => this.lost(slot, new Error(`worker exited with code ${code}`)));
  }

  /** A worker died: its document fails with the reason, and a new worker will be started if needed. */
  private lost(slot: Slot, e: Error & { code?: string }): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return; // already replaced (terminated on purpose)
    this.slots.splice(i, 1);
    if (slot.timer) clearTimeout(slot.timer);
    const task = slot.task;
    if (task) {
      const memory = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const reason: FailureReason = memory ? 'memory' : 'crash';
      const what = memory ? `over its memory budget of ${this.options.memoryMb} MB (VIGIE_DOC_MEMORY_MB)` : `crashed its worker (${e.message})`;
      slot.task = null;
      this.settle(task, new DocumentFailed(task.doc.id, reason, `${task.doc.id}: not processed: ${what}`));
    } else if (!slot.ready && !this.closing && ++this.startFailures >= MAX_START_FAILURES) {
      // Workers cannot even load (too small a memory budget, a broken install): say so, do not loop.
      for (const t of this.queue.splice(0)) this.settle(t, new DocumentFailed(t.doc.id, 'crash', `${t.doc.id}: not processed: extraction workers fail to start (${e.message})`));
    }
    if (!this.closing) this.pump();
    else if (this.drained && !this.queue.length && !this.slots.some((s) => s.task)) this.pump();
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    // A busy worker keeps the process alive; an idle one does not (a CLI run or a test may end).
    slot.worker.ref();
    slot.timer = setTimeout(() => this.kill(slot, new DocumentFailed(task.doc.id, 'timeout',
      `${task.doc.id}: not processed: over its time budget of ${task.timeoutMs / 1000} s (${this.options.timeoutSetting})`)), task.timeoutMs);
    const message: TaskMessage = { id: task.id, doc: task.doc, output: task.output };
    slot.worker.postMessage(message);
  }

  /** Ends a worker on purpose (a budget, a cancel): its document fails with `error`. */
  private kill(slot: Slot, error: DocumentFailed): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    this.finish(slot, error);
    void slot.worker.terminate();
    this.pump();
  }

  private cancel(task: Task): void {
    const q = this.queue.indexOf(task);
    if (q >= 0) {
      this.queue.splice(q, 1);
      this.settle(task, new DocumentFailed(task.doc.id, 'cancelled', `${task.doc.id}: cancelled`));
      this.pump();
      return;
    }
    const slot = this.slots.find((s) => s.task === task);
    if (slot) this.kill(slot, new DocumentFailed(task.doc.id, 'cancelled', `${task.doc.id}: cancelled while running`));
  }

  private finish(slot: Slot, error: Error | null, value?: ExtractRecord | string): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const task = slot.task;
    slot.task = null;
    slot.worker.unref();
    if (task) this.settle(task, error, value);
  }

  private settle(task: Task, error: Error | null, value?: ExtractRecord | string): void {
    if (task.signal && task.onAbort) task.signal.removeEventListener('abort', task.onAbort);
    if (error) task.reject(error);
    else task.resolve(value!);
  }
}
