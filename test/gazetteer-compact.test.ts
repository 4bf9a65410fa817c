// The compact gazetteer (one Buffer, typed-array hash tables pointing at the keys' bytes): it must
// answer exactly as the Map-based one did. Small hand-made files, so each case is known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gazetteer } from '../src/gazetteer/index.js';

// featureCode geonameId country admin1 admin2 population lat lon name keys folded
const row = (fc: string, id: string, cc: string, a1: string, a2: string, name: string, keys: string, folded = '') =>
  [fc, id, cc, a1, a2, '100', '10.5', '-3.25', name, keys, folded].join('\t');

function load(lines: string[] | Buffer): Gazetteer {
  const path = join(mkdtempSync(join(tmpdir(), 'gaz-')), 'g.tsv');
  writeFileSync(path, Array.isArray(lines) ? lines.join('\n') + '\n' : lines);
  const g = new Gazetteer();
  g.loadFile(path);
  return g;
}

const names = (es: readonly { name: string }[]) => es.map((e) => e.name);

test('a key shared by several entries gives them all, in file order, each once', () => {
  const g = load([
    row('PPL', '1', 'AA', '01', '', 'Springfield A', 'springfield|spring field'),
    row('PPLA', '2', 'BB', '02', '', 'Springfield B', 'springfield|springfield'),
    row('ADM1', '3', 'CC', '03', '', 'Springfield C', 'springfield'),
  ]);
  assert.deepEqual(names(g.lookup('springfield')), ['Springfield A', 'Springfield B', 'Springfield C']);
  assert.deepEqual(names(g.lookup('spring field')), ['Springfield A']);
});

test('a key is found only whole: no prefix, no extension, no two keys joined by a separator', () => {
  const g = load([row('PPL', '1', 'AA', '', '', 'Abc', 'ab|abcd'), row('PPL', '2', 'AA', '', '', 'X', 'x', 'ks')]);
  assert.equal(g.hasKey('ab'), true);
  assert.equal(g.hasKey('abcd'), true);
  for (const k of ['a', 'abc', 'abcde', 'ab|abcd', 'ab\tabcd', 'abcd\n', '', 'AB', 'x\t']) {
    assert.equal(g.hasKey(k), false, JSON.stringify(k));
    assert.deepEqual(g.lookup(k), []);
  }
  // The folded column is its own index: 'ks' is only reached through lookupFolded.
  assert.deepEqual(g.lookup('ks'), []);
  assert.deepEqual(names(g.lookupFolded('ks')), ['X']);
});

test('many keys: every one resolves to its own entry (colliding slots are told apart)', () => {
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) lines.push(row('PPL', String(i), 'AA', '', '', `N${i}`, `k${i}|k${i} x`));
  const g = load(lines);
  for (let i = 0; i < 3000; i++) {
    assert.deepEqual(names(g.lookup(`k${i}`)), [`N${i}`]);
    assert.deepEqual(names(g.lookup(`k${i} x`)), [`N${i}`]);
  }
  assert.deepEqual(g.lookup('k3000'), []);
});

test('string keys added after the file join the same lists, and the tables grow without losing any', () => {
  const g = load([row('PPL', '1', 'AA', '', '', 'Paris', 'paris')]);
  g.addKeys(0, ['lutece'], []);
  // 60,000 keys overflow the table sized for them at first: it must rehash both kinds of key.
  const empty = new Gazetteer();
  for (let i = 0; i < 60000; i++) empty.addKeys(i, [`key ${i}`], [`f${i}`]);
  for (let i = 0; i < 60000; i += 997) assert.equal(empty.hasKey(`key ${i}`), true);
  assert.equal(empty.hasKey('key 60000'), false);
  assert.deepEqual(names(g.lookup('lutece')), ['Paris']);
  g.addKeys(0, ['paris'], []); // same entry again: no duplicate
  assert.equal(g.lookup('paris').length, 1);
});

