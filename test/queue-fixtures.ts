// Shared by the queue tests: a real Redis (VIGIE_TEST_REDIS_URL, default 127.0.0.1:6379) or the
// reason there is none, a key prefix of each test's own, short dispatches, the store's counts,
// and `vigie` child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { contentHash } from '../src/store/store.js';
import type { Document } from '../src/types.js';

export const REDIS_URL = process.env.VIGIE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const CLI = new URL('../src/cli.js', import.meta.url).pathname;

/** Null when Redis answers PING within a second; otherwise why the test cannot run. */
export async function redisProblem(url = REDIS_URL): Promise<string | null> {
  const r = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => {});
  try {
    await r.connect();
    const pong = await r.ping();
    return pong === 'PONG' ? null : `Redis at ${url} answered ${pong}`;
  } catch (e) {
    return `no Redis at ${url} (${(e as Error).message}); set VIGIE_TEST_REDIS_URL to run the queue tests`;
  } finally {
    r.disconnect();
  }
}

/** A key prefix no other test (or run) uses. */
export function testPrefix(label: string): string {
  return `vigie-test-${label}-${process.pid}-${Date.now().toString(36)}`;
}

/** Deletes every key under the prefix. */
export async function dropPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const r = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

const CITIES = ['Lyon', 'Nantes', 'Lille', 'Rennes', 'Dijon', 'Tours', 'Brest', 'Metz'];
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June'];

/** `n` short, distinct dispatches (French and English), each numbered so no two texts are the same. */
export function dispatches(n: number, label = 'q'): Document[] {
  const out: Document[] = [];
  for (let i = 0; i < n; i++) {
    const city = CITIES[i % CITIES.length];
    const day = (i % 27) + 1;
    if (i % 2 === 0) {
      const month = MONTHS_FR[i % MONTHS_FR.length];
      out.push({ id: `${label}-${i}`, lang: 'fr', published: '2024-06-30',
        text: `Le ${day} ${month} 2024, ${100 + i} manifestants ont défilé à ${city}, selon la préfecture (note ${i}).` });
    } else {
      const month = MONTHS_EN[i % MONTHS_EN.length];
      out.push({ id: `${label}-${i}`, lang: 'en', published: '2024-06-30',
        text: `On ${month} ${day}, 2024, ${100 + i} workers went on strike in ${city}, the union said (note ${i}).` });
    }
  }
  return out;
}

export async function writeJsonl(path: string, docs: Document[]): Promise<void> {
  await writeFile(path, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
}

export interface StoreCounts {
  documents: number;
  distinctHashes: number;
  /** The expected texts found stored. */
  expectedFound: number;
  events: number;
  /** Events the stored records hold: the events table must have exactly these. */
  recordEvents: number;
  incidentMembers: number;
}

/** What a SQLite store file holds, read from another connection (the store is in WAL mode). */
export function storeCounts(dbPath: string, expected: Document[] = []): StoreCounts {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    const hashes = new Set((db.prepare('SELECT hash FROM documents').all() as { hash: string }[]).map((r) => r.hash));
    return {
      documents: one('SELECT count(*) n FROM documents'),
      distinctHashes: hashes.size,
      expectedFound: expected.filter((d) => hashes.has(contentHash(d.text))).length,
      events: one('SELECT count(*) n FROM events'),
      recordEvents: one("SELECT coalesce(sum(json_array_length(record, '$.events')), 0) n FROM documents"),
      incidentMembers: one('SELECT count(*) n FROM incident_events'),
    };
  } finally {
    db.close();
  }
}

/** Documents stored so far, or 0 while the store file does not exist yet. */
export function storedSoFar(dbPath: string): number {
  try {
    return storeCounts(dbPath).documents;
  } catch {
    return 0;
  }
}

export interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** `vigie ARGS` as a child process with the given environment added. */
export function vigie(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, ['--no-regexp-tier-up', CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout!.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, pollMs = 200): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
