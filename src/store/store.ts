// The store contract. SQLite is the embedded default; PostgreSQL implements the same interface
// in a later issue, and one contract test suite runs against both.
import { createHash } from 'node:crypto';
import type { Document, ExtractRecord } from '../types.js';

export interface StoredDocumentSummary {
  id: string;
  title: string | null;
  lang: string;
  published: string | null;
  source: string | null;
  url: string | null;
  chars: number;
  ingestedAt: string;
  counts: { mentions: number; quotes: number; times: number; places: number; events: number };
  /** Highlighted excerpt when the listing came from a full-text search. */
  snippet?: string;
}

export interface StoredDocument extends StoredDocumentSummary {
  text: string;
  hash: string;
  record: ExtractRecord;
}

export interface ListQuery {
  /** Full-text search (FTS5 syntax on SQLite). */
  q?: string;
  lang?: string;
  source?: string;
  limit?: number;
  offset?: number;
}

export interface PutResult {
  status: 'inserted' | 'duplicate' | 'updated';
  /** The id under which the document is stored (the existing one for a duplicate). */
  id: string;
}

export interface Store {
  readonly kind: string;
  /** Applies pending schema migrations; returns the schema version. */
  migrate(): Promise<number>;
  putDocument(doc: Document, record: ExtractRecord): Promise<PutResult>;
  /** Replaces the extraction record (and annotation rows) of a stored document: a re-run of a newer pipeline. */
  replaceRecord(id: string, record: ExtractRecord): Promise<void>;
  /** The id a document with this text is stored under, if any: lets callers skip the pipeline. */
  findByHash(hash: string): Promise<string | null>;
  getDocument(id: string): Promise<StoredDocument | null>;
  listDocuments(query?: ListQuery): Promise<{ total: number; items: StoredDocumentSummary[] }>;
  close(): Promise<void>;
}

/**
 * Identity of a dispatch: its text, Unicode-normalised (NFC), with line endings and surrounding
 * whitespace made uniform, so the same dispatch read twice — from a file and from a feed — is
 * stored once.
 */
export function contentHash(text: string): string {
  const normal = text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  return createHash('sha256').update(normal).digest('hex');
}
