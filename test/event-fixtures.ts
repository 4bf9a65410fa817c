// Hand-made documents and events for the tests of stored events, exports and the events API. The
// dispatches are written for these tests; the events are what an extractor could make of them,
// built by hand so the tests do not depend on the extraction stage.
import type { Document, EventActor, ExtractRecord, Place, VEvent } from '../src/types.js';

export interface Fixture {
  doc: Document;
  record: ExtractRecord;
}

function spanOf(text: string, words: string): { start: number; end: number; text: string } {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`fixture: "${words}" is not in the text`);
  return { start, end: start + words.length, text: words };
}

export function actor(name: string, inter: number | null): EventActor {
  return { name, inter, mention: null };
}

/** An event with every field at its empty value except the trigger, then the given fields. */
export function makeEvent(text: string, trigger: string, fields: Partial<VEvent> & { id: string }): VEvent {
  const t = spanOf(text, trigger);
  return {
    trigger: t, acled: null, plover: { type: 'ASSAULT', mode: null }, actor1: null, actor2: null, assocActor1: [],
    assocActor2: [], place: null, geoPrecision: null, date: null, timePrecision: null, time: null, fatalities: null,
    fatalitiesClaimedBy: null, tags: [], modality: 'asserted', attributedTo: [], confidence: 0.7,
    evidence: [{ field: 'trigger', ...t }], why: ['fixture-trigger'], ...fields,
  };
}

function place(text: string, words: string, fields: Partial<Place> & { id: string; name: string }): Place {
  return {
    ...spanOf(text, words), geonameId: null, lat: null, lon: null, country: null, admin1: null, admin2: null,
    featureCode: 'PPL', geoPrecision: 1, ...fields,
  };
}

function record(doc: Document, lang: 'fr' | 'en', places: Place[], events: VEvent[]): ExtractRecord {
  return {
    id: doc.id, lang, published: doc.published ?? null, source: doc.source ?? null, sentences: [], mentions: [],
    quotes: [], times: [], places, events,
  };
}

const HERAT_TEXT =
  'Hérat, 12 mars 2024 — Des combats ont opposé lundi des talibans aux forces de sécurité à Hérat, faisant trois morts, ' +
  'selon un responsable local. Un rassemblement est prévu jeudi à Kaboul.';

function herat(): Fixture {
  const doc: Document = { id: 'herat', text: HERAT_TEXT, lang: 'fr', published: '2024-03-12', source: 'Wire', title: 'Combats à Hérat', url: 'https://example.org/herat' };
  const places = [
    place(HERAT_TEXT, 'Hérat', { id: 'p1', name: 'Herat', lat: 34.35, lon: 62.2, country: 'AF', admin1: 'Herat', admin2: 'Herat District' }),
    place(HERAT_TEXT, 'Kaboul', { id: 'p2', name: 'Kabul', lat: 34.53, lon: 69.17, country: 'AF', admin1: 'Kabul' }),
  ];
  const events = [
    makeEvent(HERAT_TEXT, 'combats', {
      id: 'e1', acled: { eventType: 'Battles', subEventType: 'Armed clash' }, plover: { type: 'ASSAULT', mode: 'firearms' },
      actor1: { ...actor('Taliban', 2), ...spanOf(HERAT_TEXT, 'talibans') }, actor2: actor('Military Forces of Afghanistan', 1),
      place: 'p1', geoPrecision: 1, date: '2024-03-11', timePrecision: 1, fatalities: 3, attributedTo: ['Wire'],
      evidence: [{ field: 'trigger', ...spanOf(HERAT_TEXT, 'combats') }, { field: 'attribution', ...spanOf(HERAT_TEXT, 'un responsable local') }],
      why: ['trigger:combat', 'actors:opposer'],
    }),
    makeEvent(HERAT_TEXT, 'rassemblement', {
      id: 'e2', acled: { eventType: 'Protests', subEventType: 'Peaceful protest' }, plover: { type: 'PROTEST', mode: null },
      actor1: actor('Protesters (Afghanistan)', 6), place: 'p2', geoPrecision: 1, date: '2024-03-14', timePrecision: 1,
      modality: 'planned',
    }),
  ];
  return { doc, record: record(doc, 'fr', places, events) };
}

const MOPTI_TEXT =
  'Gunmen attacked a village near Mopti in March, killing at least 12 civilians, a local official said. ' +
  'The army denied carrying out a raid on 20 March.';

