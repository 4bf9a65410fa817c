// Stored events: what the events rows keep, each filter of listEvents, date ranges over events
// dated to a day, a month or a year, streaming, and rows kept in step with their document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dateSpan, openStore, QueryError, type EventQuery, type Store, type StoredEvent } from '../src/store/index.js';
import { SQLITE_MIGRATIONS } from '../src/store/sqlite.js';
import { ALL_EVENT_KEYS, fixtures, makeEvent } from './event-fixtures.js';

async function storeWithFixtures(url = 'sqlite::memory:'): Promise<Store> {
  const store = await openStore(url);
  for (const f of fixtures()) await store.putDocument(f.doc, f.record);
  return store;
}

const key = (e: StoredEvent) => `${e.docId}-${e.id}`;

async function keys(store: Store, q: EventQuery): Promise<string[]> {
  return (await store.listEvents(q)).items.map(key).sort();
}

function tempDb(): string {
  return `sqlite:${join(mkdtempSync(join(tmpdir(), 'vigie-events-')), 'v.db')}`;
}

test('an event comes back as extracted, with its place and its document', async () => {
  const store = await storeWithFixtures();
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
  await store.close();
});

test('an event without a place has no location', async () => {
  const store = await storeWithFixtures();
  const { items } = await store.listEvents({ docId: 'segou', subEventType: 'Agreement' });
  assert.equal(items.length, 1);
  assert.equal(items[0].location, null);
  await store.close();
});

test('no filter lists every event, newest first, undated-by-day after the days of their month', async () => {
  const store = await storeWithFixtures();
  const all = await store.listEvents({});
  assert.equal(all.total, 6);
  assert.deepEqual(all.items.map(key), ['mopti-e2', 'herat-e2', 'herat-e1', 'mopti-e1', 'segou-e1', 'segou-e2']);
  await store.close();
});

test('each filter narrows to the events it names', async () => {
  const store = await storeWithFixtures();
  const cases: [EventQuery, string[]][] = [
    [{ eventType: 'Battles' }, ['herat-e1']],
    [{ eventType: 'battles' }, ['herat-e1']], // case is ignored
    [{ subEventType: 'Attack' }, ['mopti-e1']],
    [{ ploverType: 'PROTEST' }, ['herat-e2']],
    [{ ploverType: 'ASSAULT' }, ['herat-e1', 'mopti-e1', 'mopti-e2']],
    [{ country: 'AF' }, ['herat-e1', 'herat-e2']],
    [{ country: 'ml' }, ['mopti-e1', 'mopti-e2', 'segou-e1']],
    [{ admin1: 'Ségou' }, ['segou-e1']],
    [{ country: 'AF', admin1: 'Kabul' }, ['herat-e2']],
    [{ actor: 'talib' }, ['herat-e1']],
    [{ actor: 'CIVILIANS' }, ['mopti-e1']], // actor2, any case
    [{ actor: 'medine' }, ['segou-e1']], // an associated actor, without its accent
    [{ actor: 'mali' }, ['mopti-e1', 'mopti-e2', 'segou-e1']],
    [{ modality: 'denied' }, ['mopti-e2']],
    [{ modality: 'asserted' }, ['herat-e1', 'mopti-e1', 'segou-e1', 'segou-e2']],
    [{ lang: 'en' }, ['mopti-e1', 'mopti-e2']],
    [{ source: 'Courier' }, ['mopti-e1', 'mopti-e2']],
    [{ source: 'Radio "Kledu", Bamako' }, ['segou-e1', 'segou-e2']],
    [{ docId: 'segou' }, ['segou-e1', 'segou-e2']],
    [{ country: 'AF', modality: 'planned' }, ['herat-e2']],
    [{ country: 'FR' }, []],
    [{ actor: 'nobody at all' }, []],
  ];
  for (const [q, expected] of cases) {
    assert.deepEqual(await keys(store, q), expected, JSON.stringify(q));
    assert.equal((await store.listEvents(q)).total, expected.length, JSON.stringify(q));
  }
  await store.close();
});

