// The evaluation scorers: for each, a perfect prediction scores 1, an empty one 0, and a partial
// one lands where we can count by hand. The texts behind the offsets are the project's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haversineKm, prf } from '../src/eval/score/common.js';
import { scoreEntities, type GoldEntity, type PredEntity } from '../src/eval/score/entities.js';
import { scoreTimes, type GoldTime, type PredTime } from '../src/eval/score/times.js';
import { scoreQuotes, type GoldQuote, type PredQuote } from '../src/eval/score/quotes.js';
import { scorePlaces, type GoldPlace, type PredPlace } from '../src/eval/score/places.js';
import { scoreEvents, type GoldEvent, type PredEvent } from '../src/eval/score/events.js';
import { chronoTimes } from '../src/eval/baseline.js';
import { scoreEventTypes, scoreEventTypeSets, scoreQuietRecords } from '../src/eval/score/eventTypes.js';
import { actorAlternatives } from '../src/eval/score/events.js';

test('precision, recall and F1 follow their definitions; nothing predicted scores 0', () => {
  assert.deepEqual(prf(4, 2, 1, 2), { nGold: 4, nPred: 2, tpGold: 1, tpPred: 2, p: 1, r: 0.25, f1: 0.4 });
  assert.equal(prf(3, 0, 0, 0).f1, 0);
  assert.ok(Math.abs(haversineKm(48.8566, 2.3522, 45.764, 4.8357) - 392) < 3, 'Paris–Lyon is about 392 km');
});

// "Le maire Paul Durand a visité Lyon avec la société Acme."
//  Paul Durand [9,20) PER · Lyon [30,34) LOC · Acme [51,55) ORG
const goldEntities: GoldEntity[] = [
  { spans: [{ start: 9, end: 20 }], type: 'PER', role: 'maire' },
  { spans: [{ start: 30, end: 34 }], type: 'LOC' },
  { spans: [{ start: 51, end: 55 }], type: 'ORG' },
];

test('entities: exact mentions score 1, none score 0', () => {
  const perfect: PredEntity[] = goldEntities.map((g) => ({ ...g.spans[0], type: g.type, role: g.role ?? null }));
  const s = scoreEntities(goldEntities, perfect);
  assert.equal(s.strict.micro.f1, 1);
  assert.equal(s.relaxed.micro.f1, 1);
  assert.equal(s.role.acc, 1);
  const none = scoreEntities(goldEntities, []);
  assert.equal(none.strict.micro.f1, 0);
  assert.equal(none.relaxed.micro.f1, 0);
});

test('entities: "Durand" alone is a relaxed hit but a strict miss; a wrong type counts nowhere typed', () => {
  const pred: PredEntity[] = [
    { start: 14, end: 20, type: 'PER' }, // Durand
    { start: 30, end: 34, type: 'ORG' }, // Lyon, wrongly typed
    { start: 51, end: 55, type: 'ORG' }, // Acme
  ];
  const s = scoreEntities(goldEntities, pred);
  assert.equal(s.strict.perType.PER.f1, 0);
  assert.equal(s.relaxed.perType.PER.f1, 1);
  assert.equal(s.strict.micro.tpGold, 1); // only Acme
  assert.equal(s.relaxed.micro.tpGold, 2); // Durand and Acme
  assert.equal(s.untyped.tpGold, 3);
  assert.equal(s.strict.perType.ORG.p, 0.5); // Acme right, Lyon-as-ORG wrong
});

// "Il est arrivé lundi 3 mars et restera deux semaines."
//  lundi 3 mars [14,26) DATE 2025-03-03 · deux semaines [39,52) DURATION P2W
const goldTimes: GoldTime[] = [
  { spans: [{ start: 14, end: 26 }], type: 'DATE', value: '2025-03-03' },
  { spans: [{ start: 39, end: 52 }], type: 'DURATION', value: 'P2W' },
];

test('times: exact extents with right values score 1, nothing scores 0', () => {
  const perfect: PredTime[] = goldTimes.map((g) => ({ ...g.spans[0], type: g.type!, value: g.value! }));
  const s = scoreTimes(goldTimes, perfect);
  assert.equal(s.strict.f1, 1);
  assert.equal(s.valueF1.f1, 1);
  assert.equal(s.type.acc, 1);
  const none = scoreTimes(goldTimes, []);
  assert.equal(none.relaxed.f1, 0);
  assert.equal(none.valueF1.f1, 0);
});

