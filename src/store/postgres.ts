// PostgreSQL store (node-postgres): the Store contract of the SQLite store, for several processes
// writing at once. Identity is the content hash (a unique index: of two writers storing one
// dispatch, one inserts and the other reads 'duplicate'); incidents are assigned under an advisory
// lock in the document's transaction; exports stream through a server-side cursor.
import { documentSummary, type DocumentRow } from './rows.js';
import pg from 'pg';
import type { Document, ExtractRecord } from '../types.js';
import { PgWatchState } from './postgres-sources.js';
import { assignIncidents, lockIncidents, unassignIncidents } from './postgres-incidents.js';
import {
  foldsAccents, FTS_CONFIGS, ftsConfigOf, LOCK_MIGRATE, lockKey, PG_MIGRATIONS, quoteIdent, type SchemaNames,
} from './postgres-schema.js';
import { DOCUMENT_LIMIT, EVENT_COLUMNS, eventRow, storedEventOf, type EventDocumentFields, type EventReadRow } from './rows.js';
import {
  actorsPage, actorsSql, placesPage, placesSql, QUOTES_KEY, QUOTES_ORDER, quoteFilters, quotesDigest, speakerDetailsSql, speakerGroupsPage,
  speakersOfPage, speakersSql, storedQuoteOf, type QuoteReadRow,
} from './entities.js';
import { afterKey, eventFilters, filtersDigest, incidentFilters, incidentKeysSql, pageOf, pagePosition, whereSql, type Dialect, type Filter } from './query.js';
import { QUOTE_COLUMNS, quoteRows, speakersOf } from './speakers.js';
import {
  contentHash, QueryError, type ActorSummary, type EntityQuery, type EventQuery, type Incident, type IncidentQuery, type ListQuery, type Page,
  type PlaceSummary, type PutResult, type SpeakerQuery, type SpeakerSummary, type Store, type StoredDocument, type StoredDocumentSummary,
  type StoredEvent, type StoredQuote,
} from './store.js';

export interface PostgresOptions {
  /** postgres://user[:password]@host[:port]/database */
  url: string;
  /** A schema of its own (created by migrate), e.g. one per test run; default: the search_path's. */
  schema?: string;
  /** Connections in the pool (VIGIE_PG_POOL), default 10. */
  poolSize?: number;
}

/** Connections of the pool when the options do not say (the store URL's default, store/index.ts). */
const DEFAULT_PG_POOL = 10;
/** Rows fetched from a cursor at a time: what an export holds in memory. */
const STREAM_BATCH = 256;
/** Most parameters in one statement (the protocol allows 65,535). */
const MAX_PARAMS = 30_000;


/** PostgreSQL text cannot hold NUL: it becomes U+FFFD, one character for one, so offsets hold. */
function pgText<T>(v: T): T {
  return (typeof v === 'string' && v.includes('\0') ? v.replace(/\0/g, '\uFFFD') : v) as T;
}

/** PostgreSQL's way of binding values ($n, appended to `params`); case-blind equality compares
 *  lower() of both sides, as the expression indexes do. */
class PgParams implements Dialect {
  constructor(readonly params: unknown[] = []) {}
  param(value: string | number): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
  ieq(column: string, p: string): string {
    return `lower(${column}) = lower(${p})`;
  }
  contains(column: string, p: string): string {
    return `strpos(${column}, ${p}) > 0`;
  }
}

/** Conditions of a query on a table alias, their values appended to `params` ($n placeholders). */
function pgWhere(filters: readonly Filter[], alias: string, params: unknown[]): string {
  return whereSql(filters, alias, new PgParams(params));
}

/** The annotation counts of a documents listing, from the annotation tables (not the records). */
const COUNTS_SQL = ['mentions', 'quotes', 'times', 'places', 'events']
  .map((t) => `(SELECT COUNT(*) FROM ${t} x WHERE x.doc_id = d.id) AS n_${t}`).join(', ');

