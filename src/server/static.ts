// The web UI (web/, built by Vite into dist/web) served at / by the API's own server: one origin,
// so the page's Content-Security-Policy can say 'self' and mean everything.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../lexicons/load.js';

export function defaultWebRoot(): string {
  return join(packageRoot(), 'dist', 'web');
}

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vigie</title></head>
<body><h1>Vigie</h1><p>The web UI is not built in this checkout: run <code>npm run build:web</code>
(it runs on <code>npm install</code>). The API answers meanwhile: <a href="/api/docs">/api/docs</a>.</p></body></html>`;

export async function registerWeb(app: FastifyInstance, root: string = defaultWebRoot()): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT));
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: ['index.html'],
    // Vite names assets by their content hash: they can be kept for good; index.html cannot.
    setHeaders: (res, path) => {
      res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
    schemaHide: true,
    // Ours (setHeaders) and not send's default max-age=0.
    cacheControl: false,
  });
}
