// The conditions of event and incident queries, said once and written by each store in its SQL
// dialect (SQLite named parameters, PostgreSQL $n), and the opaque cursors of paged listings.
// Every user value reaches SQL as a bound parameter, never as text of the statement.
import { createHash } from 'node:crypto';
import { eventQueryRange, foldForSearch, QueryError, type Bbox, type EventQuery, type IncidentQuery } from './store.js';

/**
 * One condition of a query, on a column of the table an alias names:
 * - a comparison: equal ('eq'), equal ignoring case ('ieq': SQLite declares these columns NOCASE),
 *   holding a folded substring ('contains', over a column of folded names one a line), or a bound;
 * - 'either': one of several conditions (a bounding box across the antimeridian);
 * - 'dateIn': an event's date (a day, a month or a year) overlapping a range of days, said on the
 *   date column alone so an index holding it answers without reading the rows;
 * - 'members': an incident with at least one member event meeting the conditions;
 * - 'after': the rows after a cursor in the order `lead DESC (nulls last), rest…`.
 */
export type Filter =
  | { op: 'eq' | 'ieq' | 'contains' | '>=' | '<='; column: string; value: string | number }
  | { op: 'either'; any: Filter[] }
  | { op: 'dateIn'; column: string; from: string | null; to: string | null }
  | { op: 'members'; filters: Filter[] }
  | { op: 'after'; lead: { column: string; value: string | null }; rest: { column: string; value: string | number }[] };

/** How a store writes SQL: where values go, and its words for case-blind equality and substrings. */
export interface Dialect {
  /** Binds a value; returns its placeholder. */
  param(value: string | number): string;
  ieq(column: string, placeholder: string): string;
  contains(column: string, placeholder: string): string;
}

