// The schema of the PostgreSQL store: numbered migrations, each run in its own transaction under an
// advisory lock, so two processes starting at once never apply one twice. The tables are those of
// the SQLite store (the same columns, so the same rows come back); what differs is said here:
// case-insensitive filters compare lower() with expression indexes (SQLite's NOCASE), ids and dates
// sort byte-wise (COLLATE "C", as SQLite does), extraction order is a `seq` column (SQLite's rowid),
// and full-text search is a tsvector per document in the configuration of its language.
import type pg from 'pg';
import type { ExtractRecord } from '../types.js';
import { PG_SOURCES_TABLES } from './postgres-sources.js';
import { eventRow } from './rows.js';
import { quoteRows, speakersOf } from './speakers.js';

/** A migration: SQL, or work that needs to ask the server first (what extensions it has). */
export type PgMigration = string | ((c: pg.PoolClient, names: SchemaNames) => Promise<void>);

/** Where the store's objects live: its schema (quoted, with a dot) or '' for the search_path's. */
export interface SchemaNames {
  /** `"vigie_x".` or '' */
  prefix: string;
}

/** The text search configuration of each language the pipeline reads; any other uses `simple`. */
export const FTS_CONFIGS = [
  { name: 'vigie_fr', copy: 'french', stem: 'french_stem', langs: ['fr'] },
  { name: 'vigie_en', copy: 'english', stem: 'english_stem', langs: ['en'] },
  { name: 'vigie_simple', copy: 'simple', stem: 'simple', langs: [] as string[] },
] as const;

/** The configuration of a document of this language. */
export function ftsConfigOf(lang: string | null): (typeof FTS_CONFIGS)[number]['name'] {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0];
  return FTS_CONFIGS.find((c) => (c.langs as readonly string[]).includes(base))?.name ?? 'vigie_simple';
}

/** Lock keys (two int4 of pg_advisory_xact_lock): one class per purpose, the object is the schema. */
export const LOCK_MIGRATE = 0x56494701;
export const LOCK_INCIDENTS = 0x56494702;
/** CREATE EXTENSION is per database, whatever the schema: one lock for every store in it. */
const LOCK_EXTENSION = 0x56494703;

/**
 * Migration 1: text search configurations for French, English and other languages, with unaccent
 * before the stemmer when the extension can be had (CREATE EXTENSION may need a superuser; without
 * it search still works, but a word without its accents no longer finds the accented one).
 */
async function textSearchConfigs(c: pg.PoolClient, names: SchemaNames): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_EXTENSION]);
  await c.query('SAVEPOINT vigie_unaccent');
  try {
    await c.query('CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public');
    await c.query('RELEASE SAVEPOINT vigie_unaccent');
  } catch {
    await c.query('ROLLBACK TO SAVEPOINT vigie_unaccent');
  }
  // Wherever it was installed (by us or by an administrator before).
  const found = await c.query<{ nspname: string }>(
    `SELECT n.nspname FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE x.extname = 'unaccent'`);
  const unaccent = found.rows[0] ? `${quoteIdent(found.rows[0].nspname)}.unaccent` : null;
  for (const cfg of FTS_CONFIGS) {
    await c.query(`CREATE TEXT SEARCH CONFIGURATION ${names.prefix}${cfg.name} (COPY = pg_catalog.${cfg.copy})`);
    if (unaccent) {
      await c.query(`ALTER TEXT SEARCH CONFIGURATION ${names.prefix}${cfg.name}
        ALTER MAPPING FOR hword, hword_part, word WITH ${unaccent}, pg_catalog.${cfg.stem}`);
    }
  }
}

