// The REST API as a fastify app built from small plugins: documents, events and incidents (read the store)
// and extract (run the pipeline on posted text). Every route validates its input: query strings
// with a schema, posted documents with validate.ts (the rules of the CLI).
import { STATUS_CODES } from 'node:http';
import { PassThrough } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyReply } from 'fastify';
import { DocumentFailed, ExtractionPool, PoolBusy } from '../pool/pool.js';
import { eventQueryRange, QueryError, type EventQuery, type IncidentQuery, type Store } from '../store/index.js';
import { EXPORT_FORMATS, EXPORT_MEDIA, exportQuery, writeEvents, type ExportFormat } from '../export/events.js';
import { writeIncidents } from '../export/incidents.js';
import { settleDocument } from '../sources/dateline.js';
import { DEFAULT_MAX_BYTES, declaredId, InputProblem, validateDocument } from '../io/validate.js';
import { documentsWritePlugin } from './documents-write.js';
import { registerOpenApi } from './openapi.js';
import { described, DOCUMENT_INPUT, DOCUMENT_LIST, ERROR, EVENT_LIST, EXTRACT_RECORD, INCIDENT, INCIDENT_LIST, PROBLEM, STORED_DOCUMENT, STORED_EVENT } from './schemas.js';
import { addSecurityHeaders } from './security.js';
import { packageVersion, registerWeb } from './static.js';
import { statusPlugin } from './status.js';

export interface AppOptions {
  store: Store;
  logger?: boolean;
  maxBytes?: number;
  /** Where posted documents are extracted; by default a pool of the server's own, closed with it. */
  pool?: ExtractionPool;
  /** The bearer token of the write routes (default VIGIE_TOKEN); without one, writes are disabled. */
  token?: string;
  /** The built web UI served at / (default dist/web of the package); null serves no UI. */
  webRoot?: string | null;
  /** The version shown in the OpenAPI document. */
  version?: string;
}

/** Time budget of a posted document (VIGIE_REQUEST_TIMEOUT_MS, default 15 s) and documents allowed
 *  to wait for a worker (VIGIE_QUEUE, default 32) before the server answers 503. */
export function serverPool(): ExtractionPool {
  const env = (name: string, fallback: number) => {
    const n = Number(process.env[name]);
    return process.env[name] && Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return new ExtractionPool({ timeoutMs: env('VIGIE_REQUEST_TIMEOUT_MS', 15_000), maxQueue: env('VIGIE_QUEUE', 32), timeoutSetting: 'VIGIE_REQUEST_TIMEOUT_MS' });
}

/** Sends an RFC 9457 problem document (problemBody). */
function problem(reply: FastifyReply, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status).type('application/problem+json; charset=utf-8').send(problemBody(status, title, detail, extra));
}

const documentsPlugin = (store: Store): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: { q?: string; lang?: string; source?: string; limit?: number; offset?: number } }>(
    '/api/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'List or search stored documents',
        description: 'Newest first. q is a full-text search (accents ignored); each hit carries a highlighted snippet.',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 500, description: 'full-text search (FTS5 syntax)' },
            lang: { type: 'string', maxLength: 10, description: 'language of the document (fr, en)' },
            source: { type: 'string', maxLength: 200, description: 'outlet' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
          additionalProperties: false,
        },
        response: { 200: described('a page of documents and the total', DOCUMENT_LIST), 400: described('a bad search expression', ERROR) },
      },
    },
    async (req, reply) => {
      try {
        return await store.listDocuments(req.query);
      } catch (e) {
        // A malformed search expression is the user's input, not a server fault.
        if (e instanceof QueryError) return reply.code(400).send({ error: e.message });
        if (/fts5|MATCH/i.test((e as Error).message)) return reply.code(400).send({ error: `bad search query: ${(e as Error).message}` });
        throw e;
      }
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'One stored document: its text and its extraction record',
        params: { type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'] },
        response: { 200: described('the document', STORED_DOCUMENT), 404: described('no such document', ERROR) },
      },
    },
    async (req, reply) => {
      const doc = await store.getDocument(req.params.id);
      if (!doc) return reply.code(404).send({ error: `no document with id ${req.params.id}` });
      return doc;
    },
  );
};

/** The filters of GET /api/events, named as in a URL. */
interface EventsQuerystring {
  type?: string;
  subType?: string;
  plover?: string;
  country?: string;
  admin1?: string;
  from?: string;
  to?: string;
  actor?: string;
  modality?: string;
  lang?: string;
  source?: string;
  doc?: string;
  limit?: number;
  offset?: number;
}