test('a date range holds the events whose day, month or year overlaps it', async () => {
  const store = await storeWithFixtures();
  const cases: [EventQuery, string[]][] = [
    [{ from: '2024-03-12', to: '2024-03-31' }, ['herat-e2', 'mopti-e1', 'mopti-e2']],
    // Only the month-dated attack can have happened between the 25th of March and April.
    [{ from: '2024-03-25', to: '2024-04-10' }, ['mopti-e1']],
    [{ from: '2024-03-11', to: '2024-03-11' }, ['herat-e1', 'mopti-e1']],
    [{ from: '2024-04' }, []],
    [{ from: '2024-03' }, ['herat-e1', 'herat-e2', 'mopti-e1', 'mopti-e2']],
    [{ to: '2023' }, ['segou-e1', 'segou-e2']],
    // A year-dated event overlaps any month of its year; a day-dated one only its own.
    [{ from: '2023-06', to: '2023-06' }, ['segou-e2']],
    [{ from: '2023-12-02', to: '2023-12-02' }, ['segou-e1', 'segou-e2']],
    [{ from: '2024', to: '2024' }, ['herat-e1', 'herat-e2', 'mopti-e1', 'mopti-e2']],
  ];
  for (const [q, expected] of cases) assert.deepEqual(await keys(store, q), expected, JSON.stringify(q));
  await store.close();
});

test('a bad date or a backwards range is a QueryError naming the problem', async () => {
  const store = await storeWithFixtures();
  await assert.rejects(store.listEvents({ from: '2024-13' }), (e: Error) => e instanceof QueryError && /from=2024-13: not a date/.test(e.message));
  await assert.rejects(store.listEvents({ to: '2023-02-29' }), QueryError);
  await assert.rejects(store.listEvents({ from: 'yesterday' }), QueryError);
  await assert.rejects(store.listEvents({ from: '2024-05', to: '2024-04' }), /after/);
  assert.throws(() => store.iterateEvents({ to: '12/03/2024' }), QueryError);
  await store.close();
});

test('dates as spans of days: leap years, month ends, nonsense refused', () => {
  assert.deepEqual(dateSpan('2024-02'), { start: '2024-02-01', end: '2024-02-29' });
  assert.deepEqual(dateSpan('2023-02'), { start: '2023-02-01', end: '2023-02-28' });
  assert.deepEqual(dateSpan('2023'), { start: '2023-01-01', end: '2023-12-31' });
  assert.deepEqual(dateSpan('2024-03-05'), { start: '2024-03-05', end: '2024-03-05' });
  assert.equal(dateSpan('2024-04-31'), null);
  assert.equal(dateSpan('2024-00'), null);
  assert.equal(dateSpan('24-03-05'), null);
});

test('limit and offset page through the ordered events; total counts them all', async () => {
  const store = await storeWithFixtures();
  const page = await store.listEvents({ limit: 2, offset: 1 });
  assert.equal(page.total, 6);
  assert.deepEqual(page.items.map(key), ['herat-e2', 'herat-e1']);
  assert.equal((await store.listEvents({ limit: 5000 })).items.length, 6);
  await store.close();
});

test('the same document put twice is stored once, its events too', async () => {
  const store = await storeWithFixtures();
  const [f] = fixtures();
  assert.equal((await store.putDocument(f.doc, f.record)).status, 'duplicate');
  assert.deepEqual(await keys(store, { docId: 'herat' }), ['herat-e1', 'herat-e2']);
  assert.equal((await store.listEvents({})).total, 6);
  await store.close();
});

