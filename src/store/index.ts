// Opening the store named by VIGIE_DATABASE_URL (default sqlite:./data/vigie.db).
import { resolve } from 'node:path';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

export * from './store.js';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/vigie.db';

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.VIGIE_DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

/** sqlite:./path, sqlite:/abs/path, sqlite::memory:, or a bare file path. */
export async function openStore(url: string = databaseUrl()): Promise<Store> {
  let store: Store;
  if (/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error(`VIGIE_DATABASE_URL=${url}: the PostgreSQL store is not available in this version; use sqlite:PATH`);
  } else if (/^sqlite:/i.test(url) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    const path = url.replace(/^sqlite:(\/\/)?/i, '');
    store = new SqliteStore(path === ':memory:' ? path : resolve(path));
  } else {
    throw new Error(`VIGIE_DATABASE_URL=${url}: unknown store (expected sqlite:PATH)`);
  }
  await store.migrate();
  return store;
}
