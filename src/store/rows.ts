// What the SQLite and PostgreSQL stores share: how an event becomes an events row and back, how an
// incident becomes an incidents row, where an event looks for incidents it could join, what it
// decides among them, and the filters of event and incident queries. Each store only says these
// things in its SQL dialect, so both give the same answers.
import { addDays, allowedKm, bestIncident, incidentRules, mergeable, stanceOf, type IncidentCore, type IncidentEvent, type Stance } from '../incidents/match.js';
import { addMember, emptyIncident, incidentId, type Incident, type IncidentMember } from '../incidents/summary.js';
import type { Dateline, EventActor, EventEvidence, ExtractRecord, Modality, Place, PublishedFrom, VEvent } from '../types.js';
import { speakerSearch, type QuoteSpeaker } from './speakers.js';
import { dateSpan, foldForSearch, type StoredDocumentSummary, type StoredEvent } from './store.js';

// ---- events rows

/** What an events row carries of its document (the rest comes through a join on its id). */
export interface EventDocumentFields {
  lang: string | null;
  source: string | null;
  published: string | null;
}

export interface EventRow {
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
  /** Folded names of the speakers the event is attributed to, one a line. */
  speaker_search: string;
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
export interface EventReadRow extends EventRow {
  /** Extraction order (SQLite's rowid, PostgreSQL's seq column): the last key of the listing order. */
  seq: number | string;
  url: string | null;
  title: string | null;
  ingested_at: string | null;
}

// One list of columns, so the INSERT and the row object cannot drift apart.
export const EVENT_COLUMNS = [
  'doc_id', 'id', 'trigger_start', 'trigger_end', 'trigger_text', 'event_type', 'sub_event_type',
  'plover_type', 'plover_mode', 'actor1', 'actor1_inter', 'actor1_json', 'actor2', 'actor2_inter',
  'actor2_json', 'assoc_actor1', 'assoc_actor2', 'actor_search', 'speaker_search', 'place_id', 'geo_precision',
  'place_name', 'place_country', 'place_admin1', 'place_admin2', 'place_lat', 'place_lon', 'date',
  'date_start', 'date_end', 'time_precision', 'time_id', 'fatalities', 'fatalities_claimed_by', 'tags',
  'modality', 'attributed_to', 'confidence', 'evidence', 'why', 'lang', 'source', 'published',
] as const satisfies readonly (keyof EventRow)[];

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

/** The events row of one extracted event, with its place, its speakers (by quote id) and its
 *  document's fields copied in. */
export function eventRow(docId: string, e: VEvent, place: Place | undefined, doc: EventDocumentFields, speakers: ReadonlyMap<string, QuoteSpeaker>): EventRow {
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
    speaker_search: speakerSearch(e.attributedTo, speakers),
    place_id: e.place, geo_precision: e.geoPrecision, ...placeColumns(place),
    date: e.date, date_start: span?.start ?? null, date_end: span?.end ?? null,
    time_precision: e.timePrecision, time_id: e.time,
    fatalities: e.fatalities, fatalities_claimed_by: e.fatalitiesClaimedBy ?? null, tags: JSON.stringify(e.tags),
    modality: e.modality, attributed_to: JSON.stringify(e.attributedTo), confidence: e.confidence,
    evidence: JSON.stringify(e.evidence), why: JSON.stringify(e.why),
    lang: doc.lang, source: doc.source, published: doc.published,
  };
}

