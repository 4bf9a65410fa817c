// The gazetteer's index snapshot (src/gazetteer/index.ts, readIndex/writeIndex): the first load of
// a file writes its tables beside it, later loads read them back. A load from the snapshot must
// answer exactly as one from the file, and a snapshot that is stale or damaged must be ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gazetteer, indexPath } from '../src/gazetteer/index.js';

const row = (fc: string, cc: string, a1: string, a2: string, name: string, keys: string, folded = '') =>
  [fc, '', cc, a1, a2, '100', '10.5', '-3.25', name, keys, folded].join('\t');

function sample(extra = 0): string {
  const lines = [
    row('PCLI', 'ZZ', '', '', 'Zedland', 'zedland|republic of zedland'),
    row('ADM1', 'ZZ', '01', '', 'North Province', 'north province|north'),
    row('ADM2', 'ZZ', '01', '007', 'Lake District', 'lake district'),
    row('PPL', 'ZZ', '01', '007', 'Port Amel', 'port amel|amel', 'portamel'),
    row('PPL', 'ZZ', '01', '', 'Amel', 'amel'),
  ];
  for (let i = 0; i < 2000 + extra; i++) lines.push(row('PPL', 'ZZ', '01', '', `Town ${i}`, `town ${i}`));
  return lines.join('\n') + '\n';
}

function answers(g: Gazetteer): unknown {
  const keys = ['zedland', 'republic of zedland', 'north', 'amel', 'port amel', 'town 5', 'town 1999', 'town 2000', 'nowhere'];
  const amel = g.lookup('port amel')[0];
  return {
    lookups: keys.map((k) => g.lookup(k).map((e) => `${e.name}/${e.featureCode}/${e.country}/${e.admin1Code}`)),
    folded: g.lookupFolded('portamel').map((e) => e.name),
    country: g.countryOf('ZZ')?.name,
    admin1: amel && g.admin1Name(amel),
    admin2: amel && g.admin2Name(amel),
    size: g.size,
    maxWords: g.maxWords,
  };
}

function loaded(path: string): Gazetteer {
  const g = new Gazetteer();
  g.loadFile(path);
  return g;
}

test('a second load reads the snapshot the first one wrote, and answers the same', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'gaz-idx-')), 'g.tsv');
  writeFileSync(path, sample());
  const first = loaded(path);
  assert.ok(existsSync(indexPath(path)), 'the first load writes the snapshot');
  const second = loaded(path);
  assert.deepEqual(answers(second), answers(first));
  assert.deepEqual(second.lookup('town 1999').map((e) => e.name), ['Town 1999']);
  assert.equal(second.admin2Name(second.lookup('port amel')[0]), 'Lake District');
});

test('keys added after a load from the snapshot join its tables', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'gaz-idx-')), 'g.tsv');
  writeFileSync(path, sample());
  loaded(path);
  const g = loaded(path);
  g.addKeys(0, ['old zedland'], []);
  for (let i = 0; i < 5000; i++) g.addKeys(3, [`amel ${i}`], []); // grows the table
  assert.deepEqual(g.lookup('old zedland').map((e) => e.name), ['Zedland']);
  assert.deepEqual(g.lookup('amel 4999').map((e) => e.name), ['Port Amel']);
  assert.deepEqual(g.lookup('town 7').map((e) => e.name), ['Town 7']);
});

test('a file changed since the snapshot is read again, not answered from the old tables', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'gaz-idx-')), 'g.tsv');
  writeFileSync(path, sample());
  loaded(path);
  writeFileSync(path, sample(10)); // ten more towns
  utimesSync(path, new Date(), new Date(Date.now() + 5000));
  const g = loaded(path);
  assert.deepEqual(g.lookup('town 2009').map((e) => e.name), ['Town 2009']);
  assert.deepEqual(answers(loaded(path)), answers(g));
});

test('a damaged snapshot is ignored: the tables are built from the file', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'gaz-idx-')), 'g.tsv');
  writeFileSync(path, sample());
  const reference = answers(loaded(path));
  const bin = readFileSync(indexPath(path));
  writeFileSync(indexPath(path), bin.subarray(0, bin.length >> 1)); // truncated
  assert.deepEqual(answers(loaded(path)), reference);
  writeFileSync(indexPath(path), Buffer.from('not a snapshot at all'));
  assert.deepEqual(answers(loaded(path)), reference);
});

test('lower-case heads: the words of an area name before each of its lower-case words', async () => {
  const { lowerHeadKeys } = await import('../src/gazetteer/build.js');
  assert.deepEqual(lowerHeadKeys('Arabie saoudite'), ['arabie']);
  assert.deepEqual(lowerHeadKeys('Émirats arabes unis'), ['emirats', 'emirats arabes']);
  assert.deepEqual(lowerHeadKeys('République démocratique du Congo'), ['republique', 'republique democratique']);
  // no lower-case word, no head: "New South Wales" reads on through capitals as before
  assert.deepEqual(lowerHeadKeys('New South Wales'), []);
  assert.deepEqual(lowerHeadKeys('Hauts-de-France'), []);
});
