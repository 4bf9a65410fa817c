// Time stage: given a sentence and a dateline, we find these temporal expressions with these
// TIMEX3 values (and nothing where a number is not a time). Sentences are our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acledTimePrecision, findTimes } from '../src/time/index.js';
import { timesStage } from '../src/pipeline/times.js';
import type { Annotations, ResolvedDocument, TimeExpr } from '../src/types.js';

/** Dateline of most examples: Wednesday 7 July 2021 (ISO week 27). */
const D = '2021-07-07';

type Case = [sentence: string, expectedText: string, expectedValue: string, expectedType?: TimeExpr['type']];

function check(lang: 'fr' | 'en', [sentence, text, value, type]: Case, dateline: string | null = D): void {
  const found = findTimes(sentence, lang, dateline);
  const hit = found.find((t) => t.text === text);
  assert.ok(hit, `in «${sentence}» we expect the expression «${text}»; found ${JSON.stringify(found.map((t) => t.text))}`);
  assert.equal(hit.value, value, `«${text}» in «${sentence}» (dateline ${dateline}) should be ${value}`);
  if (type) assert.equal(hit.type, type, `«${text}» should be a ${type}`);
  assert.equal(sentence.slice(hit.start, hit.end), hit.text, 'offsets point at the text');
}

const FRENCH: Case[] = [
  ['Mercredi, les rebelles ont pris le contrôle du poste frontière.', 'Mercredi', '2021-07-07', 'DATE'],
  ['Les combats ont repris lundi dans le nord du pays.', 'lundi', '2021-07-05'],
  ['Le sommet se tiendra lundi prochain à Genève.', 'lundi prochain', '2021-07-12'],
  ['Le ministre se rendra vendredi à la capitale.', 'vendredi', '2021-07-09'],
  ['Le conseil se réunira mercredi prochain.', 'mercredi prochain', '2021-07-14'],
  ['La nuit dernière, des tirs ont été entendus près de l\'aéroport.', 'La nuit dernière', '2021-07-06TNI', 'TIME'],
  ['Ce matin, la police a bouclé le quartier.', 'Ce matin', '2021-07-07TMO', 'TIME'],
  ['Ce mercredi matin, un convoi a été attaqué.', 'Ce mercredi matin', '2021-07-07TMO', 'TIME'],
  ['Le couvre-feu a été violé dans la nuit de lundi à mardi.', 'la nuit de lundi à mardi', '2021-07-05TNI', 'TIME'],
  ['Mardi soir, des coups de feu ont retenti.', 'Mardi soir', '2021-07-06TEV', 'TIME'],
  ['Les négociations ont commencé début mai.', 'début mai', '2021-05'],
  ['L\'accord avait été signé fin 2020.', 'fin 2020', '2020'],
  ['Les pluies sont attendues mi-juillet.', 'mi-juillet', '2021-07'],
  ['Au début du mois, l\'armée a lancé une offensive.', 'début du mois', '2021-07'],
  ['Le prix a augmenté le mois dernier.', 'le mois dernier', '2021-06'],
  ['L\'an dernier, la récolte avait été mauvaise.', 'L\'an dernier', '2020'],
  ['Les ventes ont chuté l\'année dernière.', 'l\'année dernière', '2020'],
  ['La semaine dernière, trois soldats ont été tués.', 'La semaine dernière', '2021-W26'],
  ['Le président s\'exprimera cette semaine.', 'cette semaine', '2021-W27'],
  ['Aujourd\'hui, la ville est calme.', 'Aujourd\'hui', '2021-07-07'],
  ['Le corps a été retrouvé hier.', 'hier', '2021-07-06'],
  ['Le procès s\'ouvrira demain.', 'demain', '2021-07-08'],
  ['Le drame s\'est produit avant-hier.', 'avant-hier', '2021-07-05'],
  ['La veille, un attentat avait visé la caserne.', 'La veille', '2021-07-06'],
  ['L\'attaque a eu lieu il y a deux jours.', 'il y a deux jours', '2021-07-05'],
  ['Il y a trois ans, le barrage avait cédé.', 'Il y a trois ans', '2018'],
  ['Ces derniers jours, les tensions sont montées.', 'Ces derniers jours', 'PXD', 'DURATION'],
  ['L\'été 2020 avait été très sec.', 'L\'été 2020', '2020-SU'],
  ['L\'automne dernier, la frontière avait été fermée.', 'L\'automne dernier', '2020-FA'],
  ['Le troisième trimestre 2021 s\'annonce difficile.', 'Le troisième trimestre 2021', '2021-Q3'],
  ['Le blocus dure depuis un peu plus de deux mois.', 'deux mois', 'P2M', 'DURATION'],
  ['Il a écopé d\'une peine de deux mois avec sursis.', 'deux mois', 'P2M', 'DURATION'],
  ['Le pilote a terminé avec 30,4 secondes d\'avance.', '30,4 secondes', 'PT30.4S', 'DURATION'],
  ['Les pourparlers ont duré trois jours.', 'trois jours', 'P3D', 'DURATION'],
  ['Le conflit dure depuis des années.', 'des années', 'PXY', 'DURATION'],
  ['Ils négocient depuis plusieurs mois.', 'plusieurs mois', 'PXM', 'DURATION'],
  ['Une réunion est organisée chaque semaine.', 'chaque semaine', 'P1W', 'SET'],
  ['Les patrouilles passent tous les jours.', 'tous les jours', 'P1D', 'SET'],
  ['La loi a été votée en 2019.', '2019', '2019', 'DATE'],
  ['Le pays a connu une crise dans les années 1970.', 'les années 1970', '197X'],
  ['Les années 80 ont été marquées par la guerre.', 'Les années 80', '198X'],
  ['La forteresse a été bâtie au XVIIe siècle.', 'XVIIe siècle', '16'],
  ['Le scrutin a eu lieu le 7 juillet 2021.', 'le 7 juillet 2021', '2021-07-07'],
  ['Le rapport est daté du 07/07/2021.', '07/07/2021', '2021-07-07'],
  ['Le décret du 2021-06-30 entre en vigueur.', '2021-06-30', '2021-06-30'],
  ['Le vote est prévu le 11 septembre.', 'le 11 septembre', '2021-09-11'],
  ['Les manifestants se sont rassemblés à 14h30 devant la préfecture.', '14h30', '2021-07-07T14:30', 'TIME'],
  ['Le couvre-feu est désormais levé.', 'désormais', 'PRESENT_REF'],
  ['Les prix ont récemment augmenté.', 'récemment', 'PAST_REF'],
  ['La situation est actuellement calme.', 'actuellement', 'PRESENT_REF'],
  ['Les secours sont maintenant sur place.', 'maintenant', 'PRESENT_REF'],
];

