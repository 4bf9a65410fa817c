// The benchmark's synthetic corpus (bench/corpus.ts): many distinct documents derived from the demo
// dispatches, the same ones every time for a given seed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCorpus, loadDemoCorpus, prng } from '../bench/corpus.js';

const demo = loadDemoCorpus();

test('the same seed gives the same corpus, another seed a different one', () => {
  const a = generateCorpus(demo, { count: 60, seed: 7 });
  const b = generateCorpus(demo, { count: 60, seed: 7 });
  const c = generateCorpus(demo, { count: 60, seed: 8 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.map((d) => d.text), c.map((d) => d.text));
});

test('it produces exactly N documents with distinct ids and distinct texts', () => {
  const docs = generateCorpus(demo, { count: 500 });
  assert.equal(docs.length, 500);
  assert.equal(new Set(docs.map((d) => d.id)).size, 500);
  assert.equal(new Set(docs.map((d) => d.text)).size, 500);
});

test('documents average about 3 KB and keep the language and dateline of the dispatch they come from', () => {
  const docs = generateCorpus(demo, { count: 300, targetChars: 3000 });
  const mean = docs.reduce((n, d) => n + d.text.length, 0) / docs.length;
  assert.ok(mean > 2400 && mean < 3800, `mean length ${mean}`);
  const byId = new Map(demo.map((d) => [d.id, d]));
  for (const d of docs) {
    const origin = byId.get(d.id.split('~')[0]);
    assert.ok(origin, d.id);
    assert.equal(d.lang, origin.lang);
    const dateline = origin.text.slice(0, origin.text.indexOf('\n'));
    assert.ok(d.text.startsWith(dateline), `${d.id} should open with its dateline`);
  }
});

test('the seeded generator is deterministic and stays in [0, 1)', () => {
  const r1 = prng(42);
  const r2 = prng(42);
  for (let i = 0; i < 1000; i++) {
    const x = r1();
    assert.equal(x, r2());
    assert.ok(x >= 0 && x < 1);
  }
});
