// From drafts to events: casualty figures and counts join the draft they belong to, actor-based
// refiners settle the type (an "attack" on soldiers is a clash), ACLED's default actors fill
// what the text leaves implicit, and drafts telling the same happening merge into one event
// with all their evidence. Each step is a small named rule recorded in `why`.
import type { EventActor, Modality, Place, VEvent } from '../types.js';
import { specificity } from './where.js';
import { fillActorTemplate } from './actors.js';
import { spanOf, type EventContext } from './context.js';
import type { Draft } from './draft.js';
import type { Figure } from './figures.js';

// ACLED's generic actor names and inter codes (codebook conventions, not words of a language).
const DEFAULT_ACTORS = {
  civilians: { template: 'Civilians ({country})', inter: 7 },
  protesters: { template: 'Protesters ({country})', inter: 6 },
  rioters: { template: 'Rioters ({country})', inter: 5 },
  unidentified: { template: 'Unidentified Armed Group ({country})', inter: 3 },
  police: { template: 'Police Forces of {country}', inter: 1 },
} as const;

function defaultActor(kind: keyof typeof DEFAULT_ACTORS, country: string | null): EventActor {
  const d = DEFAULT_ACTORS[kind];
  return { name: fillActorTemplate(d.template, country, kind), inter: d.inter, mention: null };
}

const ARMED_KINDS = new Set(['military', 'police', 'rebels', 'unidentified']);
const isArmed = (kind: string | null, a: EventActor | null) =>
  a !== null && ((kind !== null && ARMED_KINDS.has(kind)) || (kind === 'named' && a.inter !== null && a.inter <= 3) || (a.inter === 1 && kind !== 'government'));

/**
 * Figures go to the nearest draft of their sentence (deaths to violent ones, counts to any); a
 * death toll in a sentence of its own ("Le bilan est de 12 morts.") to the last violent happening
 * of the two sentences before.
 */
export function attachFigures(ctx: EventContext, drafts: Draft[], figures: readonly Figure[]): void {
  const bySentence = new Map<number, Draft[]>();
  for (const d of drafts) {
    const s = ctx.sent[d.hits[0].first];
    const list = bySentence.get(s);
    if (list) list.push(d);
    else bySentence.set(s, [d]);
  }
  const of = (s: number) => bySentence.get(s) ?? [];
  for (const f of figures) {
    const violent = f.kind === 'dead' || f.kind === 'none';
    const fits = (d: Draft) => (!violent || d.violent) && d.modality === 'asserted';
    const pool = of(f.sentence).filter(fits);
    if (!pool.length) {
      if (!violent) continue;
      const before = [...of(f.sentence - 2), ...of(f.sentence - 1)].filter(fits);
      // A toll counts the dead of a deadly happening, not of the property destroyed beside it.
      const deadly = before.filter((d) => d.violent && d.acled?.eventType !== 'Strategic developments');
      const pool = deadly.length ? deadly : before;
      if (pool.length) pool[pool.length - 1].figures.push(f);
      continue;
    }
    const dist = (d: Draft) => {
      const h = d.hits[0];
      if (h.first < f.endToken && f.firstToken < h.end) return 0;
      return h.first >= f.endToken ? h.first - f.endToken + 1 : f.firstToken - h.end + 1;
    };
    const host = pool.reduce((a, b) => (dist(b) < dist(a) ? b : a));
    if (violent) host.figures.push(f);
    else host.tags.push(f);
  }
}

function setType(d: Draft, eventType: string, subEventType: string, rule: string): void {
  d.acled = { eventType, subEventType };
  d.why.push(rule);
}

const GOVERNMENT = 'Government of ';
const MILITARY = 'Military Forces of ';

/**
 * A country or a nationality read alone ("Afghan", "bordering Chad") is no fighter, except as one
 * of two parties: "Le Tchad et le Soudan se sont affrontés" — and then it fights with its army.
 */
