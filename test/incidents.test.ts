// Incidents: the same happening told by several dispatches becomes one incident with every source,
// a similar but distinct happening stays apart, and each rule says why. The rules are tested one by
// one on hand-made events, then end to end on dispatches of our own and on the demo corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDemoCorpus } from '../bench/corpus.js';
import {
  compare, distanceKm, mergeable, sameActors, sameKind, samePlace, sameTime, stanceOf, type IncidentCore, type IncidentEvent,
} from '../src/incidents/match.js';
import { summarize, type IncidentMember } from '../src/incidents/summary.js';
import { extract } from '../src/pipeline/index.js';
import { openStore, type Incident, type Store } from '../src/store/index.js';
import type { Document } from '../src/types.js';
import { ATTACK, MARCH, OTHER_ATTACK } from './fixtures/incident-dispatches.js';

function event(over: Partial<IncidentEvent> = {}): IncidentEvent {
  return {
    docId: 'd1', eventId: 'e1', eventType: 'Battles', subEventType: 'Armed clash', ploverType: 'ASSAULT',
    date: '2024-05-10', dateStart: '2024-05-10', dateEnd: '2024-05-10', timePrecision: 1,
    lat: 13.63, lon: 25.35, geoPrecision: 1, placeName: 'Town', country: 'SD', admin1: 'North Darfur',
    actors: [{ name: 'Military Forces of Sudan (2019-)', inter: 1 }], fatalities: null, modality: 'asserted', ...over,
  };
}

function core(over: Partial<IncidentCore> = {}): IncidentCore {
  return {
    id: 'i1', eventTypes: ['Battles'], ploverTypes: ['ASSAULT'], dateStart: '2024-05-10', dateEnd: '2024-05-10',
    lat: 13.63, lon: 25.35, geoPrecision: 1, country: 'SD', admin1: 'North Darfur',
    actors: [{ name: 'Military Forces of Sudan', inter: 1 }], docIds: ['d0'], ...over,
  };
}

test('kind: the same ACLED type, a pair outlets mix up, or the same PLOVER type when no ACLED type', () => {
  assert.ok(sameKind(event(), core()).ok);
  assert.ok(sameKind(event({ eventType: 'Violence against civilians' }), core({ eventTypes: ['Explosions/Remote violence'] })).ok);
  assert.ok(!sameKind(event({ eventType: 'Protests' }), core()).ok);
  assert.ok(sameKind(event({ eventType: null, ploverType: 'CONSULT' }), core({ eventTypes: [], ploverTypes: ['CONSULT'] })).ok);
  assert.ok(!sameKind(event({ eventType: null, ploverType: 'CONSULT' }), core({ eventTypes: [], ploverTypes: ['AGREE'] })).ok);
});

test('time: a day-dated report may be one day off; two days off is another happening; a month holds its days', () => {
  assert.ok(sameTime(event({ date: '2024-05-11', dateStart: '2024-05-11', dateEnd: '2024-05-11' }), core()).ok);
  const twoDays = sameTime(event({ date: '2024-05-12', dateStart: '2024-05-12', dateEnd: '2024-05-12' }), core());
  assert.ok(!twoDays.ok);
  assert.match(twoDays.reason, /2 days from 2024-05-10/);
  assert.ok(sameTime(event({ date: '2024-05', dateStart: '2024-05-01', dateEnd: '2024-05-31', timePrecision: 3 }), core()).ok);
  assert.ok(!sameTime(event({ date: '2024-06', dateStart: '2024-06-01', dateEnd: '2024-06-30', timePrecision: 3 }), core()).ok);
});

test('place: the allowed distance grows with the vaguer geo precision; without coordinates, the same province', () => {
  // about 44 km north: too far for two towns, near enough for "near X" (precision 2)
  const north = { lat: 14.03, lon: 25.35 };
  assert.ok(Math.abs(distanceKm(13.63, 25.35, north.lat, north.lon) - 44.5) < 1);
  assert.ok(!samePlace(event(north), core()).ok);
  assert.ok(samePlace(event({ ...north, geoPrecision: 2 }), core()).ok);
  assert.ok(samePlace(event({ lat: null, lon: null }), core()).ok, 'same country and province');
  assert.ok(!samePlace(event({ lat: null, lon: null, admin1: 'South Darfur' }), core()).ok);
});

