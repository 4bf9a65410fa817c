// The time grammar's first-character filter (src/time/grammar.ts): what a regex source's matches
// can start with, and the promise built on it — at any word start, the rules kept for its first
// letter find what the whole alternation finds. Sentences are our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstChars, grammarFor, regexFor } from '../src/time/grammar.js';

function listed(src: string): string {
  const f = firstChars(src);
  return f.any ? 'any' : [...f.chars].sort().join('') + (f.nullable ? '?' : '');
}

test('first characters: literals in both cases, alternations, optional prefixes', () => {
  assert.equal(listed('Mardi|jeudi'), 'jm');
  assert.equal(listed('(?:le )?mardi'), 'lm');
  assert.equal(listed('x{0,2}y'), 'xy');
  assert.equal(listed('(?<wd>lundi|mardi)s?'), 'lm');
});

test('first characters: classes, ranges, escapes', () => {
  assert.equal(listed('[a-c]x'), 'abc');
  assert.equal(listed('\\d+ h'), '0123456789');
  assert.equal(listed('\\u00e9t\\u00e9'), 'é');
  assert.equal(listed('\\u{e0} la'), 'à');
  assert.equal(listed('[\\d-]'), '-0123456789');
});

test('first characters: look-arounds and anchors are zero-width', () => {
  assert.equal(listed('(?<=à )midi'), 'm');
  assert.equal(listed('(?!non)nuit'), 'n');
  assert.equal(listed('\\bsoir'), 's');
  assert.equal(listed('^hier'), 'h');
});

test('first characters: what cannot be listed is `any` (always safe)', () => {
  assert.equal(listed('[^a]b'), 'any');
  assert.equal(listed('\\p{L}+'), 'any');
  assert.equal(listed('.x'), 'any');
  assert.equal(listed('\\w'), 'any');
  assert.equal(listed('[\\p{L}]'), 'any');
});

const SAMPLES: Record<string, string> = {
  fr: "Mardi soir, vers 21 h 30, des tirs ont éclaté ; le lendemain, le 7 juillet 2021, l'armée a parlé de trois jours de combats depuis la mi-juin. Chaque lundi, à l'aube, il y a environ deux ans, en 2019.",
  en: 'On Tuesday night, around 9:30 pm, shots rang out; the next day, July 7, 2021, the army spoke of three days of fighting since mid-June. Every Monday at dawn, about two years ago, in 2019.',
};

for (const [lang, text] of Object.entries(SAMPLES)) {
  test(`${lang}: at every word start the filtered alternation matches what the whole one does`, () => {
    const found = grammarFor(lang);
    assert.ok(found);
    const g = found;
    let tried = 0;
    for (let at = 0; at < text.length; at++) {
      if (!/[\p{L}\p{N}]/u.test(text[at]) || (at > 0 && /[\p{L}\p{N}]/u.test(text[at - 1]))) continue;
      const whole: RegExp = g.re;
      whole.lastIndex = at;
      const a: string | null = whole.exec(text)?.[0] ?? null;
      const some: RegExp = regexFor(g, text[at]);
      some.lastIndex = at;
      const b: string | null = some.exec(text)?.[0] ?? null;
      assert.equal(b, a, `at ${at} (${text.slice(at, at + 20)})`);
      if (a) tried++;
    }
    assert.ok(tried >= 5, `only ${tried} matches: the sample no longer exercises the grammar`);
  });
}
