// `vigie watch`: poll feeds (URLs or files) and folders, ingest only what is new or changed.
//
// What has been seen lives in the store (WatchState): per source the HTTP validators of its last
// answer (ETag, Last-Modified: the next request is conditional and a 304 costs nothing), every
// item handled with the hash of its text and the document it became (an item whose text changed
// replaces its document; an unchanged one is skipped before extraction), and for a folder each
// file's modification time and size (polled, not fs.watch: network and container mounts do not
// deliver change events). A source that fails is retried later and later (exponential backoff);
// the others keep their pace. One progress line per source and poll.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { IngestSummary, ItemOutcome } from '../ingest.js';
import { idFromUrlPath, readFileItems, walk, type InputItem, type ReadOptions } from '../io/input.js';
import { DEFAULT_MAX_BYTES, InputProblem } from '../io/validate.js';
import { contentHash, type SeenItem, type Store } from '../store/index.js';
import { fetchSource, isUrl } from './fetch.js';
import { normalisePublished } from './published.js';
import { readSourceBody } from './read.js';

export type WatchIngest = (items: AsyncIterable<InputItem>, onItem: (item: InputItem, outcome: ItemOutcome) => Promise<void>) => Promise<IngestSummary>;

export interface WatchOptions {
  /** Time between two polls of a source that answers, in ms. */
  intervalMs: number;
  /** Longest wait after repeated failures (default: an hour, or the interval if longer). */
  maxBackoffMs?: number;
  /** One poll of every source, then stop. */
  once?: boolean;
  read?: ReadOptions;
  fetchTimeoutMs?: number;
  /** Stops the watch: the poll under way finishes what it is storing, then watch returns. */
  signal?: AbortSignal;
  /** Ingestion of the items found new (the CLI's goes through the extraction pool). */
  ingest: WatchIngest;
  log: (line: string) => void;
}

export interface PollResult {
  fresh: number;
  updated: number;
  seen: number;
  failed: number;
  /** The source answered 304, or the file or folder did not change. */
  unchanged: boolean;
}

export type SourceType = 'feed' | 'file' | 'folder';

interface Watched {
  target: string;
  /** The key of the source in the store: the URL, or the absolute path. */
  url: string;
  type: SourceType;
  polls: number;
  failures: number;
  nextAt: number;
}

/** The item's identity in its source: the feed guid or page URL, else where it was read. */
function itemKey(item: InputItem): string {
  return item.key ?? item.origin;
}

/** An item that failed is remembered by its failure, so the same failure is not retried each poll. */
function failureHash(message: string): string {
  return 'failed:' + createHash('sha256').update(message).digest('hex').slice(0, 32);
}

/**
 * The items of one read that are new or changed since the last poll, marked with the document
 * they replace; `counts.seen` is incremented for the others. One key read twice in the same poll
 * (a feed listing an item twice) counts once: its first occurrence, the newest in a feed.
 */
async function* unseen(items: AsyncIterable<InputItem>, seen: Map<string, SeenItem>, counts: { seen: number }): AsyncGenerator<InputItem> {
  const thisPoll = new Set<string>();
  for await (const item of items) {
    const key = itemKey(item);
    if (thisPoll.has(key)) {
      counts.seen++;
      continue;
    }
    thisPoll.add(key);
    const prev = seen.get(key);
    const hash = item.kind === 'document' ? contentHash(item.doc.text) : failureHash(item.message);
    if (prev && prev.hash === hash) {
      counts.seen++;
      continue;
    }
    if (item.kind === 'document' && prev?.status === 'stored' && prev.docId) yield { ...item, replaces: prev.docId };
    else yield item;
  }
}

