// `vigie watch`: polls feeds from a local server and a folder; a second poll ingests nothing, an
// updated item replaces its document once, a failing feed fails alone, 304s cost nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingest } from '../src/ingest.js';
import { openStore, type Store } from '../src/store/index.js';
import { nextDelay, watch, type WatchOptions } from '../src/sources/watch.js';
import { rss, startServer, type FeedItemSpec } from './sources-fixtures.js';

function options(store: Store, lines: string[]): WatchOptions {
  return {
    intervalMs: 60_000,
    once: true,
    log: (l) => lines.push(l),
    ingest: (items, onItem) => ingest(store, items, { onItem }),
  };
}

const ITEMS: FeedItemSpec[] = [
  { guid: 'a', title: 'Crue à Mopti', pubDate: 'Sat, 04 Mar 2023 17:00:00 +0000', description: 'MOPTI, 4 mars (AFP) - Le fleuve est sorti de son lit samedi, ont indiqué des pêcheurs.' },
  { guid: 'b', title: 'Ferry resumes', pubDate: 'Sat, 04 Mar 2023 18:00:00 +0000', description: 'KISUMU, March 4 (Reuters) - The lake ferry resumed its crossings on Saturday, a port officer said.' },
  { guid: 'c', title: 'Marché rouvert', description: 'SÉGOU (AFP) - Le grand marché a rouvert ses portes hier, selon des commerçants.' },
];

test('watch --once twice: the second poll ingests nothing (304), an updated item is re-ingested once', async () => {
  const store = await openStore('sqlite::memory:');
  const srv = await startServer({
    '/etag.rss': { body: rss('Le Riverain', ITEMS), type: 'application/rss+xml', etag: '"v1"' },
    '/lm.rss': { body: rss('The Lookout', ITEMS.slice(1, 2), 'en'), type: 'application/rss+xml', lastModified: 'Sat, 04 Mar 2023 19:00:00 GMT' },
    '/down.rss': { status: 503, body: 'busy' },
  });
  try {
    const lines: string[] = [];
    const targets = ['/etag.rss', '/lm.rss', '/down.rss'].map(srv.url);
    const first = await watch(store, targets, options(store, lines));
    assert.equal(first.ingested, 3, lines.join('\n'));
    assert.equal(first.failedPolls, 1);
    assert.match(lines[0], /^poll 1 · feed http:\/\/127\.0\.0\.1:\d+\/etag\.rss · 3 new, 0 seen, 0 failed$/);
    // the Lookout carries item b's text too: stored once
    assert.match(lines[1], /0 new, 1 seen, 0 failed/);
    assert.match(lines[2], /failed: .*HTTP 503/);
    assert.equal((await store.listDocuments()).total, 3);
    const mopti = (await store.listDocuments({ q: 'Mopti' })).items[0];
    assert.equal(mopti.publishedFrom, 'source');
    assert.equal(mopti.dateline?.place.text, 'MOPTI');

    lines.length = 0;
    const second = await watch(store, targets, options(store, lines));
    assert.equal(second.ingested, 0);
    assert.equal(srv.notModified.get('/etag.rss'), 1);
    assert.equal(srv.notModified.get('/lm.rss'), 1);
    assert.match(lines[0], /0 new, 3 seen, 0 failed \(unchanged\)/);

    // item c is corrected and a new item d appears: the feed's ETag changes
    const corrected = ITEMS.map((i) => (i.guid === 'c' ? { ...i, description: i.description.replace('hier', 'lundi') } : i));
    corrected.push({ guid: 'd', title: 'Route coupée', description: 'GAO, 6 mars 2023 (AFP) - La route du nord a été coupée par des pluies.' });
    srv.routes.set('/etag.rss', { body: rss('Le Riverain', corrected), type: 'application/rss+xml', etag: '"v2"' });
    const before = (await store.listDocuments({ q: 'rouvert' })).items[0];
    lines.length = 0;
    const third = await watch(store, targets.slice(0, 1), options(store, lines));
    assert.equal(third.ingested, 1);
    assert.equal(third.updated, 1);
    assert.match(lines[0], /1 new, 1 updated, 2 seen, 0 failed/);
    assert.equal((await store.listDocuments()).total, 4, 'the corrected item replaced its document');
    const after = await store.getDocument(before.id);
    assert.match(after!.text, /lundi/);

    lines.length = 0;
    srv.routes.set('/etag.rss', { body: rss('Le Riverain', corrected), type: 'application/rss+xml', etag: '"v3"' });
    const fourth = await watch(store, targets.slice(0, 1), options(store, lines));
    assert.equal(fourth.ingested + fourth.updated, 0, 'a new ETag over the same items ingests nothing');
    assert.match(lines[0], /0 new, 4 seen/);
  } finally {
    await srv.close();
    await store.close();
  }
});

