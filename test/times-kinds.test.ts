// Time stage, by kind of expression that unseen wires hold: parts of day without a weekday,
// anaphoric days, temporal adjectives and rates, ages (not times), and the tense of the clause
// around a weekday. Sentences are our own; the dateline of most is Wednesday 13 March 2024.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTimes } from '../src/time/index.js';

const D = '2024-03-13';

type Lang = 'fr' | 'en';
type Case = [lang: Lang, sentence: string, text: string, value: string];

function found(lang: Lang, sentence: string, dateline: string | null = D) {
  return findTimes(sentence, lang, dateline);
}

function expectTime([lang, sentence, text, value]: Case): void {
  const all = found(lang, sentence);
  const hit = all.find((t) => t.text === text);
  assert.ok(hit, `«${text}» in «${sentence}»; found ${JSON.stringify(all.map((t) => t.text))}`);
  assert.equal(hit.value, value, `«${text}» in «${sentence}»`);
  assert.equal(sentence.slice(hit.start, hit.end), text, 'offsets point at the text');
}

const KINDS: Record<string, Case[]> = {
  'parts of day without a weekday (the reference day)': [
    ['fr', 'Les combats ont repris en soirée dans le nord du pays.', 'en soirée', '2024-03-13TEV'],
    ['fr', "L'assaut a été lancé avant l'aube par les forces spéciales.", "l'aube", '2024-03-13TMO'],
    ['fr', 'Le convoi est arrivé à la mi-journée à la frontière.', 'la mi-journée', '2024-03-13TMI'],
    ['fr', 'Les pêcheurs sont rentrés au petit matin.', 'petit matin', '2024-03-13TMO'],
    ['fr', 'Le 10 mars, la colonne est partie. Elle a atteint le fleuve en soirée.', 'en soirée', '2024-03-10TEV'],
    ['en', 'Fighting resumed in the early hours near the border.', 'the early hours', '2024-03-13TMO'],
    ['en', 'Troops moved into the valley at dawn.', 'dawn', '2024-03-13TMO'],
  ],
  'anaphoric days (the last day named)': [
    ['fr', 'Le 4 mars, les rebelles ont pris la ville. Le lendemain, l\'armée a contre-attaqué.', 'Le lendemain', '2024-03-05'],
    ['fr', 'Le 4 mars, les rebelles ont pris la ville. La veille, des renforts étaient arrivés.', 'La veille', '2024-03-03'],
    ['fr', 'Le 4 mars, les rebelles ont pris la ville. Le même jour, un pont a sauté.', 'Le même jour', '2024-03-04'],
    ['fr', 'Le 4 mars, les rebelles ont pris la ville. Trois jours plus tard, une trêve a été signée.', 'Trois jours plus tard', '2024-03-07'],
    ['en', 'On March 4, rebels seized the town. The next day, the army struck back.', 'The next day', '2024-03-05'],
    ['en', 'On March 4, rebels seized the town. The day before, reinforcements had arrived.', 'The day before', '2024-03-03'],
    ['en', 'On March 4, rebels seized the town. The same day, a bridge was blown up.', 'The same day', '2024-03-04'],
    ['en', 'On March 4, rebels seized the town. Two days later, talks began.', 'Two days later', '2024-03-06'],
  ],
  'temporal adjectives and rates': [
    ['fr', 'Le ministre se rendra à Dakar la semaine prochaine.', 'la semaine prochaine', '2024-W12'],
    ["fr", "L'an dernier, la récolte avait chuté de moitié.", "L'an dernier", '2023'],
    ['fr', 'Le gouvernement actuel a promis des élections.', 'actuel', 'PRESENT_REF'],
    ['fr', 'La coopérative produit trois mille tonnes par an.', 'par an', 'P1Y'],
    ['fr', 'Les bilans annuels seront publiés en avril.', 'annuels', 'P1Y'],
    ['en', 'The minister will visit the capital next week.', 'next week', '2024-W12'],
    ['en', 'Last year, the harvest fell by half.', 'Last year', '2023'],
    ['en', 'The mine produces 40,000 tonnes a year.', 'a year', 'P1Y'],
    ['en', 'Fuel costs the army 3 dollars per day.', 'per day', 'P1D'],
  ],
  'a weekday takes the tense of its clause': [
    ['fr', 'Samedi soir, des tirs ont éclaté près du camp que les soldats doivent quitter.', 'Samedi soir', '2024-03-09TEV'],
    ['fr', 'Samedi, le président prononcera un discours devant les députés.', 'Samedi', '2024-03-16'],
    ['fr', 'Le sommet régional est prévu samedi.', 'samedi', '2024-03-16'],
    ['fr', 'Ce samedi, les marchés ont été fermés.', 'Ce samedi', '2024-03-09'],
    ['en', 'The ministry announced Saturday that the curfew would end.', 'Saturday', '2024-03-09'],
    ['en', 'The summit will be held Saturday in the capital.', 'Saturday', '2024-03-16'],
    ['en', 'On Saturday night, gunfire erupted near the camp the troops will leave.', 'Saturday night', '2024-03-09TNI'],
  ],
};