function countriesFightWithArmies(d: Draft, places: readonly Place[]): void {
  if (!d.violent) return;
  const parties = d.why.includes('actors:parties') || d.why.includes('actors:reciprocal-subjects');
  for (const slot of ['actor1', 'actor2'] as const) {
    const rule = d[slot === 'actor1' ? 'actor1Rule' : 'actor2Rule'];
    if (parties || !d[slot] || !(rule === 'country-name' || rule === 'demonym')) continue;
    d[slot] = null;
    d[slot === 'actor1' ? 'actor1Kind' : 'actor2Kind'] = null;
    d.why.push('actors:country-name-is-no-fighter');
  }
  for (const slot of ['actor1', 'actor2'] as const) {
    const a = d[slot];
    if (!a?.name.startsWith(GOVERNMENT) || a.start === undefined) continue;
    const p = places.find((x) => x.start === a.start && x.end === a.end);
    if (!p || specificity(p) !== 4) continue;
    d[slot] = { ...a, name: MILITARY + a.name.slice(GOVERNMENT.length) };
    d[slot === 'actor1' ? 'actor1Kind' : 'actor2Kind'] = 'military';
    d.why.push('actors:country-fights-with-its-army');
  }
}

/**
 * In a dispatch about riots or protests, violence against the police or the army by people it
 * does not name is rioting: ACLED codes it Riots/Violent demonstration by rioters.
 */
export function riotContext(drafts: Draft[]): void {
  const crowd = drafts.some((d) => d.modality === 'asserted' && (d.acled?.eventType === 'Riots' || d.acled?.eventType === 'Protests'));
  if (!crowd) return;
  for (const d of drafts) {
    const t = d.acled?.eventType;
    if (d.acled?.subEventType === 'Arrests' && !d.actor2) {
      // Arrests during a riot are arrests of rioters.
      d.actor2 = defaultActor('rioters', d.place?.country ?? null);
      d.actor2Kind = 'rioters';
      d.why.push('actors:arrested-in-riot-context');
      continue;
    }
    if (d.acled?.subEventType === 'Looting/property destruction' && !d.actor1) {
      d.actor1 = defaultActor('rioters', d.place?.country ?? null);
      d.actor1Kind = 'rioters';
      d.why.push('actors:looters-in-riot-context');
      continue;
    }
    if (!d.violent || (t !== 'Battles' && t !== 'Violence against civilians') || d.actor1) continue;
    if (d.actor2Kind !== 'police' && d.actor2Kind !== 'military') continue;
    d.acled = { eventType: 'Riots', subEventType: 'Violent demonstration' };
    d.plover = { type: 'PROTEST', mode: null };
    d.why.push('refiner:violence-in-riot-context');
    const country = d.place?.country ?? null;
    d.actor1 = defaultActor('rioters', country);
    d.actor1Kind = 'rioters';
  }
}

