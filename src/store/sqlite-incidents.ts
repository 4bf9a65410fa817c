// The incidents of the SQLite store: events of different dispatches merged when they are one
// happening (src/incidents/match.ts decides; this file finds the candidates and keeps the rows).
// Merging is incremental and runs in the transaction that stores a document: each of its events
// looks only at the incidents near it in space and time — a few index ranges on (cell, date) —
// so the cost of a new document does not grow with the store.
import type Database from 'better-sqlite3';
import { addDays, allowedKm, bestIncident, incidentRules, mergeable, stanceOf, type IncidentCore, type IncidentEvent } from '../incidents/match.js';
import { incidentId, summarize, type Incident, type IncidentMember } from '../incidents/summary.js';
import type { EventActor, EventEvidence, ExtractRecord, Modality } from '../types.js';
import { eventQueryRange, foldForSearch, type IncidentQuery } from './store.js';

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
    summary TEXT NOT NULL);
  CREATE INDEX incidents_cell_date ON incidents(cell, date_start);
  CREATE INDEX incidents_admin_date ON incidents(country, admin1, date_start);
  CREATE INDEX incidents_date ON incidents(date DESC, id);
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

// ---- cells: where to look

/** Grid cells are this many degrees wide: wider than the largest merge distance in latitude. */
const CELL_DEGREES = 2;
const KM_PER_DEGREE = 111.2;

function gridCell(lat: number, lon: number): string {
  return `g:${Math.floor(lat / CELL_DEGREES)}:${Math.floor(lon / CELL_DEGREES)}`;
}

/** Incidents without coordinates are filed by country and province. */
function areaCell(country: string | null, admin1: string | null): string {
  return `a:${country ?? '-'}:${admin1 ?? '-'}`;
}

function cellOf(i: Pick<IncidentCore, 'lat' | 'lon' | 'country' | 'admin1'>): string {
  return i.lat !== null && i.lon !== null ? gridCell(i.lat, i.lon) : areaCell(i.country, i.admin1);
}

/** The grid cells within `km` of a point (more cells across in longitude near the poles). */
function cellsAround(lat: number, lon: number, km: number): string[] {
  const rows = Math.ceil(km / (KM_PER_DEGREE * CELL_DEGREES));
  const cos = Math.max(Math.cos((Math.min(Math.abs(lat) + CELL_DEGREES, 89.9) * Math.PI) / 180), 0.01);
  const cols = Math.min(Math.ceil(km / (KM_PER_DEGREE * CELL_DEGREES * cos)), Math.ceil(180 / CELL_DEGREES));
  const r0 = Math.floor(lat / CELL_DEGREES);
  const c0 = Math.floor(lon / CELL_DEGREES);
  const wrap = 360 / CELL_DEGREES;
  const cells = new Set<string>();
  for (let r = r0 - rows; r <= r0 + rows; r++) {
    for (let c = c0 - cols; c <= c0 + cols; c++) {
      const col = ((((c + wrap / 2) % wrap) + wrap) % wrap) - wrap / 2; // across the antimeridian
      cells.add(`g:${r}:${col}`);
    }
  }
  return [...cells];
}

// ---- events rows → merger input

interface MemberRow {
  doc_id: string;
  id: string;
  trigger_text: string;
  event_type: string | null;
  sub_event_type: string | null;
  plover_type: string;
  actor1: string | null;
  actor1_inter: number | null;
  actor2: string | null;
  actor2_inter: number | null;
  assoc_actor1: string;
  assoc_actor2: string;
  date: string | null;
  date_start: string | null;
  date_end: string | null;
  time_precision: number | null;
  place_name: string | null;
  place_country: string | null;
  place_admin1: string | null;
  place_lat: number | null;
  place_lon: number | null;
  geo_precision: number | null;
  fatalities: number | null;
  fatalities_claimed_by: string | null;
  modality: string;
  source: string | null;
  published: string | null;
  evidence: string;
  stance?: string;
  reasons?: string;
}

const MEMBER_COLUMNS = `e.doc_id, e.id, e.trigger_text, e.event_type, e.sub_event_type, e.plover_type, e.actor1, e.actor1_inter, e.actor2,
  e.actor2_inter, e.assoc_actor1, e.assoc_actor2, e.date, e.date_start, e.date_end, e.time_precision, e.place_name, e.place_country,
  e.place_admin1, e.place_lat, e.place_lon, e.geo_precision, e.fatalities, e.fatalities_claimed_by, e.modality,
  e.source, e.published, e.evidence`;

