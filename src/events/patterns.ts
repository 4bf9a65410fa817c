// Token patterns of the event lexicons (syntax in LEXICON.md): "échange* de tirs",
// "ouvr*|ouvert ~2 feu", "s'emparer". Compiled once per language and indexed by what their first
// element can match, so that each token of a document is tried only against the few patterns
// that can start there (no loop of regexes per entry).
import { foldKey } from '../entities/view.js';
import { headCount, headId, internHead, internWord, wordCount, wordId } from './vocabulary.js';

/** One position of a pattern: any of several words or stems. */
export interface Alternatives {
  words: string[];
  stems: string[];
  /** Vocabulary ids of the words, and of each stem's head (tokens are compared by id first). */
  wordIds: number[];
  stemHeads: number[];
}

export type PatternElement = { kind: 'alt'; alt: Alternatives } | { kind: 'gap'; max: number };

export interface Pattern<T> {
  elements: PatternElement[];
  /** What a match of the pattern stands for (a trigger entry, a modality cue…). */
  value: T;
  /** Order of declaration: earlier wins between equally long matches. */
  order: number;
  source: string;
}

const MIN_STEM = 4;
const NONE: readonly never[] = [];
/** Length of the stem heads patterns are indexed by. */
export const STEM_INDEX = 4;

/**
 * Lower case, ’ read as ', accents folded: the form both patterns and tokens are compared in. A
 * one-letter word keeps its accent: folded, the preposition "à" would be the verb "a".
 */
export function patternKey(word: string): string {
  const lower = word.toLowerCase().replace(/’/g, "'");
  return lower.length === 1 ? lower : foldKey(lower);
}

/**
 * Splits a pattern string into its tokens the way the tokenizer splits text: after elided words
 * ("l'", "qu'", "jusqu'"), not inside English clitics ("n't", "'ll") or words ("aujourd'hui").
 */
