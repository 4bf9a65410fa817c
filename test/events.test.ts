// Events read as examples: short dispatches of our own, and what a coder would record from each —
// the type in ACLED and PLOVER, who did it to whom, where, when, how many died, whether it
// happened at all, and who says so. Also what must not become an event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline/index.js';
import type { ExtractRecord, VEvent } from '../src/types.js';

function run(text: string, lang: 'fr' | 'en', published = '2024-03-06', source: string | null = 'Wire'): ExtractRecord {
  return extract({ id: 't', text, lang, published, source });
}

const asserted = (r: ExtractRecord) => r.events.filter((e) => e.modality === 'asserted');
const acledEvents = (r: ExtractRecord) => asserted(r).filter((e) => e.acled !== null);

function find(r: ExtractRecord, sub: string): VEvent {
  const e = r.events.find((x) => x.acled?.subEventType === sub);
  assert.ok(e, `no ${sub} event; got ${JSON.stringify(r.events.map((x) => [x.trigger.text, x.acled?.subEventType ?? x.plover.type, x.modality]))}`);
  return e;
}

function findPlover(r: ExtractRecord, type: string): VEvent {
  const e = r.events.find((x) => x.plover.type === type);
  assert.ok(e, `no ${type} event; got ${JSON.stringify(r.events.map((x) => [x.trigger.text, x.plover.type]))}`);
  return e;
}

function placeName(r: ExtractRecord, e: VEvent): string | null {
  return r.places.find((p) => p.id === e.place)?.text ?? null;
}

// --- types and arguments (French) ---

test('fr: a clash between the army and rebels, near a town, dated by its weekday', () => {
  const r = run("De violents affrontements ont opposé mardi l'armée malienne à des rebelles près de Kidal.", 'fr');
  const e = find(r, 'Armed clash');
  assert.equal(e.acled?.eventType, 'Battles');
  assert.equal(e.plover.type, 'ASSAULT');
  assert.equal(e.actor1?.name, 'Military Forces of Mali');
  assert.equal(e.date, '2024-03-05');
  assert.equal(e.timePrecision, 1);
  assert.equal(placeName(r, e), 'Kidal');
  assert.equal(e.modality, 'asserted');
});

test('fr: an attack on villagers by gunmen is violence against civilians, with its dead', () => {
  const r = run('Des hommes armés ont attaqué lundi le village de Tondibia, tuant au moins douze civils.', 'fr');
  const e = find(r, 'Attack');
  assert.equal(e.acled?.eventType, 'Violence against civilians');
  assert.equal(e.fatalities, 12);
  assert.match(e.actor1?.name ?? '', /Unidentified Armed Group/);
});

test('fr: passive voice puts the victims second and the agent first', () => {
  const r = run('Trois policiers ont été tués par des jihadistes jeudi dans le nord du Burkina Faso.', 'fr');
  const e = r.events.find((x) => x.plover.type === 'ASSAULT');
  assert.ok(e);
  assert.equal(e.fatalities, 3);
  assert.match(e.actor2?.name ?? '', /Police Forces of Burkina Faso/);
  assert.ok(e.actor1, 'the agent after "par"');
});

test('fr: counts joined by "et" add up to the fatalities', () => {
  const r = run('Quatre assaillants et deux gendarmes ont été tués lors de l\'attaque du poste, samedi.', 'fr');
  const e = r.events.find((x) => x.plover.type === 'ASSAULT');
  assert.ok(e);
  assert.equal(e.fatalities, 6);
});

test('fr: a range keeps its lower bound; wounded are a tag, not fatalities', () => {
  const r = run("L'explosion d'une bombe artisanale a fait de 8 à 10 morts et 25 blessés au marché central de Gao.", 'fr');
  const e = find(r, 'Remote explosive/landmine/IED');
  assert.equal(e.fatalities, 8);
  assert.ok(e.tags.some((t) => /25 blessés/.test(t)), JSON.stringify(e.tags));
});

test('fr: "aucune victime" is zero fatalities', () => {
  const r = run("Un obus est tombé mercredi sur un entrepôt de la ville, sans faire de victimes, selon la police.", 'fr');
  const e = r.events.find((x) => x.acled?.eventType === 'Explosions/Remote violence');
  assert.ok(e);
  assert.equal(e.fatalities, 0);
});

test('fr: a suicide bombing is refined from the explosion it states', () => {
  const r = run("Un kamikaze s'est fait exploser vendredi devant une mosquée de Maiduguri.", 'fr');
  find(r, 'Suicide bomb');
});

test('fr: an air strike by drone', () => {
  const r = run("Une frappe de drone a visé dimanche un convoi près de la frontière.", 'fr');
  find(r, 'Air/drone strike');
});

