// The events rows of the SQLite store. One row per extracted event, with what listings and exports
// filter on and show copied in — the place it points to, its document's language, outlet and
// dateline, the date as a span of days — so an events query reads one table, never JSON records.
// The record JSON in `documents` stays the source of truth: these rows can be rebuilt from it.
import type Database from 'better-sqlite3';
import type { EventActor, EventEvidence, ExtractRecord, Place, VEvent } from '../types.js';
import { dateSpan, eventQueryRange, foldForSearch, type EventQuery, type StoredEvent } from './store.js';

/** Migration 2: the events table rebuilt with every column queries need (see SQLITE_MIGRATIONS).
 *  Text columns users filter on compare without case (NOCASE), their indexes too. */
export const EVENTS_TABLE_V2 = `
  CREATE TABLE events_v2 (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
    event_type TEXT COLLATE NOCASE, sub_event_type TEXT COLLATE NOCASE,
    plover_type TEXT NOT NULL COLLATE NOCASE, plover_mode TEXT,
    actor1 TEXT, actor1_inter INTEGER, actor1_json TEXT,
    actor2 TEXT, actor2_inter INTEGER, actor2_json TEXT,
    assoc_actor1 TEXT NOT NULL DEFAULT '[]', assoc_actor2 TEXT NOT NULL DEFAULT '[]',
    actor_search TEXT NOT NULL DEFAULT '',
    place_id TEXT, geo_precision INTEGER, place_name TEXT, place_country TEXT,
    place_admin1 TEXT COLLATE NOCASE, place_admin2 TEXT, place_lat REAL, place_lon REAL,
    date TEXT, date_start TEXT, date_end TEXT, time_precision INTEGER, time_id TEXT,
    fatalities INTEGER, fatalities_claimed_by TEXT, tags TEXT NOT NULL DEFAULT '[]',
    modality TEXT NOT NULL COLLATE NOCASE, attributed_to TEXT NOT NULL DEFAULT '[]', confidence REAL,
    evidence TEXT NOT NULL DEFAULT '[]', why TEXT NOT NULL DEFAULT '[]',
    lang TEXT COLLATE NOCASE, source TEXT COLLATE NOCASE, published TEXT,
    PRIMARY KEY (doc_id, id));
  DROP TABLE events;
  ALTER TABLE events_v2 RENAME TO events;
  CREATE INDEX events_date ON events(date DESC, doc_id);
  CREATE INDEX events_date_start ON events(date_start);
  CREATE INDEX events_date_end ON events(date_end);
  CREATE INDEX events_type ON events(event_type, sub_event_type);
  CREATE INDEX events_sub_type ON events(sub_event_type);
  CREATE INDEX events_plover ON events(plover_type);
  CREATE INDEX events_place ON events(place_country, place_admin1);
  CREATE INDEX events_admin1 ON events(place_admin1);
  CREATE INDEX events_modality ON events(modality);
  CREATE INDEX events_lang ON events(lang);
  CREATE INDEX events_source ON events(source);`;

/** What an events row carries of its document (the rest comes through a join on its id). */
export interface EventDocumentFields {
  lang: string | null;
  source: string | null;
  published: string | null;
}

interface EventRow {
  doc_id: string;
  id: string;
  trigger_start: number;
  trigger_end: number;
  trigger_text: string;
  event_type: string | null;
  sub_event_type: string | null;
  plover_type: string;
  plover_mode: string | null;
  actor1: string | null;
  actor1_inter: number | null;
  actor1_json: string | null;
  actor2: string | null;
  actor2_inter: number | null;
  actor2_json: string | null;
  assoc_actor1: string;
  assoc_actor2: string;
  actor_search: string;
  place_id: string | null;
  geo_precision: number | null;
  place_name: string | null;
  place_country: string | null;
  place_admin1: string | null;
  place_admin2: string | null;
  place_lat: number | null;
  place_lon: number | null;
  date: string | null;
  date_start: string | null;
  date_end: string | null;
  time_precision: number | null;
  time_id: string | null;
  fatalities: number | null;
  fatalities_claimed_by: string | null;
  tags: string;
  modality: string;
  attributed_to: string;
  confidence: number | null;
  evidence: string;
  why: string;
  lang: string | null;
  source: string | null;
  published: string | null;
}

/** A row as read back: the events columns and, from the join, the document's own. */
interface EventReadRow extends EventRow {
  url: string | null;
  title: string | null;
  ingested_at: string | null;
}

// One list of columns, so the INSERT and the row object cannot drift apart.
const COLUMNS = [
  'doc_id', 'id', 'trigger_start', 'trigger_end', 'trigger_text', 'event_type', 'sub_event_type',
  'plover_type', 'plover_mode', 'actor1', 'actor1_inter', 'actor1_json', 'actor2', 'actor2_inter',
  'actor2_json', 'assoc_actor1', 'assoc_actor2', 'actor_search', 'place_id', 'geo_precision',
  'place_name', 'place_country', 'place_admin1', 'place_admin2', 'place_lat', 'place_lon', 'date',
  'date_start', 'date_end', 'time_precision', 'time_id', 'fatalities', 'fatalities_claimed_by', 'tags',
  'modality', 'attributed_to', 'confidence', 'evidence', 'why', 'lang', 'source', 'published',
] as const satisfies readonly (keyof EventRow)[];

