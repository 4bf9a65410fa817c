// What a capitalised run names: an ordered list of named rules, each with its example, read
// like chrono-node's parsers and refiners. A rule reads the candidate (the run, the title or
// head before it, what was decided so far) and, when it applies, types it or moves its end;
// the names of the rules that applied go with the mention. The first rules are the strongest
// evidence (a title, a head word, a place preposition); the last ones only type what nothing
// else typed.
import { cueAt, type CueRules } from '../quotes/cues.js';
import { bracketTag, datelineAfter, datelineAgency, locContext } from './context.js';
import { acronymAhead, orgTail } from './organisations.js';
import { placeRank } from './places.js';
import type { EntityRules, Gender } from './rules.js';
import { adjacent, firstName, hyphenCut, isAllCaps, LOWER, UPPER } from './shape.js';
import type { TokenView } from './view.js';
import type { MentionType } from '../types.js';

/** A capitalised run being typed: tokens [s, e), its mention from `first`, its name from `nameFirst`. */
export interface Candidate {
  v: TokenView;
  r: EntityRules;
  c: CueRules;
  s: number;
  e: number;
  first: number;
  nameFirst: number;
  /** Tokens of the name proper when the run was read (not changed when the end moves). */
  len: number;
  /** An honorific, a title or an initial makes it a person. */
  person: boolean;
  /** What a head or title before the run makes it ("canton de", "agence", "général"). */
  kind: 'PER' | 'ORG' | 'LOC' | null;
  /** A descriptor before a word seen once, capitalised by OCR ("ami Intime"). */
  kindOverride: MentionType | null;
  title: string | null;
  gender: Gender;
  type: MentionType | null;
  strong: boolean;
  ctxLoc: boolean;
  canonical: string | null;
  placeKnown: boolean;
  /** The offset where OCR glued a lower-case word to the name ("Cotti-le"), or -1. */
  cut: number;
  rules: string[];
}

interface TypeRule {
  name: string;
  /** Types the candidate (or moves its end) and says so, or leaves it and returns false. */
  apply(k: Candidate): boolean;
}

function rank(k: Candidate, from: number, to: number): number {
  return placeRank(k.v.text.slice(k.v.toks[from].start, k.v.toks[to - 1].end));
}

function set(k: Candidate, type: MentionType, strong: boolean): true {
  k.type = type;
  k.strong = strong;
  return true;
}