test('fr: seizing a town is a non-state actor overtaking territory', () => {
  const r = run("Les talibans se sont emparés mercredi de la ville de Kunduz après de violents combats.", 'fr');
  const e = find(r, 'Non-state actor overtakes territory');
  assert.equal(e.actor1?.name, 'Taliban');
});

test('fr: an abduction', () => {
  const r = run("Des inconnus ont enlevé dimanche deux humanitaires dans la région de Diffa.", 'fr');
  find(r, 'Abduction/forced disappearance');
});

test('fr: arrests by the police', () => {
  const r = run("La police a arrêté jeudi une vingtaine de militants de l'opposition à Conakry.", 'fr');
  const e = find(r, 'Arrests');
  assert.equal(e.plover.type, 'COERCE');
  assert.match(e.actor1?.name ?? '', /Police Forces of Guinea/);
});

test('fr: a peaceful march of protesters, with the country in the default actor', () => {
  const r = run("Des milliers de personnes ont manifesté samedi à Dakar contre la hausse des prix.", 'fr');
  const e = r.events.find((x) => x.acled?.eventType === 'Protests');
  assert.ok(e);
  assert.equal(e.plover.type, 'PROTEST');
  assert.equal(e.actor1?.name, 'Protesters (Senegal)');
});

test('fr: a protest dispersed with tear gas is a protest with intervention', () => {
  const r = run("La police a dispersé à coups de gaz lacrymogènes une manifestation d'étudiants lundi à Abidjan.", 'fr');
  find(r, 'Protest with intervention');
});

test('fr: a riot', () => {
  const r = run("Des émeutes ont éclaté samedi soir dans un quartier de Nouakchott, où des magasins ont été pillés.", 'fr');
  const e = r.events.find((x) => x.acled?.eventType === 'Riots');
  assert.ok(e);
});

test('fr: a signed agreement is an ACLED agreement and PLOVER AGREE', () => {
  const r = run("Le gouvernement et le mouvement rebelle ont signé vendredi un accord de paix à Addis Abeba.", 'fr');
  const e = find(r, 'Agreement');
  assert.equal(e.plover.type, 'AGREE');
});

test('fr: talks in a capital are PLOVER CONSULT without ACLED type', () => {
  const r = run("Des négociations entre les deux camps se sont ouvertes lundi à Doha.", 'fr');
  const e = findPlover(r, 'CONSULT');
  assert.equal(e.acled, null);
});

test('fr: a call on a government is a REQUEST', () => {
  const r = run("L'Union africaine a appelé mardi le gouvernement à libérer les prisonniers politiques.", 'fr');
  findPlover(r, 'REQUEST');
});

test('fr: an accusation', () => {
  const r = run("Le ministre a accusé mercredi l'opposition d'avoir financé les troubles.", 'fr');
  findPlover(r, 'ACCUSE');
});

// --- modality (French) ---

test('fr: a negated attack is negated, not asserted', () => {
  const r = run("Les rebelles n'ont pas attaqué la ville mardi, selon le maire.", 'fr');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => [e.trigger.text, e.modality])));
  assert.ok(r.events.some((e) => e.modality === 'negated'));
});

test('fr: a planned withdrawal with a deadline is planned, dated by its deadline', () => {
  const r = run("Les troupes étrangères doivent achever leur retrait du pays d'ici le 30 septembre.", 'fr');
  const e = findPlover(r, 'RETREAT');
  assert.equal(e.modality, 'planned');
  assert.equal(e.date, '2024-09-30');
});

test('fr: a call to demonstrate is a planned protest', () => {
  const r = run("Les syndicats ont appelé à manifester vendredi prochain dans toutes les grandes villes.", 'fr');
  const p = r.events.find((e) => e.plover.type === 'PROTEST');
  assert.ok(p);
  assert.equal(p.modality, 'planned');
});

test('fr: a denied attack is denied', () => {
  const r = run("L'armée a démenti avoir bombardé le camp de réfugiés.", 'fr');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => [e.trigger.text, e.modality])));
});

test('fr: a hypothesis is hypothetical', () => {
  const r = run("Les autorités craignent que les jihadistes pourraient attaquer la capitale.", 'fr');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => [e.trigger.text, e.modality])));
});

test('fr: a campaign "depuis début avril" is dated by its start, month precision', () => {
  const r = run("Les combats se poursuivent dans la province depuis début avril.", 'fr', '2024-07-07');
  const e = r.events.find((x) => x.plover.type === 'ASSAULT');
  assert.ok(e);
  assert.equal(e.date, '2024-04');
  assert.equal(e.timePrecision, 3);
});

// --- attribution and merging (French) ---

