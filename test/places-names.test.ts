// Places: how names are written — lower-case words inside country names, elided first letters,
// French forms of provinces, short forms. Sentences are the project's own; the full pipeline runs
// (the entities stage's mentions weigh on the places).
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

test('fr: a country name with lower-case words is read whole ("Arabie saoudite", "Émirats arabes unis")', () => {
  const ps = places("Le ministre s'est rendu en Arabie saoudite puis aux Émirats arabes unis la semaine dernière.", 'fr');
  assert.equal(one(ps, 'Arabie saoudite').country, 'SA');
  assert.equal(one(ps, 'Émirats arabes unis').country, 'AE');
});

test('fr: "République centrafricaine" and "Guinée équatoriale" are the countries, not a bare word', () => {
  const ps = places('Des renforts venus de la République centrafricaine sont arrivés en Guinée équatoriale.', 'fr');
  assert.equal(one(ps, 'République centrafricaine').country, 'CF');
  assert.equal(one(ps, 'Guinée équatoriale').country, 'GQ');
});

test('fr: a lower-case word after a town is no part of its name (must not find "Lyon vendredi")', () => {
  const ps = places('La manifestation a réuni des milliers de personnes à Lyon vendredi soir.', 'fr');
  assert.equal(one(ps, 'Lyon').country, 'FR');
});

test('fr: a name opened by an elided capital letter ("N’Djamena", typographic apostrophe)', () => {
  const ps = places('Le convoi est reparti vers N’Djamena dans la nuit.', 'fr');
  const p = one(ps, 'N’Djamena');
  assert.equal(p.country, 'TD');
});

test('fr: "Côte d’Ivoire" with a typographic apostrophe is the country', () => {
  assert.equal(one(places('Le président de la Côte d’Ivoire a reçu son homologue.', 'fr'), 'Côte d’Ivoire').country, 'CI');
});

test('fr: an elided article is no part of the name ("l’Irak" is Iraq, not a town "Lirak")', () => {
  const ps = places("Les troupes ont quitté l’Irak en décembre.", 'fr');
  assert.equal(one(ps, 'Irak').country, 'IQ');
});

test('fr and en: "Burkina" alone is Burkina Faso', () => {
  assert.equal(one(places('Trois soldats ont été tués au Burkina lundi.', 'fr'), 'Burkina').country, 'BF');
  assert.equal(one(places('Three soldiers were killed in Burkina on Monday.', 'en'), 'Burkina').country, 'BF');
});

test('fr: a province under its French compass name ("Nord-Kivu", "Sud-Kivu") is the ADM1', () => {
  const ps = places('Les combats se sont étendus du Nord-Kivu au Sud-Kivu en quelques jours.', 'fr');
  const nk = one(ps, 'Nord-Kivu');
  assert.equal(nk.featureCode, 'ADM1');
  assert.equal(nk.country, 'CD');
  assert.equal(nk.geoPrecision, 3);
  assert.ok(nk.lat !== null && nk.lon !== null);
  assert.equal(one(ps, 'Sud-Kivu').featureCode, 'ADM1');
});

test('fr: a bare compass word is no province ("le Sud-Est du pays")', () => {
  const ps = places('Le Sud-Est du pays reste calme depuis des semaines.', 'fr');
  assert.equal(ps.find((p) => p.text === 'Sud-Est'), undefined);
});