/** Actor-based refiners and ACLED defaults. */
export function settleActors(d: Draft, country: string | null, places: readonly Place[] = []): void {
  countriesFightWithArmies(d, places);
  const sub = d.acled ? `${d.acled.eventType}/${d.acled.subEventType}` : '';
  if (d.violent && d.actor2Kind === 'person') {
    d.actor2 = { ...defaultActor('civilians', country), start: d.actor2?.start, end: d.actor2?.end, text: d.actor2?.text };
    d.actor2Kind = 'civilians';
    d.why.push('actors:person-victim-is-civilian');
  }
  if ((d.violent || d.acled?.subEventType === 'Looting/property destruction') && d.actor1Kind === 'civilians') {
    // Civilians suffer violence; when a crowd commits it, ACLED codes rioters, named by the riot rules.
    if (!d.actor2) { d.actor2 = d.actor1; d.actor2Kind = 'civilians'; }
    d.actor1 = null;
    d.actor1Kind = null;
    d.why.push('actors:civilians-suffer-violence');
  }
  if (d.violent && d.actor1Kind === 'person') {
    d.actor1 = null;
    d.actor1Kind = null;
    d.why.push('actors:person-is-no-armed-agent');
  }
  if (d.acled?.eventType === 'Protests' && (d.actor1Kind === 'police' || d.actor1Kind === 'military')) {
    // The police at a protest are who intervened in it, not who protested.
    d.actor2 = d.actor1;
    d.actor2Kind = d.actor1Kind;
    d.actor1 = null;
    d.actor1Kind = null;
    d.why.push('actors:police-at-a-protest');
    if (d.acled.subEventType === 'Peaceful protest') setType(d, 'Protests', 'Protest with intervention', 'refiner:police-at-a-protest');
  }
  if (d.actor1 && d.actor2 && d.actor1.name === d.actor2.name) {
    d.actor2 = null;
    d.actor2Kind = null;
  }
  if (sub === 'Violence against civilians/Attack' && isArmed(d.actor2Kind, d.actor2)) {
    setType(d, 'Battles', 'Armed clash', 'refiner:armed-target-makes-clash');
  } else if (sub === 'Battles/Armed clash' && d.actor2Kind === 'civilians' && d.actor1 && d.actor1Kind !== 'civilians') {
    setType(d, 'Violence against civilians', 'Attack', 'refiner:civilian-target-makes-attack');
  }
  defaults(d, country);
}

function defaults(d: Draft, country: string | null): void {
  const type = d.acled?.eventType;
  const fill = (slot: 'actor1' | 'actor2', kind: keyof typeof DEFAULT_ACTORS) => {
    d[slot] = defaultActor(kind, country);
    d[slot === 'actor1' ? 'actor1Kind' : 'actor2Kind'] = kind;
    d.why.push(`actors:default-${slot}-${kind}`);
  };
  if (type === 'Protests' && !d.actor1) fill('actor1', 'protesters');
  if (type === 'Riots' && !d.actor1) fill('actor1', 'rioters');
  if (type === 'Violence against civilians') {
    if (!d.actor2) fill('actor2', 'civilians');
    if (!d.actor1) fill('actor1', 'unidentified');
  }
  if (type === 'Explosions/Remote violence' && !d.actor1) fill('actor1', 'unidentified');
  if (d.acled?.subEventType === 'Arrests' && !d.actor1) fill('actor1', 'police');
}

// Specific types win over generic ones when two words state one happening ("attaque à la bombe").
const TYPE_RANK: Record<string, number> = { 'Explosions/Remote violence': 3, 'Battles': 2, 'Violence against civilians': 2, 'Riots': 1, 'Protests': 1 };
const GENERIC_SUBTYPES = new Set(['Armed clash', 'Attack']);
const HOST_REACH = 64;

function rank(d: Draft): number {
  if (!d.acled) return 0;
  return (TYPE_RANK[d.acled.eventType] ?? 1) * 2 + (GENERIC_SUBTYPES.has(d.acled.subEventType) ? 0 : 1);
}

/** A clash or an attack, with no weapon or outcome that would make it a happening of its own kind. */
const generic = (d: Draft) => d.acled !== null && GENERIC_SUBTYPES.has(d.acled.subEventType);

const typeOf = (d: Draft) => (d.acled ? `${d.acled.eventType}/${d.acled.subEventType}` : `PLOVER:${d.plover.type}`);

function datesAgree(a: Draft, b: Draft): boolean {
  if (!a.when.time || !b.when.time || a.when.date === null || b.when.date === null) return true;
  const n = Math.min(a.when.date.length, b.when.date.length);
  return a.when.date.slice(0, n) === b.when.date.slice(0, n);
}

function placesAgree(a: Draft, b: Draft): boolean {
  if (!a.place || !b.place || !a.place.country || !b.place.country) return true;
  if (a.place.name === b.place.name) return true;
  if (a.place.country !== b.place.country) return false;
  return a.place.geoPrecision === 3 || b.place.geoPrecision === 3 || a.why.includes('place:document-main-place') || b.why.includes('place:document-main-place');
}

