// The user's gazetteer overlay: localities from a GeoNames dump (a country file such as ML.txt,
// or allCountries.zip, as downloaded from GeoNames: tab-separated geoname rows) for those who
// need every village, not only the places of 500 people or more that the bundled gazetteer has.
// `vigie gazetteer add <dump>` appends the dump's populated places (feature class P) to a file in
// the gazetteer's own line format, and the GeoNames ids and coordinates of its countries and
// provinces (lines "ID\t…"); the gazetteer reads it at load, after the bundled file.
//
// Where: VIGIE_GAZETTEER_OVERLAY, else `gazetteer-overlay.tsv` next to the SQLite store of
// VIGIE_DATABASE_URL (default ./data/), else none (a non-file store and no variable).
import { createReadStream, existsSync, mkdirSync, openSync, readSync, closeSync, fstatSync, appendFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import { placeLine } from './build.js';

/** Same default as the store (src/store/index.ts), read here without loading the store. */
const DEFAULT_STORE = 'sqlite:./data/vigie.db';

export function overlayPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const own = env.VIGIE_GAZETTEER_OVERLAY?.trim();
  if (own) return resolve(own);
  const url = env.VIGIE_DATABASE_URL?.trim() || DEFAULT_STORE;
  if (!/^sqlite:/i.test(url)) return null;
  const path = url.replace(/^sqlite:(\/\/)?/i, '');
  if (!path.trim() || path === ':memory:') return null;
  return join(dirname(resolve(path)), 'gazetteer-overlay.tsv');
}

/** The overlay's lines (the gazetteer's own format), or none. */
export function readOverlay(path: string | null = overlayPath()): string[] {
  if (!path || !existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
}

/**
 * The rows of a dump: a plain text file, or the first file of a zip archive (read from its
 * central directory, inflated as a stream: allCountries.zip holds a single text file).
 */
function dumpStream(path: string): Readable {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    if (head.readUInt32LE(0) !== 0x04034b50) return createReadStream(path);
    const entry = firstZipEntry(fd, fstatSync(fd).size);
    const raw = createReadStream(path, { start: entry.dataStart, end: entry.dataStart + entry.size - 1 });
    if (entry.method === 0) return raw;
    if (entry.method !== 8) throw new Error(`${path}: zip compression method ${entry.method} is not supported (deflate only)`);
    return raw.pipe(createInflateRaw());
  } finally {
    closeSync(fd);
  }
}

/** Offset, compressed size and method of the first entry, from the zip's central directory. */
function firstZipEntry(fd: number, size: number): { dataStart: number; size: number; method: number } {
  const tail = Buffer.alloc(Math.min(size, 65557));
  readSync(fd, tail, 0, tail.length, size - tail.length);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const cdOffset = tail.readUInt32LE(eocd + 16);
  const cd = Buffer.alloc(46);
  readSync(fd, cd, 0, 46, cdOffset);
  if (cd.readUInt32LE(0) !== 0x02014b50) throw new Error('zip central directory unreadable (zip64 archives are not supported)');
  const method = cd.readUInt16LE(10);
  const compressed = cd.readUInt32LE(20);
  const local = cd.readUInt32LE(42);
  const lh = Buffer.alloc(30);
  readSync(fd, lh, 0, 30, local);
  return { dataStart: local + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28), size: compressed, method };
}

/** Countries and provinces of a dump: their GeoNames id and coordinates, for the bundled entries
 *  (whose npm sources carry neither). Line: "ID", id, PCL or ADM1, country, admin1 code, lat, lon. */
const AREA_CODES = new Set(['ADM1', 'PCLI', 'PCLD', 'PCLS', 'PCLF', 'PCL']);

function areaIdLine(f: readonly string[]): string | null {
  if (f[6] !== 'A' || !AREA_CODES.has(f[7]) || !/^\d+$/.test(f[0]) || !f[8]) return null;
  if (!Number.isFinite(Number(f[4])) || !Number.isFinite(Number(f[5])) || f[4] === '' || f[5] === '') return null;
  if (f[7] === 'ADM1' && !f[10]) return null;
  // The id in the second column, as in the places' lines: a dump added twice adds nothing twice.
  return ['ID', f[0], f[7].startsWith('PCL') ? 'PCL' : f[7], f[8], f[7] === 'ADM1' ? f[10] : '', f[4], f[5]].join('\t');
}

/** GeoNames ids the bundled gazetteer (or the overlay) already has: not added twice. */
function knownIds(files: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const f of files) {
    if (!existsSync(f)) continue;
    const text = readFileSync(f, 'utf8');
    for (let at = 0; at < text.length;) {
      let nl = text.indexOf('\n', at);
      if (nl < 0) nl = text.length;
      const t1 = text.indexOf('\t', at);
      const t2 = t1 >= 0 && t1 < nl ? text.indexOf('\t', t1 + 1) : -1;
      if (t2 > t1 + 1 && t2 < nl) ids.add(text.slice(t1 + 1, t2));
      at = nl + 1;
    }
  }
  return ids;
}

export interface AddSummary {
  /** Populated places appended to the overlay, and ids of countries and provinces. */
  added: number;
  /** Rows skipped: not a populated place, historical, malformed, or already known. */
  skipped: number;
  path: string;
}

/** Appends the populated places of a GeoNames dump to the overlay (those not already known). */
export async function addDump(dump: string, bundled: string, path: string): Promise<AddSummary> {
  const known = knownIds([bundled, path]);
  const lines = createInterface({ input: dumpStream(dump), crlfDelay: Infinity });
  let added = 0;
  let skipped = 0;
  let batch: string[] = [];
  mkdirSync(dirname(path), { recursive: true });
  const flush = () => {
    if (batch.length) appendFileSync(path, batch.join('\n') + '\n');
    batch = [];
  };
  for await (const row of lines) {
    const f = row.split('\t');
    const line = f.length >= 15 && !known.has(f[0]) ? placeLine(f) ?? areaIdLine(f) : null;
    if (!line) {
      skipped++;
      continue;
    }
    known.add(f[0]);
    batch.push(line);
    added++;
    if (batch.length >= 10000) flush();
  }
  flush();
  return { added, skipped, path };
}
