// Sentences on long and hostile input: a paragraph is handed to Intl.Segmenter in windows, and an
// over-long "sentence" is cut. These tests check what the windows must not change (ordinary prose
// splits exactly as it would in one piece) and what the cuts guarantee (bounded spans that still
// slice the text). No test here measures time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, tokenize } from '../src/text/index.js';
import type { Lang, Span } from '../src/types.js';

const MAX_SENTENCE = 4000;

/** A small deterministic generator, so that every run sees the same text. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const SUBJECTS = ['Le préfet', 'La garde côtière', 'Un témoin', 'Les secouristes', 'M. Aubry', 'Mme Ferrand', 'Le col. Rivet', 'La mairie'];
const VERBS = ['a signalé', 'ont évacué', 'a confirmé jeudi', 'a nié', 'a évoqué'];
const OBJECTS = ['un incendie', 'trois bateaux', 'la fermeture du port', 'une coupure de courant', 'un bilan de 1 300 blessés'];
const ENDS = ['.', ' au nord.', ' (selon la radio locale).', ' ?', ' !', ', a-t-elle dit.'];

/** Ordinary sentences of our own, some quoted, some with abbreviations, each ending a sentence. */
function sentencesOfProse(count: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(r() < 0.2
      ? `«${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}. Rien de plus», a dit ${pick(SUBJECTS).toLowerCase()}.`
      : `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)}${pick(ENDS)}`);
  }
  return out;
}

function slices(text: string, spans: Span[]): string[] {
  return spans.map((s) => text.slice(s.start, s.end));
}

/** Spans in order, not overlapping, trimmed, non-empty, and covering every non-space character. */
function assertWellFormed(text: string, spans: Span[]): void {
  let last = 0;
  let covered = 0;
  for (const s of spans) {
    assert.ok(s.start >= last && s.start < s.end && s.end <= text.length, `bad span ${s.start}-${s.end}`);
    assert.ok(!/\s/u.test(text[s.start]) && !/\s/u.test(text[s.end - 1]), 'span not trimmed');
    covered += text.slice(s.start, s.end).replace(/\s/gu, '').length;
    last = s.end;
  }
  assert.equal(covered, text.replace(/\s/gu, '').length, 'some characters are in no sentence');
}

test('a long paragraph of ordinary sentences splits into the sentences it was built from', () => {
  const parts = sentencesOfProse(3000, 1);
  const text = parts.join(' ');
  assert.ok(text.length > 150_000);
  assert.deepEqual(slices(text, splitSentences(text, 'fr')), parts);
});

test('a 200k-character paragraph splits as each of its parts does on its own', () => {
  // Parts of a few sentences each; a paragraph made of them must give, part by part, the same
  // sentences (shifted) as the part alone.
  const r = rng(7);
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < 200_000; i++) {
    const part = sentencesOfProse(1 + Math.floor(r() * 6), 100 + i).join(' ');
    parts.push(part);
    length += part.length + 1;
  }
  const text = parts.join(' ');
  const expected: string[] = [];
  for (const part of parts) expected.push(...slices(part, splitSentences(part, 'fr')));
  assert.deepEqual(slices(text, splitSentences(text, 'fr')), expected);
});

test('small windows give the same sentences as one window on the whole paragraph', () => {
  const text = sentencesOfProse(400, 3).join(' ');
  const whole = splitSentences(text, 'fr', { window: 1 << 20, maxWindow: 1 << 20 });
  for (const window of [40, 64, 97, 256]) {
    assert.deepEqual(splitSentences(text, 'fr', { window }), whole, `window ${window}`);
  }
});

test('a sentence crossing a window edge is kept whole', () => {
  const first = 'Le port est resté fermé toute la matinée.';
  const crossing = 'La capitainerie a ensuite autorisé deux chalutiers à rentrer avant la tempête annoncée pour la nuit.';
  const text = `${first} ${crossing} Les autres attendent.`;
  // The window ends in the middle of the second sentence.
  const spans = splitSentences(text, 'fr', { window: 60, maxWindow: 60 * 8 });
  assert.deepEqual(slices(text, spans), [first, crossing, 'Les autres attendent.']);
});

test('a title abbreviation at a window edge still keeps the name with it', () => {
  const lead = 'Le conseil a siégé lundi. ';
  for (let pad = 0; pad < 12; pad++) {
    const text = `${lead}${'Encore. '.repeat(pad)}Selon M. Aubry, la séance a duré deux heures. Elle reprend mardi.`;
    const got = slices(text, splitSentences(text, 'fr', { window: 48 }));
    assert.ok(got.includes('Selon M. Aubry, la séance a duré deux heures.'), JSON.stringify(got));
  }
});