/** Two tellings agree on who when either names nobody, or they share an actor in any role. */
function actorsAgree(a: Draft, b: Draft): boolean {
  const names = (d: Draft) => [d.actor1, d.actor2].filter((x): x is EventActor => x !== null).map((x) => x.name);
  const x = names(a), y = names(b);
  return !x.length || !y.length || x.some((n) => y.includes(n));
}

function sameModality(a: Modality, b: Modality): boolean {
  return a === b;
}

/** Whether draft b tells the happening of event a again. */
function sameHappening(ctx: EventContext, a: Draft, b: Draft): string | null {
  if (b.distinct || !sameModality(a.modality, b.modality) || a.when.background !== b.when.background) return null;
  // "Cette embuscade survient alors qu'à Niamey…": the words take up the happening told before,
  // whatever place or day their own clause names.
  if (b.anaphoric && a.violent === b.violent && (a.violent || a.plover.type === b.plover.type)) return 'merge:anaphoric-mention';
  // The happening a has absorbed may already hold words of b's sentence ("deux gardes sont morts
  // lors d'une fusillade, quand des hommes armés ont tiré sur le convoi": the shooting joined the
  // clash told before).
  const sameSentence = sentencesOf(ctx, a).has(ctx.sent[b.hits[0].first]);
  // "des tirs d'obus … faisant onze morts, selon une association basée à Genève": the dead of a sentence are
  // those of its happening, whatever other place the sentence names; so are the dead told in the
  // next sentences, whatever day the statement telling them names ("…, police said on Tuesday").
  const near = ctx.sent[b.hits[0].first] - ctx.sent[a.hits[0].first] <= 2;
  if (b.casualty && a.violent && !a.casualty && (sameSentence || near)) return 'merge:casualties-join-their-happening';
  if (b.casualty && a.violent && sameSentence) return 'merge:casualties-join-their-happening';
  if (!datesAgree(a, b) || !placesAgree(a, b)) return null;
  if (b.definite && a.violent && b.violent && !a.casualty) return 'merge:definite-mention';
  if (b.casualty && a.violent && (sameSentence || !a.casualty)) return 'merge:casualties-join-their-happening';
  if ((b.weak || a.weak) && sameSentence && (a.violent === b.violent)) return 'merge:weak-word-joins-its-sentence';
  if (typeOf(a) === typeOf(b) && actorsAgree(a, b)) return 'merge:same-type-date-place';
  if (a.violent && b.violent && sameSentence && Math.abs(b.hits[0].first - a.hits[a.hits.length - 1].end) <= 3) return 'merge:adjacent-violent-words';
  if (a.violent && b.violent && sameSentence && generic(a) && generic(b)) return 'merge:one-fight-per-sentence';
  return null;
}

// What a host has gathered, kept in sets beside it: a happening told a thousand times in one text
// (a feed's repeated boilerplate, a hostile input) must not be rescanned at each new mention.
const hitSentences = new WeakMap<Draft, Set<number>>();
const whySets = new WeakMap<Draft, Set<string>>();

/** Sentences of the draft's trigger words. */
function sentencesOf(ctx: EventContext, d: Draft): Set<number> {
  let set = hitSentences.get(d);
  if (!set) hitSentences.set(d, (set = new Set(d.hits.map((h) => ctx.sent[h.first]))));
  return set;
}

/** Token distance from the draft's trigger words to token i; only its last HOST_REACH words are
 *  read: words are absorbed in text order, so the nearest to a later word is among the last. */
function hitDistance(d: Draft, i: number): number {
  let best = Infinity;
  for (let k = d.hits.length - 1; k >= Math.max(0, d.hits.length - HOST_REACH); k--) best = Math.min(best, Math.abs(d.hits[k].first - i));
  return best;
}

