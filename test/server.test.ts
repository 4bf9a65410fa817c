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
  // publishedFrom says where the date came from (here the document's own), as at the CLI's doors.
  assert.deepEqual(Object.keys(r), ['id', 'lang', 'published', 'source', 'publishedFrom', 'sentences', 'mentions', 'quotes', 'times', 'places', 'events']);
  assert.equal(r.publishedFrom, 'source');
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

// Events: listed with filters, exported as downloads; documents carry their events.

async function appWithEvents() {
  const { fixtures } = await import('./event-fixtures.js');
  const store = await openStore('sqlite::memory:');
  for (const f of fixtures()) await store.putDocument(f.doc, f.record);
  return buildApp({ store });
}

test('GET /api/events?country=AF lists the events in Afghanistan', async () => {
  const a = await appWithEvents();
  const res = await a.inject({ url: '/api/events?country=AF' });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.total, 2);
  assert.deepEqual(body.items.map((e: { docId: string; id: string }) => `${e.docId}-${e.id}`), ['herat-e2', 'herat-e1']);
  assert.ok(body.items.every((e: { location: { country: string } }) => e.location.country === 'AF'));
  assert.equal((await a.inject({ url: '/api/events' })).json().total, 6);
});

test('GET /api/events takes every filter as a query parameter', async () => {
  const a = await appWithEvents();
  const total = async (qs: string) => (await a.inject({ url: `/api/events?${qs}` })).json().total as number;
  assert.equal(await total('type=Battles'), 1);
  assert.equal(await total('subType=Attack'), 1);
  assert.equal(await total('plover=ASSAULT'), 3);
  assert.equal(await total('country=ML&admin1=' + encodeURIComponent('Ségou')), 1);
  assert.equal(await total('from=2024-03-25&to=2024-04'), 1);
  assert.equal(await total('actor=mali'), 3);
  assert.equal(await total('modality=denied'), 1);
  assert.equal(await total('lang=en'), 2);
  assert.equal(await total('source=Courier'), 2);
  assert.equal(await total('doc=segou'), 2);
  const page = (await a.inject({ url: '/api/events?limit=2&offset=4' })).json();
  assert.equal(page.total, 6);
  assert.equal(page.items.length, 2);
});

test('GET /api/events: a bad date is a 400 with the reason; so is a bad limit or filter', async () => {
  const a = await appWithEvents();
  const bad = await a.inject({ url: '/api/events?from=2024-02-30' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error, /from=2024-02-30: not a date \(expected YYYY, YYYY-MM or YYYY-MM-DD\)/);
  const backwards = await a.inject({ url: '/api/events?from=2024-05&to=2024-01' });
  assert.equal(backwards.statusCode, 400);
  assert.match(backwards.json().error, /after/);
  assert.equal((await a.inject({ url: '/api/events?limit=1001' })).statusCode, 400);
  assert.equal((await a.inject({ url: '/api/events?country=AFG' })).statusCode, 400);
  assert.equal((await a.inject({ url: '/api/events?modality=maybe' })).statusCode, 400);
});

test('GET /api/documents/:id returns the record with its events', async () => {
  const a = await appWithEvents();
  const doc = (await a.inject({ url: '/api/documents/mopti' })).json();
  assert.deepEqual(doc.record.events.map((e: { id: string }) => e.id), ['e1', 'e2']);
  assert.equal(doc.record.events[0].acled.subEventType, 'Attack');
  assert.equal(doc.counts.events, 2);
});

test('GET /api/events/export serves the exports as downloads', async () => {
  const a = await appWithEvents();
  const csv = await a.inject({ url: '/api/events/export?format=acled-csv&country=ML' });
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  assert.match(String(csv.headers['content-disposition']), /^attachment; filename="vigie-events\.csv"$/);
  assert.equal(csv.body.charCodeAt(0), 0xfeff);
  assert.equal(csv.body.trimEnd().split('\r\n').length, 3); // header, mopti-e1, segou-e1
  const geo = await a.inject({ url: '/api/events/export?format=geojson&all=true' });
  assert.match(String(geo.headers['content-disposition']), /vigie-events\.geojson/);
  assert.equal(geo.json().features.length, 5);
  const jsonl = await a.inject({ url: '/api/events/export?actor=taliban' });
  assert.equal(jsonl.body.trim().split('\n').length, 1);
  const bad = await a.inject({ url: '/api/events/export?to=tomorrow' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error, /to=tomorrow: not a date/);
});

test('a posted dispatch without a date takes it, and its outlet, from its dateline', async () => {
  const a = await app();
  try {
    const res = await a.inject({
      method: 'POST', url: '/api/extract',
      payload: { id: 'posted-dateline', text: 'Mopti (Mali), 12 février 2025 (Agence Méridienne) - Des hommes armés ont attaqué mardi un poste de gendarmerie, a indiqué une source sécuritaire.' },
    });
    assert.equal(res.statusCode, 200);
    const r = res.json();
    assert.equal(r.published, '2025-02-12');
    assert.equal(r.publishedFrom, 'dateline');
    assert.equal(r.source, 'Agence Méridienne');
    assert.ok(r.times.some((t: { value: string }) => t.value === '2025-02-11'), 'mardi is read against the dateline');
  } finally {
    await a.close();
  }
});