/** Rules read before the end of the run is final. */
const STRONG_RULES: TypeRule[] = [
  // "l'ami Intime" (a word seen once after a descriptor, capitalised by OCR): no name
  { name: 'ocr-capitalised-after-descriptor', apply: (k) => !k.type && !!k.kindOverride && !k.person && set(k, k.kindOverride, true) },
  // "M. Keller", "le général Diallo", "J. Rey": an honorific, a title or an initial
  { name: 'person-marker', apply: (k) => !k.type && k.person && set(k, 'PER', true) },
  // "canton de Vaud", "l'agence Reuters": a place or organisation head before the run
  { name: 'head-before', apply: (k) => !k.type && k.kind !== null && set(k, k.kind, true) },
  // "Liestal, 7 (ATS).", "BAMAKO, 7 juillet 2021 (AFP) -": the word in brackets after a dateline's date is its agency
  { name: 'dateline-agency', apply: (k) => !k.type && k.len === 1 && datelineAgency(k.v, k.r, k.s, k.e) && set(k, 'ORG', true) },
  // "Ministère de la Santé", "Hartmann Brothers": an organisation head first, or a company word last
  {
    name: 'org-head', apply: (k) => !k.type && (k.r.orgHeads.has(k.v.keys[k.s])
      || k.len > 1 && (k.r.orgHeads.has(k.v.keys[k.e - 1]) || k.r.tailHeads.has(k.v.keys[k.e - 1]))) && set(k, 'ORG', true),
  },
  // "National Union of Teachers", "Nigeria Police Force Command": an organisation head inside a name that opens with no given name
  {
    name: 'org-head-inside', apply: (k) => {
      const { v, r } = k;
      if (k.type || k.len < 3 || firstName(r, v.words[k.s]) || isAllCaps(v.words[k.s])) return false;
      for (let x = k.s + 1; x < k.e - 1; x++) if (r.orgHeads.has(v.keys[x]) && UPPER.test(v.words[x]) && !isAllCaps(v.words[x])) return set(k, 'ORG', true);
      return false;
    },
  },
  // "les Maliens", "un Français": a demonym
  {
    name: 'demonym', apply: (k) => {
      if (k.type || k.len !== 1 || !k.r.demonyms.has(k.v.keys[k.s])) return false;
      k.canonical = k.v.words[k.s];
      return set(k, 'NORP', true);
    },
  },
  // "à Kaboul", "in Kabul", "la province de Badghis" (but "à Jean Dupont" is a person)
  {
    name: 'place-preposition', apply: (k) => {
      if (k.type || !locContext(k.v, k.r, k.s)) return false;
      k.ctxLoc = rank(k, k.s, k.e) === 0;
      return set(k, k.len > 1 && firstName(k.r, k.v.words[k.s]) ? 'PER' : 'LOC', true);
    },
  },
  // "Numa Droz", "Fatima Zahra": a given name opens the run
  { name: 'given-name', apply: (k) => !k.type && k.len > 1 && firstName(k.r, k.v.words[k.s]) && set(k, 'PER', true) },
  // "Kaboul a annoncé": a well-known place is a place even before a verb
  {
    name: 'known-place', apply: (k) => {
      if (k.type || rank(k, k.s, k.e) !== 2) return false;
      k.placeKnown = true;
      return set(k, 'LOC', true);
    },
  },
  // "Keller a déclaré", "Smith said": a cue verb after the name
  {
    name: 'cue-verb-after', apply: (k) => {
      if (k.type && k.type !== 'LOC' || k.placeKnown) return false;
      const { v, e } = k;
      const n = v.toks.length;
      if (e >= n || v.newlineBefore[e] || !cueAt(v.keys, e, k.c, Math.min(n, e + 5)) || locContext(v, k.r, k.s)) return false;
      return set(k, 'PER', k.len > 1);
    },
  },
  // "Haute-Saône", "Grande-Russie": a place prefix
  { name: 'place-prefix', apply: (k) => !k.type && k.len === 1 && k.r.placePrefix.test(k.v.words[k.s]) && set(k, 'LOC', true) },
  // "les Affaires étrangères": a capitalised common noun inside a noun phrase
  {
    name: 'capitalised-common-noun', apply: (k) => {
      const { v, r, s, e } = k;
      const n = v.toks.length;
      return !k.type && k.len === 1 && s > 0 && r.determiners.has(v.keys[s - 1]) && !isAllCaps(v.words[s]) && e < n && v.toks[e].kind === 'word'
        && LOWER.test(v.words[e]) && !r.nonEntities.has(v.keys[e]) && !cueAt(v.keys, e, k.c, Math.min(n, e + 4)) && set(k, 'MISC', false);
    },
  },
  // "Vaguement", "Inséparables": a word seen once, capitalised by OCR, with the ending of an ordinary word
  {
    name: 'ocr-common-word', apply: (k) => {
      const { v, r, s } = k;
      return !k.type && k.len === 1 && r.commonSuffix.test(v.keys[s]) && (v.capCount.get(v.keys[s]) ?? 0) < 2 && !firstName(r, v.words[s])
        && placeRank(v.words[s]) === 0 && !isAllCaps(v.words[s]) && set(k, 'MISC', false);
    },
  },
  // "les Helvètes", "entre Juifs et Arabes": a capitalised plural after a plural article is a group
  {
    name: 'plural-group', apply: (k) => {
      const { v, r, s } = k;
      return !k.type && k.len === 1 && s > 0 && r.pluralMarkers.has(v.keys[s - 1]) && r.pluralSuffix.test(v.keys[s]) && placeRank(v.words[s]) === 0
        && set(k, 'NORP', false);
    },
  },
  // "la Centrale", "du Carnaval": after an article, a word that is no known place is no place
  {
    name: 'article-common-noun', apply: (k) => {
      const { v, r, s } = k;
      return !k.type && k.len === 1 && s > 0 && r.determiners.has(v.keys[s - 1]) && !r.possessives.has(v.keys[s - 1]) && !isAllCaps(v.words[s])
        && placeRank(v.words[s]) === 0 && set(k, 'MISC', false);
    },
  },
  // "Conseil fédéral", "Société des nations", "Democratic Alliance for Progress": an organisation runs on over
  // lower-case adjectives and complements after its head
  {
    name: 'org-complements', apply: (k) => {
      if (k.type !== 'ORG' || !k.r.orgHeads.has(k.v.keys[k.s]) && !k.r.orgHeads.has(k.v.keys[k.e - 1])) return false;
      const e = orgTail(k.v, k.r, k.c, k.e);
      if (e === k.e) return false;
      k.e = e;
      return true;
    },
  },
  // "Front uni de libération (FUL)": an organisation's name runs up to its acronym in brackets
  {
    name: 'long-form-before-acronym', apply: (k) => {
      if (!(k.type === 'ORG' || !k.type && k.r.orgHeads.has(k.v.keys[k.s]))) return false;
      const at = acronymAhead(k.v, k.e);
      if (at < 0) return false;
      k.e = at;
      return set(k, 'ORG', true);
    },
  },
];