const text = (maxLength: number, description: string) => ({ type: 'string', maxLength, description }) as const;

// Dates are plain strings here: the store says what is wrong with one in words (a 400 with the reason).
const EVENT_FILTERS = {
  type: text(100, 'ACLED event type (Battles, Protests…)'),
  subType: text(100, 'ACLED sub-event type (Armed clash…)'),
  plover: text(100, 'PLOVER event type (ASSAULT, PROTEST…)'),
  country: { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 code of the place' },
  admin1: text(200, 'first-level region of the place'),
  from: text(20, 'first day (YYYY, YYYY-MM or YYYY-MM-DD, included)'),
  to: text(20, 'last day (YYYY, YYYY-MM or YYYY-MM-DD, included)'),
  actor: text(200, 'part of an actor name, case and accents ignored'),
  modality: { type: 'string', enum: ['asserted', 'negated', 'planned', 'hypothetical', 'denied', 'reported'] },
  lang: text(10, 'language of the document'),
  source: text(200, 'outlet of the document'),
  doc: text(300, 'id of the document'),
} as const;

function toEventQuery(q: EventsQuerystring): EventQuery {
  return {
    eventType: q.type, subEventType: q.subType, ploverType: q.plover, country: q.country, admin1: q.admin1,
    from: q.from, to: q.to, actor: q.actor, modality: q.modality, lang: q.lang, source: q.source, docId: q.doc,
    limit: q.limit, offset: q.offset,
  };
}

const eventsPlugin = (store: Store): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: EventsQuerystring }>(
    '/api/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Stored events, filtered',
        description: 'Newest first, each with its location and the document it was read from. Every filter given narrows.',
        response: { 200: described('a page of events and the total', EVENT_LIST), 400: described('a bad filter (a date that is not one, a range backwards)', ERROR) },
        querystring: {
          type: 'object',
          properties: {
            ...EVENT_FILTERS,
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
          additionalProperties: false,
        },
      },
    },
    async (req, reply) => {
      try {
        return await store.listEvents(toEventQuery(req.query));
      } catch (e) {
        if (e instanceof QueryError) return reply.code(400).send({ error: e.message });
        throw e;
      }
    },
  );

  // The exports of `vigie export`, streamed as a download: one event in memory at a time.
  app.get<{ Querystring: EventsQuerystring & { format: ExportFormat; all?: boolean } }>(
    '/api/events/export',
    {
      schema: {
        tags: ['events'],
        summary: 'Stored events as a download: JSON Lines, ACLED CSV or GeoJSON',
        description: 'Streamed, no limit unless given. ACLED CSV holds asserted events only unless all=true or a modality is given.',
        response: { 200: { description: 'the file (content-disposition: attachment)', type: 'string' }, 400: described('a bad filter', ERROR) },
        querystring: {
          type: 'object',
          properties: {
            ...EVENT_FILTERS,
            format: { type: 'string', enum: [...EXPORT_FORMATS], default: 'jsonl' },
            all: { type: 'boolean', default: false },
            limit: { type: 'integer', minimum: 1 },
            offset: { type: 'integer', minimum: 0 },
          },
          additionalProperties: false,
        },
      },
    },
    async (req, reply) => {
      const { format, all, ...filters } = req.query;
      const query = exportQuery(format, toEventQuery(filters), all);
      try {
        eventQueryRange(query); // refuse a bad query before the 200 is sent
      } catch (e) {
        if (e instanceof QueryError) return reply.code(400).send({ error: e.message });
        throw e;
      }
      const body = new PassThrough();
      // A failure mid-stream (the client gone, a read error) can only cut the download short.
      writeEvents(format, store.iterateEvents(query), body).then(() => body.end(), (e: Error) => body.destroy(e));
      const { contentType, extension } = EXPORT_MEDIA[format];
      return reply
        .header('content-type', contentType)
        .header('content-disposition', `attachment; filename="vigie-events.${extension}"`)
        .send(body);
    },
  );
};

/** The filters of GET /api/incidents, named as in a URL. */
interface IncidentsQuerystring {
  type?: string;
  subType?: string;
  plover?: string;
  country?: string;
  admin1?: string;
  from?: string;
  to?: string;
  actor?: string;
  source?: string;
  minSources?: number;
  limit?: number;
  offset?: number;
}