const ENGLISH: Case[] = [
  ['Rebels seized the border post on Wednesday.', 'Wednesday', '2021-07-07', 'DATE'],
  ['Talks collapsed last Thursday.', 'last Thursday', '2021-07-01'],
  ['The minister will travel to the capital on Friday.', 'Friday', '2021-07-09'],
  ['Prices rose earlier this month.', 'earlier this month', '2021-07'],
  ['The council met this week.', 'this week', '2021-W27'],
  ['Elections are due next month.', 'next month', '2021-08'],
  ['The dam burst two years ago.', 'two years ago', '2019'],
  ['Unemployment soared in the 1990s.', 'the 1990s', '199X'],
  ['Shots were heard Wednesday night.', 'Wednesday night', '2021-07-07TNI', 'TIME'],
  ['Clashes broke out over the weekend.', 'the weekend', '2021-W26-WE'],
  ['The deal was signed on July 7, 2021.', 'July 7, 2021', '2021-07-07'],
  ['The protest is planned for 7 July.', '7 July', '2021-07-07'],
  ['The report came out on Jul. 2.', 'Jul. 2', '2021-07-02'],
  ['Voting ended at 3:30 p.m. in the capital.', '3:30 p.m.', '2021-07-07T15:30', 'TIME'],
  ['The company reported a loss for the third quarter.', 'the third quarter', '2021-Q3'],
  ['Fighting continued last night.', 'last night', '2021-07-06TNI', 'TIME'],
  ['The ceasefire has held for three weeks.', 'three weeks', 'P3W', 'DURATION'],
  ['Inflation is now at a record.', 'now', 'PRESENT_REF'],
  ['Markets fell yesterday.', 'yesterday', '2021-07-06'],
  ['The president resigned last year.', 'last year', '2020'],
  ['The drought lasted several months.', 'several months', 'PXM', 'DURATION'],
  ['Inspections take place every week.', 'every week', 'P1W', 'SET'],
  ['Production was halted in early May.', 'early May', '2021-05'],
  ['The bridge opened in the summer of 2019.', 'the summer of 2019', '2019-SU'],
  ['The law took effect in 2015.', '2015', '2015'],
  ['The mill was built in the 19th century.', 'the 19th century', '18'],
  ['She has been detained since last week.', 'last week', '2021-W26'],
  ['Talks resumed this morning.', 'this morning', '2021-07-07TMO', 'TIME'],
];

for (const c of FRENCH) test(`fr: «${c[0]}» → «${c[1]}» = ${c[2]}`, () => check('fr', c));
for (const c of ENGLISH) test(`en: «${c[0]}» → «${c[1]}» = ${c[2]}`, () => check('en', c));

test('fr: a day range gives one DATE per endpoint', () => {
  const found = findTimes('Le festival se tiendra du 3 au 5 mai 2022.', 'fr', D);
  assert.deepEqual(found.map((t) => [t.text, t.value]), [['du 3', '2022-05-03'], ['5 mai 2022', '2022-05-05']]);
});

test('fr: "mercredi" in a Wednesday dispatch is the dateline itself, every time', () => {
  const found = findTimes('Mercredi, la ville est tombée. Les talibans ont annoncé mercredi une trêve.', 'fr', D);
  assert.deepEqual(found.map((t) => t.value), ['2021-07-07', '2021-07-07']);
});

