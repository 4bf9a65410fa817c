// The Store contract, run against both stores: SQLite (in memory, or a temporary file) and
// PostgreSQL (PG_TEST_URL, default the local server; each store of this run in a schema of its
// own, dropped at the end). Documents and their identity, full-text search, record replacement,
// events with every filter and streaming, incidents; then what only a shared server can show:
// several writers at once. Without a reachable PostgreSQL its half is reported skipped, with why.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { extract } from '../src/pipeline/index.js';
import { contentHash, openStore, parseBbox, QueryError, type EventQuery, type Incident, type Page, type Store, type StoredEvent } from '../src/store/index.js';
import { PostgresStore } from '../src/store/postgres.js';
import { PG_MIGRATIONS } from '../src/store/postgres-schema.js';
import { SQLITE_MIGRATIONS } from '../src/store/sqlite.js';
import type { Document, ExtractRecord } from '../src/types.js';
import { ALL_EVENT_KEYS, fixtures, makeEvent } from './event-fixtures.js';
import { ATTACK, MARCH, OTHER_ATTACK } from './fixtures/incident-dispatches.js';
import { SPEAKER_TEXT, speakerFixture } from './fixtures/speaker-dispatch.js';

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why the PostgreSQL half cannot run here, or null when the server answers. */
async function pgUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return `PostgreSQL not reachable at ${PG_URL.replace(/:[^/@:]*@/, ':***@')} (${(e as Error).message}); set PG_TEST_URL`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Where a store lives, so a second store can be opened on the same data. */
interface Place {
  url: string;
  env: NodeJS.ProcessEnv;
}

interface Backend {
  name: string;
  migrations: number;
  /** A new, empty place: in memory when `shared` is not asked for. */
  place(shared?: boolean): Place;
  /** A raw search expression in the store's own syntax matching either word, and a broken one. */
  rawEither(a: string, b: string): string;
  badRaw: string;
}

const schemas: string[] = [];
const RUN = randomBytes(4).toString('hex');

const sqlite: Backend = {
  name: 'sqlite',
  migrations: SQLITE_MIGRATIONS.length,
  place: (shared = false) => ({
    url: shared ? `sqlite:${join(mkdtempSync(join(tmpdir(), 'vigie-contract-')), 'v.db')}` : 'sqlite::memory:',
    env: {},
  }),
  rawEither: (a, b) => `=${a} OR ${b}`,
  badRaw: '=AND (',
};

const postgres: Backend = {
  name: 'postgres',
  migrations: PG_MIGRATIONS.length,
  place: () => {
    const schema = `vigie_test_${RUN}_${schemas.length}`;
    schemas.push(schema);
    return { url: PG_URL, env: { VIGIE_PG_SCHEMA: schema } };
  },
  rawEither: (a, b) => `=${a} | ${b}`,
  badRaw: '=& (',
};

const pgSkip = await pgUnavailable();

after(async () => {
  if (pgSkip || !schemas.length) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  await client.end();
});

const open = (p: Place, env: NodeJS.ProcessEnv = {}) => openStore(p.url, { ...p.env, ...env });

// Extraction is deterministic and the slowest part: each dispatch is read once for the whole file.
const records = new Map<string, ExtractRecord>();
function extracted(d: Document): ExtractRecord {
  // Kept by text: the same dispatch is extracted once for both stores; an updated text is new.
  const key = contentHash(d.text);
  let r = records.get(key);
  if (!r) records.set(key, (r = extract(d)));
  return structuredClone(r);
}

const doc: Document = { id: 'kiev-1', text: 'Le convoi humanitaire est arrivé à Kharkiv mardi soir, selon les autorités.', published: '2024-02-06', source: 'Wire', title: 'Convoi arrivé' };

// A record with known annotations only: the real stages are skipped so the counts are ours.
function recordWithAnnotations(d: Document): ExtractRecord {
  const r = extract(d, { skip: ['mentions', 'quotes', 'times', 'places', 'events'] });
  r.mentions.push({ id: 'm1', start: 35, end: 42, text: 'Kharkiv', type: 'LOC', canonical: 'Kharkiv', role: null });
  r.times.push({ id: 't1', start: 43, end: 54, text: 'mardi soir', type: 'TIME', value: '2024-02-06TEV', precision: 'partofday', anchor: '2024-02-06' });
  return r;
}

const key = (e: StoredEvent) => `${e.docId}-${e.id}`;

async function keys(store: Store, q: EventQuery): Promise<string[]> {
  return (await store.listEvents(q)).items.map(key).sort();
}

async function allIncidents(store: Store): Promise<Incident[]> {
  return (await store.listIncidents({ limit: 1000 })).items;
}

/** The incidents holding a document's event of an ACLED event type. */
function holding(incidents: readonly Incident[], docId: string, eventType: string): Incident[] {
  return incidents.filter((i) => i.eventType === eventType && i.events.some((m) => m.docId === docId));
}

// Dispatches stored in the order they were filed, the distinct happening among them.
const FILED = [ATTACK[0], ATTACK[3], MARCH[0], MARCH[2], MARCH[3], ATTACK[1], ATTACK[2], ATTACK[4], MARCH[1], MARCH[4], OTHER_ATTACK];

