// Who did it to whom: actor1 (agent) and actor2 (target) of a trigger, read from the actor
// phrases of its sentence through small named rules — the parties of "entre X et Y" and
// "opposer X à Y", the agent of a passive ("par X", "by X"), the subject before an active verb and
// its object after, the agent of a noun ("l'attaque des X", "an attack by X") and its target
// ("contre Y", "against Y").
import { sentenceRange, clauseRange, quotesHolding, type EventContext } from './context.js';
import type { ActorCandidate } from './actors.js';
import { longestMatchEnd, type PatternIndex } from './patterns.js';
import type { TriggerHit } from './triggers.js';
import { lowerBoundBy } from '../bisect.js';

export interface ActorRoles {
  actor1: ActorCandidate | null;
  actor2: ActorCandidate | null;
  rules: string[];
}


/** The first candidate starting within `reach` tokens at or after token i. */
function candidateFrom(cands: readonly ActorCandidate[], i: number, reach: number, limit: number): ActorCandidate | null {
  for (const c of cands) if (c.firstToken >= i && c.firstToken < Math.min(limit, i + reach + 1)) return c;
  return null;
}

/** A marker within `reach` tokens after token i, followed by a candidate: that candidate. */
function afterMarker(ctx: EventContext, index: PatternIndex<string>, cands: readonly ActorCandidate[], i: number, reach: number, limit: number, gap = 2): ActorCandidate | null {
  for (let j = i; j < Math.min(limit, i + reach + 1); j++) {
    const e = longestMatchEnd(index, ctx, j, limit);
    if (e > j) {
      const c = candidateFrom(cands, e, gap, limit);
      if (c) return c;
    }
  }
  return null;
}

/** "entre X et Y", "between X and Y" after the trigger. */
function parties(ctx: EventContext, cands: readonly ActorCandidate[], hit: TriggerHit, limit: number): [ActorCandidate, ActorCandidate] | null {
  for (let j = hit.end; j < Math.min(limit, hit.end + 6); j++) {
    const e = longestMatchEnd(ctx.lex.partiesMarkers, ctx, j, limit);
    if (e <= j) continue;
    const a = candidateFrom(cands, e, 2, limit);
    if (!a) return null;
    const join = a.lastToken + 1;
    if (join < limit && ctx.lex.partiesJoin.has(ctx.keys[join])) {
      const b = candidateFrom(cands, join + 1, 2, limit);
      if (b) return [a, b];
    }
    return null;
  }
  return null;
}

/** "ont opposé X à Y", "pitted X against Y" near the trigger. */
function opposition(ctx: EventContext, cands: readonly ActorCandidate[], hit: TriggerHit, from: number, limit: number): [ActorCandidate, ActorCandidate] | null {
  for (let j = from; j < limit; j++) {
    const e = longestMatchEnd(ctx.lex.opposition, ctx, j, limit);
    if (e <= j) continue;
    const a = candidateFrom(cands, e, 3, limit);
    if (!a) return null;
    for (let k = a.lastToken + 1; k < Math.min(limit, a.lastToken + 3); k++) {
      if (ctx.lex.oppositionSecond.has(ctx.keys[k])) {
        const b = candidateFrom(cands, k + 1, 2, limit);
        if (b) return [a, b];
      }
    }
    return null;
  }
  return null;
}

/** "X et Y se sont affrontés": a reflexive verb whose subject joins two actors names both sides. */
function reciprocalSubjects(ctx: EventContext, sorted: readonly ActorCandidate[], hit: TriggerHit, sentStart: number): [ActorCandidate, ActorCandidate] | null {
  let reflexive = false;
  for (let j = hit.end - 1; j >= Math.max(sentStart, hit.first - 3); j--) if (ctx.lex.reflexives.has(ctx.keys[j])) reflexive = true;
  if (!reflexive) return null;
  const second = nearestBefore(sorted, hit.first, sentStart);
  if (!second) return null;
  // "X et l'Y": an elided article may stand between the join and the second actor.
  let join = second.firstToken - 1;
  if (join >= sentStart && ctx.ann.tokens[join].kind === 'clitic') join--;
  if (join < sentStart || !ctx.lex.partiesJoin.has(ctx.keys[join])) return null;
  const first = nearestBefore(sorted, join, sentStart);
  return first && first.lastToken >= join - 2 ? [first, second] : null;
}