function absorb(ctx: EventContext, host: Draft, d: Draft, rule: string): void {
  // A re-mention ("cette attaque", "l'attaque") names the happening again; it does not retype it.
  const remention = rule === 'merge:anaphoric-mention' || rule === 'merge:definite-mention';
  // Only a strong word retypes: "the summit on the unrest" stays a summit.
  const strong = !d.weak && !d.casualty;
  if (!remention && strong && (rank(d) > rank(host) || host.casualty || host.weak)) {
    host.acled = d.acled;
    host.plover = d.plover;
    host.casualty = d.casualty;
    host.weak = d.weak;
  }
  for (const h of d.hits) {
    host.hits.push(h);
    sentencesOf(ctx, host).add(ctx.sent[h.first]);
  }
  if (!host.actor1 && d.actor1) { host.actor1 = d.actor1; host.actor1Kind = d.actor1Kind; host.actor1Rule = d.actor1Rule; }
  if (!host.actor2 && d.actor2) { host.actor2 = d.actor2; host.actor2Kind = d.actor2Kind; host.actor2Rule = d.actor2Rule; }
  const anaphor = remention;
  if (!host.when.time && d.when.time && !anaphor) host.when = d.when;
  if (!anaphor && d.place && !d.why.includes('place:document-main-place') && (!host.place || host.why.includes('place:document-main-place') ||
      (specificity(d.place) < specificity(host.place) && (!host.place.country || host.place.country === d.place.country)))) {
    host.place = d.place;
    host.geoPrecision = d.geoPrecision;
  }
  for (const f of d.figures) host.figures.push(f);
  for (const t of d.tags) host.tags.push(t);
  for (const q of d.quotes) if (!host.quotes.includes(q)) host.quotes.push(q);
  let why = whySets.get(host);
  if (!why) whySets.set(host, (why = new Set(host.why)));
  // each reason once (the event lists why it was merged, not how many times)
  for (const w of [rule, ...d.why]) {
    if (why.has(w)) continue;
    why.add(w);
    host.why.push(w);
  }
  for (const e of d.evidence) host.evidence.push(e);
}

/** Within a sentence, strong triggers come before casualty and weak words so that they host them. */
function hostOrder(ctx: EventContext, drafts: readonly Draft[]): Draft[] {
  const strength = (d: Draft) => (d.casualty || d.weak ? 1 : 0);
  return [...drafts].sort((a, b) =>
    ctx.sent[a.hits[0].first] - ctx.sent[b.hits[0].first] || strength(a) - strength(b) || a.hits[0].first - b.hits[0].first);
}

/**
 * Merges drafts that tell the same happening, in text order; the first of each stays the host.
 * Background mentions ("un récent attentat" with no date of its own) are dropped: ACLED codes a
 * happening from the dispatches that report it, not from those that recall it.
 */
export function mergeDrafts(ctx: EventContext, drafts: readonly Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of hostOrder(ctx, drafts)) {
    if (d.background || d.verbal) continue;
    let host: Draft | null = null;
    let rule: string | null = null;
    // Casualty, weak and anaphoric words look for the nearest host first (most recent), others for
    // the first; among the last HOST_REACH happenings only, so that a text of thousands of
    // happenings does not cost the square of their number.
    const recent = out.length > HOST_REACH ? out.slice(out.length - HOST_REACH) : out;
    const order = d.casualty || d.weak || d.anaphoric || d.definite ? [...recent].reverse() : recent;
    if (d.casualty) {
      // The dead of a sentence belong to the happening told nearest them ("un soldat a été tué
      // lors d'une embuscade tendue par des rebelles, qui avaient déjà combattu l'an passé").
      let best = Infinity;
      for (const h of order) {
        const r = sameHappening(ctx, h, d);
        const dist = r ? hitDistance(h, d.hits[0].first) : Infinity;
        if (dist < best) { best = dist; host = h; rule = r; }
      }
    } else {
      for (const h of order) {
        rule = sameHappening(ctx, h, d);
        if (rule) { host = h; break; }
      }
    }
    if (host && rule) absorb(ctx, host, d, rule);
    else out.push(d);
  }
  return out.sort((a, b) => a.hits[0].first - b.hits[0].first);
}

