// The REST API, through fastify's inject (no port needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { extract } from '../src/pipeline/index.js';

async function app() {
  const store = await openStore('sqlite::memory:');
  const d = { id: 'd1', text: 'Des milliers de personnes ont manifesté samedi à Lyon contre la réforme.', published: '2024-05-04', source: 'Wire' };
  await store.putDocument(d, extract(d));
  return buildApp({ store });
}

test('GET /api/documents lists stored documents', async () => {
  const a = await app();
  const res = await a.inject({ method: 'GET', url: '/api/documents' });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.total, 1);
  assert.equal(body.items[0].id, 'd1');
  assert.equal(body.items[0].lang, 'fr');
});

test('GET /api/documents?q= searches the texts, accents or not', async () => {
  const a = await app();
  assert.equal((await a.inject({ url: '/api/documents?q=manifestation' })).json().total, 0);
  assert.equal((await a.inject({ url: '/api/documents?q=manifeste' })).json().total, 1);
  assert.equal((await a.inject({ url: '/api/documents?q=' + encodeURIComponent('manifesté Lyon') })).json().total, 1);
});

test('GET /api/documents/:id gives the text and its annotations; unknown id is 404', async () => {
  const a = await app();
  const res = await a.inject({ url: '/api/documents/d1' });
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.match(doc.text, /Lyon/);
  assert.ok(Array.isArray(doc.record.sentences) && doc.record.sentences.length === 1);
  const missing = await a.inject({ url: '/api/documents/zz' });
  assert.equal(missing.statusCode, 404);
  assert.match(missing.json().error, /zz/);
});

test('POST /api/extract returns the output contract', async () => {
  const a = await app();
  const res = await a.inject({ method: 'POST', url: '/api/extract', payload: { text: 'The ministers met in Oslo. They agreed on nothing.', published: '2024-01-10' } });
  assert.equal(res.statusCode, 200);
  const r = res.json();
  assert.deepEqual(Object.keys(r), ['id', 'lang', 'published', 'source', 'sentences', 'mentions', 'quotes', 'times', 'places', 'events']);
  assert.equal(r.lang, 'en');
  assert.equal(r.sentences.length, 2);
});

test('POST /api/extract refuses bad bodies with a clear 400', async () => {
  const a = await app();
  const empty = await a.inject({ method: 'POST', url: '/api/extract', payload: { text: '   ', id: 'blank' } });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.json().error, /blank: empty document/);
  const noText = await a.inject({ method: 'POST', url: '/api/extract', payload: { id: 'x' } });
  assert.equal(noText.statusCode, 400);
  const badJson = await a.inject({ method: 'POST', url: '/api/extract', headers: { 'content-type': 'application/json' }, payload: '{"text": ' });
  assert.equal(badJson.statusCode, 400);
});

test('a bad limit is a 400, not a crash', async () => {
  const a = await app();
  assert.equal((await a.inject({ url: '/api/documents?limit=0' })).statusCode, 400);
});
