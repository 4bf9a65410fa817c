// The DOM-free parts of the web UI: runs of text under annotations, grid clusters, days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareValues, eventsPerDay, gridClusters, nextDay, radiusForFatalities, runsOf } from '../src/ui/spans.js';

test('runsOf cuts the text wherever an annotation starts or ends, nested and overlapping spans both kept', () => {
  // "Le maire de Lyon a parlé." — a quote over 0..25, a mention 3..16 inside it, a place 12..16.
  const runs = runsOf(25, [
    { start: 0, end: 25, key: 'quote:q1' },
    { start: 3, end: 16, key: 'mention:m1' },
    { start: 12, end: 16, key: 'place:p1' },
  ]);
  assert.deepEqual(runs, [
    { start: 0, end: 3, keys: ['quote:q1'] },
    { start: 3, end: 12, keys: ['quote:q1', 'mention:m1'] },
    { start: 12, end: 16, keys: ['quote:q1', 'mention:m1', 'place:p1'] },
    { start: 16, end: 25, keys: ['quote:q1'] },
  ]);
});

test('runsOf covers the text exactly, with no annotation or with spans that are empty or outside it', () => {
  assert.deepEqual(runsOf(10, []), [{ start: 0, end: 10, keys: [] }]);
  const runs = runsOf(10, [
    { start: 4, end: 4, key: 'empty' },
    { start: 8, end: 12, key: 'past-the-end' },
    { start: -1, end: 2, key: 'negative' },
    { start: 6, end: 2, key: 'backwards' },
    { start: 2, end: 5, key: 'ok' },
  ]);
  assert.deepEqual(runs, [
    { start: 0, end: 2, keys: [] },
    { start: 2, end: 5, keys: ['ok'] },
    { start: 5, end: 10, keys: [] },
  ]);
  assert.deepEqual(runsOf(0, [{ start: 0, end: 0, key: 'x' }]), []);
  // Two annotations on the very same words: one run, both keys.
  assert.deepEqual(runsOf(4, [{ start: 0, end: 4, key: 'a' }, { start: 0, end: 4, key: 'b' }]), [{ start: 0, end: 4, keys: ['a', 'b'] }]);
});

test('gridClusters gathers points of one cell and keeps apart those of others', () => {
  const clusters = gridClusters(
    [
      { x: 1, y: 1, item: 'a' },
      { x: 9, y: 3, item: 'b' },
      { x: 11, y: 3, item: 'c' },
      { x: 35, y: 35, item: 'd' },
    ],
    10,
  );
  assert.deepEqual(clusters.map((c) => c.items), [['a', 'b'], ['c'], ['d']]);
  assert.deepEqual([clusters[0].x, clusters[0].y], [5, 2]);
  // The same points at a closer zoom (twice the pixels) all stand alone.
  assert.equal(gridClusters([{ x: 2, y: 2, item: 'a' }, { x: 18, y: 6, item: 'b' }], 10).length, 2);
  assert.deepEqual(gridClusters([], 10), []);
});

test('eventsPerDay stacks events by type over every day of the range, empty days included, vague dates left out', () => {
  const types = ['Battles', 'Protests'];
  const days = eventsPerDay(
    [
      { date: '2024-02-28', type: 'Battles' },
      { date: '2024-03-01', type: 'Protests' },
      { date: '2024-03-01', type: 'Protests' },
      { date: '2024-03-01', type: 'Battles' },
      { date: '2024-03', type: 'Battles' },
      { date: null, type: 'Battles' },
      { date: '2024-02-29', type: 'Unknown type' },
    ],
    types,
  );
  assert.deepEqual(days, [
    { day: '2024-02-28', counts: [1, 0], total: 1 },
    { day: '2024-02-29', counts: [0, 0], total: 0 },
    { day: '2024-03-01', counts: [1, 2], total: 3 },
  ]);
  assert.deepEqual(eventsPerDay([{ date: '2024', type: 'Battles' }], types), []);
  assert.equal(eventsPerDay([{ date: '2020-01-01', type: 'Battles' }, { date: '2024-01-01', type: 'Battles' }], types, 30).length, 30);
});

test('nextDay crosses months, leap days and years', () => {
  assert.equal(nextDay('2024-02-28'), '2024-02-29');
  assert.equal(nextDay('2023-02-28'), '2023-03-01');
  assert.equal(nextDay('2024-12-31'), '2025-01-01');
});

test('radiusForFatalities grows with the toll and stays bounded', () => {
  assert.equal(radiusForFatalities(null), radiusForFatalities(0));
  assert.ok(radiusForFatalities(10) > radiusForFatalities(1));
  assert.ok(radiusForFatalities(1) > radiusForFatalities(0));
  assert.equal(radiusForFatalities(1_000_000), 22);
  assert.equal(radiusForFatalities(-3), radiusForFatalities(0));
});

test('compareValues sorts numbers as numbers, text by locale, empty values last in both directions', () => {
  const nums = [10, null, 2, 33];
  assert.deepEqual([...nums].sort((a, b) => compareValues(a, b, 1)), [2, 10, 33, null]);
  assert.deepEqual([...nums].sort((a, b) => compareValues(a, b, -1)), [33, 10, 2, null]);
  const words = ['Émeute', '', 'attaque', 'Bataille'];
  assert.deepEqual([...words].sort((a, b) => compareValues(a, b, 1)), ['attaque', 'Bataille', 'Émeute', '']);
});

test('joinBlocks: a page\'s blocks as paragraphs, spaces made single, empty and repeated blocks dropped', async () => {
  const { joinBlocks } = await import('../src/ui/spans.js');
  assert.equal(joinBlocks(['  Titre  de la page ', '', 'Premier\n  paragraphe.', 'Premier paragraphe.', '\t', 'Second.']), 'Titre de la page\n\nPremier paragraphe.\n\nSecond.');
  assert.equal(joinBlocks([]), '');
});

test('dayOf: the calendar day of a date or timestamp, or null for anything else', async () => {
  const { dayOf } = await import('../src/ui/spans.js');
  assert.equal(dayOf('2024-08-20T09:00:00Z'), '2024-08-20');
  assert.equal(dayOf(' 2024-02-29 '), '2024-02-29');
  assert.equal(dayOf('2023-02-29'), null);
  assert.equal(dayOf('20 août 2024'), null);
  assert.equal(dayOf(null), null);
});
