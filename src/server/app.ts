// The REST API as a fastify app built from small plugins: documents, events and incidents (read the store)
// and extract (run the pipeline on posted text). Every route validates its input: query strings
// with a schema, posted documents with validate.ts (the rules of the CLI).
import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { DocumentFailed, ExtractionPool, PoolBusy } from '../pool/pool.js';
import { QueryError, type ListQuery, type Store } from '../store/index.js';
import { settleDocument } from '../sources/dateline.js';
import { DEFAULT_MAX_BYTES, declaredId, InputProblem, validateDocument } from '../io/validate.js';
import { documentsWritePlugin } from './documents-write.js';
import { addEtags } from './etag.js';
import { entitiesPlugin, eventsPlugin, incidentsPlugin } from './listings.js';
import { registerOpenApi } from './openapi.js';
import { badQuery, notFound, problem } from './problem.js';
import { described, DOCUMENT_INPUT, DOCUMENT_LIST, EXTRACT_RECORD, PROBLEM, STORED_DOCUMENT } from './schemas.js';
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

/** What fastify's validator says of a parameter it refuses (an AJV error). */
interface ValidationIssue {
  keyword: string;
  instancePath?: string;
  params?: { additionalProperty?: string; missingProperty?: string };
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

const documentsPlugin = (store: Store): FastifyPluginAsync => async (app) => {
  app.get<{ Querystring: ListQuery }>(
    '/api/documents',
    {
      schema: {
        tags: ['documents'],
        summary: 'List or search stored documents',
        description: 'Newest first. q is a full-text search (accents ignored); each hit carries a highlighted snippet. Page with cursor.',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', maxLength: 500, description: 'full-text search: words, all required; after a leading =, the store\'s own syntax' },
            lang: { type: 'string', maxLength: 10, description: 'language of the document (fr, en)' },
            source: { type: 'string', maxLength: 200, description: 'outlet' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            offset: { type: 'integer', minimum: 0, default: 0 },
            cursor: { type: 'string', maxLength: 2000, description: 'the nextCursor of the page before, with the same filters' },
          },
          additionalProperties: false,
        },
        response: { 200: described('a page of documents, the total and the next cursor', DOCUMENT_LIST), 400: described('a bad search expression or cursor', PROBLEM) },
      },
    },
    async (req, reply) => {
      try {
        return await store.listDocuments(req.query);
      } catch (e) {
        // A malformed search expression is the user's input, not a server fault.
        if (e instanceof QueryError) return badQuery(reply, e);
        if (/fts5|MATCH/i.test((e as Error).message)) return problem(reply, 400, 'Bad Request', `bad search query: ${(e as Error).message}`, { field: 'q' });
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
        response: { 200: described('the document', STORED_DOCUMENT), 404: described('no such document', PROBLEM) },
      },
    },
    async (req, reply) => {
      const doc = await store.getDocument(req.params.id);
      if (!doc) return notFound(reply, `no document with id ${req.params.id}`);
      return doc;
    },
  );
};

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
  // A query parameter no route knows is refused (a 400 naming it), not dropped: a misspelt filter
  // ("contry=ML") would otherwise answer with everything, unfiltered, and look right.
  const app = Fastify({
    logger: opts.logger ? true : { level: 'error' },
    bodyLimit: 2 * maxBytes + 64 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
  });
  // Response schemas document the answers (OpenAPI); they must not filter them. Fastify's
  // schema-driven serialiser drops every field a schema does not name, so answers stay JSON.stringify.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  addSecurityHeaders(app);
  addEtags(app);
  await registerOpenApi(app, opts.version ?? packageVersion());
  const pool = opts.pool ?? serverPool();
  if (!opts.pool) app.addHook('onClose', async () => pool.close());
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: ValidationIssue[]; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err, url: req.url }, 'request failed');
      return problem(reply, status, STATUS_CODES[status] ?? 'Error', 'internal error');
    }
    const issue = err.validation?.[0];
    if (issue) {
      // The parameter at fault by its name ("limit", or the unknown one given).
      const field = issue.params?.additionalProperty ?? issue.instancePath?.replace(/^\//, '') ?? issue.params?.missingProperty;
      const detail = issue.keyword === 'additionalProperties' ? `unknown parameter: ${field} (see /api/docs for this route's)` : err.message;
      return problem(reply, status, STATUS_CODES[status] ?? 'Error', detail, field ? { field } : {});
    }
    // Errors of the body parser (not JSON, too large, unknown media type) are about the body.
    const field = err.code?.startsWith('FST_ERR_CTP_') ? 'body' : null;
    return problem(reply, status, STATUS_CODES[status] ?? 'Error', err.message, field ? { field } : {});
  });
  const token = opts.token ?? (process.env.VIGIE_TOKEN || undefined);
  // Unknown API routes are problems too (the UI's files are served at the root, below).
  app.setNotFoundHandler((req, reply) => notFound(reply, `no route ${req.method} ${req.url.split('?')[0]}`));
  // Answered here, never behind extraction (which runs in the pool's workers).
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Liveness, the store kind and the extraction pool',
        description: 'Answered at once, never behind extraction.',
        response: {
          200: {
            description: 'the server is up',
            type: 'object',
            properties: {
              ok: { type: 'boolean' }, store: { type: 'string' }, extraction: { type: 'object' },
              writes: { type: 'string', enum: ['token', 'disabled'], description: 'whether POST /api/documents takes a bearer token or is disabled' },
            },
          },
        },
      },
    },
    async () => ({ ok: true, store: opts.store.kind, extraction: pool.stats, writes: token ? 'token' : 'disabled' }),
  );
  await app.register(documentsPlugin(opts.store));
  await app.register(eventsPlugin(opts.store));
  await app.register(incidentsPlugin(opts.store));
  await app.register(entitiesPlugin(opts.store));
  await app.register(extractPlugin(maxBytes, pool));
  await app.register(documentsWritePlugin({ store: opts.store, pool, maxBytes, token }));
  if (opts.webRoot !== null) await registerWeb(app, opts.webRoot);
  await app.register(statusPlugin());
  return app;
}
