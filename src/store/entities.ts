// Places, actors and speakers as both stores list them: the SQL (the same text in both dialects but
// for how JSON arrays are opened), and what is done with its rows in JavaScript — the name filter
// (accents ignored, which SQL's lower() does not do alike in SQLite and PostgreSQL), the order
// (most first, then by name, compared the same way everywhere) and the page.
import { eventFilters, filtersDigest, pageOf, pagePosition, whereSql, type Dialect, type Filter } from './query.js';
import {
  dateSpan, foldForSearch, QueryError, type ActorSummary, type EntityQuery, type Page, type PlaceSummary, type SpeakerQuery, type SpeakerSummary,
  type StoredQuote,
} from './store.js';

/** Aggregated listings read every group (to count them); a page shows at most this many. */
export const ENTITY_LIMIT = { default: 50, max: 500 } as const;

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Groups filtered by name (folded), most first then by name, paged by an offset cursor. */
function pageOfGroups<T>(groups: T[], q: { name?: string; limit?: number; offset?: number; cursor?: string }, list: string, digest: string,
  nameOf: (g: T) => string, countOf: (g: T) => number): Page<T> {
  const pos = pagePosition(q, list, digest, ENTITY_LIMIT);
  const wanted = q.name?.trim() ? foldForSearch(q.name.trim()) : null;
  const kept = wanted ? groups.filter((g) => foldForSearch(nameOf(g)).includes(wanted)) : groups;
  kept.sort((a, b) => countOf(b) - countOf(a) || (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  const page = pageOf(kept.slice(pos.offset, pos.offset + pos.limit + 1), pos, list, digest, null);
  return { total: kept.length, items: page.rows, nextCursor: page.nextCursor };
}

// ---- places

export function placesSql(q: EntityQuery, d: Dialect): string {
  const where = whereSql([...eventFilters(q)], 'e', d);
  return `SELECT e.place_name AS name, e.place_country AS country, e.place_admin1 AS admin1, e.place_admin2 AS admin2,
      e.place_lat AS lat, e.place_lon AS lon, COUNT(*) AS events, COUNT(DISTINCT e.doc_id) AS documents,
      SUM(e.fatalities) AS fatalities, MIN(e.date) AS first_date, MAX(e.date) AS last_date
    FROM events e ${where ? `${where} AND` : 'WHERE'} e.place_name IS NOT NULL
    GROUP BY e.place_name, e.place_country, e.place_admin1, e.place_admin2, e.place_lat, e.place_lon`;
}

export function placesPage(rows: readonly Record<string, unknown>[], q: EntityQuery): Page<PlaceSummary> {
  const places: PlaceSummary[] = rows.map((r) => ({
    name: r.name as string, country: (r.country as string | null) ?? null, admin1: (r.admin1 as string | null) ?? null,
    admin2: (r.admin2 as string | null) ?? null, lat: numOrNull(r.lat), lon: numOrNull(r.lon),
    events: num(r.events), documents: num(r.documents), fatalities: numOrNull(r.fatalities),
    firstDate: (r.first_date as string | null) ?? null, lastDate: (r.last_date as string | null) ?? null,
  }));
  return pageOfGroups(places, q, 'places', entityDigest(q), (p) => p.name ?? '', (p) => p.events);
}

// ---- actors

/** How a store opens an events row's list of associated actors (a JSON array column) as rows with a name and an inter code. */
export interface JsonActors {
  /** FROM items joining the array of `column`, and the expressions of an item's name and inter code. */
  (column: string): { join: string; name: string; inter: string };
}

export function actorsSql(q: EntityQuery, d: Dialect, assoc: JsonActors): string {
  // The events the filters keep are read once; each then gives its actor 1, actor 2 and
  // associated actors (an associated actor that is also actor 1 or 2 of the event counts once).
  const where = whereSql(eventFilters(q), 'e', d);
  const a1 = assoc('f.assoc_actor1');
  const a2 = assoc('f.assoc_actor2');
  const assocPart = (a: { join: string; name: string; inter: string }, column: string) =>
    `SELECT ${a.name} AS name, ${a.inter} AS inter, 3 AS role, f.doc_id, f.date FROM f${a.join}
     WHERE f.${column} <> '[]' AND ${a.name} IS DISTINCT FROM f.actor1 AND ${a.name} IS DISTINCT FROM f.actor2`;
  return `WITH f AS MATERIALIZED (
      SELECT e.doc_id, e.date, e.actor1, e.actor1_inter, e.actor2, e.actor2_inter, e.assoc_actor1, e.assoc_actor2 FROM events e ${where})
    SELECT name, MAX(inter) AS inter, COUNT(*) AS events,
      SUM(CASE WHEN role = 1 THEN 1 ELSE 0 END) AS as_actor1, SUM(CASE WHEN role = 2 THEN 1 ELSE 0 END) AS as_actor2,
      SUM(CASE WHEN role = 3 THEN 1 ELSE 0 END) AS associated, COUNT(DISTINCT a.doc_id) AS documents,
      MIN(a.date) AS first_date, MAX(a.date) AS last_date
    FROM (SELECT f.actor1 AS name, f.actor1_inter AS inter, 1 AS role, f.doc_id, f.date FROM f WHERE f.actor1 IS NOT NULL
          UNION ALL SELECT f.actor2, f.actor2_inter, 2, f.doc_id, f.date FROM f WHERE f.actor2 IS NOT NULL AND f.actor2 IS DISTINCT FROM f.actor1
          UNION ALL ${assocPart(a1, 'assoc_actor1')}
          UNION ALL ${assocPart(a2, 'assoc_actor2')}) a
    WHERE name IS NOT NULL GROUP BY name`;
}

export function actorsPage(rows: readonly Record<string, unknown>[], q: EntityQuery): Page<ActorSummary> {
  const actors: ActorSummary[] = rows.map((r) => ({
    name: r.name as string, inter: numOrNull(r.inter), events: num(r.events), asActor1: num(r.as_actor1), asActor2: num(r.as_actor2),
    associated: num(r.associated), documents: num(r.documents),
    firstDate: (r.first_date as string | null) ?? null, lastDate: (r.last_date as string | null) ?? null,
  }));
  return pageOfGroups(actors, q, 'actors', entityDigest(q), (a) => a.name, (a) => a.events);
}

function entityDigest(q: EntityQuery): string {
  return filtersDigest([eventFilters(q), q.name?.trim() ?? '']);
}

// ---- speakers and quotes

/** The conditions on quotes (alias q) of a speakers or quotes query; `exactName` for quotes (one speaker's). */
export function quoteFilters(q: SpeakerQuery, exactName: boolean): Filter[] {
  const out: Filter[] = [];
  const name = q.name?.trim() ? foldForSearch(q.name.trim()) : null;
  if (name) out.push(exactName ? { op: 'eq', column: 'speaker_key', value: name } : { op: 'contains', column: 'speaker_key', value: name });
  if (q.lang?.trim()) out.push({ op: 'ieq', column: 'lang', value: q.lang.trim() });
  if (q.source?.trim()) out.push({ op: 'ieq', column: 'source', value: q.source.trim() });
  if (q.docId?.trim()) out.push({ op: 'eq', column: 'doc_id', value: q.docId.trim() });
  const bound = (raw: string | undefined, which: 'from' | 'to'): string | null => {
    if (!raw?.trim()) return null;
    const span = dateSpan(raw);
    if (!span) throw new QueryError(`${which}=${raw}: not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)`);
    return which === 'from' ? span.start : span.end;
  };
  const from = bound(q.from, 'from');
  const to = bound(q.to, 'to');
  if (from && to && from > to) throw new QueryError(`from=${q.from} is after to=${q.to}`);
  if (from) out.push({ op: '>=', column: 'published', value: from });
  // A publication time ("2024-03-06T10:00:00Z") is on its day: '~' sorts after any time of it.
  if (to) out.push({ op: '<=', column: 'published', value: `${to}~` });
  return out;
}

export function speakersSql(q: SpeakerQuery, d: Dialect): string {
  const where = whereSql(quoteFilters(q, false), 'q', d);
  const named = q.named ? ' AND q.speaker_type IS NOT NULL' : '';
  return `SELECT q.speaker_key AS key, COUNT(*) AS quotes, COUNT(DISTINCT q.doc_id) AS documents, COUNT(DISTINCT q.source) AS sources,
      MIN(q.published) AS first_published, MAX(q.published) AS last_published
    FROM quotes q ${where ? `${where} AND` : 'WHERE'} q.speaker_key IS NOT NULL${named}
    GROUP BY q.speaker_key`;
}

/** The quotes of the speakers of a page: what their names, types, topics and cues are read from. */
export function speakerDetailsSql(q: SpeakerQuery, keys: readonly string[], d: Dialect): string {
  const where = whereSql(quoteFilters({ ...q, name: undefined }, false), 'q', d);
  const list = keys.map((k) => d.param(k)).join(', ');
  return `SELECT q.speaker_key AS key, q.speaker_name AS name, q.speaker_type AS type, q.topics, q.cue_lemma AS cue
    FROM quotes q ${where ? `${where} AND` : 'WHERE'} q.speaker_key IN (${list})`;
}

interface SpeakerGroup {
  key: string;
  quotes: number;
  documents: number;
  sources: number;
  firstPublished: string | null;
  lastPublished: string | null;
}

/** The page of speaker groups (before their details are read). */
export function speakerGroupsPage(rows: readonly Record<string, unknown>[], q: SpeakerQuery): Page<SpeakerGroup> {
  const groups: SpeakerGroup[] = rows.map((r) => ({
    key: r.key as string, quotes: num(r.quotes), documents: num(r.documents), sources: num(r.sources),
    firstPublished: (r.first_published as string | null) ?? null, lastPublished: (r.last_published as string | null) ?? null,
  }));
  const digest = filtersDigest([quoteFilters(q, false), !!q.named]);
  // The name filter is already in the SQL (on the folded key).
  return pageOfGroups(groups, { ...q, name: undefined }, 'speakers', digest, (g) => g.key, (g) => g.quotes);
}

/** Counts, most first (ties in the order first met). */
function tally(values: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

/** Speakers from their groups and the rows of their quotes: the name and type most used, topics and cues counted. */
export function speakersOfPage(page: Page<SpeakerGroup>, details: readonly Record<string, unknown>[]): Page<SpeakerSummary> {
  const byKey = new Map<string, Record<string, unknown>[]>();
  for (const r of details) byKey.set(r.key as string, [...(byKey.get(r.key as string) ?? []), r]);
  const items = page.items.map((g): SpeakerSummary => {
    const rows = byKey.get(g.key) ?? [];
    const name = tally(rows.map((r) => r.name as string))[0]?.[0] ?? g.key;
    const type = tally(rows.map((r) => (r.type as string | null) ?? '')).find(([t]) => t)?.[0] ?? null;
    const topics = tally(rows.flatMap((r) => String(r.topics ?? '').split('\n').filter(Boolean))).map(([topic, count]) => ({ topic, count }));
    const cues = tally(rows.map((r) => (r.cue as string | null) ?? '').filter(Boolean)).map(([cue, count]) => ({ cue, count }));
    const { key: _key, ...counts } = g;
    return { name, type, ...counts, topics, cues };
  });
  return { total: page.total, items, nextCursor: page.nextCursor };
}

/** The listing order of quotes and the columns of its keyset cursor. */
export const QUOTES_ORDER = 'ORDER BY q.published DESC NULLS LAST, q.doc_id, q.start, q.id';
export const QUOTES_KEY = { lead: 'published', rest: ['doc_id', 'start', 'id'] } as const;

export function quotesDigest(q: SpeakerQuery): string {
  return filtersDigest(quoteFilters(q, true));
}

export interface QuoteReadRow {
  doc_id: string;
  id: string;
  kind: string;
  start: number;
  end: number;
  content_start: number;
  content_end: number;
  speaker_text: string | null;
  speaker_name: string | null;
  speaker_type: string | null;
  content_text: string;
  cue_lemma: string | null;
  channel: string | null;
  topics: string;
  lang: string | null;
  source: string | null;
  published: string | null;
  title: string | null;
}

export function storedQuoteOf(r: QuoteReadRow): StoredQuote {
  return {
    docId: r.doc_id, id: r.id, kind: r.kind, start: Number(r.start), end: Number(r.end),
    content: { start: Number(r.content_start), end: Number(r.content_end) }, text: r.content_text,
    speaker: r.speaker_text === null ? null : { name: r.speaker_name, text: r.speaker_text, type: r.speaker_type },
    cue: r.cue_lemma, channel: r.channel, topics: r.topics ? r.topics.split('\n') : [],
    document: { lang: r.lang, source: r.source, published: r.published, title: r.title },
  };
}

export { pagePosition, pageOf };
