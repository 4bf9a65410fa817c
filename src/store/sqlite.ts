// SQLite store (better-sqlite3): documents with their full extraction record, one table per
// annotation kind for querying, FTS5 over titles and texts, numbered migrations.
import { DOCUMENT_LIMIT, documentSummary, type DocumentRow } from './rows.js';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Document, ExtractRecord } from '../types.js';
import {
  contentHash, QueryError, type ActorSummary, type EntityQuery, type EventQuery, type Incident, type IncidentQuery, type ListQuery, type Page,
  type PlaceSummary, type PutResult, type SpeakerQuery, type SpeakerSummary, type Store, type StoredDocument, type StoredDocumentSummary,
  type StoredEvent, type StoredQuote,
} from './store.js';
import { SOURCES_TABLES, SqliteWatchState } from './sqlite-sources.js';
import {
  assignIncidents, fillIncidents, getIncidentRow, INCIDENTS_TABLES, listIncidentRows, prepareIncidentStream, streamIncidentRows,
  unassignIncidents,
} from './sqlite-incidents.js';
import {
  DESK_TABLES, EVENTS_TABLE_V2, fillSpeakers, getEventRow, insertEventRows, listEventRows, prepareEventStream, refillEventRows, sqliteWhere,
  SqliteParams, streamEventRows, type EventDocumentFields, type EventStreamStatement,
} from './sqlite-events.js';
import {
  actorsPage, actorsSql, placesPage, placesSql, QUOTES_KEY, QUOTES_ORDER, quoteFilters, quotesDigest, speakerDetailsSql, speakerGroupsPage,
  speakersOfPage, speakersSql, storedQuoteOf, type QuoteReadRow,
} from './entities.js';
import { afterKey, filtersDigest, pageOf, pagePosition, type Filter } from './query.js';
import { QUOTE_COLUMNS, quoteRows } from './speakers.js';

/** Schema history: append, never edit a migration that has shipped. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     hash TEXT NOT NULL UNIQUE,
     lang TEXT NOT NULL,
     published TEXT,
     source TEXT,
     url TEXT,
     title TEXT,
     text TEXT NOT NULL,
     record TEXT NOT NULL,
     ingested_at TEXT NOT NULL
   );
   CREATE INDEX documents_published ON documents(published);
   CREATE TABLE mentions (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
     start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
     canonical TEXT, role TEXT, PRIMARY KEY (doc_id, id));
   CREATE TABLE quotes (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
     kind TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
     content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
     speaker_mention TEXT, speaker_text TEXT, cue_lemma TEXT, channel TEXT, addressee TEXT,
     PRIMARY KEY (doc_id, id));
   CREATE TABLE times (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
     start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
     value TEXT NOT NULL, precision TEXT, PRIMARY KEY (doc_id, id));
   CREATE TABLE places (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
     start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, geoname_id INTEGER,
     name TEXT, lat REAL, lon REAL, country TEXT, admin1 TEXT, admin2 TEXT, feature_code TEXT,
     geo_precision INTEGER, metonym INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (doc_id, id));
   CREATE INDEX places_country ON places(country);
   CREATE TABLE events (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, id TEXT NOT NULL,
     trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
     event_type TEXT, sub_event_type TEXT, plover_type TEXT, actor1 TEXT, actor2 TEXT,
     place_id TEXT, date TEXT, time_precision INTEGER, fatalities INTEGER, modality TEXT NOT NULL,
     confidence REAL, PRIMARY KEY (doc_id, id));
   CREATE INDEX events_date ON events(date);
   CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
   CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
     INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
   END;
   CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
     INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
   END;`,
  // 2: events rows carry what event queries filter and show (place, document, date span).
  EVENTS_TABLE_V2,
  // 3: incidents, events of different dispatches merged when they tell one happening.
  INCIDENTS_TABLES,
  // 4: what sources say of a document beyond its text (byline, the dateline read, where its date
  // came from), and what `vigie watch` has seen of each source, to ingest only what is new.
  SOURCES_TABLES,
  // 5: speakers of events and quotes, indexes giving each filter of the listings its order.
  DESK_TABLES,
];

/** Work a migration needs beyond SQL, run in its transaction right after it, keyed by version. */
const AFTER_MIGRATION: Readonly<Record<number, (db: Database.Database) => void>> = {
  // Migration 2 rebuilt the events table empty: its rows come back from the stored records.
  2: refillEventRows,
  // Migration 3 made the incidents tables: the stored documents' events are filed into them.
  3: fillIncidents,
  // Migration 5 added who said each quote and whom each event is attributed to: read from the records.
  5: fillSpeakers,
};


