// Security headers on every answer, and the write token of POST /api/documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { bearerToken, CONTENT_SECURITY_POLICY, writeRefusal } from '../src/server/security.js';

const DISPATCH = {
  text: "Des centaines d'agriculteurs ont manifesté jeudi à Toulouse contre la hausse du prix du gazole, a constaté un correspondant.",
  published: '2024-02-01',
  source: 'Essai',
  id: 'essai-toulouse',
};

async function setup(token?: string) {
  const store = await openStore('sqlite::memory:');
  const app = await buildApp({ store, token, webRoot: null });
  return { store, app };
}

function assertSecurityHeaders(headers: Record<string, unknown>, where: string) {
  assert.equal(headers['content-security-policy'], CONTENT_SECURITY_POLICY, where);
  assert.equal(headers['x-content-type-options'], 'nosniff', where);
  assert.equal(headers['referrer-policy'], 'no-referrer', where);
  assert.equal(headers['x-frame-options'], 'DENY', where);
}

test('the CSP allows only this server: no other host, no inline script or style, no framing', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  for (const name of ['default-src', 'script-src', 'style-src', 'img-src', 'connect-src', 'font-src']) {
    assert.deepEqual(directives.get(name), ["'self'"], name);
  }
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe|https?:|\*|data:/);
});

test('every answer carries the security headers: JSON, problem+json, 404, docs, downloads, the UI placeholder', async () => {
  const { app } = await setup('t0k3n-for-tests');
  const requests = [
    { url: '/api/health' },
    { url: '/api/events?from=nope' },
    { url: '/api/nothing-here' },
    { url: '/api/documents/missing' },
    { url: '/api/docs' },
    { url: '/api/openapi.json' },
    { url: '/api/events/export?format=geojson' },
    { url: '/' },
    { method: 'POST' as const, url: '/api/extract', payload: '{not json', headers: { 'content-type': 'application/json' } },
    { method: 'POST' as const, url: '/api/documents', payload: DISPATCH },
  ];
  for (const r of requests) {
    const res = await app.inject(r);
    assertSecurityHeaders(res.headers, `${r.method ?? 'GET'} ${r.url} (${res.statusCode})`);
  }
  await app.close();
});

test('without VIGIE_TOKEN, writes are disabled (403), not open, and nothing is stored', async () => {
  const { app, store } = await setup(''); // '' and not undefined: a VIGIE_TOKEN in the environment must not change the test
  for (const authorization of [undefined, 'Bearer anything']) {
    const res = await app.inject({ method: 'POST', url: '/api/documents', payload: DISPATCH, headers: authorization ? { authorization } : {} });
    assert.equal(res.statusCode, 403);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(res.json().detail, 'writes are disabled (set VIGIE_TOKEN)');
    assert.equal(res.json().status, 403);
  }
  assert.equal((await store.listDocuments()).total, 0);
  // Reading and extracting stay open.
  assert.equal((await app.inject({ url: '/api/documents' })).statusCode, 200);
  await app.close();
});

test('a missing, malformed or wrong token is a 401 with WWW-Authenticate, and nothing is stored', async () => {
  const { app, store } = await setup('right-token');
  const cases: (string | undefined)[] = [undefined, 'right-token', 'Basic cmlnaHQtdG9rZW4=', 'Bearer wrong-token', 'Bearer right-token-and-more', 'Bearer ', 'Bearer right token'];
  for (const authorization of cases) {
    const res = await app.inject({ method: 'POST', url: '/api/documents', payload: DISPATCH, headers: authorization === undefined ? {} : { authorization } });
    assert.equal(res.statusCode, 401, String(authorization));
    assert.match(res.headers['www-authenticate'] as string, /^Bearer/);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
  }
  assert.equal((await store.listDocuments()).total, 0);
  await app.close();
});

test('POST /api/documents with the token stores the dispatch (201), its events are listed, a second post is 200 with the same id', async () => {
  const { app } = await setup('right-token');
  const headers = { authorization: 'Bearer right-token' };
  const first = await app.inject({ method: 'POST', url: '/api/documents', payload: DISPATCH, headers });
  assert.equal(first.statusCode, 201);
  assert.deepEqual(first.json().id, 'essai-toulouse');
  assert.equal(first.json().status, 'inserted');
  assert.equal(first.headers.location, '/api/documents/essai-toulouse');
  const stored = (await app.inject({ url: '/api/documents/essai-toulouse' })).json();
  assert.equal(stored.text, DISPATCH.text);
  assert.equal(stored.source, 'Essai');
  const events = (await app.inject({ url: '/api/events?doc=essai-toulouse' })).json();
  assert.equal(events.total, first.json().events);
  assert.ok(events.total >= 1, 'the demonstration is an event');
  assert.equal(events.items[0].acled.eventType, 'Protests');
  // Same text again, under another id or none: the stored id, nothing new.
  const again = await app.inject({ method: 'POST', url: '/api/documents', payload: { ...DISPATCH, id: 'other-id' }, headers });
  assert.equal(again.statusCode, 200);
  assert.deepEqual(again.json(), { id: 'essai-toulouse', status: 'duplicate' });
  assert.equal((await app.inject({ url: '/api/documents' })).json().total, 1);
  await app.close();
});

