// RFC 9457 problem documents: every refusal of the API, whatever route or hook makes it.
import type { FastifyReply } from 'fastify';
import { QueryError } from '../store/index.js';

/**
 * A refusal as an RFC 9457 problem document, naming the field at fault. `error` repeats the detail
 * for clients written against the first API, which read only that.
 */
export function problemBody(status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
  return { type: 'about:blank', title, status, detail, ...extra, error: detail };
}

/** Sends a problem document. */
export function problem(reply: FastifyReply, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status).type('application/problem+json; charset=utf-8').send(problemBody(status, title, detail, extra));
}

/** A query the caller got wrong ("from=2024-13: not a date", "cursor: …"): a 400 naming the parameter. */
export function badQuery(reply: FastifyReply, e: QueryError): FastifyReply {
  const field = /^(\w+)[=:]/.exec(e.message)?.[1];
  return problem(reply, 400, 'Bad Request', e.message, field ? { field } : {});
}

/**
 * A route's answer from a read of the store; a QueryError becomes a 400 problem (the reply, sent),
 * anything else goes on up (a 500). Only for returning from a handler: the reply is thenable, and
 * a promise resolved with it takes its settlement, not the reply itself.
 */
export async function answering<T>(reply: FastifyReply, read: () => Promise<T>): Promise<T | FastifyReply> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof QueryError) return badQuery(reply, e);
    throw e;
  }
}

export function notFound(reply: FastifyReply, detail: string): FastifyReply {
  return problem(reply, 404, 'Not Found', detail);
}
