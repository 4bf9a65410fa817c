// Casualty figures and other counts, read once per document: "au moins 12 morts", "a dozen
// killed", "six rebelles et un soldat ont été tués" (6 + 1), "tuant trois policiers", "aucune
// victime" (0), "20 blessés" (a tag, not fatalities), "environ 200 prisonniers" (a tag). Ranges
// take their lower bound. Each figure keeps its words and the statement that claims it.
import type { Span } from '../types.js';
import { inSentence, quotesHolding, spanOf, type EventContext } from './context.js';
import { longestMatchEnd, matchAt } from './patterns.js';

export type FigureKind = 'dead' | 'injured' | 'none' | 'count';

export interface Figure extends Span {
  kind: FigureKind;
  value: number;
  text: string;
  /** Token range of the whole statement [firstToken, endToken). */
  firstToken: number;
  endToken: number;
  sentence: number;
  /** Quote ids whose content holds the figure; the speaker of the first, when any. */
  quotes: string[];
  claimedBy: string | null;
  rule: string;
  /** "dont 5 civils": a part of a figure given before, not added to it. */
  partOf: boolean;
}


interface NumberRead {
  value: number;
  first: number;
  end: number;
}

/** Digits as numbers: "1 200", "1,200", "12". Years and decimals are not head counts. */
function digitsValue(word: string): number | null {
  const clean = word.replace(/[\s\u00a0\u202f,.']/g, '');
  if (!/^\d+$/.test(clean) || /[.,]\d{1,2}$/.test(word)) return null;
  return Number(clean);
}

/** A number at token i: bounds ("au moins"), digits or number words, a range's lower bound, a scale. */
function readNumber(ctx: EventContext, i: number, limit: number): NumberRead | null {
  const first = i;
  const lex = ctx.lex;
  for (const bound of [lex.lowerBound, lex.approximate]) {
    const e = longestMatchEnd(bound, ctx, i, limit);
    if (e > i) i = e;
  }
  if (i >= limit) return null;
  let value: number | null = null;
  let end = i;
  const tok = ctx.ann.tokens[i];
  if (tok.kind === 'number') {
    value = digitsValue(ctx.text.slice(tok.start, tok.end));
    end = i + 1;
  } else {
    let best = -1;
    let bestValue = 0;
    for (const p of lex.numbers.candidatesAt(ctx, i)) {
      const e = matchAt(p, ctx, i, limit);
      if (e > best) {
        best = e;
        bestValue = p.value.value;
      }
    }
    if (best > i) {
      value = bestValue;
      end = best;
    }
  }
  if (value === null) return null;
  const scale = end < limit ? lex.numberScales.get(ctx.keys[end]) : undefined;
  if (scale) {
    value *= scale;
    end++;
  }
  // A run of 20 or 300 digits is no head count (and would be written 1e20, or Infinity as null).
  if (!Number.isSafeInteger(value)) return null;
  // "de 10 à 15 morts", "10-15 killed": the lower bound is kept, the rest is skipped.
  if (end + 1 < limit && lex.rangeJoin.has(ctx.keys[end])) {
    const upper = readNumber(ctx, end + 1, limit);
    if (upper && upper.value >= value) end = upper.end;
  }
  return { value, first, end };
}

const MAX_GAP = 4;

/** "N … morts": a death (or injury, or count) word within a few words after the number. */
function afterNumber(ctx: EventContext, n: NumberRead, limit: number): { kind: FigureKind; end: number; rule: string } | null {
  const lex = ctx.lex;
  // Between the number and the death word stand only the victims: "six soldats maliens ont été
  // tués", not "a village in the north killed".
  const victims = n.end < limit ? longestMatchEnd(lex.victimNouns, ctx, n.end, limit) : -1;
  const victimsNext = n.end + 1 < limit ? longestMatchEnd(lex.victimNouns, ctx, n.end + 1, limit) : -1;
  const reach = victims > n.end || victimsNext > n.end + 1 ? MAX_GAP : 0;
  for (let j = n.end; j < Math.min(limit, n.end + reach + 1); j++) {
    if (!ctx.isWord(j) && ctx.keys[j] !== ',') return null;
    // "quatre assaillants et deux gendarmes ont été tués": the next count belongs to the same toll.
    if (ctx.lex.countJoin.has(ctx.keys[j]) && readNumber(ctx, j + 1, limit)) return null;
    const dead = longestMatchEnd(lex.deathAfterNumber, ctx, j, limit);
    if (dead > j) return { kind: 'dead', end: dead, rule: 'fatalities:number-then-death-word' };
    const hurt = longestMatchEnd(lex.injuryWords, ctx, j, limit);
    if (hurt > j) return { kind: 'injured', end: hurt, rule: 'figure:number-then-injury-word' };
    if (j > n.end && ctx.ann.tokens[j].kind === 'number') return null;
  }
  const tag = longestMatchEnd(lex.tagNouns, ctx, n.end, limit);
  if (tag > n.end) return { kind: 'count', end: tag, rule: 'figure:number-then-noun' };
  return null;
}

/**
 * "six rebelles et un soldat ont été tués": numbers joined by "et"/"and" before one death word
 * add up. Returns the chain's total and where its statement ends, or null.
 */
function chainedCount(ctx: EventContext, n: NumberRead, limit: number): { value: number; kind: FigureKind; end: number; rule: string } | null {
  let total = n.value;
  let cur = n;
  for (let hops = 0; hops < 4; hops++) {
    const direct = afterNumber(ctx, cur, limit);
    if (direct && direct.kind !== 'count') {
      return { value: total, kind: direct.kind, end: direct.end, rule: hops ? 'fatalities:joined-counts' : direct.rule };
    }
    let next: NumberRead | null = null;
    for (let j = cur.end; j < Math.min(limit, cur.end + MAX_GAP); j++) {
      if (!ctx.lex.countJoin.has(ctx.keys[j])) continue;
      next = readNumber(ctx, j + 1, limit);
      break;
    }
    if (!next) return direct ? { value: total, ...direct } : null;
    total += next.value;
    cur = next;
  }
  return null;
}

/** "tuant trois policiers", "killing 12": a death word right before the number. */
function deathThenNumber(ctx: EventContext, i: number, limit: number): { n: NumberRead; end: number } | null {
  let e = longestMatchEnd(ctx.lex.deathBeforeNumber, ctx, i, limit);
  if (e <= i) return null;
  // "a tué lundi soir quatre civils": a time may stand between the verb and its count.
  while (e < limit && insideTime(ctx, e)) e++;
  const n = readNumber(ctx, e, limit);
  if (!n) return null;
  // "faisant 20 blessés" is an injury figure: the number must not be followed by an injury word.
  for (let j = n.end; j < Math.min(limit, n.end + 2); j++) if (longestMatchEnd(ctx.lex.injuryWords, ctx, j, limit) > j) return null;
  // "faisant au moins onze morts": the death word after the number belongs to the same figure.
  const dead = longestMatchEnd(ctx.lex.deathAfterNumber, ctx, n.end, limit);
  return { n, end: dead > n.end ? dead : n.end };
}

function insideTime(ctx: EventContext, i: number): boolean {
  const t = ctx.ann.tokens[i];
  return inSentence(ctx, ctx.ann.times, (x) => x, ctx.sent[i]).some((x) => x.start <= t.start && t.end <= x.end);
}

function makeFigure(ctx: EventContext, kind: FigureKind, value: number, first: number, end: number, rule: string): Figure {
  const span = spanOf(ctx, first, end);
  const quotes = quotesHolding(ctx, span.start);
  let partOf = false;
  for (let s = Math.max(0, first - 3); s < first && !partOf; s++) partOf = longestMatchEnd(ctx.lex.partOf, ctx, s, first) === first;
  return {
    ...span, kind, value, firstToken: first, endToken: end, sentence: ctx.sent[first], rule, partOf,
    quotes: quotes.map((q) => q.id), claimedBy: quotes[0]?.speaker?.text ?? null,
  };
}

/**
 * Figures of the sentences that can hold some: `sentences` (those with a trigger and the two
 * after each, where a toll may be told), or all of them when not given.
 */
export function findFigures(ctx: EventContext, sentences?: ReadonlySet<number>): Figure[] {
  const out: Figure[] = [];
  const n = ctx.keys.length;
  for (let s = 0; s < ctx.sentFirst.length; s++) {
    const a = ctx.sentFirst[s], b = ctx.sentEnd[s];
    if (a < 0 || (sentences && !sentences.has(s))) continue;
    for (let i = a; i < b; i++) {
      if (i >= n) break;
      const none = longestMatchEnd(ctx.lex.noCasualties, ctx, i, b);
      if (none > i) {
        out.push(makeFigure(ctx, 'none', 0, i, none, 'fatalities:no-casualties'));
        i = none - 1;
        continue;
      }
      const before = deathThenNumber(ctx, i, b);
      if (before && !insideTime(ctx, before.n.first)) {
        out.push(makeFigure(ctx, 'dead', before.n.value, i, before.end, 'fatalities:death-word-then-number'));
        i = before.end - 1;
        continue;
      }
      const num = readNumber(ctx, i, b);
      if (!num || insideTime(ctx, num.end - 1)) continue;
      const chain = chainedCount(ctx, num, b);
      if (!chain) {
        i = num.end - 1;
        continue;
      }
      out.push(makeFigure(ctx, chain.kind, chain.value, i, chain.end, chain.rule));
      i = chain.end - 1;
    }
  }
  return out;
}