function patternTokens(pattern: string): string[] {
  return pattern.trim().replace(/(^|[\s|])(\p{L}{1,2}|qu|jusqu|lorsqu|puisqu|presqu)['’](?=\p{L})(?!t(?:$|[\s|]))/gu, "$1$2' ")
    .split(/\s+/).filter(Boolean);
}

export function parsePattern<T>(source: string, value: T, order: number): Pattern<T> {
  const elements: PatternElement[] = [];
  for (const tok of patternTokens(source)) {
    const gap = /^~(\d)$/.exec(tok);
    if (gap) {
      if (!elements.length) throw new Error(`event pattern "${source}": a gap cannot open a pattern`);
      elements.push({ kind: 'gap', max: Number(gap[1]) });
      continue;
    }
    const alt: Alternatives = { words: [], stems: [], wordIds: [], stemHeads: [] };
    for (const a of tok.split('|')) {
      if (a.endsWith('*')) {
        const stem = patternKey(a.slice(0, -1));
        if (stem.length < MIN_STEM) throw new Error(`event pattern "${source}": stem "${a}" is shorter than ${MIN_STEM} letters`);
        alt.stems.push(stem);
        alt.stemHeads.push(internHead(stem, STEM_INDEX));
      } else {
        alt.words.push(patternKey(a));
        alt.wordIds.push(internWord(patternKey(a)));
      }
    }
    elements.push({ kind: 'alt', alt });
  }
  if (!elements.length || elements[elements.length - 1].kind === 'gap') {
    throw new Error(`event pattern "${source}": empty or ending with a gap`);
  }
  return { elements, value, order, source };
}

/** Token i is one of the words, or starts with one of the stems. */
function altMatches(alt: Alternatives, toks: MatchTokens, i: number): boolean {
  const w = toks.wordIds[i];
  if (w >= 0 && alt.wordIds.includes(w)) return true;
  const h = toks.headIds[i];
  if (h < 0) return false;
  for (let k = 0; k < alt.stems.length; k++) if (alt.stemHeads[k] === h && toks.keys[i].startsWith(alt.stems[k])) return true;
  return false;
}

/**
 * Vocabulary ids (vocabulary.ts) of each key and of its stem head, -1 where in no lexicon: after
 * this one look-up per token, asking an index for the patterns that may start at a token is an
 * array read and pattern words are compared as numbers. `known`: ids already read for some keys
 * (-2 where not).
 */
export function tokenIds(keys: readonly string[], known?: Int32Array): { wordIds: Int32Array; headIds: Int32Array } {
  const wordIds = new Int32Array(keys.length);
  const headIds = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = known ? known[i] : -2;
    wordIds[i] = k === -2 ? wordId(keys[i]) : k;
    headIds[i] = headId(keys[i], STEM_INDEX);
  }
  return { wordIds, headIds };
}

/** Patterns indexed by the words and stem heads their first element accepts. */
export class PatternIndex<T> {
  private byWord: (Pattern<T>[] | undefined)[] = [];
  private byStemHead: (Pattern<T>[] | undefined)[] = [];
  readonly size: number;

  constructor(readonly patterns: readonly Pattern<T>[]) {
    // Dense arrays over the whole vocabulary so far (a sparse array would be a hash table again);
    // words numbered later open none of these patterns and read past the end as undefined.
    this.byWord = new Array<Pattern<T>[] | undefined>(wordCount()).fill(undefined);
    this.byStemHead = new Array<Pattern<T>[] | undefined>(headCount()).fill(undefined);
    for (const p of patterns) {
      const first = p.elements[0];
      if (first.kind !== 'alt') continue;
      for (const w of first.alt.words) push(this.byWord, internWord(w), p);
      for (const s of first.alt.stems) push(this.byStemHead, internHead(s, STEM_INDEX), p);
    }
    this.size = patterns.length;
  }

  private both = new Map<number, Pattern<T>[]>();

  /** Patterns whose first element may match token i. */
  candidatesAt(toks: MatchTokens, i: number): readonly Pattern<T>[] {
    return this.lookup(toks.wordIds[i] ?? -1, toks.headIds[i] ?? -1);
  }

  private lookup(word: number, head: number): readonly Pattern<T>[] {
    const a = word >= 0 ? this.byWord[word] : undefined;
    const b = head >= 0 ? this.byStemHead[head] : undefined;
    if (!a) return b ?? NONE;
    if (!b) return a;
    // Words that start both kinds of patterns are few: their union is built once.
    let ab = this.both.get(word);
    if (!ab) this.both.set(word, (ab = [...a, ...b]));
    return ab;
  }
}

function push<V>(lists: (V[] | undefined)[], id: number, v: V): void {
  const list = lists[id];
  if (list) list.push(v);
  else lists[id] = [v];
}

/** The tokens a pattern is matched over: folded keys, and which of them are words. */
export interface MatchTokens {
  keys: readonly string[];
  /** Vocabulary ids of the keys and heads (`tokenIds`). */
  wordIds: Int32Array;
  headIds: Int32Array;
  /** Token i is a word or number (a gap may skip it); punctuation stops a gap. */
  isWord(i: number): boolean;
}

/**
 * Index one past the last token of a match of `p` starting at token `i`, not going past `limit`,
 * or -1. Gaps are lazy: the shortest filling that lets the rest match.
 */
export function matchAt<T>(p: Pattern<T>, toks: MatchTokens, i: number, limit: number): number {
  return matchFrom(p.elements, 0, toks, i, limit);
}

function matchFrom(els: readonly PatternElement[], e: number, toks: MatchTokens, i: number, limit: number): number {
  if (e === els.length) return i;
  const el = els[e];
  if (el.kind === 'gap') {
    for (let skip = 0; skip <= el.max; skip++) {
      const end = matchFrom(els, e + 1, toks, i + skip, limit);
      if (end >= 0) return end;
      if (i + skip >= limit || !toks.isWord(i + skip)) break;
    }
    return -1;
  }
  if (i >= limit || !altMatches(el.alt, toks, i)) return -1;
  return matchFrom(els, e + 1, toks, i + 1, limit);
}

export interface PatternMatch<T> {
  pattern: Pattern<T>;
  first: number;
  /** One past the last token. */
  end: number;
}

/**
 * Longest non-overlapping matches in [from, to): at each token the longest match (earliest
 * declared on ties) is taken and the scan resumes after it.
 */
export function findMatches<T>(index: PatternIndex<T>, toks: MatchTokens, from: number, to: number,
  accept: (p: Pattern<T>, first: number, end: number) => boolean = () => true): PatternMatch<T>[] {
  const out: PatternMatch<T>[] = [];
  for (let i = from; i < to; i++) {
    let best: PatternMatch<T> | null = null;
    for (const p of index.candidatesAt(toks, i)) {
      const end = matchAt(p, toks, i, to);
      if (end < 0 || !accept(p, i, end)) continue;
      if (!best || end > best.end || (end === best.end && p.order < best.pattern.order)) best = { pattern: p, first: i, end };
    }
    if (best) {
      out.push(best);
      i = best.end - 1;
    }
  }
  return out;
}

/** A match of some pattern of the index starting in [from, to) and ending by `limit`, or null. */
export function anyMatch<T>(index: PatternIndex<T>, toks: MatchTokens, from: number, to: number, limit = to): PatternMatch<T> | null {
  for (let i = Math.max(0, from); i < to; i++) {
    for (const p of index.candidatesAt(toks, i)) {
      const end = matchAt(p, toks, i, limit);
      if (end >= 0) return { pattern: p, first: i, end };
    }
  }
  return null;
}

/** End of the longest match of the index starting at token i (within `limit`), or -1. */
export function longestMatchEnd<T>(index: PatternIndex<T>, toks: MatchTokens, i: number, limit: number): number {
  if (i >= limit) return -1;
  let best = -1;
  for (const p of index.candidatesAt(toks, i)) best = Math.max(best, matchAt(p, toks, i, limit));
  return best;
}

/** Some pattern of the index ends exactly before token i, starting at most `reach` tokens earlier. */
export function endsAt<T>(index: PatternIndex<T>, toks: MatchTokens, i: number, reach: number): boolean {
  for (let s = Math.max(0, i - reach); s < i; s++) {
    for (const p of index.candidatesAt(toks, s)) if (matchAt(p, toks, s, i) === i) return true;
  }
  return false;
}