function toIncidentEvent(r: MemberRow): IncidentEvent {
  const assoc = [...(JSON.parse(r.assoc_actor1) as EventActor[]), ...(JSON.parse(r.assoc_actor2) as EventActor[])]
    .map((a) => ({ name: a.name, inter: a.inter ?? null }));
  const own = [{ name: r.actor1, inter: r.actor1_inter }, { name: r.actor2, inter: r.actor2_inter }]
    .filter((a): a is { name: string; inter: number | null } => a.name !== null);
  return {
    docId: r.doc_id, eventId: r.id, eventType: r.event_type, subEventType: r.sub_event_type, ploverType: r.plover_type,
    date: r.date, dateStart: r.date_start, dateEnd: r.date_end, timePrecision: r.time_precision as IncidentEvent['timePrecision'],
    lat: r.place_lat, lon: r.place_lon, geoPrecision: r.geo_precision as IncidentEvent['geoPrecision'],
    placeName: r.place_name, country: r.place_country, admin1: r.place_admin1,
    actors: [...own, ...assoc],
    fatalities: r.fatalities, modality: r.modality as Modality,
  };
}

function toMember(r: MemberRow): IncidentMember {
  const speakers = (JSON.parse(r.evidence) as EventEvidence[]).filter((x) => x.field === 'attribution').map((x) => x.text);
  return {
    ...toIncidentEvent(r),
    stance: r.stance === 'contradicts' ? 'contradicts' : 'confirms',
    reasons: JSON.parse(r.reasons ?? '[]') as string[],
    trigger: r.trigger_text, actor1: r.actor1, actor2: r.actor2, fatalitiesClaimedBy: r.fatalities_claimed_by,
    source: r.source, published: r.published, speakers: [...new Set(speakers)],
  };
}

// ---- rows

