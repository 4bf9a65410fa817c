// Toponyms resolved to GeoNames (offline gazetteer, src/gazetteer/).
//
// 1. Detection: gazetteer names over the token stream (longest match, capitalised words), then a
//    filter: a name covered by a person or organisation mention is not a place; a word of the
//    stop list (weekdays, months, common nouns, first names…), a sentence-initial word, a word
//    the document also writes in lower case, or a small town needs evidence — a cue ("la province
//    de X", "the town of X", "X province"), a containment ("X, Y"), a locative preposition, the
//    document's focus country, or a LOC mention from the entities stage.
// 2. Resolution: candidates scored by feature class and population priors, the document's focus
//    countries (country names and demonyms anywhere in the text), containment by a province or
//    country named next to it, cues; one sense per document (all mentions of a name together).
// 3. Output per the contract: geo_precision 1 (town), 2 (near a town, part of a region, district),
//    3 (province, country or larger); metonyms ("le gouvernement de Kaboul", "Washington said")
//    flagged.
// All words are data: src/lexicons/<lang>/places-cues.json, places-stop.json, places-aliases.json.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { getGazetteer, type GazEntry } from '../gazetteer/index.js';
import { findNames, isCapitalised, sharedTokenKeys, type NameMatch } from '../gazetteer/match.js';
import { foldKey, normKey } from '../gazetteer/normalize.js';
import { loadLexicon, packageRoot } from '../lexicons/load.js';
import type { Annotations, Lang, Mention, Place, ResolvedDocument, Token } from '../types.js';
import { defineStage } from './stage.js';

interface CueLexicon {
  admin1Before: string[];
  admin1After: string[];
  admin2Before: string[];
  admin2After: string[];
  townBefore: string[];
  nearBefore: string[];
  partBefore: string[];
  metonymBefore: string[];
  metonymAfter: string[];
  particles: string[];
  titles: string[];
  personAfter: string[];
  locative: string[];
  conjunctions?: string[];
  demonymsAsPlaces?: boolean;
}

interface StopLexicon {
  words: string[];
  names: string[];
}

interface Rules {
  admin1Before: Set<string>;
  admin1After: Set<string>;
  admin2Before: Set<string>;
  admin2After: Set<string>;
  townBefore: Set<string>;
  nearBefore: Set<string>;
  partBefore: Set<string>;
  metonymBefore: Set<string>;
  metonymAfter: Set<string>;
  particles: Set<string>;
  titles: Set<string>;
  personAfter: Set<string>;
  locative: Set<string>;
  stopWords: Set<string>;
  stopNames: Set<string>;
  functionWords: Set<string>;
  conjunctions: Set<string>;
  demonymsAsPlaces: boolean;
  /** Longest cue phrase in words. */
  maxBefore: number;
  maxAfter: number;
}

const rulesCache = new Map<string, Rules>();

function phraseSet(list: readonly string[] | undefined): Set<string> {
  return new Set((list ?? []).map((p) => p.split(' ').map((w) => (w === '#' ? '#' : normKey(w))).join(' ')));
}

function rulesFor(lang: Lang): Rules {
  const l = lang === 'fr' ? 'fr' : 'en';
  const cached = rulesCache.get(l);
  if (cached) return cached;
  const cue = loadLexicon<CueLexicon>(l, 'places-cues') ?? ({} as CueLexicon);
  const stop = loadLexicon<StopLexicon>(l, 'places-stop') ?? { words: [], names: [] };
  const fw = loadLexicon<{ words: string[] }>(l, 'stopwords')?.words ?? [];
  const r: Rules = {
    admin1Before: phraseSet(cue.admin1Before),
    admin1After: phraseSet(cue.admin1After),
    admin2Before: phraseSet(cue.admin2Before),
    admin2After: phraseSet(cue.admin2After),
    townBefore: phraseSet(cue.townBefore),
    nearBefore: phraseSet(cue.nearBefore),
    partBefore: phraseSet(cue.partBefore),
    metonymBefore: phraseSet(cue.metonymBefore),
    metonymAfter: phraseSet(cue.metonymAfter),
    particles: phraseSet(cue.particles),
    titles: phraseSet(cue.titles),
    personAfter: phraseSet(cue.personAfter),
    locative: phraseSet(cue.locative),
    stopWords: new Set(stop.words.map(normKey)),
    stopNames: new Set(stop.names.map(normKey)),
    functionWords: new Set([...fw.map(normKey), ...phraseSet(cue.particles)]),
    conjunctions: phraseSet(cue.conjunctions),
    demonymsAsPlaces: cue.demonymsAsPlaces === true,
    maxBefore: 1,
    maxAfter: 1,
  };
  for (const s of [r.admin1Before, r.admin2Before, r.townBefore, r.nearBefore, r.partBefore, r.metonymBefore, r.titles, r.locative])
    for (const p of s) r.maxBefore = Math.max(r.maxBefore, p.split(' ').length);
  for (const s of [r.admin1After, r.admin2After, r.metonymAfter, r.personAfter])
    for (const p of s) r.maxAfter = Math.max(r.maxAfter, p.split(' ').length);
  rulesCache.set(l, r);
  return r;
}

