// The incidents of the SQLite store: events of different dispatches merged when they are one
// happening (src/incidents/match.ts decides; this file finds the candidates and keeps the rows).
// Merging is incremental and runs in the transaction that stores a document: each of its events
// looks only at the incidents near it in space and time — a few index ranges on (cell, date) —
// so the cost of a new document does not grow with the store.
import type Database from 'better-sqlite3';
import type { IncidentCore, IncidentEvent } from '../incidents/match.js';
import { summarize, type Incident } from '../incidents/summary.js';
import type { ExtractRecord } from '../types.js';
import { afterKey, filtersDigest, incidentFilters, incidentKeysSql, pageOf, pagePosition } from './query.js';
import {
  candidateWindow, decideIncident, distinctCandidates, INCIDENT_COLUMNS, incidentAfter, incidentRow, MEMBER_COLUMNS,
  needsCandidates, toIncidentEvent, toMember, type MemberRow,
} from './rows.js';
import { sqliteWhere } from './sqlite-events.js';
import type { IncidentQuery, Page } from './store.js';

/** Migration 3: incidents and their members. */
export const INCIDENTS_TABLES = `
  CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    cell TEXT NOT NULL,
    event_type TEXT COLLATE NOCASE, sub_event_type TEXT COLLATE NOCASE, plover_type TEXT NOT NULL COLLATE NOCASE,
    date TEXT, date_start TEXT, date_end TEXT,
    lat REAL, lon REAL, geo_precision INTEGER, place_name TEXT,
    country TEXT COLLATE NOCASE, admin1 TEXT COLLATE NOCASE,
    actor_search TEXT NOT NULL DEFAULT '', source_search TEXT NOT NULL DEFAULT '',
    fatalities_min INTEGER, fatalities_max INTEGER,
    n_events INTEGER NOT NULL, n_documents INTEGER NOT NULL, n_sources INTEGER NOT NULL, agree INTEGER NOT NULL,
    summary TEXT NOT NULL, core TEXT NOT NULL DEFAULT '{}');
  CREATE INDEX incidents_cell_date ON incidents(cell, date_start);
  CREATE INDEX incidents_admin_date ON incidents(country, admin1, date_start);
  CREATE INDEX incidents_date ON incidents(date DESC, id);
  CREATE INDEX incidents_span ON incidents(date_start, date_end);
  CREATE INDEX incidents_type ON incidents(event_type, sub_event_type);
  CREATE INDEX incidents_plover ON incidents(plover_type);
  CREATE TABLE incident_events (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    doc_id TEXT NOT NULL, event_id TEXT NOT NULL, seq INTEGER NOT NULL,
    stance TEXT NOT NULL, reasons TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (doc_id, event_id));
  CREATE INDEX incident_events_incident ON incident_events(incident_id, seq);
  CREATE INDEX incident_events_seq ON incident_events(seq);`;

// ---- statements, prepared once per connection (preparing cost more than running them)

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function stmt(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) cache.set(sql, (st = db.prepare(sql)));
  return st;
}

// ---- rows

function writeIncident(db: Database.Database, inc: Incident): void {
  stmt(db, `INSERT INTO incidents (${INCIDENT_COLUMNS.join(', ')}) VALUES (${INCIDENT_COLUMNS.map((c) => '@' + c).join(', ')})
    ON CONFLICT(id) DO UPDATE SET ${INCIDENT_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`)
    .run(incidentRow(inc));
}

/** Recomputes an incident from its members; deletes it when none is left. */
function refresh(db: Database.Database, id: string): void {
  const rows = stmt(db, `SELECT ${MEMBER_COLUMNS}, ie.stance, ie.reasons FROM incident_events ie
      JOIN events e ON e.doc_id = ie.doc_id AND e.id = ie.event_id WHERE ie.incident_id = ? ORDER BY ie.seq`).all(id) as MemberRow[];
  if (!rows.length) {
    stmt(db, 'DELETE FROM incidents WHERE id = ?').run(id);
    return;
  }
  writeIncident(db, summarize(id, rows.map(toMember)));
}

/** The incidents an event could join: those filed in the cells around it, in its date window. */
function candidatesFor(db: Database.Database, e: IncidentEvent): IncidentCore[] {
  const w = candidateWindow(e);
  const summaries: string[] = [];
  const byCell = stmt(db, 'SELECT core FROM incidents WHERE cell = ? AND date_start BETWEEN ? AND ?').pluck();
  for (const cell of w.cells) summaries.push(...(byCell.all(cell, w.lo, w.hi) as string[]));
  if (w.province) {
    const byProvince = stmt(db, 'SELECT core FROM incidents WHERE country = ? AND admin1 = ? AND date_start BETWEEN ? AND ?').pluck();
    summaries.push(...(byProvince.all(w.province.country, w.province.admin1, w.lo, w.hi) as string[]));
  }
  return distinctCandidates(summaries);
}

function nextSeq(db: Database.Database): number {
  return ((stmt(db, 'SELECT MAX(seq) AS s FROM incident_events').get() as { s: number | null }).s ?? 0) + 1;
}

