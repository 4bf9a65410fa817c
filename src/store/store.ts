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
  /** Where the page starts: the nextCursor of the page before (not with offset). */
  cursor?: string;
}

/** A page of a listing: its rows, how many match in all, and where the next page starts (null at the end). */
export interface Page<T> {
  total: number;
  items: T[];
  /** Opaque; given back as `cursor`, with the same filters, it yields the next page. */
  nextCursor: string | null;
}

/** A rectangle of longitudes and latitudes (degrees); west of east unless it crosses the antimeridian. */
export interface Bbox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** `minLon,minLat,maxLon,maxLat` read and checked (QueryError with the reason). */
export function parseBbox(raw: string): Bbox {
  const parts = raw.split(',').map((x) => x.trim());
  const nums = parts.map((x) => (/^[-+]?\d+(\.\d+)?$/.test(x) ? Number(x) : NaN));
  if (nums.length !== 4 || nums.some((n) => !Number.isFinite(n))) {
    throw new QueryError(`bbox=${raw}: expected four numbers, minLon,minLat,maxLon,maxLat`);
  }
  const [minLon, minLat, maxLon, maxLat] = nums;
  if ([minLon, maxLon].some((x) => x < -180 || x > 180)) throw new QueryError(`bbox=${raw}: longitudes are between -180 and 180`);
  if ([minLat, maxLat].some((x) => x < -90 || x > 90)) throw new QueryError(`bbox=${raw}: latitudes are between -90 and 90`);
  if (minLat > maxLat) throw new QueryError(`bbox=${raw}: minLat is north of maxLat`);
  return { minLon, minLat, maxLon, maxLat };
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
  /** Substring of the name of a speaker the event is attributed to, case and accents ignored. */
  speaker?: string;
  /** asserted, negated, planned, hypothetical, denied or reported. */
  modality?: string;
  /** Language, outlet and id of the document the event was read from. */
  lang?: string;
  source?: string;
  docId?: string;
  /** Events placed within this box. */
  bbox?: Bbox;
  /** listEvents: default 100, at most 1000. iterateEvents: no limit unless given. */
  limit?: number;
  offset?: number;
  /** listEvents: the nextCursor of the page before. */
  cursor?: string;
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
  /** Incidents placed within this box. */
  bbox?: Bbox;
  /** Incidents with at least one event of this modality, of a document in this language, or
   *  attributed to a speaker whose name holds this (case and accents ignored). */
  modality?: string;
  lang?: string;
  speaker?: string;
  /** listIncidents: default 100, at most 1000. iterateIncidents: no limit unless given. */
  limit?: number;
  offset?: number;
  /** listIncidents: the nextCursor of the page before. */
  cursor?: string;
}

/** Places, actors: drawn from the events the filters keep, optionally only those whose name holds `name`. */
export interface EntityQuery extends Omit<EventQuery, 'cursor'> {
  /** Part of the name, case and accents ignored. */
  name?: string;
  cursor?: string;
}

/** A place where stored events happened. */
export interface PlaceSummary {
  name: string | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  lat: number | null;
  lon: number | null;
  events: number;
  documents: number;
  /** Sum of the deaths its events report (null when none gives a figure). */
  fatalities: number | null;
  firstDate: string | null;
  lastDate: string | null;
}

/** An actor of stored events (actor 1, actor 2 or associated). */
export interface ActorSummary {
  name: string;
  /** ACLED inter code, when the events give one. */
  inter: number | null;
  events: number;
  asActor1: number;
  asActor2: number;
  associated: number;
  documents: number;
  firstDate: string | null;
  lastDate: string | null;
}

/** Quotes and speakers: filters on who speaks and in which documents. */
export interface SpeakerQuery {
  /** Speakers: part of the name. Quotes: the speaker's name (as listed), case and accents ignored. */
  name?: string;
  /** Only speakers read as a named entity (a person, an organisation…), not "a local source". */
  named?: boolean;
  lang?: string;
  source?: string;
  /** Publication day of the document (YYYY, YYYY-MM or YYYY-MM-DD, bounds included). */
  from?: string;
  to?: string;
  /** Quotes: of this document only. */
  docId?: string;
  limit?: number;
  offset?: number;
  cursor?: string;
}

/** Who is quoted, how often, and on what. */
export interface SpeakerSummary {
  name: string;
  /** Mention type of the speaker (PER, ORG, NORP…), null for an unnamed source ("a witness"). */
  type: string | null;
  quotes: number;
  documents: number;
  sources: number;
  firstPublished: string | null;
  lastPublished: string | null;
  /** The kinds of the events their words report (ACLED type, else PLOVER), with counts, most first. */
  topics: { topic: string; count: number }[];
  /** The verbs that introduce their words (lemmas: "déclarer", "deny"…), with counts, most first. */
  cues: { cue: string; count: number }[];
}

/** A stored quote: its words, who said them, and the document they are in. */
export interface StoredQuote {
  docId: string;
  id: string;
  kind: string;
  start: number;
  end: number;
  content: { start: number; end: number };
  /** The quoted words (the text between content.start and content.end). */
  text: string;
  speaker: { name: string | null; text: string; type: string | null } | null;
  cue: string | null;
  channel: string | null;
  /** The kinds of the events attributed to these words. */
  topics: string[];
  document: { lang: string | null; source: string | null; published: string | null; title: string | null };
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
  listDocuments(query?: ListQuery): Promise<Page<StoredDocumentSummary>>;
  /** Stored events matching the query, newest first (date, then document and extraction order).
   *  Throws QueryError for a bad query. */
  listEvents(query: EventQuery): Promise<Page<StoredEvent>>;
  /** The same events, all of them (unless limit is given), one at a time in constant memory: for
   *  exports. Checks the query before returning (QueryError), so callers can refuse it up front. */
  iterateEvents(query: EventQuery): AsyncIterable<StoredEvent>;
  /** Incidents matching the query, newest first. Throws QueryError for a bad query. */
  listIncidents(query: IncidentQuery): Promise<Page<Incident>>;
  /** One incident with the stored events it merges (in the order they joined), or null. */
  getIncident(id: string): Promise<{ incident: Incident; events: StoredEvent[] } | null>;
  /** All matching incidents, one at a time in constant memory: for exports. */
  iterateIncidents(query: IncidentQuery): AsyncIterable<Incident>;
  /** Places of the events the query keeps, most events first (then by name). */
  listPlaces(query: EntityQuery): Promise<Page<PlaceSummary>>;
  /** Actors of the events the query keeps, most events first (then by name). */
  listActors(query: EntityQuery): Promise<Page<ActorSummary>>;
  /** Who is quoted, most quotes first (then by name), with what their words are about. */
  listSpeakers(query: SpeakerQuery): Promise<Page<SpeakerSummary>>;
  /** Quotes, newest document first, in text order within a document. */
  listQuotes(query: SpeakerQuery): Promise<Page<StoredQuote>>;
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
