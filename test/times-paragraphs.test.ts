// chrono-node only reads the text near a month word (src/time/index.ts, chronoText): the times
// found must not move.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTimes } from '../src/time/index.js';

const filler = (k: number) =>
  `Le conseil municipal a longuement débattu du budget des écoles et des routes, paragraphe ${k}, sans conclure.`;

test('a date in a later paragraph keeps its offsets and value when other paragraphs are skipped', () => {
  const paras = [filler(1), filler(2), filler(3), filler(4), 'La réunion suivante aura lieu le 14/03/2021 à la mairie, a précisé le 3 février 2021 le maire.', filler(5), filler(6)];
  const text = paras.join('\n\n');
  const times = findTimes(text, 'fr', '2021-02-10');
  for (const t of times) assert.equal(text.slice(t.start, t.end), t.text);
  const feb = times.find((t) => t.text.includes('février'));
  assert.ok(feb, 'the date with a month name is found');
  assert.equal(feb.value, '2021-02-03');
  // the same paragraph alone gives the same values
  const alone = findTimes(paras[4], 'fr', '2021-02-10');
  assert.deepEqual(times.map((t) => t.value), alone.map((t) => t.value));
});

test('in English too, a month-day date after several plain paragraphs is found where it is', () => {
  const plain = (k: number) => `The council spent the session on school and road budgets, item ${k}, without a vote.`;
  const text = [plain(1), plain(2), plain(3), 'The next meeting is set for March 14, 2021 at the town hall.', plain(4), plain(5)].join('\n\n');
  const times = findTimes(text, 'en', '2021-02-10');
  const march = times.find((t) => t.text.includes('March'));
  assert.ok(march);
  assert.equal(text.slice(march.start, march.end), march.text);
  assert.equal(march.value, '2021-03-14');
});

test('inside one long paragraph, dates far apart keep their offsets and values, and read as in the sentence alone', () => {
  const plain = (k: number) => `The council spent the session on school and road budgets, item ${k}, without a vote.`;
  const first = 'The first hearing took place on Tuesday, January 12, 2021 at 10:30 a.m. in the annex.';
  const second = 'A second one is planned for the 3rd of April 2021, the clerk said.';
  const text = [plain(1), plain(2), first, plain(3), plain(4), plain(5), second, plain(6)].join(' ');
  const times = findTimes(text, 'en', '2021-02-10');
  for (const t of times) assert.equal(text.slice(t.start, t.end), t.text);
  const values = (ts: { text: string; value: string }[]) => ts.map((t) => `${t.text}=${t.value}`);
  assert.deepEqual(values(times), [...values(findTimes(first, 'en', '2021-02-10')), ...values(findTimes(second, 'en', '2021-02-10'))]);
  assert.ok(times.some((t) => t.value.startsWith('2021-01-12')), 'the January date is found');
  assert.ok(times.some((t) => t.value === '2021-04-03'), 'the April date is found');
});
