// Speakers on text never seen, by kind: what a pronoun stands for, anonymous sources, adjacent
// quotes, sources named through a channel. Every sentence here is written for this file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline/index.js';
import type { ExtractRecord, Quote } from '../src/types.js';

function run(text: string, lang: 'fr' | 'en' = 'fr'): ExtractRecord {
  return extract({ id: 't', text, lang }, { skip: ['times', 'places', 'events'] });
}

/** The quote whose content holds `words`. */
function quoteWith(r: ExtractRecord, text: string, words: string): Quote {
  const q = r.quotes.find((x) => text.slice(x.content.start, x.content.end).includes(words));
  assert.ok(q, `no quote holding "${words}" in ${JSON.stringify(r.quotes.map((x) => text.slice(x.content.start, x.content.end)))}`);
  return q;
}

/** Every name the speaker goes by: its words, and its mention's words and canonical name. */
function names(r: ExtractRecord, q: Quote): string {
  if (!q.speaker) return '';
  const m = r.mentions.find((x) => x.id === q.speaker!.mention);
  return [q.speaker.text, m?.text, m?.canonical].filter(Boolean).join(' | ');
}

// --- pronouns ---

test('fr: "Il" after a sentence whose subject is a person stands for that person, not an earlier organisation', () => {
  const text = 'Le ministère de la Santé a publié mardi un bilan provisoire. Le docteur Paul Kibanda, chef des urgences, s\'est rendu à l\'hôpital. '
    + 'Il a affirmé que les blessés étaient hors de danger.';
  const r = run(text);
  const q = quoteWith(r, text, 'les blessés étaient hors de danger');
  assert.match(names(r, q), /Kibanda/u);
  assert.equal(q.speaker?.text, 'Il', 'the speaker\'s words stay the pronoun; its mention names the person');
  assert.ok(q.rules?.includes('pronoun-previous-subject'), JSON.stringify(q.rules));
});

test('fr: "Elle" takes the person whose article says she is a woman ("La ministre X")', () => {
  const text = 'Le président Marc Olenga est arrivé lundi à Goma. La ministre Claire Okafor a visité le camp de déplacés. '
    + 'Elle a promis que les vivres arriveraient avant la fin de la semaine.';
  const r = run(text);
  assert.match(names(r, quoteWith(r, text, 'les vivres arriveraient')), /Okafor/u);
});

test('fr: "a-t-il ajouté" after a quote of a named person keeps that person', () => {
  const text = '« Nous avons repris le contrôle du pont », a déclaré le colonel Idriss Maïga. « Les rebelles se sont repliés vers le nord », a-t-il ajouté.';
  const r = run(text);
  const q = quoteWith(r, text, 'Les rebelles se sont repliés');
  assert.match(names(r, q), /Maïga/u);
  assert.equal(q.cue?.lemma, 'ajouter');
});

test('fr: a pronoun after another subject takes that subject ("Le syndicat … «…», a-t-il répliqué")', () => {
  const text = '« Les écoles rouvriront lundi », a annoncé la ministre Awa Diallo. Le syndicat des enseignants a rejeté cette décision. '
    + '« Rien n\'est prêt dans les classes », a-t-il répliqué.';
  const r = run(text);
  assert.match(names(r, quoteWith(r, text, 'Les écoles rouvriront')), /Diallo/u);
  const q = quoteWith(r, text, 'Rien n\'est prêt');
  assert.match(names(r, q), /syndicat des enseignants/u);
  assert.doesNotMatch(names(r, q), /Diallo/u);
});

test('fr: "selon lui" stands for the speaker just named', () => {
  const text = 'Le porte-parole de l\'armée, le colonel Idriss Maïga, a indiqué que deux villages avaient été repris. Selon lui, les combats ont fait une dizaine de morts.';
  const r = run(text);
  const q = quoteWith(r, text, 'une dizaine de morts');
  assert.equal(q.kind, 'according_to');
  assert.match(names(r, q), /Maïga/u);
});

test('fr: "qui a déclaré" stands for the person before the relative', () => {
  const text = 'Les secours ont été accueillis par le maire Jean-Paul Sanou, qui a déclaré que la digue avait cédé dans la nuit.';
  const r = run(text);
  assert.match(names(r, quoteWith(r, text, 'la digue avait cédé')), /Sanou/u);
});

test('fr: "on" names nobody: "a-t-on appris" is not given to the last speaker', () => {
  const text = '« Le pont est fermé », a déclaré le préfet Louis Ardent. « Deux camions sont tombés dans le fleuve », a-t-on appris de source policière.';
  const r = run(text);
  const q = quoteWith(r, text, 'Deux camions');
  assert.doesNotMatch(names(r, q), /Ardent/u);
});

test('en: "He" after a sentence whose subject is a person stands for that person', () => {
  const text = 'The Interior Ministry announced six arrests on Tuesday. General Paul Kibanda, the head of the gendarmerie, visited the site. '
    + 'He said the attackers had fled toward the border.';
  const r = run(text, 'en');
  assert.match(names(r, quoteWith(r, text, 'the attackers had fled')), /Kibanda/u);
});

// --- sources named through a channel ---

test('fr: "selon un communiqué du ministère": the ministry is the source, the communiqué its channel; "Il" then stands for it', () => {
  const text = 'Deux soldats ont été tués près de la frontière, selon un communiqué du ministère. Il précise que le calme est revenu dans la soirée.';
  const r = run(text);
  const first = quoteWith(r, text, 'Deux soldats ont été tués');
  assert.equal(first.kind, 'according_to');
  assert.equal(first.channel, 'communiqué');
  assert.match(names(r, first), /ministère/u);
  assert.match(names(r, quoteWith(r, text, 'le calme est revenu')), /ministère/u);
});

test('en: "according to a statement from the army": the army is the source', () => {
  const text = 'Three bridges were destroyed overnight, according to a statement from the army.';
  const r = run(text, 'en');
  const q = quoteWith(r, text, 'Three bridges were destroyed');
  assert.equal(q.channel, 'statement');
  assert.match(names(r, q), /the army/u);
});

// --- anonymous sources ---

test('fr: an anonymous source after an inverted cue is the speaker', () => {
  const text = '« Trois soldats ont été tués dans l\'embuscade », a déclaré à l\'AFP une source sécuritaire sous couvert d\'anonymat.';
  const r = run(text);
  const q = quoteWith(r, text, 'Trois soldats');
  assert.equal(q.speaker?.text, 'une source sécuritaire');
  assert.equal(q.addressee, 'AFP');
});

test('fr: an anonymous subject with a relative incise ("Un responsable local, qui a requis l\'anonymat, a affirmé")', () => {
  const text = 'Un responsable local, qui a requis l\'anonymat, a affirmé que les assaillants étaient une centaine.';
  const r = run(text);
  assert.equal(r.quotes.length, 1);
  assert.equal(quoteWith(r, text, 'les assaillants étaient une centaine').speaker?.text, 'Un responsable local');
});

// --- adjacent quotes ---

test('fr: adjacent quotes keep their own speakers', () => {
  const text = '« Nous ne céderons pas », a lancé le président Amadou Sall. « Le pays restera debout », a dit de son côté le Premier ministre Jean Dosso.';
  const r = run(text);
  assert.match(names(r, quoteWith(r, text, 'Nous ne céderons pas')), /Sall/u);
  assert.match(names(r, quoteWith(r, text, 'Le pays restera debout')), /Dosso/u);
});