/** A passive voice at a verb trigger: "ont été tués", "were abducted" (not "se sont rendus"). */
export function passive(ctx: EventContext, hit: TriggerHit): boolean {
  if (hit.entry.pos !== 'verb' && !hit.entry.casualty) return false;
  for (let j = hit.first - 1; j >= Math.max(0, hit.first - 3); j--) {
    const k = ctx.keys[j];
    if (ctx.lex.reflexives.has(k)) return false;
    if (ctx.lex.passiveAuxiliaries.has(k)) return true;
    // "sont accusées par X": a state auxiliary is passive when an agent follows.
    if (ctx.lex.stativeAuxiliaries.has(k)) return agentFollows(ctx, hit);
    if (!ctx.isWord(j)) return false;
  }
  return false;
}

function agentFollows(ctx: EventContext, hit: TriggerHit): boolean {
  for (let j = hit.end; j < Math.min(ctx.keys.length, hit.end + 2); j++) if (longestMatchEnd(ctx.lex.agentMarkers, ctx, j, ctx.keys.length) > j) return true;
  return false;
}

/** The candidates (in text order) starting in tokens [a, b): found by halving, not by a scan. */
function within(cands: readonly ActorCandidate[], a: number, b: number): readonly ActorCandidate[] {
  const first = (c: ActorCandidate) => c.firstToken;
  const from = lowerBoundBy(cands, a, first);
  return cands.slice(from, lowerBoundBy(cands, b, first, from));
}

/** Candidates of the sentence that can fill a role: not the speaker of the statement holding the trigger. */
function eligible(ctx: EventContext, cands: readonly ActorCandidate[], hit: TriggerHit, a: number, b: number): ActorCandidate[] {
  // "Selon X, l'embuscade visait le convoi": the source of an "according to" is no party to what it tells.
  const holding = quotesHolding(ctx, hit.span.start);
  const sources = holding.filter((q) => q.kind === 'according_to').map((q) => q.speaker).filter((s) => s !== null);
  const speakers = holding.filter((q) => q.kind !== 'according_to').map((q) => q.speaker).filter((s) => s !== null);
  const inSentence = within(cands, a, b).filter((c) => c.lastToken < b && (c.lastToken < hit.first || c.firstToken >= hit.end) &&
    !sources.some((s) => s!.start <= c.start && c.end <= s!.end));
  const isSpeaker = (c: ActorCandidate) => speakers.some((s) => s!.start <= c.start && c.end <= s!.end);
  // A speaker may be the agent of a verb it reports ("l'armée a annoncé avoir tué…"), never of a
  // noun it describes ("la police évoque une attaque").
  const others = inSentence.filter((c) => !isSpeaker(c));
  return hit.entry.pos === 'verb' ? [...others, ...inSentence.filter(isSpeaker)] : others;
}

function nearestBefore(cands: readonly ActorCandidate[], i: number, from: number): ActorCandidate | null {
  let best: ActorCandidate | null = null;
  for (const c of cands) if (c.lastToken < i && c.firstToken >= from && (!best || c.lastToken > best.lastToken)) best = c;
  return best;
}

/** An actor phrase governed by a preposition ("à des rebelles", "with the army"): no subject. */
function afterPreposition(ctx: EventContext, c: ActorCandidate): boolean {
  for (let j = c.firstToken - 1; j >= Math.max(0, c.firstToken - 2); j--) {
    if (ctx.lex.prepositions.has(ctx.keys[j])) return true;
    if (!ctx.lex.definite.has(ctx.keys[j]) && ctx.ann.tokens[j].kind !== 'clitic') return false;
  }
  return false;
}

/**
 * The object after a verb: the first actor phrase within a few words, with no punctuation and no
 * place phrase between ("ont ouvert le feu au poste de X" has none; "se sont emparés du siège de
 * la police" has the police).
 */
function directObject(ctx: EventContext, cands: readonly ActorCandidate[], hit: TriggerHit, limit: number): ActorCandidate | null {
  const c = candidateFrom(cands, hit.end, 4, limit);
  if (!c) return null;
  for (let j = hit.end; j < c.firstToken; j++) if (!ctx.isWord(j) || ctx.lex.locativePrepositions.has(ctx.keys[j])) return null;
  return c;
}

