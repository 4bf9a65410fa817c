// The API door of validate.ts: POST /api/extract refuses what the CLI refuses, with a problem
// document ({type, title, status, detail}) naming the field, and never a 500.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { packageRoot } from '../src/lexicons/load.js';

// Dispatches written for these tests.
const GOOD_FR = 'Annecy, 9 septembre 2022 — Les pompiers ont maîtrisé mardi un incendie dans un entrepôt du port.';
const GOOD_EN = 'Bristol, 2 March 2023 — Dock workers walked out on Thursday over a pay offer.';

let shared: FastifyInstance | null = null;

async function app(maxBytes?: number): Promise<FastifyInstance> {
  if (maxBytes !== undefined) return buildApp({ store: await openStore('sqlite::memory:'), maxBytes });
  shared ??= await buildApp({ store: await openStore('sqlite::memory:') });
  return shared;
}

async function post(payload: unknown, opts: { maxBytes?: number; raw?: boolean } = {}) {
  const a = await app(opts.maxBytes);
  const res = await a.inject({
    method: 'POST',
    url: '/api/extract',
    ...(opts.raw ? { headers: { 'content-type': 'application/json' }, payload: payload as string } : { payload: payload as object }),
  });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() };
}

/** A refusal: the status, the problem document's shape, the field blamed, the words of the detail. */
function assertProblem(r: Awaited<ReturnType<typeof post>>, status: number, field: string | null, detail: RegExp): void {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.match(r.type, /^application\/problem\+json/);
  assert.equal(r.body.status, status);
  assert.equal(typeof r.body.type, 'string');
  assert.equal(typeof r.body.title, 'string');
  assert.match(r.body.detail, detail);
  if (field !== null) assert.equal(r.body.field, field);
}

test('a good document still gets the output contract', async () => {
  const r = await post({ id: 'fire', text: GOOD_FR, published: '2022-09-09', source: 'Le Messager', lang: 'fr' });
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.body), ['id', 'lang', 'published', 'source', 'publishedFrom', 'sentences', 'mentions', 'quotes', 'times', 'places', 'events']);
  assert.deepEqual([r.body.id, r.body.lang, r.body.published, r.body.source], ['fire', 'fr', '2022-09-09', 'Le Messager']);
  const anonymous = await post({ text: GOOD_EN, published: null, source: null });
  assert.equal(anonymous.status, 200);
  assert.equal(anonymous.body.id, 'posted');
});

test('empty text: 400 naming the document and the field', async () => {
  assertProblem(await post({ id: 'void', text: '' }), 400, 'text', /^void: empty document \(no text\)$/);
  assertProblem(await post({ text: '\n  \t' }), 400, 'text', /^document: empty document/);
});

test('text over the size limit: 413 with the sizes, the body itself being allowed', async () => {
  const r = await post({ id: 'long', text: GOOD_EN.repeat(20) }, { maxBytes: 1000 });
  assertProblem(r, 413, 'text', /^long: 1\.\d KB is over the 1000 bytes limit for one document/);
  // Counted in UTF-8 bytes, as a file is: 600 characters of "é" are 1200 bytes.
  assertProblem(await post({ text: 'é'.repeat(600) }, { maxBytes: 1000 }), 413, 'text', /1\.2 KB is over/);
  assert.equal((await post({ text: 'e'.repeat(600) + ' fin.' }, { maxBytes: 1000 })).status, 200);
  // A body far over any document is cut by the body limit, and still answered as a problem.
  assertProblem(await post({ text: 'x'.repeat(100_000) }, { maxBytes: 1000 }), 413, 'body', /./);
});

test('NUL characters are refused as binary content', async () => {
  assertProblem(await post({ id: 'nul', text: 'Les pompiers\u0000 sont intervenus.' }), 400, 'text', /^nul: binary content \(NUL character at index 12\)/);
});

test('control characters in bulk are refused as binary content', async () => {
  const junk = '\u0001\u0002\u0003\u0004abc\u0005\u0006\u0007\u0008';
  assertProblem(await post({ text: junk.repeat(10) }), 400, 'text', /binary content \(control characters\)/);
});

test('lone surrogates are refused as invalid Unicode; a real emoji pair is fine', async () => {
  assertProblem(await post({ id: 'half', text: 'Les dockers \ud83d ont voté.' }), 400, 'text', /^half: text is not valid Unicode \(lone surrogate \\uD83D at index 12\)/);
  // Raw JSON escapes, as a client in another language would send them.
  assertProblem(await post('{"text":"fin \\udfff"}', { raw: true }), 400, 'text', /lone surrogate \\uDFFF at index 4/);
  assert.equal((await post({ text: GOOD_EN + ' 🚢' })).status, 200);
});