/**
 * Files the events of a stored document into incidents: each joins the closest incident every rule
 * accepts, or creates one (an asserted event) — denied ones only join, planned ones stay out.
 * Runs after the document's events rows are written, in the same transaction.
 */
export function assignIncidents(db: Database.Database, docId: string, record: ExtractRecord): void {
  if (!record.events.length) return;
  const rows = stmt(db, `SELECT ${MEMBER_COLUMNS} FROM events e WHERE e.doc_id = ? ORDER BY e.rowid`).all(docId) as MemberRow[];
  const insert = stmt(db, 'INSERT INTO incident_events (incident_id, doc_id, event_id, seq, stance, reasons) VALUES (?, ?, ?, ?, ?, ?)');
  let seq = nextSeq(db);
  for (const row of rows) {
    const e = toIncidentEvent(row);
    const decision = decideIncident(docId, e, needsCandidates(e) ? candidatesFor(db, e) : []);
    if (!decision) continue;
    // A document stored again under the same id after its removal may meet its old incident id.
    if (decision.action === 'create') stmt(db, 'DELETE FROM incidents WHERE id = ?').run(decision.incidentId);
    insert.run(decision.incidentId, docId, e.eventId, seq++, decision.stance, JSON.stringify(decision.reasons));
    // The member is added to the stored summary: the other members are not read again.
    const base = decision.action === 'join' ? JSON.parse(stmt(db, 'SELECT summary FROM incidents WHERE id = ?').pluck().get(decision.incidentId) as string) as Incident : null;
    writeIncident(db, incidentAfter(decision, row, base));
  }
}

/** Takes a document's events out of their incidents (before its record is replaced), refreshing or dropping what they were in. */
export function unassignIncidents(db: Database.Database, docId: string): void {
  const ids = stmt(db, 'SELECT DISTINCT incident_id FROM incident_events WHERE doc_id = ?').pluck().all(docId) as string[];
  stmt(db, 'DELETE FROM incident_events WHERE doc_id = ?').run(docId);
  for (const id of ids) refresh(db, id);
}

/** Builds the incidents of a store that had none: every document's events, in the order they were stored. */
export function fillIncidents(db: Database.Database): void {
  const docs = db.prepare('SELECT id, record FROM documents ORDER BY rowid').all() as { id: string; record: string }[];
  for (const d of docs) assignIncidents(db, d.id, JSON.parse(d.record) as ExtractRecord);
}

// ---- reading

function incidentWhere(q: IncidentQuery): { sql: string; params: Record<string, string | number> } {
  return sqliteWhere(incidentFilters(q), 'i');
}

const ORDER_INCIDENTS = 'ORDER BY i.date DESC, i.id';

/**
 * A page of incidents. The page's ids are sorted first (narrow rows, often from an index alone),
 * then only their summaries are read: sorting the matching rows whole read every summary.
 */
export function listIncidentRows(db: Database.Database, q: IncidentQuery): Page<Incident> {
  const filters = incidentFilters(q);
  const digest = filtersDigest(filters);
  const pos = pagePosition(q, 'incidents', digest);
  const count = sqliteWhere(filters, 'i');
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM incidents i ${count.sql}`).get(count.params) as { n: number }).n;
  const { sql, params } = sqliteWhere(pos.key ? [...filters, afterKey(pos.key, 'date', ['id'])] : filters, 'i');
  const keys = db.prepare(`${incidentKeysSql(q, sql)} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: pos.limit + 1, offset: pos.offset }) as { id: string; date: string | null }[];
  const page = pageOf(keys, pos, 'incidents', digest, (r) => [r.date, r.id]);
  const get = stmt(db, 'SELECT summary FROM incidents WHERE id = ?').pluck();
  return { total, items: page.rows.map((r) => JSON.parse(get.get(r.id) as string) as Incident), nextCursor: page.nextCursor };
}

export function getIncidentRow(db: Database.Database, id: string): Incident | null {
  const s = db.prepare('SELECT summary FROM incidents WHERE id = ?').pluck().get(id) as string | undefined;
  return s ? (JSON.parse(s) as Incident) : null;
}

/** The statement streaming a query's incidents (checked now: QueryError before any output). */
export function prepareIncidentStream(q: IncidentQuery): { sql: string; params: Record<string, string | number> } {
  const { sql, params } = incidentWhere(q);
  const limit = q.limit === undefined ? -1 : Math.max(0, Math.trunc(q.limit));
  const offset = Math.max(0, Math.trunc(q.offset ?? 0));
  return { sql: `SELECT summary FROM incidents i ${sql} ${ORDER_INCIDENTS} LIMIT @limit OFFSET @offset`, params: { ...params, limit, offset } };
}

export function* streamIncidentRows(db: Database.Database, stream: { sql: string; params: Record<string, string | number> }): Generator<Incident> {
  for (const s of db.prepare(stream.sql).pluck().iterate(stream.params)) yield JSON.parse(s as string) as Incident;
}
