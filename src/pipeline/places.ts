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
import { findNames, isCapitalised, sharedTokenKeys, tokenKey, type NameMatch } from '../gazetteer/match.js';
import { foldKey, normKey } from '../gazetteer/normalize.js';
import { lexiconLang, loadLexicon, packageRoot } from '../lexicons/load.js';
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
  /** "le village de", "the village of": a capitalised name after it is a locality. */
  localityBefore?: string[];
  /** "Bourse de", "University of" / "Film Festival": a name there is part of an institution's. */
  institutionBefore?: string[];
  institutionAfter?: string[];
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
  localityBefore: Set<string>;
  institutionBefore: Set<string>;
  institutionAfter: Set<string>;
  /** Longest cue phrase in words. */
  maxBefore: number;
  maxAfter: number;
}

const rulesCache = new Map<string, Rules>();

function phraseSet(list: readonly string[] | undefined): Set<string> {
  return new Set((list ?? []).map((p) => p.split(' ').map((w) => (w === '#' ? '#' : normKey(w))).join(' ')));
}

function rulesFor(lang: Lang): Rules {
  const l = lexiconLang(lang, 'places-cues');
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
    localityBefore: phraseSet(cue.localityBefore),
    institutionBefore: phraseSet(cue.institutionBefore),
    institutionAfter: phraseSet(cue.institutionAfter),
    maxBefore: 1,
    maxAfter: 1,
  };
  for (const s of [r.admin1Before, r.admin2Before, r.townBefore, r.nearBefore, r.partBefore, r.metonymBefore, r.titles, r.locative, r.localityBefore, r.institutionBefore])
    for (const p of s) r.maxBefore = Math.max(r.maxBefore, p.split(' ').length);
  for (const s of [r.admin1After, r.admin2After, r.metonymAfter, r.personAfter, r.institutionAfter])
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
  /** Names of the rules that read this candidate (carried by its place). */
  rules: string[];
  /** Inside the name of an institution, a festival, a market ("Bourse de Paris"). */
  institution: boolean;
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

// ---------------------------------------------------------------------------------------------
// The stage as small named rules. Each candidate (a gazetteer match) collects the names of the
// rules that read it; the place it becomes carries them (Place.rules).
//
//   matchers   gazetteer-match      "Kaboul", "Arabie saoudite", "N’Djamena"   (gazetteer/match.ts)
//              context-locality     "le village de Tinzawa" — no gazetteer entry: placed at the
//                                   best containing area of the sentence (geo_precision 2 or 3)
//              demonym              "Russian officials" → Russia (metonym)
//   readers    cue-admin1 / cue-admin2 / cue-town   "la province de X", "X district", "the town of X"
//              near / part          "près de X", "dans le nord de X" (geo_precision 2)
//              locative             "à X", "in X"
//              metonym-cue          "le gouvernement de Kaboul", "Kabul said"
//              container            "X, Y" / "X (Y)": Y contains X
//              list-cue             "les provinces de A, B et C": one cue for the list
//   refiners   focus-country        the countries a document names or implies weigh on all names
//              focus-admin1         …and the provinces or states it is about (Paris, Texas)
//              province-cue-capital "la province de Hérat" is the province, not its capital
//   filters    inside-institution   "Bourse de Paris", "Université de Lyon", "Cannes Film Festival"
//              inside-name, acronym, stop-word, title, … (acceptance, see acceptReason)
// ---------------------------------------------------------------------------------------------

/** What every rule may read: the text, its tokens, the language's rules, phrases around a name. */
interface Ctx {
  text: string;
  tokens: readonly Token[];
  R: Rules;
  /** Token → sentence. */
  sentOf: Int32Array;
  /** 1 for the first word of a sentence or of a line. */
  initial: Uint8Array;
  keyAt(i: number): string;
  capAt(i: number): boolean;
}