const SELECT_EVENTS = 'SELECT e.*, d.url, d.title, d.ingested_at FROM events e JOIN documents d ON d.id = e.doc_id';
// Newest first; undated last (as SQLite sorts NULL lowest); within a document, extraction order.
const ORDER_EVENTS = 'ORDER BY e.date DESC NULLS LAST, e.doc_id, e.seq';
const ORDER_INCIDENTS = 'ORDER BY i.date DESC NULLS LAST, i.id';

/** An error of PostgreSQL's about the user's own tsquery syntax (syntax error, bad text). */
function isTsquerySyntaxError(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code.startsWith('42') || code.startsWith('22');
}

/**
 * A user's search as a tsquery text: all words required, or, after a leading '=', PostgreSQL
 * tsquery syntax as written ("taliban & (kunduz | herat)", "négo:*").
 */
export function tsQueryText(q: string): { text: string; raw: boolean } {
  const t = q.trim();
  if (t.startsWith('=')) return { text: t.slice(1), raw: true };
  const words = t.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];
  return { text: words.join(' '), raw: false };
}

export class PostgresStore implements Store {
  readonly kind = 'postgres';
  readonly pool: pg.Pool;
  readonly schema: string | null;
  private readonly names: SchemaNames;
  private readonly schemaKey: number;
  /** Whether full-text search ignores accents (unaccent was available); known after migrate(). */
  accentFolding: boolean | null = null;
  readonly watchState: PgWatchState;

