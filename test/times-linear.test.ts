// The times stage on long and hostile texts (src/time/index.ts): chrono-node reads a long text in
// bounded windows, the merge of the two passes is sort-based, the grammar's look-back is bounded.
// What is checked here is the output, never the time: a date far into a long text is found where
// it is, a window edge cuts no expression, repeated expressions read as one copy does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as chrono from 'chrono-node';
import { chronoRead, findTimes, WINDOW } from '../src/time/index.js';

const D = '2021-07-07';

/** A plain French sentence with no time expression and no month word. */
const PLAIN = 'Le comité a examiné les comptes des écoles et des routes sans rien décider de neuf. ';

function plain(length: number): string {
  return PLAIN.repeat(Math.ceil(length / PLAIN.length)).slice(0, length);
}

function offsetsHold(text: string, times: ReturnType<typeof findTimes>): void {
  for (const t of times) assert.equal(text.slice(t.start, t.end), t.text, `offsets of «${t.text}»`);
}

test('a date at the far end of a 1 MB text is found, with its offsets and value', () => {
  const tail = 'La prochaine séance aura lieu le 14 mars 2022, a indiqué le maire.';
  const text = plain(1 << 20) + tail;
  const times = findTimes(text, 'fr', D);
  offsetsHold(text, times);
  const hit = times.find((t) => t.text.includes('mars'));
  assert.ok(hit, `found ${JSON.stringify(times.map((t) => t.text))}`);
  assert.equal(hit.start, text.length - tail.length + tail.indexOf('le 14 mars 2022'));
  assert.equal(hit.value, '2022-03-14');
});

test('a date after a megabyte of blank lines is found where it is', () => {
  const sentence = 'Le scrutin est fixé au 3 mai 2021 dans tout le pays.';
  const text = '\n'.repeat(1 << 20) + sentence;
  const times = findTimes(text, 'fr', D);
  offsetsHold(text, times);
  assert.deepEqual(
    times.map((t) => [t.start - (1 << 20), t.value]),
    findTimes(sentence, 'fr', D).map((t) => [t.start, t.value]),
  );
});

test('an English date read by chrono-node far into a long text keeps its offsets', () => {
  const filler = 'The committee went over the accounts of schools and roads and decided nothing new. ';
  const tail = 'The vote is now set for March 14th, 2022 in the capital.';
  const text = filler.repeat(Math.ceil(50_000 / filler.length)) + tail;
  const times = findTimes(text, 'en', D);
  offsetsHold(text, times);
  const alone = findTimes(tail, 'en', D);
  assert.ok(alone.some((t) => t.value === '2022-03-14'), `alone: ${JSON.stringify(alone)}`);
  const shift = text.length - tail.length;
  assert.deepEqual(
    times.filter((t) => t.start >= shift).map((t) => [t.start - shift, t.end - shift, t.value]),
    alone.map((t) => [t.start, t.end, t.value]),
  );
});

test('a repeated date gives, at every copy, the values of one copy', () => {
  const unit = 'Le sommet du 3 mai 2021, puis celui du 12 juin 2021 à 15 h 30. ';
  const one = findTimes(unit, 'fr', D);
  assert.ok(one.length >= 2, `one copy: ${JSON.stringify(one)}`);
  const copies = 5000; // about 300 000 characters: dozens of windows
  const text = unit.repeat(copies);
  const times = findTimes(text, 'fr', D);
  offsetsHold(text, times);
  assert.equal(times.length, one.length * copies);
  for (let k = 0; k < copies; k++) {
    for (let i = 0; i < one.length; i++) {
      const t = times[k * one.length + i];
      assert.equal(t.start, one[i].start + k * unit.length);
      assert.equal(t.value, one[i].value);
      assert.equal(t.type, one[i].type);
    }
  }
  // numbered in text order
  assert.equal(times[times.length - 1].id, `t${times.length}`);
});

test('a repeated weekday gives the same value at every copy', () => {
  const text = 'mardi '.repeat(20_000);
  const times = findTimes(text, 'fr', D);
  assert.equal(times.length, 20_000);
  assert.ok(times.every((t, k) => t.start === 6 * k && t.value === '2021-07-06'));
});

test('no window edge cuts an expression: every shift of a date across the edges reads the same', () => {
  // chrono-node alone, windows of 200 characters, a date moved one character at a time across
  // several window edges (edges fall where a blank lies, so every shift moves them too)
  const date = 'le 3 mai 2021';
  const read = (text: string) =>
    [...chronoRead(chrono.fr.casual, text, new Date(2021, 6, 7, 12), /mai(?!\p{L})/giu, 200)]
      .map((r) => [r.index, r.text, r.start.get('day'), r.start.get('month'), r.start.get('year')]);
  const whole = (text: string) =>
    chrono.fr.casual.parse(text, new Date(2021, 6, 7, 12), { forwardDate: false })
      .map((r) => [r.index, r.text, r.start.get('day'), r.start.get('month'), r.start.get('year')]);
  for (let at = 150; at < 700; at++) {
    const text = plain(at) + ' ' + date + ' ' + plain(900 - at);
    const got = read(text);
    assert.deepEqual(got, whole(text), `date at ${at}`);
    assert.equal(got.length, 1, `date at ${at}: ${JSON.stringify(got)}`);
  }
});

test('a text without blanks is cut anyway, and a date in it is still read once', () => {
  const date = '3 mai 2021';
  for (const at of [WINDOW - 5, WINDOW, WINDOW + 3]) {
    const text = 'x'.repeat(at) + ' ' + date + ' ' + 'y'.repeat(3 * WINDOW);
    const times = findTimes(text, 'fr', D);
    offsetsHold(text, times);
    assert.deepEqual(times.map((t) => [t.start, t.value]), [[at + 1, '2021-05-03']]);
  }
});

test('hostile runs (digits, clock times, numeric dates, month names, mixed scripts) read as their pieces', () => {
  const cases: [unit: string, copies: number][] = [
    ['1234567890', 50_000],
    ['12:30 ', 50_000],
    ['2021-05-03 ', 50_000],
    ['12/05/2021 ', 30_000],
    ['janvier février mars ', 20_000],
    ['Привет 你好 مرحبا le 3 mai 2021 à 15h30 🙂 ', 10_000],
  ];
  for (const [unit, copies] of cases) {
    const text = unit.repeat(copies);
    const times = findTimes(text, 'fr', D);
    offsetsHold(text, times);
    // every value found is a value one copy (or two, for what spans copies) gives
    const one = new Set(findTimes(unit + unit, 'fr', D).map((t) => t.value));
    for (const t of times) assert.ok(one.has(t.value), `«${unit}»: ${t.value} not in ${[...one]}`);
    for (let i = 1; i < times.length; i++) assert.ok(times[i - 1].end <= times[i].start, 'no overlaps, in order');
  }
});

test('a short text takes the single-parse path and a long one the windowed path with the same readings', () => {
  const sentence = 'La conférence, ouverte le 2 février 2021, doit se clore le 9 mars 2021. ';
  const one = findTimes(sentence, 'fr', D).map((t) => [t.start, t.value]);
  const copies = Math.ceil((3 * WINDOW) / sentence.length);
  const times = findTimes(sentence.repeat(copies), 'fr', D);
  const first = times.filter((t) => t.start < sentence.length).map((t) => [t.start, t.value]);
  assert.deepEqual(first, one);
  const k = copies - 1;
  const last = times.filter((t) => t.start >= k * sentence.length).map((t) => [t.start - k * sentence.length, t.value]);
  assert.deepEqual(last, one);
});
