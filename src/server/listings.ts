// The read routes over what the store learnt: events and incidents (filtered, paged by cursor,
// exported as downloads), and the places, actors and speakers they involve, with the speakers'
// quotes. Every bad filter is a 400 problem naming it; nothing here writes.
import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { EXPORT_FORMATS, EXPORT_MEDIA, exportQuery, writeEvents, type ExportFormat } from '../export/events.js';
import { writeIncidents } from '../export/incidents.js';
import { eventQueryRange, foldForSearch, QueryError, type Store } from '../store/index.js';
import {
  ENTITY_FILTERS, EVENT_FILTERS, INCIDENT_FILTERS, PAGE, SPEAKER_FILTERS, toEntityQuery, toEventQuery, toIncidentQuery, toSpeakerQuery,
  type EventsQuerystring, type IncidentsQuerystring, type SpeakersQuerystring,
} from './filters.js';
import { answering, badQuery, notFound } from './problem.js';
import {
  ACTOR_LIST, described, EVENT_LIST, INCIDENT, INCIDENT_LIST, PLACE_LIST, PROBLEM, QUOTE_LIST, SPEAKER_LIST, SPEAKER_WITH_QUOTES, STORED_EVENT,
} from './schemas.js';

const BAD_FILTER = described('a bad filter (a date that is not one, a range backwards, a bad box or cursor)', PROBLEM);
const DOWNLOAD = { description: 'the file (content-disposition: attachment)', type: 'string' } as const;
const FORMAT = { type: 'string', enum: [...EXPORT_FORMATS], default: 'jsonl', description: 'jsonl, acled-csv or geojson' } as const;

/** A streamed download: one row in memory at a time; a failure mid-stream can only cut it short. */
function download(reply: FastifyReply, format: ExportFormat, name: string, write: (out: PassThrough) => Promise<unknown>): FastifyReply {
  const body = new PassThrough();
  write(body).then(() => body.end(), (e: Error) => body.destroy(e));
  const { contentType, extension } = EXPORT_MEDIA[format];
  return reply.header('content-type', contentType).header('content-disposition', `attachment; filename="vigie-${name}.${extension}"`).send(body);
}

export const eventsPlugin = (store: Store): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: EventsQuerystring }>(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Stored events, filtered',
        description: 'Newest first (date, then document and extraction order), each with its location and the document it was read from. ' +
          'Every filter given narrows. Page with cursor: each answer gives the nextCursor of the page after it.',
        querystring: { type: 'object', properties: { ...EVENT_FILTERS, ...PAGE }, additionalProperties: false },
        response: { 200: described('a page of events, the total and the next cursor', EVENT_LIST), 400: BAD_FILTER },
      },
    },
    async (req, reply) => answering(reply, () => store.listEvents(toEventQuery(req.query))),
  );

  app.get<{ Querystring: EventsQuerystring & { format: ExportFormat; all?: boolean } }>(
    '/api/events/export',
    {
      schema: {
        tags: ['events'],
        summary: 'Stored events as a download: JSON Lines, ACLED CSV or GeoJSON',
        description: 'Streamed, no limit unless given. ACLED CSV holds asserted events only unless all=true or a modality is given.',
        querystring: {
          type: 'object',
          properties: { ...EVENT_FILTERS, format: FORMAT, all: { type: 'boolean', default: false }, limit: { type: 'integer', minimum: 1 }, offset: PAGE.offset },
          additionalProperties: false,
        },
        response: { 200: DOWNLOAD, 400: BAD_FILTER },
      },
    },
    async (req, reply) => {
      const { format, all, ...filters } = req.query;
      // Checked before the 200 is sent: a bad filter is a 400, not a broken download.
      let query;
      try {
        query = exportQuery(format, toEventQuery(filters), all);
        eventQueryRange(query);
      } catch (e) {
        if (e instanceof QueryError) return badQuery(reply, e);
        throw e;
      }
      const checked = query;
      return download(reply, format, 'events', (out) => writeEvents(format, store.iterateEvents(checked), out));
    },
  );
};

/** Incidents: one happening with every dispatch that tells it, who says what, and why they were merged. */
export const incidentsPlugin = (store: Store): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: IncidentsQuerystring }>(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents, filtered',
        description: 'One happening with every dispatch that tells it, who says what, and whether the sources agree. Newest first; page with cursor.',
        querystring: { type: 'object', properties: { ...INCIDENT_FILTERS, ...PAGE }, additionalProperties: false },
        response: { 200: described('a page of incidents, the total and the next cursor', INCIDENT_LIST), 400: BAD_FILTER },
      },
    },
    async (req, reply) => answering(reply, () => store.listIncidents(toIncidentQuery(req.query))),
  );

  app.get<{ Querystring: IncidentsQuerystring & { format: ExportFormat } }>(
    '/api/incidents/export',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents as a download: JSON Lines, ACLED CSV (one row each, every outlet in source) or GeoJSON',
        querystring: {
          type: 'object',
          properties: { ...INCIDENT_FILTERS, format: FORMAT, limit: { type: 'integer', minimum: 1 }, offset: PAGE.offset },
          additionalProperties: false,
        },
        response: { 200: DOWNLOAD, 400: BAD_FILTER },
      },
    },
    async (req, reply) => {
      const { format, ...filters } = req.query;
      let query;
      try {
        query = toIncidentQuery(filters);
        eventQueryRange(query);
      } catch (e) {
        if (e instanceof QueryError) return badQuery(reply, e);
        throw e;
      }
      const checked = query;
      return download(reply, format, 'incidents', (out) => writeIncidents(format, store.iterateIncidents(checked), out));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'One incident with the stored events it merges',
        params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] },
        response: {
          200: { ...INCIDENT, properties: { ...INCIDENT.properties, storedEvents: { type: 'array', items: STORED_EVENT } }, description: 'the incident' },
          404: described('no such incident', PROBLEM),
        },
      },
    },
    async (req, reply) => {
      const found = await store.getIncident(req.params.id);
      if (!found) return notFound(reply, `no incident with id ${req.params.id}`);
      return { ...found.incident, storedEvents: found.events };
    },
  );
};

