// The dateline reader: French and English datelines, years from the context, and texts that open
// on a capitalised town without being a dateline. Sentences are our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDateline, settleDocument, yearNear } from '../src/sources/dateline.js';
import { extract } from '../src/pipeline/index.js';

function expectSpans(text: string, d: NonNullable<ReturnType<typeof readDateline>>) {
  assert.equal(text.slice(d.start, d.end), d.text);
  assert.equal(text.slice(d.place.start, d.place.end), d.place.text);
  if (d.outlet) assert.equal(text.slice(d.outlet.start, d.outlet.end), d.outlet.text);
  if (d.date) assert.equal(text.slice(d.date.start, d.date.end), d.date.text);
}

test('French dateline with day, month, year and agency', () => {
  const text = 'MOPTI, 12 février 2024 (AFP) - Des pluies tardives ont noyé les rizières du delta, selon un agronome.';
  const d = readDateline(text)!;
  assert.equal(d.place.text, 'MOPTI');
  assert.equal(d.outlet?.name, 'AFP');
  assert.equal(d.date?.value, '2024-02-12');
  assert.equal(d.date?.yearFrom, 'text');
  assert.equal(d.rule, 'place-date-outlet');
  assert.equal(d.text, 'MOPTI, 12 février 2024 (AFP) -');
  expectSpans(text, d);
});

test('English dateline without year takes the year of the context, nearest before it', () => {
  const text = 'GULU, March 9 (Reuters) - Traders in the northern town closed their stalls on Thursday.';
  const d = readDateline(text, { context: '2023-03-10' })!;
  assert.equal(d.date?.value, '2023-03-09');
  assert.equal(d.date?.yearFrom, 'context');
  assert.equal(d.outlet?.name, 'Reuters');
  expectSpans(text, d);
  // a late-December dateline read early in January is last year's
  assert.equal(readDateline('TROMSO, December 30 (Reuters) - Snow.', { context: '2024-01-02' })?.date?.value, '2023-12-30');
  assert.equal(yearNear(12, 30, { y: 2024, m: 1, d: 2 }), 2023);
});

test('a dateline without year and without context takes the current year, flagged', () => {
  const d = readDateline('SÉGOU, 3 mars (AFP) — Le marché a rouvert.', { today: new Date('2026-05-01T00:00:00Z') })!;
  assert.equal(d.date?.value, '2026-03-03');
  assert.equal(d.date?.yearFrom, 'current');
});

test('place and agency without a date; multi-word places; a country after the town', () => {
  const a = readDateline('Gao (AFP) - Un convoi a été arrêté à la sortie de la ville.')!;
  assert.equal(a.place.text, 'Gao');
  assert.equal(a.date, null);
  assert.equal(a.rule, 'place-outlet');
  const b = readDateline('Dar es Salaam (Xinhua) -- The port reopened.')!;
  assert.equal(b.place.text, 'Dar es Salaam');
  assert.equal(b.outlet?.name, 'Xinhua');
  const c = readDateline('KISUMU, Kenya (AP) — Fishermen stayed ashore.')!;
  assert.equal(c.place.text, 'KISUMU');
  assert.equal(c.outlet?.name, 'AP');
  const e = readDateline('ANKARA (Anadolu) - Talks resumed.')!;
  assert.equal(e.outlet?.name, 'Anadolu');
});

test('a dateline after the title line of a feed item', () => {
  const text = 'Floods close the ring road\n\nMOMBASA, May 2 (Reuters) - Water covered the ring road.';
  const d = readDateline(text, { context: '2022-05-03' })!;
  assert.equal(d.place.text, 'MOMBASA');
  assert.equal(d.date?.value, '2022-05-02');
  expectSpans(text, d);
});

test('capitals and a dash make a dateline without agency; mixed case does not', () => {
  assert.equal(readDateline('KANO, June 4 — Traders marched to the palace.', { context: '2021-06-04' })?.rule, 'capitals-date');
  assert.equal(readDateline('Kano, June 4 — Traders marched to the palace.', { context: '2021-06-04' }), null);
});

test('must not find: sentences opening on a capitalised town', () => {
  for (const text of [
    'Bamako a vécu une nuit calme, selon des habitants joints par téléphone.',
    'Nairobi, the capital, stayed quiet on Monday (Reuters said) as talks went on.',
    'Kaboul, 7 juillet 2021 : une date que les habitants retiennent.',
    'Paris (France) - une ville que les visiteurs aiment.',
    'Selon l\u2019AFP, Mopti est restée calme.',
    'Lyon, 3 mars 2020 (AFP) sans tiret puis du texte.',
  ]) {
    assert.equal(readDateline(text, { context: '2021-07-08' }), null, text);
  }
});

test('settleDocument: the source date wins, else the dateline, else the batch, else unknown', () => {
  const text = 'KOULIKORO, 5 août (AFP) - Le bac a repris ses rotations hier, a indiqué un marinier.';
  const own = settleDocument({ id: 'a', text, published: '2022-08-06' });
  assert.equal(own.published, '2022-08-06');
  assert.equal(own.publishedFrom, 'source');
  assert.equal(own.dateline?.date?.value, '2022-08-05'); // its year from the source's date
  const fromText = settleDocument({ id: 'b', text }, { batch: { published: '2022-09-01' } });
  assert.equal(fromText.published, '2022-08-05');
  assert.equal(fromText.publishedFrom, 'dateline');
  assert.equal(fromText.source, 'AFP');
  const batch = settleDocument({ id: 'c', text: 'Le bac a repris ses rotations.' }, { batch: { published: '2022-09-01', source: 'Wire' } });
  assert.equal(batch.publishedFrom, 'batch');
  assert.equal(batch.source, 'Wire');
  const none = settleDocument({ id: 'd', text: 'Le bac a repris ses rotations.' });
  assert.equal(none.published, null);
  assert.equal(none.publishedFrom, 'unknown');
  assert.equal(none.dateline, null);
});

test('a dateline-derived date anchors relative dates, and the record keeps the dateline', () => {
  const doc = settleDocument({ id: 'e', text: 'KOULIKORO, 5 août 2022 (AFP) - Le bac a repris ses rotations hier, a indiqué un marinier.' });
  const record = extract(doc);
  assert.equal(record.published, '2022-08-05');
  assert.equal(record.publishedFrom, 'dateline');
  assert.equal(record.dateline?.place.text, 'KOULIKORO');
  const hier = record.times.find((t) => t.text === 'hier');
  assert.equal(hier?.value, '2022-08-04');
});

test('a country in parentheses after the town, and an outlet not in the agency list when a date precedes it', () => {
  const a = 'Kindu (RD Congo), 9 avril 2025 (Le Courrier du Maniema) - La crue du fleuve a coupé la route nationale, ont rapporté des habitants.';
  const d = readDateline(a)!;
  expectSpans(a, d);
  assert.equal(d.place.text, 'Kindu');
  assert.equal(d.outlet?.name, 'Le Courrier du Maniema');
  assert.equal(d.date?.value, '2025-04-09');
  const b = 'Kindu (RD Congo) (AFP) - La crue du fleuve a coupé la route nationale.';
  assert.equal(readDateline(b)?.outlet?.name, 'AFP');
  // Without a date, an unlisted name in parentheses is no outlet: a title or an aside.
  assert.equal(readDateline('Kindu (Le Courrier du Maniema) - un reportage sur la crue du fleuve.'), null);
});