// Demonyms and adjectives of nationality (English and French, with plurals) → ISO2.
let demonyms: Map<string, string> | null = null;
/** Demonym keys as written (not the plural made by adding -s): the adjectives. */
const demonymBase = new Set<string>();

function demonymMap(): Map<string, string> {
  if (demonyms) return demonyms;
  const req = createRequire(join(packageRoot(), 'package.json'));
  const countries = req('world-countries/countries.json') as {
    cca2: string;
    independent?: boolean;
    demonyms?: Record<string, { f: string; m: string }>;
  }[];
  const m = new Map<string, string>();
  // A demonym shared by several countries goes to the only independent one among them
  // ("American": US, not the Northern Mariana Islands), else to none.
  const owners = new Map<string, { cc: string; independent: boolean }[]>();
  for (const c of countries) {
    const mine = new Set<string>();
    for (const d of Object.values(c.demonyms ?? {})) {
      for (const form of [d.f, d.m]) {
        if (!form) continue;
        const k = normKey(form);
        demonymBase.add(k);
        mine.add(k);
        mine.add(k + 's');
      }
    }
    for (const k of mine) {
      if (k.length < 4) continue;
      const list = owners.get(k) ?? [];
      list.push({ cc: c.cca2, independent: c.independent !== false });
      owners.set(k, list);
    }
  }
  for (const [k, list] of owners) {
    const indep = list.filter((o) => o.independent);
    if (list.length === 1) m.set(k, list[0].cc);
    else if (indep.length === 1) m.set(k, indep[0].cc);
  }
  // Regions with a demonym of their own (alias lexicons): '#' + entry index.
  for (const [k, i] of getGazetteer().demonyms) {
    m.set(k, '#' + i);
    demonymBase.add(k);
  }
  return (demonyms = m);
}

type Cue = 'admin1' | 'admin2' | 'town' | null;

interface Candidate {
  match: NameMatch;
  cue: Cue;
  near: boolean;
  part: boolean;
  locative: boolean;
  metonymCue: boolean;
  personCue: boolean;
  /** Right after a title ("Senator", "M.", "général"). */
  personTitle: boolean;
  sentenceInitial: boolean;
  gluedLeftName: boolean;
  glued: boolean;
  mentionOther: boolean;
  /** Index in `cands` of a place named right after ", " or " (" — a possible container. */
  next: number;
  sentence: number;
  rejected: boolean;
  /** Inside a longer person or organisation name ("Ahmad Kandahar", "Lagos Chamber of Commerce"). */
  insideName: 'PER' | 'ORG' | null;
  /** The first word of a person's name, followed by the rest of it ("Jordan" in "Jordan Smith"). */
  firstNameOf: boolean;
  best: GazEntry | null;
}

/** Continents, regions, oceans, seas, peninsulas (alias lexicons). */
const BROAD = new Set(['CONT', 'RGN', 'OCN', 'SEA', 'PEN']);

const FEATURE_BASE: Record<string, number> = {
  PCLI: 18, PCLD: 12, CONT: 16, RGN: 14, OCN: 14, SEA: 14, PEN: 14, BLDG: 16, ADM1: 8, ADM2: -2, PPLC: 7, PPLA: 4, PPLA2: 1, PPLA3: 0.5, PPLA4: 0.25,
  PPL: 0, PPLX: -1, PPLL: -1, PPLF: -1, PPLR: -1, PPLS: -1, STLMT: -1,
};

function isTown(e: GazEntry): boolean {
  return e.featureCode.startsWith('PPL') || e.featureCode === 'STLMT';
}

function isBroad(e: GazEntry): boolean {
  return e.featureCode.startsWith('PCL') || BROAD.has(e.featureCode);
}

/** Does `outer` (a province, district or country) contain `inner`? */
function contains(outer: GazEntry, inner: GazEntry): boolean {
  if (outer === inner || !outer.country || outer.country !== inner.country) return false;
  if (outer.featureCode.startsWith('PCL')) return true;
  if (outer.featureCode === 'ADM1') return outer.admin1Code === inner.admin1Code && inner.featureCode !== 'ADM1';
  if (outer.featureCode === 'ADM2') return outer.admin1Code === inner.admin1Code && outer.admin2Code === inner.admin2Code && isTown(inner);
  return false;
}