test('actors: a shared actor or no opposed armed actors; two different armed actors part the reports', () => {
  assert.match(sameActors(event(), core()).reason, /military forces of sudan in both/, 'period suffix and case ignored');
  const rebels = event({ actors: [{ name: 'Rapid Support Forces', inter: 2 }] });
  assert.ok(!sameActors(rebels, core()).ok);
  assert.ok(sameActors(event({ actors: [{ name: 'Unidentified Armed Group (Sudan)', inter: 3 }] }), core()).ok, 'a generic actor opposes nobody');
  assert.ok(sameActors(event({ actors: [{ name: 'Ahmed Salih', inter: null }] }), core()).ok, 'a person is no armed actor');
});

test('an incident never takes two events of one document, and vague or planned events do not merge', () => {
  const v = compare(event({ docId: 'd0' }), core());
  assert.equal(v.same, false);
  assert.match(v.reasons[0], /already in this incident/);
  assert.equal(compare(event(), core()).same, true);
  assert.equal(compare(event(), core()).reasons.length, 4);
  assert.equal(mergeable(event({ date: '2024', dateStart: '2024-01-01', dateEnd: '2024-12-31', timePrecision: 3 })), false);
  assert.equal(stanceOf('planned'), null);
  assert.equal(stanceOf('denied'), 'contradicts');
  assert.equal(stanceOf('asserted'), 'confirms');
});

test('an incident sums its members: the toll as a range with who says what, the most precise place, disagreement', () => {
  const member = (docId: string, over: Partial<IncidentMember>): IncidentMember => ({
    ...event({ docId }), stance: 'confirms', reasons: [], trigger: 'attack', actor1: 'Military Forces of Sudan', actor2: null,
    fatalitiesClaimedBy: null, source: `Outlet ${docId}`, published: '2024-05-11', speakers: [], ...over,
  });
  const inc = summarize('i1', [
    member('a', { fatalities: 12, geoPrecision: 2 }),
    member('b', { fatalities: 15, geoPrecision: 1, placeName: 'Precise', fatalitiesClaimedBy: 'a spokesman' }),
    member('c', { stance: 'contradicts', source: 'Denier' }),
  ]);
  assert.deepEqual([inc.fatalities?.min, inc.fatalities?.max], [12, 15]);
  assert.deepEqual(inc.fatalities?.claims.map((c) => [c.docId, c.value, c.claimedBy]), [['a', 12, null], ['b', 15, 'a spokesman']]);
  assert.equal(inc.place?.name, 'Precise');
  assert.equal(inc.agree, false);
  assert.deepEqual(inc.contradictedBy, [{ docId: 'c', source: 'Denier' }]);
  assert.deepEqual(inc.sources, ['Outlet a', 'Outlet b', 'Denier']);
});

async function storeOf(docs: readonly Document[]): Promise<Store> {
  const store = await openStore('sqlite::memory:');
  for (const d of docs) await store.putDocument(d, extract(d));
  return store;
}

async function allIncidents(store: Store): Promise<Incident[]> {
  return (await store.listIncidents({ limit: 1000 })).items;
}

// Dispatches stored in the order they were filed, the distinct happening among them. How both
// stores file them into incidents is tested in test/store-contract.test.ts.
const FILED = [ATTACK[0], ATTACK[3], MARCH[0], MARCH[2], MARCH[3], ATTACK[1], ATTACK[2], ATTACK[4], MARCH[1], MARCH[4], OTHER_ATTACK];

