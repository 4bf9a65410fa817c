// Quotation marks paired once, then looked up by position (binary searches over the pairs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuoteMarks } from '../src/quotes/marks.js';

const text = 'Il a dit «oui», puis «non» et enfin “peut-être”.';

test('every pair is found, in order, without its marks', () => {
  const m = findQuoteMarks(text);
  assert.deepEqual(m.list.map((q) => text.slice(q.cs, q.ce)), ['oui', 'non', 'peut-être']);
});

test('inside / around / at answer for positions before, within, between and after the quotations', () => {
  const m = findQuoteMarks(text);
  const non = text.indexOf('non');
  assert.equal(m.inside(0), false);
  assert.equal(m.inside(text.indexOf('oui') + 1), true);
  assert.equal(m.inside(text.indexOf('puis')), false);
  assert.equal(m.around(non + 2)?.cs, non);
  assert.equal(m.around(text.length - 1), null);
  assert.equal(m.at(text.indexOf('«non')), m.around(non));
  assert.equal(m.at(non), m.around(non));
  assert.equal(m.at(3), null);
});

test('coveredIn counts quoted characters in a range spanning several quotations', () => {
  const m = findQuoteMarks(text);
  assert.equal(m.coveredIn(0, text.length), 'oui'.length + 'non'.length + 'peut-être'.length);
  assert.equal(m.coveredIn(text.indexOf('puis'), text.indexOf('et')), 'non'.length);
  assert.equal(m.coveredIn(0, 3), 0);
});

test('a quotation continues over a paragraph that opens with the same mark', () => {
  const t = '«Premier paragraphe.\n«Second paragraphe», a-t-il dit.';
  const m = findQuoteMarks(t);
  assert.equal(m.list.length, 1);
  assert.ok(t.slice(m.list[0].cs, m.list[0].ce).endsWith('Second paragraphe'));
});