/** The conditions as one WHERE clause (or '' when there are none). */
export function whereSql(filters: readonly Filter[], alias: string, d: Dialect): string {
  const parts = filters.map((f) => filterSql(f, alias, d));
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

function filterSql(f: Filter, alias: string, d: Dialect): string {
  switch (f.op) {
    case 'either':
      return `(${f.any.map((x) => filterSql(x, alias, d)).join(' OR ')})`;
    case 'dateIn':
      return dateInSql(`${alias}.${f.column}`, f.from, f.to, d);
    case 'members': {
      const inner = f.filters.map((x) => filterSql(x, 'me', d)).join(' AND ');
      return `EXISTS (SELECT 1 FROM incident_events ie JOIN events me ON me.doc_id = ie.doc_id AND me.id = ie.event_id
                      WHERE ie.incident_id = ${alias}.id AND ${inner})`;
    }
    case 'after':
      return afterSql(f, alias, d);
    default: {
      const col = `${alias}.${f.column}`;
      const p = d.param(f.value);
      if (f.op === 'eq') return `${col} = ${p}`;
      if (f.op === 'ieq') return d.ieq(col, p);
      if (f.op === 'contains') return d.contains(col, p);
      return `${col} ${f.op} ${p}`;
    }
  }
}

/**
 * An event date — YYYY, YYYY-MM or YYYY-MM-DD — overlapping [from, to] (whole days), said on the
 * date alone: a date is at most `to` (a month or a year sorts before its first day), and at least
 * `from` cut to its own length (the month of `from` overlaps it; so does its year). The year of
 * `from` is also given as a plain lower bound, so an index on the date reads only that range.
 */
function dateInSql(col: string, from: string | null, to: string | null, d: Dialect): string {
  const parts = [`length(${col}) IN (4, 7, 10)`];
  if (to) parts.push(`${col} <= ${d.param(to)}`);
  if (from) {
    parts.push(`${col} >= ${d.param(from.slice(0, 4))}`);
    parts.push(`${col} >= substr(${d.param(from)}, 1, length(${col}))`);
  }
  return parts.join(' AND ');
}

/** Rows after (lead, rest…) in the order lead DESC with nulls last, then rest ascending. */
function afterSql(f: Extract<Filter, { op: 'after' }>, alias: string, d: Dialect): string {
  const lead = `${alias}.${f.lead.column}`;
  const cols = f.rest.map((r) => `${alias}.${r.column}`);
  const vals = f.rest.map((r) => d.param(r.value));
  const restAfter = cols.length === 1 ? `${cols[0]} > ${vals[0]}` : `(${cols.join(', ')}) > (${vals.join(', ')})`;
  if (f.lead.value === null) return `(${lead} IS NULL AND ${restAfter})`;
  const v = d.param(f.lead.value);
  return `(${lead} IS NULL OR ${lead} < ${v} OR (${lead} = ${v} AND ${restAfter}))`;
}

// ---- the filters of each listing

function filterList(entries: readonly [string, 'eq' | 'ieq' | 'contains', string | null | undefined][]): Filter[] {
  const out: Filter[] = [];
  for (const [column, op, value] of entries) {
    const v = value?.trim();
    if (v) out.push({ column, op, value: v });
  }
  return out;
}

const folded = (s: string | undefined): string | null => (s?.trim() ? foldForSearch(s.trim()) : null);

/** A bounding box as conditions on latitude and longitude columns; across the antimeridian when
 *  its west edge is east of its east edge (170,-10,-170,10). */
export function bboxFilters(b: Bbox | undefined, lat: string, lon: string): Filter[] {
  if (!b) return [];
  const out: Filter[] = [
    { op: '>=', column: lat, value: b.minLat },
    { op: '<=', column: lat, value: b.maxLat },
  ];
  if (b.minLon <= b.maxLon) out.push({ op: '>=', column: lon, value: b.minLon }, { op: '<=', column: lon, value: b.maxLon });
  else out.push({ op: 'either', any: [{ op: '>=', column: lon, value: b.minLon }, { op: '<=', column: lon, value: b.maxLon }] });
  return out;
}

/** The conditions of an events query (columns of the events table); throws QueryError for bad dates. */
export function eventFilters(q: EventQuery): Filter[] {
  const { from, to } = eventQueryRange(q);
  const out = filterList([
    ['event_type', 'ieq', q.eventType], ['sub_event_type', 'ieq', q.subEventType], ['plover_type', 'ieq', q.ploverType],
    ['place_country', 'eq', q.country?.toUpperCase()], ['place_admin1', 'ieq', q.admin1], ['modality', 'ieq', q.modality],
    ['lang', 'ieq', q.lang], ['source', 'ieq', q.source], ['doc_id', 'eq', q.docId],
    ['actor_search', 'contains', folded(q.actor)], ['speaker_search', 'contains', folded(q.speaker)],
  ]);
  // Undated events are outside any range.
  if (from || to) out.push({ op: 'dateIn', column: 'date', from, to });
  out.push(...bboxFilters(q.bbox, 'place_lat', 'place_lon'));
  return out;
}

/** The conditions of an incidents query (columns of the incidents table); throws QueryError for bad
 *  dates. Modality, language and speaker are those of its events: an incident with one such member. */
export function incidentFilters(q: IncidentQuery): Filter[] {
  const { from, to } = eventQueryRange(q);
  const out = filterList([
    ['event_type', 'ieq', q.eventType], ['sub_event_type', 'ieq', q.subEventType], ['plover_type', 'ieq', q.ploverType],
    ['country', 'ieq', q.country?.toUpperCase()], ['admin1', 'ieq', q.admin1],
    ['actor_search', 'contains', folded(q.actor)], ['source_search', 'contains', folded(q.source)],
  ]);
  if (from) out.push({ op: '>=', column: 'date_end', value: from });
  if (to) out.push({ op: '<=', column: 'date_start', value: to });
  if (q.minSources !== undefined && q.minSources > 1) out.push({ op: '>=', column: 'n_sources', value: Math.trunc(q.minSources) });
  out.push(...bboxFilters(q.bbox, 'lat', 'lon'));
  const members = filterList([['modality', 'ieq', q.modality], ['lang', 'ieq', q.lang], ['speaker_search', 'contains', folded(q.speaker)]]);
  if (members.length) out.push({ op: 'members', filters: members });
  return out;
}

/**
 * The ids and dates of the matching incidents in listing order. With a date range, the matching
 * rows are gathered first and then sorted: two ranges over the span (its end after `from`, its
 * start before `to`) look far less selective to a planner than they are, and walking the whole
 * date index for them read ten times the rows (PostgreSQL chose that; both stores say it so).
 */
export function incidentKeysSql(q: { from?: string; to?: string }, where: string): string {
  if (!q.from && !q.to) return `SELECT i.id, i.date FROM incidents i ${where} ORDER BY i.date DESC NULLS LAST, i.id`;
  return `WITH m AS MATERIALIZED (SELECT i.id, i.date FROM incidents i ${where}) SELECT m.id, m.date FROM m ORDER BY m.date DESC NULLS LAST, m.id`;
}

export const LIST_LIMIT = { default: 100, max: 1000 } as const;

/** The page a listing asks for, within bounds. */
export function listPage(q: { limit?: number; offset?: number }, bounds: { default: number; max: number } = LIST_LIMIT): { limit: number; offset: number } {
  return {
    limit: Math.max(1, Math.min(Math.trunc(q.limit ?? bounds.default), bounds.max)),
    offset: Math.max(0, Math.trunc(q.offset ?? 0)),
  };
}

// ---- cursors: where the next page starts, opaque to clients

/** What a cursor holds: the listing it belongs to, a digest of its filters, and a position — the
 *  sort key of the last row given (keyset), or a count of rows given (offset). */
interface CursorBody {
  list: string;
  digest: string;
  key?: (string | number | null)[];
  offset?: number;
}

/** A digest of a listing's filters: a cursor used with other filters is refused, not misread. */
export function filtersDigest(filters: unknown): string {
  return createHash('sha256').update(JSON.stringify(filters)).digest('base64url').slice(0, 12);
}

export function encodeCursor(body: CursorBody): string {
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** The position a cursor holds, checked against the listing and its filters (QueryError otherwise). */
export function decodeCursor(cursor: string, list: string, digest: string): { key?: (string | number | null)[]; offset?: number } {
  let body: CursorBody;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody;
  } catch {
    throw new QueryError('cursor: not a cursor this server gave');
  }
  if (!body || typeof body !== 'object' || body.list !== list) throw new QueryError('cursor: not a cursor of this listing');
  if (body.digest !== digest) throw new QueryError('cursor: given with other filters than the page it came from');
  const keyOk = Array.isArray(body.key) && body.key.every((k) => k === null || typeof k === 'string' || typeof k === 'number');
  const offsetOk = Number.isInteger(body.offset) && (body.offset as number) >= 0;
  if (!keyOk && !offsetOk) throw new QueryError('cursor: not a cursor this server gave');
  return keyOk ? { key: body.key } : { offset: body.offset };
}

/** A listing's page position: a keyset cursor's sort key, or an offset (a cursor's or the query's). */
export interface PagePosition {
  limit: number;
  offset: number;
  key: (string | number | null)[] | null;
}

export function pagePosition(
  q: { limit?: number; offset?: number; cursor?: string },
  list: string,
  digest: string,
  bounds: { default: number; max: number } = LIST_LIMIT,
): PagePosition {
  const { limit, offset } = listPage(q, bounds);
  if (!q.cursor) return { limit, offset, key: null };
  if (q.offset) throw new QueryError('cursor and offset: give one or the other');
  const at = decodeCursor(q.cursor, list, digest);
  return { limit, offset: at.offset ?? 0, key: at.key ?? null };
}

/** The keyset condition of a cursor's key, for the order `lead DESC nulls last, rest… ascending`. */
export function afterKey(key: readonly (string | number | null)[], lead: string, rest: readonly string[]): Filter {
  if (key.length !== rest.length + 1 || key.slice(1).some((k) => k === null)) throw new QueryError('cursor: not a cursor of this listing');
  const leadValue = key[0] === null ? null : String(key[0]);
  return { op: 'after', lead: { column: lead, value: leadValue }, rest: rest.map((column, i) => ({ column, value: key[i + 1] as string | number })) };
}

/**
 * A page from rows fetched one beyond the limit: the rows, and the cursor of the next page when
 * that extra row says there is one (made from the last row kept: its sort key, or the offset reached).
 */
export function pageOf<R>(
  rows: readonly R[],
  pos: PagePosition,
  list: string,
  digest: string,
  keyOf: ((row: R) => (string | number | null)[]) | null,
): { rows: R[]; nextCursor: string | null } {
  const kept = rows.slice(0, pos.limit);
  if (rows.length <= pos.limit) return { rows: kept, nextCursor: null };
  const last = kept[kept.length - 1];
  // A keyset cursor holds whatever led here (a first page, an offset, another cursor).
  const body: CursorBody = keyOf ? { list, digest, key: keyOf(last) } : { list, digest, offset: pos.offset + kept.length };
  return { rows: kept, nextCursor: encodeCursor(body) };
}
