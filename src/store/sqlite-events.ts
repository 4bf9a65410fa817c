// The events rows of the SQLite store. One row per extracted event, with what listings and exports
// filter on and show copied in — the place it points to, its document's language, outlet and
// dateline, the date as a span of days — so an events query reads one table, never JSON records.
// The record JSON in `documents` stays the source of truth: these rows can be rebuilt from it.
import type Database from 'better-sqlite3';
import type { ExtractRecord } from '../types.js';
import {
  EVENT_COLUMNS, eventFilters, eventRow, listPage, storedEventOf, type EventDocumentFields, type EventReadRow, type Filter,
} from './rows.js';
import type { EventQuery, StoredEvent } from './store.js';

export type { EventDocumentFields } from './rows.js';
export { LIST_LIMIT } from './rows.js';

/** Filters as SQLite conditions on a table alias: text columns are NOCASE, names folded one a line. */
export function sqliteWhere(filters: readonly Filter[], alias: string): { sql: string; params: Record<string, string | number> } {
  const params: Record<string, string | number> = {};
  const where = filters.map((f, i) => {
    const name = `f${i}`;
    params[name] = f.value;
    const col = `${alias}.${f.column}`;
    return f.op === 'eq' || f.op === 'ieq' ? `${col} = @${name}` : f.op === 'contains' ? `instr(${col}, @${name}) > 0` : `${col} ${f.op} @${name}`;
  });
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
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

const INSERT_SQL = `INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map((c) => '@' + c).join(', ')})`;

/** Writes the events rows of one document's record (the caller deletes the old ones first). */
export function insertEventRows(db: Database.Database, docId: string, record: ExtractRecord, doc: EventDocumentFields): void {
  if (!record.events.length) return;
  const places = new Map(record.places.map((p) => [p.id, p]));
  const insert = db.prepare(INSERT_SQL);
  for (const e of record.events) insert.run(eventRow(docId, e, e.place ? places.get(e.place) : undefined, doc));
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

/** The WHERE clause of a query; throws QueryError for bad dates. Columns declared NOCASE make
 *  equality (and its indexes) ignore case. */
function whereClause(q: EventQuery): { sql: string; params: Record<string, string | number> } {
  return sqliteWhere(eventFilters(q), 'e');
}

const SELECT_EVENTS = 'SELECT e.*, d.url, d.title, d.ingested_at FROM events e JOIN documents d ON d.id = e.doc_id';
// Newest first; undated last (NULL sorts lowest); within a document, extraction order.
const ORDER_EVENTS = 'ORDER BY e.date DESC, e.doc_id, e.rowid';

export function listEventRows(db: Database.Database, q: EventQuery): { total: number; items: StoredEvent[] } {
  const { sql, params } = whereClause(q);
  const { limit, offset } = listPage(q);
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM events e ${sql}`).get(params) as { n: number }).n;
  const rows = db.prepare(`${SELECT_EVENTS} ${sql} ${ORDER_EVENTS} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as EventReadRow[];
  return { total, items: rows.map(storedEventOf) };
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
