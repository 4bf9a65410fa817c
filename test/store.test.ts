// The SQLite store: migrations, idempotence by content, full-text search, annotations kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, contentHash } from '../src/store/index.js';
import { ftsQuery, SQLITE_MIGRATIONS } from '../src/store/sqlite.js';
import { extract } from '../src/pipeline/index.js';
import type { Document, ExtractRecord } from '../src/types.js';

const doc: Document = { id: 'kiev-1', text: 'Le convoi humanitaire est arrivé à Kharkiv mardi soir, selon les autorités.', published: '2024-02-06', source: 'Wire', title: 'Convoi arrivé' };

// A record with known annotations only: the real stages are skipped so the counts are ours.
function recordWithAnnotations(d: Document): ExtractRecord {
  const r = extract(d, { skip: ['mentions', 'quotes', 'times', 'places', 'events'] });
  r.mentions.push({ id: 'm1', start: 35, end: 42, text: 'Kharkiv', type: 'LOC', canonical: 'Kharkiv', role: null });
  r.times.push({ id: 't1', start: 43, end: 54, text: 'mardi soir', type: 'TIME', value: '2024-02-06TEV', precision: 'partofday', anchor: '2024-02-06' });
  return r;
}

test('migrations run once and report the schema version', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-db-')), 'v.db');
  const store = await openStore(`sqlite:${path}`);
  assert.equal(await store.migrate(), SQLITE_MIGRATIONS.length);
  await store.close();
  const again = await openStore(`sqlite:${path}`);
  assert.equal(await again.migrate(), SQLITE_MIGRATIONS.length);
  await again.close();
});

test('the same dispatch twice is stored once, even with other line endings and spacing', async () => {
  const store = await openStore('sqlite::memory:');
  assert.deepEqual(await store.putDocument(doc, extract(doc)), { status: 'inserted', id: 'kiev-1' });
  const twin = { ...doc, id: 'copy', text: '\r\n' + doc.text + '  \r\n' };
  assert.deepEqual(await store.putDocument(twin, extract(twin)), { status: 'duplicate', id: 'kiev-1' });
  assert.equal((await store.listDocuments()).total, 1);
  assert.equal(await store.findByHash(contentHash(doc.text)), 'kiev-1');
  await store.close();
});

test('another text under an id already taken is kept under a suffixed id', async () => {
  const store = await openStore('sqlite::memory:');
  await store.putDocument(doc, extract(doc));
  const other = { ...doc, text: 'Un autre texte entièrement différent.' };
  const r = await store.putDocument(other, extract(other));
  assert.equal(r.status, 'inserted');
  assert.match(r.id, /^kiev-1~[0-9a-f]{8}$/);
  await store.close();
});

test('a stored document comes back with its record and annotation counts', async () => {
  const store = await openStore('sqlite::memory:');
  await store.putDocument(doc, recordWithAnnotations(doc));
  const got = await store.getDocument('kiev-1');
  assert.ok(got);
  assert.equal(got.text, doc.text);
  assert.equal(got.title, 'Convoi arrivé');
  assert.equal(got.record.times[0].value, '2024-02-06TEV');
  assert.deepEqual(got.counts, { mentions: 1, quotes: 0, times: 1, places: 0, events: 0 });
  assert.equal(await store.getDocument('nope'), null);
  await store.close();
});

test('full-text search finds words without their accents, and says where', async () => {
  const store = await openStore('sqlite::memory:');
  await store.putDocument(doc, extract(doc));
  const d2 = { id: 'en-1', text: 'Talks in Geneva ended without agreement on Friday.', lang: 'en' };
  await store.putDocument(d2, extract(d2));
  const hits = await store.listDocuments({ q: 'autorites' });
  assert.deepEqual(hits.items.map((i) => i.id), ['kiev-1']);
  assert.match(hits.items[0].snippet ?? '', /\[autorités\]/);
  assert.equal((await store.listDocuments({ q: 'Geneva agreement' })).total, 1);
  assert.equal((await store.listDocuments({ q: 'Geneva Kharkiv' })).total, 0);
  assert.equal((await store.listDocuments({ lang: 'en' })).items[0].id, 'en-1');
  await store.close();
});

test('search words are quoted so punctuation is not FTS syntax', () => {
  assert.equal(ftsQuery("l'AFP 11-Septembre"), '"l\'AFP" "11-Septembre"');
  assert.equal(ftsQuery('=a OR b'), 'a OR b');
});

test('a PostgreSQL URL is refused with a clear message in this version', async () => {
  await assert.rejects(openStore('postgres://127.0.0.1/test'), /PostgreSQL store is not available/);
});

test('a stored record can be replaced by a newer run, annotation rows included', async () => {
  const store = await openStore('sqlite::memory:');
  await store.putDocument(doc, extract(doc));
  await store.replaceRecord('kiev-1', recordWithAnnotations(doc));
  const got = await store.getDocument('kiev-1');
  assert.equal(got?.counts.times, 1);
  await assert.rejects(store.replaceRecord('missing', extract(doc)), /no document with id missing/);
  await store.close();
});
