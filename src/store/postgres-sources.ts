// What the PostgreSQL store keeps for sources (its migration 3, the SQLite store's 4): document
// columns for the byline, the dateline and where the date came from, and the memory of `vigie
// watch` — per source its HTTP validators, the items handled with their content hashes, a
// folder's files with their modification time and size. Same tables as sqlite-sources.ts.
import type pg from 'pg';
import type { SeenFile, SeenItem, WatchedSource, WatchState } from './store.js';

export const PG_SOURCES_TABLES = `
  ALTER TABLE documents ADD COLUMN byline TEXT;
  ALTER TABLE documents ADD COLUMN dateline TEXT;
  ALTER TABLE documents ADD COLUMN published_from TEXT;
  CREATE TABLE watch_sources (
    url TEXT COLLATE "C" PRIMARY KEY, etag TEXT, last_modified TEXT, polled_at TEXT NOT NULL);
  CREATE TABLE watch_items (
    source_url TEXT COLLATE "C" NOT NULL REFERENCES watch_sources(url) ON DELETE CASCADE, item_key TEXT COLLATE "C" NOT NULL,
    hash TEXT NOT NULL, doc_id TEXT, status TEXT NOT NULL, seen_at TEXT NOT NULL,
    PRIMARY KEY (source_url, item_key));
  CREATE TABLE watch_files (
    source_url TEXT COLLATE "C" NOT NULL REFERENCES watch_sources(url) ON DELETE CASCADE, path TEXT COLLATE "C" NOT NULL,
    mtime_ms DOUBLE PRECISION NOT NULL, size BIGINT NOT NULL, PRIMARY KEY (source_url, path));`;

export class PgWatchState implements WatchState {
  constructor(private readonly pool: pg.Pool) {}

  async getSource(url: string): Promise<WatchedSource | null> {
    const r = await this.pool.query<{ url: string; etag: string | null; last_modified: string | null }>(
      'SELECT url, etag, last_modified FROM watch_sources WHERE url = $1', [url]);
    const row = r.rows[0];
    return row ? { url: row.url, etag: row.etag, lastModified: row.last_modified } : null;
  }

  async saveSource(s: WatchedSource): Promise<void> {
    await this.pool.query(
      `INSERT INTO watch_sources (url, etag, last_modified, polled_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, polled_at = excluded.polled_at`,
      [s.url, s.etag, s.lastModified, new Date().toISOString()]);
  }

  /** Items need their source row (foreign key): a first poll creates it without validators. */
  private async ensureSource(url: string): Promise<void> {
    await this.pool.query('INSERT INTO watch_sources (url, polled_at) VALUES ($1, $2) ON CONFLICT (url) DO NOTHING', [url, new Date().toISOString()]);
  }

  async seenItems(url: string): Promise<Map<string, SeenItem>> {
    const r = await this.pool.query<{ item_key: string; hash: string; doc_id: string | null; status: string }>(
      'SELECT item_key, hash, doc_id, status FROM watch_items WHERE source_url = $1', [url]);
    return new Map(r.rows.map((x) => [x.item_key, { key: x.item_key, hash: x.hash, docId: x.doc_id, status: x.status === 'failed' ? 'failed' : 'stored' }]));
  }

  async markSeen(url: string, item: SeenItem): Promise<void> {
    await this.ensureSource(url);
    await this.pool.query(
      `INSERT INTO watch_items (source_url, item_key, hash, doc_id, status, seen_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (source_url, item_key) DO UPDATE SET hash = excluded.hash, doc_id = excluded.doc_id,
         status = excluded.status, seen_at = excluded.seen_at`,
      [url, item.key, item.hash, item.docId, item.status, new Date().toISOString()]);
  }

  async seenFiles(url: string): Promise<Map<string, SeenFile>> {
    const r = await this.pool.query<{ path: string; mtime_ms: number; size: string }>(
      'SELECT path, mtime_ms, size FROM watch_files WHERE source_url = $1', [url]);
    return new Map(r.rows.map((x) => [x.path, { path: x.path, mtimeMs: Number(x.mtime_ms), size: Number(x.size) }]));
  }

  async markFile(url: string, f: SeenFile): Promise<void> {
    await this.ensureSource(url);
    await this.pool.query(
      `INSERT INTO watch_files (source_url, path, mtime_ms, size) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source_url, path) DO UPDATE SET mtime_ms = excluded.mtime_ms, size = excluded.size`,
      [url, f.path, f.mtimeMs, f.size]);
  }
}
