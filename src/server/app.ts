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
import { DEFAULT_MAX_BYTES, declaredId, InputProblem, validateDocument } from '../io/validate.js';
import { statusPlugin } from './status.js';

export interface AppOptions {
  store: Store;
  logger?: boolean;
  maxBytes?: number;
  /** Where posted documents are extracted; by default a pool of the server's own, closed with it. */
  pool?: ExtractionPool;
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
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 500 },
            lang: { type: 'string', maxLength: 10 },
            source: { type: 'string', maxLength: 200 },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
          additionalProperties: false,
        },
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
    { schema: { params: { type: 'object', properties: { id: { type: 'string', minLength: 1 } }, required: ['id'] } } },
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

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;

// Dates are plain strings here: the store says what is wrong with one in words (a 400 with the reason).
const EVENT_FILTERS = {
  type: text(100),
  subType: text(100),
  plover: text(100),
  country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
  admin1: text(200),
  from: text(20),
  to: text(20),
  actor: text(200),
  modality: { type: 'string', enum: ['asserted', 'negated', 'planned', 'hypothetical', 'denied', 'reported'] },
  lang: text(10),
  source: text(200),
  doc: text(300),
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
  type: text(100),
  subType: text(100),
  plover: text(100),
  country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
  admin1: text(200),
  from: text(20),
  to: text(20),
  actor: text(200),
  source: text(200),
  minSources: { type: 'integer', minimum: 1 },
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
    { schema: { params: { type: 'object', properties: { id: { type: 'string', minLength: 1, maxLength: 100 } }, required: ['id'] } } },
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
  app.post('/api/extract', async (req, reply) => {
    let doc;
    try {
      doc = validateDocument(req.body, { maxBytes });
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
  });
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  // The limit on a document is on its text and is checked with the other document rules (a 413
  // naming the document). The body limit is only a guard against buffering without end; it leaves
  // room for JSON escaping (a quote or a newline takes two bytes) and the metadata around the text.
  // Errors are always logged (a 5xx with nothing in the log cannot be investigated); requests only
  // when asked for.
  const app = Fastify({ logger: opts.logger ? true : { level: 'error' }, bodyLimit: 2 * maxBytes + 64 * 1024 });
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
  app.get('/api/health', async () => ({ ok: true, store: opts.store.kind, extraction: pool.stats }));
  await app.register(documentsPlugin(opts.store));
  await app.register(eventsPlugin(opts.store));
  await app.register(incidentsPlugin(opts.store));
  await app.register(extractPlugin(maxBytes, pool));
  await app.register(statusPlugin());
  return app;
}
