// Sentence-level event typing (PLOVER gold standard records): one gold type per record; Vigie's
// events on that record's text are compared by type only. Coverage = records with at least one
// predicted event; top = the most confident predicted event has the gold type; any = some
// predicted event has it. All three are over every gold record.
import { type Acc, type Keyed, acc, normText } from './common.js';

export interface GoldTyped extends Keyed {
  type: string;
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
  const byDoc = new Map<string, PredTyped[]>();
  for (const p of pred) {
    const k = p.doc ?? '';
    if (!byDoc.has(k)) byDoc.set(k, []);
    byDoc.get(k)!.push(p);
  }
  let covered = 0, top = 0, any = 0;
  const per = new Map<string, { n: number; ok: number }>();
  for (const g of gold) {
    const ps = byDoc.get(g.doc ?? '') ?? [];
    const t = per.get(g.type) ?? { n: 0, ok: 0 };
    t.n++;
    if (ps.length) covered++;
    const best = [...ps].sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0))[0];
    if (best && normText(best.type) === normText(g.type)) top++;
    if (ps.some((p) => normText(p.type) === normText(g.type))) {
      any++;
      t.ok++;
    }
    per.set(g.type, t);
  }
  const perType: Record<string, Acc> = {};
  for (const [k, v] of [...per].sort()) perType[k] = acc(v.n, v.ok);
  return { coverage: acc(gold.length, covered), top: acc(gold.length, top), any: acc(gold.length, any), perType };
}