test('text must be a string: numbers are no longer turned into text', async () => {
  assertProblem(await post({ id: 'n', text: 12345 }), 400, 'text', /^n: text must be a string, not number$/);
  assertProblem(await post({ id: 'b', text: true }), 400, 'text', /text must be a string, not boolean/);
  assertProblem(await post({ id: 'arr', text: [GOOD_EN] }), 400, 'text', /text must be a string, not array/);
  assertProblem(await post({ id: 'missing' }), 400, 'text', /^missing: text is missing$/);
});

test('id and source must be strings when given', async () => {
  assertProblem(await post({ id: 99, text: GOOD_EN }), 400, 'id', /^document: id must be a string, not number$/);
  assertProblem(await post({ id: '', text: GOOD_EN }), 400, 'id', /id is empty/);
  assertProblem(await post({ id: 'x'.repeat(301), text: GOOD_EN }), 400, 'id', /id is longer than 300 characters/);
  assertProblem(await post({ id: 's', text: GOOD_EN, source: 7 }), 400, 'source', /^s: source must be a string, not number$/);
  assertProblem(await post({ id: 's2', text: GOOD_EN, source: { name: 'Wire' } }), 400, 'source', /source must be a string, not object/);
});

test('published must be a real calendar date or a full ISO timestamp', async () => {
  assertProblem(await post({ id: 'p', text: GOOD_FR, published: '2021-02-30' }), 400, 'published', /^p: published "2021-02-30": not a calendar date \(February 2021 has 28 days\)$/);
  assertProblem(await post({ text: GOOD_FR, published: '2022-00-10' }), 400, 'published', /there is no month 00/);
  assertProblem(await post({ text: GOOD_FR, published: '09/09/2022' }), 400, 'published', /expected YYYY-MM-DD or a full ISO 8601 timestamp/);
  assertProblem(await post({ text: GOOD_FR, published: '2022-09-09T10:61' }), 400, 'published', /not a time of day/);
  assertProblem(await post({ text: GOOD_FR, published: 20220909 }), 400, 'published', /published must be a string, not number/);
  const stamp = await post({ text: GOOD_FR, published: '2022-09-09T17:45:00.250Z' });
  assert.equal(stamp.status, 200);
  assert.equal(stamp.body.published, '2022-09-09');
  assert.equal((await post({ text: GOOD_FR, published: '2000-02-29' })).status, 200);
});

test('lang must be one the pipeline reads, or the answer lists those it does', async () => {
  assertProblem(await post({ id: 'l', text: GOOD_EN, lang: 'nl' }), 400, 'lang', /^l: lang "nl": not a language Vigie reads \(accepted: fr, en\)$/);
  assertProblem(await post({ text: GOOD_EN, lang: 'english please' }), 400, 'lang', /accepted: fr, en/);
  assertProblem(await post({ text: GOOD_EN, lang: 1 }), 400, 'lang', /lang must be a string, not number/);
  const tagged = await post({ text: GOOD_EN, lang: 'en-GB' });
  assert.equal(tagged.status, 200);
  assert.equal(tagged.body.lang, 'en');
});

test('a body that is not a document object: 400 naming the body', async () => {
  assertProblem(await post('[{"text":"a"}]', { raw: true }), 400, 'body', /^expected a JSON object .*, not an array$/);
  assertProblem(await post('"just a string"', { raw: true }), 400, 'body', /not a string/);
  assertProblem(await post('null', { raw: true }), 400, 'body', /not null/);
  assertProblem(await post('{"text": "cut', { raw: true }), 400, 'body', /not valid JSON/);
  const a = await app();
  const plain = await a.inject({ method: 'POST', url: '/api/extract', headers: { 'content-type': 'text/plain' }, payload: GOOD_EN });
  assert.equal(plain.statusCode, 400);
  assert.equal(plain.json().field, 'body');
});

test('the CLI and the API refuse the same document in the same words', async () => {
  const bad = [
    { id: 'same-1', text: GOOD_FR, published: '2022-11-31' },
    { id: 'same-2', text: GOOD_EN, lang: 'pt' },
    { id: 'same-3', text: 404 },
    { id: 'same-4', text: 'Le port\u0000 est fermé.' },
  ];
  const bin = join(packageRoot(), 'bin', 'vigie.js');
  const cli = spawnSync(process.execPath, [bin, 'extract', '-'], { input: bad.map((d) => JSON.stringify(d)).join('\n') + '\n', encoding: 'utf8' });
  for (const [i, doc] of bad.entries()) {
    const api = await post(doc);
    assert.equal(api.status, 400);
    const words = api.body.detail.replace(`${doc.id}: `, '');
    assert.ok(cli.stderr.includes(`vigie: stdin:${i + 1}: document "${doc.id}": ${words}\n`), `${words}\n---\n${cli.stderr}`);
  }
});
