// Where a happening took place: the most specific place named in the trigger's clause (else its
// sentence) that is not a metonym ("Kaboul a annoncé" is the government, not the town), nearest
// the trigger on ties; else the document's main place. ACLED geo_precision comes from the place.
import type { Place } from '../types.js';
import { clauseRange, inSentence, sentenceRange, tokenAt, type EventContext } from './context.js';
import type { TriggerHit } from './triggers.js';

export interface EventPlace {
  place: Place | null;
  geoPrecision: 1 | 2 | 3 | null;
  rule: string;
}

const COUNTRY_CODES = new Set(['PCLI', 'PCLD', 'PCLF', 'PCLS', 'PCL', 'PCLIX', 'TERR', 'CONT', 'RGN']);

/** Lower is more specific: towns, then provinces, then countries and regions. */
export function specificity(p: Place): number {
  if (p.featureCode && COUNTRY_CODES.has(p.featureCode)) return 4;
  return p.geoPrecision;
}

function usable(p: Place): boolean {
  return !p.metonym && p.lat !== null && p.lon !== null;
}

const DASHES = new Set(['-', '–', '—']);

/**
 * The dateline's place ("KIDAL, 3 mai (Agence) - …"): where the dispatch was filed, not where its
 * happenings took place. A place opening the text with a dash a few tokens after it.
 */
export function datelinePlace(ctx: EventContext): Place | null {
  return datelineEnd(ctx) >= 0 ? ctx.ann.places[0] : null;
}

/** The token of the dash that ends a dateline ("KIDAL, 3 mai (Agence) -"), or -1. */
export function datelineEnd(ctx: EventContext): number {
  if (ctx.cache.datelineEnd === undefined) ctx.cache.datelineEnd = findDatelineEnd(ctx);
  return ctx.cache.datelineEnd;
}

function findDatelineEnd(ctx: EventContext): number {
  const first = ctx.ann.places[0];
  if (!first || first.start > 60 || !ctx.ann.tokens.length) return -1;
  const tok = tokenAt(ctx, first.start);
  if (tok > 2 || ctx.sent[tok] !== 0) return -1;
  for (let j = tok + 1; j < Math.min(ctx.sentEnd[0], tok + 14); j++) {
    if (DASHES.has(ctx.text.slice(ctx.ann.tokens[j].start, ctx.ann.tokens[j].end))) return j;
  }
  return -1;
}

/** The places an event may take, read once: usable, not the dateline's, with their token. */
function eventPlaces(ctx: EventContext): { p: Place; tok: number }[] {
  if (!ctx.cache.usablePlaces) {
    const dateline = datelinePlace(ctx);
    ctx.cache.usablePlaces = ctx.ann.places.filter((p) => usable(p) && p !== dateline).map((p) => ({ p, tok: tokenAt(ctx, p.start) }));
  }
  return ctx.cache.usablePlaces;
}

function placesIn(ctx: EventContext, from: number, to: number): { p: Place; tok: number }[] {
  return inSentence(ctx, eventPlaces(ctx), (x) => x.p, ctx.sent[from]).filter((x) => x.tok >= from && x.tok < to);
}

/**
 * The document's main place: its focus country is the one its places name most often; the main
 * place is the most specific place named in that country (more often, then earlier, on ties).
 */
export function mainPlace(ctx: EventContext): Place | null {
  const dateline = datelinePlace(ctx);
  const others = ctx.ann.places.filter((p) => usable(p) && p !== dateline);
  const usableAll = others.length ? others : ctx.ann.places.filter(usable);
  if (!usableAll.length) return null;
  const perCountry = new Map<string, number>();
  const perName = new Map<string, number>();
  for (const p of usableAll) {
    if (p.country) perCountry.set(p.country, (perCountry.get(p.country) ?? 0) + 1);
    perName.set(p.name, (perName.get(p.name) ?? 0) + 1);
  }
  let focus: string | null = null;
  for (const [c, n] of perCountry) if (focus === null || n > perCountry.get(focus)!) focus = c;
  const pool = focus ? usableAll.filter((p) => p.country === focus) : usableAll;
  return pool.reduce((a, b) => {
    const sa = specificity(a), sb = specificity(b);
    if (sb !== sa) return sb < sa ? b : a;
    return perName.get(b.name)! > perName.get(a.name)! ? b : a;
  });
}

export function placeOf(ctx: EventContext, hit: TriggerHit, main: Place | null): EventPlace {
  const [sa, sb] = sentenceRange(ctx, hit.first);
  const [ca, cb] = clauseRange(ctx, hit.first);
  const all = placesIn(ctx, sa, sb);
  if (all.length) {
    const inClause = all.filter((x) => x.tok >= ca && x.tok < cb);
    const pool = inClause.length ? inClause : all;
    // The nearest clause first ("Boutiques saccagées: … dans le sud du pays, tandis qu'à Lyon …"),
    // then the most specific place, then the nearest words.
    const score = (x: { p: Place; tok: number }) =>
      Math.abs(ctx.clause[x.tok] - ctx.clause[hit.first]) * 100000 + specificity(x.p) * 1000 + Math.abs(x.tok - hit.first);
    const best = pool.reduce((a, b) => (score(b) < score(a) ? b : a));
    return { place: best.p, geoPrecision: best.p.geoPrecision, rule: inClause.length ? 'place:same-clause' : 'place:same-sentence' };
  }
  if (main) return { place: main, geoPrecision: main.geoPrecision, rule: 'place:document-main-place' };
  return { place: null, geoPrecision: null, rule: 'place:none' };
}
