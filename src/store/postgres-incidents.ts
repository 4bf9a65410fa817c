// The incidents of the PostgreSQL store: the same tables, candidates and decisions as SQLite's
// (src/store/rows.ts, src/incidents/match.ts), run in the transaction that stores a document.
// Several workers write at once here, so incident assignment is serialised by a transaction-level
// advisory lock: the writer holding it sees every incident committed before it, and two dispatches
// of one happening stored at once can never each create an incident of their own.
import type pg from 'pg';
import type { IncidentCore, IncidentEvent } from '../incidents/match.js';
import { summarize, type Incident } from '../incidents/summary.js';
import {
  candidateWindow, decideIncident, distinctCandidates, INCIDENT_COLUMNS, incidentAfter, incidentRow, MEMBER_COLUMNS, needsCandidates, toIncidentEvent, toMember,
  type MemberRow,
} from './rows.js';
import { LOCK_INCIDENTS } from './postgres-schema.js';

const UPSERT_INCIDENT = `INSERT INTO incidents (${INCIDENT_COLUMNS.join(', ')})
  VALUES (${INCIDENT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${INCIDENT_COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`;

async function writeIncident(c: pg.PoolClient, inc: Incident): Promise<void> {
  const row = incidentRow(inc);
  await c.query(UPSERT_INCIDENT, INCIDENT_COLUMNS.map((k) => row[k]));
}

/** Recomputes an incident from its members; deletes it when none is left. */
async function refresh(c: pg.PoolClient, id: string): Promise<void> {
  const { rows } = await c.query<MemberRow>(`SELECT ${MEMBER_COLUMNS}, ie.stance, ie.reasons FROM incident_events ie
      JOIN events e ON e.doc_id = ie.doc_id AND e.id = ie.event_id WHERE ie.incident_id = $1 ORDER BY ie.seq`, [id]);
  if (!rows.length) {
    await c.query('DELETE FROM incidents WHERE id = $1', [id]);
    return;
  }
  await writeIncident(c, summarize(id, rows.map(toMember)));
}

/** The incidents an event could join: those filed in the cells around it, in its date window. */
async function candidatesFor(c: pg.PoolClient, e: IncidentEvent): Promise<IncidentCore[]> {
  const w = candidateWindow(e);
  const summaries: string[] = [];
  if (w.cells.length) {
    const r = await c.query<{ summary: string }>(
      'SELECT core AS summary FROM incidents WHERE cell = ANY($1::text[]) AND date_start BETWEEN $2 AND $3', [w.cells, w.lo, w.hi]);
    summaries.push(...r.rows.map((x) => x.summary));
  }
  if (w.province) {
    const r = await c.query<{ summary: string }>(
      'SELECT core AS summary FROM incidents WHERE country = $1 AND admin1 = $2 AND date_start BETWEEN $3 AND $4',
      [w.province.country, w.province.admin1, w.lo, w.hi]);
    summaries.push(...r.rows.map((x) => x.summary));
  }
  return distinctCandidates(summaries);
}

/** Waits for the incidents lock of this schema; it is held until the transaction ends. */
export async function lockIncidents(c: pg.PoolClient, schemaKey: number): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_INCIDENTS, schemaKey]);
}

/**
 * Files the events of a stored document into incidents (see assignIncidents of the SQLite store).
 * The caller holds the incidents lock: candidates read now include every committed incident.
 */
export async function assignIncidents(c: pg.PoolClient, docId: string): Promise<void> {
  const { rows } = await c.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM events e WHERE e.doc_id = $1 ORDER BY e.seq`, [docId]);
  for (const row of rows) {
    const e = toIncidentEvent(row);
    const decision = decideIncident(docId, e, needsCandidates(e) ? await candidatesFor(c, e) : []);
    if (!decision) continue;
    // A document stored again under the same id after its removal may meet its old incident id.
    if (decision.action === 'create') await c.query('DELETE FROM incidents WHERE id = $1', [decision.incidentId]);
    await c.query(`INSERT INTO incident_events (incident_id, doc_id, event_id, seq, stance, reasons)
                   VALUES ($1, $2, $3, nextval('incident_seq'), $4, $5)`,
      [decision.incidentId, docId, e.eventId, decision.stance, JSON.stringify(decision.reasons)]);
    // The member is added to the stored summary: the other members are not read again.
    const base = decision.action === 'join'
      ? JSON.parse((await c.query<{ summary: string }>('SELECT summary FROM incidents WHERE id = $1', [decision.incidentId])).rows[0].summary) as Incident
      : null;
    await writeIncident(c, incidentAfter(decision, row, base));
  }
}

/** Takes a document's events out of their incidents, refreshing or dropping what they were in. */
export async function unassignIncidents(c: pg.PoolClient, docId: string): Promise<void> {
  const { rows } = await c.query<{ incident_id: string }>('DELETE FROM incident_events WHERE doc_id = $1 RETURNING incident_id', [docId]);
  for (const id of new Set(rows.map((r) => r.incident_id))) await refresh(c, id);
}