  constructor(options: PostgresOptions) {
    if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/i.test(options.schema)) {
      throw new Error(`VIGIE_PG_SCHEMA=${options.schema}: a schema name is letters, digits and _ (at most 63)`);
    }
    this.schema = options.schema ?? null;
    this.names = { prefix: this.schema ? `${quoteIdent(this.schema)}.` : '' };
    this.schemaKey = lockKey(this.schema ?? 'public');
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? DEFAULT_PG_POOL,
      // The store's schema first; public after it, where extensions usually live.
      ...(this.schema ? { options: `-c search_path=${this.schema},public` } : {}),
    });
    // An idle connection the server drops must not take the process down: the pool replaces it.
    this.pool.on('error', (e) => console.error(`vigie: PostgreSQL connection lost: ${e.message}`));
    this.watchState = new PgWatchState(this.pool);
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    let broken = false;
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => (broken = true));
      throw e;
    } finally {
      c.release(broken);
    }
  }

  async migrate(): Promise<number> {
    let version = 0;
    for (;;) {
      // One migration a transaction, each under the lock: a second process waits, then finds it done.
      const done = await this.tx(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_MIGRATE, this.schemaKey]);
        if (this.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
        await c.query(`CREATE TABLE IF NOT EXISTS ${this.names.prefix}schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`);
        const r = await c.query<{ v: number | null }>(`SELECT MAX(version) AS v FROM ${this.names.prefix}schema_migrations`);
        version = r.rows[0].v ?? 0;
        if (version >= PG_MIGRATIONS.length) return true;
        const m = PG_MIGRATIONS[version];
        if (typeof m === 'string') await c.query(m);
        else await m(c, this.names);
        await c.query(`INSERT INTO ${this.names.prefix}schema_migrations (version, applied_at) VALUES ($1, $2)`, [version + 1, new Date().toISOString()]);
        version += 1;
        return false;
      });
      if (done) break;
    }
    this.accentFolding = await foldsAccents(this.pool, this.names);
    if (!this.accentFolding) {
      console.error('vigie: PostgreSQL has no unaccent extension (CREATE EXTENSION needs a privileged user): full-text search keeps accents');
    }
    return version;
  }

  async findByHash(hash: string): Promise<string | null> {
    const r = await this.pool.query<{ id: string }>('SELECT id FROM documents WHERE hash = $1', [hash]);
    return r.rows[0]?.id ?? null;
  }

  async putDocument(doc: Document, record: ExtractRecord): Promise<PutResult> {
    const hash = contentHash(doc.text);
    return this.tx(async (c): Promise<PutResult> => {
      const existing = await c.query<{ id: string }>('SELECT id FROM documents WHERE hash = $1', [hash]);
      if (existing.rows[0]) return { status: 'duplicate', id: existing.rows[0].id };
      const config = ftsConfigOf(record.lang);
      // The id asked for, or, when another text holds it, the hash-suffixed one. ON CONFLICT DO
      // NOTHING waits for a writer inserting the same hash or id at this moment: when that one
      // commits, nothing is inserted here and the next statement sees its row.
      for (const id of [doc.id, `${doc.id}~${hash.slice(0, 8)}`]) {
        if (await this.insertDocument(c, id, hash, doc, record, new Date().toISOString())) return { status: 'inserted', id };
        const raced = await c.query<{ id: string }>('SELECT id FROM documents WHERE hash = $1', [hash]);
        if (raced.rows[0]) return { status: 'duplicate', id: raced.rows[0].id };
      }
      throw new Error(`document ${doc.id}: its id and its hash-suffixed id are both taken by other texts`);
    });
  }

  /** Inserts the document row (nothing when its id or hash is taken: false), its annotations, and files its events into incidents. */
  private async insertDocument(c: pg.PoolClient, id: string, hash: string, doc: Document, record: ExtractRecord, ingestedAt: string): Promise<boolean> {
    const config = ftsConfigOf(record.lang);
    const stored: ExtractRecord = { ...record, id };
    const ins = await c.query(
      `INSERT INTO documents (id, hash, lang, published, source, url, title, text, record, ingested_at, fts_config, fts, byline, dateline, published_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
               setweight(to_tsvector($12::regconfig, coalesce($7, '')), 'A') || to_tsvector($12::regconfig, $8), $13, $14, $15)
       ON CONFLICT DO NOTHING`,
      [id, hash, record.lang, record.published, record.source, pgText(doc.url ?? null), pgText(doc.title ?? null), pgText(doc.text),
        JSON.stringify(stored), ingestedAt, config, `${this.names.prefix}${config}`, pgText(doc.byline ?? null),
        doc.dateline ? pgText(JSON.stringify(doc.dateline)) : null, record.publishedFrom ?? doc.publishedFrom ?? null]);
    if (!ins.rowCount) return false;
    await this.insertAnnotations(c, id, stored, doc.text, { lang: record.lang, source: record.source, published: record.published });
    await lockIncidents(c, this.schemaKey);
    await assignIncidents(c, id);
    return true;
  }

  /**
   * A newer version of a stored document (an updated feed item) under the same id; a text already
   * stored is a duplicate and nothing changes. Its events leave their incidents and are filed again.
   */
  async replaceDocument(id: string, doc: Document, record: ExtractRecord): Promise<PutResult> {
    const hash = contentHash(doc.text);
    return this.tx(async (c): Promise<PutResult> => {
      await lockIncidents(c, this.schemaKey);
      const same = await c.query<{ id: string }>('SELECT id FROM documents WHERE hash = $1', [hash]);
      if (same.rows[0]) return { status: 'duplicate', id: same.rows[0].id };
      const old = await c.query<{ ingested_at: string }>('SELECT ingested_at FROM documents WHERE id = $1 FOR UPDATE', [id]);
      if (!old.rows[0]) {
        if (!(await this.insertDocument(c, id, hash, doc, record, new Date().toISOString()))) throw new Error(`document ${id}: taken by another writer`);
        return { status: 'inserted', id };
      }
      await unassignIncidents(c, id);
      await c.query('DELETE FROM documents WHERE id = $1', [id]);
      await this.insertDocument(c, id, hash, doc, record, old.rows[0].ingested_at);
      return { status: 'updated', id };
    });
  }

  /** Rows of one table in as few INSERTs as the parameter limit allows. */
  private async insertRows(c: pg.PoolClient, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
    const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      const params: unknown[] = [];
      const values = chunk.map((row) => `(${row.map((v) => (params.push(pgText(v)), `$${params.length}`)).join(', ')})`);
      await c.query(`INSERT INTO ${table} (${columns.map((x) => (x === 'end' ? '"end"' : x)).join(', ')}) VALUES ${values.join(', ')}`, params);
    }
  }

  private async insertAnnotations(c: pg.PoolClient, docId: string, r: ExtractRecord, text: string, doc: EventDocumentFields): Promise<void> {
    await this.insertRows(c, 'mentions', ['doc_id', 'id', 'start', 'end', 'text', 'type', 'canonical', 'role'],
      r.mentions.map((x) => [docId, x.id, x.start, x.end, x.text, x.type, x.canonical, x.role]));
    await this.insertRows(c, 'quotes', QUOTE_COLUMNS, quoteRows(docId, r, text, doc).map((q) => QUOTE_COLUMNS.map((k) => q[k])));
    await this.insertRows(c, 'times', ['doc_id', 'id', 'start', 'end', 'text', 'type', 'value', 'precision'],
      r.times.map((x) => [docId, x.id, x.start, x.end, x.text, x.type, x.value, x.precision]));
    await this.insertRows(c, 'places',
      ['doc_id', 'id', 'start', 'end', 'text', 'geoname_id', 'name', 'lat', 'lon', 'country', 'admin1', 'admin2', 'feature_code', 'geo_precision', 'metonym'],
      r.places.map((x) => [docId, x.id, x.start, x.end, x.text, x.geonameId, x.name, x.lat, x.lon, x.country, x.admin1, x.admin2,
        x.featureCode, x.geoPrecision, x.metonym ? 1 : 0]));
    const places = new Map(r.places.map((p) => [p.id, p]));
    const speakers = speakersOf(r);
    // One statement for the events keeps their order: seq grows in VALUES order.
    await this.insertRows(c, 'events', EVENT_COLUMNS, r.events.map((e) => {
      const row = eventRow(docId, e, e.place ? places.get(e.place) : undefined, doc, speakers);
      return EVENT_COLUMNS.map((k) => row[k]);
    }));
  }

  async replaceRecord(id: string, record: ExtractRecord): Promise<void> {
    await this.tx(async (c) => {
      const stored: ExtractRecord = { ...record, id };
      // The record carries the document's metadata as it was extracted with, so the columns follow it.
      const res = await c.query<EventDocumentFields & { text: string }>(
        'UPDATE documents SET record = $1, lang = $2, published = $3, source = $4 WHERE id = $5 RETURNING lang, source, published, text',
        [JSON.stringify(stored), stored.lang, stored.published, stored.source, id]);
      if (!res.rowCount) throw new Error(`no document with id ${id}`);
      await lockIncidents(c, this.schemaKey);
      await unassignIncidents(c, id);
      for (const table of ['mentions', 'quotes', 'times', 'places', 'events']) await c.query(`DELETE FROM ${table} WHERE doc_id = $1`, [id]);
      await this.insertAnnotations(c, id, stored, res.rows[0].text, res.rows[0]);
      await assignIncidents(c, id);
    });
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const r = await this.pool.query<DocumentRow>(
      `SELECT id, hash, lang, published, source, url, title, text, record, ingested_at, length(text) AS chars, byline, dateline, published_from
       FROM documents WHERE id = $1`, [id]);
    const row = r.rows[0];
    if (!row) return null;
    const record = JSON.parse(row.record as string) as ExtractRecord;
    return { ...documentSummary(row, record), text: row.text ?? '', hash: row.hash, record };
  }

  async listDocuments(query: ListQuery = {}): Promise<Page<StoredDocumentSummary>> {
    const search = query.q?.trim() ? tsQueryText(query.q) : null;
    const filters: Filter[] = [];
    if (query.lang) filters.push({ op: 'eq', column: 'lang', value: query.lang });
    if (query.source) filters.push({ op: 'eq', column: 'source', value: query.source });
    const digest = filtersDigest([filters, search && (search.raw ? `=${search.text}` : search.text)]);
    const pos = pagePosition(query, 'documents', digest, DOCUMENT_LIMIT);
    const COLS = `d.id, d.hash, d.lang, d.published, d.source, d.url, d.title, d.ingested_at, d.byline, d.dateline, d.published_from,
      length(d.text) AS chars, ${COUNTS_SQL}`;
    if (!search) {
      const countParams: unknown[] = [];
      const total = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM documents d ${pgWhere(filters, 'd', countParams)}`, countParams);
      // Newest first, by keyset.
      const params: unknown[] = [];
      const where = pgWhere(pos.key ? [...filters, afterKey(pos.key, 'published', ['id'])] : filters, 'd', params);
      const rows = await this.pool.query<DocumentRow>(
        `SELECT ${COLS} FROM documents d ${where} ORDER BY d.published DESC NULLS LAST, d.id LIMIT ${pos.limit + 1} OFFSET ${pos.offset}`, params);
      const page = pageOf(rows.rows, pos, 'documents', digest, (r) => [r.published, r.id]);
      return { total: Number(total.rows[0].n), items: page.rows.map((r) => documentSummary(r)), nextCursor: page.nextCursor };
    }
    // The query in each configuration; a document matches in the configuration of its language. Paged by offset (rank order).
    const params: unknown[] = [];
    const where = [pgWhere(filters, 'd', params).replace(/^WHERE /, '')].filter(Boolean);
    params.push(search.text);
    const qp = `$${params.length}`;
    const toQuery = search.raw ? 'to_tsquery' : 'plainto_tsquery';
    const queries = FTS_CONFIGS.map((cfg) => `${toQuery}('${this.names.prefix}${cfg.name}'::regconfig, ${qp}) AS ${cfg.name}`).join(', ');
    const pick = (prefix: string) => `CASE d.fts_config ${FTS_CONFIGS.map((cfg) => `WHEN '${cfg.name}' THEN ${prefix}${cfg.name}`).join(' ')} END`;
    where.push(`(${FTS_CONFIGS.map((cfg) => `(d.fts_config = '${cfg.name}' AND d.fts @@ q.${cfg.name})`).join(' OR ')})`);
    const from = `documents d, (SELECT ${queries}) q WHERE ${where.join(' AND ')}`;
    try {
      const total = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${from}`, params);
      // The snippet is made for the page only (ts_headline reads the whole text).
      const rows = await this.pool.query<DocumentRow>(
        `SELECT p.*, ts_headline(p.cfg::regconfig, p.text, p.query,
                  'StartSel=[, StopSel=], MaxWords=24, MinWords=8, MaxFragments=1, FragmentDelimiter=…') AS snippet
         FROM (SELECT ${COLS}, d.text, '${this.names.prefix}' || d.fts_config AS cfg, ${pick('q.')} AS query,
                      ts_rank(d.fts, ${pick('q.')}) AS rank
               FROM ${from} ORDER BY rank DESC, d.id LIMIT ${pos.limit + 1} OFFSET ${pos.offset}) p
         ORDER BY p.rank DESC, p.id`, params);
      const page = pageOf(rows.rows, pos, 'documents', digest, null);
      return { total: Number(total.rows[0].n), items: page.rows.map((r) => documentSummary(r)), nextCursor: page.nextCursor };
    } catch (e) {
      // A raw tsquery is the user's own syntax: whatever PostgreSQL says of it is their error.
      if (search.raw && isTsquerySyntaxError(e)) throw new QueryError(`bad search expression: ${(e as Error).message}`);
      throw e;
    }
  }

  /** A page of events: counted, then read in listing order from where the cursor left off, one row
   *  beyond the limit to know whether another page follows. */
  async listEvents(query: EventQuery): Promise<Page<StoredEvent>> {
    const filters = eventFilters(query);
    const digest = filtersDigest(filters);
    const pos = pagePosition(query, 'events', digest);
    const countParams: unknown[] = [];
    const total = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM events e ${pgWhere(filters, 'e', countParams)}`, countParams);
    const params: unknown[] = [];
    const where = pgWhere(pos.key ? [...filters, afterKey(pos.key, 'date', ['doc_id', 'seq'])] : filters, 'e', params);
    const rows = await this.pool.query<EventReadRow>(`${SELECT_EVENTS} ${where} ${ORDER_EVENTS} LIMIT ${pos.limit + 1} OFFSET ${pos.offset}`, params);
    const page = pageOf(rows.rows, pos, 'events', digest, (r) => [r.date, r.doc_id, Number(r.seq)]);
    return { total: Number(total.rows[0].n), items: page.rows.map(storedEventOf), nextCursor: page.nextCursor };
  }

  iterateEvents(query: EventQuery): AsyncIterable<StoredEvent> {
    // Checked now: a bad query throws before anything is streamed.
    const params: unknown[] = [];
    const where = pgWhere(eventFilters(query), 'e', params);
    return this.stream(`${SELECT_EVENTS} ${where} ${ORDER_EVENTS} ${streamWindow(query)}`, params, storedEventOf);
  }

  /**
   * Rows of a SELECT through a server-side cursor, a batch at a time: constant memory whatever the
   * size of the result, on a connection of its own inside a read-only transaction (one snapshot).
   * Stopping early (break) closes the cursor and gives the connection back.
   */
  private async *stream<R extends pg.QueryResultRow, T>(sql: string, params: unknown[], map: (row: R) => T): AsyncGenerator<T> {
    const c = await this.pool.connect();
    let broken = false;
    try {
      await c.query('BEGIN READ ONLY');
      await c.query(`DECLARE vigie_stream NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const batch = await c.query<R>(`FETCH ${STREAM_BATCH} FROM vigie_stream`);
        for (const row of batch.rows) yield map(row);
        if (batch.rows.length < STREAM_BATCH) break;
      }
    } finally {
      // COMMIT or ROLLBACK alike end a read-only transaction and close its cursor.
      await c.query('ROLLBACK').catch(() => (broken = true));
      c.release(broken);
    }
  }

  /** A page of incidents: the page's ids sorted first (narrow rows), then only their summaries read. */
  async listIncidents(query: IncidentQuery): Promise<Page<Incident>> {
    const filters = incidentFilters(query);
    const digest = filtersDigest(filters);
    const pos = pagePosition(query, 'incidents', digest);
    const countParams: unknown[] = [];
    const total = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM incidents i ${pgWhere(filters, 'i', countParams)}`, countParams);
    const params: unknown[] = [];
    const where = pgWhere(pos.key ? [...filters, afterKey(pos.key, 'date', ['id'])] : filters, 'i', params);
    const keys = await this.pool.query<{ id: string; date: string | null }>(`${incidentKeysSql(query, where)} LIMIT ${pos.limit + 1} OFFSET ${pos.offset}`, params);
    const page = pageOf(keys.rows, pos, 'incidents', digest, (r) => [r.date, r.id]);
    const ids = page.rows.map((r) => r.id);
    const summaries = await this.pool.query<{ id: string; summary: string }>('SELECT id, summary FROM incidents WHERE id = ANY($1::text[])', [ids]);
    const byId = new Map(summaries.rows.map((r) => [r.id, r.summary]));
    const items = ids.map((id) => byId.get(id)).filter((x): x is string => x !== undefined).map((x) => JSON.parse(x) as Incident);
    return { total: Number(total.rows[0].n), items, nextCursor: page.nextCursor };
  }

  async listPlaces(query: EntityQuery): Promise<Page<PlaceSummary>> {
    const d = new PgParams();
    const rows = await this.pool.query(placesSql(query, d), d.params);
    return placesPage(rows.rows, query);
  }

  async listActors(query: EntityQuery): Promise<Page<ActorSummary>> {
    const d = new PgParams();
    const sql = actorsSql(query, d, (column) => ({
      join: `, json_array_elements(${column}::json) j`, name: "(j ->> 'name')", inter: "(j ->> 'inter')::integer",
    }));
    const rows = await this.pool.query(sql, d.params);
    return actorsPage(rows.rows, query);
  }

  async listSpeakers(query: SpeakerQuery): Promise<Page<SpeakerSummary>> {
    const d = new PgParams();
    const groups = speakerGroupsPage((await this.pool.query(speakersSql(query, d), d.params)).rows, query);
    if (!groups.items.length) return { ...groups, items: [] };
    const dd = new PgParams();
    const details = await this.pool.query(speakerDetailsSql(query, groups.items.map((g) => g.key), dd), dd.params);
    return speakersOfPage(groups, details.rows);
  }

  async listQuotes(query: SpeakerQuery): Promise<Page<StoredQuote>> {
    const filters = quoteFilters(query, true);
    const digest = quotesDigest(query);
    const pos = pagePosition(query, 'quotes', digest);
    const countParams: unknown[] = [];
    const total = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM quotes q ${pgWhere(filters, 'q', countParams)}`, countParams);
    const params: unknown[] = [];
    const where = pgWhere(pos.key ? [...filters, afterKey(pos.key, QUOTES_KEY.lead, [...QUOTES_KEY.rest])] : filters, 'q', params);
    const rows = await this.pool.query<QuoteReadRow>(
      `SELECT q.*, d.title FROM quotes q JOIN documents d ON d.id = q.doc_id ${where} ${QUOTES_ORDER} LIMIT ${pos.limit + 1} OFFSET ${pos.offset}`, params);
    const page = pageOf(rows.rows, pos, 'quotes', digest, (r) => [r.published, r.doc_id, r.start, r.id]);
    return { total: Number(total.rows[0].n), items: page.rows.map(storedQuoteOf), nextCursor: page.nextCursor };
  }

  async getIncident(id: string): Promise<{ incident: Incident; events: StoredEvent[] } | null> {
    const r = await this.pool.query<{ summary: string }>('SELECT summary FROM incidents WHERE id = $1', [id]);
    if (!r.rows[0]) return null;
    const incident = JSON.parse(r.rows[0].summary) as Incident;
    const rows = await this.pool.query<EventReadRow>(
      `${SELECT_EVENTS} JOIN incident_events ie ON ie.doc_id = e.doc_id AND ie.event_id = e.id WHERE ie.incident_id = $1`, [id]);
    const byKey = new Map(rows.rows.map((row) => [`${row.doc_id}\n${row.id}`, storedEventOf(row)]));
    const events = incident.events.map((m) => byKey.get(`${m.docId}\n${m.eventId}`)).filter((e): e is StoredEvent => e !== undefined);
    return { incident, events };
  }

  iterateIncidents(query: IncidentQuery): AsyncIterable<Incident> {
    const params: unknown[] = [];
    const where = pgWhere(incidentFilters(query), 'i', params);
    return this.stream<{ summary: string }, Incident>(`SELECT summary FROM incidents i ${where} ${ORDER_INCIDENTS} ${streamWindow(query)}`,
      params, (r) => JSON.parse(r.summary) as Incident);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** LIMIT and OFFSET of a stream: no limit unless one is given. */
function streamWindow(q: { limit?: number; offset?: number }): string {
  const limit = q.limit === undefined ? 'ALL' : String(Math.max(0, Math.trunc(q.limit)));
  return `LIMIT ${limit} OFFSET ${Math.max(0, Math.trunc(q.offset ?? 0))}`;
}