test('times: "3 mars" is a relaxed match with the right value; a wrong duration value counts against value F1', () => {
  const pred: PredTime[] = [
    { start: 20, end: 26, type: 'DATE', value: '2025-03-03' },
    { start: 39, end: 52, type: 'DURATION', value: 'P2D' },
    { start: 0, end: 2, type: 'DATE', value: '2025' }, // spurious
  ];
  const s = scoreTimes(goldTimes, pred);
  assert.equal(s.strict.tpGold, 1);
  assert.equal(s.relaxed.tpGold, 2);
  assert.equal(s.relaxed.p, 2 / 3);
  assert.equal(s.value.acc, 0.5);
  assert.equal(s.valueF1.r, 0.5);
  assert.equal(s.valueF1.p, 1 / 3);
});

// « Nous partirons demain », a déclaré la ministre Anne Roy.
//  content [2,22) · cue "a déclaré" [26,35) · speaker "Anne Roy" [48,56)
const goldQuotes: GoldQuote[] = [{
  content: [{ start: 2, end: 22 }], speakerSpans: [{ start: 48, end: 56 }], speakerNames: ['Anne Roy'],
  cueSpans: [{ start: 26, end: 35 }], cueLemma: 'déclarer', kind: 'direct',
}];

test('quotes: the exact quote with its speaker and cue scores 1, nothing scores 0', () => {
  const perfect: PredQuote[] = [{
    content: { start: 2, end: 22 }, speaker: { start: 48, end: 56 }, cue: { start: 26, end: 35 }, cueLemma: 'déclarer', kind: 'direct',
  }];
  const s = scoreQuotes(goldQuotes, perfect);
  assert.equal(s.content.f1, 1);
  assert.equal(s.speaker.acc, 1);
  assert.equal(s.cue.acc, 1);
  assert.equal(s.cueLemma.acc, 1);
  assert.equal(scoreQuotes(goldQuotes, []).content.f1, 0);
});

test('quotes: half of the gold content is enough to match, less is not; a pronoun speaker resolved by name is right', () => {
  const half: PredQuote[] = [{ content: { start: 12, end: 22 }, speaker: { start: 36, end: 38 }, speakerTexts: ['elle', 'Anne Roy'], cue: null }];
  const s = scoreQuotes(goldQuotes, half);
  assert.equal(s.content.f1, 1);
  assert.equal(s.speaker.acc, 1);
  assert.equal(s.cue.acc, 0);
  const tooShort: PredQuote[] = [{ content: { start: 13, end: 22 }, speaker: null, cue: null }];
  assert.equal(scoreQuotes(goldQuotes, tooShort).content.tpGold, 0);
});

// "Des heurts à Lyon puis à Grenoble."  Lyon [13,17) · Grenoble [25,33)
const goldPlaces: GoldPlace[] = [
  { spans: [{ start: 13, end: 17 }], lat: 45.764, lon: 4.836, country: 'FR' },
  { spans: [{ start: 25, end: 33 }], lat: 45.188, lon: 5.724, country: 'FR' },
];

test('places: found and placed exactly scores 1, nothing scores 0', () => {
  const perfect: PredPlace[] = goldPlaces.map((g) => ({ ...g.spans[0], lat: g.lat!, lon: g.lon!, country: g.country! }));
  const s = scorePlaces(goldPlaces, perfect);
  assert.equal(s.detection.f1, 1);
  assert.equal(s.within25.acc, 1);
  assert.equal(s.endToEnd161.acc, 1);
  assert.equal(s.medianKm, 0);
  const none = scorePlaces(goldPlaces, []);
  assert.equal(none.detection.f1, 0);
  assert.equal(none.endToEnd161.acc, 0);
});

test('places: Grenoble put in Lyon is within 161 km but not within 25 km; a neutral span is not a false positive', () => {
  const pred: PredPlace[] = [
    { start: 13, end: 17, lat: 45.764, lon: 4.836, country: 'FR' },
    { start: 25, end: 33, lat: 45.764, lon: 4.836, country: 'FR' },
    { start: 0, end: 3, lat: 0, lon: 0, country: null },
  ];
  const s = scorePlaces(goldPlaces, pred, { neutral: [{ start: 0, end: 3 }] });
  assert.equal(s.detection.p, 1);
  assert.equal(s.within161.acc, 1);
  assert.equal(s.within25.acc, 0.5);
  assert.ok(s.medianKm! > 40 && s.medianKm! < 60);
});