test('a malformed feed fails its poll and is retried with backoff; the interval comes back after a success', async () => {
  assert.equal(nextDelay(60_000, 0, 3_600_000), 60_000);
  assert.equal(nextDelay(60_000, 1, 3_600_000), 120_000);
  assert.equal(nextDelay(60_000, 3, 3_600_000), 480_000);
  assert.equal(nextDelay(60_000, 12, 3_600_000), 3_600_000);
  const store = await openStore('sqlite::memory:');
  const srv = await startServer({ '/bad.rss': { body: '<rss><channel><item></channel>', type: 'application/rss+xml' } });
  try {
    const lines: string[] = [];
    const r = await watch(store, [srv.url('/bad.rss')], options(store, lines));
    assert.equal(r.failedPolls, 1);
    assert.match(lines[0], /failed: not a readable RSS or Atom feed/);
  } finally {
    await srv.close();
    await store.close();
  }
});

test('watching a folder: new files, then only changed ones (mtime and size)', async () => {
  const store = await openStore('sqlite::memory:');
  const dir = await mkdtemp(join(tmpdir(), 'vigie-watch-'));
  try {
    await writeFile(join(dir, 'one.txt'), 'BOUAKÉ, 2 mai 2023 (AFP) - Les cours ont repris dans les écoles de la ville.');
    await writeFile(join(dir, 'two.txt'), 'Le conseil municipal a voté le budget.');
    const lines: string[] = [];
    assert.equal((await watch(store, [dir], options(store, lines))).ingested, 2);
    const second = await watch(store, [dir], options(store, lines));
    assert.equal(second.ingested + second.updated, 0);
    assert.match(lines[1], /0 new, 2 seen, 0 failed \(unchanged\)/);
    await writeFile(join(dir, 'two.txt'), 'Le conseil municipal a voté le budget lundi soir.');
    await utimes(join(dir, 'two.txt'), new Date(), new Date(Date.now() + 5000));
    await writeFile(join(dir, 'three.txt'), 'KORHOGO (AFP) - Le marché au coton a ouvert.');
    const third = await watch(store, [dir], options(store, lines));
    assert.equal(third.ingested, 1);
    assert.equal(third.updated, 1);
    assert.equal((await store.listDocuments()).total, 3);
    const two = await store.getDocument('two');
    assert.match(two!.text, /lundi soir/);
  } finally {
    await store.close();
  }
});

test('watch stops when its signal is aborted', async () => {
  const store = await openStore('sqlite::memory:');
  const dir = await mkdtemp(join(tmpdir(), 'vigie-watch-stop-'));
  try {
    const stop = new AbortController();
    const lines: string[] = [];
    const running = watch(store, [dir], { ...options(store, lines), once: false, intervalMs: 3_600_000, signal: stop.signal });
    setTimeout(() => stop.abort(), 200);
    const r = await running;
    assert.equal(r.polls, 1);
    assert.match(lines[0], /next in 3600 s/);
  } finally {
    await store.close();
  }
});
