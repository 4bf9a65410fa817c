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
  /** Told what became of each item, in input order, once it is stored (`vigie watch` remembers it). */
  onItem?: (item: InputItem, outcome: ItemOutcome) => void | Promise<void>;
}

/** What became of one item: stored under `id` (new, already there, or a newer version), or failed. */
export type ItemOutcome =
  | { status: 'inserted' | 'duplicate' | 'updated'; id: string }
  | { status: 'failed'; message: string };

type Prepared =
  | { item: InputItem; kind: 'failed'; message: string }
  | { item: InputItem & { kind: 'document' }; kind: 'duplicate'; id: string }
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
      if (existing && (!opts.update || item.replaces)) return { item, kind: 'duplicate', id: existing };
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
    let outcome: ItemOutcome;
    try {
      if (p.kind === 'failed') outcome = { status: 'failed', message: p.message };
      else if (p.kind === 'duplicate') outcome = { status: 'duplicate', id: p.id };
      else if (p.existing) {
        await store.replaceRecord(p.existing, p.record);
        outcome = { status: 'updated', id: p.existing };
      } else if (p.item.replaces) {
        // A newer version of a stored document (watch: an updated feed item) takes its place.
        outcome = await store.replaceDocument(p.item.replaces, p.item.doc, p.record);
      } else outcome = await store.putDocument(p.item.doc, p.record);
    } catch (e) {
      outcome = { status: 'failed', message: failure(e) };
    }
    if (outcome.status === 'failed') summary.failed.push({ origin: p.item.origin, message: outcome.message });
    else if (outcome.status === 'inserted') summary.ingested++;
    else if (outcome.status === 'updated') summary.updated++;
    else summary.duplicates++;
    try {
      await opts.onItem?.(p.item, outcome);
    } catch (e) {
      summary.failed.push({ origin: p.item.origin, message: `stored, but not remembered: ${failure(e)}` });
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