function parseJson<T>(text: string | null, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

/** A row back into the event it was written from, in the field order of VEvent. */
export function storedEventOf(r: EventReadRow): StoredEvent {
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

// ---- incidents: events rows → merger input

export interface MemberRow {
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

export const MEMBER_COLUMNS = `e.doc_id, e.id, e.trigger_text, e.event_type, e.sub_event_type, e.plover_type, e.actor1, e.actor1_inter, e.actor2,
  e.actor2_inter, e.assoc_actor1, e.assoc_actor2, e.date, e.date_start, e.date_end, e.time_precision, e.place_name, e.place_country,
  e.place_admin1, e.place_lat, e.place_lon, e.geo_precision, e.fatalities, e.fatalities_claimed_by, e.modality,
  e.source, e.published, e.evidence`;

export function toIncidentEvent(r: MemberRow): IncidentEvent {
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

export function toMember(r: MemberRow): IncidentMember {
  const speakers = (JSON.parse(r.evidence) as EventEvidence[]).filter((x) => x.field === 'attribution').map((x) => x.text);
  return {
    ...toIncidentEvent(r),
    stance: r.stance === 'contradicts' ? 'contradicts' : 'confirms',
    reasons: JSON.parse(r.reasons ?? '[]') as string[],
    trigger: r.trigger_text, actor1: r.actor1, actor2: r.actor2, fatalitiesClaimedBy: r.fatalities_claimed_by,
    source: r.source, published: r.published, speakers: [...new Set(speakers)],
  };
}

// ---- incidents: cells, where to look

/** Grid cells are this many degrees wide: wider than the largest merge distance in latitude. */
const CELL_DEGREES = 2;
const KM_PER_DEGREE = 111.2;

function gridCell(lat: number, lon: number): string {
  return `g:${Math.floor(lat / CELL_DEGREES)}:${Math.floor(lon / CELL_DEGREES)}`;
}

/** Incidents without coordinates are filed by country and province. */
export function areaCell(country: string | null, admin1: string | null): string {
  return `a:${country ?? '-'}:${admin1 ?? '-'}`;
}

export function cellOf(i: Pick<IncidentCore, 'lat' | 'lon' | 'country' | 'admin1'>): string {
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

/**
 * Where the incidents an event could join are filed: the cells around it (`cells`), and, when it
 * has a province, that province — as its area cell for an event with coordinates, or by country
 * and admin1 (any cell) for one without — all with date_start within [lo, hi].
 */
export interface CandidateWindow {
  cells: string[];
  province: { country: string; admin1: string } | null;
  lo: string;
  hi: string;
}

export function candidateWindow(e: IncidentEvent): CandidateWindow {
  const r = incidentRules();
  const slack = Math.max(r.dateSlackDays['1'], r.dateSlackDays['2'], r.dateSlackDays['3']);
  // An incident's span is bounded (maxSpanDays), so one starting before this cannot reach the event.
  const lo = addDays(e.dateStart!, -(r.maxSpanDays + slack));
  const hi = addDays(e.dateEnd!, slack);
  const cells = e.lat !== null && e.lon !== null ? cellsAround(e.lat, e.lon, allowedKm(3, 3, r)) : [];
  let province: CandidateWindow['province'] = null;
  if (e.country && e.admin1) {
    // Same province: incidents without coordinates, and (for an event without any) those with them.
    if (e.lat !== null) cells.push(areaCell(e.country, e.admin1));
    else province = { country: e.country, admin1: e.admin1 };
  }
  return { cells, province, lo, hi };
}

/** Incident summaries read from candidate rows, each once, in the order found. */
export function distinctCandidates(summaries: readonly string[]): IncidentCore[] {
  const seen = new Set<string>();
  const out: IncidentCore[] = [];
  for (const s of summaries) {
    const inc = JSON.parse(s) as IncidentCore;
    if (!seen.has(inc.id)) (seen.add(inc.id), out.push(inc));
  }
  return out;
}

/** Whether an event can be compared with incidents at all (a date to the month and some place). */
export function canMerge(e: IncidentEvent): boolean {
  return mergeable(e) && (e.lat !== null || (e.country !== null && e.admin1 !== null));
}

/** Whether an event may join an incident, so its candidates are worth reading. */
export function needsCandidates(e: IncidentEvent): boolean {
  return stanceOf(e.modality) !== null && canMerge(e);
}

/** What one event of a stored document does: join an incident, create one, or stay out. */
export type IncidentDecision =
  | { action: 'join'; incidentId: string; stance: Stance; reasons: string[] }
  | { action: 'create'; incidentId: string; stance: Stance; reasons: string[] }
  | null;

/**
 * The closest incident every rule accepts, or a new one for a confirming event; denied events
 * only join; planned and hypothetical ones stay out. Callers look for `candidates` only when
 * `needsCandidates` says the event can join one.
 */
export function decideIncident(docId: string, e: IncidentEvent, candidates: readonly IncidentCore[]): IncidentDecision {
  const stance = stanceOf(e.modality);
  if (!stance) return null;
  const comparable = canMerge(e);
  const best = comparable ? bestIncident(e, candidates) : null;
  if (best) return { action: 'join', incidentId: best.incident.id, stance, reasons: best.verdict.reasons };
  if (stance !== 'confirms') return null;
  const why = comparable ? 'created: no known incident matches' : 'created: too vague to compare (no date to the month, or no place)';
  return { action: 'create', incidentId: incidentId(docId, e.eventId), stance, reasons: [why] };
}

/** The columns of an incidents row (summary is the whole incident as JSON). */
export function incidentRow(inc: Incident): Record<string, string | number | null> {
  return {
    id: inc.id, cell: cellOf(inc), event_type: inc.eventType, sub_event_type: inc.subEventType, plover_type: inc.ploverType,
    date: inc.date, date_start: inc.dateStart, date_end: inc.dateEnd, lat: inc.lat, lon: inc.lon, geo_precision: inc.geoPrecision,
    place_name: inc.place?.name ?? null, country: inc.country, admin1: inc.admin1,
    actor_search: inc.actors.map((a) => foldForSearch(a.name)).join('\n'), source_search: inc.sources.map(foldForSearch).join('\n'),
    fatalities_min: inc.fatalities?.min ?? null, fatalities_max: inc.fatalities?.max ?? null,
    n_events: inc.eventCount, n_documents: inc.eventCount, n_sources: inc.sources.length, agree: inc.agree ? 1 : 0,
    summary: JSON.stringify(inc),
    core: JSON.stringify(incidentCore(inc)),
  };
}

export const INCIDENT_COLUMNS = [
  'id', 'cell', 'event_type', 'sub_event_type', 'plover_type', 'date', 'date_start', 'date_end', 'lat', 'lon', 'geo_precision',
  'place_name', 'country', 'admin1', 'actor_search', 'source_search', 'fatalities_min', 'fatalities_max', 'n_events',
  'n_documents', 'n_sources', 'agree', 'summary', 'core',
] as const;

/** The incident after one event's decision: the incident it joins (`joined`, read whole), or a new one, with the member added. */
export function incidentAfter(decision: NonNullable<IncidentDecision>, row: MemberRow, joined: Incident | null): Incident {
  const base = decision.action === 'join' && joined ? joined : emptyIncident(decision.incidentId);
  return addMember(base, toMember({ ...row, stance: decision.stance, reasons: JSON.stringify(decision.reasons) }));
}

/** What candidates are compared on: the incident without its lists of members, claims and speakers (a
 *  summary of a much-reported happening is tens of KB; its core is small). */
export function incidentCore(inc: Incident): IncidentCore {
  const { id, eventTypes, ploverTypes, dateStart, dateEnd, lat, lon, geoPrecision, country, admin1, actors, docIds } = inc;
  return { id, eventTypes, ploverTypes, dateStart, dateEnd, lat, lon, geoPrecision, country, admin1, actors, docIds };
}

/** A documents row as both stores read it back. */
export interface DocumentRow {
  id: string;
  hash: string;
  lang: string;
  published: string | null;
  source: string | null;
  url: string | null;
  title: string | null;
  byline?: string | null;
  dateline?: string | null;
  published_from?: string | null;
  text?: string;
  record?: string;
  ingested_at: string;
  chars: number;
  snippet?: string | null;
  /** Annotation counts, when a listing read them from the annotation tables. */
  n_mentions?: number | string;
  n_quotes?: number | string;
  n_times?: number | string;
  n_places?: number | string;
  n_events?: number | string;
}

/** Documents listings: 50 a page by default, at most 500. */
export const DOCUMENT_LIMIT = { default: 50, max: 500 } as const;

/** A document's annotation counts: from its record when it was read, else from the listing's columns. */
function annotationCounts(row: DocumentRow, record: ExtractRecord | undefined): StoredDocumentSummary['counts'] {
  if (record) {
    return { mentions: record.mentions.length, quotes: record.quotes.length, times: record.times.length, places: record.places.length, events: record.events.length };
  }
  return { mentions: Number(row.n_mentions ?? 0), quotes: Number(row.n_quotes ?? 0), times: Number(row.n_times ?? 0), places: Number(row.n_places ?? 0), events: Number(row.n_events ?? 0) };
}

/** A document's listing entry: its columns, what sources said of it, and its annotation counts. */
export function documentSummary(row: DocumentRow, record?: ExtractRecord): StoredDocumentSummary {
  const s: StoredDocumentSummary = {
    id: row.id, title: row.title, lang: row.lang, published: row.published, source: row.source, url: row.url,
    chars: row.chars, ingestedAt: row.ingested_at,
    ...(row.byline ? { byline: row.byline } : {}),
    ...(row.published_from ? { publishedFrom: row.published_from as PublishedFrom } : {}),
    ...(row.dateline ? { dateline: JSON.parse(row.dateline) as Dateline } : {}),
    counts: annotationCounts(row, record),
  };
  if (row.snippet) s.snippet = row.snippet;
  return s;
}