// "Des combats ont fait trois morts. La guerre du football continue."
const goldEvents: GoldEvent[] = [{
  triggers: [{ start: 4, end: 11 }], acled: ['Battles', 'Armed clash'], plover: 'ASSAULT',
  date: '2025-03-03', fatalities: 3, actor1: 'Rebels', place: { lat: 45.764, lon: 4.836 },
}];
const forbid = [{ spans: [{ start: 37, end: 43 }] }];
const perfectEvent: PredEvent = {
  trigger: { start: 4, end: 11 }, acled: { eventType: 'Battles', subEventType: 'Armed clash' }, plover: 'ASSAULT',
  date: '2025-03-03', fatalities: 3, modality: 'asserted', actor1: 'Rebels', place: { lat: 45.76, lon: 4.84 },
  actor2: null, timePrecision: null, attribution: [],
};

test('events: the right event with its attributes scores 1, nothing scores 0', () => {
  const s = scoreEvents(goldEvents, [perfectEvent], forbid);
  assert.equal(s.detection.f1, 1);
  for (const a of [s.acledType, s.acledSubType, s.plover, s.date, s.fatalities, s.modality, s.actor1, s.place161]) assert.equal(a.acc, 1);
  assert.equal(s.forbidViolations.violated, 0);
  assert.equal(scoreEvents(goldEvents, [], forbid).detection.f1, 0);
});

test('events: a wrong sub-type and an asserted event on forbidden words are counted', () => {
  const wrong: PredEvent = { ...perfectEvent, acled: { eventType: 'Battles', subEventType: 'Government regains territory' }, fatalities: 2 };
  const metaphor: PredEvent = { ...perfectEvent, trigger: { start: 37, end: 43 } };
  const s = scoreEvents(goldEvents, [wrong, metaphor], forbid);
  assert.equal(s.detection.r, 1);
  assert.equal(s.detection.p, 0.5);
  assert.equal(s.acledType.acc, 1);
  assert.equal(s.acledSubType.acc, 0);
  assert.equal(s.fatalities.acc, 0);
  assert.equal(s.forbidViolations.violated, 1);
});

test('the chrono baseline dates a weekday and a day of the month against the dateline', () => {
  const t = chronoTimes('Le conseil se réunira le 14 mars.', 'fr', '2025-03-05');
  assert.equal(t.length, 1);
  assert.equal(t[0].value, '2025-03-14');
  assert.equal(t[0].type, 'DATE');
  const en = chronoTimes('The talks resumed on Monday.', 'en', '2025-03-05');
  assert.equal(en[0].value, '2025-03-03');
});

test('event types per record: all right scores 1, nothing predicted 0, a second-choice type counts only as "any"', () => {
  const gold = [{ doc: 'a', type: 'PROTEST' }, { doc: 'b', type: 'AGREE' }];
  const perfect = scoreEventTypes(gold, [{ doc: 'a', type: 'PROTEST' }, { doc: 'b', type: 'AGREE' }]);
  assert.equal(perfect.top.acc, 1);
  assert.equal(perfect.any.acc, 1);
  const none = scoreEventTypes(gold, []);
  assert.equal(none.coverage.acc, 0);
  assert.equal(none.any.acc, 0);
  const partial = scoreEventTypes(gold, [
    { doc: 'a', type: 'COERCE', confidence: 0.9 }, { doc: 'a', type: 'PROTEST', confidence: 0.5 },
  ]);
  assert.equal(partial.coverage.acc, 0.5);
  assert.equal(partial.top.acc, 0);
  assert.equal(partial.any.acc, 0.5);
  assert.equal(partial.perType.PROTEST.acc, 1);
});

test('times: a part of day refines a day-precision gold value; another day does not', async () => {
  const { sameValue } = await import('../src/eval/score/times.js');
  const gold = { doc: 'd', spans: [{ start: 0, end: 5 }], value: '2024-03-04', precision: 'day' };
  assert.equal(sameValue(gold, '2024-03-04TNI'), true);
  assert.equal(sameValue(gold, '2024-03-05TNI'), false);
  assert.equal(sameValue({ ...gold, precision: null }, '2024-03-04TNI'), false);
});

