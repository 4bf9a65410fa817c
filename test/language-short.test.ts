// Language of short texts: a headline or a brief holds few function words; the better of French
// and English is chosen unless there is evidence of another language. Sentences are our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from '../src/pipeline/language.js';

const CASES: [text: string, lang: 'fr' | 'en' | 'other'][] = [
  ['Explosion meurtrière à Tombouctou', 'fr'],
  ['Niamey, 3 février - Deux policiers blessés', 'fr'],
  ['Manifestation interdite à Lomé', 'fr'],
  ['Heavy rains flood the capital', 'en'],
  ['Lagos, Tuesday - Two officers wounded', 'en'],
  ['Der Bürgermeister hat heute in Hamburg gesprochen', 'other'],
  ['El ministro habló ayer con los periodistas', 'other'],
  ['Il sindaco ha parlato oggi della crisi', 'other'],
  ['Полиция задержала трёх человек', 'other'],
];

for (const [text, lang] of CASES) {
  test(`short text «${text}» is ${lang}`, () => {
    assert.equal(detectLanguage(text).lang, lang);
  });
}

test('weak evidence gives a lower confidence than a full French paragraph', () => {
  const short = detectLanguage('Explosion meurtrière à Tombouctou');
  const long = detectLanguage('Les habitants ont quitté le village après les combats, selon un responsable local qui a demandé à ne pas être nommé.');
  assert.equal(long.lang, 'fr');
  assert.ok(short.confidence < long.confidence, `${short.confidence} < ${long.confidence}`);
});
