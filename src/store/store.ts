// The store contract. SQLite is the embedded default; PostgreSQL implements the same interface
// in a later issue, and one contract test suite runs against both.
import { createHash } from 'node:crypto';
import type { Incident } from '../incidents/summary.js';
import type { Dateline, Document, ExtractRecord, PublishedFrom, VEvent } from '../types.js';

export type { Incident } from '../incidents/summary.js';

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
  /** Author(s), as the page or the feed named them. */
  byline?: string;
  /** Where `published` came from (source metadata, dateline, batch flag, unknown). */
  publishedFrom?: PublishedFrom;
  /** The dateline read at the start of the text, with its offsets. */
  dateline?: Dateline;
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

/** Filters over stored events; every given filter narrows (AND). Text filters ignore case. */
export interface EventQuery {
  /** ACLED event_type ("Battles"). */
  eventType?: string;
  /** ACLED sub_event_type ("Armed clash"). */
  subEventType?: string;
  /** PLOVER event type ("ASSAULT"). */
  ploverType?: string;
  /** ISO 3166-1 alpha-2 code of the event's place. */
  country?: string;
  admin1?: string;
  /** Date range on the event date (YYYY, YYYY-MM or YYYY-MM-DD, bounds included); an event dated
   *  to a month or a year is in range when its span overlaps the range. */
  from?: string;
  to?: string;
  /** Substring of an actor name (actor1, actor2 or an associated actor), case and accents ignored. */
  actor?: string;
  /** asserted, negated, planned, hypothetical, denied or reported. */
  modality?: string;
  /** Language, outlet and id of the document the event was read from. */
  lang?: string;
  source?: string;
  docId?: string;
  /** listEvents: default 100, at most 1000. iterateEvents: no limit unless given. */
  limit?: number;
  offset?: number;
}

/** Filters over incidents; every given filter narrows (AND). */
export interface IncidentQuery {
  eventType?: string;
  subEventType?: string;
  ploverType?: string;
  /** ISO 3166-1 alpha-2 code of the incident's place. */
  country?: string;
  admin1?: string;
  /** Date range (YYYY, YYYY-MM or YYYY-MM-DD, bounds included): incidents whose days overlap it. */
  from?: string;
  to?: string;
  /** Substring of an actor name, case and accents ignored. */
  actor?: string;
  /** Substring of an outlet that reports it. */
  source?: string;
  /** Only incidents told by at least this many outlets. */
  minSources?: number;
  /** listIncidents: default 100, at most 1000. iterateIncidents: no limit unless given. */
  limit?: number;
  offset?: number;
}

/** The place an event points to, resolved from its document's places. */
export interface EventLocation {
  name: string | null;
  lat: number | null;
  lon: number | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  admin1: string | null;
  admin2: string | null;
}

/** The document an event was read from, as much of it as an event listing needs. */
export interface EventSourceDocument {
  lang: string | null;
  /** Outlet. */
  source: string | null;
  published: string | null;
  url: string | null;
  title: string | null;
  ingestedAt: string | null;
}

/** An event as the store gives it back: the extracted event, where it sits and where it came from. */
export interface StoredEvent extends VEvent {
  docId: string;
  /** Null when the event has no place. */
  location: EventLocation | null;
  document: EventSourceDocument;
}

/** A source `vigie watch` polls (feed URL, feed file, folder) and the validators of its last answer. */
export interface WatchedSource {
  url: string;
  etag: string | null;
  lastModified: string | null;
}

/** An item of a source already handled: its content hash, and the document it became. */
export interface SeenItem {
  key: string;
  hash: string;
  docId: string | null;
  /** 'stored' (or a duplicate of a stored text), or 'failed' (not retried until its text changes). */
  status: 'stored' | 'failed';
}

/** A file of a watched folder as last seen. */
export interface SeenFile {
  path: string;
  mtimeMs: number;
  size: number;
}

export interface WatchState {
  getSource(url: string): Promise<WatchedSource | null>;
  saveSource(source: WatchedSource): Promise<void>;
  seenItems(url: string): Promise<Map<string, SeenItem>>;
  markSeen(url: string, item: SeenItem): Promise<void>;
  seenFiles(url: string): Promise<Map<string, SeenFile>>;
  markFile(url: string, file: SeenFile): Promise<void>;
}

/** A query the caller got wrong (a bad date, a range backwards): a 400, not a server fault. */
export class QueryError extends Error {}

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
  /** Replaces a stored document by a newer version of it (text, metadata, record) under the same
   *  id: an updated feed item. 'duplicate' (nothing changed) when the new text is already stored. */
  replaceDocument(id: string, doc: Document, record: ExtractRecord): Promise<PutResult>;
  /** What `vigie watch` remembers of the sources it polls. */
  readonly watchState: WatchState;
  /** Replaces the extraction record (and annotation rows) of a stored document: a re-run of a newer pipeline. */
  replaceRecord(id: string, record: ExtractRecord): Promise<void>;
  /** The id a document with this text is stored under, if any: lets callers skip the pipeline. */
  findByHash(hash: string): Promise<string | null>;
  getDocument(id: string): Promise<StoredDocument | null>;
  listDocuments(query?: ListQuery): Promise<{ total: number; items: StoredDocumentSummary[] }>;
  /** Stored events matching the query, newest first (date, then document and extraction order).
   *  Throws QueryError for a bad query. */
  listEvents(query: EventQuery): Promise<{ total: number; items: StoredEvent[] }>;
  /** The same events, all of them (unless limit is given), one at a time in constant memory: for
   *  exports. Checks the query before returning (QueryError), so callers can refuse it up front. */
  iterateEvents(query: EventQuery): AsyncIterable<StoredEvent>;
  /** Incidents matching the query, newest first. Throws QueryError for a bad query. */
  listIncidents(query: IncidentQuery): Promise<{ total: number; items: Incident[] }>;
  /** One incident with the stored events it merges (in the order they joined), or null. */
  getIncident(id: string): Promise<{ incident: Incident; events: StoredEvent[] } | null>;
  /** All matching incidents, one at a time in constant memory: for exports. */
  iterateIncidents(query: IncidentQuery): AsyncIterable<Incident>;
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

/** A calendar date of 4, 7 or 10 characters as the first and last day it covers, or null. */
export function dateSpan(value: string): { start: string; end: string } | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d] = m;
  if (!mo) return { start: `${y}-01-01`, end: `${y}-12-31` };
  const month = Number(mo);
  if (month < 1 || month > 12) return null;
  // Day 0 of the next month is the last day of this one (UTC, so no time zone shifts it).
  const last = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (!d) return { start: `${y}-${mo}-01`, end: `${y}-${mo}-${String(last).padStart(2, '0')}` };
  const day = Number(d);
  if (day < 1 || day > last) return null;
  return { start: `${y}-${mo}-${d}`, end: `${y}-${mo}-${d}` };
}

/** The date bounds of a query, checked: what a caller can get wrong, said in words. */
export function eventQueryRange(q: Pick<EventQuery, 'from' | 'to'>): { from: string | null; to: string | null } {
  const bound = (name: 'from' | 'to'): string | null => {
    const raw = q[name];
    if (raw === undefined || raw === '') return null;
    const span = dateSpan(raw);
    if (!span) throw new QueryError(`${name}=${raw}: not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
    return name === 'from' ? span.start : span.end;
  };
  const from = bound('from');
  const to = bound('to');
  if (from && to && from > to) throw new QueryError(`from=${q.from} is after to=${q.to}`);
  return { from, to };
}

/** Lower case without accents: how actor names are matched ("armee" finds "Armée malienne"). */
export function foldForSearch(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}
