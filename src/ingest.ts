// Ingestion: input items → pipeline → store. A failure stays with its document; already-stored
// texts skip the pipeline (identity is the content hash). With an extraction pool several
// documents are extracted at once, and stored in input order.
import type { InputItem } from './io/input.js';
import { inOrder } from './pool/ordered.js';
import { contentHash, type Store } from './store/index.js';
import type { Document, ExtractRecord } from './types.js';

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
  /** How a document is extracted (default: the pipeline, in this thread); e.g. an ExtractionPool's. */
  extract?: (doc: Document) => Promise<ExtractRecord>;
  /** Documents extracted at once (default 1). */
  concurrency?: number;
}

type Prepared =
  | { item: InputItem; kind: 'failed'; message: string }
  | { item: InputItem & { kind: 'document' }; kind: 'duplicate' }
  | { item: InputItem & { kind: 'document' }; kind: 'extracted'; existing: string | null; record: ExtractRecord };

export async function ingest(store: Store, items: AsyncIterable<InputItem>, opts: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { ingested: 0, duplicates: 0, updated: 0, failed: [] };
  // The pipeline is loaded only where it runs: with a pool it runs in the workers, and the thread
  // that reads and stores does not hold a copy of it.
  const run = opts.extract ?? (async (doc: Document) => (await import('./pipeline/index.js')).extract(doc));
  let done = 0;
  const prepare = async (item: InputItem): Promise<Prepared> => {
    if (item.kind === 'error') return { item, kind: 'failed', message: item.message };
    try {
      const existing = await store.findByHash(contentHash(item.doc.text));
      if (existing && !opts.update) return { item, kind: 'duplicate' };
      if (!existing) return { item, kind: 'extracted', existing, record: await run(item.doc) };
      // A re-run is about a newer pipeline, not new metadata: a document read again without
      // --published/--source (a plain .txt has neither) must not lose the dateline its relative
      // dates were resolved against, nor its outlet. Values given this time do win.
      const stored = await store.getDocument(existing);
      const doc = {
        ...item.doc,
        published: item.doc.published ?? stored?.published ?? null,
        source: item.doc.source ?? stored?.source ?? null,
      };
      return { item, kind: 'extracted', existing, record: await run(doc) };
    } catch (e) {
      return { item, kind: 'failed', message: failure(e) };
    }
  };
  const store1 = async (p: Prepared): Promise<void> => {
    done++;
    try {
      if (p.kind === 'failed') summary.failed.push({ origin: p.item.origin, message: p.message });
      else if (p.kind === 'duplicate') summary.duplicates++;
      else if (p.existing) {
        await store.replaceRecord(p.existing, p.record);
        summary.updated++;
      } else {
        const result = await store.putDocument(p.item.doc, p.record);
        if (result.status === 'inserted') summary.ingested++;
        else summary.duplicates++;
      }
    } catch (e) {
      summary.failed.push({ origin: p.item.origin, message: failure(e) });
    }
    opts.onProgress?.({ done, origin: p.item.origin, summary });
  };
  await inOrder(items, Math.max(1, opts.concurrency ?? 1), prepare, store1);
  return summary;
}

/** A pool's failures already name the document and say why; others are wrapped. */
function failure(e: unknown): string {
  const message = String((e as Error)?.message ?? e);
  return (e as { docId?: string }).docId !== undefined ? message : `could not be processed: ${message}`;
}
