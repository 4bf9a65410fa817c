// Events. A gold event is found when a predicted event's trigger overlaps one of its trigger
// spans (the trigger and the other words stating it). Precision is over predicted ASSERTED
// events: those matching a gold event are right. On matched pairs (one-to-one where the overlaps
// allow, so each gold event is compared with its own prediction): ACLED event type and
// sub-event type (the gold's or an accepted alternative), PLOVER type, date (same string, so the
// precision — year, month, day — must agree too), ACLED time precision, fatalities, modality,
// actor1, actor2, attribution, place (within 161 km). A predicted asserted event whose trigger
// overlaps a forbidden span (words that must not yield an event) is a violation; an asserted
// ACLED event in a document the gold calls negative (no event at all) is counted too.
//
// A field the gold leaves out (undefined) is not scored. actor2 and attribution may be null in
// the gold on purpose ("no second actor", "the outlet itself asserts it"): a null prediction is
// then right, so null only counts when the gold states it.
import {
  type Acc, type Keyed, type PRF, type Span,
  haversineKm, matchAll, normText, overlapLength, overlapsAny, pairOneToOne, prf, tallyAcc, textsAgree,
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
  /** undefined = not annotated; null = the gold says there is no actor2. */
  actor2?: string | null;
  actor2Alt?: string[];
  /** ACLED time_precision (1 day, 2 week/range, 3 month or vaguer), when the gold gives it. */
  timePrecision?: number | null;
  /** undefined = not annotated; null = the outlet asserts it; else who claims it. */
  attributedTo?: GoldAttribution | null;
  place?: { lat: number; lon: number } | null;
}

/** The source a gold event is attributed to: the phrases naming it and where they occur. */
export interface GoldAttribution {
  names: string[];
  spans: Span[];
}

/** One quote a predicted event is attributed to, with what names its speaker. */
export interface PredAttribution {
  quote: string;
  /** Speaker text, its mention's text and canonical name, through aliases. */
  speakerTexts: string[];
  speakerSpan: Span | null;
}

export interface PredEvent extends Keyed {
  trigger: Span;
  acled: { eventType: string; subEventType: string } | null;
  plover: string | null;
  date: string | null;
  fatalities: number | null;
  modality: string;
  actor1: string | null;
  actor2: string | null;
  timePrecision: number | null;
  /** The quotes the event is attributed to (an outlet name is not one): [] = the outlet's own claim. */
  attribution: PredAttribution[];
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
  actor2: Acc;
  timePrecision: Acc;
  attribution: Acc;
  place161: Acc;
  /** Forbidden spans that yielded an asserted event (n = forbidden items). */
  forbidViolations: { n: number; violated: number };
  /** Asserted events with an ACLED type predicted in documents the gold calls negative. */
  negatives: { docs: number; assertedAcled: number };
}

const norm = (s: string | null | undefined) => normText(s);

/**
 * The names a gold actor string stands for: itself and, for "Military/Police Forces of X", each
 * slash alternative ("Military Forces of X", "Police Forces of X").
 */
export function actorAlternatives(name: string): string[] {
  const out = [name];
  const m = /(\S+)\/(\S+)/.exec(name);
  if (m) {
    const before = name.slice(0, m.index);
    const after = name.slice(m.index + m[0].length);
    for (const word of m[0].split('/')) if (word) out.push(...actorAlternatives(before + word + after));
  }
  return [...new Set(out)];
}

function actorAgrees(names: readonly string[], pred: string | null): boolean {
  return names.flatMap(actorAlternatives).some((a) => textsAgree(a, pred));
}

/** Whether a prediction's attribution is the gold's (see the header). */
export function attributionAgrees(gold: GoldAttribution | null, pred: readonly PredAttribution[]): boolean {
  if (gold === null) return pred.length === 0;
  return pred.some((a) =>
    gold.names.some((n) => a.speakerTexts.some((t) => textsAgree(n, t))) ||
    (a.speakerSpan !== null && overlapsAny(gold.spans, a.speakerSpan)));
}

export function scoreEvents(
  gold: readonly GoldEvent[],
  pred: readonly PredEvent[],
  forbid: readonly Forbidden[] = [],
  /** Ids of the documents the gold says report no event. */
  negativeDocs: readonly string[] = [],
): EventScores {
  const overlap = (g: GoldEvent, p: PredEvent): number => Math.max(0, ...g.triggers.map((s) => overlapLength(s, p.trigger)));
  const m = matchAll(gold, pred, overlap);
  // Attributes are compared on one-to-one pairs where possible (see pairOneToOne): with "any
  // occurrence counts", another event's longer trigger may overlap a gold event more than its own.
  const paired = pairOneToOne(gold, pred, overlap, m.goldBest);
  const asserted = pred.map((p) => p.modality === 'asserted');
  const nAsserted = asserted.filter(Boolean).length;
  const tpPred = m.predHit.filter((hit, i) => hit && asserted[i]).length;
  const detection = prf(gold.length, nAsserted, m.goldBest.filter((x) => x !== null).length, tpPred);
  const on = (f: (g: GoldEvent, p: PredEvent) => boolean | null): Acc =>
    tallyAcc(gold.map((g, i) => {
      const p = paired[i];
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
    return actorAgrees([g.actor1, ...(g.actor1Alt ?? [])], p.actor1);
  });
  const actor2 = on((g, p) => {
    if (g.actor2 === undefined) return null;
    if (g.actor2 === null) return p.actor2 === null;
    return actorAgrees([g.actor2, ...(g.actor2Alt ?? [])], p.actor2);
  });
  const timePrecision = on((g, p) => (typeof g.timePrecision === 'number' ? g.timePrecision === p.timePrecision : null));
  const attribution = on((g, p) => (g.attributedTo === undefined ? null : attributionAgrees(g.attributedTo, p.attribution)));
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
  const negative = new Set(negativeDocs);
  const assertedAcled = byDocAsserted.filter((p) => p.acled !== null && negative.has(p.doc ?? '')).length;
  return {
    detection, acledType, acledSubType, plover, date, fatalities, modality, actor1, actor2, timePrecision,
    attribution, place161,
    forbidViolations: { n: forbid.length, violated },
    negatives: { docs: negative.size, assertedAcled },
  };
}