const INSERT_SQL = `INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')})`;

function actorNames(e: VEvent): string[] {
  const all = [e.actor1, e.actor2, ...e.assocActor1, ...e.assocActor2];
  return all.filter((a): a is EventActor => a !== null).map((a) => a.name);
}

function placeColumns(p: Place | undefined): Pick<EventRow, 'place_name' | 'place_country' | 'place_admin1' | 'place_admin2' | 'place_lat' | 'place_lon'> {
  return {
    place_name: p?.name ?? null, place_country: p?.country?.toUpperCase() ?? null, place_admin1: p?.admin1 ?? null,
    place_admin2: p?.admin2 ?? null, place_lat: p?.lat ?? null, place_lon: p?.lon ?? null,
  };
}

function toRow(docId: string, e: VEvent, place: Place | undefined, doc: EventDocumentFields): EventRow {
  const span = e.date ? dateSpan(e.date) : null;
  return {
    doc_id: docId, id: e.id, trigger_start: e.trigger.start, trigger_end: e.trigger.end, trigger_text: e.trigger.text,
    event_type: e.acled?.eventType ?? null, sub_event_type: e.acled?.subEventType ?? null,
    plover_type: e.plover.type, plover_mode: e.plover.mode,
    actor1: e.actor1?.name ?? null, actor1_inter: e.actor1?.inter ?? null, actor1_json: e.actor1 ? JSON.stringify(e.actor1) : null,
    actor2: e.actor2?.name ?? null, actor2_inter: e.actor2?.inter ?? null, actor2_json: e.actor2 ? JSON.stringify(e.actor2) : null,
    assoc_actor1: JSON.stringify(e.assocActor1), assoc_actor2: JSON.stringify(e.assocActor2),
    // One name a line: a searched substring cannot straddle two names.
    actor_search: actorNames(e).map(foldForSearch).join('\n'),
    place_id: e.place, geo_precision: e.geoPrecision, ...placeColumns(place),
    date: e.date, date_start: span?.start ?? null, date_end: span?.end ?? null,
    time_precision: e.timePrecision, time_id: e.time,
    fatalities: e.fatalities, fatalities_claimed_by: e.fatalitiesClaimedBy ?? null, tags: JSON.stringify(e.tags),
    modality: e.modality, attributed_to: JSON.stringify(e.attributedTo), confidence: e.confidence,
    evidence: JSON.stringify(e.evidence), why: JSON.stringify(e.why),
    lang: doc.lang, source: doc.source, published: doc.published,
  };
}

/** Writes the events rows of one document's record (the caller deletes the old ones first). */
export function insertEventRows(db: Database.Database, docId: string, record: ExtractRecord, doc: EventDocumentFields): void {
  if (!record.events.length) return;
  const places = new Map(record.places.map((p) => [p.id, p]));
  const insert = db.prepare(INSERT_SQL);
  for (const e of record.events) insert.run(toRow(docId, e, e.place ? places.get(e.place) : undefined, doc));
}

/** Refills the events table from the stored records: after a migration that rebuilt it. */
export function refillEventRows(db: Database.Database): void {
  // Ids first, then one document at a time: a write cannot run while a read iterates.
  const ids = db.prepare('SELECT id FROM documents').pluck().all() as string[];
  const get = db.prepare('SELECT record, lang, source, published FROM documents WHERE id = ?');
  for (const id of ids) {
    const row = get.get(id) as EventDocumentFields & { record: string };
    insertEventRows(db, id, JSON.parse(row.record) as ExtractRecord, row);
  }
}

