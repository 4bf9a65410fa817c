// A feed at the scale of a real one: 500 items, 50 of them duplicates of earlier texts or updates
// of earlier items; the right number of documents, nothing new on the second poll, updated items
// replacing their documents once. And a page far over the size limit among good ones: one clear
// error for it, the rest stored. Items and pages are generated from sentences of our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingest } from '../src/ingest.js';
import { readInputs } from '../src/io/input.js';
import { openStore, type Store } from '../src/store/index.js';
import { watch, type WatchOptions } from '../src/sources/watch.js';
import { page, rss, startServer, type FeedItemSpec } from './sources-fixtures.js';

const TOWNS = ['MOPTI', 'SÉGOU', 'KAYES', 'SIKASSO', 'GAO', 'TOMBOUCTOU', 'KOULIKORO', 'BOUGOUNI', 'NIONO', 'SAN'];
const WORKS = ['le pont', 'le marché couvert', "l'école primaire", 'le dispensaire', 'la digue', 'le château d’eau'];

/** Item i: a distinct short dispatch (its numbers make the text unique). */
function item(i: number): FeedItemSpec {
  const day = 1 + (i % 28);
  return {
    guid: `item-${i}`,
    title: `Travaux ${i}`,
    pubDate: new Date(Date.UTC(2023, 2, day, 9)).toUTCString(),
    description: `${TOWNS[i % TOWNS.length]}, ${day} mars 2023 (AFP) - Les travaux de réfection de ${WORKS[i % WORKS.length]} numéro ${i} ont commencé, pour un coût de ${100 + i} millions de francs CFA, selon la mairie.`,
  };
}

function options(store: Store, lines: string[]): WatchOptions {
  return { intervalMs: 60_000, once: true, log: (l) => lines.push(l), ingest: (items, onItem) => ingest(store, items, { onItem }) };
}

test('a feed of 500 items with 50 duplicates or updates: the right documents, nothing new twice, updates applied once', async () => {
  const originals = Array.from({ length: 450 }, (_, i) => item(i));
  // 25 items repeat an earlier text under another guid (another desk filing the same wire)
  const duplicates = Array.from({ length: 25 }, (_, k) => ({ ...originals[k * 7], guid: `dup-${k}` }));
  const v1 = [...originals, ...duplicates];
  const store = await openStore('sqlite::memory:');
  const srv = await startServer({ '/wire.rss': { body: rss('Le Fil', v1), type: 'application/rss+xml', etag: '"v1"' } });
  try {
    const lines: string[] = [];
    const first = await watch(store, [srv.url('/wire.rss')], options(store, lines));
    assert.equal(first.ingested, 450, lines.join('\n'));
    assert.equal((await store.listDocuments()).total, 450);
    const second = await watch(store, [srv.url('/wire.rss')], options(store, lines));
    assert.equal(second.ingested + second.updated, 0);
    // 25 items corrected in place (same guid, new text) and 25 new ones: 500 items, 50 of them old
    const corrected = new Set(Array.from({ length: 25 }, (_, k) => `item-${k * 11 + 3}`));
    const v2 = [
      ...v1.map((it) => (corrected.has(it.guid) ? { ...it, description: it.description.replace('ont commencé', 'sont achevés') } : it)),
      ...Array.from({ length: 25 }, (_, k) => item(1000 + k)),
    ];
    assert.equal(v2.length, 500);
    srv.routes.set('/wire.rss', { body: rss('Le Fil', v2), type: 'application/rss+xml', etag: '"v2"' });
    const third = await watch(store, [srv.url('/wire.rss')], options(store, lines));
    assert.equal(third.ingested, 25);
    assert.equal(third.updated, 25);
    assert.equal((await store.listDocuments()).total, 475);
    assert.equal((await store.listDocuments({ q: 'achevés', limit: 500 })).total, 25);
    const fourth = await watch(store, [srv.url('/wire.rss')], options(store, lines));
    assert.equal(fourth.ingested + fourth.updated, 0, 'the same feed again: nothing new');
  } finally {
    await srv.close();
    await store.close();
  }
});

test('a 30 MB page among good ones: one clear error naming it, the others stored', async () => {
  const good = (n: number) => page({ lang: 'fr', title: `Page ${n}`, published: '2024-05-02', site: 'Le Riverain',
    paragraphs: [`KAYES, 2 mai 2024 (AFP) - La foire agricole a ouvert jeudi ses portes pour la ${n}e fois, selon les organisateurs.`, 'Les éleveurs attendent plus de visiteurs que l’an dernier.'] });
  const huge = page({ lang: 'fr', title: 'Énorme', paragraphs: Array.from({ length: 450_000 }, (_, i) => `Paragraphe de remplissage numéro ${i} pour une page démesurée.`) });
  assert.ok(Buffer.byteLength(huge) > 30_000_000);
  const srv = await startServer({
    '/a.html': { body: good(1), type: 'text/html; charset=utf-8' },
    '/huge.html': { body: huge, type: 'text/html; charset=utf-8' },
    '/b.html': { body: good(2), type: 'text/html; charset=utf-8' },
  });
  const store = await openStore('sqlite::memory:');
  try {
    const summary = await ingest(store, readInputs(['/a.html', '/huge.html', '/b.html'].map(srv.url), {}));
    assert.equal(summary.ingested, 2);
    assert.equal(summary.failed.length, 1);
    assert.match(summary.failed[0].origin, /huge\.html/);
    assert.match(summary.failed[0].message, /MB|bytes|too large|limit/i);
  } finally {
    await srv.close();
    await store.close();
  }
});
