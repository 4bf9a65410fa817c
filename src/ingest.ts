// Ingestion: input items → pipeline → store, one document at a time, so a failure stays with its
// document. Already-stored texts skip the pipeline (identity is the content hash).
import { extract } from './pipeline/index.js';
import type { InputItem } from './io/input.js';
import { contentHash, type Store } from './store/index.js';

export interface IngestSummary {
  ingested: number;
  duplicates: number;
  /** Stored documents whose record was recomputed (option `update`). */
  updated: number;
  failed: { origin: string; message: string }[];
}

export interface IngestProgress {
  done: number;
  origin: string;
  summary: IngestSummary;
}

export interface IngestOptions {
  /** Re-run the pipeline on documents already stored and replace their records. */
  update?: boolean;
  onProgress?: (p: IngestProgress) => void;
}

export async function ingest(store: Store, items: AsyncIterable<InputItem>, opts: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { ingested: 0, duplicates: 0, updated: 0, failed: [] };
  let done = 0;
  for await (const item of items) {
    done++;
    if (item.kind === 'error') summary.failed.push({ origin: item.origin, message: item.message });
    else {
      try {
        const existing = await store.findByHash(contentHash(item.doc.text));
        if (existing && opts.update) {
          // A re-run is about a newer pipeline, not new metadata: a document read again without
          // --published/--source (a plain .txt has neither) must not lose the dateline its relative
          // dates were resolved against, nor its outlet. Values given this time do win.
          const stored = await store.getDocument(existing);
          const doc = {
            ...item.doc,
            published: item.doc.published ?? stored?.published ?? null,
            source: item.doc.source ?? stored?.source ?? null,
          };
          await store.replaceRecord(existing, extract(doc));
          summary.updated++;
        } else if (existing) summary.duplicates++;
        else {
          const result = await store.putDocument(item.doc, extract(item.doc));
          if (result.status === 'inserted') summary.ingested++;
          else summary.duplicates++;
        }
      } catch (e) {
        summary.failed.push({ origin: item.origin, message: `could not be processed: ${(e as Error).message}` });
      }
    }
    opts.onProgress?.({ done, origin: item.origin, summary });
  }
  return summary;
}