test('fr: an event reported in a statement is attributed to that quote', () => {
  const r = run("Deux soldats ont été tués dans une embuscade mardi près de Ménaka, a déclaré un porte-parole de l'armée.", 'fr');
  const e = r.events.find((x) => x.plover.type === 'ASSAULT');
  assert.ok(e);
  assert.ok(r.quotes.length > 0);
  assert.ok(e.attributedTo.includes(r.quotes[0].id), JSON.stringify(e.attributedTo));
});

test('fr: without a statement the outlet carries the event', () => {
  const r = run("Un engin explosif a détruit lundi un véhicule militaire près de Tessit.", 'fr', '2024-03-06', 'Agence X');
  const e = find(r, 'Remote explosive/landmine/IED');
  assert.deepEqual(e.attributedTo, ['Agence X']);
});

test('fr: the same fight told twice is one event with both triggers as evidence', () => {
  const r = run("Des combats ont éclaté mardi à Kidal entre l'armée et des rebelles. Les affrontements ont duré plusieurs heures.", 'fr');
  const clashes = r.events.filter((e) => e.acled?.subEventType === 'Armed clash');
  assert.equal(clashes.length, 1, JSON.stringify(r.events.map((e) => [e.trigger.text, e.acled])));
  assert.ok(clashes[0].evidence.filter((x) => x.field === 'trigger').length >= 2);
});

test('fr: "une autre attaque" in another town stays a separate event', () => {
  const r = run("Des jihadistes ont attaqué lundi un poste militaire à Djibo. Une autre attaque a visé mardi la gendarmerie de Dori.", 'fr');
  assert.ok(r.events.filter((e) => e.plover.type === 'ASSAULT').length >= 2, JSON.stringify(r.events.map((e) => e.trigger.text)));
});

test('fr: separate happenings of one dispatch stay separate', () => {
  const r = run("Les rebelles ont pris le contrôle de la ville mardi. Le même jour, à Niamey, les deux parties ont entamé des pourparlers.", 'fr');
  assert.ok(r.events.some((e) => e.acled?.subEventType === 'Non-state actor overtakes territory'));
  assert.ok(r.events.some((e) => e.plover.type === 'CONSULT'));
});

test('fr: every event field has its words as evidence, and rule names in why', () => {
  const text = "Des affrontements ont opposé mardi l'armée malienne à des rebelles près de Kidal.";
  const r = run(text, 'fr');
  for (const e of r.events) {
    assert.ok(e.why.length > 0);
    for (const x of e.evidence) assert.equal(text.slice(x.start, x.end), x.text);
    assert.equal(text.slice(e.trigger.start, e.trigger.end), e.trigger.text);
  }
});

// --- must not find (French) ---

test('fr: a legal battle is no battle', () => {
  const r = run("Une bataille juridique oppose depuis des mois les deux sociétés devant le tribunal de commerce.", 'fr');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => e.trigger.text)));
});

test('fr: a boxing fight is no battle', () => {
  const r = run("Le boxeur a remporté son combat aux points face à son adversaire, conservant sa ceinture de champion des poids welters.", 'fr');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => e.trigger.text)));
});

test('fr: an economic report has no violent event', () => {
  const r = run("La croissance du pays a ralenti au troisième trimestre, selon l'institut de statistique, qui table sur une reprise l'an prochain.", 'fr');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => e.trigger.text)));
});

// --- English ---

test('en: militants attacked a checkpoint; soldiers killed', () => {
  const r = run('On 3 May 2019, Taliban militants attacked a checkpoint in Kunduz district; two soldiers were killed.', 'en', '2019-05-04');
  const e = r.events.find((x) => x.plover.type === 'ASSAULT');
  assert.ok(e);
  assert.equal(e.acled?.subEventType, 'Armed clash');
  assert.equal(e.actor1?.name, 'Taliban');
  assert.equal(e.date, '2019-05-03');
  assert.equal(e.fatalities, 2);
});

test('en: a car bomb exploded, killing at least 12 people', () => {
  const r = run('A car bomb exploded near a busy market in Mogadishu on Saturday, killing at least 12 people, police said.', 'en', '2024-03-10');
  const e = find(r, 'Remote explosive/landmine/IED');
  assert.equal(e.fatalities, 12);
  assert.equal(placeName(r, e), 'Mogadishu');
  assert.equal(e.date, '2024-03-09');
});

test('en: a dozen killed in an air strike', () => {
  const r = run('An air strike on a village in northern Yemen killed a dozen people on Monday.', 'en', '2024-03-06');
  const e = find(r, 'Air/drone strike');
  assert.equal(e.fatalities, 12);
});

