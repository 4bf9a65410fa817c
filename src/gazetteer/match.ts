// Gazetteer matching over the token stream: at each capitalised word, the longest run of words
// (capitalised, or lower-case particles inside: "Côte d'Ivoire", "Mazar-e Charif", "Rio de
// Janeiro") whose normalised key is a gazetteer name; the transliteration-folded key is the
// fallback when no exact key matches.
import type { Token } from '../types.js';
import type { Gazetteer, GazEntry } from './index.js';
import { normKey } from './normalize.js';

export interface NameMatch {
  /** Token indices [first, last] of the name. */
  first: number;
  last: number;
  start: number;
  end: number;
  key: string;
  candidates: readonly GazEntry[];
  folded: boolean;
}

const MAX_TOKENS = 7;
const ASCII_WORD = /^[A-Za-z]+$/;

export function isCapitalised(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  return /^\p{Lu}/u.test(s);
}

/** normKey of one token, with a fast path for plain ASCII words. */
export function tokenKey(s: string): string {
  return ASCII_WORD.test(s) ? s.toLowerCase() : normKey(s);
}

export interface MatchOptions {
  /** Lower-case words allowed inside a multi-word name (keys: normalised). */
  particles: Set<string>;
  /** The key of a token's text (tokenKey); the caller may pass one that shares its strings. */
  keyOf?: (s: string) => string;
  /** The keys of the tokens, filled as the matcher reads them, for the caller to read too. */
  keys?: (string | undefined)[];
}

/**
 * tokenKey with one string per distinct spelling: a document repeats its words, and the keys
 * kept per token (for the whole places stage) were one new string per token. Up to `max`
 * distinct spellings are kept; past that, keys are made each time.
 */
export function sharedTokenKeys(max = 1 << 16): (s: string) => string {
  const known = new Map<string, string>();
  return (s) => {
    const hit = known.get(s);
    if (hit !== undefined) return hit;
    const k = tokenKey(s);
    if (known.size < max) known.set(s, k);
    return k;
  };
}

/** Lower-case words read on inside one name ("Émirats arabes unis": two). */
const MAX_LOWER_WORDS = 3;

/** Countries, provinces, districts, regions: the names that may go on in lower case. */
function isArea(e: GazEntry): boolean {
  return !e.featureCode.startsWith('PPL') && e.featureCode !== 'STLMT';
}

/**
 * A capitalised elided word glued to a capitalised word opens a name ("N’Djamena", "N'Guigmi"),
 * unless the elision is a particle (the article of "l'Irak", "d'Alep" is no part of the name).
 */
function elidedStart(text: string, tokens: readonly Token[], i: number, key: (i: number) => string, opts: MatchOptions): boolean {
  const t = tokens[i];
  const nx = tokens[i + 1];
  return t.kind === 'clitic' && !!nx && nx.start === t.end && nx.kind === 'word' &&
    isCapitalised(text.slice(t.start, t.start + 1)) && isCapitalised(text.slice(nx.start, nx.start + 1)) &&
    !opts.particles.has(key(i));
}

export function findNames(text: string, tokens: readonly Token[], gaz: Gazetteer, opts: MatchOptions): NameMatch[] {
  const out: NameMatch[] = [];
  const n = tokens.length;
  const keys: (string | undefined)[] = opts.keys ?? new Array(n);
  const keyOf = opts.keyOf ?? tokenKey;
  const key = (i: number) => (keys[i] ??= keyOf(text.slice(tokens[i].start, tokens[i].end)));
  // The names found, by key (exact or folded): a name recurring thousands of times shares one
  // key string and one list of entries instead of a fresh copy at every occurrence. Only names
  // found are kept (misses are most lookups, and are not stored).
  const found = new Map<string, { key: string; candidates: readonly GazEntry[] }>();
  const lookup = (k: string, folded: boolean): { key: string; candidates: readonly GazEntry[] } | null => {
    const id = folded ? '\u0000' + k : k;
    const hit = found.get(id);
    if (hit) return hit;
    const c = folded ? gaz.lookupFolded(k) : gaz.lookup(k);
    if (!c.length) return null;
    const f = { key: k, candidates: c };
    found.set(id, f);
    return f;
  };
  const maxTok = Math.min(MAX_TOKENS, Math.max(2, gaz.maxWords + 2));
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const elided = elidedStart(text, tokens, i, key, opts);
    if (!elided && ((t.kind !== 'word' && t.kind !== 'abbrev') || !isCapitalised(text.slice(t.start, t.start + 1)))) continue;
    let k = '';
    let best: NameMatch | null = null;
    let lowerWords = 0;
    const ends: { j: number; key: string }[] = [];
    for (let j = i; j < n && j < i + maxTok; j++) {
      const tj = tokens[j];
      if (j > i) {
        const gap = tj.start - tokens[j - 1].end;
        if (gap > 1 || (gap === 1 && !/[ \u00a0]/.test(text[tj.start - 1]))) break;
        const cap = (tj.kind === 'word' || tj.kind === 'abbrev') && isCapitalised(text.slice(tj.start, tj.start + 1));
        const particle = (tj.kind === 'word' || tj.kind === 'clitic') && opts.particles.has(key(j));
        // A lower-case word that is no particle may still belong to a country's or a province's
        // name ("Arabie saoudite", "Émirats arabes unis"): read on a little, see below.
        const lower = !cap && !particle && tj.kind === 'word' && gap === 1 && gaz.readsOnLower(k);
        if (!cap && !particle && !(lower && ++lowerWords <= MAX_LOWER_WORDS)) break;
        k += gap ? ' ' + key(j) : key(j);
        if (particle) continue;
        if (lower) {
          const c = gaz.lookup(k).filter(isArea);
          if (c.length) best = { first: i, last: j, start: t.start, end: tj.end, key: k, candidates: c, folded: false };
          continue;
        }
      } else {
        k = key(j);
        if (elided) continue; // "N’" alone is no name
      }
      ends.push({ j, key: k });
      const c = lookup(k, false);
      if (c) best = { first: i, last: j, start: t.start, end: tj.end, key: c.key, candidates: c.candidates, folded: false };
    }
    if (!best) {
      for (let e = ends.length - 1; e >= 0 && !best; e--) {
        const { j, key: fk } = ends[e];
        if (fk.length < 4) continue;
        const c = lookup(fk, true);
        if (c) best = { first: i, last: j, start: t.start, end: tokens[j].end, key: c.key, candidates: c.candidates, folded: true };
      }
    }
    if (best) {
      out.push(best);
      i = best.last;
    }
  }
  return out;
}
