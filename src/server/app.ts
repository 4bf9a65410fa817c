// The REST API as a fastify app built from small plugins: documents (read the store) and extract
// (run the pipeline on posted text). Every route has a schema that validates input.
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { extract } from '../pipeline/index.js';
import type { Store } from '../store/index.js';
import { checkDocumentText, DEFAULT_MAX_BYTES, InputProblem } from '../io/input.js';

export interface AppOptions {
  store: Store;
  logger?: boolean;
  maxBytes?: number;
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

interface ExtractBody {
  text: string;
  id?: string;
  lang?: string;
  published?: string;
  source?: string;
  title?: string;
  url?: string;
}

const extractPlugin: FastifyPluginAsync = async (app) => {
  app.post<{ Body: ExtractBody }>(
    '/api/extract',
    {
      schema: {
        body: {
          type: 'object',
          required: ['text'],
          properties: {
            text: { type: 'string' },
            id: { type: 'string', maxLength: 300 },
            lang: { type: 'string', maxLength: 10 },
            published: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}' },
            source: { type: 'string', maxLength: 200 },
            title: { type: 'string', maxLength: 2000 },
            url: { type: 'string', maxLength: 4000 },
          },
        },
      },
    },
    async (req, reply) => {
      const body = req.body;
      try {
        checkDocumentText(body.text);
      } catch (e) {
        if (e instanceof InputProblem) return reply.code(400).send({ error: `${body.id ?? 'document'}: ${e.message}` });
        throw e;
      }
      return extract({ ...body, id: body.id ?? 'posted' });
    },
  );
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: opts.maxBytes ?? DEFAULT_MAX_BYTES });
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) app.log.error(err);
    reply.code(status).send({ error: status >= 500 ? 'internal error' : err.message });
  });
  app.get('/api/health', async () => ({ ok: true, store: opts.store.kind }));
  await app.register(documentsPlugin(opts.store));
  await app.register(extractPlugin);
  return app;
}