function parseJson<T>(text: string | null, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

/** A row back into the event it was written from, in the field order of VEvent. */
function toStoredEvent(r: EventReadRow): StoredEvent {
  return {
    id: r.id,
    trigger: { start: r.trigger_start, end: r.trigger_end, text: r.trigger_text },
    acled: r.event_type ? { eventType: r.event_type, subEventType: r.sub_event_type ?? '' } : null,
    plover: { type: r.plover_type, mode: r.plover_mode },
    actor1: parseJson<EventActor | null>(r.actor1_json, null),
    actor2: parseJson<EventActor | null>(r.actor2_json, null),
    assocActor1: parseJson<EventActor[]>(r.assoc_actor1, []),
    assocActor2: parseJson<EventActor[]>(r.assoc_actor2, []),
    place: r.place_id,
    geoPrecision: r.geo_precision as VEvent['geoPrecision'],
    date: r.date,
    timePrecision: r.time_precision as VEvent['timePrecision'],
    time: r.time_id,
    fatalities: r.fatalities,
    fatalitiesClaimedBy: r.fatalities_claimed_by,
    tags: parseJson<string[]>(r.tags, []),
    modality: r.modality as VEvent['modality'],
    attributedTo: parseJson<string[]>(r.attributed_to, []),
    confidence: r.confidence ?? 0,
    evidence: parseJson<EventEvidence[]>(r.evidence, []),
    why: parseJson<string[]>(r.why, []),
    docId: r.doc_id,
    location: r.place_id
      ? { name: r.place_name, lat: r.place_lat, lon: r.place_lon, country: r.place_country, admin1: r.place_admin1, admin2: r.place_admin2 }
      : null,
    document: { lang: r.lang, source: r.source, published: r.published, url: r.url, title: r.title, ingestedAt: r.ingested_at },
  };
}

interface Where {
  sql: string;
  params: Record<string, string>;
}

/** The WHERE clause of a query; throws QueryError for bad dates. */
function whereClause(q: EventQuery): Where {
  const where: string[] = [];
  const params: Record<string, string> = {};
  const add = (condition: string, name: string, value: string | null | undefined) => {
    const v = value?.trim();
    if (!v) return;
    where.push(condition);
    params[name] = v;
  };
  // Columns declared NOCASE make these comparisons (and their indexes) ignore case.
  add('e.event_type = @eventType', 'eventType', q.eventType);
  add('e.sub_event_type = @subEventType', 'subEventType', q.subEventType);
  add('e.plover_type = @ploverType', 'ploverType', q.ploverType);
  add('e.place_country = @country', 'country', q.country?.toUpperCase());
  add('e.place_admin1 = @admin1', 'admin1', q.admin1);
  add('e.modality = @modality', 'modality', q.modality);
  add('e.lang = @lang', 'lang', q.lang);
  add('e.source = @source', 'source', q.source);
  add('e.doc_id = @docId', 'docId', q.docId);
  add('instr(e.actor_search, @actor) > 0', 'actor', q.actor?.trim() ? foldForSearch(q.actor.trim()) : null);
  // Overlap of [date_start, date_end] with [from, to]: a month-dated event is in a range that
  // holds any day of that month. Undated events are outside any range.
  const { from, to } = eventQueryRange(q);
  add('e.date_end >= @from', 'from', from);
  add('e.date_start <= @to', 'to', to);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

const SELECT_EVENTS = 'SELECT e.*, d.url, d.title, d.ingested_at FROM events e JOIN documents d ON d.id = e.doc_id';
// Newest first; undated last (NULL sorts lowest); within a document, extraction order.
const ORDER_EVENTS = 'ORDER BY e.date DESC, e.doc_id, e.rowid';

export const LIST_LIMIT = { default: 100, max: 1000 } as const;

export function listEventRows(db: Database.Database, q: EventQuery): { total: number; items: StoredEvent[] } {
  const { sql, params } = whereClause(q);
  const limit = Math.max(1, Math.min(Math.trunc(q.limit ?? LIST_LIMIT.default), LIST_LIMIT.max));
  const offset = Math.max(0, Math.trunc(q.offset ?? 0));
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM events e ${sql}`).get(params) as { n: number }).n;
  const rows = db.prepare(`${SELECT_EVENTS} ${sql} ${ORDER_EVENTS} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as EventReadRow[];
  return { total, items: rows.map(toStoredEvent) };
}

/** One stored event by its document and id, or null. */
export function getEventRow(db: Database.Database, docId: string, id: string): StoredEvent | null {
  const row = db.prepare(`${SELECT_EVENTS} WHERE e.doc_id = ? AND e.id = ?`).get(docId, id) as EventReadRow | undefined;
  return row ? toStoredEvent(row) : null;
}

/** The SELECT of an events stream and its parameters. */
export interface EventStreamStatement {
  sql: string;
  params: Record<string, string | number>;
}

/**
 * The statement streaming a query's events, checked now (QueryError) so a caller can refuse a bad
 * query before it starts writing anything.
 */
export function prepareEventStream(q: EventQuery): EventStreamStatement {
  const { sql, params } = whereClause(q);
  // SQLite reads a negative LIMIT as no limit.
  const limit = q.limit === undefined ? -1 : Math.max(0, Math.trunc(q.limit));
  const offset = Math.max(0, Math.trunc(q.offset ?? 0));
  return { sql: `${SELECT_EVENTS} ${sql} ${ORDER_EVENTS} LIMIT @limit OFFSET @offset`, params: { ...params, limit, offset } };
}

/** Rows one at a time through better-sqlite3's iterate(): one row in memory at once. */
export function* streamEventRows(db: Database.Database, stream: EventStreamStatement): Generator<StoredEvent> {
  for (const row of db.prepare(stream.sql).iterate(stream.params)) yield toStoredEvent(row as EventReadRow);
}