/** Places, actors and speakers: who and where the stored events and quotes are about. */
export const entitiesPlugin = (store: Store): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: EventsQuerystring & { name?: string } }>(
    '/api/places',
    {
      schema: {
        tags: ['entities'],
        summary: 'Places where the stored events happened, most events first',
        description: 'Drawn from the events the filters keep (the filters of /api/events); name narrows to places whose name holds it.',
        querystring: { type: 'object', properties: ENTITY_FILTERS, additionalProperties: false },
        response: { 200: described('a page of places, the total and the next cursor', PLACE_LIST), 400: BAD_FILTER },
      },
    },
    async (req, reply) => answering(reply, () => store.listPlaces(toEntityQuery(req.query))),
  );

  app.get<{ Querystring: EventsQuerystring & { name?: string } }>(
    '/api/actors',
    {
      schema: {
        tags: ['entities'],
        summary: 'Actors of the stored events, most events first',
        description: 'Actor 1, actor 2 and associated actors of the events the filters keep (the filters of /api/events).',
        querystring: { type: 'object', properties: ENTITY_FILTERS, additionalProperties: false },
        response: { 200: described('a page of actors, the total and the next cursor', ACTOR_LIST), 400: BAD_FILTER },
      },
    },
    async (req, reply) => answering(reply, () => store.listActors(toEntityQuery(req.query))),
  );

  app.get<{ Querystring: SpeakersQuerystring }>(
    '/api/speakers',
    {
      schema: {
        tags: ['entities'],
        summary: 'Who is quoted, how often, and on what',
        description: 'Speakers of the stored quotes (a pronoun is listed under the person it stands for), most quotes first, ' +
          'with the kinds of events their words report and the verbs that introduce them.',
        querystring: {
          type: 'object',
          properties: {
            name: { type: 'string', maxLength: 200, description: 'part of the name, case and accents ignored' },
            named: { type: 'boolean', description: 'only speakers read as a named person, organisation or group' },
            ...SPEAKER_FILTERS,
          },
          additionalProperties: false,
        },
        response: { 200: described('a page of speakers, the total and the next cursor', SPEAKER_LIST), 400: BAD_FILTER },
      },
    },
    async (req, reply) => answering(reply, () => store.listSpeakers(toSpeakerQuery(req.query))),
  );

  app.get<{ Params: { name: string }; Querystring: SpeakersQuerystring }>(
    '/api/speakers/:name',
    {
      schema: {
        tags: ['entities'],
        summary: 'One speaker and their quotes, newest first',
        params: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['name'] },
        querystring: { type: 'object', properties: SPEAKER_FILTERS, additionalProperties: false },
        response: { 200: described('the speaker and a page of their quotes', SPEAKER_WITH_QUOTES), 400: BAD_FILTER, 404: described('nobody quoted by that name', PROBLEM) },
      },
    },
    async (req, reply) => {
      const filters = { ...req.query, name: req.params.name };
      const key = foldForSearch(req.params.name.trim());
      try {
        // Speakers whose name holds this one, then the one it is.
        const candidates = await store.listSpeakers({ ...toSpeakerQuery({ ...filters, cursor: undefined }), limit: 500 });
        const speaker = candidates.items.find((s) => foldForSearch(s.name) === key);
        if (!speaker) return notFound(reply, `nobody quoted as ${req.params.name}`);
        return { speaker, quotes: await store.listQuotes(toSpeakerQuery(filters)) };
      } catch (e) {
        if (e instanceof QueryError) return badQuery(reply, e);
        throw e;
      }
    },
  );

  app.get<{ Querystring: SpeakersQuerystring }>(
    '/api/quotes',
    {
      schema: {
        tags: ['entities'],
        summary: 'Stored quotes: of a speaker, of a document',
        description: 'Newest document first, in text order within a document; each with its words, its speaker and the kinds of the events it reports.',
        querystring: {
          type: 'object',
          properties: {
            speaker: { type: 'string', maxLength: 200, description: 'the speaker, as /api/speakers names them (case and accents ignored)' },
            doc: { type: 'string', maxLength: 300, description: 'id of the document' },
            ...SPEAKER_FILTERS,
          },
          additionalProperties: false,
        },
        response: { 200: described('a page of quotes, the total and the next cursor', QUOTE_LIST), 400: BAD_FILTER },
      },
    },
    async (req, reply) => answering(reply, () => store.listQuotes(toSpeakerQuery(req.query))),
  );
};