// "Selon le préfet Marc Orsini, des miliciens ont attaqué la gendarmerie de Valcourt lundi. Le maire
//  a rencontré les habitants mardi, a ajouté la mairie."
//  le préfet Marc Orsini [6,27) · Marc Orsini [16,27) · attaqué [47,54) · rencontré [100,109) · la mairie [140,149)
const attackGold: GoldEvent[] = [{
  doc: 'd1', triggers: [{ start: 47, end: 54 }], acled: ['Violence against civilians', 'Attack'], plover: 'ASSAULT',
  date: '2025-03-03', timePrecision: 1, actor1: 'Unidentified Armed Group (France)', actor2: 'Military/Police Forces of France',
  attributedTo: { names: ['le préfet Marc Orsini'], spans: [{ start: 6, end: 27 }] },
}, {
  // The meeting: the gold says the outlet itself asserts it, and that it has no actor2.
  doc: 'd1', triggers: [{ start: 100, end: 109 }], acled: null, plover: 'CONSULT', actor2: null, attributedTo: null,
}];
const attackPred: PredEvent[] = [{
  ...perfectEvent, doc: 'd1', trigger: { start: 47, end: 54 }, acled: { eventType: 'Violence against civilians', subEventType: 'Attack' },
  date: '2025-03-03', timePrecision: 1, fatalities: null, actor1: 'Unidentified Armed Group (France)', actor2: 'Police Forces of France',
  place: null, attribution: [{ quote: 'q1', speakerTexts: ['Marc Orsini'], speakerSpan: { start: 16, end: 27 } }],
}, {
  ...perfectEvent, doc: 'd1', trigger: { start: 100, end: 109 }, acled: null, plover: 'CONSULT', date: null, fatalities: null,
  actor1: null, actor2: null, place: null, attribution: [],
}];

test('events: actor2, time precision and attribution score 1 when right and 0 on an empty prediction', () => {
  const s = scoreEvents(attackGold, attackPred);
  for (const a of [s.actor2, s.timePrecision, s.attribution]) assert.equal(a.acc, 1);
  assert.equal(s.actor2.n, 2, 'an explicit null actor2 is scored');
  assert.equal(s.attribution.n, 2, 'an explicit null attribution is scored');
  assert.equal(s.timePrecision.n, 1, 'only where the gold gives a precision');
  const none = scoreEvents(attackGold, []);
  assert.equal(none.detection.f1, 0);
  assert.equal(none.attribution.correct, 0);
  assert.equal(none.actor2.correct, 0);
});

test('events: a wrong attribution, a wrong actor2 and a wrong precision are counted wrong', () => {
  const [attack, meeting] = attackPred;
  const wrong: PredEvent[] = [
    // attributed to another quote, whose speaker is "la mairie": neither the name nor the span agree
    { ...attack, actor2: 'Rebels', timePrecision: 3, attribution: [{ quote: 'q2', speakerTexts: ['la mairie'], speakerSpan: { start: 140, end: 149 } }] },
    // the outlet asserts it, but Vigie attributes it to a quote
    { ...meeting, actor2: 'Civilians (France)', attribution: [{ quote: 'q1', speakerTexts: ['Marc Orsini'], speakerSpan: null }] },
  ];
  const s = scoreEvents(attackGold, wrong);
  assert.equal(s.attribution.correct, 0);
  assert.equal(s.actor2.correct, 0);
  assert.equal(s.timePrecision.correct, 0);
  // Matched by span even when the speaker's words differ from the gold phrase.
  const bySpan = scoreEvents(attackGold.slice(0, 1), [{ ...attack, attribution: [{ quote: 'q7', speakerTexts: ['il'], speakerSpan: { start: 16, end: 27 } }] }]);
  assert.equal(bySpan.attribution.acc, 1);
  // A field the gold leaves out is not scored.
  const unannotated = scoreEvents([{ ...attackGold[0], actor2: undefined, attributedTo: undefined }], wrong.slice(0, 1));
  assert.equal(unannotated.actor2.n, 0);
  assert.equal(unannotated.attribution.n, 0);
});

test('events: a slash in a gold actor name gives each alternative', () => {
  assert.deepEqual(actorAlternatives('Military/Police Forces of France').sort(),
    ['Military Forces of France', 'Military/Police Forces of France', 'Police Forces of France']);
  assert.deepEqual(actorAlternatives('Rebels'), ['Rebels']);
});

test('events: asserted ACLED events in negative documents are counted, not other events', () => {
  const neg: PredEvent[] = [
    { ...perfectEvent, doc: 'sport' },
    { ...perfectEvent, doc: 'sport', acled: null, plover: 'ACCUSE' },
    { ...perfectEvent, doc: 'sport', modality: 'hypothetical' },
    { ...perfectEvent, doc: 'war' },
  ];
  const s = scoreEvents([], neg, [], ['sport']);
  assert.deepEqual(s.negatives, { docs: 1, assertedAcled: 1 });
  assert.equal(scoreEvents([], [], [], ['sport']).negatives.assertedAcled, 0);
});

