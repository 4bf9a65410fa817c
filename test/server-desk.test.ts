// The analyst's API beyond the first routes: new filters (bounding box, speaker), cursors, ETags,
// places, actors, speakers with their quotes, downloads; and what a hostile client gets — every
// refusal a problem document naming what is wrong, nothing changed in the store.
import { test } from 'node:test';
import type { InjectOptions } from 'fastify';
import assert from 'node:assert/strict';
import { buildApp } from '../src/server/app.js';
import { openStore, type Store } from '../src/store/index.js';
import { fixtures } from './event-fixtures.js';
import { speakerFixture } from './fixtures/speaker-dispatch.js';

const TOKEN = 'desk-test-token';

async function setup() {
  const store = await openStore('sqlite::memory:');
  for (const f of [...fixtures(), speakerFixture()]) await store.putDocument(f.doc, f.record);
  const app = await buildApp({ store, token: TOKEN, webRoot: null });
  return { store, app };
}

const PROBLEM_TYPE = /^application\/problem\+json/;

/** What the store holds, to show a request changed nothing. */
async function snapshot(store: Store) {
  return {
    documents: (await store.listDocuments({ limit: 500 })).items.map((d) => d.id),
    events: (await store.listEvents({ limit: 1000 })).total,
    incidents: (await store.listIncidents({ limit: 1000 })).total,
    quotes: (await store.listQuotes({ limit: 1000 })).total,
  };
}

test('GET /api/events pages by cursor; the pages joined are the listing; the last says there is no next', async () => {
  const { app } = await setup();
  const whole = (await app.inject({ url: '/api/events' })).json();
  assert.equal(whole.total, 7);
  assert.equal(whole.nextCursor, null);
  const keys: string[] = [];
  let url = '/api/events?limit=3';
  for (let i = 0; i < 5 && url; i++) {
    const page = (await app.inject({ url })).json();
    keys.push(...page.items.map((e: { docId: string; id: string }) => `${e.docId}/${e.id}`));
    url = page.nextCursor ? `/api/events?limit=3&cursor=${encodeURIComponent(page.nextCursor)}` : '';
  }
  assert.deepEqual(keys, whole.items.map((e: { docId: string; id: string }) => `${e.docId}/${e.id}`));
  // A cursor is for its own filters; garbage is refused, naming the parameter.
  const first = (await app.inject({ url: '/api/events?limit=3' })).json();
  for (const bad of [`/api/events?country=ML&cursor=${encodeURIComponent(first.nextCursor)}`, '/api/events?cursor=%7B%22list%22%3A1%7D', `/api/incidents?cursor=${encodeURIComponent(first.nextCursor)}`]) {
    const res = await app.inject({ url: bad });
    assert.equal(res.statusCode, 400, bad);
    assert.match(res.headers['content-type'] as string, PROBLEM_TYPE);
    assert.equal(res.json().field, 'cursor', bad);
  }
  const docs = (await app.inject({ url: '/api/documents?limit=2' })).json();
  assert.equal(docs.items.length, 2);
  const rest = (await app.inject({ url: `/api/documents?limit=2&cursor=${encodeURIComponent(docs.nextCursor)}` })).json();
  assert.equal(docs.items.length + rest.items.length, 4);
  await app.close();
});

test('bbox and speaker filter events and incidents; a bad box is a 400 naming bbox', async () => {
  const { app } = await setup();
  const inMali = (await app.inject({ url: '/api/events?bbox=-10,10,0,20' })).json();
  assert.deepEqual(inMali.items.map((e: { docId: string }) => e.docId).sort(), ['mopti', 'mopti', 'segou', 'tombouctou']);
  const said = (await app.inject({ url: '/api/events?speaker=awa%20diarra' })).json();
  assert.deepEqual(said.items.map((e: { docId: string; id: string }) => `${e.docId}/${e.id}`), ['tombouctou/e1']);
  const incidents = (await app.inject({ url: '/api/incidents?speaker=diarra&bbox=-10,10,0,20' })).json();
  assert.equal(incidents.total, 1);
  for (const bbox of ['1,2,3', '-10,20,0,10', '0,0,181,1', '1;DROP TABLE events']) {
    const res = await app.inject({ url: `/api/events?bbox=${encodeURIComponent(bbox)}` });
    assert.equal(res.statusCode, 400, bbox);
    assert.equal(res.json().field, 'bbox');
    assert.match(res.headers['content-type'] as string, PROBLEM_TYPE);
  }
  await app.close();
});