test('POST /api/documents without an id names the document by its text; bad bodies are refused like /api/extract', async () => {
  const { app, store } = await setup('right-token');
  const headers = { authorization: 'Bearer right-token' };
  const res = await app.inject({ method: 'POST', url: '/api/documents', payload: { text: DISPATCH.text }, headers });
  assert.equal(res.statusCode, 201);
  assert.match(res.json().id, /^doc-[0-9a-f]{16}$/);
  const bad = [
    { payload: { text: '   ', id: 'blank' }, status: 400, detail: /blank: empty document/ },
    { payload: { id: 'x' }, status: 400, detail: /text/ },
    { payload: { text: 'Un texte.', published: '2024-02-30' }, status: 400, detail: /published/ },
    { payload: { text: 'Un texte.', lang: 'xx' }, status: 400, detail: /lang/ },
    { payload: [1, 2], status: 400, detail: /JSON object/ },
    { payload: { text: 'a\u0000b' }, status: 400, detail: /binary/ },
  ];
  for (const b of bad) {
    const r = await app.inject({ method: 'POST', url: '/api/documents', payload: b.payload as object, headers });
    assert.equal(r.statusCode, b.status, JSON.stringify(b.payload));
    assert.match(r.headers['content-type'] as string, /application\/problem\+json/);
    assert.match(r.json().detail, b.detail);
  }
  assert.equal((await store.listDocuments()).total, 1);
  await app.close();
});

test('a document over the size limit is a 413 naming it', async () => {
  const store = await openStore('sqlite::memory:');
  const app = await buildApp({ store, token: 'k', webRoot: null, maxBytes: 2000 });
  const r = await app.inject({ method: 'POST', url: '/api/documents', payload: { id: 'big', text: 'mot '.repeat(1000) }, headers: { authorization: 'Bearer k' } });
  assert.equal(r.statusCode, 413);
  assert.match(r.json().detail, /^big: .*limit/);
  assert.equal((await store.listDocuments()).total, 0);
  await app.close();
});

test('bearerToken and writeRefusal', () => {
  assert.equal(bearerToken('Bearer abc'), 'abc');
  assert.equal(bearerToken('bearer  abc '), 'abc');
  assert.equal(bearerToken('Bearer'), null);
  assert.equal(bearerToken('Basic abc'), null);
  assert.equal(bearerToken(undefined), null);
  assert.equal(writeRefusal(undefined, 'Bearer x')?.status, 403);
  assert.equal(writeRefusal('', 'Bearer ')?.status, 403);
  assert.equal(writeRefusal('x', 'Bearer y')?.status, 401);
  assert.equal(writeRefusal('x', 'Bearer x'), null);
});

test('a 50 MB body: refused before it is read without the token (401), a 413 problem with it; nothing stored either way', async () => {
  const store = await openStore('sqlite::memory:');
  const app = await buildApp({ store, token: 'k', webRoot: null });
  const huge = JSON.stringify({ id: 'huge', text: 'mot '.repeat(50 * 1024 * 256) });
  assert.ok(huge.length > 50 * 1024 * 1024);
  const anonymous = await app.inject({ method: 'POST', url: '/api/documents', payload: huge, headers: { 'content-type': 'application/json' } });
  assert.equal(anonymous.statusCode, 401);
  const authorised = await app.inject({ method: 'POST', url: '/api/documents', payload: huge, headers: { 'content-type': 'application/json', authorization: 'Bearer k' } });
  assert.equal(authorised.statusCode, 413);
  assert.match(authorised.headers['content-type'] as string, /application\/problem\+json/);
  assert.equal(authorised.json().field, 'body');
  assert.equal((await store.listDocuments()).total, 0);
  await app.close();
});

test('an SQL-looking filter value is a value: no match, no error, the store intact', async () => {
  const { app } = await setup('k');
  const headers = { authorization: 'Bearer k' };
  assert.equal((await app.inject({ method: 'POST', url: '/api/documents', payload: DISPATCH, headers })).statusCode, 201);
  for (const value of ["x' OR '1'='1", "'; DROP TABLE documents; --", '%', '_']) {
    const q = encodeURIComponent(value);
    for (const url of [`/api/events?actor=${q}`, `/api/events?source=${q}`, `/api/incidents?actor=${q}`, `/api/events?admin1=${q}`]) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.json().total, 0, url);
    }
  }
  assert.equal((await app.inject({ url: '/api/documents' })).json().total, 1);
  assert.equal((await app.inject({ url: '/api/events' })).json().total >= 1, true);
  await app.close();
});