/** Token → sentence and sentence-initial words ("Police said…": no evidence of a place). */
function sentenceStarts(text: string, tokens: readonly Token[], sentences: readonly { end: number }[]): { sentOf: Int32Array; initial: Uint8Array } {
  const sentOf = new Int32Array(tokens.length).fill(-1);
  const initial = new Uint8Array(tokens.length);
  let s = 0;
  let firstWordSeen = false;
  for (let i = 0; i < tokens.length; i++) {
    while (s < sentences.length && tokens[i].start >= sentences[s].end) {
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
  return { sentOf, initial };
}

/** keys: the token keys the matcher filled (one string per distinct spelling, shared through keyOf). */
function makeCtx(text: string, tokens: readonly Token[], R: Rules, sentences: readonly { end: number }[], keyOf: (w: string) => string, keys: string[]): Ctx {
  const { sentOf, initial } = sentenceStarts(text, tokens, sentences);
  return {
    text, tokens, R, sentOf, initial,
    keyAt: (i) => (tokens[i].kind === 'number' ? '#' : (keys[i] ??= keyOf(text.slice(tokens[i].start, tokens[i].end)))),
    capAt: (i) => i >= 0 && i < tokens.length && isCapitalised(text.slice(tokens[i].start, tokens[i].start + 1)),
  };
}

/**
 * Length in tokens of the cue phrase of `set` just before token `first` (0: none). A cue before a
 * name is in lower case ("the town of", "près de"): "Town Hall" is no cue.
 */
function phraseLenBefore(x: Ctx, first: number, set: Set<string>): number {
  const { tokens } = x;
  if (first > 0 && tokens[first - 1].kind === 'word' && !x.initial[first - 1] && x.capAt(first - 1)) return 0;
  let p = '';
  let found = 0;
  for (let n = 1; n <= x.R.maxBefore && first - n >= 0; n++) {
    const t = tokens[first - n];
    if (t.kind === 'punct' || t.kind === 'symbol') break;
    p = n === 1 ? x.keyAt(first - n) : x.keyAt(first - n) + ' ' + p;
    if (set.has(p)) found = n;
  }
  return found;
}

function phraseBefore(x: Ctx, first: number, set: Set<string>): boolean {
  return phraseLenBefore(x, first, set) > 0;
}

/** Length of the phrase of `set` right after token `last` (0: none): "X province", "Kabul said". */
function phraseLenAfter(x: Ctx, last: number, set: Set<string>, max: number): number {
  let p = '';
  for (let n = 1; n <= max && last + n < x.tokens.length; n++) {
    const t = x.tokens[last + n];
    if (t.kind === 'punct' || t.kind === 'symbol') break;
    p = n === 1 ? x.keyAt(last + n) : p + ' ' + x.keyAt(last + n);
    if (set.has(p)) return n;
  }
  return 0;
}

function phraseAfter(x: Ctx, last: number, set: Set<string>, max: number): boolean {
  return phraseLenAfter(x, last, set, max) > 0;
}

/** Countries the document names by demonym ("les forces maliennes", "Russian-backed"), and the
 *  demonym spans that become places where the language writes them capitalised. */
interface DemonymScan {
  focus: Map<string, number>;
  lowerWords: Set<string>;
  spans: { start: number; end: number; code: string }[];
}

/**
 * Example: "Russian officials met Ukrainian envoys" → focus RU 1, UA 1; in English the two
 * words are also spans of places (metonyms). Also gathers the words the document writes in lower
 * case ("police", "mobile"): their capitalised form at a sentence start is the same common word.
 */
function scanDemonyms(x: Ctx): DemonymScan {
  const { text, tokens, R } = x;
  const dem = demonymMap();
  const out: DemonymScan = { focus: new Map(), lowerWords: new Set(), spans: [] };
  const count = (code: string) => {
    if (!code.startsWith('#')) out.focus.set(code, (out.focus.get(code) ?? 0) + 1);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    const w = text.slice(t.start, t.end);
    const k = x.keyAt(i);
    const cap = isCapitalised(w);
    if (!cap) out.lowerWords.add(k);
    // Two-word demonyms ("South Korean") first.
    const nx = tokens[i + 1];
    const k2 = cap && nx && nx.kind === 'word' && nx.start === t.end + 1 ? k + ' ' + x.keyAt(i + 1) : '';
    const d2 = k2 ? dem.get(k2) : undefined;
    const d = d2 ?? dem.get(k);
    if (!d && w.indexOf('-') > 0) {
      // "anti-Russian", "Russian-backed": a capitalised demonym inside a hyphenated word.
      let from = 0;
      for (const part of w.split('-')) {
        const pk = tokenKey(part);
        const pd = part && isCapitalised(part) ? dem.get(pk) : undefined;
        if (pd && demonymBase.has(pk)) {
          count(pd);
          if (R.demonymsAsPlaces) out.spans.push({ start: t.start + from, end: t.start + from + part.length, code: pd });
        }
        from += part.length + 1;
      }
    }
    if (!d) continue;
    count(d);
    const kk = d2 ? k2 : k;
    if (cap && R.demonymsAsPlaces && demonymBase.has(kk)) out.spans.push({ start: t.start, end: d2 ? nx.end : t.end, code: d });
    if (d2) i++;
  }
  return out;
}

/**
 * The province, district or town cue of a name, with the rule that read it. Examples: "la
 * province de Hérat" admin1, "Helmand province" admin1, "the district of X" admin2, "la ville de
 * X" town; "State Department" is no cue for a stop-listed "State".
 */
function readCue(x: Ctx, m: NameMatch): Cue {
  const { R, tokens } = x;
  const afterOk = !(R.stopWords.has(m.key) || R.stopNames.has(m.key)) || (m.last + 1 < tokens.length && !x.capAt(m.last + 1));
  if (phraseBefore(x, m.first, R.admin1Before) || (afterOk && phraseAfter(x, m.last, R.admin1After, 1))) return 'admin1';
  if (phraseBefore(x, m.first, R.admin2Before) || (afterOk && phraseAfter(x, m.last, R.admin2After, 1))) return 'admin2';
  if (phraseBefore(x, m.first, R.townBefore)) return 'town';
  return null;
}

/**
 * A name inside the name of an institution, a festival or a market ("la Bourse de Paris",
 * "l'Université de Lyon", "the Cannes Film Festival"): the head is capitalised, the name is no
 * place of the text. A lower-case head ("l'université de Lyon") still says where.
 */
function insideInstitution(x: Ctx, m: NameMatch): boolean {
  const { R } = x;
  const n = phraseLenBefore(x, m.first, R.institutionBefore);
  if (n > 0 && x.capAt(m.first - n)) return true;
  const a = phraseLenAfter(x, m.last, R.institutionAfter, R.maxAfter);
  return a > 0 && x.capAt(m.last + 1);
}

function readCandidate(x: Ctx, m: NameMatch, mention: Mention | undefined): Candidate {
  const { tokens, text, R } = x;
  const rules: string[] = ['gazetteer-match'];
  const isWordTok = (i: number) => i >= 0 && i < tokens.length && (tokens[i].kind === 'word' || tokens[i].kind === 'abbrev');
  const adjacent = (a: number, b: number) => b - a === 0 || (b - a === 1 && text[a] === ' ');
  const cue = readCue(x, m);
  if (cue) rules.push('cue-' + cue);
  const prev = m.first - 1;
  const nextTok = m.last + 1;
  const prevCapWord = isWordTok(prev) && adjacent(tokens[prev].end, tokens[m.first].start) && x.capAt(prev);
  const nextCapWord = isWordTok(nextTok) && adjacent(tokens[m.last].end, tokens[nextTok].start) && x.capAt(nextTok);
  const prevKey = prev >= 0 ? x.keyAt(prev) : '';
  const gluedLeftName = prevCapWord && (R.stopNames.has(prevKey) || R.titles.has(prevKey));
  const gluedLeft = prevCapWord && !x.initial[prev] && !R.functionWords.has(prevKey) && !R.titles.has(prevKey);
  const glued = gluedLeft || (nextCapWord && !R.admin1After.has(x.keyAt(nextTok)) && !R.admin2After.has(x.keyAt(nextTok)));
  const near = phraseBefore(x, m.first, R.nearBefore);
  // "dans le nord de X", also through a province or district cue ("…de la province de X").
  const part = phraseBefore(x, m.first, R.partBefore) ||
    phraseBefore(x, m.first - Math.max(phraseLenBefore(x, m.first, R.admin1Before), phraseLenBefore(x, m.first, R.admin2Before), 0), R.partBefore);
  const locativeWord = prev >= 0 && R.locative.has(prevKey);
  // A LOC mention counts like a locative preposition (the entities stage reads the context).
  const locative = locativeWord || (!!mention && mention.type === 'LOC');
  // "Kaboul a démenti", "le gouvernement de Kaboul"; not "officials in Kandahar said".
  const metonymCue = phraseBefore(x, m.first, R.metonymBefore) || (!locativeWord && phraseAfter(x, m.last, R.metonymAfter, R.maxAfter));
  if (near) rules.push('near');
  if (part) rules.push('part');
  if (locative) rules.push('locative');
  if (metonymCue) rules.push('metonym-cue');
  const byName = !!mention && (mention.type === 'PER' || mention.type === 'ORG');
  return {
    match: m, cue, near, part, locative, metonymCue, rules,
    personTitle: prev >= 0 && R.titles.has(prevKey),
    personCue: (prev >= 0 && R.titles.has(prevKey)) || phraseAfter(x, m.last, R.personAfter, R.maxAfter),
    sentenceInitial: x.initial[m.first] === 1,
    gluedLeftName: gluedLeftName || (gluedLeft && !!mention && mention.type === 'PER'),
    glued,
    next: -1,
    sentence: x.sentOf[m.first],
    rejected: false,
    institution: insideInstitution(x, m),
    // Part of a person's or an organisation's longer name; a mention exactly on the name is
    // weighed after resolution (a capital may be the subject of "a démenti").
    // ("gouverneur de Badghis", "governor of Helmand": a role that names a place, kept.)
    insideName: byName && mention.end - mention.start > m.end - m.start &&
      !(prev >= 0 && tokens[prev].start >= mention.start && !x.capAt(prev) && m.end === mention.end) ? mention.type as 'PER' | 'ORG' : null,
    mentionOther: byName && mention.end - mention.start <= m.end - m.start,
    firstNameOf: !!mention && mention.type === 'PER' && mention.start === m.start && mention.end > m.end &&
      m.last + 1 < tokens.length && tokens[m.last + 1].start < mention.end && x.capAt(m.last + 1) && !R.titles.has(x.keyAt(m.last + 1)),
    best: null,
  };
}

/**
 * "X, Y", "X (Y)", "X, in Y", "X, au Y": Y may contain X. Example: "Qala-i-Naw, Badghis" links
 * the town to the province.
 */
function linkContainers(x: Ctx, cands: Candidate[]): void {
  const { tokens, text, R } = x;
  const matchAt = new Int32Array(x.tokens.length).fill(-1); // first token → index in cands
  cands.forEach((c, i) => (matchAt[c.match.first] = i));
  for (const c of cands) {
    const sep = c.match.last + 1;
    if (sep >= tokens.length || (text[tokens[sep].start] !== ',' && text[tokens[sep].start] !== '(')) continue;
    let j = sep + 1 < tokens.length ? matchAt[sep + 1] : -1;
    if (j < 0 && sep + 2 < tokens.length && R.locative.has(x.keyAt(sep + 1))) j = matchAt[sep + 2];
    if (j >= 0) c.next = j;
  }
}

/**
 * Lists: "les provinces de Raqa, Hassaké et Alep", "Helmand and Kandahar provinces": the province
 * or district cue of one end holds for every name of a list joined by commas and a final
 * conjunction.
 */
function spreadListCues(x: Ctx, cands: Candidate[]): void {
  if (!cands.length) return;
  const { tokens, text, R } = x;
  let chain: Candidate[] = [cands[0]];
  let conj = false;
  const flush = () => {
    if (chain.length < 2 || !conj) return;
    const ends = [chain[0].cue, chain[chain.length - 1].cue];
    const cue = ends.find((c) => c === 'admin1' || c === 'admin2');
    if (!cue) return;
    for (const c of chain) if (!c.cue) {
      c.cue = cue;
      c.rules.push('list-cue');
    }
  };
  for (let i = 1; i < cands.length; i++) {
    const a = cands[i - 1].match.last;
    const b = cands[i].match.first;
    let ok = b - a >= 2 && b - a <= 4;
    let hasConj = false;
    for (let k = a + 1; ok && k < b; k++) {
      const w = x.keyAt(k);
      if (tokens[k].kind === 'punct' && text[tokens[k].start] === ',') continue;
      if (tokens[k].kind === 'clitic' && R.particles.has(w)) continue;
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

/** What the document is about: countries (by count); provinces or states it names, and those its big towns lie in. */
interface Focus {
  country: Map<string, number>;
  maxCountry: number;
  /** "CC.admin1" → keys of the provinces or states named as such. */
  namedAdmin1: Map<string, Set<string>>;
  /** "CC.admin1" → keys of the well-known towns found there. */
  townAdmin1: Map<string, Set<string>>;
}

function maxOf(m: Map<string, number>): number {
  let v = 0;
  for (const n of m.values()) v = Math.max(v, n);
  return v;
}

function bump(m: Map<string, number>, k: string, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** Country names count towards the focus like demonyms ("au Mali", "les forces maliennes"). */
function countCountryNames(cands: readonly Candidate[], focus: Focus): void {
  for (const c of cands) {
    if (c.rejected) continue;
    const pcl = c.match.candidates.find((e) => e.featureCode.startsWith('PCL'));
    if (pcl?.country) bump(focus.country, pcl.country);
  }
  focus.maxCountry = maxOf(focus.country);
}

/**
 * Second look at the focus: what a first resolution found among provinces, capitals and big
 * cities says about the document's country and its province or state (each distinct name counts
 * once). Example: "Atlanta … Georgia" → the state, not the country. Returns whether anything was
 * added.
 */
function refineFocus(cands: readonly Candidate[], focus: Focus): boolean {
  const seen = new Set<string>();
  let added = false;
  for (const c of cands) {
    const e = c.best;
    if (c.rejected || !e || !e.country || e.featureCode.startsWith('PCL') || tier(e) < 3 || seen.has(c.match.key)) continue;
    seen.add(c.match.key);
    bump(focus.country, e.country, 0.5);
    if (e.admin1Code && !isBroad(e)) {
      const m = e.featureCode === 'ADM1' ? focus.namedAdmin1 : focus.townAdmin1;
      const code = `${e.country}.${e.admin1Code}`;
      m.set(code, (m.get(code) ?? new Set()).add(c.match.key));
    }
    added = true;
  }
  focus.maxCountry = maxOf(focus.country);
  return added;
}

/**
 * Local news: the state or province a document names, together with a well-known town of it,
 * outweighs a famous namesake's population ("Alexandria" in a text naming Virginia and
 * Richmond; "Georgia" in a text naming Atlanta is the state).
 */
/** "country.admin1" of an entry (an entry without a country has none: "" never matches one). */
function admin1CodeOf(e: GazEntry): string {
  return e.country ? `${e.country}.${e.admin1Code}` : '';
}

function admin1FocusBonus(e: GazEntry, g: GroupView, focus: Focus): number {
  if (!e.country || !e.admin1Code || isBroad(e)) return 0;
  const code = `${e.country}.${e.admin1Code}`;
  // Evidence from other names only: "New York" the city is no evidence for "New York" the state.
  const others = (m: Map<string, Set<string>>) => [...(m.get(code) ?? [])].some((k) => k !== g.key);
  // …and a city named like its state keeps the bare name ("New York" among Brooklyn and Queens).
  const cityOfIt = g.majorTownAdmin1Codes.has(admin1CodeOf(e));
  if (e.featureCode === 'ADM1') return !cityOfIt && others(focus.townAdmin1) ? 8 : 0;
  return isTown(e) && others(focus.namedAdmin1) && others(focus.townAdmin1) ? 3 : 0;
}

/** What the mentions of one name say, gathered once for all of its candidate entries. */
interface GroupView {
  key: string;
  keyFold: string;
  folded: boolean;
  options: readonly GazEntry[];
  hasAdmin1: boolean;
  /** "country.admin1" of the options that are provinces, and of those that are major towns
   *  (tier 3): asked of every option, so gathered once (a name with hundreds of namesakes made
   *  the scoring quadratic). */
  admin1Codes: Set<string>;
  majorTownAdmin1Codes: Set<string>;
  anyAdminCue: boolean;
  cues: Set<Cue>;
  nextLists: (readonly GazEntry[])[];
  prevLists: (readonly GazEntry[])[];
  sentences: Set<number>;
}

function viewGroup(key: string, group: readonly Candidate[], cands: readonly Candidate[], prevOf: Map<Candidate, Candidate>): GroupView {
  const options = group[0].match.candidates;
  // The neighbours' entries depend only on their key (and whether it was folded): each distinct
  // neighbour is read once (a name recurring thousands of times made every entry read them all).
  const nextLists = new Map<string, readonly GazEntry[]>();
  const prevLists = new Map<string, readonly GazEntry[]>();
  const cues = new Set<Cue>();
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
  return {
    key, keyFold: foldKey(key), folded: group[0].match.folded, options,
    hasAdmin1: options.some((e) => e.featureCode === 'ADM1'),
    admin1Codes: new Set(options.filter((o) => o.featureCode === 'ADM1').map(admin1CodeOf)),
    majorTownAdmin1Codes: new Set(options.filter((o) => isTown(o) && tier(o) === 3).map(admin1CodeOf)),
    anyAdminCue: group.some((c) => c.cue === 'admin1' || c.cue === 'admin2'),
    cues, nextLists: [...nextLists.values()], prevLists: [...prevLists.values()], sentences,
  };
}

/**
 * Score of one entry for a name: feature class and population priors, own name over alternate
 * names, the document's focus, cues, containment. Example: "Kandahar" with "province" after it
 * → the province (cue-admin1 +20); bare "Kandahar" → the city (capital of a province named alike).
 */
function scoreEntry(e: GazEntry, g: GroupView, focus: Focus, provincesBySentence: Map<number, Map<string, string[]>>): number {
  const gaz = getGazetteer();
  let s = FEATURE_BASE[e.featureCode] ?? 0;
  // Population prior: towns weigh their population, provinces their places' total.
  if (isTown(e)) s += 2 * Math.log10(e.population + 1);
  else if (e.featureCode === 'ADM1') s += 0.8 * Math.log10(e.population + 1);
  else if (e.featureCode === 'ADM2') s += 1.5 * Math.log10(e.population + 1);
  // The entry's own name rather than one of its (often historical or foreign) alternates.
  if (g.folded ? nameFold(e) === g.keyFold : nameKey(e) === g.key) s += 1.5;
  else if (gaz.isAliasOf(g.key, e)) s += 1.5;
  // …and more so when it looks nothing like it ("Salisbury" for Harare).
  else if (!isBroad(e)) s -= g.keyFold.slice(0, 2) === nameFold(e).slice(0, 2) ? 3 : 6;
  if (e.country && focus.maxCountry > 0) s += 6 * ((focus.country.get(e.country) ?? 0) / focus.maxCountry);
  s += admin1FocusBonus(e, g, focus);
  // The capital or main city of a province named like it is what the press means by the
  // bare name ("Kandahar", "New York").
  if (g.hasAdmin1 && !g.anyAdminCue && isTown(e) && tier(e) === 3 && g.admin1Codes.has(admin1CodeOf(e))) s += 5;
  return s + contextBonus(e, g, provincesBySentence);
}

/** Cues and containment: the best of the evidence the text gives for this entry. */
function contextBonus(e: GazEntry, g: GroupView, provincesBySentence: Map<number, Map<string, string[]>>): number {
  let bonus = 0;
  if (g.cues.has('admin1')) bonus = Math.max(bonus, e.featureCode === 'ADM1' ? 20 : e.featureCode === 'ADM2' ? 10 : 0);
  if (g.cues.has('admin2')) bonus = Math.max(bonus, e.featureCode === 'ADM2' ? 20 : e.featureCode === 'ADM1' ? 5 : 0);
  if (g.cues.has('town')) bonus = Math.max(bonus, isTown(e) ? 8 : 0);
  for (const list of g.nextLists) if (list.some((o) => contains(o, e))) bonus = Math.max(bonus, 15);
  // …and the container of "X, Y" is the one that holds a place named X.
  if (isBroad(e) || e.featureCode.startsWith('ADM')) for (const list of g.prevLists) if (list.some((o) => contains(e, o))) bonus = Math.max(bonus, 15);
  // A province named in the same sentence (by another name than this one).
  if (e.country && e.featureCode !== 'ADM1') {
    const code = `${e.country}.${e.admin1Code}`;
    for (const sn of g.sentences) {
      const owners = provincesBySentence.get(sn)?.get(code);
      if (owners && owners.some((o) => o !== g.key)) bonus = Math.max(bonus, 6);
    }
  }
  return bonus;
}

/** Provinces each sentence may name: sentence → "CC.admin1" → keys of the names. */
function provincesBySentenceOf(cands: readonly Candidate[]): Map<number, Map<string, string[]>> {
  const out = new Map<number, Map<string, string[]>>();
  for (const c of cands) {
    if (c.rejected) continue;
    for (const e of c.match.candidates) {
      if (e.featureCode !== 'ADM1') continue;
      let m = out.get(c.sentence);
      if (!m) out.set(c.sentence, (m = new Map()));
      const code = `${e.country}.${e.admin1Code}`;
      const keys = m.get(code);
      if (!keys) m.set(code, [c.match.key]);
      else if (!keys.includes(c.match.key)) keys.push(c.match.key);
    }
  }
  return out;
}

/** One sense per document: the mentions of a name are resolved together. */
function resolveGroups(cands: readonly Candidate[], focus: Focus): void {
  const groups = new Map<string, Candidate[]>();
  for (const c of cands) {
    if (c.rejected) continue;
    const g = groups.get(c.match.key);
    if (g) g.push(c);
    else groups.set(c.match.key, [c]);
  }
  const provinces = provincesBySentenceOf(cands);
  const prevOf = new Map<Candidate, Candidate>();
  for (const c of cands) if (c.next >= 0) prevOf.set(cands[c.next], c);
  for (const [key, group] of groups) {
    const view = viewGroup(key, group, cands, prevOf);
    let best: GazEntry | null = null;
    let bestScore = -Infinity;
    for (const e of view.options) {
      const s = scoreEntry(e, view, focus, provinces);
      if (s > bestScore) {
        bestScore = s;
        best = e;
      }
    }
    for (const c of group) c.best = best;
    if (best) noteFocusRules(group, best, view, focus);
  }
}

/** The focus rules that weighed on a resolution, named on the group's candidates. */
function noteFocusRules(group: readonly Candidate[], best: GazEntry, view: GroupView, focus: Focus): void {
  const names: string[] = [];
  if (best.country && (focus.country.get(best.country) ?? 0) > 0) names.push('focus-country');
  if (admin1FocusBonus(best, view, focus) > 0) names.push('focus-admin1');
  for (const c of group) for (const n of names) if (!c.rules.includes(n)) c.rules.push(n);
}

/** "la province de Hérat": a province cue on a name known as its capital's means the province. */
function provinceCueOnCapital(cands: readonly Candidate[]): void {
  const gaz = getGazetteer();
  for (const c of cands) {
    if (c.cue !== 'admin1' || !c.best || !isTown(c.best) || !/^PPL[AC]$/.test(c.best.featureCode)) continue;
    const a1 = gaz.admin1Of(c.best);
    if (a1) {
      c.best = a1;
      c.rules.push('province-cue-capital');
    }
  }
}

/** What acceptance reads of a candidate besides its own flags. */
interface Evidence {
  strong: boolean;
  inFocus: boolean;
  t: number;
  altOnly: boolean;
  unlike: boolean;
  acronym: boolean;
  single: boolean;
  looseContext: boolean;
  /** "X, Y" / "X (Y)": a neighbour contains it or is contained in it. */
  container: boolean;
}

function evidenceOf(x: Ctx, c: Candidate, e: GazEntry, cands: readonly Candidate[], prev: Candidate | undefined, focus: Focus): Evidence {
  const gaz = getGazetteer();
  const m = c.match;
  const single = m.first === m.last;
  // (A LOC mention is no evidence of its own: the entities stage types it from this gazetteer.)
  const container = (c.next >= 0 && cands[c.next].best !== null && contains(cands[c.next].best!, e)) ||
    (prev?.best ? contains(e, prev.best) : false);
  if (container && !c.rules.includes('container')) c.rules.push('container');
  // Matched on an alternate name only (GeoNames keeps many, some obscure or shared with common
  // words), or through the transliteration fallback.
  const altOnly = m.folded || (nameKey(e) !== m.key && !e.featureCode.startsWith('PCL') && !gaz.isAliasOf(m.key, e));
  return {
    strong: c.cue !== null || container,
    inFocus: !!e.country && (focus.country.get(e.country) ?? 0) >= 1,
    t: tier(e),
    altOnly,
    // An alternate name unlike the entry's own (a historical or foreign name: "Salisbury" for
    // Harare, a first name for some city) needs the same evidence as a small town.
    unlike: altOnly && foldKey(m.key).slice(0, 2) !== nameFold(e).slice(0, 2),
    // A short all-capitals word (an acronym: "BA", "SANA") is a place only by a curated alias.
    acronym: single && m.end - m.start <= 4 && /^[\p{Lu}.]+$/u.test(x.text.slice(m.start, m.end)) &&
      !gaz.isAliasOf(m.key, e) && !e.featureCode.startsWith('PCL'),
    single,
    looseContext: c.locative || c.near || c.part,
    container,
  };
}

/**
 * Why a resolved candidate is rejected (a rule name), or null to keep it. Examples: "Jean Paris"
 * (inside-name), "SANA" (acronym), "State" in "the State Department" (stop-word), a small town
 * in a country the document never mentions (off-focus).
 */
function rejectReason(c: Candidate, e: GazEntry, v: Evidence, focus: Focus, lowerWords: Set<string>, R: Rules): string | null {
  const m = c.match;
  const { strong, t, single } = v;
  if (c.institution) return 'inside-institution';
  // Inside a longer name only a well-known place survives ("California Governor …", "Lagos
  // Chamber of Commerce"), and not after a first name ("Jean Paris") nor as one ("Jordan Smith").
  if (c.firstNameOf || (c.insideName && (t < 3 || c.gluedLeftName))) return 'inside-name';
  if (single && R.functionWords.has(m.key)) return 'function-word';
  if (v.acronym) return 'acronym';
  if (R.stopNames.has(m.key) && v.altOnly) return strong ? null : 'stop-name';
  if (v.unlike && single && !strong && !v.looseContext && !v.inFocus) return 'unlike-alternate';
  if (single && demonymBase.has(m.key) && demonymMap().has(m.key) && !strong) return 'demonym-adjective'; // "Canadian"
  if (m.folded && !strong && !v.looseContext && !v.inFocus) return 'folded-spelling';
  if (e.featureCode === 'ADM2' && v.altOnly) return c.cue === 'admin2' || c.cue === 'admin1' ? null : 'district-alternate';
  if (v.altOnly && t < 3 && !strong && !(v.looseContext && (v.inFocus || focus.maxCountry === 0))) return 'small-alternate';
  if (v.altOnly && single && m.end - m.start <= 3 && !strong) return 'short-alternate';
  if (R.stopWords.has(m.key)) return strong ? null : 'stop-word';
  if (c.mentionOther) return t === 3 || strong ? null : 'person-or-organisation';
  if (c.personTitle) return strong ? null : 'title';
  if (R.stopNames.has(m.key) || (c.personCue && t < 3)) return strong || (c.locative && t >= 2) ? null : 'person-name';
  if (single && (lowerWords.has(m.key) || (c.sentenceInitial && m.candidates.every((o) => tier(o) < 3))))
    return strong || c.locative ? null : 'common-word';
  if (c.gluedLeftName) return strong ? null : 'glued-name';
  if (c.glued && t < 3) return strong ? null : 'glued';
  // A lesser place in a country the document never mentions, while it clearly is about another.
  if (t < 3 && focus.maxCountry >= 2 && !(focus.country.get(e.country ?? '') ?? 0) && !strong) return 'off-focus';
  // "the village of Kotra in northern Mali": a hamlet of that name abroad is not it (the
  // context-locality rule places the village in the document's own area instead).
  if (t === 1 && c.cue === 'town' && !v.container && !v.inFocus && focus.maxCountry > 0) return 'foreign-small-town';
  if (t === 3) return null;
  if (t === 2) return strong || v.looseContext || v.inFocus ? null : 'no-evidence';
  return strong || (v.looseContext && (v.inFocus || focus.maxCountry === 0)) ? null : 'no-evidence';
}

/** The place of an accepted candidate, per the output contract. */
function toPlace(x: Ctx, c: Candidate, e: GazEntry): Place {
  const gaz = getGazetteer();
  const m = c.match;
  const broad = isBroad(e);
  const precision: 1 | 2 | 3 = broad ? 3 : c.near || c.part || e.featureCode === 'ADM2' ? 2 : e.featureCode === 'ADM1' ? 3 : 1;
  const place: Place = {
    id: '',
    start: m.start,
    end: m.end,
    text: x.text.slice(m.start, m.end),
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
  place.rules = [...c.rules];
  return place;
}

/**
 * Demonyms and adjectives of nationality ("Russian officials"): the country, as an associated
 * place (metonym), when the language writes them capitalised and the lexicon asks for it; not
 * where a name was already found.
 */
function demonymPlaces(x: Ctx, spans: readonly { start: number; end: number; code: string }[], found: readonly Place[]): Place[] {
  const gaz = getGazetteer();
  const out: Place[] = [];
  const overlaps = overlapTest(found);
  for (const d of spans) {
    if (overlaps(d.start, d.end)) continue;
    const e = d.code.startsWith('#') ? gaz.entry(Number(d.code.slice(1))) : gaz.countryOf(d.code);
    if (!e) continue;
    out.push({
      id: '', start: d.start, end: d.end, text: x.text.slice(d.start, d.end), geonameId: e.geonameId, name: e.name,
      lat: e.lat, lon: e.lon, country: e.country, admin1: null, admin2: null, featureCode: e.featureCode,
      geoPrecision: 3, metonym: true, rules: ['demonym'],
    });
  }
  return out;
}

/**
 * Does [start, end) overlap one of `found` (in text order)? The largest end among those that
 * start before `end` (running maxima, found by halving) says so.
 */
function overlapTest(found: readonly { start: number; end: number }[]): (start: number, end: number) => boolean {
  const reach: number[] = [];
  for (let i = 0; i < found.length; i++) reach.push(Math.max(found[i].end, i ? reach[i - 1] : -1));
  return (start, end) => {
    let lo = 0;
    let hi = found.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (found[mid].start < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && reach[lo - 1] > start;
  };
}

export function resolvePlaces(doc: ResolvedDocument, ann: Readonly<Annotations>): Place[] {
  const tokens: readonly Token[] = ann.tokens;
  if (!tokens.length) return [];
  const R = rulesFor(doc.lang);
  // Token keys, one string per distinct spelling, shared with the matcher and kept for the stage.
  const keyOf = sharedTokenKeys();
  const tokKeys: string[] = new Array(tokens.length);
  const matches = findNames(doc.text, tokens, getGazetteer(), { particles: R.particles, keyOf, keys: tokKeys });
  if (!matches.length && !R.demonymsAsPlaces && !R.localityBefore.size) return [];
  const x = makeCtx(doc.text, tokens, R, ann.sentences, keyOf, tokKeys);
  const dem = scanDemonyms(x);
  const mentions: readonly Mention[] = ann.mentions ?? [];
  const covering = firstCovering(mentions, matches);
  const cands = matches.map((m, i) => readCandidate(x, m, covering[i]));
  linkContainers(x, cands);
  spreadListCues(x, cands);
  const focus: Focus = { country: dem.focus, maxCountry: 0, namedAdmin1: new Map(), townAdmin1: new Map() };
  countCountryNames(cands, focus);
  resolveGroups(cands, focus);
  if (refineFocus(cands, focus)) resolveGroups(cands, focus);
  provinceCueOnCapital(cands);
  const prevOf = new Map<Candidate, Candidate>();
  for (const c of cands) if (c.next >= 0) prevOf.set(cands[c.next], c);
  let places: Place[] = [];
  for (const c of cands) {
    const e = c.best;
    if (c.rejected || !e) continue;
    const v = evidenceOf(x, c, e, cands, prevOf.get(c), focus);
    if (rejectReason(c, e, v, focus, dem.lowerWords, R)) continue;
    places.push(toPlace(x, c, e));
  }
  const localities = contextLocalities(x, places, mentions, focus);
  const demonyms = demonymPlaces(x, dem.spans, places);
  if (localities.length || demonyms.length) places = [...places, ...localities, ...demonyms].sort((a, b) => a.start - b.start);
  places.forEach((p, i) => (p.id = `p${i + 1}`));
  return places;
}

/** A capitalised run of words ("Tin Zaouatene", "Ban Na Kham"), particles allowed inside. */
function nameRunFrom(x: Ctx, first: number): number {
  const { tokens, R } = x;
  let last = -1;
  for (let j = first; j < tokens.length && j < first + 5; j++) {
    const t = tokens[j];
    if (j > first && t.start - tokens[j - 1].end > 1) break;
    const word = t.kind === 'word';
    if (word && x.capAt(j)) last = j;
    else if (!(j > first && (word || t.kind === 'clitic') && R.particles.has(x.keyAt(j)) && !R.conjunctions.has(x.keyAt(j)))) break;
  }
  return last;
}

/**
 * Localities the gazetteer lacks, found by their context and placed at the best containing area
 * named around them, with ACLED geo_precision 2 (near or in a town or district) or 3 (only the
 * province or country is known). Examples: "le village de Tinzawa, dans la région de Kidal" →
 * at Kidal (3); "Boulkessi, à 40 km de Mopti" → near Mopti (2); "the village of Kotra in northern
 * Mali" → Mali (3). Not: "le village de Noël" (stop word), a person or organisation mention.
 */
function contextLocalities(x: Ctx, places: readonly Place[], mentions: readonly Mention[], focus: Focus): Place[] {
  const out: Place[] = [];
  const taken = overlapTest(places);
  const covering = overlapTest([...mentions].filter((m) => m.type === 'PER' || m.type === 'ORG').sort((a, b) => a.start - b.start));
  const seen = new Set<number>();
  for (const span of localitySpans(x, places)) {
    if (seen.has(span.first)) continue;
    seen.add(span.first);
    const start = x.tokens[span.first].start;
    const end = x.tokens[span.last].end;
    if (taken(start, end) || covering(start, end)) continue;
    const words = x.text.slice(start, end);
    // A stop word or a first name ("Noël", "Moussa Traoré") is no locality.
    const head = x.keyAt(span.first);
    if (x.R.stopWords.has(normKey(words)) || x.R.stopNames.has(normKey(words)) || x.R.stopNames.has(head) || x.R.stopWords.has(head)) continue;
    const area = span.anchor ?? bestContainer(x, places, span.first, focus);
    if (!area) continue;
    out.push(localityAt(start, end, words, area, span.rule, span.rule === 'measured-locality'));
  }
  return out;
}

interface LocalitySpan {
  first: number;
  last: number;
  rule: string;
  /** The place the text measures from ("à 40 km de Mopti"), when it does. */
  anchor: Place | null;
}

/**
 * Where a locality is written: after "le village de" / "the village of" and through the list it
 * opens ("les villages de A, B et C": context-locality, list-locality), before ", à 40 km de Y" /
 * ", 30 km north of Y" (measured-locality, anchored at Y), or after a locative and before the
 * district or province that holds it ("à X, dans le district de Y", "in X, Borno state":
 * contained-locality).
 */
function* localitySpans(x: Ctx, places: readonly Place[]): Generator<LocalitySpan> {
  const { tokens, R } = x;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== 'word' || !x.capAt(i)) continue;
    const last = nameRunFrom(x, i);
    if (last < 0) continue;
    const anchor = measuredFrom(x, last, places);
    const area = anchor ? null : containingArea(x, i, last, places);
    if (anchor) yield { first: i, last, rule: 'measured-locality', anchor };
    else if (area) yield { first: i, last, rule: 'contained-locality', anchor: area };
    else if (!x.initial[i] && phraseBefore(x, i, R.localityBefore)) {
      yield { first: i, last, rule: 'context-locality', anchor: null };
      for (const item of listAfter(x, last)) yield { ...item, rule: 'list-locality', anchor: null };
    }
    i = last;
  }
}

/** The names of a list that goes on after token `last`: ", B, C et D" (at most 8). */
function listAfter(x: Ctx, last: number): { first: number; last: number }[] {
  const { tokens, text, R } = x;
  const out: { first: number; last: number }[] = [];
  let k = last + 1;
  while (out.length < 8 && k < tokens.length) {
    const comma = tokens[k].kind === 'punct' && text[tokens[k].start] === ',';
    if (comma) k++;
    let conj = false;
    if (k < tokens.length && R.conjunctions.has(x.keyAt(k))) {
      k++;
      conj = true;
    }
    if (!comma && !conj) break;
    if (k < tokens.length && tokens[k].kind === 'clitic' && R.particles.has(x.keyAt(k))) k++;
    if (k >= tokens.length || !x.capAt(k) || tokens[k].kind !== 'word') break;
    const end = nameRunFrom(x, k);
    if (end < 0) break;
    out.push({ first: k, last: end });
    k = end + 1;
    if (conj) break;
  }
  return out;
}

/**
 * "à X, dans le district de Y", "in X, Borno state": after a locative, a name followed by a
 * district or province found in the gazetteer lies in it.
 */
function containingArea(x: Ctx, first: number, last: number, places: readonly Place[]): Place | null {
  const { tokens, text, R } = x;
  if (first === 0 || !R.locative.has(x.keyAt(first - 1))) return null;
  const p = places.find((q) => q.start >= tokens[last].end);
  if (!p || (p.featureCode !== 'ADM1' && p.featureCode !== 'ADM2')) return null;
  const f = tokenAt(x, p.start);
  const to = f - Math.max(phraseLenBefore(x, f, R.admin1Before), phraseLenBefore(x, f, R.admin2Before));
  let k = last + 1;
  if (k < to && text[tokens[k].start] === ',') k++;
  if (k < to && R.locative.has(x.keyAt(k))) k++;
  return k === to && to > last + 1 ? p : null;
}

/** "X, à 40 km de Y", "X, 30 km north of Y": the place Y right after the distance phrase. */
function measuredFrom(x: Ctx, last: number, places: readonly Place[]): Place | null {
  const { tokens, text, R } = x;
  const comma = last + 1;
  if (comma >= tokens.length || text[tokens[comma].start] !== ',') return null;
  for (const p of places) {
    if (p.start <= tokens[comma].start) continue;
    const first = tokenAt(x, p.start);
    const n = phraseLenBefore(x, first, R.nearBefore);
    if (n === 0 || x.keyAt(first - n) !== '#') return null;
    const gap = first - n - comma - 1;
    return gap === 0 || (gap === 1 && R.locative.has(x.keyAt(comma + 1))) ? p : null;
  }
  return null;
}

function tokenAt(x: Ctx, offset: number): number {
  let lo = 0;
  let hi = x.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x.tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The area a locality lies in: the nearest place of its sentence, else of the sentences before. */
function bestContainer(x: Ctx, places: readonly Place[], tok: number, focus: Focus): Place | null {
  const s = x.sentOf[tok];
  const pos = x.tokens[tok].start;
  let best: Place | null = null;
  let bestD = Infinity;
  for (const p of places) {
    if (p.metonym || p.lat === null || p.lon === null) continue;
    // Not a place abroad when the document is about a country (a namesake found by chance).
    if (focus.maxCountry > 0 && !(focus.country.get(p.country ?? '') ?? 0)) continue;
    const ps = sentenceAt(x, p.start);
    // Same sentence first (the nearest name), else the nearest earlier sentence.
    const d = ps === s ? Math.abs(p.start - pos) : ps < s ? 1e6 + (s - ps) * 1e4 + (pos - p.start) / 1e3 : Infinity;
    if (d < bestD) {
      bestD = d;
      best = p;
    }
  }
  return best;
}

function sentenceAt(x: Ctx, offset: number): number {
  const i = tokenAt(x, offset);
  return i < x.tokens.length ? x.sentOf[i] : -1;
}

/** A locality the gazetteer lacks, at its container's coordinates. */
function localityAt(start: number, end: number, text: string, area: Place, rule: string, measured: boolean): Place {
  const town = area.featureCode !== null && (area.featureCode.startsWith('PPL') || area.featureCode === 'ADM2');
  return {
    id: '', start, end, text, geonameId: null, name: text,
    lat: area.lat, lon: area.lon, country: area.country,
    admin1: area.featureCode === 'ADM1' ? area.name : area.admin1,
    admin2: area.featureCode === 'ADM2' ? area.name : area.admin2,
    featureCode: 'PPL',
    geoPrecision: town || measured ? 2 : 3,
    rules: [rule, measured ? 'measured-from' : rule === 'contained-locality' ? 'named-container' : 'best-container'],
  };
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