async function ingestUnseen(store: Store, url: string, items: AsyncIterable<InputItem>, opts: WatchOptions, result: PollResult): Promise<void> {
  const seen = await store.watchState.seenItems(url);
  const counts = { seen: 0 };
  const summary = await opts.ingest(unseen(items, seen, counts), async (item, outcome) => {
    const key = itemKey(item);
    if (outcome.status === 'failed') {
      await store.watchState.markSeen(url, { key, hash: failureHash(item.kind === 'error' ? item.message : outcome.message), docId: null, status: 'failed' });
    } else if (item.kind === 'document') {
      await store.watchState.markSeen(url, { key, hash: contentHash(item.doc.text), docId: outcome.id, status: 'stored' });
    }
  });
  result.fresh += summary.ingested;
  result.updated += summary.updated;
  result.failed += summary.failed.length;
  // A text already stored (another feed carried it) is no news: it counts as seen.
  result.seen += counts.seen + summary.duplicates;
  for (const f of summary.failed) opts.log(`  failed: ${f.origin}: ${f.message}`);
}

/** Items of a read that are one error for the whole source (unreachable, not a feed) make the
 *  poll fail, so the source is retried with backoff instead of being remembered as one bad item. */
async function sourceFailure(items: AsyncIterable<InputItem>, origin: string): Promise<{ items: InputItem[]; failure: string | null }> {
  const all: InputItem[] = [];
  for await (const item of items) all.push(item);
  const only = all.length === 1 ? all[0] : null;
  return { items: all, failure: only?.kind === 'error' && only.origin === origin ? only.message : null };
}

async function* fromArray<T>(xs: T[]): AsyncGenerator<T> {
  yield* xs;
}

async function pollUrl(store: Store, w: Watched, opts: WatchOptions): Promise<PollResult> {
  const result: PollResult = { fresh: 0, updated: 0, seen: 0, failed: 0, unchanged: false };
  const maxBytes = opts.read?.maxBytes ?? DEFAULT_MAX_BYTES;
  const state = await store.watchState.getSource(w.url);
  const fetched = await fetchSource(w.url, {
    maxBytes: maxBytes * 4, timeoutMs: opts.fetchTimeoutMs, etag: state?.etag, lastModified: state?.lastModified, signal: opts.signal,
  });
  if (fetched.status === 304) {
    result.unchanged = true;
    result.seen = (await store.watchState.seenItems(w.url)).size;
    return result;
  }
  const read = await sourceFailure(
    readSourceBody(
      {
        bytes: fetched.body, origin: w.url, id: idFromUrlPath(fetched.url), url: fetched.url, hints: { contentType: fetched.contentType },
        contextDate: normalisePublished(fetched.lastModified)?.slice(0, 10) ?? null,
      },
      opts.read ?? {},
    ),
    w.url,
  );
  if (read.failure) throw new InputProblem(read.failure);
  await ingestUnseen(store, w.url, fromArray(read.items), opts, result);
  // Validators are saved last: a poll cut short is done again in full.
  await store.watchState.saveSource({ url: w.url, etag: fetched.etag, lastModified: fetched.lastModified });
  return result;
}