test('ETags: an unchanged answer is a 304 without a body; a stored dispatch changes the tag', async () => {
  const { app } = await setup();
  const url = '/api/events?country=ML';
  const first = await app.inject({ url });
  const tag = first.headers.etag as string;
  assert.match(tag, /^"[\w-]{20,}"$/);
  assert.equal(first.headers['cache-control'], 'no-cache');
  const again = await app.inject({ url, headers: { 'if-none-match': tag } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  assert.equal(again.headers.etag, tag);
  // A list of tags, a weak form of it, or another tag.
  assert.equal((await app.inject({ url, headers: { 'if-none-match': `"x", W/${tag}` } })).statusCode, 304);
  assert.equal((await app.inject({ url, headers: { 'if-none-match': '"something-else"' } })).statusCode, 200);
  for (const other of ['/api/documents/tombouctou', '/api/speakers', '/api/places', '/api/incidents']) {
    const res = await app.inject({ url: other });
    assert.equal((await app.inject({ url: other, headers: { 'if-none-match': res.headers.etag as string } })).statusCode, 304, other);
  }
  // Refusals and downloads carry none.
  assert.equal((await app.inject({ url: '/api/events?from=never' })).headers.etag, undefined);
  assert.equal((await app.inject({ url: '/api/events/export' })).headers.etag, undefined);
  const text = 'Des manifestants ont bloqué lundi une route près de Kayes pour réclamer de l\'eau, a indiqué un élu local.';
  const posted = await app.inject({ method: 'POST', url: '/api/documents', payload: { text, published: '2024-04-08', lang: 'fr' }, headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(posted.statusCode, 201);
  const after = await app.inject({ url, headers: { 'if-none-match': tag } });
  assert.equal(after.statusCode, 200);
  assert.notEqual(after.headers.etag, tag);
  await app.close();
});

test('places, actors and speakers with their quotes', async () => {
  const { app } = await setup();
  const places = (await app.inject({ url: '/api/places?country=ML' })).json();
  assert.deepEqual(places.items.map((p: { name: string; events: number }) => [p.name, p.events]), [['Mopti', 2], ['Ségou', 1], ['Tombouctou', 1]]);
  assert.deepEqual((await app.inject({ url: '/api/places?name=segou' })).json().items.map((p: { name: string }) => p.name), ['Ségou']);
  const actors = (await app.inject({ url: '/api/actors?name=mali&limit=2' })).json();
  assert.equal(actors.items.length, 2);
  assert.ok(actors.nextCursor);
  assert.equal(actors.total, 4);
  const speakers = (await app.inject({ url: '/api/speakers' })).json();
  assert.deepEqual(speakers.items.map((s: { name: string; quotes: number }) => [s.name, s.quotes]), [['Awa Diarra', 2], ['Un témoin', 1]]);
  assert.deepEqual(speakers.items[0].topics, [{ topic: 'Explosions/Remote violence', count: 1 }]);
  const one = await app.inject({ url: '/api/speakers/awa%20diarra' });
  assert.equal(one.statusCode, 200);
  assert.equal(one.json().speaker.name, 'Awa Diarra');
  assert.deepEqual(one.json().quotes.items.map((q: { text: string }) => q.text), ['Des tirs ont visé mardi un camp près de Tombouctou', "Personne n'a été blessé"]);
  const nobody = await app.inject({ url: '/api/speakers/Personne%20Inconnue' });
  assert.equal(nobody.statusCode, 404);
  assert.match(nobody.headers['content-type'] as string, PROBLEM_TYPE);
  const quotes = (await app.inject({ url: '/api/quotes?doc=tombouctou' })).json();
  assert.equal(quotes.total, 4);
  assert.deepEqual((await app.inject({ url: '/api/quotes?speaker=un%20temoin' })).json().items.map((q: { id: string }) => q.id), ['q3']);
  await app.close();
});

test('exports are downloads in three formats, for events and incidents, with the listing\'s filters', async () => {
  const { app } = await setup();
  for (const [path, name] of [['/api/events/export', 'events'], ['/api/incidents/export', 'incidents']]) {
    for (const [format, ext] of [['jsonl', 'jsonl'], ['acled-csv', 'csv'], ['geojson', 'geojson']]) {
      const res = await app.inject({ url: `${path}?format=${format}&bbox=-10,10,0,20` });
      assert.equal(res.statusCode, 200, `${path} ${format}`);
      assert.equal(res.headers['content-disposition'], `attachment; filename="vigie-${name}.${ext}"`);
    }
  }
  const spoken = (await app.inject({ url: '/api/events/export?format=jsonl&speaker=diarra' })).body.trim().split('\n');
  assert.equal(spoken.length, 1);
  assert.equal(JSON.parse(spoken[0]).docId, 'tombouctou');
  await app.close();
});

test('hostile requests: a bad token, a malformed body, SQL in filters, an unknown route, a <script> dispatch — a 4xx problem or inert text, nothing changed', async () => {
  const { app, store } = await setup();
  const before = await snapshot(store);
  const body = { text: 'Des soldats ont repoussé samedi une attaque près de Gao, a indiqué un officier.', lang: 'fr' };
  const refusals: [InjectOptions & { url: string }, number][] = [
    [{ method: 'POST', url: '/api/documents', payload: body, headers: { authorization: 'Bearer wrong' } }, 401],
    [{ method: 'POST', url: '/api/documents', payload: body, headers: { authorization: `Basic ${TOKEN}` } }, 401],
    [{ method: 'POST', url: '/api/documents', payload: '{"text": "half', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } }, 400],
    [{ method: 'POST', url: '/api/documents', payload: '["a list"]', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } }, 400],
    [{ method: 'POST', url: '/api/documents', payload: { text: 42 }, headers: { authorization: `Bearer ${TOKEN}` } }, 400],
    [{ method: 'POST', url: '/api/documents', payload: 'text=hello', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' } }, 415],
    [{ url: '/api/events?limit=99999' }, 400],
    [{ url: '/api/events?country=1%27%3B--' }, 400],
    [{ url: "/api/events?from=2024'); DROP TABLE events;--" }, 400],
    [{ url: '/api/events?unknown=1' }, 400],
    [{ url: '/api/nowhere' }, 404],
    [{ method: 'DELETE', url: '/api/documents/tombouctou' }, 404],
  ];
  for (const [req, status] of refusals) {
    const res = await app.inject(req);
    const what = `${req.method ?? 'GET'} ${req.url}`;
    assert.equal(res.statusCode, status, `${what}: ${res.body.slice(0, 200)}`);
    assert.match(res.headers['content-type'] as string, PROBLEM_TYPE, what);
    const p = res.json();
    assert.equal(p.status, status, what);
    assert.ok(p.title && p.detail, what);
  }
  const unknown = (await app.inject({ url: '/api/events?contry=ML' })).json();
  assert.equal(unknown.field, 'contry');
  assert.match(unknown.detail, /unknown parameter: contry/);
  assert.equal((await app.inject({ url: '/api/events?limit=0' })).json().field, 'limit');
  // SQL in a value is a value: nothing matches, nothing breaks, everywhere a name is searched.
  for (const value of ["x' OR '1'='1", "'; DROP TABLE quotes; --", '%', '") OR 1=1 --']) {
    const q = encodeURIComponent(value);
    for (const url of [`/api/events?speaker=${q}`, `/api/places?name=${q}`, `/api/actors?name=${q}`, `/api/speakers?name=${q}`, `/api/quotes?speaker=${q}`, `/api/incidents?speaker=${q}`, `/api/documents?q=${q}`]) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      assert.equal(res.json().total, 0, url);
    }
  }
  assert.deepEqual(await snapshot(store), before);
  // A dispatch holding markup is stored as text and comes back as JSON data, never as a page.
  const script = 'Un communiqué publié mardi à Niamey contenait <script>alert("x")</script> et <img src=x onerror=alert(1)>, a relevé un journaliste.';
  const stored = await app.inject({ method: 'POST', url: '/api/documents', payload: { id: 'markup', text: script, lang: 'fr' }, headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(stored.statusCode, 201);
  const back = await app.inject({ url: '/api/documents/markup' });
  assert.match(back.headers['content-type'] as string, /^application\/json/);
  assert.equal(back.headers['x-content-type-options'], 'nosniff');
  assert.equal(back.json().text, script);
  const refused = await app.inject({ url: `/api/documents/${encodeURIComponent('<script>alert(1)</script>')}` });
  assert.equal(refused.statusCode, 404);
  assert.match(refused.headers['content-type'] as string, PROBLEM_TYPE);
  await app.close();
});
