// An incident is what its events say together: its kind is what most reports call it, its place
// the most precise one given, its dates the days they cover, its dead a range with who says what,
// and whether the sources agree. Kept up to date one member at a time (addMember), from counts it
// carries, so a happening told by thousands of dispatches costs the same to join as one told
// twice; the lists it shows (members, documents, claims, speakers) keep their first MEMBER_CAP
// entries and say how many there are in all. summarize() is the same fold over a member list.
import { createHash } from 'node:crypto';
import { actorKey, type IncidentActor, type IncidentCore, type IncidentEvent, type Stance } from './match.js';

/** An event as a member of an incident: what the incident shows of it, and why it joined. */
export interface IncidentMember extends IncidentEvent {
  stance: Stance;
  /** The verdicts of the rules when it joined; empty for the event that created the incident. */
  reasons: string[];
  trigger: string;
  actor1: string | null;
  actor2: string | null;
  fatalitiesClaimedBy: string | null;
  /** Outlet of the dispatch, and its dateline. */
  source: string | null;
  published: string | null;
  /** The speakers the event is attributed to (their words), if any. */
  speakers: string[];
}

export interface FatalityClaim {
  value: number;
  docId: string;
  source: string | null;
  /** A speaker's claim, when the dispatch gives the figure as one side's. */
  claimedBy: string | null;
}

export interface Incident extends IncidentCore {
  eventType: string | null;
  subEventType: string | null;
  ploverType: string;
  date: string | null;
  place: { name: string | null; lat: number | null; lon: number | null; country: string | null; admin1: string | null; geoPrecision: 1 | 2 | 3 | null } | null;
  actor1: string | null;
  actor2: string | null;
  /** Lowest and highest death toll the sources give, and who gives which (the first MEMBER_CAP); null when none gives one. */
  fatalities: { min: number; max: number; claims: FatalityClaim[] } | null;
  /** Its member events in the order they joined (the first MEMBER_CAP), each with why it joined. */
  events: { docId: string; eventId: string; stance: Stance; source: string | null; trigger: string; reasons: string[] }[];
  /** How many events (one per document: a document never joins an incident twice). */
  eventCount: number;
  sources: string[];
  speakers: string[];
  /** No source contradicts the happening and all give the same toll (or none). */
  agree: boolean;
  contradictedBy: { docId: string; source: string | null }[];
  /** What the most common kind, day and actors are read from: counts over the confirming members. */
  counts: { kinds: Record<string, number>; days: Record<string, number>; dates: Record<string, number>; plover: Record<string, number>; actor1: Record<string, number>; actor2: Record<string, number> };
}

/** The lists an incident shows keep this many entries; the counts cover every member. */
export const MEMBER_CAP = 100;

/** A stable incident id: from the event that created it. */
export function incidentId(docId: string, eventId: string): string {
  return 'i' + createHash('sha1').update(`${docId}\u0000${eventId}`).digest('hex').slice(0, 15);
}

/** The key counted most often (ties: the first counted; keys keep their insertion order). */
function mostCommonKey(counts: Record<string, number>): string | null {
  let best: string | null = null;
  for (const [k, n] of Object.entries(counts)) if (best === null || n > counts[best]) best = k;
  return best;
}

const KIND_SEP = '\u0000';
const bump = (counts: Record<string, number>, key: string | null) => {
  if (key !== null) counts[key] = (counts[key] ?? 0) + 1;
};
const capped = <T>(list: readonly T[], x: T): T[] => (list.length < MEMBER_CAP ? [...list, x] : [...list]);
const added = <T>(list: readonly T[], xs: readonly T[]): T[] => [...list, ...xs.filter((x) => !list.includes(x))];

/** An incident with no member yet: what addMember starts from. */
export function emptyIncident(id: string): Incident {
  return {
    id, eventType: null, subEventType: null, ploverType: '', eventTypes: [], ploverTypes: [], date: null, dateStart: null, dateEnd: null,
    lat: null, lon: null, geoPrecision: null, country: null, admin1: null, place: null, actor1: null, actor2: null, actors: [],
    docIds: [], fatalities: null, events: [], eventCount: 0, sources: [], speakers: [], agree: true, contradictedBy: [],
    counts: { kinds: {}, days: {}, dates: {}, plover: {}, actor1: {}, actor2: {} },
  };
}

/** The most precise place first: coordinates before none, then the lower ACLED geo precision. */
const placeRank = (m: Pick<IncidentMember, 'lat' | 'geoPrecision'>) => (m.lat !== null ? 0 : 10) + (m.geoPrecision ?? 3);

