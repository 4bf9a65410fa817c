// Places: toponyms found in dispatches and resolved to the offline GeoNames gazetteer.
// Each test reads like "given this sentence, we find that…". Sentences are the project's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolvePlaces } from '../src/pipeline/places.js';
import { splitSentences, tokenize } from '../src/text/index.js';
import type { Annotations, Lang, Mention, Place } from '../src/types.js';

function places(text: string, lang: Lang, mentions: Mention[] = []): Place[] {
  const ann: Annotations = {
    language: { lang, confidence: 1, method: 'given' },
    sentences: splitSentences(text, lang),
    tokens: tokenize(text, lang),
    mentions, quotes: [], times: [], places: [], events: [],
  };
  return resolvePlaces({ id: 't', text, lang, published: null }, ann);
}

function one(ps: Place[], text: string): Place {
  const p = ps.find((x) => x.text === text);
  assert.ok(p, `expected a place "${text}" among [${ps.map((x) => x.text).join(', ')}]`);
  return p;
}

function none(ps: Place[], text: string): void {
  assert.equal(ps.find((x) => x.text === text), undefined, `"${text}" should not be a place`);
}

function km(a: { lat: number | null; lon: number | null }, lat: number, lon: number): number {
  const r = Math.PI / 180;
  const x = Math.sin(((lat - a.lat!) * r) / 2) ** 2 +
    Math.cos(a.lat! * r) * Math.cos(lat * r) * Math.sin(((lon - a.lon!) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(x));
}

// --- French: the Afghan provinces, transliterations and exonyms --------------------------------

test('fr: a provincial capital named with its province resolves to the town in that province', () => {
  const ps = places('Les insurgés sont entrés mardi dans Qala-i-Naw, chef-lieu de la province de Badghis.', 'fr');
  const town = one(ps, 'Qala-i-Naw');
  assert.equal(town.country, 'AF');
  assert.equal(town.admin1, 'Badghis');
  assert.equal(town.geoPrecision, 1);
  assert.ok(km(town, 34.98, 63.13) < 5);
});

test('fr: "la province de Badghis" is the province itself (ADM1, precision 3)', () => {
  const p = one(places('Les routes de la province de Badghis restent coupées.', 'fr'), 'Badghis');
  assert.equal(p.featureCode, 'ADM1');
  assert.equal(p.admin1, 'Badghis');
  assert.equal(p.geoPrecision, 3);
});

test("fr: the transliteration Qal'ah-ye Now is the same town as Qala-i-Naw", () => {
  const p = one(places("Un convoi est arrivé à Qal'ah-ye Now dans la soirée.", 'fr'), "Qal'ah-ye Now");
  assert.equal(p.country, 'AF');
  assert.equal(p.featureCode, 'PPLA');
});

test('fr: French exonyms of capitals: Kaboul and Téhéran', () => {
  const ps = places('Le ministre a quitté Kaboul pour Téhéran jeudi.', 'fr');
  assert.equal(one(ps, 'Kaboul').featureCode, 'PPLC');
  assert.equal(one(ps, 'Kaboul').country, 'AF');
  assert.equal(one(ps, 'Téhéran').featureCode, 'PPLC');
  assert.equal(one(ps, 'Téhéran').country, 'IR');
});

test('fr: Koundouz (French spelling of Kunduz) is found through transliteration folding', () => {
  const p = one(places("Des renforts ont été envoyés à Koundouz, dans le nord de l'Afghanistan.", 'fr'), 'Koundouz');
  assert.equal(p.country, 'AF');
  assert.ok(km(p, 36.73, 68.86) < 10);
});

test('fr: Mazar-e Charif (ch for sh) is Mazar-e Sharif', () => {
  const p = one(places('Les combattants se sont repliés vers Mazar-e Charif.', 'fr'), 'Mazar-e Charif');
  assert.equal(p.country, 'AF');
  assert.equal(p.admin1, 'Balkh');
});

test('fr: country names in French resolve to the country', () => {
  const ps = places("Des réfugiés ont franchi la frontière entre l'Afghanistan et l'Iran.", 'fr');
  assert.equal(one(ps, 'Afghanistan').featureCode, 'PCLI');
  assert.equal(one(ps, 'Iran').country, 'IR');
  assert.equal(one(ps, 'Iran').geoPrecision, 3);
});

test('fr: États-Unis and Côte d\'Ivoire (hyphen and elision inside the name)', () => {
  const ps = places("Les États-Unis et la Côte d'Ivoire ont conclu un accord.", 'fr');
  assert.equal(one(ps, 'États-Unis').country, 'US');
  assert.equal(one(ps, "Côte d'Ivoire").country, 'CI');
});

// --- French: metonyms -----------------------------------------------------------------------------

test('fr: "le gouvernement de Kaboul" is a metonym', () => {
  const p = one(places('Le gouvernement de Kaboul a promis des renforts.', 'fr'), 'Kaboul');
  assert.equal(p.metonym, true);
});

test('fr: a capital as the subject of "a annoncé" is a metonym', () => {
  assert.equal(one(places('Washington a annoncé de nouvelles mesures.', 'fr'), 'Washington').metonym, true);
});

test('fr: "Moscou accuse…" is a metonym', () => {
  assert.equal(one(places("Moscou accuse l'Occident de provocation.", 'fr'), 'Moscou').metonym, true);
});

test('fr: a town where something happens is not a metonym', () => {
  assert.equal(one(places('Une bombe a explosé à Kaboul dimanche.', 'fr'), 'Kaboul').metonym, undefined);
});

// --- French: precision cues ------------------------------------------------------------------------

test('fr: "près de X" gives geo_precision 2', () => {
  assert.equal(one(places('Un poste a été attaqué près de Hérat.', 'fr'), 'Hérat').geoPrecision, 2);
});

test('fr: "à 20 km au nord de X" gives geo_precision 2', () => {
  const p = one(places('Une embuscade a eu lieu à 20 km au nord de Kandahar.', 'fr'), 'Kandahar');
  assert.equal(p.geoPrecision, 2);
  assert.equal(p.featureCode, 'PPLA');
});

test('fr: "dans le nord de la province de X" gives geo_precision 2 on the province', () => {
  const p = one(places('Les combats continuent dans le nord de la province de Helmand.', 'fr'), 'Helmand');
  assert.equal(p.featureCode, 'ADM1');
  assert.equal(p.geoPrecision, 2);
});

test('fr: "le district de X" reads the district (ADM2), precision 2', () => {
  const p = one(places('Le district de Qadis est passé sous contrôle rebelle.', 'fr'), 'Qadis');
  assert.equal(p.featureCode, 'ADM2');
  assert.equal(p.geoPrecision, 2);
});

// --- French: province vs town of the same name ---------------------------------------------------

test('fr: the bare name of a provincial capital is the town', () => {
  const p = one(places('Les rebelles contrôlent Kandahar depuis dimanche.', 'fr'), 'Kandahar');
  assert.equal(p.featureCode, 'PPLA');
  assert.equal(p.geoPrecision, 1);
});

test('fr: the same name after "la province de" is the province', () => {
  const p = one(places('La province de Kandahar compte de nombreux districts.', 'fr'), 'Kandahar');
  assert.equal(p.featureCode, 'ADM1');
  assert.equal(p.geoPrecision, 3);
});

test('fr: "la province d\'Hérat" is the province although Hérat is the name of its capital', () => {
  const p = one(places("Les inondations ont touché la province d'Hérat.", 'fr'), 'Hérat');
  assert.equal(p.featureCode, 'ADM1');
});

// --- French: stop list and person names ----------------------------------------------------------

test('fr: weekdays are not towns ("Mercredi" at the start of a sentence)', () => {
  assert.equal(places('Mercredi, les forces ont repris la ville.', 'fr').length, 0);
});

test('fr: a first name followed by a town-like surname is a person', () => {
  none(places('Jean Paris a présenté son dernier livre.', 'fr'), 'Paris');
});

test('fr: a name right after a title is a person, not a town', () => {
  none(places('Le général Lincoln a inspecté les troupes.', 'fr'), 'Lincoln');
});

test('fr: a place covered by a longer PER mention is not a place', () => {
  const text = 'Hier, Ahmad Kandahar a témoigné.';
  const start = text.indexOf('Ahmad');
  const m: Mention = { id: 'm1', start, end: start + 'Ahmad Kandahar'.length, text: 'Ahmad Kandahar', type: 'PER', canonical: null, role: null };
  none(places(text, 'fr', [m]), 'Kandahar');
});

test('fr: possessive "Mon" at a sentence start is not a region of Myanmar', () => {
  assert.equal(places('Mon frère habite loin.', 'fr').length, 0);
});

test('fr: containment "Tripoli, au Liban" picks the Lebanese Tripoli', () => {
  const p = one(places('Des heurts ont éclaté à Tripoli, au Liban.', 'fr'), 'Tripoli');
  assert.equal(p.country, 'LB');
});

test('fr: without context Tripoli is the Libyan capital', () => {
  const p = one(places('Une délégation est arrivée à Tripoli.', 'fr'), 'Tripoli');
  assert.equal(p.country, 'LY');
  assert.equal(p.featureCode, 'PPLC');
});

test('fr: the Georgian capital Tbilissi and Géorgie the country', () => {
  const ps = places('Des manifestants se sont rassemblés en Géorgie, à Tbilissi.', 'fr');
  assert.equal(one(ps, 'Géorgie').country, 'GE');
  assert.equal(one(ps, 'Géorgie').featureCode, 'PCLI');
  assert.equal(one(ps, 'Tbilissi').country, 'GE');
});

test('fr: supranational regions come from the alias lexicon', () => {
  const ps = places('La sécheresse frappe le Sahel et une partie du Moyen-Orient.', 'fr');
  assert.equal(one(ps, 'Sahel').featureCode, 'RGN');
  assert.equal(one(ps, 'Moyen-Orient').geoPrecision, 3);
});

test('fr: places get ids p1, p2… in text order', () => {
  const ps = places('De Kaboul à Hérat, puis vers Kandahar.', 'fr');
  assert.deepEqual(ps.map((p) => p.id), ['p1', 'p2', 'p3']);
  assert.deepEqual(ps.map((p) => p.text), ['Kaboul', 'Hérat', 'Kandahar']);
});

test('fr: offsets point at the name in the original text', () => {
  const text = "L'attaque a visé Hérat.";
  const p = one(places(text, 'fr'), 'Hérat');
  assert.equal(text.slice(p.start, p.end), 'Hérat');
});

// --- English: ambiguous names ---------------------------------------------------------------------

test('en: Paris alone is the French capital', () => {
  const p = one(places('The summit opened in Paris on Friday.', 'en'), 'Paris');
  assert.equal(p.country, 'FR');
  assert.equal(p.featureCode, 'PPLC');
});

test('en: "Paris, Texas" is the Texan town and Texas the state', () => {
  const ps = places('The rancher drove from Paris, Texas, to Dallas.', 'en');
  assert.equal(one(ps, 'Paris').country, 'US');
  assert.equal(one(ps, 'Paris').admin1, 'Texas');
  assert.equal(one(ps, 'Texas').featureCode, 'ADM1');
});

test('en: "Tripoli, Lebanon" is the Lebanese port', () => {
  const p = one(places('Clashes erupted in Tripoli, Lebanon, after the funeral.', 'en'), 'Tripoli');
  assert.equal(p.country, 'LB');
});

test('en: Tripoli described as the Libyan capital is in Libya', () => {
  const p = one(places('Militias fought for control of Tripoli, the Libyan capital.', 'en'), 'Tripoli');
  assert.equal(p.country, 'LY');
});

test('en: Georgia next to Russia is the country', () => {
  const p = one(places('Georgia and Russia fought a short war in 2008.', 'en'), 'Georgia');
  assert.equal(p.featureCode, 'PCLI');
  assert.equal(p.country, 'GE');
});

test('en: "Atlanta, Georgia" makes Georgia the US state', () => {
  const ps = places('Voters lined up in Atlanta, Georgia, before dawn.', 'en');
  assert.equal(one(ps, 'Georgia').featureCode, 'ADM1');
  assert.equal(one(ps, 'Georgia').country, 'US');
  assert.equal(one(ps, 'Atlanta').admin1, 'Georgia');
});

test('en: "Springfield, Illinois" is the Illinois capital, not another Springfield', () => {
  const p = one(places('The town of Springfield, Illinois, held a vote.', 'en'), 'Springfield');
  assert.equal(p.admin1, 'Illinois');
});

test('en: New York alone is the city', () => {
  const p = one(places('Flights to New York were cancelled.', 'en'), 'New York');
  assert.ok(p.featureCode?.startsWith('PPL'));
  assert.ok(km(p, 40.71, -74.0) < 25);
});

test('en: Mexico is the country, not Mexico City', () => {
  const p = one(places('Exports from Mexico rose sharply.', 'en'), 'Mexico');
  assert.equal(p.featureCode, 'PCLI');
});

test('en: "X province" is the province', () => {
  const p = one(places('Fighting intensified in Helmand province overnight.', 'en'), 'Helmand');
  assert.equal(p.featureCode, 'ADM1');
  assert.equal(p.geoPrecision, 3);
});

test('en: "30 km north of Kabul" gives precision 2', () => {
  assert.equal(one(places('The attack happened 30 km north of Kabul.', 'en'), 'Kabul').geoPrecision, 2);
});

test('en: "near X" gives precision 2', () => {
  assert.equal(one(places('Gunmen attacked a checkpoint near Kandahar.', 'en'), 'Kandahar').geoPrecision, 2);
});

test('en: US state abbreviations as the press writes them', () => {
  const p = one(places('The plant in Fresno, Calif., closed.', 'en'), 'Calif.');
  assert.equal(p.featureCode, 'ADM1');
  assert.equal(p.admin1, 'California');
});

test('en: U.S. and UK are countries', () => {
  const ps = places('Talks between U.S. and UK negotiators resumed.', 'en');
  assert.equal(one(ps, 'U.S.').country, 'US');
  assert.equal(one(ps, 'UK').country, 'GB');
});

// --- English: stop list, persons, metonyms, demonyms -------------------------------------------

test('en: "May" at the start of a sentence is the month or a person, not a town', () => {
  none(places('May said the negotiations would continue.', 'en'), 'May');
});

test('en: "Will Smith" is a person', () => {
  assert.equal(places('Will Smith arrived at the ceremony.', 'en').length, 0);
});

test('en: "Police" is not the Polish town', () => {
  assert.equal(places('Police arrested two men on Sunday.', 'en').length, 0);
});

test('en: a surname after "Senator" is not a town', () => {
  none(places('Senator Jackson told reporters the bill would pass.', 'en'), 'Jackson');
});

test('en: "Washington said" is a metonym for the US government', () => {
  const p = one(places('Washington said it would impose new sanctions.', 'en'), 'Washington');
  assert.equal(p.metonym, true);
  assert.equal(p.country, 'US');
  assert.equal(p.featureCode, 'PPLC');
});

test('en: "Kyiv said" is a metonym', () => {
  assert.equal(one(places('Kyiv said the strikes hit a power station.', 'en'), 'Kyiv').metonym, true);
});

test('en: "officials in Kandahar said" is a place, not a metonym', () => {
  const p = one(places('Officials in Kandahar said the market reopened.', 'en'), 'Kandahar');
  assert.equal(p.metonym, undefined);
});

test('en: a demonym is an associated place (its country), flagged metonym', () => {
  const p = one(places('Russian troops crossed the border into Ukraine.', 'en'), 'Russian');
  assert.equal(p.country, 'RU');
  assert.equal(p.metonym, true);
  assert.equal(one(places('Russian troops crossed the border into Ukraine.', 'en'), 'Ukraine').metonym, undefined);
});

test('en: "Canadian" is the demonym, not a small town named Canadian', () => {
  const p = one(places('The Canadian government responded.', 'en'), 'Canadian');
  assert.equal(p.country, 'CA');
  assert.equal(p.featureCode, 'PCLI');
});

test('en: a multi-word demonym ("South Korean") is one place', () => {
  const p = one(places('South Korean officials met their counterparts.', 'en'), 'South Korean');
  assert.equal(p.country, 'KR');
});

test('en: the focus country decides between namesakes (St. Petersburg in a Florida story)', () => {
  const p = one(places('Storms hit Tampa and St. Petersburg in Florida.', 'en'), 'St. Petersburg');
  assert.equal(p.country, 'US');
});

test('en: one sense per document: every mention of a name gets the same place', () => {
  const ps = places('Clashes erupted in Tripoli, Lebanon. Later, Tripoli was calm.', 'en');
  const all = ps.filter((p) => p.text === 'Tripoli');
  assert.equal(all.length, 2);
  assert.ok(all.every((p) => p.country === 'LB'));
});

test('en: a small town needs evidence: a capitalised surname alone is not a place', () => {
  assert.equal(places('Mr Bassett denied the claims.', 'en').length, 0);
});

test('en: continents and regions', () => {
  const ps = places('Aid reached Africa and the Middle East.', 'en');
  assert.equal(one(ps, 'Africa').featureCode, 'CONT');
  assert.equal(one(ps, 'Middle East').geoPrecision, 3);
});

test('fr: French exonyms from the alias lexicon (Pékin) resolve even as a sentence subject', () => {
  const p = one(places('Pékin a convoqué l\'ambassadeur.', 'fr'), 'Pékin');
  assert.equal(p.country, 'CN');
  assert.equal(p.metonym, true);
});

test('en: a short all-capitals acronym is not a town', () => {
  assert.equal(places('The BA flight landed late.', 'en').length, 0);
});

test('en: "the White House said" is the building, a metonym', () => {
  const p = one(places('The White House said the talks would resume.', 'en'), 'White House');
  assert.equal(p.country, 'US');
  assert.equal(p.metonym, true);
});

test('en: a first name that is an old name of a city is not that city', () => {
  none(places('Julia told the court she was innocent.', 'en'), 'Julia');
});

test('en: oceans and seas from the alias lexicon have precision 3', () => {
  const p = one(places('The ship sank in the Mediterranean.', 'en'), 'Mediterranean');
  assert.equal(p.geoPrecision, 3);
});

test('fr: a province cue holds for every name of a list ("les provinces de X, Y et Z")', () => {
  const ps = places('Des frappes ont visé les provinces de Helmand, Kandahar et Zaboul.', 'fr');
  assert.equal(one(ps, 'Kandahar').featureCode, 'ADM1');
  assert.equal(one(ps, 'Helmand').featureCode, 'ADM1');
});

test('en: "Helmand and Kandahar provinces": the cue after the list holds for both names', () => {
  const ps = places('Fighting spread across Helmand and Kandahar provinces.', 'en');
  assert.equal(one(ps, 'Kandahar').featureCode, 'ADM1');
});

test('fr: a list of towns without a cue stays a list of towns', () => {
  const ps = places('Le convoi est passé par Hérat, Farah et Kandahar.', 'fr');
  assert.equal(one(ps, 'Kandahar').featureCode, 'PPLA');
});

test('fr: a place inside a role description ("le gouverneur de Badghis") is kept', () => {
  const text = 'Le gouverneur de Badghis a demandé des renforts.';
  const start = text.indexOf('gouverneur');
  const m: Mention = { id: 'm1', start, end: text.indexOf(' a demandé'), text: 'gouverneur de Badghis', type: 'PER', canonical: null, role: null };
  assert.equal(one(places(text, 'fr', [m]), 'Badghis').featureCode, 'ADM1');
});

test('en: a well-known place at the head of an organisation name is kept as a metonym', () => {
  const text = 'The Lagos Chamber of Commerce signed the agreement.';
  const start = text.indexOf('Lagos');
  const m: Mention = { id: 'm1', start, end: text.indexOf(' signed'), text: 'Lagos Chamber of Commerce', type: 'ORG', canonical: null, role: null };
  const p = one(places(text, 'en', [m]), 'Lagos');
  assert.equal(p.country, 'NG');
  assert.equal(p.metonym, true);
});

test('en: a demonym inside a hyphenated word ("Russian-backed") is found', () => {
  const p = one(places('The Russian-backed offensive stalled.', 'en'), 'Russian');
  assert.equal(p.country, 'RU');
  assert.equal(p.metonym, true);
});

test('a famous place that is the first name of a person mention is no place: "Jordan Okafor"', () => {
  const text = 'Jordan Okafor, the union leader, said the strike would go on in Lagos.';
  const person: Mention = { id: 'm1', start: 0, end: 13, text: 'Jordan Okafor', type: 'PER', canonical: 'Jordan Okafor', role: null };
  const ps = places(text, 'en', [person]);
  assert.equal(ps.find((p) => p.text === 'Jordan'), undefined);
  assert.ok(ps.find((p) => p.text === 'Lagos'), 'Lagos is still found');
});
