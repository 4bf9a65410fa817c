// One trigger hit read into a draft event: its type (refined by nearby words), modality, date,
// place and actors, each with the name of the rule that set it. Drafts are merged into events
// afterwards (merge.ts).
import type { EventActor, EventEvidence, Modality, Place, TextSpan } from '../types.js';
import type { ActorCandidate } from './actors.js';
import { toEventActor } from './actors.js';
import { clauseRange, sentenceRange, spanOf, quotesHolding, type EventContext } from './context.js';
import type { Figure } from './figures.js';
import { acledKeyOf, acledOf } from './lexicon.js';
import { anyMatch, endsAt, matchAt } from './patterns.js';
import { readModality } from './modality.js';
import { afterDateline, dateOf, type EventDate } from './when.js';
import { placeOf } from './where.js';
import { rolesOf } from './who.js';
import { isViolent, type TriggerHit } from './triggers.js';

export interface Draft {
  hits: TriggerHit[];
  acled: { eventType: string; subEventType: string } | null;
  plover: { type: string; mode: string | null };
  modality: Modality;
  /** Set by a refiner that reads the modal words as the event itself ("said it would free": AGREE). */
  refinedModality?: Modality;
  when: EventDate;
  place: Place | null;
  geoPrecision: 1 | 2 | 3 | null;
  actor1: EventActor | null;
  actor2: EventActor | null;
  actor1Kind: string | null;
  actor2Kind: string | null;
  /** Names of the candidate rules the actors were read by ("country-name", "demonym"…). */
  actor1Rule: string | null;
  actor2Rule: string | null;
  assocActor1: EventActor[];
  assocActor2: EventActor[];
  figures: Figure[];
  tags: Figure[];
  /** "une autre fusillade": a happening other than the one told before. */
  distinct: boolean;
  /** A verb trigger governed by another verb ("agreed to cooperate"): not the sentence's main happening. */
  complement: boolean;
  /** Told in passing: in a relative clause or as the cause of another happening. */
  subordinate: boolean;
  /** The first verb trigger of its sentence that is no complement: what the sentence says happened. */
  mainVerb: boolean;
  /** "ce raid": the words take up a happening told before. */
  anaphoric: boolean;
  /** "l'attaque" with no date of its own: most likely the happening told before. */
  definite: boolean;
  /** "un récent attentat" without a date of its own: background, not coded. */
  background: boolean;
  /** "the senator attacked her rival": a person named as the subject of a violent verb speaks, not fights. */
  verbal: boolean;
  casualty: boolean;
  weak: boolean;
  violent: boolean;
  quotes: string[];
  why: string[];
  evidence: EventEvidence[];
}


/**
 * "…, a rights group protested on Wednesday": a protest verb that is the cue of a statement says
 * something against, it stages nothing — PLOVER's disapproval (ACCUSE), no ACLED event.
 */
function reportingProtest(ctx: EventContext, d: Draft, hit: TriggerHit): void {
  if (d.plover.type !== 'PROTEST' || hit.entry.pos !== 'verb') return;
  const cue = ctx.ann.quotes.some((q) => q.cue && q.cue.start < hit.span.end && hit.span.start < q.cue.end);
  if (!cue) return;
  d.acled = null;
  d.plover = { type: 'ACCUSE', mode: null };
  d.violent = false;
  d.why.push('refiner:protest-verb-reports-a-statement');
}

/** A relative pronoun between the start of the trigger's clause and the trigger ("…, whom they had taken hostage"). */
function inRelativeClause(ctx: EventContext, hit: TriggerHit): boolean {
  const [ca] = clauseRange(ctx, hit.first);
  for (let i = Math.max(ca, hit.first - 6); i < hit.first; i++) if (ctx.lex.relativeMarkers.has(ctx.keys[i])) return true;
  return false;
}

/** "cinq attaques", "three attacks": a number of happenings, not the one told before. */
function countedBefore(ctx: EventContext, hit: TriggerHit): boolean {
  if (hit.entry.pos !== 'noun' || hit.entry.casualty || hit.first === 0) return false;
  const prev = hit.first - 1;
  if (ctx.ann.tokens[prev].kind === 'number') return Number(ctx.keys[prev]) > 1;
  for (const p of ctx.lex.numbers.candidatesAt(ctx, prev)) if (p.value.value > 1 && matchAt(p, ctx, prev, hit.first) === hit.first) return true;
  return false;
}

/** "un récent attentat", "the previous attack": a past-reference word next to a noun trigger. */
function pastReferenceNear(ctx: EventContext, hit: TriggerHit): boolean {
  const [sa, sb] = sentenceRange(ctx, hit.first);
  for (let i = Math.max(sa, hit.first - 2); i < Math.min(sb, hit.end + 1); i++) if (ctx.lex.pastReference.has(ctx.keys[i])) return true;
  return false;
}


/** What a refiner's `from` may name: the draft's ACLED event type, sub-event type key, PLOVER type. */
function typeKeys(d: Draft): string[] {
  const keys = [`PLOVER:${d.plover.type}`];
  if (d.acled) keys.push(d.acled.eventType, acledKeyOf(d.acled) ?? '');
  return keys;
}

