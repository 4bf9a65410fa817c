// HTML pages and RSS/Atom feeds as inputs, from files and from a local HTTP server: metadata,
// main text, datelines, and a clear error per bad document while the batch goes on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputs, type InputItem } from '../src/io/input.js';
import { htmlToText, readHtmlPage } from '../src/sources/html.js';
import { sniffKind } from '../src/sources/read.js';
import { fetchSource } from '../src/sources/fetch.js';
import { fromRfc822, normalisePublished } from '../src/sources/published.js';
import { atom, page, rss, startServer } from './sources-fixtures.js';

async function collect(it: AsyncIterable<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const FR_PAGE = page({
  lang: 'fr-FR', title: 'Le bac de Koulikoro reprend', published: '2022-08-05T19:40:00+00:00', site: 'Le Riverain', author: 'Awa Traoré',
  paragraphs: [
    'KOULIKORO, 5 août (AFP) - Le bac qui relie les deux rives du fleuve a repris ses rotations hier après trois semaines d\u2019arrêt, a indiqué un marinier.',
    '« Les camions attendaient depuis des jours », a expliqué un transporteur joint par téléphone, ajoutant que les prix avaient doublé au marché.',
  ],
});

test('an HTML page: main text without navigation, metadata from the page', () => {
  const p = readHtmlPage(FR_PAGE);
  assert.match(p.text, /^KOULIKORO, 5 août \(AFP\) - Le bac/);
  assert.ok(!p.text.includes('Home'), 'navigation left out');
  assert.ok(!p.text.includes('About'), 'footer left out');
  assert.match(p.text, /\n\n« Les camions/);
  assert.equal(p.lang, 'fr-FR');
  assert.equal(p.published, '2022-08-05T19:40:00+00:00');
  assert.equal(p.byline, 'Awa Traoré');
  assert.equal(p.siteName, 'Le Riverain');
  assert.equal(p.title, 'Le bac de Koulikoro reprend');
});

test('published from JSON-LD and from <time datetime> when meta tags are silent', () => {
  const body = '<p>' + 'The ferry across the river resumed its crossings on Monday after a three-week halt, a boatman said. '.repeat(2) + '</p>';
  const ld = readHtmlPage(`<html lang="en"><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2021-11-03T08:00:00-05:00","author":{"name":"Sam Reed"}}]}</script></head><body><article>${body}</article></body></html>`);
  assert.equal(ld.published, '2021-11-03T08:00:00-05:00');
  assert.equal(ld.byline, 'Sam Reed');
  const time = readHtmlPage(`<html><body><article><time datetime="2021-11-04">4 Nov</time>${body}</article></body></html>`);
  assert.equal(time.published, '2021-11-04');
  const bad = readHtmlPage(`<html><head><meta property="article:published_time" content="2021-02-30"></head><body><article>${body}</article></body></html>`);
  assert.equal(bad.published, null, 'a date that is no calendar day is dropped');
});

test('pages with no main text are refused with a reason', () => {
  assert.throws(() => readHtmlPage('<html><body></body></html>'), /no main text|no article text/);
  assert.throws(() => readHtmlPage('<html><body><nav><a href="/">Home</a></nav></body></html>'), /no main text|no article text/);
});

test('HTML fragments as text; kinds sniffed from the content', () => {
  assert.equal(htmlToText('<p>Un &amp; deux</p><p>trois<br>quatre</p>'), 'Un & deux\n\ntrois\n\nquatre');
  assert.equal(htmlToText('plain   text'), 'plain text');
  assert.equal(sniffKind('<?xml version="1.0"?>\n<rss version="2.0">'), 'feed');
  assert.equal(sniffKind('<feed xmlns="http://www.w3.org/2005/Atom">'), 'feed');
  assert.equal(sniffKind('<!DOCTYPE html><html>'), 'html');
  assert.equal(sniffKind('KABOUL (AFP) - texte'), 'text');
  assert.equal(sniffKind('<p>un paragraphe</p>', { ext: '.txt' }), 'html');
});

test('RSS dates keep the outlet\'s day', () => {
  assert.equal(fromRfc822('Fri, 05 Aug 2022 23:10:00 -0500'), '2022-08-05T23:10:00-05:00');
  assert.equal(fromRfc822('5 Aug 2022'), '2022-08-05');
  assert.equal(normalisePublished('Fri, 05 Aug 2022 23:10:00 GMT'), '2022-08-05T23:10:00+00:00');
  assert.equal(normalisePublished('yesterday'), null);
});

test('files: a page, an RSS feed and an Atom feed in a folder, with a malformed page and a broken feed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-sources-'));
  await writeFile(join(dir, 'bac.html'), FR_PAGE);
  await writeFile(join(dir, 'fil.rss'), rss('Le Riverain', [
    { guid: 'r1', title: 'Crue à Mopti', pubDate: 'Sat, 04 Mar 2023 17:00:00 +0000', description: '<p>MOPTI, 4 mars (AFP) - Le fleuve est sorti de son lit, ont indiqué des pêcheurs.</p>' },
    { guid: 'r2', title: 'Marché rouvert', description: '<p>SÉGOU (AFP) - Le grand marché a rouvert ses portes mardi.</p>' },
    { guid: 'r3', title: '', description: '' },
  ]));
  await writeFile(join(dir, 'wire.atom'), atom('The Lookout', [
    { id: 'urn:a1', title: 'Ferry resumes', published: '2023-04-01T21:00:00-05:00', html: '<p>KISUMU, April 1 (Reuters) - The ferry resumed its crossings on Saturday.</p>' },
  ]));
  await writeFile(join(dir, 'broken.rss'), '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>y</title></channel>');
  await writeFile(join(dir, 'junk.html'), Buffer.from([0x3c, 0x68, 0x74, 0x6d, 0x6c, 0, 1, 2, 3, 0, 0, 0xff]));
  const items = await collect(readInputs([dir]));
  const docs = items.filter((i) => i.kind === 'document');
  const errors = items.filter((i) => i.kind === 'error');
  assert.equal(docs.length, 4);
  const bac = docs.find((d) => d.origin.endsWith('bac.html'))!.doc;
  assert.equal(bac.lang, 'fr');
  assert.equal(bac.published, '2022-08-05T19:40:00+00:00');
  assert.equal(bac.publishedFrom, 'source');
  assert.equal(bac.source, 'Le Riverain');
  assert.equal(bac.dateline?.place.text, 'KOULIKORO');
  assert.equal(bac.dateline?.date?.value, '2022-08-05');
  const crue = docs.find((d) => d.origin.includes('<r1>'))!;
  assert.equal(crue.doc.text, 'Crue à Mopti\n\nMOPTI, 4 mars (AFP) - Le fleuve est sorti de son lit, ont indiqué des pêcheurs.');
  assert.equal(crue.doc.source, 'Le Riverain');
  assert.equal(crue.doc.url, 'http://example.invalid/r1');
  assert.equal(crue.doc.published, '2023-03-04T17:00:00+00:00');
  assert.equal(crue.key, 'r1');
  const marche = docs.find((d) => d.origin.includes('<r2>'))!.doc;
  assert.equal(marche.publishedFrom, 'unknown');
  assert.equal(marche.dateline?.place.text, 'SÉGOU');
  const ferry = docs.find((d) => d.origin.includes('urn:a1'))!.doc;
  assert.equal(ferry.published, '2023-04-01T21:00:00-05:00', 'the Atom date keeps its offset');
  assert.equal(ferry.lang, 'en');
  assert.equal(ferry.source, 'The Lookout');
  assert.deepEqual(errors.map((e) => [e.origin.replace(dir, ''), e.message.split(' (')[0]]).sort(), [
    ['/broken.rss', 'not a readable RSS or Atom feed'],
    ['/fil.rss item 3 <r3>', 'feed item without title or text'],
    ['/junk.html', 'binary content'],
  ].sort());
});

