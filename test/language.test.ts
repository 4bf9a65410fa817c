import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage, resolveLanguage } from '../src/pipeline/language.js';

test('a French dispatch is French', () => {
  const g = detectLanguage("Les manifestants se sont rassemblés devant le parlement mardi, selon la police qui a dispersé la foule.");
  assert.equal(g.lang, 'fr');
  assert.ok(g.confidence > 0.8, `confidence ${g.confidence}`);
});

test('an English dispatch is English', () => {
  const g = detectLanguage('Protesters gathered in front of the parliament on Tuesday, and police said they were dispersed by the evening.');
  assert.equal(g.lang, 'en');
  assert.ok(g.confidence > 0.8);
});

test('a German text is neither: other', () => {
  const g = detectLanguage('Die Demonstranten versammelten sich am Dienstag vor dem Parlament, sagte die Polizei nach der Auflösung.');
  assert.equal(g.lang, 'other');
});

test('an explicit language wins over detection', () => {
  const g = resolveLanguage('The minister said nothing.', 'fr');
  assert.deepEqual(g, { lang: 'fr', confidence: 1, method: 'given' });
});

test('numbers and symbols only: other, with low confidence', () => {
  const g = detectLanguage('12 345 — 67,8 % / 2021');
  assert.equal(g.lang, 'other');
});