/** The incident with one more member: what a joining event changes, without reading the others. */
export function addMember(inc: Incident, m: IncidentMember): Incident {
  const out: Incident = {
    ...inc,
    events: capped(inc.events, { docId: m.docId, eventId: m.eventId, stance: m.stance, source: m.source, trigger: m.trigger, reasons: m.reasons }),
    eventCount: inc.eventCount + 1,
    docIds: inc.docIds.includes(m.docId) ? inc.docIds : capped(inc.docIds, m.docId),
    sources: m.source ? added(inc.sources, [m.source]) : inc.sources,
    speakers: added(inc.speakers, m.speakers).slice(0, MEMBER_CAP),
    actors: added(inc.actors.map((a) => a.name), m.actors.map((a) => a.name)).map((n) => inc.actors.find((a) => a.name === n) ?? m.actors.find((a) => a.name === n)!),
  };
  if (m.stance === 'contradicts') {
    out.contradictedBy = capped(inc.contradictedBy, { docId: m.docId, source: m.source });
    out.agree = false;
    return out;
  }
  // What a confirming report says: the kind, the days, the place, the actors, the toll.
  const counts = { kinds: { ...inc.counts.kinds }, days: { ...inc.counts.days }, dates: { ...inc.counts.dates }, plover: { ...inc.counts.plover }, actor1: { ...inc.counts.actor1 }, actor2: { ...inc.counts.actor2 } };
  bump(counts.kinds, `${m.eventType ?? ''}${KIND_SEP}${m.subEventType ?? ''}`);
  bump(counts.plover, m.ploverType);
  if (m.date?.length === 10) bump(counts.days, m.date);
  bump(counts.dates, m.date);
  bump(counts.actor1, m.actor1 === null ? null : actorKey(m.actor1));
  bump(counts.actor2, m.actor2 === null ? null : actorKey(m.actor2));
  out.counts = counts;
  const [kindType, kindSub] = (mostCommonKey(counts.kinds) ?? KIND_SEP).split(KIND_SEP);
  out.eventType = kindType || null;
  out.subEventType = kindSub || null;
  out.ploverType = mostCommonKey(counts.plover) ?? m.ploverType;
  out.eventTypes = m.eventType && !inc.eventTypes.includes(m.eventType) ? [...inc.eventTypes, m.eventType] : inc.eventTypes;
  out.ploverTypes = inc.ploverTypes.includes(m.ploverType) ? inc.ploverTypes : [...inc.ploverTypes, m.ploverType];
  out.date = mostCommonKey(counts.days) ?? mostCommonKey(counts.dates);
  if (m.dateStart && (!inc.dateStart || m.dateStart < inc.dateStart)) out.dateStart = m.dateStart;
  if (m.dateEnd && (!inc.dateEnd || m.dateEnd > inc.dateEnd)) out.dateEnd = m.dateEnd;
  if ((m.country || m.lat !== null) && (!inc.place || placeRank(m) < placeRank({ lat: inc.lat, geoPrecision: inc.geoPrecision }))) {
    Object.assign(out, { lat: m.lat, lon: m.lon, geoPrecision: m.geoPrecision, country: m.country, admin1: m.admin1 });
    out.place = { name: m.placeName, lat: m.lat, lon: m.lon, country: m.country, admin1: m.admin1, geoPrecision: m.geoPrecision };
  }
  // The ACLED-style name as first written, for the most common compared key.
  const nameFor = (key: string | null, pick: (x: IncidentMember) => string | null, prev: string | null) =>
    key === null ? null : key === (pick(m) === null ? null : actorKey(pick(m)!)) && (prev === null || actorKey(prev) !== key) ? pick(m) : prev;
  out.actor1 = nameFor(mostCommonKey(counts.actor1), (x) => x.actor1, inc.actor1);
  out.actor2 = nameFor(mostCommonKey(counts.actor2), (x) => x.actor2, inc.actor2);
  if (m.fatalities !== null) {
    const claim = { value: m.fatalities, docId: m.docId, source: m.source, claimedBy: m.fatalitiesClaimedBy };
    const f = inc.fatalities;
    out.fatalities = f
      ? { min: Math.min(f.min, m.fatalities), max: Math.max(f.max, m.fatalities), claims: capped(f.claims, claim) }
      : { min: m.fatalities, max: m.fatalities, claims: [claim] };
  }
  out.agree = out.contradictedBy.length === 0 && (out.fatalities === null || out.fatalities.min === out.fatalities.max);
  return out;
}

/** The incident its members make; members in the order they joined, the creator first. */
export function summarize(id: string, members: readonly IncidentMember[]): Incident {
  return members.reduce(addMember, emptyIncident(id));
}