test('event type sets: a record coded with two types is right with either; quiet records count events predicted', () => {
  const gold = [{ doc: 'a', types: ['CONSULT', 'AGREE'] }, { doc: 'b', types: ['ASSAULT'] }];
  const s = scoreEventTypeSets(gold, [{ doc: 'a', type: 'AGREE', confidence: 0.9 }, { doc: 'b', type: 'PROTEST' }]);
  assert.equal(s.top.acc, 0.5);
  assert.equal(s.any.acc, 0.5);
  assert.deepEqual([s.perType.AGREE.acc, s.perType.CONSULT.acc, s.perType.ASSAULT.acc], [1, 0, 0]);
  assert.equal(scoreEventTypeSets(gold, []).any.acc, 0);
  assert.deepEqual(scoreQuietRecords(['x', 'y'], [{ doc: 'x', type: 'ACCUSE' }]), { n: 2, correct: 1, acc: 0.5 });
});

test('events: each gold event is compared with its own prediction when another one overlaps it more', () => {
  // Gold A's trigger occurs at [10,16) and [50,58); gold B is the phrase [48,70) holding that second
  // occurrence, so B's prediction overlaps A more (8) than A's own does (6).
  const gold: GoldEvent[] = [
    { triggers: [{ start: 10, end: 16 }, { start: 50, end: 58 }], acled: null, actor2: 'Rebels' },
    { triggers: [{ start: 48, end: 70 }], acled: null, actor2: 'Civilians (France)' },
  ];
  const pred: PredEvent[] = [
    { ...perfectEvent, acled: null, trigger: { start: 10, end: 16 }, actor2: 'Rebels' },
    { ...perfectEvent, acled: null, trigger: { start: 48, end: 70 }, actor2: 'Civilians (France)' },
  ];
  const s = scoreEvents(gold, pred);
  assert.equal(s.detection.f1, 1);
  assert.deepEqual(s.actor2, { n: 2, correct: 2, acc: 1 });
  // One prediction for both: still compared with both (right for B, wrong for A).
  assert.deepEqual(scoreEvents(gold, pred.slice(1)).actor2, { n: 2, correct: 1, acc: 0.5 });
});

test('predicted events: quote ids in attributedTo bring their speakers (through the mention), an outlet name does not', async () => {
  const { predEvents } = await import('../src/eval/predict.js');
  // "Paul Durand a démenti. « Ils ont attaqué », a-t-il dit."  (AFP)
  const rec: import('../src/types.js').ExtractRecord = {
    id: 'x', lang: 'fr', published: '2025-03-05', source: 'AFP', sentences: [], times: [], places: [],
    mentions: [{ id: 'm1', start: 0, end: 11, text: 'Paul Durand', type: 'PER', canonical: 'Paul Durand', role: null }],
    quotes: [{ id: 'q1', kind: 'direct', start: 23, end: 40, content: { start: 25, end: 38 },
      speaker: { start: 44, end: 46, text: 'il', mention: 'm1' }, cue: null, channel: null, addressee: null }],
    events: [{
      id: 'e1', trigger: { start: 30, end: 37, text: 'attaqué' }, acled: null, plover: { type: 'ASSAULT', mode: null },
      actor1: null, actor2: { name: 'Civilians (France)', inter: 7, mention: null }, assocActor1: [], assocActor2: [],
      place: null, geoPrecision: null, date: '2025-03', timePrecision: 3, time: null, fatalities: null, tags: [],
      modality: 'asserted', attributedTo: ['q1', 'AFP'], confidence: 0.5, evidence: [], why: [],
    }],
  };
  const [e] = predEvents(rec, 'x');
  assert.equal(e.actor2, 'Civilians (France)');
  assert.equal(e.timePrecision, 3);
  assert.deepEqual(e.attribution, [{ quote: 'q1', speakerTexts: ['il', 'Paul Durand', 'Paul Durand'], speakerSpan: { start: 44, end: 46 } }]);
  const outletOnly = predEvents({ ...rec, events: [{ ...rec.events[0], attributedTo: ['AFP'] }] });
  assert.deepEqual(outletOnly[0].attribution, []);
});
