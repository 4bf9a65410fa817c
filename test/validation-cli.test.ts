// The CLI door of validate.ts: every rule a document must pass, as a user meets it — a real
// `vigie` process, real files, the message on stderr naming the file, the line or the id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/lexicons/load.js';
import { openStore } from '../src/store/index.js';

const BIN = join(packageRoot(), 'bin', 'vigie.js');

interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Run as this user (needs root): permissions mean nothing to root itself. */
  uid?: number;
}

function vigie(args: string[], opts: RunOptions = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Dispatches written for these tests.
const GOOD_FR = 'Grenoble, 12 avril 2023 — Le conseil municipal a voté jeudi la fermeture du pont de la Bastille pour travaux.';
const GOOD_EN = 'Leeds, 4 June 2022 — The city council approved on Monday a new bus line to the airport.';

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `vigie-valid-${prefix}-`));
}

function jsonl(...docs: unknown[]): string {
  return docs.map((d) => (typeof d === 'string' ? d : JSON.stringify(d))).join('\n') + '\n';
}

/** The ids of the records on stdout, in order. */
function ids(out: string): string[] {
  return out.trim() ? out.trim().split('\n').map((l) => JSON.parse(l).id as string) : [];
}

test('empty text: an empty file, a blank file and a blank JSON Lines text are each refused by name', () => {
  const dir = tmp('empty');
  writeFileSync(join(dir, 'nothing.txt'), '');
  writeFileSync(join(dir, 'spaces.txt'), ' \n\t\n');
  writeFileSync(join(dir, 'ok.txt'), GOOD_FR);
  writeFileSync(join(dir, 'feed.jsonl'), jsonl({ id: 'blank-one', text: '  \n ' }, { id: 'kept', text: GOOD_EN }));
  const r = vigie(['extract', dir]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(ids(r.out).sort(), ['kept', 'ok']);
  assert.match(r.err, /nothing\.txt: empty file/);
  assert.match(r.err, /spaces\.txt: empty document \(no text\)/);
  assert.match(r.err, /feed\.jsonl:1: document "blank-one": empty document \(no text\)/);
});

test('size limit: a file, a stdin text and a JSON Lines line over --max-bytes are refused with both sizes', () => {
  const dir = tmp('size');
  writeFileSync(join(dir, 'long.txt'), GOOD_FR.repeat(10));
  writeFileSync(join(dir, 'short.txt'), GOOD_EN);
  const r = vigie(['extract', '--max-bytes', '400', join(dir, 'long.txt'), join(dir, 'short.txt')]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(ids(r.out), ['short']);
  assert.match(r.err, /long\.txt: 1\.\d KB is over the 400 bytes limit for one document \(--max-bytes\)/);

  const piped = vigie(['extract', '--max-bytes', '400', '-'], { input: GOOD_FR.repeat(10) });
  assert.equal(piped.code, 1);
  assert.match(piped.err, /stdin: .* is over the 400 bytes limit/);

  const lines = vigie(['extract', '--max-bytes', '400', '-'], { input: jsonl({ id: 'big', text: GOOD_EN.repeat(8) }, { id: 'small', text: GOOD_EN }) });
  assert.equal(lines.code, 0, lines.err);
  assert.deepEqual(ids(lines.out), ['small']);
  assert.match(lines.err, /stdin:1: document "big": 712 bytes is over the 400 bytes limit/);
});

test('NUL bytes: raw in a file or escaped as \\u0000 in JSON Lines, the document is refused', () => {
  const dir = tmp('nul');
  writeFileSync(join(dir, 'raw.txt'), Buffer.concat([Buffer.from('Un début normal'), Buffer.from([0]), Buffer.from(' puis la suite.')]));
  writeFileSync(join(dir, 'esc.jsonl'), jsonl({ id: 'with-nul', text: 'Le maire\u0000 a parlé.' }, { id: 'clean', text: GOOD_FR }));
  const r = vigie(['extract', dir]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(ids(r.out), ['clean']);
  assert.match(r.err, /raw\.txt: binary content \(NUL bytes\)/);
  // Before the shared validation, the escaped NUL went through to the pipeline.
  assert.match(r.err, /esc\.jsonl:1: document "with-nul": binary content \(NUL character at index 8\)/);
});

test('invalid UTF-8 in a file, a lone surrogate in a JSON Lines string: refused, the place given', () => {
  const dir = tmp('utf');
  writeFileSync(join(dir, 'cp1252.txt'), Buffer.from('Caf\xe9 ferm\xe9 lundi.', 'latin1'));
  writeFileSync(join(dir, 'halves.jsonl'), '{"id":"half","text":"Avant \\udc01 après"}\n' + jsonl({ id: 'whole', text: GOOD_FR + ' 🙂' }));
  const r = vigie(['extract', dir]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(ids(r.out), ['whole']);
  assert.match(r.err, /cp1252\.txt: not valid UTF-8 \(first bad byte at offset 3\)/);
  assert.match(r.err, /halves\.jsonl:1: document "half": text is not valid Unicode \(lone surrogate \\uDC01 at index 6\)/);
});

test('text must be a string: a number, an object or a missing text is refused naming the field', () => {
  const input = jsonl({ id: 'num', text: 2023 }, { id: 'obj', text: { fr: GOOD_FR } }, { id: 'none' }, { id: 'fine', text: GOOD_EN });
  const r = vigie(['extract', '-'], { input });
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(ids(r.out), ['fine']);
  assert.match(r.err, /stdin:1: document "num": text must be a string, not number/);
  assert.match(r.err, /stdin:2: document "obj": text must be a string, not object/);
  assert.match(r.err, /stdin:3: document "none": text is missing/);
});

test('id and source must be strings when given; a line that is not an object is refused', () => {
  const input = jsonl({ id: 17, text: GOOD_EN }, { id: 'src', text: GOOD_EN, source: ['Wire'] }, { id: '', text: GOOD_FR }, '[1,2]', { id: 'good', text: GOOD_FR, source: null });
  const r = vigie(['extract', '-'], { input });
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(ids(r.out), ['good']);
  assert.match(r.err, /stdin:1: id must be a string, not number/);
  assert.match(r.err, /stdin:2: document "src": source must be a string, not array/);
  assert.match(r.err, /stdin:3: id is empty/);
  assert.match(r.err, /stdin:4: expected a JSON object .*, not an array/);
});

test('published must be a real calendar date: 2021-02-30 refused, full ISO timestamps accepted', () => {
  const input = jsonl(
    { id: 'feb30', text: GOOD_FR, published: '2021-02-30' },
    { id: 'month13', text: GOOD_FR, published: '2022-13-01' },
    { id: 'words', text: GOOD_FR, published: 'le 3 mars' },
    { id: 'hour25', text: GOOD_FR, published: '2022-03-01T25:00:00Z' },
    { id: 'leap', text: GOOD_FR, published: '2024-02-29' },
    { id: 'stamp', text: GOOD_EN, published: '2022-06-04T08:15:00+01:00' },
  );
  const r = vigie(['extract', '-'], { input });
  assert.equal(r.code, 0, r.err);
  const recs = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(recs.map((x) => [x.id, x.published]), [['leap', '2024-02-29'], ['stamp', '2022-06-04']]);
  assert.match(r.err, /stdin:1: document "feb30": published "2021-02-30": not a calendar date \(February 2021 has 28 days\)/);
  assert.match(r.err, /stdin:2: .*"2022-13-01": not a calendar date \(there is no month 13\)/);
  assert.match(r.err, /stdin:3: .*"le 3 mars": expected YYYY-MM-DD or a full ISO 8601 timestamp/);
  assert.match(r.err, /stdin:4: .*not a time of day/);
});

test('--published goes through the same check: a day that never was is a usage error, a timestamp is fine', () => {
  const dir = tmp('pubflag');
  writeFileSync(join(dir, 'd.txt'), GOOD_FR);
  const bad = vigie(['extract', join(dir, 'd.txt'), '--published', '2023-04-31']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--published 2023-04-31: not a calendar date \(April 2023 has 30 days\)/);
  const ok = vigie(['extract', join(dir, 'd.txt'), '--published', '2023-04-13T09:30:00Z']);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(JSON.parse(ok.out).published, '2023-04-13');
});

test('lang must be one the pipeline reads: others are refused with the accepted list', () => {
  const input = jsonl({ id: 'de', text: GOOD_EN, lang: 'de' }, { id: 'tagged', text: GOOD_FR, lang: 'fr-CA' }, { id: 'upper', text: GOOD_EN, lang: 'EN' });
  const r = vigie(['extract', '-'], { input });
  assert.equal(r.code, 0, r.err);
  const recs = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(recs.map((x) => [x.id, x.lang]), [['tagged', 'fr'], ['upper', 'en']]);
  assert.match(r.err, /stdin:1: document "de": lang "de": not a language Vigie reads \(accepted: fr, en\)/);

  const flag = vigie(['extract', '-', '--lang', 'es'], { input: GOOD_EN });
  assert.equal(flag.code, 2);
  assert.match(flag.err, /--lang es: not a language Vigie reads \(accepted: fr, en\)/);
});

test('ingest applies the same rules: bad lines are counted as failed with the same words', () => {
  const dir = tmp('ingest');
  writeFileSync(join(dir, 'mix.jsonl'), jsonl(
    { id: 'a', text: GOOD_FR, published: '2023-02-29' },
    { id: 'b', text: 5 },
    { id: 'c', text: GOOD_EN, lang: 'it' },
    { id: 'd', text: GOOD_EN },
  ));
  const env = { VIGIE_DATABASE_URL: `sqlite:${join(dir, 'db', 'v.db')}` };
  const r = vigie(['ingest', join(dir, 'mix.jsonl')], { env });
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /ingested 1, duplicates 0, failed 3/);
  assert.match(r.err, /failed: .*mix\.jsonl:1: document "a": published "2023-02-29": not a calendar date \(February 2023 has 28 days\)/);
  assert.match(r.err, /failed: .*mix\.jsonl:2: document "b": text must be a string, not number/);
  assert.match(r.err, /failed: .*mix\.jsonl:3: document "c": lang "it": not a language Vigie reads \(accepted: fr, en\)/);
  const flag = vigie(['ingest', join(dir, 'mix.jsonl'), '--published', '2023-02-29'], { env });
  assert.equal(flag.code, 2);
});

/** A folder with a locked subfolder between two readable ones, and who must run vigie to feel the lock. */
function lockedTree(): { dir: string; uid: number | undefined } | null {
  const dir = tmp('locked');
  for (const sub of ['a-open', 'b-locked', 'c-open']) mkdirSync(join(dir, sub));
  writeFileSync(join(dir, 'a-open', 'first.txt'), GOOD_FR);
  writeFileSync(join(dir, 'b-locked', 'hidden.txt'), GOOD_EN);
  writeFileSync(join(dir, 'c-open', 'last.txt'), GOOD_EN + ' The line opens in May.');
  mkdirSync(join(dir, 'db'));
  // The runner may be root (CI is): root reads any folder, so the CLI then runs as 'nobody'.
  const uid = process.getuid?.() === 0 ? 65534 : undefined;
  if (uid !== undefined) {
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'db'), 0o777);
  }
  chmodSync(join(dir, 'b-locked'), 0o000);
  // A file system that ignores modes cannot show the case.
  if (uid === undefined) {
    try {
      readdirSync(join(dir, 'b-locked'));
      return null;
    } catch {
      /* locked, as wanted */
    }
  }
  return { dir, uid };
}

test('an unreadable subfolder is one more error in the batch, not its end (extract)', (t) => {
  const tree = lockedTree();
  if (!tree) return t.skip('this file system ignores folder permissions');
  try {
    const r = vigie(['extract', tree.dir], { uid: tree.uid });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(ids(r.out), ['first', 'last']);
    assert.match(r.err, /b-locked: unreadable folder: permission denied \(EACCES\)/);
    assert.match(r.err, /2 document\(s\) extracted, 1 failed/);
  } finally {
    chmodSync(join(tree.dir, 'b-locked'), 0o755);
  }
});

test('an unreadable subfolder is one more error in the batch, not its end (ingest)', (t) => {
  const tree = lockedTree();
  if (!tree) return t.skip('this file system ignores folder permissions');
  try {
    const env = { VIGIE_DATABASE_URL: `sqlite:${join(tree.dir, 'db', 'v.db')}` };
    const r = vigie(['ingest', join(tree.dir, 'a-open'), join(tree.dir, 'b-locked'), tree.dir], { env, uid: tree.uid });
    assert.equal(r.code, 0, r.err);
    // a-open is named twice: its file is a duplicate the second time.
    assert.match(r.err, /ingested 2, duplicates 1, failed 2/);
    assert.match(r.err, /failed: .*b-locked: unreadable folder: permission denied \(EACCES\)/);
  } finally {
    chmodSync(join(tree.dir, 'b-locked'), 0o755);
  }
});

test('ingest --update keeps the stored published and source unless new ones are given', async () => {
  const dir = tmp('update');
  const file = join(dir, 'council.txt');
  writeFileSync(file, 'Le conseil municipal a voté hier la fermeture du pont pour travaux.');
  const url = `sqlite:${join(dir, 'v.db')}`;
  const env = { VIGIE_DATABASE_URL: url };
  const stored = async () => {
    const store = await openStore(url);
    try {
      const doc = await store.getDocument('council');
      assert.ok(doc, 'stored under the file name');
      const hier = doc.record.times.find((x) => x.text === 'hier');
      return { published: doc.published, source: doc.source, recPublished: doc.record.published, recSource: doc.record.source, hier: hier?.value };
    } finally {
      await store.close();
    }
  };
  const first = vigie(['ingest', file, '--published', '2023-04-14', '--source', 'Le Dauphiné'], { env });
  assert.match(first.err, /ingested 1/, first.err);
  const expected = { published: '2023-04-14', source: 'Le Dauphiné', recPublished: '2023-04-14', recSource: 'Le Dauphiné', hier: '2023-04-13' };
  assert.deepEqual(await stored(), expected);

  // Re-extracted from the bare file: nothing given, so nothing lost ("hier" still resolved).
  const again = vigie(['ingest', '--update', file], { env });
  assert.match(again.err, /updated 1, failed 0/, again.err);
  assert.deepEqual(await stored(), expected);

  // A new dateline given with --update wins, and the relative dates follow it.
  const moved = vigie(['ingest', '--update', file, '--published', '2023-05-02'], { env });
  assert.match(moved.err, /updated 1, failed 0/, moved.err);
  const after = await stored();
  assert.equal(after.published, '2023-05-02');
  assert.equal(after.recPublished, '2023-05-02');
  assert.equal(after.hier, '2023-05-01');
  assert.equal(after.recSource, 'Le Dauphiné');

  // A new outlet given with --update wins too, in the record and in the stored columns.
  const renamed = vigie(['ingest', '--update', file, '--source', 'Le Progrès'], { env });
  assert.match(renamed.err, /updated 1, failed 0/, renamed.err);
  const last = await stored();
  assert.equal(last.source, 'Le Progrès');
  assert.equal(last.recSource, 'Le Progrès');
  assert.equal(last.published, '2023-05-02');
});

test('VIGIE_DATABASE_URL must be sqlite:… or postgres(ql)://…; others are refused with the accepted forms', () => {
  const dir = tmp('url');
  writeFileSync(join(dir, 'd.txt'), GOOD_EN);
  for (const url of ['mysql://ana:hunter2@db.internal/vigie', join(dir, 'bare.db'), 'sqlite:']) {
    const r = vigie(['ingest', join(dir, 'd.txt')], { env: { VIGIE_DATABASE_URL: url } });
    assert.equal(r.code, 2, url);
    assert.match(r.err, /accepted: sqlite:PATH .*postgres:\/\/USER@HOST\/DB or postgresql:\/\/USER@HOST\/DB/, url);
  }
  const masked = vigie(['ingest', join(dir, 'd.txt')], { env: { VIGIE_DATABASE_URL: 'mysql://ana:hunter2@db.internal/vigie' } });
  assert.doesNotMatch(masked.err, /hunter2/);
  assert.match(masked.err, /mysql:\/\/ana:\*\*\*@db\.internal\/vigie: not a store URL/);
  // No file of the refused name was made.
  assert.deepEqual(readdirSync(dir), ['d.txt']);
  // A PostgreSQL URL is taken: a server that does not answer is said, with the URL, password masked.
  const pg = vigie(['ingest', join(dir, 'd.txt')], { env: { VIGIE_DATABASE_URL: 'postgresql://ana:hunter2@127.0.0.1:1/vigie' } });
  assert.equal(pg.code, 2);
  assert.match(pg.err, /postgresql:\/\/ana:\*\*\*@127\.0\.0\.1:1\/vigie: .*ECONNREFUSED/);
  assert.doesNotMatch(pg.err, /hunter2/);
});

test('vigie --version and -V print the version of package.json', () => {
  const { version } = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const r = vigie([flag]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, `vigie ${version}\n`);
  }
  assert.equal(vigie(['extract', '--version']).out, `vigie ${version}\n`);
});
