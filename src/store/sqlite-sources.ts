// What the SQLite store keeps for sources (migration 3): document columns for the byline, the
// dateline and where the date came from, and the memory of `vigie watch` — per source its HTTP
// validators, the items it has handled with their content hashes, and a folder's files with their
// modification time and size — so each poll ingests only what is new or changed.
import type Database from 'better-sqlite3';
import type { SeenFile, SeenItem, WatchedSource, WatchState } from './store.js';

export const SOURCES_TABLES = `
  ALTER TABLE documents ADD COLUMN byline TEXT;
  ALTER TABLE documents ADD COLUMN dateline TEXT;
  ALTER TABLE documents ADD COLUMN published_from TEXT;
  CREATE TABLE watch_sources (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, polled_at TEXT NOT NULL);
  CREATE TABLE watch_items (
    source_url TEXT NOT NULL REFERENCES watch_sources(url) ON DELETE CASCADE, item_key TEXT NOT NULL,
    hash TEXT NOT NULL, doc_id TEXT, status TEXT NOT NULL, seen_at TEXT NOT NULL,
    PRIMARY KEY (source_url, item_key));
  CREATE TABLE watch_files (
    source_url TEXT NOT NULL REFERENCES watch_sources(url) ON DELETE CASCADE, path TEXT NOT NULL,
    mtime_ms REAL NOT NULL, size INTEGER NOT NULL, PRIMARY KEY (source_url, path));`;

export class SqliteWatchState implements WatchState {
  constructor(private readonly db: Database.Database) {}

  async getSource(url: string): Promise<WatchedSource | null> {
    const row = this.db.prepare('SELECT url, etag, last_modified FROM watch_sources WHERE url = ?').get(url) as
      | { url: string; etag: string | null; last_modified: string | null }
      | undefined;
    return row ? { url: row.url, etag: row.etag, lastModified: row.last_modified } : null;
  }

  async saveSource(s: WatchedSource): Promise<void> {
    this.db
      .prepare(`INSERT INTO watch_sources (url, etag, last_modified, polled_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, polled_at = excluded.polled_at`)
      .run(s.url, s.etag, s.lastModified, new Date().toISOString());
  }

  /** Items need their source row (foreign key): a first poll creates it without validators. */
  private ensureSource(url: string): void {
    this.db.prepare('INSERT OR IGNORE INTO watch_sources (url, polled_at) VALUES (?, ?)').run(url, new Date().toISOString());
  }

  async seenItems(url: string): Promise<Map<string, SeenItem>> {
    const rows = this.db.prepare('SELECT item_key, hash, doc_id, status FROM watch_items WHERE source_url = ?').all(url) as {
      item_key: string; hash: string; doc_id: string | null; status: string;
    }[];
    return new Map(rows.map((r) => [r.item_key, { key: r.item_key, hash: r.hash, docId: r.doc_id, status: r.status === 'failed' ? 'failed' : 'stored' }]));
  }

  async markSeen(url: string, item: SeenItem): Promise<void> {
    this.ensureSource(url);
    this.db
      .prepare(`INSERT INTO watch_items (source_url, item_key, hash, doc_id, status, seen_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(source_url, item_key) DO UPDATE SET hash = excluded.hash, doc_id = excluded.doc_id,
                  status = excluded.status, seen_at = excluded.seen_at`)
      .run(url, item.key, item.hash, item.docId, item.status, new Date().toISOString());
  }

  async seenFiles(url: string): Promise<Map<string, SeenFile>> {
    const rows = this.db.prepare('SELECT path, mtime_ms, size FROM watch_files WHERE source_url = ?').all(url) as {
      path: string; mtime_ms: number; size: number;
    }[];
    return new Map(rows.map((r) => [r.path, { path: r.path, mtimeMs: r.mtime_ms, size: r.size }]));
  }

  async markFile(url: string, f: SeenFile): Promise<void> {
    this.ensureSource(url);
    this.db
      .prepare(`INSERT INTO watch_files (source_url, path, mtime_ms, size) VALUES (?, ?, ?, ?)
                ON CONFLICT(source_url, path) DO UPDATE SET mtime_ms = excluded.mtime_ms, size = excluded.size`)
      .run(url, f.path, f.mtimeMs, f.size);
  }
}
