// JSON schemas of what the API answers, for the OpenAPI document. They describe; they do not
// filter: the app serialises with JSON.stringify (see app.ts), so a field added to a record
// reaches clients even before it is described here.

const nullable = (type: string | string[]) => ({ type: ([] as string[]).concat(type, 'null') });
const span = { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' } } } as const;
const textSpan = { type: 'object', properties: { start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } } } as const;

/** RFC 9457 problem document; `error` repeats `detail` for the first clients of the API. */
export const PROBLEM = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    field: nullable('string'),
    error: { type: 'string' },
  },
} as const;

const actor = {
  type: 'object',
  properties: { name: { type: 'string' }, inter: nullable('integer'), mention: nullable('string'), start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } },
} as const;

/** One event of the output contract (DESIGN.md). */
export const EVENT = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    trigger: textSpan,
    acled: { type: ['object', 'null'], properties: { eventType: { type: 'string' }, subEventType: { type: 'string' } } },
    plover: { type: 'object', properties: { type: { type: 'string' }, mode: nullable('string') } },
    actor1: { ...actor, type: ['object', 'null'] },
    actor2: { ...actor, type: ['object', 'null'] },
    place: nullable('string'),
    geoPrecision: nullable('integer'),
    date: { ...nullable('string'), description: 'YYYY-MM-DD, YYYY-MM or YYYY' },
    timePrecision: nullable('integer'),
    fatalities: nullable('integer'),
    tags: { type: 'array', items: { type: 'string' } },
    modality: { type: 'string', enum: ['asserted', 'negated', 'planned', 'hypothetical', 'denied', 'reported'] },
    attributedTo: { type: 'array', items: { type: 'string' } },
    confidence: { type: 'number' },
    evidence: {
      type: 'array',
      description: 'the words behind each field, as offsets into the document text',
      items: { type: 'object', properties: { field: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' } } },
    },
  },
} as const;

/** The extraction record of one document: `vigie extract --format jsonl` prints one a line. */
export const EXTRACT_RECORD = {
  type: 'object',
  description: 'the output contract: stand-off annotations with UTF-16 offsets into the text, end exclusive',
  properties: {
    id: { type: 'string' },
    lang: { type: 'string' },
    published: nullable('string'),
    source: nullable('string'),
    sentences: { type: 'array', items: span },
    mentions: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' }, type: { type: 'string' }, canonical: nullable('string'), role: nullable('string') } } },
    quotes: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, kind: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, content: span, speaker: { ...textSpan, type: ['object', 'null'] } } } },
    times: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' }, type: { type: 'string' }, value: { type: 'string' }, precision: { type: 'string' } } } },
    places: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' }, text: { type: 'string' }, name: { type: 'string' }, lat: nullable('number'), lon: nullable('number'), country: nullable('string'), admin1: nullable('string'), geoPrecision: { type: 'integer' } } } },
    events: { type: 'array', items: EVENT },
  },
} as const;

const documentSummaryProperties = {
  id: { type: 'string' },
  title: nullable('string'),
  lang: { type: 'string' },
  published: nullable('string'),
  source: nullable('string'),
  url: nullable('string'),
  chars: { type: 'integer' },
  ingestedAt: { type: 'string' },
  counts: { type: 'object', properties: { mentions: { type: 'integer' }, quotes: { type: 'integer' }, times: { type: 'integer' }, places: { type: 'integer' }, events: { type: 'integer' } } },
  snippet: { type: 'string', description: 'highlighted excerpt, when the listing came from a search' },
} as const;

/** A page of a listing: its items, how many match in all, and the cursor of the next page. */
function page<T extends object>(items: T) {
  return {
    type: 'object',
    properties: {
      total: { type: 'integer', description: 'how many match in all' },
      items: { type: 'array', items },
      nextCursor: { ...nullable('string'), description: 'give it back as cursor (same filters) for the next page; null on the last' },
    },
  } as const;
}

export const DOCUMENT_LIST = page({ type: 'object', properties: documentSummaryProperties });

export const STORED_DOCUMENT = {
  type: 'object',
  properties: { ...documentSummaryProperties, text: { type: 'string' }, hash: { type: 'string' }, record: EXTRACT_RECORD },
} as const;

/** An event as stored: the extracted event, where it sits and the document it came from. */
export const STORED_EVENT = {
  type: 'object',
  properties: {
    ...EVENT.properties,
    docId: { type: 'string' },
    location: {
      type: ['object', 'null'],
      properties: { name: nullable('string'), lat: nullable('number'), lon: nullable('number'), country: nullable('string'), admin1: nullable('string'), admin2: nullable('string') },
    },
    document: { type: 'object', properties: { lang: nullable('string'), source: nullable('string'), published: nullable('string'), url: nullable('string'), title: nullable('string'), ingestedAt: nullable('string') } },
  },
} as const;

export const EVENT_LIST = page(STORED_EVENT);