test('an entry parsed on first use is the same object, with the same values, every time', () => {
  const g = load([row('PPLC', '42', 'FR', '11', '75', 'Paris', 'paris|lutece')]);
  const a = g.lookup('paris')[0];
  const b = g.lookup('lutece')[0];
  assert.equal(a, b);
  assert.equal(g.entry(0), a);
  assert.deepEqual(a, {
    index: 0, featureCode: 'PPLC', geonameId: 42, country: 'FR', admin1Code: '11', admin2Code: '75',
    population: 100, lat: 10.5, lon: -3.25, name: 'Paris',
  });
  assert.equal(g.entry(1), undefined);
});

test('Unicode keys compare by their characters; a lone surrogate matches no key', () => {
  const g = load([
    row('PPL', '1', 'AZ', '', '', 'Gəncə', 'gəncə|ŋa'),
    row('PPL', '2', 'ZZ', '', '', 'Emoji', 'a😀b'),
    row('PPL', '3', 'ZZ', '', '', 'Replacement', 'x\uFFFD'),
  ]);
  assert.deepEqual(names(g.lookup('gəncə')), ['Gəncə']);
  assert.deepEqual(names(g.lookup('ŋa')), ['Gəncə']);
  assert.deepEqual(names(g.lookup('a😀b')), ['Emoji']);
  assert.deepEqual(g.lookup('a😀'), []);
  assert.deepEqual(g.lookup('gənc'), []);
  assert.deepEqual(names(g.lookup('x\uFFFD')), ['Replacement']);
  assert.deepEqual(g.lookup('x\uD800'), []); // would encode to the same bytes as U+FFFD
});

test('district and province names, the last line winning on a repeated code', () => {
  const g = load([
    row('ADM1', '1', 'FR', '11', '', 'Île-de-France', 'ile de france'),
    row('ADM2', '2', 'FR', '11', '75', 'Old Paris', ''),
    row('ADM2', '3', 'FR', '11', '75', 'Paris', ''),
    row('ADM2', '4', 'FR', '11', '92', 'Hauts-de-Seine', 'hauts de seine'),
    row('PPL', '5', 'FR', '11', '75', 'Town', 'town'),
    row('PPL', '6', 'FR', '11', '99', 'Nowhere', 'nowhere'),
  ]);
  const town = g.lookup('town')[0];
  assert.equal(g.admin2Name(town), 'Paris');
  assert.equal(g.admin1Name(town), 'Île-de-France');
  assert.equal(g.admin1Of(town)?.name, 'Île-de-France');
  assert.equal(g.admin2Name(g.lookup('nowhere')[0]), null);
  assert.equal(g.admin2Name(g.lookup('hauts de seine')[0]), 'Hauts-de-Seine');
  // Districts without keys are names only, not entries.
  assert.equal(g.size, 4);
});

test('a malformed line and a file that is not valid UTF-8 still load, through the string path', () => {
  const g = load([row('PPL', '1', 'AA', '', '', 'Good', 'good'), 'PPL\t2\tAA\t\t\t1\t1\t1\tShort\tshort']);
  assert.deepEqual(names(g.lookup('good')), ['Good']);
  assert.equal(g.size, 2);
  // A 10-column line: as ever, its keys are the last two columns, whatever their number.
  assert.deepEqual(names(g.lookup('Short')), ['Short']);
  assert.deepEqual(g.lookup('short'), []);
  const bad = load(Buffer.concat([Buffer.from(row('PPL', '1', 'AA', '', '', 'Bad', 'b') + '\n'), Buffer.from([0x62, 0xff, 0x0a])]));
  assert.deepEqual(names(bad.lookup('b')), ['Bad']);
});

test('the look-ahead bound counts the words of the longest name', () => {
  const g = load([row('PPL', '1', 'AA', '', '', 'Long', 'saint jean de la ruelle|x'), row('PPL', '2', 'AA', '', '', 'S', 'a b c d')]);
  assert.equal(g.maxWords, 5);
});