/** The subject before a verb: the nearest actor phrase that no preposition governs, else the nearest. */
function subjectBefore(ctx: EventContext, cands: readonly ActorCandidate[], i: number, from: number): ActorCandidate | null {
  const free = cands.filter((c) => !afterPreposition(ctx, c));
  return nearestBefore(free, i, from) ?? nearestBefore(cands, i, from);
}

export function rolesOf(ctx: EventContext, cands: readonly ActorCandidate[], hit: TriggerHit): ActorRoles {
  const [sa, sb] = sentenceRange(ctx, hit.first);
  const [ca, cb] = clauseRange(ctx, hit.first);
  const pool = eligible(ctx, cands, hit, sa, sb);
  const sorted = [...pool].sort((x, y) => x.firstToken - y.firstToken);
  const both = parties(ctx, sorted, hit, sb) ?? opposition(ctx, sorted, hit, Math.max(sa, hit.first - 4), sb);
  if (both) return { actor1: both[0], actor2: both[1], rules: ['actors:parties'] };
  if (passive(ctx, hit)) {
    const agent = afterMarker(ctx, ctx.lex.agentMarkers, sorted, hit.end, 2, sb);
    const patient = nearestBefore(sorted, hit.first, ca) ?? nearestBefore(sorted, hit.first, sa);
    return { actor1: agent, actor2: patient, rules: ['actors:passive-agent', 'actors:passive-subject'] };
  }
  const joined = reciprocalSubjects(ctx, sorted, hit, sa);
  if (joined) return { actor1: joined[0], actor2: joined[1], rules: ['actors:reciprocal-subjects'] };
  if (hit.entry.pos === 'verb') {
    const subject = subjectBefore(ctx, sorted, hit.first, ca) ?? subjectBefore(ctx, sorted, hit.first, sa);
    const object = afterMarker(ctx, ctx.lex.targetMarkers, sorted, hit.end, 2, sb) ?? directObject(ctx, sorted, hit, cb);
    return { actor1: subject, actor2: object, rules: ['actors:subject-before-verb', 'actors:object-after-verb'] };
  }
  return nounRoles(ctx, sorted, hit, ca, sb);
}

/** The subject before a trigger is the patient of a passive ("X a été tué dans un accrochage"). */
function passiveSubject(ctx: EventContext, subject: ActorCandidate, hit: TriggerHit): boolean {
  for (let j = subject.lastToken + 1; j < hit.first; j++) if (ctx.lex.passiveAuxiliaries.has(ctx.keys[j])) return true;
  return false;
}

/**
 * Roles around a noun: its agent ("l'attaque des X", "par X" a few words on: "des frappes ont été
 * menées par X"), its target ("contre Y") and the other side ("un accrochage avec Y"); else the
 * subject of its clause ("X ont lancé une attaque"), unless that subject underwent it.
 */
function nounRoles(ctx: EventContext, sorted: readonly ActorCandidate[], hit: TriggerHit, clauseStart: number, limit: number): ActorRoles {
  const agent = afterMarker(ctx, ctx.lex.agentOfNoun, sorted, hit.end, 2, limit) ?? afterMarker(ctx, ctx.lex.agentMarkers, sorted, hit.end, 5, limit);
  // "contre des postes de la gendarmerie": the target's actor may follow a few words of what was hit
  const target = afterMarker(ctx, ctx.lex.targetMarkers, sorted, hit.end, 6, limit, 4);
  const other = afterMarker(ctx, ctx.lex.counterpartMarkers, sorted, hit.end, 3, limit);
  const subject = nearestBefore(sorted, hit.first, clauseStart);
  if (subject && passiveSubject(ctx, subject, hit)) {
    return { actor1: agent ?? other, actor2: subject, rules: [agent ? 'actors:agent-of-noun' : 'actors:other-side-of-noun', 'actors:passive-subject'] };
  }
  const actor1 = agent ?? subject;
  const actor2 = [target, other].find((c) => c && c !== actor1) ?? null;
  return {
    actor1, actor2,
    rules: [agent ? 'actors:agent-of-noun' : 'actors:subject-of-clause', target ? 'actors:target-of-noun' : 'actors:other-side-of-noun'],
  };
}
