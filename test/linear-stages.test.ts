// The mentions, quotes and places stages read a dispatch through indexes, so that a text of
// thousands of repeated names, cues or quotation marks costs about its length. These tests hold
// what the indexes must not change: a pattern repeated gives the same answers for every copy,
// statements in one very long sentence keep their contents and speakers, and a quotation deep
// inside nested marks or brackets still finds its speaker. No test measures time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline/index.js';
import { firstCovering } from '../src/pipeline/places.js';
import type { ExtractRecord, Mention } from '../src/types.js';

function run(text: string, skip: string[] = ['times', 'events']): ExtractRecord {
  return extract({ id: 't', text, lang: 'fr' }, { skip });
}

test('a block of paragraphs repeated 300 times: every copy gets the first copy\'s quotes, places and mentions, shifted', () => {
  const block = '«Les ponts sont fermés à Lyon», a déclaré Paulin Merlot.\n'
    + 'Selon Claire Vasseur, la route restera fermée jusqu\'à lundi.\n'
    + 'La préfète Anne Lorrain a affirmé que les secours arrivaient à Grenoble.\n';
  const n = 300;
  const one = run(block);
  const all = run(block.repeat(n));
  assert.ok(one.quotes.length >= 3, 'the block itself has its three statements');
  assert.ok(one.places.length >= 2, 'the block itself has its places');
  assert.equal(all.quotes.length, n * one.quotes.length);
  assert.equal(all.places.length, n * one.places.length);
  assert.equal(all.mentions.length, n * one.mentions.length);
  for (let c = 0; c < n; c++) {
    const shift = c * block.length;
    one.quotes.forEach((q, i) => {
      const g = all.quotes[c * one.quotes.length + i];
      assert.equal(g.kind, q.kind);
      assert.deepEqual(g.content, { start: q.content.start + shift, end: q.content.end + shift });
      assert.equal(g.speaker?.text, q.speaker?.text);
      assert.equal(g.speaker?.start, q.speaker ? q.speaker.start + shift : undefined);
      assert.equal(g.cue?.lemma, q.cue?.lemma);
    });
    one.places.forEach((p, i) => {
      const g = all.places[c * one.places.length + i];
      assert.deepEqual([g.start, g.end, g.geonameId], [p.start + shift, p.end + shift, p.geonameId]);
    });
    one.mentions.forEach((m, i) => {
      const g = all.mentions[c * one.mentions.length + i];
      assert.deepEqual([g.start, g.end, g.type, g.canonical], [m.start + shift, m.end + shift, m.type, m.canonical]);
    });
  }
});

// The sentence splitter cuts a sentence past 4,000 characters (src/text/sentences.ts), so the one-sentence
// cases below stay just under that: as many statements or nesting levels as one sentence can hold.
test('one sentence of 90 postposed statements: each keeps its quotation, its cue and its named speaker', () => {
  const unit = '«Tout va bien», a déclaré Paulin Merlot, ';
  const n = 90;
  const text = unit.repeat(n) + 'hier.';
  const r = run(text, ['times', 'events', 'places']);
  assert.equal(r.quotes.length, n);
  r.quotes.forEach((q, i) => {
    assert.equal(q.kind, 'direct');
    assert.deepEqual(q.content, { start: i * unit.length + 1, end: i * unit.length + 13 });
    assert.equal(q.speaker?.text, 'Paulin Merlot');
    assert.equal(q.cue?.lemma, 'déclarer');
  });
});

test('one sentence of 75 "X a affirmé que …" clauses: each statement runs from its own "que" to the end of the sentence', () => {
  const unit = 'Paulin Merlot a affirmé que la route est coupée, ';
  const n = 75;
  const text = unit.repeat(n) + 'hier.';
  const r = run(text, ['times', 'events', 'places']);
  assert.equal(r.quotes.length, n);
  const end = text.length - 1;
  r.quotes.forEach((q, i) => {
    assert.equal(q.kind, 'indirect');
    assert.equal(q.content.start, i * unit.length + unit.indexOf('la route'));
    assert.equal(q.content.end, end);
    assert.equal(q.speaker?.text, 'Paulin Merlot');
  });
});