async function pollFiles(store: Store, w: Watched, files: string[], opts: WatchOptions): Promise<PollResult> {
  const result: PollResult = { fresh: 0, updated: 0, seen: 0, failed: 0, unchanged: true };
  const known = await store.watchState.seenFiles(w.url);
  for (const path of files) {
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      if (w.type === 'file') throw new InputProblem(`${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
      continue; // removed between the listing and now
    }
    const before = known.get(path);
    if (before && before.mtimeMs === info.mtimeMs && before.size === info.size) continue;
    result.unchanged = false;
    if (w.type === 'file') {
      const read = await sourceFailure(readFileItems(path, opts.read ?? {}), path);
      if (read.failure) throw new InputProblem(read.failure);
      await ingestUnseen(store, w.url, fromArray(read.items), opts, result);
    } else await ingestUnseen(store, w.url, readFileItems(path, opts.read ?? {}), opts, result);
    await store.watchState.markFile(w.url, { path, mtimeMs: info.mtimeMs, size: info.size });
  }
  if (result.unchanged) result.seen = (await store.watchState.seenItems(w.url)).size;
  return result;
}

async function pollFolder(store: Store, w: Watched, opts: WatchOptions): Promise<PollResult> {
  const files: string[] = [];
  for await (const f of walk(w.url)) {
    if (typeof f === 'string') files.push(f);
    else if (f.origin === w.url) throw new InputProblem(`${f.origin}: ${f.message}`);
    else opts.log(`  failed: ${f.origin}: ${f.message}`);
  }
  return pollFiles(store, w, files, opts);
}

/** One poll of one source. Throws when the source as a whole cannot be read (it is retried later). */
export async function pollSource(store: Store, w: Watched, opts: WatchOptions): Promise<PollResult> {
  if (w.type === 'feed') return pollUrl(store, w, opts);
  if (w.type === 'folder') return pollFolder(store, w, opts);
  return pollFiles(store, w, [w.url], opts);
}

/** What a target names: a URL, a folder, or a file (feed, page, text, JSON Lines). */
export async function watchedSource(target: string): Promise<Watched> {
  const base = { target, polls: 0, failures: 0, nextAt: 0 };
  if (isUrl(target)) return { ...base, url: target, type: 'feed' };
  const path = resolve(target);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputProblem(`${target}: no such file or folder`);
  }
  return { ...base, url: path, type: info.isDirectory() ? 'folder' : 'file' };
}

/** The wait before the next poll: the interval, doubled for each failure in a row, bounded. */
export function nextDelay(intervalMs: number, failures: number, maxBackoffMs: number): number {
  if (failures === 0) return intervalMs;
  return Math.min(intervalMs * 2 ** failures, Math.max(intervalMs, maxBackoffMs));
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`.replace('.0 s', ' s');

export function progressLine(w: Watched, r: PollResult | null, error: string | null, delayMs: number | null): string {
  const head = `poll ${w.polls} · ${w.type} ${w.target}`;
  const next = delayMs === null ? '' : ` · ${error ? 'retry' : 'next'} in ${seconds(delayMs)}`;
  if (error) return `${head} · failed: ${error}${next}`;
  const updated = r!.updated ? `, ${r!.updated} updated` : '';
  const unchanged = r!.unchanged ? ' (unchanged)' : '';
  return `${head} · ${r!.fresh} new${updated}, ${r!.seen} seen, ${r!.failed} failed${unchanged}${next}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) return done();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      done();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}

export interface WatchSummary {
  polls: number;
  ingested: number;
  updated: number;
  failedPolls: number;
  failedItems: number;
}

/** Polls every target until the signal stops it (or once each with `once`). */
export async function watch(store: Store, targets: readonly string[], opts: WatchOptions): Promise<WatchSummary> {
  const sources = await Promise.all(targets.map(watchedSource));
  const maxBackoff = opts.maxBackoffMs ?? Math.max(3_600_000, opts.intervalMs);
  const total: WatchSummary = { polls: 0, ingested: 0, updated: 0, failedPolls: 0, failedItems: 0 };
  for (;;) {
    const now = Date.now();
    for (const w of sources) {
      if (opts.signal?.aborted) return total;
      if (w.nextAt > now) continue;
      w.polls++;
      total.polls++;
      let result: PollResult | null = null;
      let error: string | null = null;
      try {
        result = await pollSource(store, w, opts);
        w.failures = 0;
        total.ingested += result.fresh;
        total.updated += result.updated;
        total.failedItems += result.failed;
      } catch (e) {
        if (opts.signal?.aborted) return total;
        w.failures++;
        total.failedPolls++;
        error = e instanceof InputProblem ? e.message : String((e as Error)?.message ?? e);
      }
      const delay = nextDelay(opts.intervalMs, w.failures, maxBackoff);
      w.nextAt = Date.now() + delay;
      opts.log(progressLine(w, result, error, opts.once ? null : delay));
    }
    if (opts.once) return total;
    const wake = Math.min(...sources.map((w) => w.nextAt));
    await sleep(Math.max(0, wake - Date.now()), opts.signal);
    if (opts.signal?.aborted) return total;
  }
}