/** Refiners of the lexicon whose context words stand near the trigger change its type. */
function refine(ctx: EventContext, d: Draft, hit: TriggerHit): void {
  const [sa, sb] = sentenceRange(ctx, hit.first);
  let keys = typeKeys(d);
  for (const { entry, context } of ctx.lex.refiners) {
    if (!entry.from.some((f) => keys.includes(f))) continue;
    if (!anyMatch(context, ctx, Math.max(sa, hit.first - entry.window), Math.min(sb, hit.end + entry.window))) continue;
    if (entry.acled !== undefined) d.acled = acledOf(entry.acled);
    if (entry.plover) d.plover = { type: entry.plover, mode: entry.mode ?? d.plover.mode };
    if (entry.modality) d.refinedModality = entry.modality;
    d.why.push(`refiner:${entry.name}`);
    keys = typeKeys(d);
  }
}

function evidence(field: EventEvidence['field'], s: TextSpan): EventEvidence {
  return { field, start: s.start, end: s.end, text: s.text };
}

export function actorFrom(c: ActorCandidate | null, country: string | null): EventActor | null {
  return c ? toEventActor(c, country) : null;
}

export function draftOf(ctx: EventContext, hit: TriggerHit, cands: readonly ActorCandidate[], main: Place | null): Draft {
  const e = hit.entry;
  const d: Draft = {
    hits: [hit],
    acled: acledOf(e.acled),
    plover: { type: e.plover, mode: e.mode ?? null },
    modality: 'asserted', when: dateOf(ctx, hit), place: null, geoPrecision: null,
    actor1: null, actor2: null, actor1Kind: null, actor2Kind: null, actor1Rule: null, actor2Rule: null, assocActor1: [], assocActor2: [],
    figures: [], tags: [],
    distinct: endsAt(ctx.lex.distinct, ctx, hit.first, 2) || countedBefore(ctx, hit),
    anaphoric: hit.first > 0 && ctx.lex.anaphoric.has(ctx.keys[hit.first - 1]),
    definite: false,
    background: false,
    verbal: false,
    complement: e.pos === 'verb' && hit.first > 0 && ctx.lex.complementMarkers.has(ctx.keys[hit.first - 1]),
    mainVerb: false,
    subordinate: inRelativeClause(ctx, hit) || endsAt(ctx.lex.causeMarkers, ctx, hit.first, 3),
    casualty: Boolean(e.casualty), weak: Boolean(e.weak), violent: isViolent(e),
    quotes: quotesHolding(ctx, hit.span.start).map((q) => q.id),
    why: [`trigger:${e.name}`],
    evidence: [evidence('trigger', hit.span)],
  };
  refine(ctx, d, hit);
  reportingProtest(ctx, d, hit);
  const m = readModality(ctx, hit);
  d.modality = d.refinedModality ?? m.modality;
  if (d.refinedModality) d.why.push(`modality:${d.refinedModality}-by-refiner`);
  else if (m.rule) d.why.push(m.rule);
  if (d.modality === 'asserted' && afterDateline(d.when.date, ctx.doc.published) && d.when.time) {
    d.modality = 'planned';
    d.why.push('modality:date-after-dateline');
  }
  d.background = e.pos === 'noun' && d.when.rule !== 'date:same-clause' && !d.when.background && pastReferenceNear(ctx, hit);
  d.why.push(d.when.rule);
  if (d.when.time) d.evidence.push(evidence('date', d.when.time));
  const where = placeOf(ctx, hit, main);
  d.place = where.place;
  d.geoPrecision = where.geoPrecision;
  d.why.push(where.rule);
  if (where.place) d.evidence.push(evidence('place', where.place));
  const roles = rolesOf(ctx, cands, hit);
  const country = d.place?.country ?? main?.country ?? null;
  d.actor1 = actorFrom(roles.actor1, country);
  d.actor2 = actorFrom(roles.actor2, country);
  d.actor1Kind = roles.actor1?.kind ?? null;
  d.actor2Kind = roles.actor2?.kind ?? null;
  d.actor1Rule = roles.actor1?.rule ?? null;
  d.verbal = d.violent && !d.casualty && e.pos === 'verb' && roles.actor1?.kind === 'person' && roles.rules[0] === 'actors:subject-before-verb';
  if (d.verbal) d.why.push('filter:person-attacks-with-words');
  d.actor2Rule = roles.actor2?.rule ?? null;
  d.definite = e.pos === 'noun' && d.when.rule !== 'date:same-clause' && hit.first > 0 && ctx.lex.definite.has(ctx.keys[hit.first - 1]);
  if (roles.actor1) { d.why.push(roles.rules[0]); d.evidence.push(evidence('actor1', roles.actor1)); }
  if (roles.actor2) { d.why.push(roles.rules[1] ?? roles.rules[0]); d.evidence.push(evidence('actor2', roles.actor2)); }
  return d;
}

/** The words of a token range as evidence. */
export function rangeEvidence(ctx: EventContext, field: EventEvidence['field'], first: number, end: number): EventEvidence {
  return evidence(field, spanOf(ctx, first, end));
}

/** Marks, in each sentence, the first verb trigger that is no complement of another verb. */
export function markMainVerbs(ctx: EventContext, drafts: readonly Draft[]): void {
  const seen = new Set<number>();
  for (const d of drafts) {
    const s = ctx.sent[d.hits[0].first];
    if (d.hits[0].entry.pos !== 'verb' || d.complement || d.subordinate || seen.has(s)) continue;
    seen.add(s);
    d.mainVerb = true;
  }
}