test('a clause stops at a comma opening a new statement, but not inside quotation marks', () => {
  const stmt = 'Paulin Merlot a affirmé que « la digue, a-t-il dit, tiendra » et que la route est coupée, a-t-il ajouté. ';
  const r = run(stmt.repeat(50), ['times', 'events', 'places']);
  const one = run(stmt, ['times', 'events', 'places']);
  const first = one.quotes.find((q) => q.cue?.lemma === 'affirmer');
  assert.ok(first, 'the statement of the first cue');
  const text = stmt;
  // the comma and cue inside the quotation do not end the clause; the one after it does
  assert.ok(text.slice(first.content.start, first.content.end).includes('tiendra'));
  assert.ok(!text.slice(first.content.start, first.content.end).includes('ajouté'));
  const firsts = r.quotes.filter((q) => q.cue?.lemma === 'affirmer');
  assert.equal(firsts.length, 50);
  firsts.forEach((q, i) => {
    assert.deepEqual(q.content, { start: first.content.start + i * stmt.length, end: first.content.end + i * stmt.length });
  });
});

test('a quotation inside 1900 nested quotation marks, or 1900 brackets, still gets its speaker', () => {
  for (const [open, close] of [['«', '»'], ['(', ')']]) {
    const text = open.repeat(1900) + ' Tout va bien ' + close.repeat(1900) + ', a déclaré Paulin Merlot.';
    const r = run(text, ['times', 'events', 'places']);
    assert.equal(r.quotes.length, 1, `${open}…${close}`);
    assert.equal(r.quotes[0].speaker?.text, 'Paulin Merlot');
    assert.equal(r.quotes[0].cue?.lemma, 'déclarer');
  }
});

test('a name repeated 500 times: every later full name and surname goes to the first full name', () => {
  const block = 'Paulin Dupont est arrivé à Lyon.\nDupont a parlé.\n';
  const n = 500;
  const r = run(block.repeat(n));
  const people = r.mentions.filter((m) => m.type === 'PER');
  assert.equal(people.length, 2 * n);
  const root = people[0];
  assert.equal(root.text, 'Paulin Dupont');
  assert.equal(root.aliasOf, undefined);
  for (const m of people.slice(1)) {
    assert.equal(m.aliasOf, root.id);
    assert.equal(m.canonical, 'Paulin Dupont');
  }
  assert.equal(r.places.length, n);
});

test('a surname goes to the nearest full name with that last word, the one before preferred', () => {
  const parts: string[] = [];
  for (let i = 0; i < 200; i++) parts.push(i % 2 ? 'Paulin Dupont est venu.\nDupont a parlé.\n' : 'Marc Dupont est venu.\nDupont a parlé.\n');
  const r = run(parts.join(''), ['times', 'events', 'places']);
  const byId = new Map(r.mentions.map((m) => [m.id, m]));
  const people = r.mentions.filter((m) => m.type === 'PER');
  for (let i = 0; i + 1 < people.length; i += 2) {
    const full = people[i];
    const short = people[i + 1];
    assert.equal(short.text, 'Dupont');
    // the surname's full name is the one of its own paragraph pair (or the first of that name)
    assert.equal(short.canonical, full.canonical);
    const target = byId.get(short.aliasOf!);
    assert.equal(target?.text, full.text);
  }
});

test('firstCovering gives, for every span, the first mention (in their order) that covers it', () => {
  let seed = 7;
  const rnd = (k: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % k;
  };
  for (let round = 0; round < 200; round++) {
    const mentions: Mention[] = [];
    for (let i = 0, n = rnd(30); i < n; i++) {
      const start = rnd(100);
      mentions.push({ id: `m${i}`, start, end: start + 1 + rnd(20), text: '', type: 'PER', canonical: '', role: null });
    }
    const spans = Array.from({ length: rnd(30) }, () => {
      const start = rnd(100);
      return { start, end: start + 1 + rnd(10) };
    });
    const got = firstCovering(mentions, spans);
    spans.forEach((s, i) => {
      assert.equal(got[i], mentions.find((m) => m.start <= s.start && m.end >= s.end), `round ${round} span ${i}`);
    });
  }
});
