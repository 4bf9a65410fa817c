// `vigie gazetteer add`: localities of a GeoNames dump (rows of our own, in the dump's format)
// go to the user's overlay, read by the gazetteer at load. A plain country file and a zip archive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { addDump, overlayPath } from '../src/gazetteer/overlay.js';
import { gazetteerPath } from '../src/gazetteer/build.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-gaz-'));
const overlay = join(dir, 'overlay.tsv');

/** One GeoNames row: id, name, ascii, alternates, lat, lon, class, code, cc, cc2, admin1, admin2, admin3, admin4, population, … */
function row(id: number, name: string, alts: string, lat: number, lon: number, cls: string, code: string, cc: string, a1: string, pop: number): string {
  return [id, name, name, alts, lat, lon, cls, code, cc, '', a1, '', '', '', pop, '', '', 'Africa/Bamako', '2024-01-01'].join('\t');
}

const DUMP = [
  row(9100001, 'Kel Tadaq', 'Keltadak,Kel Tadak', 19.4, 1.2, 'P', 'PPL', 'ML', '08', 300),
  row(9100002, 'Oued Tadaq', '', 19.3, 1.1, 'H', 'WAD', 'ML', '08', 0), // a stream: not a locality
  row(9100003, 'Tadaq Ancien', '', 19.3, 1.3, 'P', 'PPLH', 'ML', '08', 0), // historical
  row(9100005, 'Republic of Mali', '', 17.5, -3.9, 'A', 'PCLI', 'ML', '00', 20000000), // the country: its id
].join('\n') + '\n';

/** A one-file zip archive (deflate), as GeoNames serves allCountries.zip. */
function zipOf(name: string, data: Buffer): Buffer {
  const body = deflateRawSync(data);
  const n = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16); central.writeUInt32LE(body.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + n.length + body.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12); end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, n, body, central, n, end]);
}

test('a country file: its populated places are added, streams and historical places are not', async () => {
  const file = join(dir, 'ML.txt');
  writeFileSync(file, DUMP);
  const r = await addDump(file, gazetteerPath(), overlay);
  assert.equal(r.added, 2);
  assert.equal(r.skipped, 2);
  const lines = readFileSync(overlay, 'utf8').trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^PPL\t9100001\tML\t08\t/);
  assert.equal(lines[1], 'ID\t9100005\tPCL\tML\t\t17.5\t-3.9');
  assert.match(lines[0], /kel tadak/);
});

test('adding the same dump again (here zipped) adds nothing twice', async () => {
  const file = join(dir, 'allCountries.zip');
  writeFileSync(file, zipOf('allCountries.txt', Buffer.from(DUMP + row(9100004, 'In Tamaq', '', 18.9, 1.5, 'P', 'PPL', 'ML', '08', 150) + '\n')));
  const r = await addDump(file, gazetteerPath(), overlay);
  assert.equal(r.added, 1); // only In Tamaq is new
  assert.equal(readFileSync(overlay, 'utf8').trim().split('\n').length, 3);
});

test('the overlay path: the variable, else next to a SQLite store, else none', () => {
  assert.equal(overlayPath({ VIGIE_GAZETTEER_OVERLAY: '/x/o.tsv' }), '/x/o.tsv');
  assert.equal(overlayPath({ VIGIE_DATABASE_URL: 'sqlite:/var/lib/vigie/v.db' }), '/var/lib/vigie/gazetteer-overlay.tsv');
  assert.equal(overlayPath({ VIGIE_DATABASE_URL: 'sqlite::memory:' }), null);
});

test('the pipeline finds an added locality, with its GeoNames id; the country gets its id', async () => {
  process.env.VIGIE_GAZETTEER_OVERLAY = overlay;
  const { extract } = await import('../src/pipeline/index.js');
  const rec = extract({ id: 't', text: 'Des tirs ont été entendus à Kel Tadaq, dans le nord du Mali, samedi.', lang: 'fr', published: '2024-03-01' });
  const p = rec.places.find((x) => x.text === 'Kel Tadaq');
  assert.ok(p, `Kel Tadaq among [${rec.places.map((x) => x.text).join(', ')}]`);
  assert.equal(p.geonameId, 9100001);
  assert.equal(p.lat, 19.4);
  assert.equal(rec.places.find((x) => x.text === 'Mali')?.geonameId, 9100005);
});
