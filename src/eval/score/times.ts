// TIMEX3-style time expressions: extents (strict = same offsets, relaxed = any overlap), then
// type and value on relaxed-matched pairs, as TempEval-3 does. "Value F1" counts a gold time as
// found, and a prediction as right, only when the extents overlap and the values are equal.
import {
  type Acc, type Keyed, type PRF, type Span,
  matchAll, overlapLength, prf, sameSpan, tallyAcc,
} from './common.js';

export interface GoldTime extends Keyed {
  spans: Span[];
  type?: string | null;
  value?: string | null;
  /** The precision the annotator gave the value (the example's gold says "day" for a night). */
  precision?: string | null;
}

export interface PredTime extends Keyed, Span {
  type: string | null;
  value: string | null;
}

export interface TimeScores {
  strict: PRF;
  relaxed: PRF;
  /** On relaxed-matched gold times with a type. */
  type: Acc;
  /** On relaxed-matched gold times with a value. */
  value: Acc;
  /** Extent overlaps and value equal: P over predictions, R over gold. */
  valueF1: PRF;
}

export function normValue(v: string | null | undefined): string {
  return (v ?? '').trim().toUpperCase();
}

/**
 * A value is right when equal, or — where the gold states its precision as "day" — when the
 * prediction is that day refined by a part of day or a clock time (2021-07-06TNI for 2021-07-06):
 * the same answer at the precision the annotator asked for.
 */
export function sameValue(g: GoldTime, predicted: string | null): boolean {
  const gv = normValue(g.value);
  const pv = normValue(predicted);
  if (gv === pv) return true;
  return g.precision === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(gv) && pv.startsWith(gv + 'T');
}

export function scoreTimes(gold: readonly GoldTime[], pred: readonly PredTime[]): TimeScores {
  const strictM = matchAll(gold, pred, (g, p) => (g.spans.some((s) => sameSpan(s, p)) ? 1 : 0));
  const relaxedM = matchAll(gold, pred, (g, p) => Math.max(0, ...g.spans.map((s) => overlapLength(s, p))));
  const count = (xs: readonly unknown[]) => xs.filter((x) => x !== null && x !== false).length;
  const strict = prf(gold.length, pred.length, count(strictM.goldBest), count(strictM.predHit));
  const relaxed = prf(gold.length, pred.length, count(relaxedM.goldBest), count(relaxedM.predHit));
  const type = tallyAcc(gold.map((g, i) => {
    const p = relaxedM.goldBest[i];
    if (!g.type || !p) return null;
    return normValue(g.type) === normValue(p.type);
  }));
  const value = tallyAcc(gold.map((g, i) => {
    const p = relaxedM.goldBest[i];
    if (!g.value || !p) return null;
    return sameValue(g, p.value);
  }));
  const valueM = matchAll(gold, pred, (g, p) =>
    g.value && sameValue(g, p.value) ? Math.max(0, ...g.spans.map((s) => overlapLength(s, p))) : 0);
  const valueF1 = prf(gold.length, pred.length, count(valueM.goldBest), count(valueM.predHit));
  return { strict, relaxed, type, value, valueF1 };
}