const INCIDENT_FILTERS = {
  type: EVENT_FILTERS.type,
  subType: EVENT_FILTERS.subType,
  plover: EVENT_FILTERS.plover,
  country: EVENT_FILTERS.country,
  admin1: EVENT_FILTERS.admin1,
  from: EVENT_FILTERS.from,
  to: EVENT_FILTERS.to,
  actor: EVENT_FILTERS.actor,
  source: text(200, 'an outlet that tells it'),
  minSources: { type: 'integer', minimum: 1, description: 'told by at least this many outlets' },
} as const;

function toIncidentQuery(q: IncidentsQuerystring): IncidentQuery {
  return {
    eventType: q.type, subEventType: q.subType, ploverType: q.plover, country: q.country, admin1: q.admin1,
    from: q.from, to: q.to, actor: q.actor, source: q.source, minSources: q.minSources, limit: q.limit, offset: q.offset,
  };
}

/** Incidents: one happening with every dispatch that tells it, who says what, and why they were merged. */
const incidentsPlugin = (store: Store): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: IncidentsQuerystring }>(
    '/api/incidents',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents, filtered',
        description: 'One happening with every dispatch that tells it, who says what, and whether the sources agree.',
        response: { 200: described('a page of incidents and the total', INCIDENT_LIST), 400: described('a bad filter', ERROR) },
        querystring: {
          type: 'object',
          properties: {
            ...INCIDENT_FILTERS,
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
          additionalProperties: false,
        },
      },
    },
    async (req, reply) => {
      try {
        return await store.listIncidents(toIncidentQuery(req.query));
      } catch (e) {
        if (e instanceof QueryError) return reply.code(400).send({ error: e.message });
        throw e;
      }
    },
  );

  app.get<{ Querystring: IncidentsQuerystring & { format: ExportFormat } }>(
    '/api/incidents/export',
    {
      schema: {
        tags: ['incidents'],
        summary: 'Incidents as a download: JSON Lines, ACLED CSV (one row each, every outlet in source) or GeoJSON',
        response: { 200: { description: 'the file (content-disposition: attachment)', type: 'string' }, 400: described('a bad filter', ERROR) },
        querystring: {
          type: 'object',
          properties: { ...INCIDENT_FILTERS, format: { type: 'string', enum: [...EXPORT_FORMATS], default: 'jsonl' }, limit: { type: 'integer', minimum: 1 }, offset: { type: 'integer', minimum: 0 } },
          additionalProperties: false,
        },
      },
    },
    async (req, reply) => {
      const { format, ...filters } = req.query;
      const query = toIncidentQuery(filters);
      try {
        eventQueryRange(query);
      } catch (e) {
        if (e instanceof QueryError) return reply.code(400).send({ error: e.message });
        throw e;
      }
      const body = new PassThrough();
      writeIncidents(format, store.iterateIncidents(query), body).then(() => body.end(), (e: Error) => body.destroy(e));
      const { contentType, extension } = EXPORT_MEDIA[format];
      return reply
        .header('content-type', contentType)
        .header('content-disposition', `attachment; filename="vigie-incidents.${extension}"`)
        .send(body);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/incidents/:id',
    {
      schema: {
        tags: ['incidents'],
        summary: 'One incident with the stored events it merges',
        params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] },
        response: { 200: { ...INCIDENT, properties: { ...INCIDENT.properties, storedEvents: { type: 'array', items: STORED_EVENT } }, description: 'the incident' }, 404: described('no such incident', ERROR) },
      },
    },
    async (req, reply) => {
      const found = await store.getIncident(req.params.id);
      if (!found) return reply.code(404).send({ error: `no incident with id ${req.params.id}` });
      return { ...found.incident, storedEvents: found.events };
    },
  );
};

/**
 * A refusal as an RFC 9457 problem document, naming the field at fault. `error` repeats the detail
 * for clients written against the first API, which read only that.
 */
function problemBody(status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
  return { type: 'about:blank', title, status, detail, ...extra, error: detail };
}