const TABLES = `
  CREATE TABLE documents (
    seq BIGSERIAL NOT NULL UNIQUE,
    id TEXT COLLATE "C" PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    lang TEXT NOT NULL,
    published TEXT COLLATE "C",
    source TEXT,
    url TEXT,
    title TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    fts_config TEXT NOT NULL,
    fts TSVECTOR NOT NULL);
  CREATE INDEX documents_published ON documents(published DESC NULLS LAST, id);
  CREATE INDEX documents_lang ON documents(lang);
  CREATE INDEX documents_source ON documents(source);
  CREATE INDEX documents_fts ON documents USING GIN (fts);
  CREATE TABLE mentions (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
    canonical TEXT, role TEXT, PRIMARY KEY (doc_id, id));
  CREATE TABLE quotes (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
    kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
    speaker_mention TEXT, speaker_text TEXT, cue_lemma TEXT, channel TEXT, addressee TEXT,
    PRIMARY KEY (doc_id, id));
  CREATE TABLE times (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
    value TEXT NOT NULL, precision TEXT, PRIMARY KEY (doc_id, id));
  CREATE TABLE places (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, geoname_id INTEGER,
    name TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION, country TEXT, admin1 TEXT, admin2 TEXT, feature_code TEXT,
    geo_precision INTEGER, metonym INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (doc_id, id));
  CREATE INDEX places_country ON places(country);
  CREATE TABLE events (
    seq BIGSERIAL NOT NULL,
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT COLLATE "C" NOT NULL,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
    event_type TEXT, sub_event_type TEXT, plover_type TEXT NOT NULL, plover_mode TEXT,
    actor1 TEXT, actor1_inter INTEGER, actor1_json TEXT,
    actor2 TEXT, actor2_inter INTEGER, actor2_json TEXT,
    assoc_actor1 TEXT NOT NULL DEFAULT '[]', assoc_actor2 TEXT NOT NULL DEFAULT '[]',
    actor_search TEXT NOT NULL DEFAULT '',
    place_id TEXT, geo_precision INTEGER, place_name TEXT, place_country TEXT,
    place_admin1 TEXT, place_admin2 TEXT, place_lat DOUBLE PRECISION, place_lon DOUBLE PRECISION,
    date TEXT COLLATE "C", date_start TEXT COLLATE "C", date_end TEXT COLLATE "C", time_precision INTEGER, time_id TEXT,
    fatalities INTEGER, fatalities_claimed_by TEXT, tags TEXT NOT NULL DEFAULT '[]',
    modality TEXT NOT NULL, attributed_to TEXT NOT NULL DEFAULT '[]', confidence DOUBLE PRECISION,
    evidence TEXT NOT NULL DEFAULT '[]', why TEXT NOT NULL DEFAULT '[]',
    lang TEXT, source TEXT, published TEXT,
    PRIMARY KEY (doc_id, id));
  CREATE INDEX events_date ON events(date DESC NULLS LAST, doc_id, seq);
  CREATE INDEX events_date_start ON events(date_start);
  CREATE INDEX events_date_end ON events(date_end);
  CREATE INDEX events_type ON events(lower(event_type), lower(sub_event_type));
  CREATE INDEX events_sub_type ON events(lower(sub_event_type));
  CREATE INDEX events_plover ON events(lower(plover_type));
  CREATE INDEX events_place ON events(place_country, lower(place_admin1));
  CREATE INDEX events_admin1 ON events(lower(place_admin1));
  CREATE INDEX events_modality ON events(lower(modality));
  CREATE INDEX events_lang ON events(lower(lang));
  CREATE INDEX events_source ON events(lower(source));
  CREATE TABLE incidents (
    id TEXT COLLATE "C" PRIMARY KEY,
    cell TEXT NOT NULL,
    event_type TEXT, sub_event_type TEXT, plover_type TEXT NOT NULL,
    date TEXT COLLATE "C", date_start TEXT COLLATE "C", date_end TEXT COLLATE "C",
    lat DOUBLE PRECISION, lon DOUBLE PRECISION, geo_precision INTEGER, place_name TEXT,
    country TEXT, admin1 TEXT,
    actor_search TEXT NOT NULL DEFAULT '', source_search TEXT NOT NULL DEFAULT '',
    fatalities_min INTEGER, fatalities_max INTEGER,
    n_events INTEGER NOT NULL, n_documents INTEGER NOT NULL, n_sources INTEGER NOT NULL, agree INTEGER NOT NULL,
    summary TEXT NOT NULL, core TEXT NOT NULL DEFAULT '{}');
  CREATE INDEX incidents_cell_date ON incidents(cell, date_start);
  CREATE INDEX incidents_admin_date ON incidents(country, admin1, date_start);
  CREATE INDEX incidents_lower_place ON incidents(lower(country), lower(admin1));
  CREATE INDEX incidents_type ON incidents(lower(event_type));
  CREATE INDEX incidents_date ON incidents(date DESC NULLS LAST, id);
  CREATE INDEX incidents_span ON incidents(date_start, date_end);
  CREATE SEQUENCE incident_seq;
  CREATE TABLE incident_events (
    incident_id TEXT COLLATE "C" NOT NULL REFERENCES incidents(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    doc_id TEXT COLLATE "C" NOT NULL, event_id TEXT COLLATE "C" NOT NULL, seq BIGINT NOT NULL,
    stance TEXT NOT NULL, reasons TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (doc_id, event_id));
  CREATE INDEX incident_events_incident ON incident_events(incident_id, seq);`;

/**
 * Migration 4, for the desk (SQLite's migration 5): events name their speakers, quotes keep who
 * said them and on what, and each filter of the events listing has an index that also gives the
 * listing's order (filter, then date), so a page is read in order and stops at its limit; the
 * folded actor names are INCLUDEd, so an actor filter is checked in the index.
 */
