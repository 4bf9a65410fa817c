// An incident is what its events say together: its kind is what most reports call it, its place
// the most precise one given, its dates the days they cover, its dead a range with who says what,
// and whether the sources agree. Recomputed from the members each time one joins or leaves, so it
// never depends on the order they came in beyond which one created it (its id).
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
  /** Lowest and highest death toll the sources give, and who gives which; null when none gives one. */
  fatalities: { min: number; max: number; claims: FatalityClaim[] } | null;
  events: { docId: string; eventId: string; stance: Stance; source: string | null; trigger: string; reasons: string[] }[];
  sources: string[];
  speakers: string[];
  /** No source contradicts the happening and all give the same toll (or none). */
  agree: boolean;
  contradictedBy: { docId: string; source: string | null }[];
}

/** A stable incident id: from the event that created it. */
export function incidentId(docId: string, eventId: string): string {
  return 'i' + createHash('sha1').update(`${docId}\u0000${eventId}`).digest('hex').slice(0, 15);
}

/** The most frequent value (ties: the first seen). */
function mostCommon<T>(values: readonly T[], key: (v: T) => string = String): T | null {
  const counts = new Map<string, { v: T; n: number; first: number }>();
  values.forEach((v, i) => {
    const k = key(v);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { v, n: 1, first: i });
  });
  let best: { v: T; n: number; first: number } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n || (c.n === best.n && c.first < best.first)) best = c;
  return best?.v ?? null;
}

const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** The incident its members make; members in the order they joined, the creator first. */
export function summarize(id: string, members: readonly IncidentMember[]): Incident {
  const confirming = members.filter((m) => m.stance === 'confirms');
  const basis = confirming.length ? confirming : members;
  const kind = mostCommon(basis, (m) => `${m.eventType}\u0000${m.subEventType}`);
  const dayDated = basis.filter((m) => m.date?.length === 10).map((m) => m.date!);
  const starts = basis.map((m) => m.dateStart).filter((d): d is string => d !== null).sort();
  const ends = basis.map((m) => m.dateEnd).filter((d): d is string => d !== null).sort();
  // The most precise place any report gives (town before district before province), the first on ties.
  const placed = basis.filter((m) => m.country || m.lat !== null);
  const rank = (m: IncidentMember) => (m.lat !== null ? 0 : 10) + (m.geoPrecision ?? 3);
  const where = placed.length ? placed.reduce((a, b) => (rank(b) < rank(a) ? b : a)) : null;
  const claims: FatalityClaim[] = confirming
    .filter((m) => m.fatalities !== null)
    .map((m) => ({ value: m.fatalities!, docId: m.docId, source: m.source, claimedBy: m.fatalitiesClaimedBy }));
  const tolls = claims.map((c) => c.value);
  const contradictedBy = members.filter((m) => m.stance === 'contradicts').map((m) => ({ docId: m.docId, source: m.source }));
  const actors = new Map<string, IncidentActor>();
  for (const a of members.flatMap((m) => m.actors)) if (!actors.has(a.name)) actors.set(a.name, a);
  return {
    id,
    eventType: kind?.eventType ?? null,
    subEventType: kind?.subEventType ?? null,
    ploverType: mostCommon(basis.map((m) => m.ploverType)) ?? basis[0]?.ploverType ?? '',
    eventTypes: unique(basis.map((m) => m.eventType).filter((t): t is string => t !== null)),
    ploverTypes: unique(basis.map((m) => m.ploverType)),
    date: mostCommon(dayDated) ?? mostCommon(basis.map((m) => m.date).filter((d): d is string => d !== null)),
    dateStart: starts[0] ?? null,
    dateEnd: ends[ends.length - 1] ?? null,
    lat: where?.lat ?? null,
    lon: where?.lon ?? null,
    geoPrecision: where?.geoPrecision ?? null,
    country: where?.country ?? null,
    admin1: where?.admin1 ?? null,
    place: where ? { name: where.placeName, lat: where.lat, lon: where.lon, country: where.country, admin1: where.admin1, geoPrecision: where.geoPrecision } : null,
    actor1: mostCommon(basis.map((m) => m.actor1).filter((a): a is string => a !== null), actorKey),
    actor2: mostCommon(basis.map((m) => m.actor2).filter((a): a is string => a !== null), actorKey),
    actors: [...actors.values()],
    docIds: unique(members.map((m) => m.docId)),
    fatalities: claims.length ? { min: Math.min(...tolls), max: Math.max(...tolls), claims } : null,
    events: members.map((m) => ({ docId: m.docId, eventId: m.eventId, stance: m.stance, source: m.source, trigger: m.trigger, reasons: m.reasons })),
    sources: unique(members.map((m) => m.source).filter((s): s is string => s !== null)),
    speakers: unique(members.flatMap((m) => m.speakers)),
    agree: contradictedBy.length === 0 && new Set(tolls).size <= 1,
    contradictedBy,
  };
}