function contract(b: Backend): void {
  async function fresh(): Promise<Store> {
    return open(b.place());
  }

  async function withFixtures(): Promise<Store> {
    const store = await fresh();
    for (const f of fixtures()) await store.putDocument(f.doc, f.record);
    return store;
  }

  async function filed(docs: readonly Document[] = FILED): Promise<Store> {
    const store = await fresh();
    for (const d of docs) await store.putDocument(d, extracted(d));
    return store;
  }

  // ---- documents

  test('migrations run once and report the schema version', async () => {
    const place = b.place(true);
    const store = await open(place);
    assert.equal(await store.migrate(), b.migrations);
    await store.close();
    const again = await open(place);
    assert.equal(await again.migrate(), b.migrations);
    await again.close();
  });

  test('the same dispatch twice is stored once, even with other line endings and spacing', async () => {
    const store = await fresh();
    assert.deepEqual(await store.putDocument(doc, extracted(doc)), { status: 'inserted', id: 'kiev-1' });
    const twin = { ...doc, id: 'copy', text: '\r\n' + doc.text + '  \r\n' };
    assert.deepEqual(await store.putDocument(twin, extract(twin)), { status: 'duplicate', id: 'kiev-1' });
    assert.equal((await store.listDocuments()).total, 1);
    assert.equal(await store.findByHash(contentHash(doc.text)), 'kiev-1');
    assert.equal(await store.findByHash(contentHash('not stored')), null);
    await store.close();
  });

  test('another text under an id already taken is kept under a suffixed id', async () => {
    const store = await fresh();
    await store.putDocument(doc, extracted(doc));
    const other = { ...doc, text: 'Un autre texte entièrement différent.' };
    const r = await store.putDocument(other, extract(other));
    assert.equal(r.status, 'inserted');
    assert.match(r.id, /^kiev-1~[0-9a-f]{8}$/);
    assert.equal((await store.getDocument(r.id))?.record.id, r.id);
    assert.equal((await store.getDocument('kiev-1'))?.text, doc.text);
    await store.close();
  });

  test('a stored document comes back with its record and annotation counts', async () => {
    const store = await fresh();
    await store.putDocument(doc, recordWithAnnotations(doc));
    const got = await store.getDocument('kiev-1');
    assert.ok(got);
    assert.equal(got.text, doc.text);
    assert.equal(got.title, 'Convoi arrivé');
    assert.equal(got.chars, doc.text.length);
    assert.equal(got.hash, contentHash(doc.text));
    assert.equal(got.record.times[0].value, '2024-02-06TEV');
    assert.deepEqual(got.counts, { mentions: 1, quotes: 0, times: 1, places: 0, events: 0 });
    assert.equal(await store.getDocument('nope'), null);
    await store.close();
  });

  test('full-text search finds words without their accents, all words required, and says where', async (t) => {
    const store = await fresh();
    await store.putDocument(doc, extracted(doc));
    const d2 = { id: 'en-1', text: 'Talks in Geneva ended without agreement on Friday.', lang: 'en' };
    await store.putDocument(d2, extract(d2));
    if (store instanceof PostgresStore && !store.accentFolding) t.skip('this PostgreSQL has no unaccent: accents are not folded');
    else {
      const hits = await store.listDocuments({ q: 'autorites' });
      assert.deepEqual(hits.items.map((i) => i.id), ['kiev-1']);
      assert.match(hits.items[0].snippet ?? '', /\[autorités\]/);
    }
    assert.equal((await store.listDocuments({ q: 'Geneva agreement' })).total, 1);
    assert.equal((await store.listDocuments({ q: 'Geneva Kharkiv' })).total, 0);
    assert.equal((await store.listDocuments({ q: 'convoi' })).items[0]?.id, 'kiev-1');
    assert.equal((await store.listDocuments({ q: 'Geneva', lang: 'fr' })).total, 0);
    assert.equal((await store.listDocuments({ lang: 'en' })).items[0].id, 'en-1');
    assert.equal((await store.listDocuments({ source: 'Wire' })).items[0].id, 'kiev-1');
    // punctuation in plain words is not search syntax
    assert.equal((await store.listDocuments({ q: "l'accord (Geneva) & \"" })).total, 0);
    await store.close();
  });

  test('a search after = is in the store\'s own syntax; a broken one is a QueryError', async () => {
    const store = await fresh();
    await store.putDocument(doc, extracted(doc));
    const d2 = { id: 'en-1', text: 'Talks in Geneva ended without agreement on Friday.', lang: 'en' };
    await store.putDocument(d2, extract(d2));
    assert.equal((await store.listDocuments({ q: b.rawEither('Geneva', 'Kharkiv') })).total, 2);
    await assert.rejects(store.listDocuments({ q: b.badRaw }), QueryError);
    await store.close();
  });

  test('documents list newest first and page', async () => {
    const store = await fresh();
    for (const [i, day] of ['2024-01-03', '2024-01-01', '2024-01-02'].entries()) {
      const d = { id: `d${i}`, text: `Dispatch number ${i} about nothing in particular.`, published: day, lang: 'en' };
      await store.putDocument(d, extract(d, { skip: ['mentions', 'quotes', 'times', 'places', 'events'] }));
    }
    const page = await store.listDocuments({ limit: 2 });
    assert.equal(page.total, 3);
    assert.deepEqual(page.items.map((d) => d.published), ['2024-01-03', '2024-01-02']);
    assert.deepEqual((await store.listDocuments({ limit: 2, offset: 2 })).items.map((d) => d.id), ['d1']);
    await store.close();
  });

  test('a stored record can be replaced by a newer run, annotation rows included', async () => {
    const store = await fresh();
    await store.putDocument(doc, extracted(doc));
    await store.replaceRecord('kiev-1', recordWithAnnotations(doc));
    const got = await store.getDocument('kiev-1');
    assert.equal(got?.counts.times, 1);
    assert.equal(got?.record.id, 'kiev-1');
    await assert.rejects(store.replaceRecord('missing', extract(doc)), /no document with id missing/);
    await store.close();
  });

  // ---- events

  test('an event comes back as extracted, with its place and its document', async () => {
    const store = await withFixtures();
    const [original] = fixtures()[0].record.events;
    const { items } = await store.listEvents({ docId: 'herat', eventType: 'Battles' });
    assert.equal(items.length, 1);
    const { docId, location, document, ...event } = items[0];
    assert.deepEqual(event, original);
    assert.equal(docId, 'herat');
    assert.deepEqual(location, { name: 'Herat', lat: 34.35, lon: 62.2, country: 'AF', admin1: 'Herat', admin2: 'Herat District' });
    assert.equal(document.lang, 'fr');
    assert.equal(document.source, 'Wire');
    assert.equal(document.published, '2024-03-12');
    assert.equal(document.url, 'https://example.org/herat');
    assert.equal(document.title, 'Combats à Hérat');
    assert.match(document.ingestedAt ?? '', /^\d{4}-\d{2}-\d{2}T/);
    const [noPlace] = (await store.listEvents({ docId: 'segou', subEventType: 'Agreement' })).items;
    assert.equal(noPlace.location, null);
    await store.close();
  });

  test('no filter lists every event, newest first, undated-by-day after the days of their month', async () => {
    const store = await withFixtures();
    const all = await store.listEvents({});
    assert.equal(all.total, 6);
    assert.deepEqual(all.items.map(key), ['mopti-e2', 'herat-e2', 'herat-e1', 'mopti-e1', 'segou-e1', 'segou-e2']);
    assert.deepEqual(await keys(store, {}), ALL_EVENT_KEYS);
    await store.close();
  });

  test('each event filter narrows to the events it names', async () => {
    const store = await withFixtures();
    const cases: [EventQuery, string[]][] = [
      [{ eventType: 'Battles' }, ['herat-e1']],
      [{ eventType: 'battles' }, ['herat-e1']], // case is ignored
      [{ subEventType: 'Attack' }, ['mopti-e1']],
      [{ ploverType: 'PROTEST' }, ['herat-e2']],
      [{ ploverType: 'assault' }, ['herat-e1', 'mopti-e1', 'mopti-e2']],
      [{ country: 'AF' }, ['herat-e1', 'herat-e2']],
      [{ country: 'ml' }, ['mopti-e1', 'mopti-e2', 'segou-e1']],
      [{ admin1: 'Ségou' }, ['segou-e1']],
      [{ country: 'AF', admin1: 'kabul' }, ['herat-e2']],
      [{ actor: 'talib' }, ['herat-e1']],
      [{ actor: 'CIVILIANS' }, ['mopti-e1']], // actor2, any case
      [{ actor: 'medine' }, ['segou-e1']], // an associated actor, without its accent
      [{ actor: 'mali' }, ['mopti-e1', 'mopti-e2', 'segou-e1']],
      [{ modality: 'denied' }, ['mopti-e2']],
      [{ modality: 'Asserted' }, ['herat-e1', 'mopti-e1', 'segou-e1', 'segou-e2']],
      [{ lang: 'EN' }, ['mopti-e1', 'mopti-e2']],
      [{ source: 'courier' }, ['mopti-e1', 'mopti-e2']],
      [{ source: 'Radio "Kledu", Bamako' }, ['segou-e1', 'segou-e2']],
      [{ docId: 'segou' }, ['segou-e1', 'segou-e2']],
      [{ docId: 'SEGOU' }, []], // ids are exact
      [{ country: 'AF', modality: 'planned' }, ['herat-e2']],
      [{ country: 'FR' }, []],
      [{ actor: 'nobody at all' }, []],
      [{ actor: '%' }, []], // no wildcard
    ];
    for (const [q, expected] of cases) {
      assert.deepEqual(await keys(store, q), expected, JSON.stringify(q));
      assert.equal((await store.listEvents(q)).total, expected.length, JSON.stringify(q));
    }
    await store.close();
  });

  test('a date range holds the events whose day, month or year overlaps it', async () => {
    const store = await withFixtures();
    const cases: [EventQuery, string[]][] = [
      [{ from: '2024-03-12', to: '2024-03-31' }, ['herat-e2', 'mopti-e1', 'mopti-e2']],
      [{ from: '2024-03-25', to: '2024-04-10' }, ['mopti-e1']],
      [{ from: '2024-03-11', to: '2024-03-11' }, ['herat-e1', 'mopti-e1']],
      [{ from: '2024-04' }, []],
      [{ from: '2024-03' }, ['herat-e1', 'herat-e2', 'mopti-e1', 'mopti-e2']],
      [{ to: '2023' }, ['segou-e1', 'segou-e2']],
      [{ from: '2023-06', to: '2023-06' }, ['segou-e2']],
      [{ from: '2023-12-02', to: '2023-12-02' }, ['segou-e1', 'segou-e2']],
      [{ from: '2024', to: '2024' }, ['herat-e1', 'herat-e2', 'mopti-e1', 'mopti-e2']],
    ];
    for (const [q, expected] of cases) assert.deepEqual(await keys(store, q), expected, JSON.stringify(q));
    await assert.rejects(store.listEvents({ from: '2024-13' }), (e: Error) => e instanceof QueryError && /from=2024-13: not a date/.test(e.message));
    await assert.rejects(store.listEvents({ from: '2024-05', to: '2024-04' }), /after/);
    assert.throws(() => store.iterateEvents({ to: '12/03/2024' }), QueryError);
    await store.close();
  });

  test('events page with limit and offset; total counts them all', async () => {
    const store = await withFixtures();
    const page = await store.listEvents({ limit: 2, offset: 1 });
    assert.equal(page.total, 6);
    assert.deepEqual(page.items.map(key), ['herat-e2', 'herat-e1']);
    assert.equal((await store.listEvents({ limit: 5000 })).items.length, 6);
    await store.close();
  });

  test('the same document put twice is stored once, its events too; a new record replaces its event rows', async () => {
    const store = await withFixtures();
    const [f] = fixtures();
    assert.equal((await store.putDocument(f.doc, f.record)).status, 'duplicate');
    assert.equal((await store.listEvents({})).total, 6);
    const newer = { ...f.record, events: [makeEvent(f.doc.text, 'morts', { id: 'e9', acled: { eventType: 'Battles', subEventType: 'Armed clash' }, place: 'p1', date: '2024-03-10', timePrecision: 1 })] };
    await store.replaceRecord('herat', newer);
    assert.deepEqual(await keys(store, { docId: 'herat' }), ['herat-e9']);
    const [e9] = (await store.listEvents({ docId: 'herat' })).items;
    assert.equal(e9.location?.name, 'Herat');
    assert.equal(e9.document.source, 'Wire');
    assert.deepEqual(await keys(store, { ploverType: 'PROTEST' }), []);
    assert.equal((await store.listEvents({})).total, 5);
    await store.close();
  });

  test('iterateEvents streams every matching event in listing order; stopping early releases it', async () => {
    // One connection at most (PostgreSQL): a stream that kept its connection would block what follows.
    const store = await open(b.place(), { VIGIE_PG_POOL: '1' });
    for (const f of fixtures()) await store.putDocument(f.doc, f.record);
    const seen: string[] = [];
    for await (const e of store.iterateEvents({ country: 'ML' })) seen.push(key(e));
    assert.deepEqual(seen, (await store.listEvents({ country: 'ML' })).items.map(key));
    assert.equal(seen.length, 3);
    const limited: string[] = [];
    for await (const e of store.iterateEvents({ limit: 2, offset: 1 })) limited.push(key(e));
    assert.deepEqual(limited, ['herat-e2', 'herat-e1']);
    for await (const e of store.iterateEvents({})) {
      assert.ok(e.id);
      break;
    }
    const [f] = fixtures();
    await store.replaceRecord('herat', { ...f.record, events: [] });
    assert.equal((await store.listEvents({})).total, 4);
    await store.close();
  });

  test('events page by cursor: the pages, joined, are the listing; a cursor of other filters or not ours is refused', async () => {
    const store = await withFixtures();
    const all = (await store.listEvents({})).items.map(key);
    for (const q of [{}, { country: 'ML' }, { from: '2023', to: '2024' }] as EventQuery[]) {
      const whole = (await store.listEvents(q)).items.map(key);
      const walked: string[] = [];
      let page: Page<StoredEvent> = await store.listEvents({ ...q, limit: 2 });
      for (let i = 0; i < 10; i++) {
        walked.push(...page.items.map(key));
        assert.equal(page.total, whole.length);
        if (!page.nextCursor) break;
        page = await store.listEvents({ ...q, limit: 2, cursor: page.nextCursor });
      }
      assert.deepEqual(walked, whole, JSON.stringify(q));
    }
    assert.equal(all.length, 6);
    // The last page says there is no next one; a full page at the end too.
    assert.equal((await store.listEvents({ limit: 6 })).nextCursor, null);
    const first = await store.listEvents({ limit: 2 });
    assert.ok(first.nextCursor);
    await assert.rejects(store.listEvents({ country: 'AF', cursor: first.nextCursor }), (e: Error) => e instanceof QueryError && /other filters/.test(e.message));
    await assert.rejects(store.listEvents({ cursor: 'not-a-cursor' }), QueryError);
    await assert.rejects(store.listEvents({ cursor: first.nextCursor, offset: 2 }), QueryError);
    await assert.rejects(store.listIncidents({ cursor: first.nextCursor }), /not a cursor of this listing/);
    // A document stored between two pages does not shift the next one (a keyset, not an offset).
    const second = await store.listEvents({ limit: 2, cursor: first.nextCursor });
    const { doc: d, record } = speakerFixture();
    await store.putDocument(d, record);
    assert.deepEqual((await store.listEvents({ limit: 2, cursor: first.nextCursor })).items.map(key), second.items.map(key));
    await store.close();
  });

  test('a bounding box keeps the events placed within it, across the antimeridian too', async () => {
    const store = await withFixtures();
    assert.deepEqual(await keys(store, { bbox: parseBbox('60,30,65,40') }), ['herat-e1']);
    assert.deepEqual(await keys(store, { bbox: parseBbox('-10,10,0,20') }), ['mopti-e1', 'mopti-e2', 'segou-e1']);
    // West edge east of the east edge: the box goes round the back of the world (lon ≥ 100 or ≤ 65).
    assert.deepEqual(await keys(store, { bbox: parseBbox('100,-90,65,90') }), ['herat-e1', 'mopti-e1', 'mopti-e2', 'segou-e1']);
    assert.deepEqual(await keys(store, { bbox: parseBbox('170,-10,-170,10') }), []);
    assert.deepEqual(await keys(store, { bbox: parseBbox('-10,10,0,20'), eventType: 'Riots' }), ['segou-e1']);
    for (const bad of ['1,2,3', '0,0,200,1', '0,10,1,5', 'a,b,c,d', '1,2,3,4,5']) assert.throws(() => parseBbox(bad), QueryError, bad);
    await store.close();
  });

  test('speakers: who is quoted, how often, on what; their quotes with their words; events by speaker', async () => {
    const store = await withFixtures();
    const { doc: d, record } = speakerFixture();
    await store.putDocument(d, record);
    const speakers = await store.listSpeakers({});
    // "elle" is Awa Diarra (its mention); the lone "il" nobody resolved is listed under no one.
    assert.deepEqual(speakers.items.map((s) => [s.name, s.type, s.quotes, s.documents]), [['Awa Diarra', 'PER', 2, 1], ['Un témoin', null, 1, 1]]);
    assert.equal(speakers.total, 2);
    assert.deepEqual(speakers.items[0].topics, [{ topic: 'Explosions/Remote violence', count: 1 }]);
    assert.deepEqual(speakers.items[0].cues, [{ cue: 'déclarer', count: 1 }, { cue: 'ajouter', count: 1 }]);
    assert.equal(speakers.items[0].firstPublished, '2024-04-05');
    assert.deepEqual((await store.listSpeakers({ named: true })).items.map((s) => s.name), ['Awa Diarra']);
    assert.deepEqual((await store.listSpeakers({ name: 'temoin' })).items.map((s) => s.name), ['Un témoin']);
    assert.equal((await store.listSpeakers({ from: '2024-05' })).total, 0);
    assert.equal((await store.listSpeakers({ lang: 'en' })).total, 0);
    const quotes = await store.listQuotes({ name: 'awa diarra' });
    assert.equal(quotes.total, 2);
    assert.deepEqual(quotes.items.map((q) => q.text), ['Des tirs ont visé mardi un camp près de Tombouctou', "Personne n'a été blessé"]);
    for (const q of quotes.items) assert.equal(SPEAKER_TEXT.slice(q.content.start, q.content.end), q.text);
    assert.deepEqual(quotes.items[0].speaker, { name: 'Awa Diarra', text: 'Awa Diarra', type: 'PER' });
    assert.deepEqual(quotes.items[1].speaker, { name: 'Awa Diarra', text: 'elle', type: 'PER' });
    assert.deepEqual(quotes.items[0].topics, ['Explosions/Remote violence']);
    assert.deepEqual(quotes.items[0].document, { lang: 'fr', source: 'Sahel Wire', published: '2024-04-05', title: 'Tirs près de Tombouctou' });
    // Every quote of a document, the unresolved one too, in text order; paged by cursor.
    const inDoc = await store.listQuotes({ docId: 'tombouctou', limit: 3 });
    assert.equal(inDoc.total, 4);
    assert.deepEqual(inDoc.items.map((q) => q.id), ['q1', 'q2', 'q3']);
    const rest = await store.listQuotes({ docId: 'tombouctou', limit: 3, cursor: inDoc.nextCursor! });
    assert.deepEqual(rest.items.map((q) => [q.id, q.speaker?.name ?? null, q.speaker?.text]), [['q4', null, 'il']]);
    assert.equal(rest.nextCursor, null);
    assert.deepEqual(await keys(store, { speaker: 'DIARRA' }), ['tombouctou-e1']);
    assert.deepEqual(await keys(store, { speaker: 'témoin' }), []);
    await store.close();
  });

  test('places and actors of the events a query keeps, most events first, names found without their accents', async () => {
    const store = await withFixtures();
    const places = await store.listPlaces({});
    assert.deepEqual(places.items.map((p) => [p.name, p.events, p.documents]), [['Herat', 1, 1], ['Kabul', 1, 1], ['Mopti', 2, 1], ['Ségou', 1, 1]].sort((a, b) => (b[1] as number) - (a[1] as number) || ((a[0] as string) < (b[0] as string) ? -1 : 1)));
    const mopti = places.items.find((p) => p.name === 'Mopti')!;
    assert.deepEqual([mopti.country, mopti.lat, mopti.lon, mopti.fatalities, mopti.firstDate, mopti.lastDate], ['ML', 14.49, -4.2, 12, '2024-03', '2024-03-20']);
    assert.deepEqual((await store.listPlaces({ name: 'segou' })).items.map((p) => p.name), ['Ségou']);
    assert.deepEqual((await store.listPlaces({ country: 'AF', eventType: 'Battles' })).items.map((p) => p.name), ['Herat']);
    const actors = await store.listActors({ country: 'ML' });
    assert.deepEqual(actors.items.map((a) => a.name).sort(), ['Civilians (Mali)', 'Jeunes du quartier Médine', 'Military Forces of Mali', 'Rioters (Mali)', 'Unidentified Armed Group (Mali)']);
    const assoc = actors.items.find((a) => a.name === 'Jeunes du quartier Médine')!;
    assert.deepEqual([assoc.events, assoc.associated, assoc.asActor1, assoc.inter], [1, 1, 0, null]);
    const civilians = actors.items.find((a) => a.name === 'Civilians (Mali)')!;
    assert.deepEqual([civilians.events, civilians.asActor2, civilians.inter, civilians.firstDate], [1, 1, 7, '2024-03']);
    assert.deepEqual((await store.listActors({ name: 'medine' })).items.map((a) => a.name), ['Jeunes du quartier Médine']);
    const paged = await store.listActors({ limit: 2 });
    assert.equal(paged.items.length, 2);
    const next = await store.listActors({ limit: 2, cursor: paged.nextCursor! });
    assert.equal(next.items.length, 2);
    assert.ok(!next.items.some((a) => paged.items.some((b) => b.name === a.name)));
    assert.equal(paged.total, (await store.listActors({})).total);
    await store.close();
  });

  test('documents page by cursor, newest first; a search pages too', async () => {
    const store = await withFixtures();
    const first = await store.listDocuments({ limit: 2 });
    assert.deepEqual(first.items.map((d) => d.id), ['mopti', 'herat']);
    assert.deepEqual(first.items[0].counts, { mentions: 0, quotes: 0, times: 0, places: 1, events: 2 });
    const second = await store.listDocuments({ limit: 2, cursor: first.nextCursor! });
    assert.deepEqual(second.items.map((d) => d.id), ['segou']);
    assert.equal(second.nextCursor, null);
    await assert.rejects(store.listDocuments({ lang: 'fr', cursor: first.nextCursor! }), QueryError);
    await store.close();
  });

  // ---- incidents (the scenario of test/incidents.test.ts, on both stores)

  test('ten dispatches of two happenings become two incidents with all ten sources; a third happening stays apart', async () => {
    const store = await filed();
    const incidents = await allIncidents(store);
    const within = (i: Incident, docs: readonly Document[]) => i.docIds.every((id) => docs.some((d) => d.id === id));
    for (const i of incidents.filter((x) => x.docIds.length > 1)) assert.ok(within(i, ATTACK) || within(i, MARCH), `${i.eventType}: ${i.docIds.join(', ')}`);
    const attack = holding(incidents, ATTACK[0].id, 'Violence against civilians');
    const march = holding(incidents, MARCH[0].id, 'Protests');
    assert.equal(attack.length, 1);
    assert.equal(march.length, 1);
    assert.deepEqual([...attack[0].docIds].sort(), ATTACK.map((d) => d.id).sort());
    assert.deepEqual([...march[0].docIds].sort(), MARCH.map((d) => d.id).sort());
    assert.equal(attack[0].sources.length + march[0].sources.length, 10);
    assert.deepEqual([attack[0].fatalities?.min, attack[0].fatalities?.max], [11, 14]);
    assert.equal(attack[0].agree, false);
    assert.equal(attack[0].date, '2025-03-03');
    assert.equal(attack[0].place?.name, 'Beni');
    for (const m of attack[0].events.slice(1)) assert.deepEqual(m.reasons.map((r) => r.split(':')[0]), ['kind', 'time', 'place', 'actors']);
    const other = holding(incidents, OTHER_ATTACK.id, 'Violence against civilians');
    assert.equal(other.length, 1);
    assert.notEqual(other[0].id, attack[0].id);
    assert.deepEqual(other[0].docIds, [OTHER_ATTACK.id]);
    const detail = await store.getIncident(attack[0].id);
    assert.deepEqual(detail?.events.map((e) => e.docId), attack[0].events.map((m) => m.docId));
    assert.ok(detail?.events.every((e) => e.acled?.eventType === 'Violence against civilians'));
    assert.equal(await store.getIncident('nothing-here'), null);
    await store.close();
  });

  test('incident ids are stable: the same dispatches in the same order give the same ids; a re-run keeps its incident', async () => {
    const a = await filed();
    const ids = async (s: Store) => (await allIncidents(s)).map((i) => i.id).sort();
    const b2 = await filed();
    assert.deepEqual(await ids(a), await ids(b2));
    await b2.close();
    const before = holding(await allIncidents(a), ATTACK[1].id, 'Violence against civilians')[0].id;
    await a.replaceRecord(ATTACK[1].id, extracted(ATTACK[1]));
    const after = holding(await allIncidents(a), ATTACK[1].id, 'Violence against civilians');
    assert.deepEqual(after.map((i) => i.id), [before]);
    assert.equal(after[0].docIds.length, 5);
    await a.close();
  });

  test('incident queries filter by country, type, date, actor and source, stream, and refuse a bad date', async () => {
    const store = await filed();
    assert.equal((await store.listIncidents({ country: 'cd', eventType: 'violence against civilians' })).total, 2);
    assert.equal((await store.listIncidents({ from: '2025-03-05', to: '2025-03-05', eventType: 'Protests' })).total, 1);
    assert.equal((await store.listIncidents({ to: '2025-03-02' })).total, 0);
    assert.equal((await store.listIncidents({ source: 'sahel times', eventType: 'Protests' })).total, 1);
    assert.equal((await store.listIncidents({ minSources: 5 })).total, 2);
    const page = await store.listIncidents({ limit: 1, offset: 1 });
    assert.equal(page.items.length, 1);
    assert.equal(page.items[0].id, (await store.listIncidents({})).items[1].id);
    await assert.rejects(store.listIncidents({ from: '2025-13' }), /not a date/);
    const streamed: string[] = [];
    for await (const i of store.iterateIncidents({ minSources: 5 })) streamed.push(i.id);
    assert.deepEqual(streamed, (await store.listIncidents({ minSources: 5 })).items.map((i) => i.id));
    // A box around Beni holds the attack (and the other one near it), not the march in Dakar.
    const nearBeni = (await store.listIncidents({ bbox: parseBbox('29,0,30,1') })).items;
    assert.ok(nearBeni.length >= 1 && nearBeni.every((i) => i.country === 'CD'), JSON.stringify(nearBeni.map((i) => i.place)));
    assert.equal((await store.listIncidents({ bbox: parseBbox('-20,10,-15,20'), eventType: 'Protests' })).total, 1);
    // Language and modality are those of its events: an incident told in French, or by an asserted report.
    const french = (await store.listIncidents({ lang: 'fr' })).items;
    assert.ok(french.length >= 1 && french.every((i) => i.docIds.some((id) => id.includes('-fr-'))), french.map((i) => i.docIds.join(',')).join(' | '));
    assert.equal((await store.listIncidents({ modality: 'asserted' })).total, (await store.listIncidents({})).total);
    assert.equal((await store.listIncidents({ modality: 'hypothetical' })).total, 0);
    // Paged by cursor: the pages are the listing.
    const whole = (await store.listIncidents({})).items.map((i) => i.id);
    const walked: string[] = [];
    let part = await store.listIncidents({ limit: 2 });
    for (;;) {
      walked.push(...part.items.map((i) => i.id));
      if (!part.nextCursor) break;
      part = await store.listIncidents({ limit: 2, cursor: part.nextCursor });
    }
    assert.deepEqual(walked, whole);
    await store.close();
  });

  // ---- sources

  test('an updated dispatch (a feed item whose text changed) replaces the stored one and rejoins its incident', async () => {
    const store = await filed();
    const updated = { ...ATTACK[2], text: ATTACK[2].text.replace('Eleven civilians died', 'Thirteen civilians died'), byline: 'A. Reporter' };
    assert.equal((await store.replaceDocument(ATTACK[2].id, updated, extracted(updated))).status, 'updated');
    assert.equal((await store.replaceDocument(ATTACK[2].id, updated, extracted(updated))).status, 'duplicate');
    const doc = await store.getDocument(ATTACK[2].id);
    assert.match(doc?.text ?? '', /Thirteen civilians/);
    assert.equal(doc?.byline, 'A. Reporter');
    const attack = holding(await allIncidents(store), ATTACK[0].id, 'Violence against civilians');
    assert.equal(attack.length, 1);
    assert.equal(attack[0].docIds.length, 5);
    assert.deepEqual([attack[0].fatalities?.min, attack[0].fatalities?.max], [12, 14], 'the new figure replaces the old one');
    assert.equal((await store.getIncident(attack[0].id))?.events.length, 5, 'no member left without its event');
    await store.close();
  });

  test('what vigie watch remembers of a source: validators, items seen with their hashes, files', async () => {
    const store = await fresh();
    const w = store.watchState;
    assert.equal(await w.getSource('https://example.org/feed'), null);
    await w.markSeen('https://example.org/feed', { key: 'guid-1', hash: 'h1', docId: 'd1', status: 'stored' });
    await w.saveSource({ url: 'https://example.org/feed', etag: '"v2"', lastModified: 'Tue, 04 Mar 2025 10:00:00 GMT' });
    assert.deepEqual(await w.getSource('https://example.org/feed'), { url: 'https://example.org/feed', etag: '"v2"', lastModified: 'Tue, 04 Mar 2025 10:00:00 GMT' });
    await w.markSeen('https://example.org/feed', { key: 'guid-1', hash: 'h2', docId: 'd1', status: 'stored' });
    await w.markSeen('https://example.org/feed', { key: 'guid-2', hash: 'h3', docId: null, status: 'failed' });
    const items = await w.seenItems('https://example.org/feed');
    assert.deepEqual([...items.values()].sort((a, b) => a.key.localeCompare(b.key)), [
      { key: 'guid-1', hash: 'h2', docId: 'd1', status: 'stored' }, { key: 'guid-2', hash: 'h3', docId: null, status: 'failed' }]);
    await w.markFile('/data/in', { path: '/data/in/a.txt', mtimeMs: 1741082400123.5, size: 2048 });
    assert.deepEqual([...(await w.seenFiles('/data/in')).values()], [{ path: '/data/in/a.txt', mtimeMs: 1741082400123.5, size: 2048 }]);
    await store.close();
  });
}

