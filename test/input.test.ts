// Bad input gets a clear error that names the document, and the rest of the batch goes through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readInputs, decodeText, firstInvalidUtf8, idFromPath, type InputItem } from '../src/io/input.js';

async function collect(it: AsyncIterable<InputItem>): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-input-'));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'blank.txt'), '  \n\n ');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Le d\xe9put\xe9 a parl\xe9.', 'latin1'));
  writeFileSync(join(dir, 'good.fr.txt'), 'Le député a parlé mardi devant la presse.');
  writeFileSync(join(dir, 'batch.jsonl'), [
    '{"id":"one","text":"Le maire a démissionné.","published":"2024-03-02"}',
    '{not json',
    '{"id":"two"}',
    '',
    '{"id":"three","text":"The mayor resigned.","lang":"en"}',
  ].join('\n'));
  return dir;
}

test('a folder: good documents come through, each bad one is an error naming it', async () => {
  const dir = fixtureDir();
  const items = await collect(readInputs([dir]));
  const docs = items.filter((i) => i.kind === 'document').map((i) => (i.kind === 'document' ? i.doc.id : ''));
  assert.deepEqual(docs.sort(), ['good', 'one', 'three']);
  const errors = Object.fromEntries(items.filter((i) => i.kind === 'error').map((i) => [i.origin.replace(dir + '/', ''), i.kind === 'error' ? i.message : '']));
  assert.match(errors['empty.txt'], /empty/);
  assert.match(errors['blank.txt'], /empty document/);
  assert.match(errors['binary.txt'], /binary/);
  assert.match(errors['latin1.txt'], /not valid UTF-8 .*offset 4/);
  assert.match(errors['batch.jsonl:2'], /not JSON/);
  assert.match(errors['batch.jsonl:3'], /text/);
  assert.equal(Object.keys(errors).length, 6);
});

test('a file over the size limit is refused with its size, not read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-big-'));
  writeFileSync(join(dir, 'big.txt'), 'a'.repeat(3000));
  const [item] = await collect(readInputs([join(dir, 'big.txt')], { maxBytes: 1000 }));
  assert.equal(item.kind, 'error');
  assert.match(item.kind === 'error' ? item.message : '', /over the .* limit/);
});

test('a missing path is an error, not a crash', async () => {
  const [item] = await collect(readInputs(['/nonexistent/vigie/file.txt']));
  assert.deepEqual(item, { kind: 'error', origin: '/nonexistent/vigie/file.txt', message: 'no such file or folder' });
});

test('stdin holding JSON Lines is read line by line, with defaults applied', async () => {
  const stdin = Readable.from([Buffer.from('{"id":"a","text":"Bonjour à tous."}\n{"id":"b","text":"Hello all.","source":"X"}\n')]);
  const items = await collect(readInputs(['-'], { stdin, defaults: { source: 'Wire', published: '2024-01-01' } }));
  assert.deepEqual(items.map((i) => (i.kind === 'document' ? [i.doc.id, i.doc.source, i.doc.published] : null)), [
    ['a', 'Wire', '2024-01-01'],
    ['b', 'X', '2024-01-01'],
  ]);
});

test('stdin holding plain text is one document', async () => {
  const stdin = Readable.from([Buffer.from('Un texte simple.')]);
  const [item] = await collect(readInputs(['-'], { stdin }));
  assert.equal(item.kind === 'document' ? item.doc.text : null, 'Un texte simple.');
});

test('a JSONL line with an invalid UTF-8 byte fails alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-jl-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'x.jsonl'), Buffer.concat([
    Buffer.from('{"id":"bad","text":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n{"id":"ok","text":"fine"}\n'),
  ]));
  const items = await collect(readInputs([dir]));
  assert.equal(items[0].kind, 'error');
  assert.match(items[0].origin, /x\.jsonl:1$/);
  assert.equal(items[1].kind === 'document' ? items[1].doc.id : null, 'ok');
});

test('decoding: UTF-8 with accents passes, the first bad byte is located', () => {
  assert.equal(decodeText(Buffer.from('déjà vu')), 'déjà vu');
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xff])), 2);
  assert.equal(firstInvalidUtf8(Buffer.from('ok')), -1);
});

test('ids come from file names without extension and language suffix', () => {
  assert.equal(idFromPath('/x/afp-kaboul.fr.txt'), 'afp-kaboul');
  assert.equal(idFromPath('reuters.txt'), 'reuters');
});
