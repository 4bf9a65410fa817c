// Events. A gold event is found when a predicted event's trigger overlaps one of its trigger
// spans (the trigger and the other words stating it). Precision is over predicted ASSERTED
// events: those matching a gold event are right. On matched pairs: ACLED event type and
// sub-event type (the gold's or an accepted alternative), PLOVER type, date, fatalities,
// modality, actor1, place (within 161 km). A predicted asserted event whose trigger overlaps a
// forbidden span (words that must not yield an event) is a violation.
import {
  type Acc, type Keyed, type PRF, type Span,
  haversineKm, matchAll, normText, overlapLength, overlapsAny, prf, tallyAcc, textsAgree,
} from './common.js';

export type AcledPair = [string, string];

export interface GoldEvent extends Keyed {
  triggers: Span[];
  acled: AcledPair | null;
  acledAlt?: AcledPair[];
  plover?: string | null;
  date?: string | null;
  fatalities?: number | null;
  /** Default 'asserted'. */
  modality?: string | null;
  actor1?: string | null;
  /** Other names for actor1 (the text's own words). */
  actor1Alt?: string[];
  place?: { lat: number; lon: number } | null;
}

export interface PredEvent extends Keyed {
  trigger: Span;
  acled: { eventType: string; subEventType: string } | null;
  plover: string | null;
  date: string | null;
  fatalities: number | null;
  modality: string;
  actor1: string | null;
  place: { lat: number | null; lon: number | null } | null;
}

export interface Forbidden extends Keyed {
  spans: Span[];
}

export interface EventScores {
  /** R over gold events; P over predicted asserted events. */
  detection: PRF;
  acledType: Acc;
  acledSubType: Acc;
  plover: Acc;
  date: Acc;
  fatalities: Acc;
  modality: Acc;
  actor1: Acc;
  place161: Acc;
  /** Forbidden spans that yielded an asserted event (n = forbidden items). */
  forbidViolations: { n: number; violated: number };
}

const norm = (s: string | null | undefined) => normText(s);

export function scoreEvents(
  gold: readonly GoldEvent[],
  pred: readonly PredEvent[],
  forbid: readonly Forbidden[] = [],
): EventScores {
  const m = matchAll(gold, pred, (g, p) => Math.max(0, ...g.triggers.map((s) => overlapLength(s, p.trigger))));
  const asserted = pred.map((p) => p.modality === 'asserted');
  const nAsserted = asserted.filter(Boolean).length;
  const tpPred = m.predHit.filter((hit, i) => hit && asserted[i]).length;
  const detection = prf(gold.length, nAsserted, m.goldBest.filter((x) => x !== null).length, tpPred);
  const on = (f: (g: GoldEvent, p: PredEvent) => boolean | null): Acc =>
    tallyAcc(gold.map((g, i) => {
      const p = m.goldBest[i];
      return p ? f(g, p) : null;
    }));
  const accepted = (g: GoldEvent): AcledPair[] => (g.acled ? [g.acled, ...(g.acledAlt ?? [])] : []);
  const acledType = on((g, p) => {
    if (!g.acled) return p.acled === null;
    return accepted(g).some(([t]) => norm(t) === norm(p.acled?.eventType));
  });
  const acledSubType = on((g, p) => {
    if (!g.acled) return null;
    return accepted(g).some(([t, s]) => norm(t) === norm(p.acled?.eventType) && norm(s) === norm(p.acled?.subEventType));
  });
  const plover = on((g, p) => (g.plover ? norm(g.plover) === norm(p.plover) : null));
  const date = on((g, p) => (g.date ? g.date === (p.date ?? '') : null));
  const fatalities = on((g, p) => (typeof g.fatalities === 'number' ? g.fatalities === p.fatalities : null));
  const modality = on((g, p) => norm(g.modality ?? 'asserted') === norm(p.modality));
  const actor1 = on((g, p) => {
    if (!g.actor1) return null;
    return [g.actor1, ...(g.actor1Alt ?? [])].some((a) => textsAgree(a, p.actor1));
  });
  const place161 = on((g, p) => {
    if (!g.place) return null;
    if (!p.place || p.place.lat === null || p.place.lon === null) return false;
    return haversineKm(g.place.lat, g.place.lon, p.place.lat, p.place.lon) <= 161;
  });
  const byDocAsserted = pred.filter((p) => p.modality === 'asserted');
  let violated = 0;
  for (const f of forbid) {
    if (byDocAsserted.some((p) => (p.doc ?? '') === (f.doc ?? '') && overlapsAny(f.spans, p.trigger))) violated++;
  }
  return {
    detection, acledType, acledSubType, plover, date, fatalities, modality, actor1, place161,
    forbidViolations: { n: forbid.length, violated },
  };
}