const nameKeys = new WeakMap<GazEntry, string>();
/** normKey of an entry's own name, cached. */
function nameKey(e: GazEntry): string {
  let k = nameKeys.get(e);
  if (k === undefined) nameKeys.set(e, (k = normKey(e.name)));
  return k;
}

const nameFolds = new WeakMap<GazEntry, string>();
/** foldKey of an entry's own name, cached. */
function nameFold(e: GazEntry): string {
  let k = nameFolds.get(e);
  if (k === undefined) nameFolds.set(e, (k = foldKey(nameKey(e))));
  return k;
}

/** Tier of a resolved place: 3 known to all, 2 a real town, 1 a small place. */
function tier(e: GazEntry): number {
  if (isBroad(e) || e.featureCode === 'ADM1' || e.featureCode === 'PPLC' || e.featureCode === 'BLDG' || e.population >= 100000) return 3;
  if (e.featureCode === 'PPLA' || e.featureCode === 'PPLA2' || e.featureCode === 'ADM2' || e.population >= 10000) return 2;
  return 1;
}

export function resolvePlaces(doc: ResolvedDocument, ann: Readonly<Annotations>): Place[] {
  const text = doc.text;
  const tokens: readonly Token[] = ann.tokens;
  if (!tokens.length) return [];
  const gaz = getGazetteer();
  const R = rulesFor(doc.lang);
  // Token keys, one string per distinct spelling, shared with the matcher (kept for the stage).
  const keyOf = sharedTokenKeys();
  const tokKeys: string[] = new Array(tokens.length);
  const matches = findNames(text, tokens, gaz, { particles: R.particles, keyOf, keys: tokKeys });
  if (!matches.length && !rulesFor(doc.lang).demonymsAsPlaces) return [];

  // Token → sentence; sentence-initial word tokens.
  const sentOf = new Int32Array(tokens.length).fill(-1);
  const initial = new Uint8Array(tokens.length);
  {
    let s = 0;
    let firstWordSeen = false;
    for (let i = 0; i < tokens.length; i++) {
      while (s < ann.sentences.length && tokens[i].start >= ann.sentences[s].end) {
        s++;
        firstWordSeen = false;
      }
      sentOf[i] = s;
      if (!firstWordSeen && (tokens[i].kind === 'word' || tokens[i].kind === 'abbrev')) {
        initial[i] = 1;
        firstWordSeen = true;
      }
    }
    // After a line break the next word opens a new unit too (headlines, datelines).
    for (let i = 1; i < tokens.length; i++) {
      for (let k = tokens[i - 1].end; k < tokens[i].start; k++) {
        const ch = text.charCodeAt(k);
        if (ch === 10 || ch === 13) {
          initial[i] = 1;
          break;
        }
      }
    }
  }

  // Words the document writes in lower case ("police", "mobile"): their capitalised form is
  // more likely the same common word at a sentence start than a town.
  const lowerWords = new Set<string>();
  const focus = new Map<string, number>();
  const dem = demonymMap();
  const demTokens: { first: number; last: number; code: string }[] = [];
  const demParts: { start: number; end: number; code: string }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    const w = text.slice(t.start, t.end);
    const k = keyOf(w);
    tokKeys[i] = k;
    const cap = isCapitalised(w);
    if (!cap) lowerWords.add(k);
    let d = dem.get(k);
    let span = 1;
    // Two-word demonyms ("South Korean") first.
    const nx = tokens[i + 1];
    if (cap && nx && nx.kind === 'word' && nx.start === t.end + 1) {
      const k2 = k + ' ' + keyOf(text.slice(nx.start, nx.end));
      const d2 = dem.get(k2);
      if (d2) {
        d = d2;
        span = 2;
      }
    }
    if (!d && cap === false && w.includes('-') || !d && w.indexOf('-') > 0) {
      // "anti-Russian", "Russian-backed": a capitalised demonym inside a hyphenated word.
      let from = 0;
      for (const part of w.split('-')) {
        const pk = keyOf(part);
        const pd = part && isCapitalised(part) ? dem.get(pk) : undefined;
        if (pd && demonymBase.has(pk)) {
          if (!pd.startsWith('#')) focus.set(pd, (focus.get(pd) ?? 0) + 1);
          if (R.demonymsAsPlaces) demParts.push({ start: t.start + from, end: t.start + from + part.length, code: pd });
        }
        from += part.length + 1;
      }
    }
    if (d) {
      if (!d.startsWith('#')) focus.set(d, (focus.get(d) ?? 0) + 1);
      const kk = span === 2 ? k + ' ' + keyOf(text.slice(nx.start, nx.end)) : k;
      if (cap && R.demonymsAsPlaces && demonymBase.has(kk)) demTokens.push({ first: i, last: i + span - 1, code: d });
      i += span - 1;
    }
  }
  const keyAt = (i: number): string => {
    const t = tokens[i];
    if (t.kind === 'number') return '#';
    return (tokKeys[i] ??= keyOf(text.slice(t.start, t.end)));
  };
  const phraseBefore = (first: number, set: Set<string>, max: number): boolean => phraseLenBefore(first, set, max) > 0;
  /** Length in tokens of the cue phrase of `set` just before token `first` (0: none). */
  const phraseLenBefore = (first: number, set: Set<string>, max: number): number => {
    // A cue before a name is in lower case ("the town of", "près de"): "Town Hall" is no cue.
    if (first > 0 && tokens[first - 1].kind === 'word' && !initial[first - 1] &&
      isCapitalised(text.slice(tokens[first - 1].start, tokens[first - 1].start + 1))) return 0;
    let p = '';
    let found = 0;
    for (let n = 1; n <= max && first - n >= 0; n++) {
      const t = tokens[first - n];
      if (t.kind === 'punct' || t.kind === 'symbol') break;
      p = n === 1 ? keyAt(first - n) : keyAt(first - n) + ' ' + p;
      if (set.has(p)) found = n;
    }
    return found;
  };
  const phraseAfter = (last: number, set: Set<string>, max: number): boolean => {
    let p = '';
    for (let n = 1; n <= max && last + n < tokens.length; n++) {
      const t = tokens[last + n];
      if (t.kind === 'punct' || t.kind === 'symbol') break;
      p = n === 1 ? keyAt(last + n) : p + ' ' + keyAt(last + n);
      if (set.has(p)) return true;
    }
    return false;
  };

  const mentions: readonly Mention[] = ann.mentions ?? [];
  const coveringOf = firstCovering(mentions, matches);

  const matchAt = new Int32Array(tokens.length).fill(-1); // first token → index in cands
  const cands: Candidate[] = matches.map((m, idx) => {
    matchAt[m.first] = idx;
    const isWordTok = (i: number) => i >= 0 && i < tokens.length && (tokens[i].kind === 'word' || tokens[i].kind === 'abbrev');
    const adjacent = (a: number, b: number) => b - a === 0 || (b - a === 1 && text[a] === ' ');
    let cue: Cue = null;
    // "X province" / "X Province"; but "State Department" is no cue for a stop-listed "State".
    const afterOk = !(R.stopWords.has(m.key) || R.stopNames.has(m.key)) ||
      (m.last + 1 < tokens.length && !isCapitalised(text.slice(tokens[m.last + 1].start, tokens[m.last + 1].start + 1)));
    if (phraseBefore(m.first, R.admin1Before, R.maxBefore) || (afterOk && phraseAfter(m.last, R.admin1After, 1))) cue = 'admin1';
    else if (phraseBefore(m.first, R.admin2Before, R.maxBefore) || (afterOk && phraseAfter(m.last, R.admin2After, 1))) cue = 'admin2';
    else if (phraseBefore(m.first, R.townBefore, R.maxBefore)) cue = 'town';
    const prev = m.first - 1;
    const nextTok = m.last + 1;
    const prevCapWord = isWordTok(prev) && adjacent(tokens[prev].end, tokens[m.first].start) &&
      isCapitalised(text.slice(tokens[prev].start, tokens[prev].start + 1));
    const nextCapWord = isWordTok(nextTok) && adjacent(tokens[m.last].end, tokens[nextTok].start) &&
      isCapitalised(text.slice(tokens[nextTok].start, tokens[nextTok].start + 1));
    const prevKey = prev >= 0 ? keyAt(prev) : '';
    const gluedLeftName = prevCapWord && (R.stopNames.has(prevKey) || R.titles.has(prevKey));
    const gluedLeft = prevCapWord && !initial[prev] && !R.functionWords.has(prevKey) && !R.titles.has(prevKey);
    const glued = gluedLeft ||
      (nextCapWord && !R.admin1After.has(keyAt(nextTok)) && !R.admin2After.has(keyAt(nextTok)));
    const mention = coveringOf[idx];
    return {
      match: m,
      cue,
      near: phraseBefore(m.first, R.nearBefore, R.maxBefore),
      // "dans le nord de X", also through a province or district cue ("…de la province de X").
      part: phraseBefore(m.first, R.partBefore, R.maxBefore) ||
        phraseBefore(m.first - Math.max(phraseLenBefore(m.first, R.admin1Before, R.maxBefore),
          phraseLenBefore(m.first, R.admin2Before, R.maxBefore), 0), R.partBefore, R.maxBefore),
      // A LOC mention counts like a locative preposition (the entities stage reads the context).
      locative: (prev >= 0 && R.locative.has(prevKey)) || (!!mention && mention.type === 'LOC'),
      // "Kaboul a démenti", "le gouvernement de Kaboul"; not "officials in Kandahar said".
      metonymCue: phraseBefore(m.first, R.metonymBefore, R.maxBefore) ||
        (!(prev >= 0 && R.locative.has(prevKey)) && phraseAfter(m.last, R.metonymAfter, R.maxAfter)),
      personTitle: prev >= 0 && R.titles.has(prevKey),
      personCue: (prev >= 0 && R.titles.has(prevKey)) || phraseAfter(m.last, R.personAfter, R.maxAfter),
      sentenceInitial: initial[m.first] === 1,
      gluedLeftName: gluedLeftName || (gluedLeft && !!mention && mention.type === 'PER'),
      glued,
      next: -1,
      sentence: sentOf[m.first],
      // Part of a person's or an organisation's longer name; a mention exactly on the name is
      // weighed after resolution (a capital may be the subject of "a démenti").
      // ("gouverneur de Badghis", "governor of Helmand": a role that names a place, kept.)
      rejected: false,
      insideName: !!mention && (mention.type === 'PER' || mention.type === 'ORG') && mention.end - mention.start > m.end - m.start &&
        !(prev >= 0 && tokens[prev].start >= mention.start && !isCapitalised(text.slice(tokens[prev].start, tokens[prev].start + 1)) &&
          m.end === mention.end) ? mention.type : null,
      mentionOther: !!mention && (mention.type === 'PER' || mention.type === 'ORG') && mention.end - mention.start <= m.end - m.start,
      firstNameOf: !!mention && mention.type === 'PER' && mention.start === m.start && mention.end > m.end &&
        m.last + 1 < tokens.length && tokens[m.last + 1].start < mention.end && isCapitalised(text.slice(tokens[m.last + 1].start, tokens[m.last + 1].start + 1)) &&
        !R.titles.has(keyAt(m.last + 1)),
      best: null,
    };
  });
  // "X, Y" / "X (Y)": Y may contain X.
  for (const c of cands) {
    const m = c.match;
    const sep = m.last + 1;
    if (sep < tokens.length && (text[tokens[sep].start] === ',' || text[tokens[sep].start] === '(')) {
      // "X, Y", "X (Y)", "X, in Y", "X, au Y"
      let j = sep + 1 < tokens.length ? matchAt[sep + 1] : -1;
      if (j < 0 && sep + 2 < tokens.length && R.locative.has(keyAt(sep + 1))) j = matchAt[sep + 2];
      if (j >= 0) c.next = j;
    }
  }

  // Lists: "les provinces de Raqa, Hassaké et Alep", "Helmand and Kandahar provinces": the
  // province or district cue of one end holds for every name of a list joined by commas and a
  // final conjunction.
  if (cands.length) {
    let chain: Candidate[] = [cands[0]];
    let conj = false;
    const flush = () => {
      if (chain.length > 1 && conj) {
        const cue = chain[0].cue === 'admin1' || chain[0].cue === 'admin2' ? chain[0].cue
          : chain[chain.length - 1].cue === 'admin1' || chain[chain.length - 1].cue === 'admin2' ? chain[chain.length - 1].cue : null;
        if (cue) for (const c of chain) if (!c.cue) c.cue = cue;
      }
    };
    for (let i = 1; i < cands.length; i++) {
      const a = cands[i - 1].match.last;
      const b = cands[i].match.first;
      let ok = b - a >= 2 && b - a <= 4;
      let hasConj = false;
      for (let k = a + 1; ok && k < b; k++) {
        const t = tokens[k];
        const w = keyAt(k);
        if (t.kind === 'punct' && text[t.start] === ',') continue;
        if (t.kind === 'clitic' && R.particles.has(w)) continue;
        if (R.conjunctions.has(w)) hasConj = true;
        else ok = false;
      }
      if (ok) {
        chain.push(cands[i]);
        conj ||= hasConj;
      } else {
        flush();
        chain = [cands[i]];
        conj = false;
      }
    }
    flush();
  }

  // Focus countries: demonyms (counted above) and country names; then (second pass below) the
  // countries of the well-known places a first resolution finds.
  for (const c of cands) {
    if (c.rejected) continue;
    const pcl = c.match.candidates.find((e) => e.featureCode.startsWith('PCL'));
    if (pcl?.country) focus.set(pcl.country, (focus.get(pcl.country) ?? 0) + 1);
  }
  let maxFocus = 0;
  for (const v of focus.values()) maxFocus = Math.max(maxFocus, v);

  // One sense per document: the mentions of a name are resolved together.
  const groups = new Map<string, Candidate[]>();
  for (const c of cands) {
    if (c.rejected) continue;
    const g = groups.get(c.match.key);
    if (g) g.push(c);
    else groups.set(c.match.key, [c]);
  }
  // Provinces each sentence may name: sentence → "CC.admin1" → keys of the names.
  const provincesBySentence = new Map<number, Map<string, string[]>>();
  for (const c of cands) {
    if (c.rejected) continue;
    for (const e of c.match.candidates) {
      if (e.featureCode !== 'ADM1') continue;
      let m = provincesBySentence.get(c.sentence);
      if (!m) provincesBySentence.set(c.sentence, (m = new Map()));
      const code = `${e.country}.${e.admin1Code}`;
      const keys = m.get(code);
      if (!keys) m.set(code, [c.match.key]);
      else if (!keys.includes(c.match.key)) keys.push(c.match.key);
    }
  }
  // "X, Y": the name each candidate list is contained in / contains.
  const prevOf = new Map<Candidate, Candidate>();
  for (const c of cands) if (c.next >= 0) prevOf.set(cands[c.next], c);
  const resolveAll = (): void => {
  for (const [key, group] of groups) {
    const options = group[0].match.candidates;
    const folded = group[0].match.folded;
    const keyFold = foldKey(key);
    let best: GazEntry | null = null;
    let bestScore = -Infinity;
    const hasAdmin1 = options.some((e) => e.featureCode === 'ADM1');
    const anyAdminCue = group.some((c) => c.cue === 'admin1' || c.cue === 'admin2');
    // What the group's mentions say, gathered once for all the entries: a name recurring
    // thousands of times made every entry read every mention (and its neighbours' entries).
    // The neighbours' entries depend only on their key (and whether it was folded), so each
    // distinct neighbour is read once.
    const cues = new Set<Cue>();
    const nextLists = new Map<string, GazEntry[]>();
    const prevLists = new Map<string, GazEntry[]>();
    const sentences = new Set<number>();
    for (const c of group) {
      if (c.cue) cues.add(c.cue);
      if (c.next >= 0) {
        const nm = cands[c.next].match;
        nextLists.set((nm.folded ? 'f:' : 'k:') + nm.key, nm.candidates);
      }
      const o = prevOf.get(c)?.match;
      if (o) prevLists.set((o.folded ? 'f:' : 'k:') + o.key, o.candidates);
      sentences.add(c.sentence);
    }
    for (const e of options) {
      let s = FEATURE_BASE[e.featureCode] ?? 0;
      // Population prior: towns weigh their population, provinces their places' total.
      if (isTown(e)) s += 2 * Math.log10(e.population + 1);
      else if (e.featureCode === 'ADM1') s += 0.8 * Math.log10(e.population + 1);
      else if (e.featureCode === 'ADM2') s += 1.5 * Math.log10(e.population + 1);
      // The entry's own name rather than one of its (often historical or foreign) alternates.
      if (folded ? nameFold(e) === keyFold : nameKey(e) === key) s += 1.5;
      else if (gaz.isAliasOf(key, e)) s += 1.5;
      // …and more so when it looks nothing like it ("Salisbury" for Harare).
      else if (!isBroad(e)) s -= keyFold.slice(0, 2) === nameFold(e).slice(0, 2) ? 3 : 6;
      if (e.country && maxFocus > 0) s += 6 * ((focus.get(e.country) ?? 0) / maxFocus);
      // The capital or main city of a province named like it is what the press means by the
      // bare name ("Kandahar", "New York").
      if (hasAdmin1 && !anyAdminCue && isTown(e) && tier(e) === 3 &&
        options.some((o) => o.featureCode === 'ADM1' && o.country === e.country && o.admin1Code === e.admin1Code)) s += 5;
      let bonus = 0;
      if (cues.has('admin1')) bonus = Math.max(bonus, e.featureCode === 'ADM1' ? 20 : e.featureCode === 'ADM2' ? 10 : 0);
      if (cues.has('admin2')) bonus = Math.max(bonus, e.featureCode === 'ADM2' ? 20 : e.featureCode === 'ADM1' ? 5 : 0);
      if (cues.has('town')) bonus = Math.max(bonus, isTown(e) ? 8 : 0);
      for (const list of nextLists.values()) if (list.some((o) => contains(o, e))) bonus = Math.max(bonus, 15);
      // …and the container of "X, Y" is the one that holds a place named X.
      if (isBroad(e) || e.featureCode.startsWith('ADM')) for (const list of prevLists.values()) if (list.some((x) => contains(e, x))) bonus = Math.max(bonus, 15);
      // A province named in the same sentence (by another name than this one).
      if (e.country && e.featureCode !== 'ADM1') {
        const code = `${e.country}.${e.admin1Code}`;
        for (const sn of sentences) {
          const owners = provincesBySentence.get(sn)?.get(code);
          if (owners && owners.some((o) => o !== key)) bonus = Math.max(bonus, 6);
        }
      }
      s += bonus;
      if (s > bestScore) {
        bestScore = s;
        best = e;
      }
    }
    for (const c of group) c.best = best;
  }
  };
  resolveAll();
  // Second pass: what the first found among provinces, capitals and big cities says about the
  // document's country (each distinct name counts once).
  const seen = new Set<string>();
  let added = false;
  for (const c of cands) {
    const e = c.best;
    if (c.rejected || !e || !e.country || e.featureCode.startsWith('PCL') || tier(e) < 3 || seen.has(c.match.key)) continue;
    seen.add(c.match.key);
    focus.set(e.country, (focus.get(e.country) ?? 0) + 0.5);
    added = true;
  }
  if (added) {
    for (const v of focus.values()) maxFocus = Math.max(maxFocus, v);
    resolveAll();
  }

  // "la province de Hérat": a province cue on a name known as its capital's means the province.
  for (const c of cands) {
    if (c.cue === 'admin1' && c.best && isTown(c.best)) {
      const a1 = gaz.admin1Of(c.best);
      if (a1 && /^PPL[AC]$/.test(c.best.featureCode)) c.best = a1;
    }
  }

  // Acceptance: evidence needed by small places, stop-listed words and capitalised common words.
  const places: Place[] = [];
  for (const c of cands) {
    const e = c.best;
    if (c.rejected || !e) continue;
    const m = c.match;
    const single = m.first === m.last;
    // (A LOC mention is no evidence of its own: the entities stage types it from this gazetteer.)
    const strong = c.cue !== null ||
      (c.next >= 0 && cands[c.next].best !== null && contains(cands[c.next].best!, e)) ||
      (prevOf.get(c)?.best ? contains(e, prevOf.get(c)!.best!) : false);
    const inFocus = !!e.country && (focus.get(e.country) ?? 0) >= 1;
    const t = tier(e);
    // Matched on an alternate name only (GeoNames keeps many, some obscure or shared with
    // common words), or through the transliteration fallback.
    const altOnly = m.folded ||
      (nameKey(e) !== m.key && !e.featureCode.startsWith('PCL') && !gaz.isAliasOf(m.key, e));
    // An alternate name unlike the entry's own (a historical or foreign name: "Salisbury" for
    // Harare, a first name for some city) needs the same evidence as a small town.
    const unlike = altOnly && foldKey(m.key).slice(0, 2) !== nameFold(e).slice(0, 2);
    // A short all-capitals word (an acronym: "BA", "SANA") is a place only by a curated alias.
    const acronym = single && m.end - m.start <= 4 && /^[\p{Lu}.]+$/u.test(text.slice(m.start, m.end)) &&
      !gaz.isAliasOf(m.key, e) && !e.featureCode.startsWith('PCL');
    let ok: boolean;
    // Inside a longer name only a well-known place survives ("California Governor …", "Lagos
    // Chamber of Commerce"), and not after a first name ("Jean Paris") nor as one ("Jordan Smith").
    if (c.firstNameOf || (c.insideName && (t < 3 || c.gluedLeftName))) ok = false;
    else if (single && R.functionWords.has(m.key)) ok = false;
    else if (acronym) ok = false;
    else if (R.stopNames.has(m.key) && altOnly) ok = strong;
    else if (unlike && single && !strong && !c.locative && !c.near && !c.part && !inFocus) ok = false;
    else if (single && demonymBase.has(m.key) && dem.has(m.key) && !strong) ok = false; // "Canadian": the adjective
    else if (m.folded && !strong && !c.locative && !c.near && !c.part && !inFocus) ok = false;
    else if (e.featureCode === 'ADM2' && altOnly) ok = c.cue === 'admin2' || c.cue === 'admin1';
    else if (altOnly && t < 3 && !strong && !((c.locative || c.near || c.part) && (inFocus || maxFocus === 0))) ok = false;
    else if (altOnly && single && m.end - m.start <= 3 && !strong) ok = false;
    else if (R.stopWords.has(m.key)) ok = strong;
    else if (c.mentionOther) ok = t === 3 || strong;
    else if (c.personTitle) ok = strong;
    else if (R.stopNames.has(m.key) || (c.personCue && t < 3)) ok = strong || (c.locative && t >= 2);
    else if (single && (lowerWords.has(m.key) || (c.sentenceInitial && m.candidates.every((x) => tier(x) < 3)))) ok = strong || c.locative;
    else if (c.gluedLeftName) ok = strong;
    else if (c.glued && t < 3) ok = strong;
    // A lesser place in a country the document never mentions, while it clearly is about another.
    else if (t < 3 && maxFocus >= 2 && !(focus.get(e.country ?? '') ?? 0) && !strong) ok = false;
    else if (t === 3) ok = true;
    else if (t === 2) ok = strong || c.locative || inFocus || c.near || c.part;
    else ok = strong || ((c.locative || c.near || c.part) && (inFocus || maxFocus === 0));
    if (!ok) continue;
    const broad = isBroad(e);
    const precision: 1 | 2 | 3 = broad
      ? 3
      : c.near || c.part || e.featureCode === 'ADM2'
        ? 2
        : e.featureCode === 'ADM1'
          ? 3
          : 1;
    const place: Place = {
      id: '',
      start: m.start,
      end: m.end,
      text: text.slice(m.start, m.end),
      geonameId: e.geonameId,
      name: e.name,
      lat: Number.isFinite(e.lat) ? e.lat : null,
      lon: Number.isFinite(e.lon) ? e.lon : null,
      country: e.country,
      admin1: broad ? null : gaz.admin1Name(e),
      admin2: broad || e.featureCode === 'ADM1' ? null : gaz.admin2Name(e),
      featureCode: e.featureCode,
      geoPrecision: precision,
    };
    if (c.metonymCue && (broad || e.featureCode === 'PPLC' || e.featureCode === 'PPLA' || e.featureCode === 'BLDG' || e.population >= 100000)) place.metonym = true;
    // A place naming an organisation ("US Army", "Lagos Chamber of Commerce") is no event location.
    if (c.insideName === 'ORG') place.metonym = true;
    places.push(place);
  }
  // Demonyms and adjectives of nationality ("Russian officials"): the country, as an associated
  // place (metonym), when the language writes them capitalised and the lexicon asks for it.
  if (demTokens.length || demParts.length) {
    const spans = [
      ...demTokens.map((d) => ({ start: tokens[d.first].start, end: tokens[d.last].end, code: d.code })),
      ...demParts,
    ];
    // The names found above come in text order; a demonym overlaps one of them when one that
    // starts before its end reaches past its start: the largest end among those (running
    // maxima, found by halving) says so. Demonym spans never overlap one another (a token is a
    // demonym whole or in hyphenated parts), so the places added here need no such check.
    const found = places.length;
    const reach: number[] = [];
    for (let i = 0; i < found; i++) reach.push(Math.max(places[i].end, i ? reach[i - 1] : -1));
    const overlapsFound = (start: number, end: number): boolean => {
      let lo = 0;
      let hi = found;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (places[mid].start < end) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 && reach[lo - 1] > start;
    };
    for (const d of spans) {
      const { start, end } = d;
      if (overlapsFound(start, end)) continue;
      const e = d.code.startsWith('#') ? gaz.entry(Number(d.code.slice(1))) : gaz.countryOf(d.code);
      if (!e) continue;
      places.push({
        id: '', start, end, text: text.slice(start, end), geonameId: e.geonameId, name: e.name,
        lat: e.lat, lon: e.lon, country: e.country, admin1: null, admin2: null, featureCode: e.featureCode,
        geoPrecision: 3, metonym: true,
      });
    }
    places.sort((a, b) => a.start - b.start);
  }
  places.forEach((p, i) => (p.id = `p${i + 1}`));
  return places;
}

