// Adding a language touches no stage code: a toy Spanish lexicon (test/fixtures/lexicons/es:
// language.json, stopwords, segmentation, time grammar, place cues) is added as a lexicon root,
// through the same loader as French and English, and the pipeline reads dates and places in it.
// Sentences are our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addLexiconRoot, languageCodes, languageInfo, lexiconLang, packageRoot } from '../src/lexicons/load.js';
import { detectLanguage, normaliseLang } from '../src/pipeline/language.js';
import { extract } from '../src/pipeline/index.js';
import { splitSentences } from '../src/text/index.js';

const TOY_ROOT = join(packageRoot(), 'test', 'fixtures', 'lexicons');
const SPANISH = 'Los enfrentamientos comenzaron el martes 12 de marzo en Valparaíso, según la policía. La calma volvió ayer por la tarde.';
const FRENCH = 'Les habitants ont quitté le village jeudi, selon un responsable local.';
const ENGLISH = 'The residents left the village on Thursday, according to a local official.';

test('before its lexicons are added, Spanish is no language of ours', () => {
  assert.deepEqual(languageCodes(), ['fr', 'en']);
  assert.equal(normaliseLang('es'), 'other');
  assert.notEqual(detectLanguage(SPANISH).lang, 'es');
  assert.equal(lexiconLang('es', 'places-cues'), 'en');
});

test('a lexicon root with an es folder holding language.json adds Spanish to the registry', () => {
  addLexiconRoot(TOY_ROOT);
  assert.deepEqual(languageCodes(), ['fr', 'en', 'es']);
  assert.equal(languageInfo('es')?.name, 'español');
  assert.equal(normaliseLang('es-MX'), 'es');
  assert.equal(normaliseLang('Spanish'), 'es');
  assert.equal(normaliseLang('fr-CA'), 'fr');
  assert.equal(normaliseLang('de'), 'other');
  assert.equal(lexiconLang('es', 'places-cues'), 'es');
  // a file the toy language does not write falls back to English
  assert.equal(lexiconLang('es', 'cues'), 'en');
});

test('detection: a Spanish text is es; French and English texts stay what they were', () => {
  assert.equal(detectLanguage(SPANISH).lang, 'es');
  assert.equal(detectLanguage(FRENCH).lang, 'fr');
  assert.equal(detectLanguage(ENGLISH).lang, 'en');
  // other languages of src/lexicons/other are still evidence of another language
  assert.equal(detectLanguage('Der Bürgermeister hat heute in Hamburg gesprochen').lang, 'other');
});

test('segmentation uses the toy language\'s abbreviations: no sentence break after "Sr."', () => {
  const text = 'El Sr. Gómez llegó tarde. Luego habló.';
  assert.deepEqual(splitSentences(text, 'es').map((s) => text.slice(s.start, s.end)), ['El Sr. Gómez llegó tarde.', 'Luego habló.']);
});

test('a date and a place extracted from a Spanish sentence, with the rules that found them', () => {
  const r = extract({ id: 'toy-es', text: SPANISH, published: '2024-03-14' });
  assert.equal(r.lang, 'es');
  const times = r.times.map((t) => [t.text, t.value]);
  assert.deepEqual(times, [['el martes 12 de marzo', '2024-03-12'], ['ayer', '2024-03-13']]);
  assert.ok(r.times.every((t) => t.rules?.[0]?.startsWith('es.')), JSON.stringify(r.times.map((t) => t.rules)));
  const place = r.places.find((p) => p.text === 'Valparaíso');
  assert.ok(place, JSON.stringify(r.places));
  assert.equal(place.country, 'CL');
  assert.equal(SPANISH.slice(place.start, place.end), 'Valparaíso');
});

test('must not: Spanish rules do not read a French document, nor French rules a Spanish one', () => {
  const fr = extract({ id: 'fr', text: 'Le maire a parlé de « 12 de marzo » devant la presse.', lang: 'fr', published: '2024-03-14' });
  assert.deepEqual(fr.times, []);
  const es = extract({ id: 'es', text: 'El alcalde habló del 12 mars con la prensa.', lang: 'es', published: '2024-03-14' });
  assert.deepEqual(es.times, []);
});

test('places read with the toy language\'s own cues: a locality after "la aldea de", no place inside "Universidad de"', () => {
  const r = extract({ id: 'toy-es-cues', text: 'Hubo disparos el lunes en la aldea de Quembrota, cerca de Kidal.', lang: 'es', published: '2024-03-14' });
  assert.ok(r.places.some((p) => p.text === 'Quembrota' && p.rules?.includes('context-locality')), JSON.stringify(r.places));
  const u = extract({ id: 'toy-es-inst', text: 'Un profesor de la Universidad de Salamanca habló ayer.', lang: 'es', published: '2024-03-14' });
  assert.deepEqual(u.places.map((p) => p.text), []);
});

test('the CLI reads a language from VIGIE_LEXICONS: --lang es accepted, a date and a place in the record', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-toy-es-'));
  const file = join(dir, 'valparaiso.txt');
  writeFileSync(file, SPANISH);
  const bin = join(packageRoot(), 'bin', 'vigie.js');
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [bin, 'extract', file, '--lang', 'es', '--published', '2024-03-14'], {
      encoding: 'utf8', env: { ...process.env, ...env },
    });
  const refused = run({ VIGIE_LEXICONS: '' });
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /--lang es: not a language Vigie reads/);
  const r = run({ VIGIE_LEXICONS: TOY_ROOT });
  assert.equal(r.status, 0, r.stderr);
  const rec = JSON.parse(r.stdout.trim()) as { lang: string; times: { value: string }[]; places: { name: string }[] };
  assert.equal(rec.lang, 'es');
  assert.deepEqual(rec.times.map((t) => t.value), ['2024-03-12', '2024-03-13']);
  assert.deepEqual(rec.places.map((p) => p.name), ['Valparaíso']);
});