export class SqliteStore implements Store {
  readonly kind = 'sqlite';
  private db: Database.Database;

  constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // With WAL, NORMAL syncs at checkpoints, not at every commit: a crash of the process loses
    // nothing and a power cut at most the last transactions, never the file's integrity (SQLite's
    // recommended setting for WAL). Every stored document was one fsync before, most of its time.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (SQLite's default is 2 MiB): a listing that filters on a column no index
    // holds (an actor's name) reads thousands of rows, and a server reads the same ones again.
    this.db.pragma('cache_size = -65536');
    // Statistics for the query planner, gathered when missing or stale (cheap when they are not):
    // with several indexes fit for one query, they are what makes it pick the one that narrows most.
    this.db.pragma('optimize = 0x10002');
  }

  async migrate(): Promise<number> {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    const row = this.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    let version = row.v ?? 0;
    for (let i = version; i < SQLITE_MIGRATIONS.length; i++) {
      this.db.transaction(() => {
        this.db.exec(SQLITE_MIGRATIONS[i]);
        AFTER_MIGRATION[i + 1]?.(this.db);
        this.db.prepare('INSERT INTO schema_migrations(version, applied_at) VALUES (?, ?)').run(i + 1, new Date().toISOString());
      })();
      version = i + 1;
    }
    return version;
  }

  /** What `vigie watch` remembers of its sources (src/store/sqlite-sources.ts). */
  get watchState(): SqliteWatchState {
    return (this.watch ??= new SqliteWatchState(this.db));
  }
  private watch: SqliteWatchState | null = null;

  async findByHash(hash: string): Promise<string | null> {
    const row = this.db.prepare('SELECT id FROM documents WHERE hash = ?').get(hash) as { id: string } | undefined;
    return row?.id ?? null;
  }

  async putDocument(doc: Document, record: ExtractRecord): Promise<PutResult> {
    const hash = contentHash(doc.text);
    // IMMEDIATE: the write lock is taken first. A deferred transaction that read, then found
    // another process had written meanwhile, would fail with SQLITE_BUSY without waiting.
    return this.db.transaction((): PutResult => {
      const existing = this.db.prepare('SELECT id FROM documents WHERE hash = ?').get(hash) as { id: string } | undefined;
      if (existing) return { status: 'duplicate', id: existing.id };
      // Another text already holds this id: keep both, the newcomer under a hash-suffixed id.
      const taken = this.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(doc.id);
      const id = taken ? `${doc.id}~${hash.slice(0, 8)}` : doc.id;
      this.insertDocument(id, hash, doc, record, new Date().toISOString());
      return { status: 'inserted', id };
    }).immediate();
  }

  private insertDocument(id: string, hash: string, doc: Document, record: ExtractRecord, ingestedAt: string): void {
    const stored: ExtractRecord = { ...record, id };
    this.db
      .prepare(`INSERT INTO documents (id, hash, lang, published, source, url, title, text, record, ingested_at, byline, dateline, published_from)
                VALUES (@id, @hash, @lang, @published, @source, @url, @title, @text, @record, @ingested_at, @byline, @dateline, @published_from)`)
      .run({
        id, hash, lang: record.lang, published: record.published, source: record.source,
        url: doc.url ?? null, title: doc.title ?? null, text: doc.text,
        record: JSON.stringify(stored), ingested_at: ingestedAt,
        byline: doc.byline ?? null, dateline: doc.dateline ? JSON.stringify(doc.dateline) : null,
        published_from: record.publishedFrom ?? doc.publishedFrom ?? null,
      });
    this.insertAnnotations(id, stored, doc.text, { lang: record.lang, source: record.source, published: record.published });
    assignIncidents(this.db, id, stored);
  }

  /**
   * A newer version of a stored document (an updated feed item): its text, metadata and record
   * replace the old ones under the same id. A text already stored under another id is a
   * duplicate, and nothing changes.
   */
  async replaceDocument(id: string, doc: Document, record: ExtractRecord): Promise<PutResult> {
    const hash = contentHash(doc.text);
    return this.db.transaction((): PutResult => {
      const same = this.db.prepare('SELECT id FROM documents WHERE hash = ?').get(hash) as { id: string } | undefined;
      if (same) return { status: 'duplicate', id: same.id };
      const old = this.db.prepare('SELECT ingested_at FROM documents WHERE id = ?').get(id) as { ingested_at: string } | undefined;
      if (!old) {
        this.insertDocument(id, hash, doc, record, new Date().toISOString());
        return { status: 'inserted', id };
      }
      // Delete and insert (annotation rows follow by cascade; the full-text index by its triggers);
      // its events leave their incidents first, and the new ones are filed again.
      unassignIncidents(this.db, id);
      this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
      this.insertDocument(id, hash, doc, record, old.ingested_at);
      return { status: 'updated', id };
    })();
  }

  private insertAnnotations(docId: string, r: ExtractRecord, text: string, doc: EventDocumentFields): void {
    const m = this.db.prepare('INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const x of r.mentions) m.run(docId, x.id, x.start, x.end, x.text, x.type, x.canonical, x.role);
    const q = this.db.prepare(`INSERT INTO quotes (${QUOTE_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${QUOTE_COLUMNS.map((c) => '@' + c).join(', ')})`);
    for (const row of quoteRows(docId, r, text, doc)) q.run(row);
    const t = this.db.prepare('INSERT INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const x of r.times) t.run(docId, x.id, x.start, x.end, x.text, x.type, x.value, x.precision);
    const p = this.db.prepare('INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const x of r.places) {
      p.run(docId, x.id, x.start, x.end, x.text, x.geonameId, x.name, x.lat, x.lon, x.country, x.admin1, x.admin2,
        x.featureCode, x.geoPrecision, x.metonym ? 1 : 0);
    }
    insertEventRows(this.db, docId, r, doc);
  }

  async replaceRecord(id: string, record: ExtractRecord): Promise<void> {
    this.db.transaction(() => {
      const stored: ExtractRecord = { ...record, id };
      // The record carries the document's metadata as it was extracted with (ingest keeps the
      // stored dateline and outlet unless new ones are given), so the columns follow it.
      const res = this.db.prepare('UPDATE documents SET record = ?, lang = ?, published = ?, source = ? WHERE id = ?')
        .run(JSON.stringify(stored), stored.lang, stored.published, stored.source, id);
      if (res.changes === 0) throw new Error(`no document with id ${id}`);
      unassignIncidents(this.db, id);
      for (const table of ['mentions', 'quotes', 'times', 'places', 'events']) {
        this.db.prepare(`DELETE FROM ${table} WHERE doc_id = ?`).run(id);
      }
      // Events rows copy the document's language, outlet and dateline; quotes cut their words from its text.
      const doc = this.db.prepare('SELECT lang, source, published, text FROM documents WHERE id = ?').get(id) as EventDocumentFields & { text: string };
      this.insertAnnotations(id, stored, doc.text, doc);
      assignIncidents(this.db, id, stored);
    }).immediate();
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const row = this.db.prepare('SELECT *, length(text) AS chars FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    if (!row) return null;
    const record = JSON.parse(row.record as string) as ExtractRecord;
    return { ...documentSummary(row, record), text: row.text ?? '', hash: row.hash, record };
  }

  async listDocuments(query: ListQuery = {}): Promise<Page<StoredDocumentSummary>> {
    const raw = query.q?.trim().startsWith('=') ?? false;
    const search = query.q?.trim() ? ftsQuery(query.q.trim()) : null;
    if (search && raw) checkRawFts(search);
    const filters: Filter[] = [];
    if (query.lang) filters.push({ op: 'eq', column: 'lang', value: query.lang });
    if (query.source) filters.push({ op: 'eq', column: 'source', value: query.source });
    const digest = filtersDigest([filters, search]);
    const pos = pagePosition(query, 'documents', digest, DOCUMENT_LIMIT);
    // Newest first, by keyset; a search is in rank order, paged by offset.
    const paged = pos.key && !search ? [...filters, afterKey(pos.key, 'published', ['id'])] : filters;
    const count = sqliteWhere(filters, 'd');
    const page = sqliteWhere(paged, 'd');
    const match = (where: string) => (search ? `${where ? `${where} AND` : 'WHERE'} documents_fts MATCH @q` : where);
    const from = search ? 'documents_fts f JOIN documents d ON d.rowid = f.rowid' : 'documents d';
    const snippet = search ? "snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet" : 'NULL AS snippet';
    let total: number;
    let rows: DocumentRow[];
    try {
      total = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${from} ${match(count.sql)}`).get({ ...count.params, ...(search ? { q: search } : {}) }) as { n: number }).n;
      rows = this.db
        .prepare(`SELECT d.id, d.hash, d.lang, d.published, d.source, d.url, d.title, d.ingested_at, d.byline, d.dateline, d.published_from,
                         length(d.text) AS chars, ${snippet}, ${COUNTS_SQL}
                  FROM ${from} ${match(page.sql)} ORDER BY ${search ? 'rank' : 'd.published DESC, d.id'} LIMIT @limit OFFSET @offset`)
        .all({ ...page.params, ...(search ? { q: search } : {}), limit: pos.limit + 1, offset: pos.offset }) as DocumentRow[];
    } catch (e) {
      // A raw FTS5 expression is the user's own syntax: whatever SQLite says of it is their error.
      if (raw && (e as { code?: string }).code?.startsWith('SQLITE_')) throw new QueryError(`bad search expression: ${(e as Error).message}`);
      throw e;
    }
    const out = pageOf(rows, pos, 'documents', digest, search ? null : (r) => [r.published, r.id]);
    return { total, items: out.rows.map((r) => documentSummary(r)), nextCursor: out.nextCursor };
  }

  async listEvents(query: EventQuery): Promise<Page<StoredEvent>> {
    return listEventRows(this.db, query);
  }

  iterateEvents(query: EventQuery): AsyncIterable<StoredEvent> {
    return this.streamEvents(prepareEventStream(query));
  }

  /**
   * A file store streams through a connection of its own, read-only: while better-sqlite3 iterates,
   * its connection refuses writes, and a long export must not block ingestion (WAL lets both run,
   * the export reading one consistent snapshot). An in-memory store has only its one connection.
   */
  private async *streamEvents(stream: EventStreamStatement): AsyncGenerator<StoredEvent> {
    const own = this.path === ':memory:' ? null : new Database(this.path, { readonly: true, fileMustExist: true });
    try {
      own?.pragma('busy_timeout = 5000');
      yield* streamEventRows(own ?? this.db, stream);
    } finally {
      own?.close();
    }
  }

  async listIncidents(query: IncidentQuery): Promise<Page<Incident>> {
    return listIncidentRows(this.db, query);
  }

  async listPlaces(query: EntityQuery): Promise<Page<PlaceSummary>> {
    const d = new SqliteParams();
    return placesPage(this.db.prepare(placesSql(query, d)).all(d.values) as Record<string, unknown>[], query);
  }

  async listActors(query: EntityQuery): Promise<Page<ActorSummary>> {
    const d = new SqliteParams();
    const sql = actorsSql(query, d, (column) => ({
      join: `, json_each(${column}) j`, name: "(j.value ->> '$.name')", inter: "(j.value ->> '$.inter')",
    }));
    return actorsPage(this.db.prepare(sql).all(d.values) as Record<string, unknown>[], query);
  }

  async listSpeakers(query: SpeakerQuery): Promise<Page<SpeakerSummary>> {
    const d = new SqliteParams();
    const groups = speakerGroupsPage(this.db.prepare(speakersSql(query, d)).all(d.values) as Record<string, unknown>[], query);
    if (!groups.items.length) return { ...groups, items: [] };
    const dd = new SqliteParams();
    const details = this.db.prepare(speakerDetailsSql(query, groups.items.map((g) => g.key), dd)).all(dd.values) as Record<string, unknown>[];
    return speakersOfPage(groups, details);
  }

  async listQuotes(query: SpeakerQuery): Promise<Page<StoredQuote>> {
    const filters = quoteFilters(query, true);
    const digest = quotesDigest(query);
    const pos = pagePosition(query, 'quotes', digest);
    const count = sqliteWhere(filters, 'q');
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM quotes q ${count.sql}`).get(count.params) as { n: number }).n;
    const { sql, params } = sqliteWhere(pos.key ? [...filters, afterKey(pos.key, QUOTES_KEY.lead, [...QUOTES_KEY.rest])] : filters, 'q');
    const rows = this.db.prepare(`SELECT q.*, d.title FROM quotes q JOIN documents d ON d.id = q.doc_id ${sql} ${QUOTES_ORDER} LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: pos.limit + 1, offset: pos.offset }) as QuoteReadRow[];
    const page = pageOf(rows, pos, 'quotes', digest, (r) => [r.published, r.doc_id, r.start, r.id]);
    return { total, items: page.rows.map(storedQuoteOf), nextCursor: page.nextCursor };
  }

  async getIncident(id: string): Promise<{ incident: Incident; events: StoredEvent[] } | null> {
    const incident = getIncidentRow(this.db, id);
    if (!incident) return null;
    const events = incident.events.map((m) => getEventRow(this.db, m.docId, m.eventId)).filter((e): e is StoredEvent => e !== null);
    return { incident, events };
  }

  iterateIncidents(query: IncidentQuery): AsyncIterable<Incident> {
    const stream = prepareIncidentStream(query);
    const self = this;
    return (async function* () {
      const own = self.path === ':memory:' ? null : new Database(self.path, { readonly: true, fileMustExist: true });
      try {
        own?.pragma('busy_timeout = 5000');
        yield* streamIncidentRows(own ?? self.db, stream);
      } finally {
        own?.close();
      }
    })();
  }

  async close(): Promise<void> {
    // What the planner learnt of this session's queries, kept for the next one (SQLite's advice).
    if (this.db.open) this.db.pragma('optimize');
    this.db.close();
  }
}


/** The annotation counts of a documents listing, from the annotation tables (not the records). */
const COUNTS_SQL = ['mentions', 'quotes', 'times', 'places', 'events']
  .map((t) => `(SELECT COUNT(*) FROM ${t} x WHERE x.doc_id = d.id) AS n_${t}`).join(', ');

/** Most terms, and most prefix terms ("talib*"), of a raw FTS5 expression: each prefix term walks
 *  every indexed word it starts, and better-sqlite3 cannot interrupt a query once it runs, so a
 *  raw expression is bounded before it is run (80 prefix terms took 24 s on 3,000 documents). */
export const RAW_FTS_MAX_TERMS = 16;
export const RAW_FTS_MAX_PREFIXES = 4;
const RAW_FTS_MIN_PREFIX = 3;

function checkRawFts(expr: string): void {
  const terms = expr.match(/"(?:[^"]|"")*"|[^\s()]+/g) ?? [];
  const words = terms.filter((t) => !/^(AND|OR|NOT|NEAR)$/.test(t));
  if (words.length > RAW_FTS_MAX_TERMS) throw new QueryError(`bad search expression: ${words.length} terms, at most ${RAW_FTS_MAX_TERMS}`);
  const prefixes = words.filter((t) => t.endsWith('*'));
  if (prefixes.length > RAW_FTS_MAX_PREFIXES) throw new QueryError(`bad search expression: ${prefixes.length} prefix terms (word*), at most ${RAW_FTS_MAX_PREFIXES}`);
  for (const p of prefixes) {
    const stem = p.replace(/^[\w]+:/, '').replace(/^"|"?\*$/g, '').replace(/"$/, '');
    if ([...stem].length < RAW_FTS_MIN_PREFIX) throw new QueryError(`bad search expression: prefix "${p}" is shorter than ${RAW_FTS_MIN_PREFIX} letters`);
  }
}

/**
 * A user's search words as an FTS5 query: each word quoted (so "11-Septembre" or "l'AFP" are not
 * read as FTS syntax) and all required. Users who want FTS5 syntax write it with a leading '='.
 */
export function ftsQuery(q: string): string {
  if (q.startsWith('=')) return q.slice(1);
  const words = q.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ') || '""';
}
