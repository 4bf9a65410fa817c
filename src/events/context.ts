// What every event rule reads: the document's tokens as folded keys, the sentence and clause each
// token belongs to, and which quote content (if any) holds each offset. Built once per document.
import type { Annotations, Place, Quote, ResolvedDocument, TimeExpr } from '../types.js';
import type { TokenView } from '../entities/view.js';
import type { EventLexicon } from './lexicon.js';
import { findMatches, patternKey, tokenIds, type MatchTokens } from './patterns.js';
import { foldIds } from './vocabulary.js';

export interface EventContext extends MatchTokens {
  doc: ResolvedDocument;
  ann: Readonly<Annotations>;
  lex: EventLexicon;
  text: string;
  /** Sentence index of each token. */
  sent: Int32Array;
  /** First token and one past the last token of each sentence. */
  sentFirst: Int32Array;
  sentEnd: Int32Array;
  /** Clause index of each token: clauses split sentences at the lexicon's clause breaks. */
  clause: Int32Array;
  /** Facts about the document computed once, on first use, by the rules that need them. */
  cache: {
    datelineEnd?: number;
    datedTimes?: { t: TimeExpr; tok: number; campaign: boolean }[];
    usablePlaces?: { p: Place; tok: number }[];
  };
}

export function buildContext(doc: ResolvedDocument, ann: Readonly<Annotations>, lex: EventLexicon, view?: TokenView): EventContext {
  const toks = ann.tokens;
  const n = toks.length;
  const keys = new Array<string>(n);
  const sent = new Int32Array(n);
  const clause = new Int32Array(n);
  const nSent = Math.max(ann.sentences.length, 1);
  const sentFirst = new Int32Array(nSent).fill(-1);
  const sentEnd = new Int32Array(nSent).fill(-1);
  // The shared token view already holds folded keys; one-letter words keep their accent ("à").
  const fromView = view && view.toks.length === n ? view : null;
  const viewIds = fromView ? foldIds(fromView) : null;
  const known = new Int32Array(n).fill(-2);
  for (let i = 0; i < n; i++) {
    if (fromView && viewIds && fromView.keys[i].length > 1 && fromView.keys[i][0] !== '-') {
      keys[i] = fromView.fold[i];
      known[i] = viewIds[i];
    } else {
      keys[i] = patternKey(doc.text.slice(toks[i].start, toks[i].end));
    }
  }
  // A possessive apostrophe ("the rebels' plan") belongs to the words around it.
  const isWord = (i: number) => i >= 0 && i < n && ((toks[i].kind !== 'punct' && toks[i].kind !== 'symbol') || keys[i] === "'");
  const { wordIds, headIds } = tokenIds(keys, known);
  const opensClause = new Uint8Array(n);
  for (const m of findMatches(lex.clauseOpeners, { keys, wordIds, headIds, isWord }, 0, n)) opensClause[m.first] = 1;
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    while (s < ann.sentences.length - 1 && t.start >= ann.sentences[s].end) {
      s++;
      c++;
    }
    sent[i] = s;
    if (sentFirst[s] < 0) sentFirst[s] = i;
    sentEnd[s] = i + 1;
    if ((t.kind === 'punct' && lex.clauseBreaks.has(doc.text.slice(t.start, t.end))) || opensClause[i]) c++;
    clause[i] = c;
  }
  return { doc, ann, lex, text: doc.text, keys, wordIds, headIds, isWord, sent, sentFirst, sentEnd, clause, cache: {} };
}

/** Token range [first, end) of the sentence holding token i. */
export function sentenceRange(ctx: EventContext, i: number): [number, number] {
  const s = ctx.sent[i];
  return [ctx.sentFirst[s], ctx.sentEnd[s]];
}

/** Token range [first, end) of the clause holding token i (within its sentence). */
export function clauseRange(ctx: EventContext, i: number): [number, number] {
  const [a, b] = sentenceRange(ctx, i);
  let first = i;
  while (first > a && ctx.clause[first - 1] === ctx.clause[i]) first--;
  let end = i + 1;
  while (end < b && ctx.clause[end] === ctx.clause[i]) end++;
  return [first, end];
}

/** Sentence index of the token at or after an offset. */
export function sentenceAt(ctx: EventContext, offset: number): number {
  const n = ctx.ann.tokens.length;
  if (!n) return 0;
  return ctx.sent[Math.min(tokenAt(ctx, offset), n - 1)];
}

const buckets = new WeakMap<object, Map<number, unknown[]>>();

/**
 * Items grouped by the sentences their span overlaps, built once per list: the rules ask "which
 * of them lie in this sentence", and a scan of the whole list each time would grow with the
 * square of the document on long texts.
 */
export function inSentence<T>(ctx: EventContext, items: readonly T[], spanOf: (x: T) => { start: number; end: number }, s: number): readonly T[] {
  let m = buckets.get(items) as Map<number, T[]> | undefined;
  if (!m) {
    m = new Map();
    for (const x of items) {
      const sp = spanOf(x);
      const last = sentenceAt(ctx, Math.max(sp.start, sp.end - 1));
      for (let k = sentenceAt(ctx, sp.start); k <= last; k++) {
        const list = m.get(k);
        if (list) list.push(x);
        else m.set(k, [x]);
      }
    }
    buckets.set(items, m as Map<number, unknown[]>);
  }
  return m.get(s) ?? [];
}

/** The quotes whose reported content covers an offset (innermost last). */
export function quotesHolding(ctx: EventContext, offset: number): Quote[] {
  return inSentence(ctx, ctx.ann.quotes, (q) => q.content, sentenceAt(ctx, offset))
    .filter((q) => q.content.start <= offset && offset < q.content.end);
}

/** Token index at or after an offset (binary search). */
export function tokenAt(ctx: EventContext, offset: number): number {
  const toks = ctx.ann.tokens;
  let lo = 0, hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function spanOf(ctx: EventContext, first: number, end: number): { start: number; end: number; text: string } {
  const start = ctx.ann.tokens[first].start;
  const stop = ctx.ann.tokens[end - 1].end;
  return { start, end: stop, text: ctx.text.slice(start, stop) };
}