test('a pair of guillemets holding many sentences stays one sentence across windows', () => {
  const inner = sentencesOfProse(40, 11).filter((s) => !/[«»]/u.test(s)).join(' ');
  const text = `«${inner}», a résumé le porte-parole. La séance est levée.`;
  const whole = splitSentences(text, 'fr', { window: 1 << 20, maxWindow: 1 << 20 });
  assert.deepEqual(splitSentences(text, 'fr', { window: 64, maxWindow: 1 << 20 }), whole);
  assert.equal(whole.length, 2);
});

test('a long sentence without a full stop, under the limit, is not cut by the windows', () => {
  // Capitalised words only: a cut at a window edge before one of them would not be repaired.
  const words: string[] = [];
  for (let i = 0; words.join(' ').length < 3500; i++) words.push(i % 2 === 0 ? 'Nord' : 'Sud');
  const long = words.join(' ');
  const text = `Début du relevé. ${long}. Fin du relevé.`;
  assert.deepEqual(slices(text, splitSentences(text, 'fr')), ['Début du relevé.', `${long}.`, 'Fin du relevé.']);
});

test('a sentence longer than the limit is cut at whitespace into bounded pieces', () => {
  const long = Array.from({ length: 3000 }, (_, i) => `mot${i}`).join(' ');
  const text = `${long}.`;
  const spans = splitSentences(text, 'fr');
  assertWellFormed(text, spans);
  assert.ok(spans.length >= 5);
  for (const s of spans) {
    assert.ok(s.end - s.start <= MAX_SENTENCE);
    if (s.end < text.length) assert.match(text[s.end], /\s/u, 'cut inside a word');
  }
});

const HOSTILE: [string, string, Lang][] = [
  ['title abbreviations only', 'M. '.repeat(60_000), 'fr'],
  ['letters and full stops, no space', 'abc.'.repeat(40_000), 'fr'],
  ['letters, capitals and terminators, no space', (() => {
    const r = rng(5);
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,?!«»()0123456789';
    let s = '';
    for (let i = 0; i < 120_000; i++) s += alphabet[Math.floor(r() * alphabet.length)];
    return s;
  })(), 'fr'],
  ['digits', '7'.repeat(100_000), 'en'],
  ['capitalised words', Array.from({ length: 20_000 }, (_, i) => `Mot${i % 97}`).join(' '), 'en'],
  ['initials', 'J. '.repeat(50_000), 'en'],
  ['full stops and spaces', '. '.repeat(50_000), 'other'],
];

for (const [name, text, lang] of HOSTILE) {
  test(`hostile input (${name}): bounded sentences that slice the text`, () => {
    const spans = splitSentences(text, lang);
    assertWellFormed(text, spans);
    for (const s of spans) assert.ok(s.end - s.start <= MAX_SENTENCE, `${s.end - s.start} characters`);
  });
}

test('a hard cut does not split a surrogate pair', () => {
  const text = '😀'.repeat(20_000);
  const spans = splitSentences(text, 'fr');
  assertWellFormed(text, spans);
  for (const s of spans) {
    assert.ok(!/[\uDC00-\uDFFF]/.test(text[s.start]), 'span starts inside a pair');
    assert.ok(s.end - s.start <= MAX_SENTENCE);
  }
});

test('only line breaks: no sentence', () => {
  assert.deepEqual(splitSentences('\n'.repeat(50_000), 'fr'), []);
});

test('tokens of a long paragraph are the tokens of its sentences', () => {
  const parts = sentencesOfProse(500, 21);
  const text = parts.join(' ');
  const whole = tokenize(text, 'fr').map((t) => `${text.slice(t.start, t.end)}/${t.kind}`);
  const byPart = parts.flatMap((p) => tokenize(p, 'fr').map((t) => `${p.slice(t.start, t.end)}/${t.kind}`));
  assert.deepEqual(whole, byPart);
});

test('tokens of long unbroken runs slice the text', () => {
  for (const text of ["l'".repeat(20_000) + 'eau', 'abc.'.repeat(20_000), '9'.repeat(50_000)]) {
    const toks = tokenize(text, 'fr');
    let last = 0;
    for (const t of toks) {
      assert.ok(t.start >= last && t.start < t.end && t.end <= text.length);
      last = t.end;
    }
    assert.equal(toks.map((t) => text.slice(t.start, t.end)).join(''), text);
  }
});