test('the demo corpus: each happening told by two dispatches is one incident holding both', async () => {
  const store = await storeOf(loadDemoCorpus());
  const incidents = await allIncidents(store);
  const pairs: [string, string, string][] = [
    ['en-2024-05-15-el-fasher', 'en-2024-05-15-el-fasher-2', 'ASSAULT'],
    ['fr-2025-01-14-djibo', 'en-2025-01-14-djibo', 'ASSAULT'],
    ['fr-2025-04-08-kunduz', 'en-2025-04-09-kunduz', 'ASSAULT'],
    ['fr-2024-11-28-doha', 'en-2024-11-28-doha', 'CONSULT'],
  ];
  for (const [a, b, type] of pairs) {
    const both = incidents.filter((i) => i.ploverType === type && i.docIds.includes(a) && i.docIds.includes(b));
    assert.ok(both.length >= 1, `${a} and ${b}: no ${type} incident holds both`);
  }
  // happenings told once stay single-sourced
  const lahore = incidents.filter((i) => i.docIds.includes('en-2024-10-02-lahore'));
  assert.ok(lahore.length > 0 && lahore.every((i) => i.docIds.length === 1));
  await store.close();
});

test('the API lists incidents, gives one with its stored events, exports them, and says what is wrong with a query', async () => {
  const { buildApp } = await import('../src/server/app.js');
  const store = await storeOf(FILED);
  const app = await buildApp({ store });
  try {
    const list = (await app.inject({ url: '/api/incidents?country=CD&type=Violence%20against%20civilians&minSources=5' })).json();
    assert.equal(list.total, 1);
    const [attack] = list.items;
    assert.equal(attack.docIds.length, 5);
    const one = await app.inject({ url: `/api/incidents/${attack.id}` });
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().storedEvents.length, 5);
    assert.ok(one.json().storedEvents.every((e: { evidence: unknown[] }) => e.evidence.length > 0), 'every event keeps its evidence');
    assert.equal((await app.inject({ url: '/api/incidents/nothing-here' })).statusCode, 404);
    const bad = await app.inject({ url: '/api/incidents?from=2025-02-30' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error, /not a date/);
    const csv = await app.inject({ url: '/api/incidents/export?format=acled-csv&minSources=5' });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-disposition'] as string, /vigie-incidents\.csv/);
    const rows = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(rows.length, 3, 'a header and one row per incident told by five outlets');
    assert.match(rows.find((r) => r.includes('Violence against civilians')) ?? '', /Global Wire; .*Eastern Courier|Eastern Courier; .*Global Wire/);
    const geo = (await app.inject({ url: '/api/incidents/export?format=geojson&minSources=5' })).json();
    assert.equal(geo.features.length, 2);
  } finally {
    await app.close();
    await store.close();
  }
});


test('a happening told by thousands of reports: joining costs the same, lists are capped, counts are whole', async () => {
  const { addMember, emptyIncident, MEMBER_CAP } = await import('../src/incidents/summary.js');
  const member = (i: number): IncidentMember => ({
    ...event({ docId: `d${i}`, eventId: 'e1', fatalities: 10 + (i % 5) }), stance: i % 50 === 49 ? 'contradicts' : 'confirms', reasons: [],
    trigger: 'attack', actor1: i % 3 ? 'Military Forces of Sudan (2019-)' : 'Rapid Support Forces', actor2: null, fatalitiesClaimedBy: null,
    source: `Outlet ${i % 40}`, published: '2024-05-11', speakers: [`speaker ${i}`],
  });
  let inc = emptyIncident('i-big');
  for (let i = 0; i < 3000; i++) inc = addMember(inc, member(i));
  assert.equal(inc.eventCount, 3000);
  assert.equal(inc.events.length, MEMBER_CAP);
  assert.equal(inc.docIds.length, MEMBER_CAP);
  assert.equal(inc.speakers.length, MEMBER_CAP);
  assert.equal(inc.sources.length, 40);
  assert.deepEqual([inc.fatalities?.min, inc.fatalities?.max], [10, 14]);
  assert.equal(inc.actor1, 'Military Forces of Sudan (2019-)', 'the most common actor, as first written');
  assert.equal(inc.contradictedBy.length, 60);
  assert.equal(inc.agree, false);
  assert.ok(JSON.stringify(inc).length < 40_000, 'the stored summary stays small');
  // the same fold as summarize over the list
  const members = Array.from({ length: 7 }, (_, i) => member(i));
  assert.deepEqual(summarize('i-7', members), members.reduce(addMember, emptyIncident('i-7')));
});
