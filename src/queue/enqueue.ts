// The producer side of `vigie ingest` and `vigie watch` with a queue: documents are validated and
// put on the queue, not extracted. A text the store already holds is not enqueued at all.
import type { InputItem } from '../io/input.js';
import type { IngestSummary, ItemOutcome } from '../ingest.js';
import { contentHash, type Store } from '../store/store.js';
import type { DocumentQueue } from './queue.js';

export interface EnqueueSummary {
  enqueued: number;
  /** A job for the same text was already on the queue (waiting, running, done or failed). */
  queued: number;
  /** The text is already stored. */
  stored: number;
  failed: { origin: string; message: string }[];
}

export interface EnqueueOptions {
  update?: boolean;
  onItem?: (item: InputItem, outcome: ItemOutcome) => void | Promise<void>;
  onProgress?: (done: number, summary: EnqueueSummary) => void;
}

export async function enqueueItems(store: Store, queue: DocumentQueue, items: AsyncIterable<InputItem>, opts: EnqueueOptions = {}): Promise<EnqueueSummary> {
  const summary: EnqueueSummary = { enqueued: 0, queued: 0, stored: 0, failed: [] };
  let done = 0;
  for await (const item of items) {
    done++;
    let outcome: ItemOutcome;
    if (item.kind === 'error') outcome = { status: 'failed', message: item.message };
    else {
      try {
        const existing = await store.findByHash(contentHash(item.doc.text));
        if (existing && (!opts.update || item.replaces)) {
          summary.stored++;
          outcome = { status: 'duplicate', id: existing };
        } else {
          const job = { doc: item.doc, ...(opts.update && existing ? { update: true } : {}), ...(item.replaces ? { replaces: item.replaces } : {}) };
          const r = await queue.enqueue(job);
          summary[r]++;
          // Where it will be stored: its own id (a newer version takes the id of the one it replaces).
          outcome = { status: r === 'enqueued' ? 'inserted' : 'duplicate', id: item.replaces ?? existing ?? item.doc.id };
        }
      } catch (e) {
        outcome = { status: 'failed', message: `not enqueued: ${String((e as Error)?.message ?? e)}` };
      }
    }
    if (outcome.status === 'failed') summary.failed.push({ origin: item.origin, message: outcome.message });
    await opts.onItem?.(item, outcome);
    opts.onProgress?.(done, summary);
  }
  return summary;
}

/** The same figures in the shape `vigie watch` counts: enqueued items are its new ones. */
export function asIngestSummary(s: EnqueueSummary): IngestSummary {
  return { ingested: s.enqueued, duplicates: s.queued + s.stored, updated: 0, failed: s.failed };
}
