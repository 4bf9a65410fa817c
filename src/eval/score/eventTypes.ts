// Sentence-level event typing (PLOVER gold standard records, PETRARCH2 records): each gold record
// has one type (or a set of types, one per coded event); Vigie's events on that record's text are
// compared by type only. Coverage = records with at least one predicted event; top = the most
// confident predicted event has a gold type of the record; any = some predicted event has one.
// All three are over every gold record. Per type: records coded with that type where some
// predicted event has it.
import { type Acc, type Keyed, acc, byDoc, normText } from './common.js';

export interface GoldTyped extends Keyed {
  type: string;
}

/** A record coded with several events: every type they map to. */
export interface GoldTypeSet extends Keyed {
  types: string[];
}

export interface PredTyped extends Keyed {
  type: string | null;
  confidence?: number;
}

export interface EventTypeScores {
  coverage: Acc;
  top: Acc;
  any: Acc;
  /** "any" accuracy per gold type. */
  perType: Record<string, Acc>;
}

export function scoreEventTypes(gold: readonly GoldTyped[], pred: readonly PredTyped[]): EventTypeScores {
  return scoreEventTypeSets(gold.map((g) => ({ doc: g.doc, types: [g.type] })), pred);
}

export function scoreEventTypeSets(gold: readonly GoldTypeSet[], pred: readonly PredTyped[]): EventTypeScores {
  const preds = byDoc(pred);
  let covered = 0, top = 0, any = 0;
  const per = new Map<string, { n: number; ok: number }>();
  for (const g of gold) {
    const ps = preds.get(g.doc ?? '') ?? [];
    const wanted = new Set(g.types.map(normText));
    const has = (p: PredTyped | undefined): boolean => p !== undefined && wanted.has(normText(p.type));
    if (ps.length) covered++;
    const best = [...ps].sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0))[0];
    if (has(best)) top++;
    if (ps.some(has)) any++;
    for (const t of new Set(g.types)) {
      const tally = per.get(t) ?? { n: 0, ok: 0 };
      tally.n++;
      if (ps.some((p) => normText(p.type) === normText(t))) tally.ok++;
      per.set(t, tally);
    }
  }
  const perType: Record<string, Acc> = {};
  for (const [k, v] of [...per].sort((a, b) => (a[0] < b[0] ? -1 : 1))) perType[k] = acc(v.n, v.ok);
  return { coverage: acc(gold.length, covered), top: acc(gold.length, top), any: acc(gold.length, any), perType };
}

/** Records coded with no event: how many Vigie also leaves without one. */
export function scoreQuietRecords(docs: readonly string[], pred: readonly PredTyped[]): Acc {
  const preds = byDoc(pred);
  return acc(docs.length, docs.filter((d) => !(preds.get(d)?.length)).length);
}
