// The gazetteer in memory: entries (parsed on first use), a Map from normalised name to entries and
// a second Map from transliteration-folded name to entries (fallback). Loaded once per process
// from the generated file (built on first use when missing), plus the hand-made alias files
// src/lexicons/<lang>/places-aliases.json (names GeoNames lacks, supranational regions).
import { existsSync, readFileSync } from 'node:fs';
import { buildGazetteer, gazetteerPath } from './build.js';
import { languagesWith, loadLexicon } from '../lexicons/load.js';
import { foldKey, normKey } from './normalize.js';

export interface GazEntry {
  index: number;
  featureCode: string;
  geonameId: number | null;
  country: string | null;
  admin1Code: string;
  admin2Code: string;
  population: number;
  lat: number;
  lon: number;
  name: string;
}

interface AliasItem {
  names: string[];
  /** Attach the names to an existing entry: its country, feature code (prefix) and a name. */
  target?: { country: string; featureCode: string; name: string };
  /** Or a new entry. */
  name?: string;
  featureCode?: string;
  country?: string | null;
  lat?: number;
  lon?: number;
  population?: number;
  /** Adjectives or demonyms of the place ("European"). */
  demonyms?: string[];
}

interface AliasLexicon {
  aliases: AliasItem[];
}

export class Gazetteer {
  // Populated places stay as their raw line until first looked up (parsed lazily: faster load).
  private readonly store: (GazEntry | string)[] = [];
  // key → entry index (≥ 0) or -(1 + index of a list in `lists`) when several entries share it.
  private readonly exact = new Map<string, number>();
  private readonly folded = new Map<string, number>();
  private readonly lists: number[][] = [];
  private readonly admin1Names = new Map<string, string>();
  private readonly admin2Names = new Map<string, string>();
  private readonly admin1Entry = new Map<string, number>();
  private readonly countryEntry = new Map<string, number>();
  /** Keys given by the hand-made alias lexicons (curated, as good as a primary name). */
  readonly aliasKeys = new Set<string>();
  /** key → entries the alias lexicons give it. */
  private readonly aliasTargets = new Map<string, Set<number>>();
  /** Demonyms of alias entries (regions): key → entry index. */
  readonly demonyms = new Map<string, number>();
  /** Longest name in words, to bound the matcher's look-ahead. */
  maxWords = 1;

  private add(map: Map<string, number>, key: string, i: number): void {
    const cur = map.get(key);
    if (cur === undefined) map.set(key, i);
    else if (cur >= 0) {
      if (cur !== i) {
        map.set(key, -1 - this.lists.length);
        this.lists.push([cur, i]);
      }
    } else {
      const list = this.lists[-1 - cur];
      if (!list.includes(i)) list.push(i);
    }
  }

  private get(map: Map<string, number>, key: string): number[] {
    const cur = map.get(key);
    return cur === undefined ? [] : cur >= 0 ? [cur] : this.lists[-1 - cur];
  }

  addKeys(i: number, exact: string[], folded: string[]): void {
    for (const k of exact) {
      if (!k) continue;
      this.add(this.exact, k, i);
      if (k.length > 12) {
        let words = 1;
        for (let p = k.indexOf(' '); p >= 0; p = k.indexOf(' ', p + 1)) words++;
        if (words > this.maxWords) this.maxWords = words;
      } else if (this.maxWords < 3 && k.includes(' ')) this.maxWords = Math.max(this.maxWords, k.split(' ').length);
    }
    for (const k of folded) if (k) this.add(this.folded, k, i);
  }