test('en: abducted students', () => {
  const r = run('Gunmen abducted more than 30 students from a boarding school in Zamfara state on Friday.', 'en');
  const e = find(r, 'Abduction/forced disappearance');
  assert.equal(e.acled?.eventType, 'Violence against civilians');
});

test('en: troops stormed a rebel camp and clashed with fighters', () => {
  const r = run('Government troops clashed with rebel fighters near the town of Beni on Tuesday.', 'en');
  const e = find(r, 'Armed clash');
  assert.match(e.actor1?.name ?? '', /Military Forces/);
});

test('en: protesters rallied; police fired tear gas', () => {
  const r = run('Thousands of protesters rallied in Nairobi on Monday and police fired tear gas to disperse them.', 'en');
  find(r, 'Protest with intervention');
});

test('en: arrests', () => {
  const r = run('Police arrested 15 opposition supporters in Harare on Wednesday.', 'en');
  const e = find(r, 'Arrests');
  assert.match(e.actor1?.name ?? '', /Police Forces of Zimbabwe/);
});

test('en: the rebels denied attacking the convoy', () => {
  const r = run('The rebels denied attacking the aid convoy on Sunday.', 'en');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => [e.trigger.text, e.modality])));
});

test('en: no attack was reported is negated', () => {
  const r = run('Officials said the militants did not attack the town overnight.', 'en');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => [e.trigger.text, e.modality])));
});

test('en: a threat to strike is planned, not a strike', () => {
  const r = run('The group threatened to attack government buildings if its demands were not met.', 'en');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => [e.trigger.text, e.modality])));
  findPlover(r, 'THREATEN');
});

test('en: a political offensive is no offensive', () => {
  const r = run('The president launched a political offensive against his rivals ahead of the vote.', 'en');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => e.trigger.text)));
});

test('en: met for talks is CONSULT; agreed is AGREE', () => {
  const r = run('The two foreign ministers met in Geneva on Thursday and agreed to restore diplomatic ties.', 'en');
  findPlover(r, 'CONSULT');
  findPlover(r, 'AGREE');
});

test('en: sanctions and expulsions', () => {
  const r = run('The European Union imposed new sanctions on the regime and expelled two diplomats.', 'en');
  findPlover(r, 'SANCTION');
});

test('en: a boxing bout is no battle', () => {
  const r = run('The champion knocked out his opponent in the fourth round to keep his welterweight title belt.', 'en');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => e.trigger.text)));
});

test('en: a politician attacking a rival with words is no attack', () => {
  const r = run('Senator Maria Lopez attacked her rival as a coward during the televised debate on Tuesday.', 'en');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => [e.trigger.text, e.acled])));
});

test('fr: un élu qui attaque son adversaire en paroles n\'est pas une attaque', () => {
  const r = run("Le député Jean Marcou a attaqué mardi son adversaire, qu'il accuse de mentir aux électeurs.", 'fr');
  assert.equal(acledEvents(r).length, 0, JSON.stringify(r.events.map((e) => [e.trigger.text, e.acled])));
});

test('en: gunmen attacking a named official is still an attack', () => {
  const r = run('Gunmen attacked the convoy of governor Paul Anka near Jos on Monday, killing two of his guards.', 'en');
  assert.ok(acledEvents(r).some((e) => e.plover.type === 'ASSAULT'), JSON.stringify(r.events.map((e) => [e.trigger.text, e.acled])));
});

test('fr: a pluperfect happening is dated to the month of the dateline, not to a day of another phrase', () => {
  const r = run("Avant la rencontre de jeudi, le gouvernement avait accusé les rebelles d'avoir violé la trêve.", 'fr', '2024-03-08');
  const e = findPlover(r, 'ACCUSE');
  assert.equal(e.date, '2024-03');
  assert.equal(e.timePrecision, 3);
});

test('en: "had attacked on Monday" keeps its own day', () => {
  const r = run('Officials said gunmen had attacked the village on Monday, killing four people.', 'en', '2024-03-08');
  const e = r.events.find((x) => x.plover.type === 'ASSAULT');
  assert.ok(e);
  assert.equal(e.date, '2024-03-04');
});

test('a run of hundreds of digits is no casualty figure: fatalities stay finite (or unknown)', () => {
  for (const [lang, text] of [
    ['en', `Gunmen killed ${'9'.repeat(309)} people in a village on Monday.`],
    ['fr', `Des hommes armés ont tué ${'7'.repeat(25)} personnes dans un village lundi.`],
  ] as const) {
    const rec = extract({ id: 'digits', lang, text, published: '2024-03-05' });
    for (const e of rec.events) assert.ok(e.fatalities === null || Number.isSafeInteger(e.fatalities), `${lang}: ${e.fatalities}`);
  }
});