function writeIncident(db: Database.Database, inc: Incident): void {
  stmt(db, `INSERT INTO incidents (id, cell, event_type, sub_event_type, plover_type, date, date_start, date_end, lat, lon,
      geo_precision, place_name, country, admin1, actor_search, source_search, fatalities_min, fatalities_max, n_events,
      n_documents, n_sources, agree, summary)
    VALUES (@id, @cell, @event_type, @sub_event_type, @plover_type, @date, @date_start, @date_end, @lat, @lon, @geo_precision,
      @place_name, @country, @admin1, @actor_search, @source_search, @fatalities_min, @fatalities_max, @n_events, @n_documents,
      @n_sources, @agree, @summary)
    ON CONFLICT(id) DO UPDATE SET cell = excluded.cell, event_type = excluded.event_type, sub_event_type = excluded.sub_event_type,
      plover_type = excluded.plover_type, date = excluded.date, date_start = excluded.date_start, date_end = excluded.date_end,
      lat = excluded.lat, lon = excluded.lon, geo_precision = excluded.geo_precision, place_name = excluded.place_name,
      country = excluded.country, admin1 = excluded.admin1, actor_search = excluded.actor_search,
      source_search = excluded.source_search, fatalities_min = excluded.fatalities_min, fatalities_max = excluded.fatalities_max,
      n_events = excluded.n_events, n_documents = excluded.n_documents, n_sources = excluded.n_sources, agree = excluded.agree,
      summary = excluded.summary`).run({
    id: inc.id, cell: cellOf(inc), event_type: inc.eventType, sub_event_type: inc.subEventType, plover_type: inc.ploverType,
    date: inc.date, date_start: inc.dateStart, date_end: inc.dateEnd, lat: inc.lat, lon: inc.lon, geo_precision: inc.geoPrecision,
    place_name: inc.place?.name ?? null, country: inc.country, admin1: inc.admin1,
    actor_search: inc.actors.map((a) => foldForSearch(a.name)).join('\n'), source_search: inc.sources.map(foldForSearch).join('\n'),
    fatalities_min: inc.fatalities?.min ?? null, fatalities_max: inc.fatalities?.max ?? null,
    n_events: inc.events.length, n_documents: inc.docIds.length, n_sources: inc.sources.length, agree: inc.agree ? 1 : 0,
    summary: JSON.stringify(inc),
  });
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
  const r = incidentRules();
  const slack = Math.max(r.dateSlackDays['1'], r.dateSlackDays['2'], r.dateSlackDays['3']);
  // An incident's span is bounded (maxSpanDays), so one starting before this cannot reach the event.
  const lo = addDays(e.dateStart!, -(r.maxSpanDays + slack));
  const hi = addDays(e.dateEnd!, slack);
  const rows: { summary: string }[] = [];
  const byCell = stmt(db, 'SELECT summary FROM incidents WHERE cell = ? AND date_start BETWEEN ? AND ?');
  if (e.lat !== null && e.lon !== null) {
    for (const cell of cellsAround(e.lat, e.lon, allowedKm(3, 3, r))) rows.push(...(byCell.all(cell, lo, hi) as { summary: string }[]));
  }
  if (e.country && e.admin1) {
    // Same province: incidents without coordinates, and (for an event without any) those with them.
    const sql = e.lat !== null
      ? 'SELECT summary FROM incidents WHERE cell = ? AND date_start BETWEEN ? AND ?'
      : 'SELECT summary FROM incidents WHERE country = ? AND admin1 = ? AND date_start BETWEEN ? AND ?';
    const args = e.lat !== null ? [areaCell(e.country, e.admin1), lo, hi] : [e.country, e.admin1, lo, hi];
    rows.push(...(stmt(db, sql).all(...args) as { summary: string }[]));
  }
  const seen = new Set<string>();
  const out: IncidentCore[] = [];
  for (const row of rows) {
    const inc = JSON.parse(row.summary) as IncidentCore;
    if (!seen.has(inc.id)) (seen.add(inc.id), out.push(inc));
  }
  return out;
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
    const stance = stanceOf(e.modality);
    if (!stance) continue;
    const canMerge = mergeable(e) && (e.lat !== null || (e.country !== null && e.admin1 !== null));
    const best = canMerge ? bestIncident(e, candidatesFor(db, e)) : null;
    if (best) {
      insert.run(best.incident.id, docId, e.eventId, seq++, stance, JSON.stringify(best.verdict.reasons));
      refresh(db, best.incident.id);
    } else if (stance === 'confirms') {
      const id = incidentId(docId, e.eventId);
      // A document stored again under the same id after its removal may meet its old incident id.
      stmt(db, 'DELETE FROM incidents WHERE id = ?').run(id);
      const why = canMerge ? 'created: no known incident matches' : 'created: too vague to compare (no date to the month, or no place)';
      insert.run(id, docId, e.eventId, seq++, stance, JSON.stringify([why]));
      refresh(db, id);
    }
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

interface Where {
  sql: string;
  params: Record<string, string | number>;
}

function incidentWhere(q: IncidentQuery): Where {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  const add = (condition: string, name: string, value: string | null | undefined) => {
    const v = value?.trim();
    if (!v) return;
    where.push(condition);
    params[name] = v;
  };
  add('i.event_type = @eventType', 'eventType', q.eventType);
  add('i.sub_event_type = @subEventType', 'subEventType', q.subEventType);
  add('i.plover_type = @ploverType', 'ploverType', q.ploverType);
  add('i.country = @country', 'country', q.country?.toUpperCase());
  add('i.admin1 = @admin1', 'admin1', q.admin1);
  add('instr(i.actor_search, @actor) > 0', 'actor', q.actor?.trim() ? foldForSearch(q.actor.trim()) : null);
  add('instr(i.source_search, @source) > 0', 'source', q.source?.trim() ? foldForSearch(q.source.trim()) : null);
  if (q.minSources !== undefined && q.minSources > 1) {
    where.push('i.n_sources >= @minSources');
    params.minSources = Math.trunc(q.minSources);
  }
  const { from, to } = eventQueryRange(q);
  add('i.date_end >= @from', 'from', from);
  add('i.date_start <= @to', 'to', to);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

const ORDER_INCIDENTS = 'ORDER BY i.date DESC, i.id';
export const INCIDENT_LIST_LIMIT = { default: 100, max: 1000 } as const;

export function listIncidentRows(db: Database.Database, q: IncidentQuery): { total: number; items: Incident[] } {
  const { sql, params } = incidentWhere(q);
  const limit = Math.max(1, Math.min(Math.trunc(q.limit ?? INCIDENT_LIST_LIMIT.default), INCIDENT_LIST_LIMIT.max));
  const offset = Math.max(0, Math.trunc(q.offset ?? 0));
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM incidents i ${sql}`).get(params) as { n: number }).n;
  const rows = db.prepare(`SELECT summary FROM incidents i ${sql} ${ORDER_INCIDENTS} LIMIT @limit OFFSET @offset`)
    .pluck().all({ ...params, limit, offset }) as string[];
  return { total, items: rows.map((s) => JSON.parse(s) as Incident) };
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
