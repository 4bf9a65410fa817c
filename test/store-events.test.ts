// Stored events, what only the SQLite store does: date spans, a file store streaming through a
// connection of its own, and the migration that rebuilt the events rows. Filters, ordering and
// streaming of both stores are in the contract suite (test/store-contract.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dateSpan, openStore, type Store, type StoredEvent } from '../src/store/index.js';
import { SQLITE_MIGRATIONS } from '../src/store/sqlite.js';
import { fixtures } from './event-fixtures.js';

async function storeWithFixtures(url = 'sqlite::memory:'): Promise<Store> {
  const store = await openStore(url);
  for (const f of fixtures()) await store.putDocument(f.doc, f.record);
  return store;
}

const key = (e: StoredEvent) => `${e.docId}-${e.id}`;

function tempDb(): string {
  return `sqlite:${join(mkdtempSync(join(tmpdir(), 'vigie-events-')), 'v.db')}`;
}

test('dates as spans of days: leap years, month ends, nonsense refused', () => {
  assert.deepEqual(dateSpan('2024-02'), { start: '2024-02-01', end: '2024-02-29' });
  assert.deepEqual(dateSpan('2023-02'), { start: '2023-02-01', end: '2023-02-28' });
  assert.deepEqual(dateSpan('2023'), { start: '2023-01-01', end: '2023-12-31' });
  assert.deepEqual(dateSpan('2024-03-05'), { start: '2024-03-05', end: '2024-03-05' });
  assert.equal(dateSpan('2024-04-31'), null);
  assert.equal(dateSpan('2024-00'), null);
  assert.equal(dateSpan('24-03-05'), null);
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