/** Rules read once the end is final, on what the rules above left untyped. */
const WEAK_RULES: TypeRule[] = [
  // "Dupont (Vaud)", "Moreau (Fr)": a name followed by a party or canton initial, a country code or a place in brackets
  { name: 'name-with-bracketed-tag', apply: (k) => !k.type && bracketTag(k.v, k.e) && placeRank(k.v.words[k.s]) === 0 && set(k, 'PER', false) },
  // "Rastadt, 21 août.": a name before a day of the month is a dateline's place
  { name: 'dateline-place', apply: (k) => !k.type && k.len === 1 && datelineAfter(k.v, k.r, k.e) && set(k, 'LOC', true) },
  // "Winterthour", "Nyon": a name in the gazetteer (a town of some size when it is one word)
  {
    name: 'gazetteer-place', apply: (k) => {
      if (k.type) return false;
      const p = placeRank(k.v.text.slice(k.v.toks[k.s].start, k.cut >= 0 ? k.cut : k.v.toks[k.e - 1].end));
      return (p === 2 || p === 1 && k.len > 1) && set(k, 'LOC', p === 2);
    },
  },
  // "Tour d'Italie", "Presse de Vienne": a capitalised common head and a well-known place; only the place is a name
  {
    name: 'place-after-common-head', apply: (k) => {
      const { v, r, s, e } = k;
      if (k.type || k.len <= 2 || k.first !== s || k.nameFirst !== s || firstName(r, v.words[s]) || isAllCaps(v.words[s])) return false;
      if (!r.complementWords.has(v.keys[s + 1]) || rank(k, s + 2, e) !== 2) return false;
      k.first = k.nameFirst = s + 2;
      return set(k, 'LOC', true);
    },
  },
  // "FAITS DIVERS", "NOUVELLES ÉTRANGÈRES": a heading in capitals is no name
  {
    name: 'heading-in-capitals', apply: (k) => {
      if (k.type || k.len <= 1) return false;
      for (let x = k.nameFirst; x < k.e; x++) {
        const w = k.v.words[x];
        if (!isAllCaps(w) && !k.r.particles.has(k.v.keys[x])) return false;
        if (firstName(k.r, w.charAt(0) + w.slice(1).toLowerCase())) return false;
      }
      return set(k, 'MISC', false);
    },
  },
  // "Republican presidential nominee", "Obama administration": a capitalised modifier before a noun
  {
    name: 'capitalised-modifier', apply: (k) => {
      const { v, r, e } = k;
      const n = v.toks.length;
      return !k.type && k.len === 1 && r.capitalisedModifiers && e < n && v.toks[e].kind === 'word' && LOWER.test(v.words[e]) && adjacent(v, e)
        && !r.nonEntities.has(v.keys[e]) && !cueAt(v.keys, e, k.c, Math.min(n, e + 4)) && !r.verbSuffix.test(v.keys[e]) && set(k, 'MISC', false);
    },
  },
  // "la Ville … la ville", "le Consul … un consul": a lone word nothing typed, written in lower case elsewhere in the document
  {
    name: 'also-written-lower', apply: (k) => !k.type && k.len === 1 && k.v.lowerSeen.has(k.v.keys[k.s]) && !isAllCaps(k.v.words[k.s])
      && placeRank(k.v.words[k.s]) === 0 && set(k, 'MISC', false),
  },
  // "Suisse romande", "Asie méridionale": a place and a lower-case regional adjective are one place
  {
    name: 'place-adjective', apply: (k) => {
      const { v, e } = k;
      if (k.type !== 'LOC' || k.cut >= 0 || e >= v.toks.length || !adjacent(v, e) || !k.r.placeAdjectives.has(v.keys[e])) return false;
      k.e++;
      return true;
    },
  },
];

function applyAll(k: Candidate, rules: readonly TypeRule[]): void {
  for (const rule of rules) if (rule.apply(k)) k.rules.push(rule.name);
}

/** Types the candidate with every rule in order; returns its type (a default when no rule typed it). */
export function typeCandidate(k: Candidate): MentionType {
  applyAll(k, STRONG_RULES);
  k.cut = hyphenCut(k.v, k.r, k.e - 1);
  applyAll(k, WEAK_RULES);
  if (k.type) return k.type;
  const w = k.v.words[k.s];
  // a run of several words is a person's name more often than not; a short word in capitals an acronym
  const [type, rule]: [MentionType, string] = k.len > 1 ? ['PER', 'default-several-words']
    : isAllCaps(w) && w.length <= 6 ? ['ORG', 'default-acronym'] : [k.r.defaultSingleType, 'default-single-word'];
  k.rules.push(rule);
  return type;
}
