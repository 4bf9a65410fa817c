// The built UI served at / by the API's server, with the API's headers; a page saying how to
// build it when it is not built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/server/app.js';
import { defaultWebRoot } from '../src/server/static.js';
import { openStore } from '../src/store/index.js';

test('GET / serves the built UI whose every asset is on this server, with the security headers', async (t) => {
  if (!existsSync(join(defaultWebRoot(), 'index.html'))) {
    t.skip('the web UI is not built (npm run build:web)');
    return;
  }
  const app = await buildApp({ store: await openStore('sqlite::memory:') });
  const page = await app.inject({ url: '/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.headers['content-type'] as string, /text\/html/);
  assert.match(page.headers['content-security-policy'] as string, /default-src 'self'/);
  assert.equal(page.headers['cache-control'], 'no-cache');
  const refs = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(refs.some((r) => r.endsWith('.js')) && refs.some((r) => r.endsWith('.css')), refs.join(' '));
  assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script (the CSP would refuse it)');
  assert.doesNotMatch(page.body, /\sstyle=/, 'no inline style attribute');
  for (const ref of refs.filter((r) => !r.startsWith('#'))) {
    assert.match(ref, /^\/(?!\/)/, `${ref} is on this server`);
    const asset = await app.inject({ url: ref });
    assert.equal(asset.statusCode, 200, ref);
    assert.equal(asset.headers['x-content-type-options'], 'nosniff');
    if (ref.startsWith('/assets/')) assert.match(asset.headers['cache-control'] as string, /immutable/);
  }
  // The API keeps its own answers beside the files.
  assert.equal((await app.inject({ url: '/api/health' })).statusCode, 200);
  const missing = await app.inject({ url: '/api/not-a-route' });
  assert.equal(missing.statusCode, 404);
  await app.close();
});

test('without a built UI, / says how to build it and the API still answers', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'vigie-noweb-'));
  try {
    const app = await buildApp({ store: await openStore('sqlite::memory:'), webRoot: empty });
    const page = await app.inject({ url: '/' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /npm run build:web/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal((await app.inject({ url: '/api/documents' })).statusCode, 200);
    await app.close();
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