/**
 * For each span, the first mention (in the mentions' order) that covers it, or undefined. Read
 * for every span in turn the mentions made the stage quadratic when a name recurs thousands of
 * times; here one sweep by start inserts the mentions that start early enough into a tree of
 * the earliest mention by end (ends sorted from the largest, so "ends at or after" is a prefix).
 */
export function firstCovering(mentions: readonly Mention[], spans: readonly { start: number; end: number }[]): (Mention | undefined)[] {
  const out = new Array<Mention | undefined>(spans.length);
  if (!mentions.length || !spans.length) return out;
  const ends = [...new Set(mentions.map((m) => m.end))].sort((a, b) => b - a);
  const rank = new Map<number, number>();
  ends.forEach((e, i) => rank.set(e, i + 1));
  const none = mentions.length;
  // Fenwick tree of minima over positions 1..ends.length
  const tree = new Int32Array(ends.length + 1).fill(none);
  const byStart = mentions.map((_, i) => i).sort((a, b) => mentions[a].start - mentions[b].start);
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].start - spans[b].start);
  let p = 0;
  for (const q of order) {
    const { start, end } = spans[q];
    for (; p < byStart.length && mentions[byStart[p]].start <= start; p++) {
      const x = byStart[p];
      for (let i = rank.get(mentions[x].end)!; i < tree.length; i += i & -i) if (tree[i] > x) tree[i] = x;
    }
    // how many distinct ends are at or after `end`
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] >= end) lo = mid + 1;
      else hi = mid;
    }
    let best = none;
    for (let i = lo; i > 0; i -= i & -i) if (tree[i] < best) best = tree[i];
    out[q] = best < none ? mentions[best] : undefined;
  }
  return out;
}

export const placesStage = defineStage({
  name: 'places',
  produces: 'places',
  run: (doc, ann) => resolvePlaces(doc, ann),
});
