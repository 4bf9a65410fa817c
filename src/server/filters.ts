// The query strings of the listings: one schema per filter (it validates the query and documents
// it in the OpenAPI document), and the conversion to the store's queries. Dates, the bounding box
// and cursors are plain strings here: the store says what is wrong with one, in words (a 400).
import { parseBbox, type EntityQuery, type EventQuery, type IncidentQuery, type SpeakerQuery } from '../store/index.js';

const text = (maxLength: number, description: string) => ({ type: 'string', maxLength, description }) as const;

const CURSOR = text(2000, 'where the page starts: the nextCursor of the page before, with the same filters (not with offset)');

export const PAGE = {
  limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  offset: { type: 'integer', minimum: 0, default: 0, description: 'rows to skip (cursor is the stable way to page)' },
  cursor: CURSOR,
} as const;

export const EVENT_FILTERS = {
  type: text(100, 'ACLED event type (Battles, Protests…)'),
  subType: text(100, 'ACLED sub-event type (Armed clash…)'),
  plover: text(100, 'PLOVER event type (ASSAULT, PROTEST…)'),
  country: { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 code of the place' },
  admin1: text(200, 'first-level region of the place'),
  from: text(20, 'first day (YYYY, YYYY-MM or YYYY-MM-DD, included)'),
  to: text(20, 'last day (YYYY, YYYY-MM or YYYY-MM-DD, included)'),
  bbox: text(100, 'minLon,minLat,maxLon,maxLat in degrees: the place within this box (west > east crosses the antimeridian)'),
  actor: text(200, 'part of an actor name, case and accents ignored'),
  speaker: text(200, 'part of the name of a speaker the event is attributed to, case and accents ignored'),
  modality: { type: 'string', enum: ['asserted', 'negated', 'planned', 'hypothetical', 'denied', 'reported'] },
  lang: text(10, 'language of the document'),
  source: text(200, 'outlet of the document'),
  doc: text(300, 'id of the document'),
} as const;

/** The filters of GET /api/events (and of its export, places and actors), named as in a URL. */
export interface EventsQuerystring {
  type?: string;
  subType?: string;
  plover?: string;
  country?: string;
  admin1?: string;
  from?: string;
  to?: string;
  bbox?: string;
  actor?: string;
  speaker?: string;
  modality?: string;
  lang?: string;
  source?: string;
  doc?: string;
  limit?: number;
  offset?: number;
  cursor?: string;
}

/** The store's query; throws QueryError for a bad bounding box. */
export function toEventQuery(q: EventsQuerystring): EventQuery {
  return {
    eventType: q.type, subEventType: q.subType, ploverType: q.plover, country: q.country, admin1: q.admin1,
    from: q.from, to: q.to, bbox: q.bbox ? parseBbox(q.bbox) : undefined, actor: q.actor, speaker: q.speaker, modality: q.modality,
    lang: q.lang, source: q.source, docId: q.doc, limit: q.limit, offset: q.offset, cursor: q.cursor,
  };
}

export const ENTITY_FILTERS = {
  ...EVENT_FILTERS,
  name: text(200, 'part of the name, case and accents ignored'),
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  offset: PAGE.offset,
  cursor: CURSOR,
} as const;

export function toEntityQuery(q: EventsQuerystring & { name?: string }): EntityQuery {
  return { ...toEventQuery(q), name: q.name };
}

export const INCIDENT_FILTERS = {
  type: EVENT_FILTERS.type,
  subType: EVENT_FILTERS.subType,
  plover: EVENT_FILTERS.plover,
  country: EVENT_FILTERS.country,
  admin1: EVENT_FILTERS.admin1,
  from: EVENT_FILTERS.from,
  to: EVENT_FILTERS.to,
  bbox: text(100, 'minLon,minLat,maxLon,maxLat in degrees: the incident placed within this box'),
  actor: EVENT_FILTERS.actor,
  source: text(200, 'an outlet that tells it'),
  minSources: { type: 'integer', minimum: 1, description: 'told by at least this many outlets' },
  speaker: text(200, 'one of its events is attributed to a speaker whose name holds this'),
  modality: { ...EVENT_FILTERS.modality, description: 'one of its events has this modality' },
  lang: text(10, 'one of its events is read from a document in this language'),
} as const;

export interface IncidentsQuerystring {
  type?: string;
  subType?: string;
  plover?: string;
  country?: string;
  admin1?: string;
  from?: string;
  to?: string;
  bbox?: string;
  actor?: string;
  source?: string;
  minSources?: number;
  speaker?: string;
  modality?: string;
  lang?: string;
  limit?: number;
  offset?: number;
  cursor?: string;
}

export function toIncidentQuery(q: IncidentsQuerystring): IncidentQuery {
  return {
    eventType: q.type, subEventType: q.subType, ploverType: q.plover, country: q.country, admin1: q.admin1,
    from: q.from, to: q.to, bbox: q.bbox ? parseBbox(q.bbox) : undefined, actor: q.actor, source: q.source, minSources: q.minSources,
    speaker: q.speaker, modality: q.modality, lang: q.lang, limit: q.limit, offset: q.offset, cursor: q.cursor,
  };
}

export const SPEAKER_FILTERS = {
  lang: text(10, 'language of the documents'),
  source: text(200, 'outlet of the documents'),
  from: text(20, 'first publication day (YYYY, YYYY-MM or YYYY-MM-DD, included)'),
  to: text(20, 'last publication day (YYYY, YYYY-MM or YYYY-MM-DD, included)'),
  limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
  cursor: CURSOR,
} as const;

export interface SpeakersQuerystring {
  name?: string;
  speaker?: string;
  named?: boolean;
  lang?: string;
  source?: string;
  from?: string;
  to?: string;
  doc?: string;
  limit?: number;
  cursor?: string;
}

export function toSpeakerQuery(q: SpeakersQuerystring): SpeakerQuery {
  return {
    name: q.speaker ?? q.name, named: q.named, lang: q.lang, source: q.source, from: q.from, to: q.to, docId: q.doc,
    limit: q.limit, cursor: q.cursor,
  };
}
