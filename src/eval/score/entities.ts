// Named-entity mentions: typed spans, strict (same offsets) and relaxed (any overlap), per type
// and micro-averaged; plus the role read for a person when the gold gives one.
import {
  type Acc, type Keyed, type PRF, type Span,
  matchAll, overlaps, prf, sameSpan, tallyAcc, textsAgree,
} from './common.js';

export interface GoldEntity extends Keyed {
  /** Acceptable spans (every occurrence of the name, or the single annotated span). */
  spans: Span[];
  type: string;
  role?: string | null;
}

export interface PredEntity extends Keyed, Span {
  type: string;
  role?: string | null;
}

export interface TypedPRF {
  micro: PRF;
  perType: Record<string, PRF>;
}

export interface EntityScores {
  strict: TypedPRF;
  relaxed: TypedPRF;
  /** Untyped relaxed: a predicted mention overlaps a gold mention, whatever the types. */
  untyped: PRF;
  /** On relaxed-matched gold entities that carry a role: the predicted role agrees. */
  role: Acc;
}

export interface EntityOptions {
  /** Types scored; predictions of other types are left out. Default: the gold's types. */
  types?: readonly string[];
}

function typedPRF(
  gold: readonly GoldEntity[],
  pred: readonly PredEntity[],
  types: readonly string[],
  spanOk: (g: Span, p: Span) => boolean,
): TypedPRF {
  const perType: Record<string, PRF> = {};
  let nG = 0, nP = 0, tG = 0, tP = 0;
  for (const t of types) {
    const g = gold.filter((x) => x.type === t);
    const p = pred.filter((x) => x.type === t);
    const m = matchAll(g, p, (gi, pi) => (gi.spans.some((s) => spanOk(s, pi)) ? 1 : 0));
    const tg = m.goldBest.filter((x) => x !== null).length;
    const tp = m.predHit.filter(Boolean).length;
    perType[t] = prf(g.length, p.length, tg, tp);
    nG += g.length; nP += p.length; tG += tg; tP += tp;
  }
  return { micro: prf(nG, nP, tG, tP), perType };
}

export function scoreEntities(
  gold: readonly GoldEntity[],
  pred: readonly PredEntity[],
  options: EntityOptions = {},
): EntityScores {
  const types = options.types ?? [...new Set(gold.map((g) => g.type))].sort();
  const typeSet = new Set(types);
  const g = gold.filter((x) => typeSet.has(x.type));
  const p = pred.filter((x) => typeSet.has(x.type));
  const strict = typedPRF(g, p, types, sameSpan);
  const relaxed = typedPRF(g, p, types, overlaps);
  const any = matchAll(g, p, (gi, pi) => (gi.spans.some((s) => overlaps(s, pi)) ? 1 : 0));
  const untyped = prf(g.length, p.length, any.goldBest.filter((x) => x !== null).length, any.predHit.filter(Boolean).length);
  const typedRelaxed = matchAll(g, p, (gi, pi) =>
    gi.type === pi.type && gi.spans.some((s) => overlaps(s, pi)) ? 1 : 0);
  const role = tallyAcc(g.map((gi, i) => {
    if (!gi.role) return null;
    const pi = typedRelaxed.goldBest[i];
    return pi ? textsAgree(gi.role, pi.role) : null;
  }));
  return { strict, relaxed, untyped, role };
}
