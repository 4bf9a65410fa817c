// The events rows of the SQLite store. One row per extracted event, with what listings and exports
// filter on and show copied in — the place it points to, its document's language, outlet and
// dateline, the date as a span of days — so an events query reads one table, never JSON records.
// The record JSON in `documents` stays the source of truth: these rows can be rebuilt from it.
import type Database from 'better-sqlite3';
import type { ExtractRecord } from '../types.js';
import { afterKey, eventFilters, filtersDigest, pageOf, pagePosition, whereSql, type Dialect, type Filter } from './query.js';
import { EVENT_COLUMNS, eventRow, storedEventOf, type EventDocumentFields, type EventReadRow } from './rows.js';
import { quoteRows, speakersOf } from './speakers.js';
import type { EventQuery, Page, StoredEvent } from './store.js';

export type { EventDocumentFields } from './rows.js';
export { LIST_LIMIT } from './query.js';

/** SQLite's way of binding values (named parameters); its text columns that filters compare are
 *  NOCASE, so equality ignores case as it is, and with its indexes. */
export class SqliteParams implements Dialect {
  readonly values: Record<string, string | number> = {};
  private n = 0;
  param(value: string | number): string {
    const name = `f${this.n++}`;
    this.values[name] = value;
    return `@${name}`;
  }
  ieq(column: string, p: string): string {
    return `${column} = ${p}`;
  }
  contains(column: string, p: string): string {
    return `instr(${column}, ${p}) > 0`;
  }
}

/** Filters as SQLite conditions on a table alias, with their bound values. */
export function sqliteWhere(filters: readonly Filter[], alias: string): { sql: string; params: Record<string, string | number> } {
  const d = new SqliteParams();
  const sql = whereSql(filters, alias, d);
  return { sql, params: d.values };
}

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

/**
 * Migration 5, for the desk: events name their speakers (speaker_search), quotes keep who said
 * them and on what (resolved speaker, the words, the kinds of the events they report, the
 * document's language, outlet and date), and every filter of the events listing has an index
 * that also gives the listing's order (filter, then date), so a page is read in order and stops
 * at its limit. The folded actor names ride at the end of the main ones: a count, or a page, of
 * "these events with this actor" reads the index alone instead of every row in the range (the
 * index then orders a document's events of one day by name: SQLite re-sorts just those, "RIGHT
 * PART OF ORDER BY"). Incidents likewise by type and date span.
 */
export const DESK_TABLES = `
  ALTER TABLE events ADD COLUMN speaker_search TEXT NOT NULL DEFAULT '';
  ALTER TABLE quotes ADD COLUMN speaker_name TEXT;
  ALTER TABLE quotes ADD COLUMN speaker_key TEXT;
  ALTER TABLE quotes ADD COLUMN speaker_type TEXT;
  ALTER TABLE quotes ADD COLUMN content_text TEXT NOT NULL DEFAULT '';
  ALTER TABLE quotes ADD COLUMN topics TEXT NOT NULL DEFAULT '';
  ALTER TABLE quotes ADD COLUMN lang TEXT COLLATE NOCASE;
  ALTER TABLE quotes ADD COLUMN source TEXT COLLATE NOCASE;
  ALTER TABLE quotes ADD COLUMN published TEXT;
  CREATE INDEX quotes_speaker ON quotes(speaker_key);
  CREATE INDEX quotes_published ON quotes(published DESC, doc_id, start, id);
  DROP INDEX events_date_start;
  DROP INDEX events_date_end;
  DROP INDEX events_type;
  DROP INDEX events_sub_type;
  DROP INDEX events_plover;
  DROP INDEX events_place;
  DROP INDEX events_admin1;
  DROP INDEX events_modality;
  DROP INDEX events_lang;
  DROP INDEX events_source;
  DROP INDEX events_date;
  CREATE INDEX events_date ON events(date DESC, doc_id, actor_search, speaker_search, place_lat, place_lon);
  CREATE INDEX events_type_date ON events(event_type, date DESC, doc_id, actor_search);
  CREATE INDEX events_sub_type_date ON events(sub_event_type, date DESC, doc_id, actor_search);
  CREATE INDEX events_plover_date ON events(plover_type, date DESC, doc_id, actor_search);
  CREATE INDEX events_country_date ON events(place_country, date DESC, doc_id, actor_search);
  CREATE INDEX events_country_admin1_date ON events(place_country, place_admin1, date DESC, doc_id);
  CREATE INDEX events_admin1_date ON events(place_admin1, date DESC, doc_id);
  CREATE INDEX events_modality_date ON events(modality, date DESC, doc_id);
  CREATE INDEX events_lang_date ON events(lang, date DESC, doc_id);
  CREATE INDEX events_source_date ON events(source, date DESC, doc_id);
  CREATE INDEX events_lat_lon ON events(place_lat, place_lon, date);
  DROP INDEX incidents_type;
  DROP INDEX incidents_plover;
  CREATE INDEX incidents_type_span ON incidents(event_type, date_end, date_start, date, id);
  CREATE INDEX incidents_sub_type_span ON incidents(sub_event_type, date_end, date_start, date, id);
  CREATE INDEX incidents_plover_span ON incidents(plover_type, date_end, date_start, date, id);
  CREATE INDEX incidents_end_span ON incidents(date_end, date_start, date, id);`;

