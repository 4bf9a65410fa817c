// The token view shared by mentions, quotes and events: one entry per token, derived from each
// distinct spelling once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildView } from '../src/entities/view.js';
import type { Annotations, Token } from '../src/types.js';

function annotationsOf(text: string, tokens: Token[]): Annotations {
  return {
    language: { lang: 'fr', confidence: 1, method: 'given' },
    sentences: [{ start: 0, end: text.length }], tokens, mentions: [], quotes: [], times: [], places: [], events: [],
  };
}

test('the same spelling read as a clitic and as a word keeps each its own key', () => {
  const text = '-là -là';
  const ann = annotationsOf(text, [{ start: 0, end: 3, kind: 'clitic' }, { start: 4, end: 7, kind: 'word' }, { start: 0, end: 3, kind: 'clitic' }]);
  const v = buildView(text, 'fr', ann);
  assert.deepEqual(v.words, ['-là', '-là', '-là']);
  assert.deepEqual(v.keys, ['là', '-là', 'là']);
  assert.deepEqual(v.fold, ['la', '-la', 'la']);
});

test('a word repeated in capitals and in lower case: keys, folded keys and what the document writes', () => {
  const text = 'Après l’Été, été. Mardi, l’Été revient.';
  const v = buildView(text, 'fr', { ...annotationsOf(text, []), sentences: [], tokens: [] });
  const at = (w: string) => v.words.map((x, i) => (x === w ? i : -1)).filter((i) => i >= 0);
  assert.equal(at('Été').length, 2);
  for (const i of at('Été')) {
    assert.equal(v.keys[i], 'été');
    assert.equal(v.fold[i], 'ete');
  }
  assert.equal(v.keys[at('l’')[0]], "l'");
  assert.ok(v.lowerSeen.has('été'));
  assert.ok(!v.lowerSeen.has('mardi'));
});
