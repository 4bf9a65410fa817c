// Trigger detection: the words stating a happening, found by the language's trigger patterns,
// then filtered by small rules: words inside a name, figurative uses, fight words in a sports
// dispatch, and weak words with no strong trigger or casualty figure beside them. Kept hits carry
// their entry's name into the event's `why`.
import type { TextSpan } from '../types.js';
import { inSentence, sentenceAt, sentenceRange, spanOf, type EventContext } from './context.js';
import type { TriggerEntry } from './lexicon.js';
import { anyMatch, endsAt, findMatches, matchAt } from './patterns.js';

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



/** "une bataille juridique", "a political offensive", "la lutte contre la pauvreté": no event. */
function figurative(ctx: EventContext, first: number, end: number): boolean {
  const [, sentEnd] = sentenceRange(ctx, first);
  return anyMatch(ctx.lex.figurativeAfter, ctx, end, Math.min(end + 2, sentEnd), sentEnd) !== null || endsAt(ctx.lex.figurativeBefore, ctx, first, 1);
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
