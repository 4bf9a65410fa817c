// Opening the store named by VIGIE_DATABASE_URL (default sqlite:./data/vigie.db).
import { resolve } from 'node:path';
import type { Store } from './store.js';
// The two stores are loaded when opened (pg and better-sqlite3 cost a cold start that commands
// without a store, such as `vigie extract`, should not pay).

export * from './store.js';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/vigie.db';

/** Connections of a PostgreSQL store's pool when VIGIE_PG_POOL does not say. */
export const DEFAULT_PG_POOL = 10;

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIGIE_DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export const ACCEPTED_DATABASE_URLS =
  'sqlite:PATH (sqlite:./data/vigie.db, sqlite:/var/lib/vigie/vigie.db, sqlite::memory:), postgres://USER@HOST/DB or postgresql://USER@HOST/DB';

/** A URL as it may be shown in a message: the password of user:password@ is never echoed. */
function shown(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@');
}

/** VIGIE_PG_POOL: connections of a PostgreSQL store's pool, a whole number from 1 (default 10). */
export function pgPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.VIGIE_PG_POOL?.trim();
  if (!raw) return DEFAULT_PG_POOL;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`VIGIE_PG_POOL=${raw}: not a whole number of connections (1 or more)`);
  return n;
}

/**
 * sqlite:./path, sqlite:/abs/path, sqlite:///abs/path, sqlite::memory:, postgres(ql)://…
 * (PostgreSQL: VIGIE_PG_SCHEMA names a schema of the store's own, VIGIE_PG_POOL its pool size).
 * Anything else is refused with the accepted forms: a bare path or a typo ("sqllite:…",
 * "mysql://…") used to become a SQLite file of that odd name, and the data went somewhere nobody
 * would look for it.
 */
export async function openStore(url: string = databaseUrl(), env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  let store: Store;
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const { PostgresStore } = await import('./postgres.js');
    store = new PostgresStore({ url, schema: env.VIGIE_PG_SCHEMA?.trim() || undefined, poolSize: pgPoolSize(env) });
    try {
      await store.migrate();
    } catch (e) {
      await store.close().catch(() => undefined);
      throw new Error(`VIGIE_DATABASE_URL=${shown(url)}: ${(e as Error).message}`, { cause: e });
    }
    return store;
  } else if (/^sqlite:/i.test(url)) {
    const path = url.replace(/^sqlite:(\/\/)?/i, '');
    if (!path.trim()) throw new Error(`VIGIE_DATABASE_URL=${url}: no path after sqlite: (accepted: ${ACCEPTED_DATABASE_URLS})`);
    const { SqliteStore } = await import('./sqlite.js');
    store = new SqliteStore(path === ':memory:' ? path : resolve(path));
  } else {
    throw new Error(`VIGIE_DATABASE_URL=${shown(url)}: not a store URL (accepted: ${ACCEPTED_DATABASE_URLS})`);
  }
  await store.migrate();
  return store;
}