for (const [kind, cases] of Object.entries(KINDS)) {
  for (const c of cases) test(`${kind}: ${c[0]} «${c[1]}» → «${c[2]}» = ${c[3]}`, () => expectTime(c));
}

// Ages are no time expressions (TimeML, French TimeBank and TempEval-3 leave them out);
// durations in years next to them still are.
const AGES: [Lang, string][] = [
  ['fr', 'Un homme de 35 ans a été arrêté par la gendarmerie.'],
  ['fr', 'Une fillette de 8 ans a été blessée par un éclat.'],
  ['fr', 'Paul Durand, 26 ans, a été grièvement blessé.'],
  ['fr', 'Âgée de 61 ans, la directrice quitte ses fonctions.'],
  ['fr', 'À 40 ans, le boxeur a raccroché les gants.'],
  ['en', 'A 35-year-old man was arrested by the police.'],
  ['en', 'The driver, 35 years old, was taken to hospital.'],
  ['en', 'The farmer, aged 52, was released.'],
  ['en', 'John Carter, 44, was wounded.'],
];

for (const [lang, sentence] of AGES) {
  test(`ages: no time in ${lang} «${sentence}»`, () => {
    assert.deepEqual(found(lang, sentence).map((t) => t.text), [], `an age is not a duration: «${sentence}»`);
  });
}

test('ages: durations in years are still found', () => {
  assert.deepEqual(found('fr', 'Il a été condamné à 20 ans de prison.').map((t) => t.value), ['P20Y']);
  assert.deepEqual(found('fr', 'Le conflit dure depuis 35 ans.').map((t) => t.value), ['P35Y']);
  assert.deepEqual(found('en', 'He spent 35 years in exile.').map((t) => t.value), ['P35Y']);
});

test('must not find: rates and parts of day that are no times here', () => {
  assert.deepEqual(found('fr', 'Il est passé par la capitale.').map((t) => t.text), []);
  assert.deepEqual(found('en', 'The patrols operate at night.').map((t) => t.text), []);
  assert.deepEqual(found('en', 'He stayed for a year.').map((t) => t.value), ['P1Y'], 'a duration, not a rate');
  assert.deepEqual(found('fr', "L'actuel ministre est arrivé.").map((t) => t.text), [], 'before its noun: not a time');
});

test('without a dateline, an anaphoric day stays unknown', () => {
  const t = found('fr', 'Le lendemain, les rebelles ont fui.', null);
  assert.deepEqual(t.map((x) => [x.text, x.value]), [['Le lendemain', 'XXXX-XX-XX']]);
});

test('each time carries the names of the rules that made it', () => {
  const s = 'Le 4 mars, les rebelles ont pris la ville. Le lendemain vers 15 h, hier, les renforts sont arrivés.';
  const t = found('fr', s);
  assert.ok(t.length >= 3);
  for (const x of t) assert.ok(x.rules && x.rules.length > 0 && x.rules[0].startsWith('fr.'), `${x.text}: ${JSON.stringify(x.rules)}`);
  assert.deepEqual(t.find((x) => x.text === 'Le lendemain')?.rules, ['fr.veille:le-lendemain']);
  // the time of day before "hier" was moved onto that day by a refiner, which it names
  assert.ok(t.find((x) => x.text === 'vers 15 h')?.rules?.includes('timeBeforeDay'));
});

test('rule names are unique within a language', async () => {
  const { grammarFor } = await import('../src/time/grammar.js');
  for (const lang of ['fr', 'en']) {
    const names = grammarFor(lang)!.rules.map((r) => r.name);
    assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), [], lang);
  }
});