  loadFile(path: string): void {
    const text = readFileSync(path, 'utf8');
    let from = 0;
    while (from < text.length) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = text.length;
      if (to > from) this.addLine(text.slice(from, to));
      from = to + 1;
    }
  }

  private addLine(line: string): void {
    if (line.startsWith('PPL') || line.startsWith('STLMT')) {
      // Keys are the last two columns: no need to parse the rest now.
      const t10 = line.lastIndexOf('\t');
      const t9 = line.lastIndexOf('\t', t10 - 1);
      const i = this.store.length;
      this.store.push(line);
      const keys = line.slice(t9 + 1, t10);
      const folds = line.slice(t10 + 1);
      this.addKeys(i, keys ? keys.split('|') : [], folds ? folds.split('|') : []);
      return;
    }
    const f = line.split('\t');
    const fcode = f[0];
    const cc = f[2];
    if ((fcode === 'ADM1' || fcode === 'ADM2') && f[3]) {
      const code = fcode === 'ADM1' ? `${cc}.${f[3]}` : `${cc}.${f[3]}.${f[4]}`;
      (fcode === 'ADM1' ? this.admin1Names : this.admin2Names).set(code, f[8]);
      if (!f[9]) return; // named, but no coordinates: not a match target
    }
    const i = this.store.length;
    this.store.push(Gazetteer.parse(f, i));
    if (fcode === 'ADM1') this.admin1Entry.set(`${cc}.${f[3]}`, i);
    else if (fcode === 'PCLI' || fcode === 'PCLD') this.countryEntry.set(cc, i);
    this.addKeys(i, f[9] ? f[9].split('|') : [], f[10] ? f[10].split('|') : []);
  }

  private static parse(f: string[], i: number): GazEntry {
    return {
      index: i,
      featureCode: f[0],
      geonameId: f[1] ? Number(f[1]) : null,
      country: f[2] || null,
      admin1Code: f[3],
      admin2Code: f[4],
      population: Number(f[5]) || 0,
      lat: Number(f[6]),
      lon: Number(f[7]),
      name: f[8],
    };
  }

  /** Entry number i. */
  entry(i: number): GazEntry {
    const v = this.store[i];
    if (typeof v !== 'string') return v;
    const e = Gazetteer.parse(v.split('\t'), i);
    this.store[i] = e;
    return e;
  }

  addAliases(lex: AliasLexicon): void {
    for (const item of lex.aliases ?? []) {
      const keys = item.names.map(normKey).filter((k) => k.length >= 2);
      let target: number | undefined;
      if (item.target) {
        const { country, featureCode, name } = item.target;
        target = this.lookup(normKey(name)).find(
          (e) => e.country === country && e.featureCode.startsWith(featureCode),
        )?.index;
        if (target === undefined) continue;
        if (item.lat !== undefined && item.lon !== undefined) {
          this.entry(target).lat = item.lat;
          this.entry(target).lon = item.lon;
        }
      } else if (item.name && item.lat !== undefined && item.lon !== undefined) {
        target = this.store.length;
        this.store.push({
          index: target, featureCode: item.featureCode ?? 'RGN', geonameId: null, country: item.country ?? null,
          admin1Code: '', admin2Code: '', population: item.population ?? 0, lat: item.lat, lon: item.lon, name: item.name,
        });
      } else continue;
      this.addKeys(target, keys, keys.filter((k) => k.length >= 5).map(foldKey));
      for (const d of item.demonyms ?? []) this.demonyms.set(normKey(d), target);
      for (const k of keys) {
        this.aliasKeys.add(k);
        let set = this.aliasTargets.get(k);
        if (!set) this.aliasTargets.set(k, (set = new Set()));
        set.add(target);
      }
    }
  }

  lookup(key: string): GazEntry[] {
    return this.get(this.exact, key).map((i) => this.entry(i));
  }

  /** Transliteration fallback: the folded form of the key among folded and exact keys. */
  lookupFolded(key: string): GazEntry[] {
    const f = foldKey(key);
    const ids = new Set([...this.get(this.folded, f), ...this.get(this.exact, f)]);
    return [...ids].map((i) => this.entry(i));
  }

  /** Is `key` a name the alias lexicons give to this entry? */
  isAliasOf(key: string, e: GazEntry): boolean {
    return this.aliasTargets.get(key)?.has(e.index) ?? false;
  }

  hasKey(key: string): boolean {
    return this.exact.has(key);
  }

  admin1Name(e: GazEntry): string | null {
    if (e.featureCode === 'ADM1') return e.name;
    return e.country && e.admin1Code ? this.admin1Names.get(`${e.country}.${e.admin1Code}`) ?? null : null;
  }

  admin2Name(e: GazEntry): string | null {
    if (e.featureCode === 'ADM2') return e.name;
    return e.country && e.admin1Code && e.admin2Code
      ? this.admin2Names.get(`${e.country}.${e.admin1Code}.${e.admin2Code}`) ?? null
      : null;
  }

  countryOf(cc: string): GazEntry | null {
    const i = this.countryEntry.get(cc);
    return i === undefined ? null : this.entry(i);
  }

  admin1Of(e: GazEntry): GazEntry | null {
    const i = e.country ? this.admin1Entry.get(`${e.country}.${e.admin1Code}`) : undefined;
    return i === undefined ? null : this.entry(i);
  }

  get size(): number {
    return this.store.length;
  }
}

let instance: Gazetteer | null = null;

/** The process-wide gazetteer, loaded on first call (and built first if the file is missing). */
export function getGazetteer(): Gazetteer {
  if (instance) return instance;
  const path = gazetteerPath();
  if (!existsSync(path)) buildGazetteer(path);
  const g = new Gazetteer();
  g.loadFile(path);
  for (const lang of languagesWith('places-aliases')) {
    const lex = loadLexicon<AliasLexicon>(lang, 'places-aliases');
    if (lex) g.addAliases(lex);
  }
  return (instance = g);
}
