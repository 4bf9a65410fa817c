// A pool worker (worker_threads): runs the pipeline on the documents the pool sends, one at a time.
// It holds nothing between documents but the loaded lexicons and gazetteer, so the pool may end it
// at any moment (a document over its time budget, a client gone) and start another.
import { readlinkSync } from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { formatPretty } from '../format.js';
import { annotate, toRecord } from '../pipeline/index.js';
import type { TaskMessage, ResultMessage } from './protocol.js';

if (!parentPort) throw new Error('src/pool/worker.ts runs as a worker thread of ExtractionPool');
const port = parentPort;

// Extraction is background work: the thread that reads input and answers HTTP (/api/health within
// 50 ms under load) goes first when the cores are busy. On Linux a thread has its own nice value,
// set through its thread id; elsewhere the worker keeps the process's priority.
// A process whose only work is extraction (`vigie worker`) keeps it at its own priority.
if ((workerData as { background?: boolean } | null)?.background !== false) {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, Math.max(os.getPriority(tid), 10));
  } catch {
    // no /proc, or not allowed: same priority as the rest
  }
}

port.on('message', (task: TaskMessage) => {
  let reply: ResultMessage;
  try {
    const annotated = annotate(task.doc);
    if (task.output === 'record') reply = { id: task.id, ok: true, record: toRecord(annotated) };
    else reply = { id: task.id, ok: true, text: task.output === 'pretty' ? formatPretty(annotated) : JSON.stringify(toRecord(annotated)) };
  } catch (e) {
    reply = { id: task.id, ok: false, error: String((e as Error)?.message ?? e) };
  }
  port.postMessage(reply);
});

// Loaded: lexicons and the gazetteer load on the first document, so warm them now, before any
// document's time budget starts counting.
annotate({ id: 'warm-up-fr', text: 'Le 3 mai 2021, à Paris, des soldats ont attaqué un camp, a déclaré le ministre.', lang: 'fr' });
annotate({ id: 'warm-up-en', text: 'On May 3, 2021, soldiers attacked a camp near Paris, the minister said.', lang: 'en' });
port.postMessage({ ready: true });
