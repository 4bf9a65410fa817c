// The `vigie` command as a user runs it: real process, real files, real exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/lexicons/load.js';

const BIN = join(packageRoot(), 'bin', 'vigie.js');

function vigie(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input: opts.input, encoding: 'utf8', env: { ...process.env, ...opts.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const DISPATCH = 'Bamako, 3 mars 2024 — Des tirs ont été entendus mardi près du camp militaire. M. Traoré, porte-parole du gouvernement, a démenti toute attaque.\nLa situation est calme.';

test('extract prints one contract record per document, offsets slicing the text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-'));
  writeFileSync(join(dir, 'bamako.fr.txt'), DISPATCH);
  const r = vigie(['extract', join(dir, 'bamako.fr.txt'), '--published', '2024-03-05', '--source', 'Wire']);
  assert.equal(r.code, 0, r.err);
  const rec = JSON.parse(r.out);
  assert.equal(rec.id, 'bamako');
  assert.equal(rec.lang, 'fr');
  assert.equal(rec.published, '2024-03-05');
  assert.equal(rec.source, 'Wire');
  for (const k of ['mentions', 'quotes', 'times', 'places', 'events']) assert.ok(Array.isArray(rec[k]), k);
  const sentences = rec.sentences.map((s: { start: number; end: number }) => DISPATCH.slice(s.start, s.end));
  assert.equal(sentences.length, 3);
  assert.ok(sentences[1].startsWith('M. Traoré'), sentences[1]);
});

test('extract reads JSON Lines on stdin and writes one line per document', () => {
  const input = '{"id":"a","text":"The talks ended on Friday."}\n{"id":"b","text":"Les pourparlers ont repris."}\n';
  const r = vigie(['extract', '-'], { input });
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l.id, l.lang]), [['a', 'en'], ['b', 'fr']]);
});

test('a batch with bad inputs: errors name each input, good ones go through, exit 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-bad-'));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'bin.txt'), Buffer.from([0, 1, 2, 3, 0, 255]));
  writeFileSync(join(dir, 'good.txt'), DISPATCH);
  writeFileSync(join(dir, 'lines.jsonl'), 'oops\n{"id":"j1","text":"Une phrase."}\n');
  const r = vigie(['extract', dir]);
  assert.equal(r.code, 0);
  assert.deepEqual(r.out.trim().split('\n').map((l) => JSON.parse(l).id).sort(), ['good', 'j1']);
  assert.match(r.err, /empty\.txt: empty file/);
  assert.match(r.err, /bin\.txt: binary content/);
  assert.match(r.err, /lines\.jsonl:1: not JSON/);
});

test('nothing processable: a non-zero exit code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-none-'));
  writeFileSync(join(dir, 'empty.txt'), '');
  const r = vigie(['extract', join(dir, 'empty.txt')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /empty\.txt: empty file/);
});

test('usage errors exit 2 with the usage text', () => {
  const r = vigie(['extract', 'x.txt', '--published', 'yesterday']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--published yesterday: expected YYYY-MM-DD/);
  assert.equal(vigie(['frobnicate']).code, 2);
});

test('ingest stores documents once and summarises duplicates and failures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-ingest-'));
  writeFileSync(join(dir, 'a.txt'), DISPATCH);
  writeFileSync(join(dir, 'b.txt'), DISPATCH + '\n');
  writeFileSync(join(dir, 'c.txt'), '');
  const env = { VIGIE_DATABASE_URL: `sqlite:${join(dir, 'db', 'v.db')}` };
  const first = vigie(['ingest', dir], { env });
  assert.equal(first.code, 0, first.err);
  assert.match(first.err, /ingested 1, duplicates 1, failed 1/);
  assert.match(first.err, /c\.txt: empty file/);
  const again = vigie(['ingest', join(dir, 'a.txt')], { env });
  assert.match(again.err, /ingested 0, duplicates 1, failed 0/);
  const updated = vigie(['ingest', '--update', join(dir, 'a.txt')], { env });
  assert.match(updated.err, /ingested 0, duplicates 0, updated 1, failed 0/);
});

test('one small file (read on the main thread) gives the same record as the same file in a folder (read by the pool)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-one-'));
  const text = 'NIAMEY, 4 mars 2024 (AFP) - Des hommes armés ont attaqué lundi soir un marché près de Tillabéri, tuant cinq commerçants, a indiqué un élu local.';
  writeFileSync(join(dir, 'marche.txt'), text);
  writeFileSync(join(dir, 'other.txt'), 'LONDON, March 4, 2024 (Reuters) - Police arrested two men in Leeds on Monday, a spokesman said.');
  const one = vigie(['extract', join(dir, 'marche.txt')]);
  assert.equal(one.code, 0, one.err);
  const batch = vigie(['extract', dir]);
  assert.equal(batch.code, 0, batch.err);
  const fromOne = JSON.parse(one.out.trim()) as { id: string; events: unknown[]; places: unknown[] };
  const fromBatch = batch.out.trim().split('\n').map((l: string) => JSON.parse(l) as { id: string }).find((r: { id: string }) => r.id === fromOne.id);
  assert.ok(fromBatch, 'the folder holds the same document');
  assert.deepEqual(fromOne, fromBatch);
  assert.ok(fromOne.events.length > 0 && fromOne.places.length > 0, 'and it is no empty record');
});