describe('store contract: SQLite', () => contract(sqlite));

describe('store contract: PostgreSQL', { skip: pgSkip ?? false }, () => {
  contract(postgres);

  test('two processes migrating one new schema at once: both open it, each migration applied once', async () => {
    const place = postgres.place();
    const [a, b] = await Promise.all([open(place), open(place)]);
    assert.equal(await a.migrate(), PG_MIGRATIONS.length);
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT version FROM "${place.env.VIGIE_PG_SCHEMA}".schema_migrations ORDER BY version`);
    await client.end();
    assert.deepEqual(rows.map((r) => r.version), PG_MIGRATIONS.map((_, i) => i + 1));
    await a.close();
    await b.close();
  });

  test('two stores storing the same documents at once: each stored once, once inserted and once duplicate', async () => {
    const place = postgres.place();
    const [a, b] = await Promise.all([open(place), open(place)]);
    const docs = Array.from({ length: 24 }, (_, i) => ({ id: `race-${i}`, lang: 'en', text: `Dispatch ${i}: the river rose overnight in town number ${i}.` }));
    const put = (s: Store) => Promise.all(docs.map((d) => s.putDocument(d, extract(d, { skip: ['mentions', 'quotes', 'times', 'places', 'events'] }))));
    const [ra, rb] = await Promise.all([put(a), put(b)]);
    for (let i = 0; i < docs.length; i++) {
      assert.deepEqual([ra[i].status, rb[i].status].sort(), ['duplicate', 'inserted'], docs[i].id);
      assert.equal(ra[i].id, docs[i].id);
      assert.equal(rb[i].id, docs[i].id);
    }
    assert.equal((await a.listDocuments()).total, docs.length);
    // Different texts under one id at once: both kept, one under the suffixed id.
    const one = { id: 'same-id', lang: 'en', text: 'A first text under a shared id.' };
    const two = { id: 'same-id', lang: 'en', text: 'A second, different text under the shared id.' };
    const skip = { skip: ['mentions', 'quotes', 'times', 'places', 'events'] as const };
    const both = await Promise.all([a.putDocument(one, extract(one, skip)), b.putDocument(two, extract(two, skip))]);
    assert.deepEqual(both.map((r) => r.status), ['inserted', 'inserted']);
    assert.deepEqual(both.map((r) => r.id.split('~')[0]), ['same-id', 'same-id']);
    assert.notEqual(both[0].id, both[1].id);
    await a.close();
    await b.close();
  });

  test('the dispatches of one happening stored from two connections at once make one incident', async () => {
    for (let round = 0; round < 3; round++) {
      const place = postgres.place();
      const [a, b] = await Promise.all([open(place), open(place)]);
      const records = ATTACK.map((d) => ({ d, r: extracted(d) }));
      await Promise.all(records.map(({ d, r }, i) => (i % 2 ? b : a).putDocument(d, r)));
      const attack = (await allIncidents(a)).filter((i) => i.eventType === 'Violence against civilians');
      assert.equal(attack.length, 1, `round ${round}: ${attack.map((i) => i.docIds.join(',')).join(' | ')}`);
      assert.deepEqual([...attack[0].docIds].sort(), ATTACK.map((d) => d.id).sort());
      await a.close();
      await b.close();
    }
  });

  test('openStore takes postgresql:// too and checks VIGIE_PG_POOL', async () => {
    const place = postgres.place();
    const store = await openStore(PG_URL.replace(/^postgres:/, 'postgresql:'), place.env);
    assert.equal(store.kind, 'postgres');
    await store.close();
    await assert.rejects(openStore(PG_URL, { ...place.env, VIGIE_PG_POOL: 'lots' }), /VIGIE_PG_POOL=lots/);
  });
});

test('an unreachable PostgreSQL is an error naming the URL, never its password', async () => {
  await assert.rejects(openStore('postgres://vigie:s3cret@127.0.0.1:1/none', {}), (e: Error) => /127\.0\.0\.1:1/.test(e.message) && !e.message.includes('s3cret'));
});
