// POST /api/documents: store a posted dispatch. The same checks as /api/extract (validate.ts),
// the pipeline in the pool, then the store; behind the write token.
import { settleDocument } from '../sources/dateline.js';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { DocumentFailed, PoolBusy, type ExtractionPool } from '../pool/pool.js';
import { contentHash, type Store } from '../store/index.js';
import { declaredId, InputProblem, validateDocument } from '../io/validate.js';
import { requireWriteToken } from './security.js';
import { described, DOCUMENT_INPUT, PROBLEM, STORED_ANSWER } from './schemas.js';

export interface WriteOptions {
  store: Store;
  pool: ExtractionPool;
  maxBytes: number;
  /** VIGIE_TOKEN; without one, writes are disabled. */
  token: string | undefined;
}

function problem(reply: FastifyReply, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send({ type: 'about:blank', title, status, detail, ...extra, error: detail });
}

/** A posted document without an id is named by its text, so posting it twice names it once. */
export function postedId(text: string): string {
  return `doc-${contentHash(text).slice(0, 16)}`;
}

export const documentsWritePlugin = (opts: WriteOptions): FastifyPluginAsync => async (app) => {
  app.post(
    '/api/documents',
    {
      // onRequest, before the body is read: a client without the token cannot make the server
      // buffer megabytes only to be refused.
      onRequest: requireWriteToken(opts.token),
      schema: {
        tags: ['documents'],
        summary: 'Store a dispatch',
        description:
          'Validates the document like /api/extract, extracts it and stores it. A text already stored (same text, ' +
          'whatever its id) is answered 200 with the id it is stored under, and nothing changes; a new one 201. ' +
          'Needs Authorization: Bearer <VIGIE_TOKEN>; without VIGIE_TOKEN on the server, writes are disabled (403).',
        security: [{ bearer: [] }],
        // Described, not enforced: validate.ts checks the body (see app.ts, /api/extract).
        body: DOCUMENT_INPUT,
        response: {
          200: described('the text was already stored: its id, nothing changed', STORED_ANSWER),
          201: described('stored: its id (also in Location) and how many events were read', STORED_ANSWER),
          400: described('not a valid document', PROBLEM),
          401: described('no token or a wrong one', PROBLEM),
          403: described('writes are disabled: the server has no VIGIE_TOKEN', PROBLEM),
          413: described('text over the size limit', PROBLEM),
          422: described('over the time or memory budget', PROBLEM),
          503: described('busy or shutting down (retry-after)', PROBLEM),
        },
      },
      // The schema above is for the docs only: validate.ts is the one judge of a document.
      validatorCompiler: () => () => true,
    },
    async (req, reply) => {
      let input;
      try {
        input = settleDocument(validateDocument(req.body, { maxBytes: opts.maxBytes }));
      } catch (e) {
        if (!(e instanceof InputProblem)) throw e;
        const name = declaredId(req.body);
        const detail = e.field === 'body' ? e.message : `${name ?? 'document'}: ${e.message}`;
        const [status, title] = e.kind === 'too-large' ? [413, 'Document too large'] : [400, 'Invalid document'];
        return problem(reply, status, title, detail, { field: e.field, ...(name ? { id: name } : {}) });
      }
      // A text already stored skips the pipeline.
      const existing = await opts.store.findByHash(contentHash(input.text));
      if (existing) return reply.code(200).send({ id: existing, status: 'duplicate' });
      const doc = { ...input, id: input.id ?? postedId(input.text) };
      let record;
      try {
        record = await opts.pool.extract(doc);
      } catch (e) {
        if (e instanceof PoolBusy) return problem(reply.header('retry-after', '2'), 503, 'Busy', `${e.message}; retry in a few seconds`);
        if (e instanceof DocumentFailed) {
          if (e.reason === 'timeout' || e.reason === 'memory') return problem(reply, 422, 'Document over budget', e.message);
          if (e.reason === 'closed') return problem(reply.header('retry-after', '5'), 503, 'Shutting down', e.message);
        }
        throw e;
      }
      const put = await opts.store.putDocument(doc, record);
      // Another request may have stored the same text while this one was being extracted.
      if (put.status !== 'inserted') return reply.code(200).send({ id: put.id, status: 'duplicate' });
      return reply
        .code(201)
        .header('location', `/api/documents/${encodeURIComponent(put.id)}`)
        .send({ id: put.id, status: 'inserted', events: record.events.length });
    },
  );
};