export const INCIDENT = {
  type: 'object',
  description: 'one happening told by one or more dispatches, with every source and who says what',
  properties: {
    id: { type: 'string' },
    eventType: nullable('string'),
    subEventType: nullable('string'),
    ploverType: { type: 'string' },
    date: nullable('string'),
    place: {
      type: ['object', 'null'],
      properties: { name: nullable('string'), lat: nullable('number'), lon: nullable('number'), country: nullable('string'), admin1: nullable('string'), geoPrecision: nullable('integer') },
    },
    actor1: nullable('string'),
    actor2: nullable('string'),
    fatalities: { type: ['object', 'null'], properties: { min: { type: 'integer' }, max: { type: 'integer' }, claims: { type: 'array', items: { type: 'object' } } } },
    events: {
      type: 'array',
      items: { type: 'object', properties: { docId: { type: 'string' }, eventId: { type: 'string' }, stance: { type: 'string' }, source: nullable('string'), trigger: { type: 'string' }, reasons: { type: 'array', items: { type: 'string' } } } },
    },
    sources: { type: 'array', items: { type: 'string' }, description: 'outlets that tell it' },
    speakers: { type: 'array', items: { type: 'string' } },
    agree: { type: 'boolean', description: 'no source contradicts it and all give the same toll (or none)' },
    contradictedBy: { type: 'array', items: { type: 'object', properties: { docId: { type: 'string' }, source: nullable('string') } } },
  },
} as const;

export const INCIDENT_LIST = page(INCIDENT);

export const PLACE = {
  type: 'object',
  description: 'a place where stored events happened',
  properties: {
    name: { type: 'string' }, country: nullable('string'), admin1: nullable('string'), admin2: nullable('string'),
    lat: nullable('number'), lon: nullable('number'), events: { type: 'integer' }, documents: { type: 'integer' },
    fatalities: { ...nullable('integer'), description: 'sum of the deaths its events report' },
    firstDate: nullable('string'), lastDate: nullable('string'),
  },
} as const;

export const ACTOR = {
  type: 'object',
  description: 'an actor of stored events',
  properties: {
    name: { type: 'string' }, inter: { ...nullable('integer'), description: 'ACLED inter code' }, events: { type: 'integer' },
    asActor1: { type: 'integer' }, asActor2: { type: 'integer' }, associated: { type: 'integer' }, documents: { type: 'integer' },
    firstDate: nullable('string'), lastDate: nullable('string'),
  },
} as const;

const counted = (key: string) => ({ type: 'array', items: { type: 'object', properties: { [key]: { type: 'string' }, count: { type: 'integer' } } } }) as const;

export const SPEAKER = {
  type: 'object',
  description: 'someone quoted: how often, where, and on what',
  properties: {
    name: { type: 'string' },
    type: { ...nullable('string'), description: 'PER, ORG, NORP… (null: a source without a name, "a witness")' },
    quotes: { type: 'integer' }, documents: { type: 'integer' }, sources: { type: 'integer', description: 'outlets quoting them' },
    firstPublished: nullable('string'), lastPublished: nullable('string'),
    topics: { ...counted('topic'), description: 'kinds of the events their words report (ACLED type, else PLOVER)' },
    cues: { ...counted('cue'), description: 'verbs introducing their words (lemmas)' },
  },
} as const;

export const QUOTE = {
  type: 'object',
  description: 'a quote: its words, who said them, the document',
  properties: {
    docId: { type: 'string' }, id: { type: 'string' }, kind: { type: 'string', enum: ['direct', 'indirect', 'according_to'] },
    start: { type: 'integer' }, end: { type: 'integer' }, content: span,
    text: { type: 'string', description: 'the quoted words' },
    speaker: { type: ['object', 'null'], properties: { name: { ...nullable('string'), description: 'as listed by /api/speakers; null for a pronoun nobody was found for' }, text: { type: 'string' }, type: nullable('string') } },
    cue: nullable('string'), channel: nullable('string'),
    topics: { type: 'array', items: { type: 'string' } },
    document: { type: 'object', properties: { lang: nullable('string'), source: nullable('string'), published: nullable('string'), title: nullable('string') } },
  },
} as const;

export const PLACE_LIST = page(PLACE);
export const ACTOR_LIST = page(ACTOR);
export const SPEAKER_LIST = page(SPEAKER);
export const QUOTE_LIST = page(QUOTE);
export const SPEAKER_WITH_QUOTES = {
  type: 'object',
  properties: { speaker: SPEAKER, quotes: QUOTE_LIST },
} as const;

/** A document to store or extract; checked by validate.ts (not by this schema). */
export const DOCUMENT_INPUT = {
  type: 'object',
  required: ['text'],
  properties: {
    text: { type: 'string', description: 'the dispatch, plain text' },
    id: { type: 'string', maxLength: 300 },
    lang: { type: 'string', description: 'fr or en; detected when absent' },
    published: { type: 'string', description: 'dateline: YYYY-MM-DD or a full ISO 8601 timestamp' },
    source: { type: 'string', maxLength: 200, description: 'outlet' },
    url: { type: 'string' },
    title: { type: 'string' },
  },
} as const;

export const STORED_ANSWER = {
  type: 'object',
  properties: { id: { type: 'string' }, status: { type: 'string', enum: ['inserted', 'duplicate'] }, events: { type: 'integer' } },
} as const;

/** A schema with the sentence the docs show for that answer. */
export function described<T extends object>(description: string, schema: T): T & { description: string } {
  return { ...schema, description };
}
