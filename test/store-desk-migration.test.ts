// A SQLite store made before the desk (schema 4) opened by this version: its quotes learn who said
// them and on what, its events whom they are attributed to, from the stored records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PostgresStore } from '../src/store/postgres.js';
import { PG_MIGRATIONS } from '../src/store/postgres-schema.js';
import { SQLITE_MIGRATIONS, SqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import { speakerFixture } from './fixtures/speaker-dispatch.js';

test('a store of schema 4 is migrated: speakers of its quotes and events filled from the records', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-desk-migration-'));
  const path = join(dir, 'old.db');
  const { doc, record } = speakerFixture();
  // The store as version 4 left it: the document, its quotes and its event as rows of that schema.
  const old = new Database(path);
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  SQLITE_MIGRATIONS.slice(0, 4).forEach((sql, i) => {
    old.exec(sql);
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(i + 1, '2024-01-01T00:00:00Z');
  });
  old.prepare(`INSERT INTO documents (id, hash, lang, published, source, url, title, text, record, ingested_at)
               VALUES (?, 'h', 'fr', ?, ?, NULL, ?, ?, ?, '2024-04-05T00:00:00Z')`)
    .run(doc.id, record.published, record.source, doc.title, doc.text, JSON.stringify(record));
  const q = old.prepare('INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const x of record.quotes) q.run(doc.id, x.id, x.kind, x.start, x.end, x.content.start, x.content.end, x.speaker?.mention ?? null, x.speaker?.text ?? null, x.cue?.lemma ?? null, null, null);
  const e = record.events[0];
  old.prepare(`INSERT INTO events (doc_id, id, trigger_start, trigger_end, trigger_text, plover_type, modality, date, date_start, date_end, lang, source, published, attributed_to)
               VALUES (?, ?, ?, ?, ?, 'ASSAULT', 'asserted', ?, ?, ?, 'fr', ?, ?, ?)`)
    .run(doc.id, e.id, e.trigger.start, e.trigger.end, e.trigger.text, e.date, e.date, e.date, record.source, record.published, JSON.stringify(e.attributedTo));
  old.close();

  const store = new SqliteStore(path);
  assert.equal(await store.migrate(), SQLITE_MIGRATIONS.length);
  await assertSpeakersFilled(store);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function assertSpeakersFilled(store: Store): Promise<void> {
  const speakers = await store.listSpeakers({});
  assert.deepEqual(speakers.items.map((s) => [s.name, s.quotes]), [['Awa Diarra', 2], ['Un témoin', 1]]);
  assert.deepEqual((await store.listQuotes({ name: 'Awa Diarra' })).items.map((x) => x.text), ['Des tirs ont visé mardi un camp près de Tombouctou', "Personne n'a été blessé"]);
  assert.deepEqual((await store.listEvents({ speaker: 'diarra' })).items.map((x) => x.id), ['e1']);
}

const PG_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

test('a PostgreSQL store of schema 3 is migrated the same way', async (t) => {
  const schema = `vigie_test_desk_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (e) {
    t.skip(`PostgreSQL not reachable (${(e as Error).message}); set PG_TEST_URL`);
    return;
  }
  const { doc, record } = speakerFixture();
  try {
    await client.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema}, public`);
    await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const [i, m] of PG_MIGRATIONS.slice(0, 3).entries()) {
      // Each in a transaction, as the store runs them.
      await client.query('BEGIN');
      if (typeof m === 'string') await client.query(m);
      else await m(client as unknown as pg.PoolClient, { prefix: `"${schema}".` });
      await client.query('INSERT INTO schema_migrations VALUES ($1, $2)', [i + 1, '2024-01-01T00:00:00Z']);
      await client.query('COMMIT');
    }
    await client.query(`INSERT INTO documents (id, hash, lang, published, source, title, text, record, ingested_at, fts_config, fts)
                        VALUES ($1, 'h', 'fr', $2, $3, $4, $5, $6, '2024-04-05T00:00:00Z', 'vigie_simple', ''::tsvector)`,
      [doc.id, record.published, record.source, doc.title, doc.text, JSON.stringify(record)]);
    for (const x of record.quotes) {
      await client.query('INSERT INTO quotes VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, NULL)',
        [doc.id, x.id, x.kind, x.start, x.end, x.content.start, x.content.end, x.speaker?.mention ?? null, x.speaker?.text ?? null, x.cue?.lemma ?? null]);
    }
    const e = record.events[0];
    await client.query(`INSERT INTO events (doc_id, id, trigger_start, trigger_end, trigger_text, plover_type, modality, date, date_start, date_end, lang, source, published, attributed_to)
                        VALUES ($1, $2, $3, $4, $5, 'ASSAULT', 'asserted', $6, $6, $6, 'fr', $7, $8, $9)`,
      [doc.id, e.id, e.trigger.start, e.trigger.end, e.trigger.text, e.date, record.source, record.published, JSON.stringify(e.attributedTo)]);
    const store = new PostgresStore({ url: PG_URL, schema });
    try {
      assert.equal(await store.migrate(), PG_MIGRATIONS.length);
      await assertSpeakersFilled(store);
    } finally {
      await store.close();
    }
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
});
