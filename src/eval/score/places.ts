// Places (toponyms): detection by span overlap, then on matched gold places the country, and the
// distance between predicted and gold coordinates (within 161 km = 100 miles, the geoparsing
// convention, and within 25 km), the median error, and the end-to-end recall within 161 km over
// every gold place with coordinates (a missed place counts as wrong there).
import {
  type Acc, type Keyed, type PRF, type Span,
  acc, haversineKm, matchAll, median, overlapLength, overlapsAny, prf, tallyAcc,
} from './common.js';

export interface GoldPlace extends Keyed {
  spans: Span[];
  lat?: number | null;
  lon?: number | null;
  country?: string | null;
}

export interface PredPlace extends Keyed, Span {
  lat: number | null;
  lon: number | null;
  country: string | null;
}

export interface PlaceScores {
  detection: PRF;
  country: Acc;
  within161: Acc;
  within25: Acc;
  /** Median error (km) over matched gold places with coordinates whose prediction has some. */
  medianKm: number | null;
  nDistances: number;
  /** Within 161 km over all gold places with coordinates (found or not). */
  endToEnd161: Acc;
}

export interface PlaceOptions {
  /** Spans (of the same doc) where a prediction is neither right nor wrong: left out of precision. */
  neutral?: readonly (Keyed & Span)[];
}

const hasCoords = (g: { lat?: number | null; lon?: number | null }): boolean =>
  typeof g.lat === 'number' && typeof g.lon === 'number' && Number.isFinite(g.lat) && Number.isFinite(g.lon);

export function scorePlaces(
  gold: readonly GoldPlace[],
  predAll: readonly PredPlace[],
  options: PlaceOptions = {},
): PlaceScores {
  const m0 = matchAll(gold, predAll, (g, p) => Math.max(0, ...g.spans.map((s) => overlapLength(s, p))));
  // Predictions that match no gold place but fall on a neutral span are left out.
  const neutralByDoc = new Map<string, Span[]>();
  for (const n of options.neutral ?? []) {
    const k = n.doc ?? '';
    if (!neutralByDoc.has(k)) neutralByDoc.set(k, []);
    neutralByDoc.get(k)!.push(n);
  }
  const kept = predAll.filter((p, i) => m0.predHit[i] || !overlapsAny(neutralByDoc.get(p.doc ?? ''), p));
  const m = matchAll(gold, kept, (g, p) => Math.max(0, ...g.spans.map((s) => overlapLength(s, p))));
  const detection = prf(gold.length, kept.length,
    m.goldBest.filter((x) => x !== null).length, m.predHit.filter(Boolean).length);
  const country = tallyAcc(gold.map((g, i) => {
    const p = m.goldBest[i];
    if (!p || !g.country) return null;
    return (p.country ?? '').toUpperCase() === g.country.toUpperCase();
  }));
  const dists: number[] = [];
  const errs: (number | null)[] = gold.map((g, i) => {
    const p = m.goldBest[i];
    if (!p || !hasCoords(g) || !hasCoords(p)) return null;
    const d = haversineKm(g.lat!, g.lon!, p.lat!, p.lon!);
    dists.push(d);
    return d;
  });
  const within = (km: number): Acc => tallyAcc(gold.map((g, i) => {
    if (!m.goldBest[i] || !hasCoords(g)) return null;
    const e = errs[i];
    return e !== null && e <= km;
  }));
  const withCoords = gold.filter(hasCoords).length;
  const e2e = errs.filter((e) => e !== null && e <= 161).length;
  return {
    detection,
    country,
    within161: within(161),
    within25: within(25),
    medianKm: median(dists),
    nDistances: dists.length,
    endToEnd161: acc(withCoords, e2e),
  };
}
