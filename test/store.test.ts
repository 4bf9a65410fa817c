// Store pieces tested without a database: how each store reads a user's search words. What the
// stores do with documents is the contract suite's (test/store-contract.test.ts, both stores).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ftsQuery } from '../src/store/sqlite.js';
import { tsQueryText } from '../src/store/postgres.js';
import { ftsConfigOf } from '../src/store/postgres-schema.js';

test('search words are quoted so punctuation is not FTS syntax', () => {
  assert.equal(ftsQuery("l'AFP 11-Septembre"), '"l\'AFP" "11-Septembre"');
  assert.equal(ftsQuery('=a OR b'), 'a OR b');
});

test('PostgreSQL: plain search keeps only words; after = the tsquery is the user\'s own', () => {
  assert.deepEqual(tsQueryText("l'AFP & (11-Septembre) | !x"), { text: "l'AFP 11-Septembre x", raw: false });
  assert.deepEqual(tsQueryText(' =talib:* & !kaboul '), { text: 'talib:* & !kaboul', raw: true });
  assert.deepEqual(tsQueryText('"" ()'), { text: '', raw: false });
});

test('PostgreSQL: a document is indexed in the configuration of its language, others in simple', () => {
  assert.equal(ftsConfigOf('fr'), 'vigie_fr');
  assert.equal(ftsConfigOf('en-GB'), 'vigie_en');
  assert.equal(ftsConfigOf('de'), 'vigie_simple');
  assert.equal(ftsConfigOf(null), 'vigie_simple');
});
