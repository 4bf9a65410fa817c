// The shared layer of the entity lexicons: lists read in every language are written once, each
// with its source, and the per-language lexicons no longer repeat them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/lexicons/load.js';

const dir = join(packageRoot(), 'src', 'lexicons');
const read = (...p: string[]): Record<string, unknown> => JSON.parse(readFileSync(join(dir, ...p), 'utf8')) as Record<string, unknown>;

test('every shared lexicon says what it is and where its entries come from', () => {
  const files = readdirSync(join(dir, 'shared')).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 3);
  for (const f of files) {
    const about = read('shared', f)._about;
    assert.equal(typeof about, 'string', f);
    assert.match(about as string, /Source:/u, f);
  }
});

test('given names, name particles and known organisations are not repeated per language', () => {
  for (const lang of ['fr', 'en']) {
    const cues = read(lang, 'entitycues.json');
    assert.equal(cues.firstNames, undefined, lang);
    assert.equal(cues.nameStartParticles, undefined, lang);
    assert.equal(read(lang, 'organisations.json').names, undefined, lang);
  }
});

test('a known organisation has one canonical name and no alias twice', () => {
  const orgs = read('shared', 'organisations.json').organisations as { canonical: string; aliases: string[] }[];
  const canonicals = new Set<string>();
  const aliases = new Set<string>();
  for (const o of orgs) {
    assert.ok(!canonicals.has(o.canonical), o.canonical);
    canonicals.add(o.canonical);
    for (const a of o.aliases) {
      assert.ok(!aliases.has(a), a);
      aliases.add(a);
    }
  }
});
