// Security headers on every answer (API, UI, docs, errors) and the write token. No dependency:
// one onSend hook and one preHandler, registered at the root so no route escapes them.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Everything the UI needs comes from this server: no tile server, no CDN, no font host. A page
 * that tried to reach elsewhere is blocked by the browser itself. Styles set through the DOM
 * (Leaflet positions its panes with element.style) are CSSOM, which 'self' allows.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

export function addSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    return payload;
  });
}

/** Constant-time comparison, so the token cannot be guessed a character at a time by timing. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bearer token of an Authorization header, or null when there is none in that form. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header ?? '');
  return m ? m[1] : null;
}

export type WriteRefusal = { status: 401 | 403; title: string; detail: string };

/**
 * Whether a request may write. Without a configured token writes are disabled (403), never open:
 * a server started without thinking about it must not take documents from anyone.
 */
export function writeRefusal(configured: string | undefined, authorization: string | undefined): WriteRefusal | null {
  if (!configured) return { status: 403, title: 'Forbidden', detail: 'writes are disabled (set VIGIE_TOKEN)' };
  const given = bearerToken(authorization);
  if (!given) return { status: 401, title: 'Unauthorized', detail: 'this route needs Authorization: Bearer <VIGIE_TOKEN>' };
  if (!sameSecret(given, configured)) return { status: 401, title: 'Unauthorized', detail: 'wrong token' };
  return null;
}

/** An onRequest hook for write routes: answers 401/403 as problem+json, or lets the request through. */
export function requireWriteToken(configured: string | undefined) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const refusal = writeRefusal(configured, req.headers.authorization);
    if (!refusal) return;
    if (refusal.status === 401) reply.header('www-authenticate', 'Bearer realm="vigie"');
    return reply
      .code(refusal.status)
      .type('application/problem+json; charset=utf-8')
      .send({ type: 'about:blank', title: refusal.title, status: refusal.status, detail: refusal.detail, error: refusal.detail });
  };
}