/**
 * Deaths of a happening: figures of one sentence add up ("onze morts d'un côté et quatre de
 * l'autre"), except a part of one ("dont 5 civils"); between sentences a later, higher tally of
 * the same deaths supersedes, so the highest sentence total is kept.
 */
function fatalitiesOf(d: Draft): { value: number | null; claimedBy: string | null; figure: Figure | null } {
  if (!d.figures.length) return { value: null, claimedBy: null, figure: null };
  const dead = d.figures.filter((f) => f.kind === 'dead' && !f.partOf);
  if (!dead.length) return { value: d.figures.some((f) => f.kind === 'none') ? 0 : null, claimedBy: null, figure: d.figures[0] };
  const perSentence = new Map<number, Figure[]>();
  for (const f of dead) perSentence.set(f.sentence, [...(perSentence.get(f.sentence) ?? []), f]);
  let best: Figure[] = [];
  let bestTotal = -1;
  for (const figs of perSentence.values()) {
    const total = figs.reduce((n, f) => n + f.value, 0);
    if (total > bestTotal) { bestTotal = total; best = figs; }
  }
  return { value: bestTotal, claimedBy: best[0].claimedBy, figure: best[0] };
}

/**
 * How sure the event is, and which of a sentence's events is its main one: the main verb of the
 * sentence over nouns and complements ("agreed to cooperate" is an agreement first), asserted over
 * planned or negated, supported by several words and by its arguments.
 */
function confidenceOf(d: Draft): number {
  let c = 0.6;
  if (d.hits[0].entry.pos === 'verb') c += 0.08;
  if (d.mainVerb) c += 0.07;
  if (d.complement) c -= 0.1;
  if (d.subordinate) c -= 0.12;
  if (d.weak) c -= 0.2;
  if (d.casualty) c -= 0.1;
  if (d.modality !== 'asserted') c -= 0.15;
  if (d.hits.length > 1) c += 0.05;
  if (d.actor1) c += 0.05;
  if (d.place) c += 0.03;
  if (d.when.time) c += 0.02;
  return Math.max(0.05, Math.min(0.95, Math.round(c * 100) / 100));
}

export function toEvent(ctx: EventContext, d: Draft, index: number): VEvent {
  const hit = d.hits[0];
  const fat = fatalitiesOf(d);
  const evidence = [...d.evidence];
  if (fat.figure) evidence.push({ field: 'fatalities', start: fat.figure.start, end: fat.figure.end, text: fat.figure.text });
  for (const t of d.tags) evidence.push({ field: 'tag', start: t.start, end: t.end, text: t.text });
  const quotes = d.quotes;
  for (const q of ctx.ann.quotes) if (quotes.includes(q.id) && q.speaker) {
    evidence.push({ field: 'attribution', start: q.speaker.start, end: q.speaker.end, text: q.speaker.text });
  }
  return {
    id: `e${index + 1}`,
    trigger: spanOf(ctx, hit.first, hit.end),
    acled: d.acled,
    plover: d.plover,
    actor1: d.actor1,
    actor2: d.actor2,
    assocActor1: d.assocActor1,
    assocActor2: d.assocActor2,
    place: d.place?.id ?? null,
    geoPrecision: d.place ? d.geoPrecision : null,
    date: d.when.date,
    timePrecision: d.when.timePrecision,
    time: d.when.time?.id ?? null,
    fatalities: d.violent ? fat.value : null,
    fatalitiesClaimedBy: fat.claimedBy,
    tags: [...new Set(d.tags.map((t) => t.text))],
    modality: d.modality,
    attributedTo: quotes.length ? [...quotes] : ctx.doc.source ? [ctx.doc.source] : [],
    confidence: confidenceOf(d),
    evidence,
    why: [...new Set(d.why)],
  };
}