function mopti(): Fixture {
  const doc: Document = { id: 'mopti', text: MOPTI_TEXT, lang: 'en', published: '2024-04-02', source: 'Courier' };
  const places = [place(MOPTI_TEXT, 'Mopti', { id: 'p1', name: 'Mopti', lat: 14.49, lon: -4.2, country: 'ML', admin1: 'Mopti', geoPrecision: 2 })];
  const events = [
    makeEvent(MOPTI_TEXT, 'attacked', {
      id: 'e1', acled: { eventType: 'Violence against civilians', subEventType: 'Attack' },
      actor1: actor('Unidentified Armed Group (Mali)', 3), actor2: actor('Civilians (Mali)', 7), place: 'p1', geoPrecision: 2,
      date: '2024-03', timePrecision: 3, fatalities: 12, attributedTo: ['q1'],
      evidence: [{ field: 'trigger', ...spanOf(MOPTI_TEXT, 'attacked') }, { field: 'attribution', ...spanOf(MOPTI_TEXT, 'a local official') }],
    }),
    // Outside ACLED's taxonomy: PLOVER only.
    makeEvent(MOPTI_TEXT, 'raid', {
      id: 'e2', plover: { type: 'ASSAULT', mode: null }, actor1: actor('Military Forces of Mali', 1), place: 'p1', geoPrecision: 2,
      date: '2024-03-20', timePrecision: 1, modality: 'denied',
    }),
  ];
  return { doc, record: record(doc, 'en', places, events) };
}

const SEGOU_TEXT =
  'Des émeutiers ont incendié samedi des véhicules à Ségou, a rapporté la radio locale. Les jeunes du quartier ' +
  'Médine réclamaient de l\'électricité. Un accord avait été signé l\'an dernier.';

function segou(): Fixture {
  // An outlet name with a quote and a comma, a tag with a line break: what CSV quoting is for.
  const doc: Document = { id: 'segou', text: SEGOU_TEXT, lang: 'fr', published: '2024-01-15', source: 'Radio "Kledu", Bamako' };
  const places = [place(SEGOU_TEXT, 'Ségou', { id: 'p1', name: 'Ségou', lat: 13.43, lon: -6.26, country: 'ML', admin1: 'Ségou' })];
  const events = [
    makeEvent(SEGOU_TEXT, 'incendié', {
      id: 'e1', acled: { eventType: 'Riots', subEventType: 'Violent demonstration' }, plover: { type: 'RIOT', mode: null },
      actor1: actor('Rioters (Mali)', 5), assocActor1: [actor('Jeunes du quartier Médine', null)], place: 'p1', geoPrecision: 1,
      date: '2023-12-02', timePrecision: 1, fatalities: 0, tags: ['vehicles burned, "several"', 'power cuts\nfor days'],
    }),
    makeEvent(SEGOU_TEXT, 'accord', {
      id: 'e2', acled: { eventType: 'Strategic developments', subEventType: 'Agreement' }, plover: { type: 'AGREE', mode: null },
      date: '2023', timePrecision: 3,
    }),
  ];
  return { doc, record: record(doc, 'fr', places, events) };
}

/** Three documents, six events: two in Afghanistan, four in Mali; dated by day, by month, by year. */
export function fixtures(): Fixture[] {
  return [herat(), mopti(), segou()];
}

/** Every fixture event as "docId-eventId". */
export const ALL_EVENT_KEYS = ['herat-e1', 'herat-e2', 'mopti-e1', 'mopti-e2', 'segou-e1', 'segou-e2'];

/** A document of its own with n generated events, for volume tests. */
export function bulkFixture(i: number, n: number): Fixture {
  const text = `Dispatch ${i}: clashes were reported again in the district.`;
  const doc: Document = { id: `bulk-${i}`, text, lang: 'en', published: '2024-06-01', source: 'Bulk' };
  const places = [place(text, 'district', { id: 'p1', name: 'District', lat: 10 + i / 100, lon: 20, country: 'ML', admin1: 'Kayes' })];
  const events = Array.from({ length: n }, (_, k) =>
    makeEvent(text, 'clashes', {
      id: `e${k + 1}`, acled: { eventType: 'Battles', subEventType: 'Armed clash' }, actor1: actor('Rebels', 2), actor2: actor('Army', 1),
      place: 'p1', geoPrecision: 2, date: '2024-05-31', timePrecision: 1, fatalities: k % 3,
    }));
  return { doc, record: record(doc, 'en', places, events) };
}
