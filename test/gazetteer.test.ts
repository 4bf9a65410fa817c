// The offline gazetteer: name keys, transliteration folding, the loaded index, the matcher.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getGazetteer } from '../src/gazetteer/index.js';
import { findNames, sharedTokenKeys, tokenKey } from '../src/gazetteer/match.js';
import { foldKey, isLatinName, normKey } from '../src/gazetteer/normalize.js';
import { tokenize } from '../src/text/index.js';

test('keys ignore accents, case, hyphens and apostrophes', () => {
  assert.equal(normKey('Qala-i-Naw'), 'qala i naw');
  assert.equal(normKey('QALA I NAW'), 'qala i naw');
  assert.equal(normKey("Qal'ah-ye Now"), normKey('Qal`ah-ye Now'));
  assert.equal(normKey('Téhéran'), 'teheran');
  assert.equal(normKey('Côte d’Ivoire'), normKey("Cote d'Ivoire"));
  assert.equal(normKey('St. Louis'), 'st louis');
});

test('special Latin letters fold to ASCII (ß, ø, ł)', () => {
  assert.equal(normKey('Łódź'), 'lodz');
  assert.equal(normKey('Tromsø'), 'tromso');
  assert.equal(normKey('Gießen'), 'giessen');
});

test('transliteration folding joins French and English spellings', () => {
  assert.equal(foldKey(normKey('Koundouz')), foldKey(normKey('Kunduz')));
  assert.equal(foldKey(normKey('Mazar-e Charif')), foldKey(normKey('Mazar-e Sharif')));
  assert.equal(foldKey(normKey('Djalalabad')), foldKey(normKey('Jalalabad')));
  assert.notEqual(foldKey(normKey('Paris')), foldKey(normKey('Tripoli')));
});

test('only Latin-script names are kept', () => {
  assert.equal(isLatinName('Kaboul'), true);
  assert.equal(isLatinName("Qal'ah-ye Now"), true);
  assert.equal(isLatinName('كابل'), false);
  assert.equal(isLatinName('Кабул'), false);
});

test('the gazetteer knows Kabul under its French name, as the Afghan capital', () => {
  const hits = getGazetteer().lookup(normKey('Kaboul'));
  const kabul = hits.find((e) => e.country === 'AF');
  assert.ok(kabul);
  assert.equal(kabul.featureCode, 'PPLC');
  assert.ok(kabul.geonameId && kabul.geonameId > 0);
});

test('the gazetteer has provinces (ADM1) with coordinates and countries in French', () => {
  const g = getGazetteer();
  const badghis = g.lookup('badghis').find((e) => e.featureCode === 'ADM1');
  assert.ok(badghis);
  assert.equal(badghis.country, 'AF');
  assert.ok(Math.abs(badghis.lat - 35.2) < 1.5 && Math.abs(badghis.lon - 63.5) < 1.5);
  assert.ok(g.lookup(normKey('Allemagne')).some((e) => e.country === 'DE' && e.featureCode.startsWith('PCL')));
});

test('a town knows the name of its province', () => {
  const g = getGazetteer();
  const town = g.lookup(normKey('Qala-i-Naw')).find((e) => e.featureCode === 'PPLA');
  assert.ok(town);
  assert.equal(g.admin1Name(town), 'Badghis');
});

test('the alias lexicons add regions and short forms GeoNames lacks', () => {
  const g = getGazetteer();
  assert.ok(g.lookup(normKey('Moyen-Orient')).some((e) => e.featureCode === 'RGN'));
  assert.ok(g.lookup(normKey('U.S.')).some((e) => e.country === 'US'));
  assert.ok(g.lookup(normKey('Calif.')).some((e) => e.featureCode === 'ADM1' && e.country === 'US'));
});

test('the matcher takes the longest capitalised name, with particles inside', () => {
  const text = 'Ils sont partis de Rio de Janeiro vers Buenos Aires.';
  const found = findNames(text, tokenize(text, 'fr'), getGazetteer(), { particles: new Set(['de']) });
  assert.deepEqual(found.map((m) => text.slice(m.start, m.end)), ['Rio de Janeiro', 'Buenos Aires']);
});

test('the matcher needs a capital letter: "nice weather" is no town', () => {
  const text = 'They enjoyed the nice weather.';
  const found = findNames(text, tokenize(text, 'en'), getGazetteer(), { particles: new Set() });
  assert.equal(found.length, 0);
});

test('the matcher falls back on folded keys for unknown spellings', () => {
  const text = 'Les renforts sont arrivés à Koundouz.';
  const found = findNames(text, tokenize(text, 'fr'), getGazetteer(), { particles: new Set() });
  const k = found.find((m) => text.slice(m.start, m.end) === 'Koundouz');
  assert.ok(k);
  assert.equal(k.folded, true);
  assert.ok(k.candidates.some((e) => e.country === 'AF'));
});

test('a place named again and again: its matches share one key and one list of entries', () => {
  const text = 'Le convoi a quitté Lyon mardi. À Lyon, le calme est revenu. Lyon attend.';
  const tokens = tokenize(text, 'fr');
  const keys: (string | undefined)[] = new Array(tokens.length);
  const found = findNames(text, tokens, getGazetteer(), { particles: new Set(), keys });
  const lyon = found.filter((m) => text.slice(m.start, m.end) === 'Lyon');
  assert.equal(lyon.length, 3);
  assert.ok(lyon.every((m) => m.candidates === lyon[0].candidates && m.key === 'lyon'));
  assert.ok(lyon[0].candidates.some((e) => e.country === 'FR'));
  // the keys the matcher read are left for the caller, the same as tokenKey gives
  assert.equal(keys[lyon[1].first], 'lyon');
  assert.equal(keys[0], 'le');
});

test('shared token keys are the keys tokenKey gives, for every spelling', () => {
  const keyOf = sharedTokenKeys();
  for (const w of ['Lyon', 'lyon', 'Lyon', 'Saint-Étienne', 'Saint-Étienne', "Côte-d'Or", 'PARIS', '12']) assert.equal(keyOf(w), tokenKey(w));
  // past its size the cache still answers, it only stops keeping
  const small = sharedTokenKeys(1);
  assert.equal(small('Nice'), 'nice');
  assert.equal(small('Évian'), tokenKey('Évian'));
  assert.equal(small('Évian'), 'evian');
});
