// Trigger detection: the words stating a happening, found by the language's trigger patterns,
// then filtered by small named rules (each rule's name is what `why` shows when it keeps or drops
// a hit is not recorded; only kept hits reach events).
import type { TextSpan } from '../types.js';
import { inSentence, sentenceAt, sentenceRange, spanOf, type EventContext } from './context.js';
import type { TriggerEntry } from './lexicon.js';
import { findMatches, matchAt, anyMatch, type PatternIndex } from './patterns.js';

export interface TriggerHit {
  entry: TriggerEntry;
  first: number;
  /** One past the last token. */
  end: number;
  span: TextSpan;
}

export const VIOLENT_TYPES = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Riots']);

export function isViolent(entry: TriggerEntry): boolean {
  return entry.plover === 'ASSAULT' || (entry.acled !== null && VIOLENT_TYPES.has(entry.acled[0]));
}

/** A pattern of the index ends right before token i (within `reach` tokens). */
function endsBefore(index: PatternIndex<string>, ctx: EventContext, i: number, reach: number): boolean {
  for (let start = Math.max(0, i - reach); start < i; start++) {
    for (const p of index.candidatesAt(ctx, start)) if (matchAt(p, ctx, start, i) === i) return true;
  }
  return false;
}

/** A pattern of the index starts at token i or one word later. */
function startsAfter(index: PatternIndex<string>, ctx: EventContext, i: number, limit: number): boolean {
  for (let start = i; start < Math.min(i + 2, limit); start++) {
    for (const p of index.candidatesAt(ctx, start)) if (matchAt(p, ctx, start, limit) >= 0) return true;
  }
  return false;
}

/** "une bataille juridique", "a political offensive", "la lutte contre la pauvreté": no event. */
function figurative(ctx: EventContext, first: number, end: number): boolean {
  const [, sentEnd] = sentenceRange(ctx, first);
  return startsAfter(ctx.lex.figurativeAfter, ctx, end, sentEnd) || endsBefore(ctx.lex.figurativeBefore, ctx, first, 1);
}

/** Inside a name ("Armée de libération du X", "Opération Tempête"): the words name, they don't state. */
function insideName(ctx: EventContext, start: number, end: number): boolean {
  const inside = (s: { start: number; end: number }) => s.start <= start && end <= s.end && (s.start < start || s.end > end);
  const s = sentenceAt(ctx, start);
  const self = (x: { start: number; end: number }) => x;
  return inSentence(ctx, ctx.ann.mentions, self, s).some((m) => m.type !== 'NORP' && inside(m)) ||
    inSentence(ctx, ctx.ann.places, self, s).some(inside);
}

/** A document about sport: fight words there are about games. */
export function isSportDocument(ctx: EventContext): boolean {
  let count = 0;
  const n = ctx.keys.length;
  for (let i = 0; i < n; i++) {
    const cands = ctx.lex.sport.candidatesAt(ctx, i);
    if (cands.some((p) => matchAt(p, ctx, i, n) >= 0) && ++count >= ctx.lex.sportThreshold) return true;
  }
  return false;
}

export function findTriggers(ctx: EventContext): TriggerHit[] {
  const excluded = ctx.lex.excluded;
  const accept = (entry: TriggerEntry, first: number, end: number) =>
    !(end - first === 1 && excluded.get(entry)?.has(ctx.keys[first]));
  const raw = findMatches(ctx.lex.triggers, ctx, 0, ctx.keys.length, (p, first, end) => accept(p.value, first, end));
  const sport = raw.some((m) => isViolent(m.pattern.value)) && isSportDocument(ctx);
  const hits: TriggerHit[] = [];
  for (const m of raw) {
    const entry = m.pattern.value;
    const span = spanOf(ctx, m.first, m.end);
    if (sport && isViolent(entry)) continue;
    if (insideName(ctx, span.start, span.end)) continue;
    if (entry.pos === 'noun' && figurative(ctx, m.first, m.end)) continue;
    hits.push({ entry, first: m.first, end: m.end, span });
  }
  return hits.filter((h, _, all) => !h.entry.weak || weakSupported(ctx, h, all));
}

/** A weak trigger ("opération", "incident") counts next to a strong one or a casualty figure. */
function weakSupported(ctx: EventContext, hit: TriggerHit, all: readonly TriggerHit[]): boolean {
  const s = ctx.sent[hit.first];
  if (all.some((o) => o !== hit && !o.entry.weak && ctx.sent[o.first] === s)) return true;
  const [a, b] = sentenceRange(ctx, hit.first);
  return anyMatch(ctx.lex.deathAfterNumber, ctx, a, b) !== null || anyMatch(ctx.lex.injuryWords, ctx, a, b) !== null;
}
