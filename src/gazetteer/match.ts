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
  candidates: GazEntry[];
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
}

export function findNames(text: string, tokens: readonly Token[], gaz: Gazetteer, opts: MatchOptions): NameMatch[] {
  const out: NameMatch[] = [];
  const n = tokens.length;
  const keys: (string | undefined)[] = new Array(n);
  const key = (i: number) => (keys[i] ??= tokenKey(text.slice(tokens[i].start, tokens[i].end)));
  const maxTok = Math.min(MAX_TOKENS, Math.max(2, gaz.maxWords + 2));
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if ((t.kind !== 'word' && t.kind !== 'abbrev') || !isCapitalised(text.slice(t.start, t.start + 1))) continue;
    let k = '';
    let best: NameMatch | null = null;
    const ends: { j: number; key: string }[] = [];
    for (let j = i; j < n && j < i + maxTok; j++) {
      const tj = tokens[j];
      if (j > i) {
        const gap = tj.start - tokens[j - 1].end;
        if (gap > 1 || (gap === 1 && !/[ \u00a0]/.test(text[tj.start - 1]))) break;
        const cap = (tj.kind === 'word' || tj.kind === 'abbrev') && isCapitalised(text.slice(tj.start, tj.start + 1));
        if (!cap && !((tj.kind === 'word' || tj.kind === 'clitic') && opts.particles.has(key(j)))) break;
        k += gap ? ' ' + key(j) : key(j);
        if (!cap) continue;
      } else k = key(j);
      ends.push({ j, key: k });
      const c = gaz.lookup(k);
      if (c.length) best = { first: i, last: j, start: t.start, end: tj.end, key: k, candidates: c, folded: false };
    }
    if (!best) {
      for (let e = ends.length - 1; e >= 0 && !best; e--) {
        const { j, key: fk } = ends[e];
        if (fk.length < 4) continue;
        const c = gaz.lookupFolded(fk);
        if (c.length) best = { first: i, last: j, start: t.start, end: tokens[j].end, key: fk, candidates: c, folded: true };
      }
    }
    if (best) {
      out.push(best);
      i = best.last;
    }
  }
  return out;
}
