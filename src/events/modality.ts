// Modality of a happening: asserted, negated ("n'ont pas attaqué", "did not attack"), denied
// (under a denial: "a démenti que…", "denied that…"), hypothetical ("pourrait", "if") or planned
// ("va manifester", "plans to", a future verb form). Each rule reads the words of the trigger's
// clause before it; the words are data (event-words.json).
import type { Modality } from '../types.js';
import { clauseRange, quotesHolding, sentenceRange, tokenAt, type EventContext } from './context.js';
import { anyMatch, type PatternIndex } from './patterns.js';
import type { TriggerHit } from './triggers.js';

export interface ModalityReading {
  modality: Modality;
  rule: string | null;
}

/** Some pattern of the index matches within [from, to) of the tokens. */
function within(index: PatternIndex<string>, ctx: EventContext, from: number, to: number): boolean {
  return from < to && anyMatch(index, ctx, from, to) !== null;
}

/** A negator in the few words before the trigger or inside it ("n'ont pas attaqué", "no attack"). */
function negated(ctx: EventContext, hit: TriggerHit, clauseStart: number): boolean {
  const from = Math.max(clauseStart, hit.first - ctx.lex.negationWindow);
  for (let i = from; i < hit.end; i++) {
    const k = ctx.keys[i];
    if (ctx.lex.negators.has(k) || k.endsWith("n't")) {
      // "pas moins de", "not only": a negator bound to the next word, not to the event.
      if (i + 1 < ctx.keys.length && ctx.lex.negationBound.has(ctx.keys[i + 1])) continue;
      return true;
    }
  }
  return false;
}

/** The trigger sits in the content of a statement whose cue is a denial ("a démenti que…"). */
function deniedByQuote(ctx: EventContext, hit: TriggerHit): boolean {
  for (const q of quotesHolding(ctx, hit.span.start)) {
    if (!q.cue) continue;
    const i = tokenAt(ctx, q.cue.start);
    const j = tokenAt(ctx, q.cue.end);
    if (within(ctx.lex.denial, ctx, i, Math.max(j, i + 1))) return true;
  }
  return false;
}

/** A future verb form for a verb trigger ("attaquera", "manifesteront"). */
function futureForm(ctx: EventContext, hit: TriggerHit): boolean {
  if (hit.entry.pos !== 'verb') return false;
  const k = ctx.keys[hit.end - 1];
  if (k.length < ctx.lex.futureSuffixMinLength) return false;
  return ctx.lex.futureSuffixes.some((s) => k.endsWith(s));
}

const LOOKBACK = 8;

export function readModality(ctx: EventContext, hit: TriggerHit): ModalityReading {
  const [clauseStart] = clauseRange(ctx, hit.first);
  const [sentStart] = sentenceRange(ctx, hit.first);
  const before = Math.max(clauseStart, hit.first - LOOKBACK);
  if (deniedByQuote(ctx, hit)) return { modality: 'denied', rule: 'modality:denied-by-statement' };
  if (within(ctx.lex.denial, ctx, Math.max(sentStart, hit.first - 2 * LOOKBACK), hit.first)) {
    return { modality: 'denied', rule: 'modality:denial-before' };
  }
  if (negated(ctx, hit, clauseStart)) return { modality: 'negated', rule: 'modality:negator' };
  if (within(ctx.lex.hypothetical, ctx, before, hit.first)) return { modality: 'hypothetical', rule: 'modality:hypothetical-cue' };
  if (within(ctx.lex.planned, ctx, before, hit.first)) return { modality: 'planned', rule: 'modality:planned-cue' };
  if (futureForm(ctx, hit)) return { modality: 'planned', rule: 'modality:future-form' };
  return { modality: 'asserted', rule: null };
}