const extractPlugin = (maxBytes: number, pool: ExtractionPool): FastifyPluginAsync => async (app) => {
  // No JSON schema on the body: fastify's validator coerces types (a number became text) and
  // knows nothing of NUL bytes, surrogates or calendars. The body goes through validate.ts, the
  // same rules as `vigie extract` on a JSON Lines line.
  app.post(
    '/api/extract',
    {
      schema: {
        tags: ['extract'],
        summary: 'Extract a posted dispatch (nothing stored)',
        description: 'The record `vigie extract` prints: mentions, quotes, times, places and events with their offsets.',
        body: DOCUMENT_INPUT,
        response: {
          200: described('the extraction record', EXTRACT_RECORD),
          400: described('not a valid document', PROBLEM),
          413: described('text over the size limit', PROBLEM),
          422: described('over the time or memory budget', PROBLEM),
          503: described('busy or shutting down (retry-after)', PROBLEM),
        },
      },
      // The body schema is for the docs only: validate.ts is the one judge of a document.
      validatorCompiler: () => () => true,
    },
    async (req, reply) => {
      let doc;
      try {
        // The dateline gives the date and outlet a posted dispatch leaves out, as at the CLI's doors.
        doc = settleDocument(validateDocument(req.body, { maxBytes }));
      } catch (e) {
        if (!(e instanceof InputProblem)) throw e;
        const name = declaredId(req.body);
        // The document is named by its id when it has one; a body that is not a document has no name.
        const detail = e.field === 'body' ? e.message : `${name ?? 'document'}: ${e.message}`;
        const [status, title] = e.kind === 'too-large' ? [413, 'Document too large'] : [400, 'Invalid document'];
        return problem(reply, status, title, detail, { field: e.field, ...(name ? { id: name } : {}) });
      }
      // The pipeline runs in the pool, off this thread: /api/health and the other routes keep
      // answering. A client that leaves cancels its document.
      const cancel = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) cancel.abort();
      });
      try {
        const json = await pool.json({ ...doc, id: doc.id ?? 'posted' }, cancel.signal);
        return reply.type('application/json; charset=utf-8').send(json);
      } catch (e) {
        if (e instanceof PoolBusy) return problem(reply.header('retry-after', '2'), 503, 'Busy', `${e.message}; retry in a few seconds`);
        if (e instanceof DocumentFailed) {
          if (e.reason === 'timeout' || e.reason === 'memory') return problem(reply, 422, 'Document over budget', e.message);
          if (e.reason === 'cancelled') return reply; // nobody is listening
          if (e.reason === 'closed') return problem(reply.header('retry-after', '5'), 503, 'Shutting down', e.message);
        }
        throw e;
      }
    },
  );
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // The limit on a document is on its text and is checked with the other document rules (a 413
  // naming the document). The body limit is only a guard against buffering without end; it leaves
  // room for JSON escaping (a quote or a newline takes two bytes) and the metadata around the text.
  // Errors are always logged (a 5xx with nothing in the log cannot be investigated); requests only
  // when asked for.
  const app = Fastify({ logger: opts.logger ? true : { level: 'error' }, bodyLimit: 2 * maxBytes + 64 * 1024 });
  // Response schemas document the answers (OpenAPI); they must not filter them. Fastify's
  // schema-driven serialiser drops every field a schema does not name, so answers stay JSON.stringify.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  addSecurityHeaders(app);
  await registerOpenApi(app, opts.version ?? packageVersion());
  const pool = opts.pool ?? serverPool();
  if (!opts.pool) app.addHook('onClose', async () => pool.close());
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err, url: req.url }, 'request failed');
      return problem(reply, status, STATUS_CODES[status] ?? 'Error', 'internal error');
    }
    // Errors of the body parser (not JSON, too large, unknown media type) are about the body.
    const field = err.code?.startsWith('FST_ERR_CTP_') ? 'body' : null;
    return problem(reply, status, STATUS_CODES[status] ?? 'Error', err.message, field ? { field } : {});
  });
  // Answered here, never behind extraction (which runs in the pool's workers).
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Liveness, the store kind and the extraction pool',
        description: 'Answered at once, never behind extraction.',
        response: { 200: { description: 'the server is up', type: 'object', properties: { ok: { type: 'boolean' }, store: { type: 'string' }, extraction: { type: 'object' } } } },
      },
    },
    async () => ({ ok: true, store: opts.store.kind, extraction: pool.stats }),
  );
  await app.register(documentsPlugin(opts.store));
  await app.register(eventsPlugin(opts.store));
  await app.register(incidentsPlugin(opts.store));
  await app.register(extractPlugin(maxBytes, pool));
  const token = opts.token ?? (process.env.VIGIE_TOKEN || undefined);
  await app.register(documentsWritePlugin({ store: opts.store, pool, maxBytes, token }));
  if (opts.webRoot !== null) await registerWeb(app, opts.webRoot);
  await app.register(statusPlugin());
  return app;
}
