// A pool worker (worker_threads): runs the pipeline on the documents the pool sends, one at a time.
// It holds nothing between documents but the loaded lexicons and gazetteer, so the pool may end it
// at any moment (a document over its time budget, a client gone) and start another.
import { parentPort } from 'node:worker_threads';
import { formatPretty } from '../format.js';
import { annotate, toRecord } from '../pipeline/index.js';
import type { TaskMessage, ResultMessage } from './protocol.js';

if (!parentPort) throw new Error('src/pool/worker.ts runs as a worker thread of ExtractionPool');
const port = parentPort;

port.on('message', (task: TaskMessage) => {
  let reply: ResultMessage;
  try {
    const annotated = annotate(task.doc);
    reply = task.output === 'pretty'
      ? { id: task.id, ok: true, pretty: formatPretty(annotated) }
      : { id: task.id, ok: true, record: toRecord(annotated) };
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