test('fr: a time of day takes the day named just before it', () => {
  const found = findTimes('L\'explosion a eu lieu lundi 5 juillet vers 21 h 45.', 'fr', D);
  assert.equal(found.find((t) => t.type === 'TIME')?.value, '2021-07-05T21:45');
});

test('fr: "à 15 heures" is a time of the day named before; "pendant 15 heures" a duration', () => {
  const found = findTimes('Rendez-vous samedi 10 juillet à 15 heures. Il a marché pendant 15 heures.', 'fr', D);
  assert.deepEqual(found.map((t) => [t.text, t.type, t.value]), [
    ['samedi 10 juillet', 'DATE', '2021-07-10'],
    ['15 heures', 'TIME', '2021-07-10T15:00'],
    ['15 heures', 'DURATION', 'PT15H'],
  ]);
});

test('en: "next Tuesday at 9 a.m." is one TIME a week ahead', () => {
  const found = findTimes('The summit is set for next Tuesday at 9 a.m.', 'en', D);
  assert.deepEqual(found.map((t) => [t.text, t.value]), [['next Tuesday at 9 a.m.', '2021-07-13T09:00']]);
});

// Things that look like numbers or dates but are not temporal expressions.
const NOT_TIMES: [lang: 'fr' | 'en', sentence: string][] = [
  ['fr', 'Les autorités ont libéré 1 200 prisonniers.'],
  ['fr', 'Le bilan s\'élève à 2 000 morts.'],
  ['fr', 'Lyon s\'est imposé 3-1 face à Nantes.'],
  ['fr', 'Le taux de chômage atteint 8,5 % dans la région.'],
  ['fr', 'Le billet coûte 12 euros.'],
  ['fr', 'La pandémie de Covid-19 a frappé le pays.'],
  ['fr', 'Les dirigeants du G20 ont signé un texte.'],
  ['fr', 'La compagnie a commandé dix A320.'],
  ['fr', 'Les attentats du 11-Septembre ont changé le monde.'],
  ['fr', 'Le soldat a été blessé par balle.'],
  ['fr', 'Les Jeux d\'hiver ont été annulés.'],
  ['fr', 'Le candidat a obtenu 2019 voix.'],
  ['fr', 'Le doyen du village, 78 ans, a témoigné.'], // an age, not a duration (TimeML)
  ['en', 'Police arrested 1,200 protesters.'],
  ['en', 'Arsenal won 3-1 against Chelsea.'],
  ['en', 'The 9/11 attacks shaped a generation.'],
  ['en', 'Covid-19 cases rose by 5% in the region.'],
  ['en', 'The G20 leaders signed a text.'],
  ['en', 'An A320 landed safely.'],
  ['en', 'You may leave the room.'],
  ['en', 'They march to the capital.'],
  ['en', 'The company cut 2,000 jobs.'],
  ['en', 'The ticket costs $2020.'],
  ['en', 'The former minister was arrested.'],
];

for (const [lang, sentence] of NOT_TIMES) {
  test(`${lang}: nothing temporal in «${sentence}»`, () => {
    const found = findTimes(sentence, lang, D);
    assert.deepEqual(found.map((t) => t.text), [], `no time expected in «${sentence}»`);
  });
}

test('without a dateline, relative expressions keep unknown digits and no anchor', () => {
  const found = findTimes('Mercredi, le conseil a voté la loi du 7 juillet 2021. Hier, rien.', 'fr', null);
  assert.deepEqual(found.map((t) => [t.text, t.value, t.anchor]), [
    ['Mercredi', 'XXXX-WXX-3', null],
    ['7 juillet 2021', '2021-07-07', null],
    ['Hier', 'XXXX-XX-XX', null],
  ]);
});

test('relative expressions name the dateline as their anchor; absolute ones none', () => {
  const found = findTimes('Hier, le texte du 3 mars 2020 a été abrogé.', 'fr', D);
  assert.deepEqual(found.map((t) => [t.text, t.anchor]), [['Hier', D], ['3 mars 2020', null]]);
});

test('ACLED time precision: 1 for a day or finer, 2 for a week, 3 for a month or coarser', () => {
  const at = (text: string) => findTimes(text, 'fr', D)[0];
  assert.equal(acledTimePrecision(at('hier')), 1);
  assert.equal(acledTimePrecision(at('la nuit dernière')), 1);
  assert.equal(acledTimePrecision(at('la semaine dernière')), 2);
  assert.equal(acledTimePrecision(at('début mai')), 3);
  assert.equal(acledTimePrecision(at('en 2019')), 3);
});

test('the times stage numbers its expressions t1, t2… in text order', () => {
  const doc: ResolvedDocument = { id: 'x', text: 'Lundi, les combats ont repris. Mardi soir, le calme est revenu.', lang: 'fr', published: D };
  const times = timesStage.run(doc, {} as Annotations);
  assert.deepEqual(times.map((t) => [t.id, t.text, t.value]), [['t1', 'Lundi', '2021-07-05'], ['t2', 'Mardi soir', '2021-07-06TEV']]);
});