test('URLs: pages and feeds from a local server; HTTP errors, redirect loops, timeouts and size limits per document', async () => {
  const srv = await startServer({
    '/bac.html': { body: FR_PAGE },
    '/feed': { body: rss('Le Riverain', [{ guid: 'x1', title: 'Crue', description: 'MOPTI, 4 mars 2023 (AFP) - Le fleuve a débordé.' }]), type: 'application/rss+xml' },
    '/gone': { status: 500, body: 'oops' },
    '/loop': { handle: (_q, r) => r.writeHead(302, { location: '/loop' }).end() },
    '/slow': { handle: () => {} },
    '/big': { handle: (_q, r) => { r.writeHead(200, { 'content-type': 'text/html' }); r.end('<html><body>' + 'x'.repeat(200_000) + '</body></html>'); } },
  });
  try {
    const items = await collect(readInputs(['/gone', '/bac.html', '/loop', '/feed', '/slow', '/big'].map(srv.url), { fetchTimeoutMs: 400, maxBytes: 40_000 }));
    const byOrigin = new Map(items.map((i) => [i.origin.replace(/^http:\/\/127\.0\.0\.1:\d+/, ''), i]));
    const bac = byOrigin.get('/bac.html')!;
    assert.equal(bac.kind, 'document');
    if (bac.kind === 'document') {
      assert.equal(bac.doc.id, 'bac');
      assert.equal(bac.doc.url, srv.url('/bac.html'));
    }
    const feedItem = [...byOrigin.keys()].find((k) => k.startsWith('/feed item 1'));
    assert.ok(feedItem);
    const msg = (k: string) => { const i = byOrigin.get(k)!; return i.kind === 'error' ? i.message : ''; };
    assert.match(msg('/gone'), /HTTP 500/);
    assert.match(msg('/loop'), /more than 5 redirects/);
    assert.match(msg('/slow'), /timed out/);
    assert.match(msg('/big'), /limit|more than/);
  } finally {
    await srv.close();
  }
});

test('conditional requests: 304 with ETag and with Last-Modified', async () => {
  const srv = await startServer({
    '/e': { body: 'x', etag: '"v1"' },
    '/m': { body: 'x', lastModified: 'Sat, 04 Mar 2023 10:00:00 GMT' },
  });
  try {
    const first = await fetchSource(srv.url('/e'), { maxBytes: 1000 });
    assert.equal(first.status, 200);
    assert.equal(first.etag, '"v1"');
    assert.equal((await fetchSource(srv.url('/e'), { maxBytes: 1000, etag: first.etag })).status, 304);
    const m = await fetchSource(srv.url('/m'), { maxBytes: 1000 });
    assert.equal((await fetchSource(srv.url('/m'), { maxBytes: 1000, lastModified: m.lastModified })).status, 304);
    assert.equal(srv.notModified.get('/e'), 1);
    assert.equal(srv.notModified.get('/m'), 1);
  } finally {
    await srv.close();
  }
});