const DESK_TABLES = `
  ALTER TABLE events ADD COLUMN speaker_search TEXT NOT NULL DEFAULT '';
  ALTER TABLE quotes ADD COLUMN speaker_name TEXT, ADD COLUMN speaker_key TEXT COLLATE "C", ADD COLUMN speaker_type TEXT,
    ADD COLUMN content_text TEXT NOT NULL DEFAULT '', ADD COLUMN topics TEXT NOT NULL DEFAULT '',
    ADD COLUMN lang TEXT, ADD COLUMN source TEXT, ADD COLUMN published TEXT COLLATE "C";
  CREATE INDEX quotes_speaker ON quotes(speaker_key);
  CREATE INDEX quotes_published ON quotes(published DESC NULLS LAST, doc_id, start, id);
  DROP INDEX events_date_start, events_date_end, events_type, events_sub_type, events_plover, events_place, events_admin1,
    events_modality, events_lang, events_source;
  DROP INDEX events_date;
  CREATE INDEX events_date ON events(date DESC NULLS LAST, doc_id, seq) INCLUDE (actor_search, speaker_search, place_lat, place_lon);
  CREATE INDEX events_type_date ON events(lower(event_type), date DESC NULLS LAST, doc_id, seq) INCLUDE (actor_search);
  CREATE INDEX events_sub_type_date ON events(lower(sub_event_type), date DESC NULLS LAST, doc_id, seq) INCLUDE (actor_search);
  CREATE INDEX events_plover_date ON events(lower(plover_type), date DESC NULLS LAST, doc_id, seq) INCLUDE (actor_search);
  CREATE INDEX events_country_date ON events(place_country, date DESC NULLS LAST, doc_id, seq) INCLUDE (actor_search);
  CREATE INDEX events_country_admin1_date ON events(place_country, lower(place_admin1), date DESC NULLS LAST, doc_id, seq);
  CREATE INDEX events_admin1_date ON events(lower(place_admin1), date DESC NULLS LAST, doc_id, seq);
  CREATE INDEX events_modality_date ON events(lower(modality), date DESC NULLS LAST, doc_id, seq);
  CREATE INDEX events_lang_date ON events(lower(lang), date DESC NULLS LAST, doc_id, seq);
  CREATE INDEX events_source_date ON events(lower(source), date DESC NULLS LAST, doc_id, seq);
  CREATE INDEX events_lat_lon ON events(place_lat, place_lon, date);
  DROP INDEX incidents_type;
  CREATE INDEX incidents_type_span ON incidents(lower(event_type), date_end, date_start, date, id);
  CREATE INDEX incidents_sub_type_span ON incidents(lower(sub_event_type), date_end, date_start, date, id);
  CREATE INDEX incidents_plover_span ON incidents(lower(plover_type), date_end, date_start, date, id);
  CREATE INDEX incidents_end_span ON incidents(date_end, date_start, date, id);`;

/** Migration 4: the new columns and indexes, then the speakers of stored quotes and events from the records. */
async function deskTables(c: pg.PoolClient): Promise<void> {
  await c.query(DESK_TABLES);
  const ids = await c.query<{ id: string }>(`SELECT id FROM documents WHERE record LIKE '%"speaker"%'`);
  const cols = ['speaker_name', 'speaker_key', 'speaker_type', 'content_text', 'topics', 'lang', 'source', 'published'] as const;
  for (const { id } of ids.rows) {
    const doc = (await c.query<{ record: string; text: string; lang: string; source: string | null; published: string | null }>(
      'SELECT record, text, lang, source, published FROM documents WHERE id = $1', [id])).rows[0];
    const record = JSON.parse(doc.record) as ExtractRecord;
    for (const q of quoteRows(id, record, doc.text, doc)) {
      await c.query(`UPDATE quotes SET ${cols.map((k, i) => `${k} = $${i + 3}`).join(', ')} WHERE doc_id = $1 AND id = $2`,
        [id, q.id, ...cols.map((k) => q[k])]);
    }
    const speakers = speakersOf(record);
    for (const e of record.events) {
      await c.query('UPDATE events SET speaker_search = $3 WHERE doc_id = $1 AND id = $2', [id, e.id, eventRow(id, e, undefined, doc, speakers).speaker_search]);
    }
  }
  await c.query('ANALYZE events; ANALYZE quotes; ANALYZE incidents');
}

/** Schema history: append, never edit a migration that has shipped. */
export const PG_MIGRATIONS: readonly PgMigration[] = [textSearchConfigs, TABLES, PG_SOURCES_TABLES, deskTables];

/** An identifier quoted for SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A 32-bit key from a name (FNV-1a), as a signed int4: the lock object of a schema. */
export function lockKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Whether the French configuration folds accents (unaccent was available at migration 1). */
export async function foldsAccents(c: pg.Pool | pg.PoolClient, names: SchemaNames): Promise<boolean> {
  const r = await c.query<{ folds: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_ts_config_map m JOIN pg_ts_dict d ON d.oid = m.mapdict
       WHERE m.mapcfg = $1::regconfig AND d.dictname = 'unaccent') AS folds`, [`${names.prefix}vigie_fr`]);
  return r.rows[0]?.folds ?? false;
}
