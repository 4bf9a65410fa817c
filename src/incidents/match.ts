// When two reports are one happening. An event from a new dispatch is compared with the incidents
// already known, rule by rule; each rule answers with a reason in words, so every merge can say
// why it was made ("same day", "12 km apart", "Taliban in both") and every refusal why not.
// The thresholds are data (src/lexicons/incidents.json); nothing here knows a place or an actor.
import { z } from 'zod';
import { loadLexicon } from '../lexicons/load.js';
import type { Modality } from '../types.js';

const IncidentRulesSchema = z.object({
  compatibleEventTypes: z.array(z.tuple([z.string(), z.string()])),
  distanceKm: z.object({ '1': z.number().positive(), '2': z.number().positive(), '3': z.number().positive() }),
  dateSlackDays: z.object({ '1': z.number().int().min(0), '2': z.number().int().min(0), '3': z.number().int().min(0) }),
  maxSpanDays: z.number().int().positive(),
  genericActors: z.array(z.string()),
});
export type IncidentRules = z.infer<typeof IncidentRulesSchema>;

let rules: IncidentRules | null = null;

export function incidentRules(): IncidentRules {
  if (!rules) {
    const parsed = IncidentRulesSchema.safeParse(loadLexicon<unknown>('.', 'incidents'));
    if (!parsed.success) throw new Error(`src/lexicons/incidents.json: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
    rules = parsed.data;
  }
  return rules;
}

/** What the merger reads of an event: its kind, when, where and who, flattened. */
export interface IncidentEvent {
  docId: string;
  eventId: string;
  eventType: string | null;
  subEventType: string | null;
  ploverType: string;
  date: string | null;
  /** First and last day the date covers (YYYY-MM-DD), null when undated. */
  dateStart: string | null;
  dateEnd: string | null;
  timePrecision: 1 | 2 | 3 | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: 1 | 2 | 3 | null;
  placeName: string | null;
  country: string | null;
  admin1: string | null;
  /** Every actor of the event (actor1, actor2, associated): ACLED-style name and inter code. */
  actors: IncidentActor[];
  fatalities: number | null;
  modality: Modality;
}

export interface IncidentActor {
  name: string;
  /** ACLED inter code (1 state forces … 8 external forces), null when unknown (a person, a government). */
  inter: number | null;
}

/** What an incident offers for comparison: the same facts, summed over its events. */
export interface IncidentCore {
  id: string;
  eventTypes: string[];
  ploverTypes: string[];
  dateStart: string | null;
  dateEnd: string | null;
  lat: number | null;
  lon: number | null;
  geoPrecision: 1 | 2 | 3 | null;
  country: string | null;
  admin1: string | null;
  actors: IncidentActor[];
  docIds: string[];
}

/** How an event stands to the incident it joins: it reports it, or it denies it. */
export type Stance = 'confirms' | 'contradicts';

/** Asserted and reported events make incidents; denied and negated ones only join one, as contradictions; planned and hypothetical ones are no happening. */
export function stanceOf(modality: Modality): Stance | null {
  if (modality === 'asserted' || modality === 'reported') return 'confirms';
  if (modality === 'denied' || modality === 'negated') return 'contradicts';
  return null;
}

export interface Verdict {
  same: boolean;
  /** Higher is closer: used to choose among several incidents an event could join. */
  score: number;
  /** One line per rule, in order: why it is (or is not) the same happening. */
  reasons: string[];
}

interface RuleResult {
  ok: boolean;
  reason: string;
  /** 0 (at the limit) to 1 (identical). */
  closeness: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** Days the date spans (1 for a day, ~30 for a month). */
export function spanDays(start: string, end: string): number {
  return dayNumber(end) - dayNumber(start) + 1;
}

/** Shifts a YYYY-MM-DD date by whole days. */
export function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whether an event can be merged at all: dated no more vaguely than the rules allow. */
export function mergeable(e: IncidentEvent, r: IncidentRules = incidentRules()): boolean {
  return e.dateStart !== null && e.dateEnd !== null && spanDays(e.dateStart, e.dateEnd) <= r.maxSpanDays;
}

/** Rule "same kind": the same ACLED event type or a pair outlets mix up; without ACLED types, the same PLOVER type. */
export function sameKind(e: IncidentEvent, inc: IncidentCore, r: IncidentRules = incidentRules()): RuleResult {
  if (e.eventType && inc.eventTypes.length) {
    if (inc.eventTypes.includes(e.eventType)) return { ok: true, reason: `kind: ${e.eventType} in both`, closeness: 1 };
    const pair = r.compatibleEventTypes.find(([a, b]) => (a === e.eventType && inc.eventTypes.includes(b)) || (b === e.eventType && inc.eventTypes.includes(a)));
    if (pair) return { ok: true, reason: `kind: ${e.eventType} and ${inc.eventTypes.join('/')} are told of one happening`, closeness: 0.5 };
    return { ok: false, reason: `kind: ${e.eventType} against ${inc.eventTypes.join('/')}`, closeness: 0 };
  }
  if (inc.ploverTypes.includes(e.ploverType)) return { ok: true, reason: `kind: PLOVER ${e.ploverType} in both`, closeness: 0.8 };
  return { ok: false, reason: `kind: PLOVER ${e.ploverType} against ${inc.ploverTypes.join('/')}`, closeness: 0 };
}

/** Rule "same time": the dates overlap, give or take the slack of the event's time precision. */
export function sameTime(e: IncidentEvent, inc: IncidentCore, r: IncidentRules = incidentRules()): RuleResult {
  if (!e.dateStart || !e.dateEnd || !inc.dateStart || !inc.dateEnd) return { ok: false, reason: 'time: undated', closeness: 0 };
  const slack = r.dateSlackDays[String(e.timePrecision ?? 1) as '1' | '2' | '3'];
  const gap = Math.max(0, dayNumber(e.dateStart) - dayNumber(inc.dateEnd), dayNumber(inc.dateStart) - dayNumber(e.dateEnd));
  const span = inc.dateStart === inc.dateEnd ? inc.dateStart : `${inc.dateStart}…${inc.dateEnd}`;
  if (gap === 0) return { ok: true, reason: `time: ${e.date} within ${span}`, closeness: 1 };
  if (gap <= slack) return { ok: true, reason: `time: ${e.date} ${gap} day(s) from ${span} (slack ${slack})`, closeness: 1 - gap / (slack + 1) };
  return { ok: false, reason: `time: ${e.date} ${gap} days from ${span}`, closeness: 0 };
}

/** Great-circle distance in kilometres. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The distance allowed between two reports: that of the vaguer of the two geo precisions. */
export function allowedKm(a: 1 | 2 | 3 | null, b: 1 | 2 | 3 | null, r: IncidentRules = incidentRules()): number {
  const worst = Math.max(a ?? 3, b ?? 3) as 1 | 2 | 3;
  return r.distanceKm[String(worst) as '1' | '2' | '3'];
}

/** Rule "same place": within the distance the precisions allow; without coordinates, the same country and province. */
export function samePlace(e: IncidentEvent, inc: IncidentCore, r: IncidentRules = incidentRules()): RuleResult {
  if (e.lat !== null && e.lon !== null && inc.lat !== null && inc.lon !== null) {
    const km = distanceKm(e.lat, e.lon, inc.lat, inc.lon);
    const limit = allowedKm(e.geoPrecision, inc.geoPrecision, r);
    const said = `${Math.round(km)} km apart (at most ${limit})`;
    return km <= limit ? { ok: true, reason: `place: ${said}`, closeness: 1 - km / limit } : { ok: false, reason: `place: ${said}`, closeness: 0 };
  }
  if (e.country && inc.country && e.country === inc.country && e.admin1 && inc.admin1 && e.admin1 === inc.admin1) {
    return { ok: true, reason: `place: both in ${e.admin1}, ${e.country} (no coordinates)`, closeness: 0.3 };
  }
  return { ok: false, reason: 'place: not comparable (no coordinates, no common province)', closeness: 0 };
}

const YEARS = /\s*\(\d{4}\s*-\s*(\d{4})?\)\s*$/;

/** An actor name as compared: case, accents and ACLED's period suffix ("(2021-)") left out. */
export function actorKey(name: string): string {
  return name.replace(YEARS, '').normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Named actors: those whose name says who, not only what kind ("Civilians (Mali)" says what kind). */
export function namedActors(actors: readonly IncidentActor[], r: IncidentRules = incidentRules()): IncidentActor[] {
  const generic = r.genericActors.map((g) => g.toLowerCase());
  const seen = new Set<string>();
  const out: IncidentActor[] = [];
  for (const a of actors) {
    const k = actorKey(a.name);
    if (!k || generic.some((g) => k.startsWith(g)) || seen.has(k)) continue;
    seen.add(k);
    out.push({ name: k, inter: a.inter });
  }
  return out;
}

/** ACLED's armed actors: state forces, rebels, political and identity militias, external forces. */
const ARMED = new Set([1, 2, 3, 4, 8]);
const isArmed = (a: IncidentActor) => a.inter !== null && ARMED.has(a.inter);

/**
 * Rule "same actors": reports of one happening may each name a different party (a mediator here,
 * a delegation there; one side of a fight each), so actors only part two reports when both name
 * armed actors and none is in both. Sharing a named actor makes the match closer.
 */
export function sameActors(e: IncidentEvent, inc: IncidentCore, r: IncidentRules = incidentRules()): RuleResult {
  const mine = namedActors(e.actors, r);
  const theirs = namedActors(inc.actors, r);
  const theirKeys = new Set(theirs.map((a) => a.name));
  const shared = mine.filter((a) => theirKeys.has(a.name)).map((a) => a.name);
  if (shared.length) return { ok: true, reason: `actors: ${shared.join(', ')} in both`, closeness: 1 };
  const myArmed = mine.filter(isArmed);
  const theirArmed = theirs.filter(isArmed);
  if (myArmed.length && theirArmed.length) {
    return { ok: false, reason: `actors: ${myArmed.map((a) => a.name).join(', ')} against ${theirArmed.map((a) => a.name).join(', ')}`, closeness: 0 };
  }
  return { ok: true, reason: mine.length && theirs.length ? 'actors: none shared, none opposed' : 'actors: one side names none', closeness: 0.5 };
}

const RULES = [sameKind, sameTime, samePlace, sameActors] as const;
// Place and time say most about sameness; the kind and the actors confirm.
const WEIGHTS = [0.2, 0.3, 0.3, 0.2] as const;

/** The verdict of every rule on an event and an incident. A document never joins an incident twice: its events are distinct happenings already. */
export function compare(e: IncidentEvent, inc: IncidentCore, r: IncidentRules = incidentRules()): Verdict {
  if (inc.docIds.includes(e.docId)) return { same: false, score: 0, reasons: ['document: already in this incident (its events are distinct happenings)'] };
  const results = RULES.map((rule) => rule(e, inc, r));
  const same = results.every((x) => x.ok);
  const score = same ? results.reduce((s, x, i) => s + x.closeness * WEIGHTS[i], 0) : 0;
  return { same, score, reasons: results.map((x) => x.reason) };
}

/** The incident an event joins among candidates: the closest one that every rule accepts (ties: the smaller id, so the choice never depends on the order rows come in). */
export function bestIncident(e: IncidentEvent, candidates: readonly IncidentCore[], r: IncidentRules = incidentRules()): { incident: IncidentCore; verdict: Verdict } | null {
  let best: { incident: IncidentCore; verdict: Verdict } | null = null;
  for (const inc of candidates) {
    const verdict = compare(e, inc, r);
    if (!verdict.same) continue;
    if (!best || verdict.score > best.verdict.score || (verdict.score === best.verdict.score && inc.id < best.incident.id)) best = { incident: inc, verdict };
  }
  return best;
}
