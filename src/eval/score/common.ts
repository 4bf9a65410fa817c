// Shared arithmetic of the scorers: spans, overlaps, precision/recall/F1, accuracies, distances.
// Every scorer is a pure function over (gold items, predicted items). Items may carry a `doc`
// key: items of different documents never match each other, so a whole corpus is scored in one
// call. Gold items list every acceptable span (`spans`: occurrences or alternatives); a
// prediction matches a gold item when it matches any of them.

export interface Span {
  start: number;
  end: number;
}

export interface Keyed {
  doc?: string;
}

/** Precision, recall and F1 with the counts they come from. */
export interface PRF {
  nGold: number;
  nPred: number;
  /** Gold items found (recall numerator). */
  tpGold: number;
  /** Predictions that are right (precision numerator). */
  tpPred: number;
  p: number;
  r: number;
  f1: number;
}

/** An accuracy over the n items it applies to. */
export interface Acc {
  n: number;
  correct: number;
  acc: number;
}

export function ratio(num: number, den: number): number {
  return den > 0 ? num / den : 0;
}

export function prf(nGold: number, nPred: number, tpGold: number, tpPred: number): PRF {
  const p = ratio(tpPred, nPred);
  const r = ratio(tpGold, nGold);
  const f1 = p + r > 0 ? (2 * p * r) / (p + r) : 0;
  return { nGold, nPred, tpGold, tpPred, p, r, f1 };
}

export function acc(n: number, correct: number): Acc {
  return { n, correct, acc: ratio(correct, n) };
}

/** Tallies an accuracy from booleans (null = not applicable, left out). */
export function tallyAcc(results: readonly (boolean | null)[]): Acc {
  let n = 0;
  let correct = 0;
  for (const r of results) {
    if (r === null) continue;
    n++;
    if (r) correct++;
  }
  return acc(n, correct);
}

export function spanLength(s: Span): number {
  return Math.max(0, s.end - s.start);
}

export function overlapLength(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export function overlaps(a: Span, b: Span): boolean {
  return overlapLength(a, b) > 0;
}

export function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}

export function overlapsAny(spans: readonly Span[] | null | undefined, s: Span | null | undefined): boolean {
  if (!spans || !s) return false;
  return spans.some((g) => overlaps(g, s));
}

/** Largest overlap of s with any of the spans, as a share of that span's own length. */
export function bestCoverOf(spans: readonly Span[], s: Span): number {
  let best = 0;
  for (const g of spans) {
    const len = spanLength(g);
    if (len === 0) continue;
    best = Math.max(best, overlapLength(g, s) / len);
  }
  return best;
}

/** Lower-cased, accents kept, apostrophes and spaces unified, trimmed. */
export function normText(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’ʼ`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Equal after normalisation, or one contains the other (both non-empty). */
export function textsAgree(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normText(a);
  const y = normText(b);
  if (!x || !y) return false;
  return x === y || x.includes(y) || y.includes(x);
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Groups items by their doc key (items without one share the '' group). */
export function byDoc<T extends Keyed>(items: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = it.doc ?? '';
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(it);
  }
  return m;
}

export interface Matching<G, P> {
  /** For each gold item (input order), its best matching prediction or null. */
  goldBest: (P | null)[];
  /** For each prediction (input order), whether it matches at least one gold item. */
  predHit: boolean[];
}

/**
 * Matches predictions to gold items of the same document. `score(g, p)` > 0 means "p matches g";
 * the best-scoring prediction becomes g's pair. A prediction may match several gold items and a
 * gold item several predictions ("any occurrence counts"): recall counts gold items with a match,
 * precision counts predictions with a match.
 */
export function matchAll<G extends Keyed, P extends Keyed>(
  gold: readonly G[],
  pred: readonly P[],
  score: (g: G, p: P) => number,
): Matching<G, P> {
  const predIndex = new Map<P, number>();
  pred.forEach((p, i) => predIndex.set(p, i));
  const predsByDoc = byDoc(pred);
  const goldBest: (P | null)[] = [];
  const predHit: boolean[] = pred.map(() => false);
  for (const g of gold) {
    let best: P | null = null;
    let bestScore = 0;
    for (const p of predsByDoc.get(g.doc ?? '') ?? []) {
      const s = score(g, p);
      if (s > 0) {
        predHit[predIndex.get(p)!] = true;
        if (s > bestScore) {
          best = p;
          bestScore = s;
        }
      }
    }
    goldBest.push(best);
  }
  return { goldBest, predHit };
}

/**
 * Pairs for comparing attributes: each gold item with one prediction, greedily by descending
 * score (ties in input order), each prediction used once — so that a prediction overlapping two
 * gold items is compared with the one it overlaps most, and the other gold item gets its own
 * prediction. A gold item left without a free prediction keeps its best match (`goldBest`): one
 * prediction standing for two gold events is still compared with both.
 */
export function pairOneToOne<G extends Keyed, P extends Keyed>(
  gold: readonly G[],
  pred: readonly P[],
  score: (g: G, p: P) => number,
  goldBest: readonly (P | null)[],
): (P | null)[] {
  const predsByDoc = byDoc(pred);
  const candidates: { gi: number; p: P; s: number; order: number }[] = [];
  let order = 0;
  gold.forEach((g, gi) => {
    for (const p of predsByDoc.get(g.doc ?? '') ?? []) {
      const s = score(g, p);
      if (s > 0) candidates.push({ gi, p, s, order: order++ });
    }
  });
  candidates.sort((a, b) => b.s - a.s || a.order - b.order);
  const paired: (P | null)[] = gold.map(() => null);
  const used = new Set<P>();
  for (const c of candidates) {
    if (paired[c.gi] !== null || used.has(c.p)) continue;
    paired[c.gi] = c.p;
    used.add(c.p);
  }
  return paired.map((p, i) => p ?? goldBest[i]);
}