/** After migration 5: the speakers of the stored events and quotes, from the stored records. */
export function fillSpeakers(db: Database.Database): void {
  const ids = db.prepare('SELECT id FROM documents').pluck().all() as string[];
  const get = db.prepare('SELECT record, text, lang, source, published FROM documents WHERE id = ?');
  const quoteCols = ['speaker_name', 'speaker_key', 'speaker_type', 'content_text', 'topics', 'lang', 'source', 'published'] as const;
  const setQuote = db.prepare(`UPDATE quotes SET ${quoteCols.map((c) => `${c} = @${c}`).join(', ')} WHERE doc_id = @doc_id AND id = @id`);
  const setEvent = db.prepare('UPDATE events SET speaker_search = ? WHERE doc_id = ? AND id = ?');
  for (const id of ids) {
    const row = get.get(id) as EventDocumentFields & { record: string; text: string };
    const record = JSON.parse(row.record) as ExtractRecord;
    if (!record.quotes.length) continue;
    for (const q of quoteRows(id, record, row.text, row)) setQuote.run(q);
    const speakers = speakersOf(record);
    for (const e of record.events) setEvent.run(eventRow(id, e, undefined, row, speakers).speaker_search, id, e.id);
  }
}

const insertSql = (columns: readonly string[]) => `INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`;
const INSERT_SQL = insertSql(EVENT_COLUMNS);

/** Writes the events rows of one document's record (the caller deletes the old ones first).
 *  `columns`: those the table has, when a migration runs before later ones added the rest. */
export function insertEventRows(db: Database.Database, docId: string, record: ExtractRecord, doc: EventDocumentFields, columns?: readonly string[]): void {
  if (!record.events.length) return;
  const places = new Map(record.places.map((p) => [p.id, p]));
  const speakers = speakersOf(record);
  const insert = db.prepare(columns ? insertSql(columns) : INSERT_SQL);
  for (const e of record.events) {
    const row: Record<string, unknown> = { ...eventRow(docId, e, e.place ? places.get(e.place) : undefined, doc, speakers) };
    insert.run(columns ? Object.fromEntries(columns.map((c) => [c, row[c]])) : row);
  }
}

/** Refills the events table from the stored records: after a migration that rebuilt it. */
export function refillEventRows(db: Database.Database): void {
  // The columns of the table at this point of the migrations: later ones add more, filled then.
  const present = new Set((db.prepare('PRAGMA table_info(events)').all() as { name: string }[]).map((c) => c.name));
  const columns = EVENT_COLUMNS.filter((c) => present.has(c));
  // Ids first, then one document at a time: a write cannot run while a read iterates.
  const ids = db.prepare('SELECT id FROM documents').pluck().all() as string[];
  const get = db.prepare('SELECT record, lang, source, published FROM documents WHERE id = ?');
  for (const id of ids) {
    const row = get.get(id) as EventDocumentFields & { record: string };
    insertEventRows(db, id, JSON.parse(row.record) as ExtractRecord, row, columns);
  }
}

/** The WHERE clause of a query; throws QueryError for bad dates. Columns declared NOCASE make
 *  equality (and its indexes) ignore case. */
function whereClause(q: EventQuery): { sql: string; params: Record<string, string | number> } {
  return sqliteWhere(eventFilters(q), 'e');
}

const SELECT_EVENTS = 'SELECT e.*, e.rowid AS seq, d.url, d.title, d.ingested_at FROM events e JOIN documents d ON d.id = e.doc_id';
// Newest first; undated last (NULL sorts lowest); within a document, extraction order.
const ORDER_EVENTS = 'ORDER BY e.date DESC, e.doc_id, e.rowid';

/** A page of events: the count reads the filters' index alone; the page is read in listing order
 *  from where the cursor left off, one row beyond the limit to know whether another page follows. */
export function listEventRows(db: Database.Database, q: EventQuery): Page<StoredEvent> {
  const filters = eventFilters(q);
  const digest = filtersDigest(filters);
  const pos = pagePosition(q, 'events', digest);
  const count = sqliteWhere(filters, 'e');
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM events e ${count.sql}`).get(count.params) as { n: number }).n;
  const paged = pos.key ? [...filters, afterKey(pos.key, 'date', ['doc_id', 'rowid'])] : filters;
  const { sql, params } = sqliteWhere(paged, 'e');
  const rows = db.prepare(`${SELECT_EVENTS} ${sql} ${ORDER_EVENTS} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: pos.limit + 1, offset: pos.offset }) as EventReadRow[];
  const page = pageOf(rows, pos, 'events', digest, (r) => [r.date, r.doc_id, Number(r.seq)]);
  return { total, items: page.rows.map(storedEventOf), nextCursor: page.nextCursor };
}

/** One stored event by its document and id, or null. */
export function getEventRow(db: Database.Database, docId: string, id: string): StoredEvent | null {
  const row = db.prepare(`${SELECT_EVENTS} WHERE e.doc_id = ? AND e.id = ?`).get(docId, id) as EventReadRow | undefined;
  return row ? storedEventOf(row) : null;
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
  for (const row of db.prepare(stream.sql).iterate(stream.params)) yield storedEventOf(row as EventReadRow);
}
