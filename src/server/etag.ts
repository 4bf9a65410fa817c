// ETags on the API's JSON answers: a client that sends back the tag it holds (If-None-Match) gets
// a 304 with no body when the answer has not changed. The tag is a digest of the answer itself,
// so it is right whatever changed the store, and whichever store it is.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** The strong entity tag of a body. */
export function entityTag(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** Whether an If-None-Match header holds this tag (or *); weak tags compare by their value (RFC 9110 §13.1.2). */
export function matchesTag(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === tag);
}

export function addEtags(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    // Streams (downloads, files of the UI) are left alone: the static server tags files itself.
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const tag = entityTag(payload);
    reply.header('etag', tag);
    // Kept, but asked about again each time: a store changes.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
    if (!matchesTag(req.headers['if-none-match'], tag)) return payload;
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    return '';
  });
}
