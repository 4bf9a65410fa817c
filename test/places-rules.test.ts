// Places: the named rules of the places stage, one example each (sentences of our own), with the
// rule names each place carries, and must-not-find cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline/index.js';
import type { Place } from '../src/types.js';

function places(text: string, lang: 'fr' | 'en'): Place[] {
  return extract({ id: 't', text, lang, published: '2024-03-01' }).places;
}

function one(ps: Place[], text: string): Place {
  const p = ps.find((x) => x.text === text);
  assert.ok(p, `expected a place "${text}" among [${ps.map((x) => x.text).join(', ')}]`);
  return p;
}

function none(ps: Place[], text: string): void {
  assert.equal(ps.find((x) => x.text === text), undefined, `"${text}" should not be a place`);
}

test('every place carries the names of the rules that made it', () => {
  const ps = places('Des renforts ont été envoyés dans la province de Mopti, au Mali.', 'fr');
  const p = one(ps, 'Mopti');
  assert.ok(p.rules?.includes('gazetteer-match'));
  assert.ok(p.rules?.includes('cue-admin1'));
  assert.equal(p.featureCode, 'ADM1');
});

// --- localities the gazetteer lacks ------------------------------------------------------------

test('fr: "le village de X" not in the gazetteer is placed at the area named in its sentence (precision 3 for a province)', () => {
  const ps = places('Dans la région de Mopti, des hommes armés ont attaqué dimanche le village de Kourbatenga.', 'fr');
  const v = one(ps, 'Kourbatenga');
  assert.equal(v.geonameId, null);
  assert.equal(v.country, 'ML');
  assert.equal(v.admin1, 'Mopti');
  assert.equal(v.geoPrecision, 3);
  assert.ok(v.lat !== null && v.lon !== null);
  assert.deepEqual(v.rules, ['context-locality', 'best-container']);
});

test('fr: "X, à 40 km de Y" places X near Y (precision 2)', () => {
  const ps = places('Tindiguirou, à 40 km de Douentza, a été visée par une attaque mardi.', 'fr');
  const v = one(ps, 'Tindiguirou');
  const y = one(ps, 'Douentza');
  assert.equal(v.geoPrecision, 2);
  assert.equal(v.lat, y.lat);
  assert.ok(v.rules?.includes('measured-locality'));
});

test('en: "the village of X" and "X, 30 km north of Y"', () => {
  const ps = places('Gunmen stormed the village of Wurokanda in Borno state. Bakinsara, 30 km north of Maiduguri, was also hit.', 'en');
  const v = one(ps, 'Wurokanda');
  assert.equal(v.country, 'NG');
  const w = one(ps, 'Bakinsara');
  assert.equal(w.geoPrecision, 2);
  assert.equal(w.country, 'NG');
});

test('must not find: a locality cue without a capitalised name, or before a stop word', () => {
  const ps = places('Le village de pêcheurs, près de Dakar, attend la saison. Le village de Noël ouvre lundi.', 'fr');
  assert.deepEqual(ps.filter((p) => p.rules?.includes('context-locality')).map((p) => p.text), []);
});

test('must not find: a locality with no area named before or in its sentence', () => {
  const ps = places('Les habitants du village de Kourbatenga ont fui.', 'fr');
  none(ps, 'Kourbatenga');
});

// --- institutions --------------------------------------------------------------------------------

test('fr: no place inside the name of a market, a university or a festival', () => {
  const ps = places("La Bourse de Paris a reculé tandis que l'Université de Lyon fermait et que le Festival de Cannes s'ouvrait.", 'fr');
  none(ps, 'Paris');
  none(ps, 'Lyon');
  none(ps, 'Cannes');
});

test('fr: a lower-case head still says where ("la bourse de Dakar" stays a place)', () => {
  const ps = places('Les négociants de la place de Dakar ont réagi.', 'fr');
  one(ps, 'Dakar');
});

test('en: no place inside "Cannes Film Festival" or "University of Oxford"; the town alone is one', () => {
  const ps = places('The Cannes Film Festival opened as the University of Oxford closed. Police in Cannes said.', 'en');
  assert.equal(ps.filter((p) => p.text === 'Cannes').length, 1);
  none(ps, 'Oxford');
});

// --- acronyms and titles ---------------------------------------------------------------------------

test('must not find: an acronym or a name after a title as a small town', () => {
  const ps = places("Le porte-parole de l'ONG MSF a parlé au général Lagos. The CEO of ABC spoke.", 'fr');
  none(ps, 'MSF');
  none(ps, 'Lagos');
});

// --- focus of local news ---------------------------------------------------------------------------

test('en: a state named with its towns is the state, not the country ("Georgia" with Atlanta and Savannah)', () => {
  const ps = places('Georgia lawmakers met in Atlanta on Tuesday while Savannah and Macon sent delegates.', 'en');
  const g = one(ps, 'Georgia');
  assert.equal(g.country, 'US');
  assert.equal(g.featureCode, 'ADM1');
  assert.ok(g.rules?.includes('focus-admin1'));
});

test('en: "Paris, Texas" is the Texan town for the whole document', () => {
  const ps = places('A storm hit Paris, Texas, on Monday. Schools in Paris stayed closed.', 'en');
  assert.ok(ps.filter((p) => p.text === 'Paris').every((p) => p.country === 'US'));
});

test('en: "New York" among Brooklyn and Buffalo stays the city', () => {
  const ps = places('Officials in New York said crews from Brooklyn and Buffalo were sent to Albany.', 'en');
  assert.equal(one(ps, 'New York').featureCode?.startsWith('PPL'), true);
});

test('en: a country keeps its name when the text is about it ("Georgia" with Tbilisi)', () => {
  const ps = places('Protesters gathered in Tbilisi as Georgia prepared for the vote.', 'en');
  assert.equal(one(ps, 'Georgia').country, 'GE');
});

test('fr: a list opened by a locality cue: every unknown name is a locality ("les quartiers de A, B et C")', () => {
  const ps = places('La police a bouclé les quartiers de Rugembo, Kiyange et Mushasha, à Bujumbura.', 'fr');
  for (const n of ['Rugembo', 'Kiyange', 'Mushasha']) assert.equal(one(ps, n).country, 'BI');
  assert.ok(one(ps, 'Kiyange').rules?.includes('list-locality'));
  none(ps, 'Kiyange et Mushasha');
});

test('fr: "à X, dans le district de Y" places X in the district named after it', () => {
  const ps = places('Les soldats ont ouvert le feu à Tarbouzet, dans le district de Ménaka.', 'fr');
  const v = one(ps, 'Tarbouzet');
  assert.equal(v.country, 'ML');
  assert.ok(v.rules?.includes('contained-locality'));
});

test('en: "in X, Borno state" places X in the state', () => {
  const ps = places('Clashes erupted overnight in Gwozarin, Borno state, residents said.', 'en');
  assert.equal(one(ps, 'Gwozarin').country, 'NG');
});

test('en: "the village of X" in a text about one country is not a namesake hamlet abroad', () => {
  const ps = places('Gunmen attacked the village of Kotra in northern Mali on Sunday.', 'en');
  const v = one(ps, 'Kotra');
  assert.equal(v.country, 'ML');
  assert.equal(v.geonameId, null);
});

test('must not find: a person named after a title is no locality ("au ministre Moussa Traoré, dans la province de …")', () => {
  const ps = places('Le prix a été remis au ministre Moussa Traoré, dans la province de Mopti.', 'fr');
  none(ps, 'Moussa Traoré');
});