test('replacing a record (--update) replaces its event rows', async () => {
  const store = await storeWithFixtures();
  const [f] = fixtures();
  const newer = { ...f.record, events: [makeEvent(f.doc.text, 'morts', { id: 'e9', acled: { eventType: 'Battles', subEventType: 'Armed clash' }, place: 'p1', date: '2024-03-10', timePrecision: 1 })] };
  await store.replaceRecord('herat', newer);
  assert.deepEqual(await keys(store, { docId: 'herat' }), ['herat-e9']);
  const [e9] = (await store.listEvents({ docId: 'herat' })).items;
  assert.equal(e9.location?.name, 'Herat');
  assert.equal(e9.document.source, 'Wire');
  assert.deepEqual(await keys(store, { ploverType: 'PROTEST' }), []);
  assert.equal((await store.listEvents({})).total, 5);
  assert.equal((await store.getDocument('herat'))?.record.events[0].id, 'e9');
  await store.close();
});

test('iterateEvents streams every matching event, in listing order', async () => {
  const store = await storeWithFixtures();
  const seen: string[] = [];
  for await (const e of store.iterateEvents({ country: 'ML' })) seen.push(key(e));
  assert.deepEqual(seen, (await store.listEvents({ country: 'ML' })).items.map(key));
  assert.equal(seen.length, 3);
  const limited: string[] = [];
  for await (const e of store.iterateEvents({ limit: 2, offset: 1 })) limited.push(key(e));
  assert.deepEqual(limited, ['herat-e2', 'herat-e1']);
  await store.close();
});

test('a file store streams through its own connection: writes go on during an export', async () => {
  const store = await storeWithFixtures(tempDb());
  const it = store.iterateEvents({})[Symbol.asyncIterator]();
  assert.equal((await it.next()).done, false);
  // With the store's one connection busy iterating, better-sqlite3 would refuse this write.
  const extra = { id: 'extra', text: 'Another dispatch, written while an export runs.' };
  const r = await store.putDocument(extra, { id: 'extra', lang: 'en', published: null, source: null, sentences: [], mentions: [], quotes: [], times: [], places: [], events: [] });
  assert.equal(r.status, 'inserted');
  let rest = 0;
  for (let n = await it.next(); !n.done; n = await it.next()) rest++;
  assert.equal(rest, 5);
  await store.close();
});

test('stopping a stream early releases it', async () => {
  const store = await storeWithFixtures();
  for await (const e of store.iterateEvents({})) {
    assert.ok(e.id);
    break;
  }
  // The in-memory store streams on its only connection: a write now proves the stream was closed.
  const [f] = fixtures();
  await store.replaceRecord('herat', { ...f.record, events: [] });
  assert.equal((await store.listEvents({})).total, 4);
  await store.close();
});

test('opening a store of schema 1 rebuilds its events rows from the stored records', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-events-v1-')), 'v.db');
  const db = new Database(path);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  db.exec(SQLITE_MIGRATIONS[0]);
  db.prepare('INSERT INTO schema_migrations VALUES (1, ?)').run(new Date().toISOString());
  const f = fixtures()[1];
  db.prepare(`INSERT INTO documents (id, hash, lang, published, source, url, title, text, record, ingested_at)
              VALUES ('mopti', 'h', 'en', '2024-04-02', 'Courier', NULL, NULL, ?, ?, '2024-04-02T00:00:00Z')`)
    .run(f.doc.text, JSON.stringify(f.record));
  db.close();
  const store = await openStore(`sqlite:${path}`);
  assert.equal(await store.migrate(), SQLITE_MIGRATIONS.length);
  const { items } = await store.listEvents({ country: 'ML' });
  assert.deepEqual(items.map(key).sort(), ['mopti-e1', 'mopti-e2']);
  assert.equal(items[0].document.source, 'Courier');
  await store.close();
});

test('every listed key is a fixture event (the fixtures are what the tests think)', async () => {
  const store = await storeWithFixtures();
  assert.deepEqual(await keys(store, {}), ALL_EVENT_KEYS);
  await store.close();
});
