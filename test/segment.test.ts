// Sentences and tokens, read as examples: each case is text we wrote, and what a reader expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, tokenize } from '../src/text/index.js';
import type { Lang } from '../src/types.js';

function sentences(text: string, lang: Lang): string[] {
  return splitSentences(text, lang).map((s) => text.slice(s.start, s.end));
}

function tokens(text: string, lang: Lang): string[] {
  return tokenize(text, lang).map((t) => text.slice(t.start, t.end));
}

test('a French title abbreviation does not end a sentence: "M. Durand"', () => {
  const text = 'Le ministre est arrivé lundi. M. Durand a salué la foule. Il repart demain.';
  assert.deepEqual(sentences(text, 'fr'), ['Le ministre est arrivé lundi.', 'M. Durand a salué la foule.', 'Il repart demain.']);
});

test('"Mme", "Dr" and "gén." keep the name with them', () => {
  const text = 'La réunion était présidée par le gén. Martin. Mme Leroy a pris la parole.';
  assert.deepEqual(sentences(text, 'fr'), ['La réunion était présidée par le gén. Martin.', 'Mme Leroy a pris la parole.']);
});

test('English titles and "U.S." inside a sentence', () => {
  const text = 'Gov. Ellis met Mr. Brandt in Ohio. The U.S. embassy said nothing. Talks resume Sept. 14 in Geneva.';
  assert.deepEqual(sentences(text, 'en'), ['Gov. Ellis met Mr. Brandt in Ohio.', 'The U.S. embassy said nothing.', 'Talks resume Sept. 14 in Geneva.']);
});

test('a quotation in guillemets with two sentences stays with its attribution', () => {
  const text = '«Nous avons tenu. Nous tiendrons encore», a affirmé le maire. La ville est calme.';
  assert.deepEqual(sentences(text, 'fr'), ['«Nous avons tenu. Nous tiendrons encore», a affirmé le maire.', 'La ville est calme.']);
});

test('a question inside quotes followed by the cue is one sentence', () => {
  const text = '«Où sont les secours ?», a demandé une habitante. Personne n\'a répondu.';
  assert.deepEqual(sentences(text, 'fr'), ['«Où sont les secours ?», a demandé une habitante.', 'Personne n\'a répondu.']);
});

test('a heading line without a full stop is a sentence of its own', () => {
  const text = 'Accord de cessez-le-feu à Genève\nLes deux camps ont signé mardi. Le texte entre en vigueur jeudi.';
  assert.deepEqual(sentences(text, 'fr'), ['Accord de cessez-le-feu à Genève', 'Les deux camps ont signé mardi.', 'Le texte entre en vigueur jeudi.']);
});

test('parentheses holding a full stop do not cut the sentence', () => {
  const text = 'Le convoi (parti de la capitale. selon la police) a été arrêté. Il transportait du riz.';
  assert.equal(sentences(text, 'fr').length, 2);
});

test('an unbalanced guillemet does not glue the rest of the paragraph', () => {
  const text = '«Le texte commence ici. La suite est ailleurs. Et encore ailleurs.';
  assert.equal(sentences(text, 'fr').length, 3);
});

test('sentence offsets slice the original text exactly, with surrounding spaces trimmed', () => {
  const text = '  Première phrase.   Deuxième phrase.  \n\n Troisième. ';
  const spans = splitSentences(text, 'fr');
  assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['Première phrase.', 'Deuxième phrase.', 'Troisième.']);
});

test('French elisions are split from their word', () => {
  assert.deepEqual(tokens("l'armée qu'il jusqu'à d'abord", 'fr'), ["l'", 'armée', "qu'", 'il', "jusqu'", 'à', "d'", 'abord']);
});

test('a word with an inner apostrophe that is not an elision stays whole', () => {
  assert.deepEqual(tokens("aujourd'hui", 'fr'), ["aujourd'hui"]);
});

test('inverted subject pronouns are split from the verb, hyphenated names are not', () => {
  assert.deepEqual(tokens('a-t-il ajouté, précise-t-on, dit-elle', 'fr'), ['a', '-t-il', 'ajouté', ',', 'précise', '-t-on', ',', 'dit', '-elle']);
  assert.deepEqual(tokens('Saint-Louis et Nord-Ouest', 'fr'), ['Saint-Louis', 'et', 'Nord-Ouest']);
});

test('grouped numbers and decimal commas are one token', () => {
  assert.deepEqual(tokens('1 200 prisonniers et 2,5 millions', 'fr'), ['1 200', 'prisonniers', 'et', '2,5', 'millions']);
  assert.deepEqual(tokens('3\u202F400 soldats', 'fr'), ['3\u202F400', 'soldats']);
});

test('a year next to a count is not merged into one number', () => {
  assert.deepEqual(tokens('en 2021 200 blessés', 'fr'), ['en', '2021', '200', 'blessés']);
});

test('abbreviations keep their full stop as one token', () => {
  assert.deepEqual(tokens('M. Durand et Mme Roy', 'fr'), ['M.', 'Durand', 'et', 'Mme', 'Roy']);
  assert.deepEqual(tokens('the U.S. and Gov. Hale', 'en'), ['the', 'U.S.', 'and', 'Gov.', 'Hale']);
});

test("English clitics: the possessive 's and n't are tokens of their own", () => {
  assert.deepEqual(tokens("the army's chief didn't say", 'en'), ['the', 'army', "'s", 'chief', 'did', "n't", 'say']);
});

test('guillemets and punctuation are tokens with their kind', () => {
  const text = '«Non», a-t-il dit.';
  const kinds = tokenize(text, 'fr').map((t) => `${text.slice(t.start, t.end)}/${t.kind}`);
  assert.deepEqual(kinds, ['«/punct', 'Non/word', '»/punct', ',/punct', 'a/word', '-t-il/clitic', 'dit/word', './punct']);
});

test('an initial inside a name does not end the sentence: "Laura K. Moss"', () => {
  const text = 'The report was written by Laura K. Moss of the institute. It runs to 40 pages.';
  assert.deepEqual(sentences(text, 'en'), ['The report was written by Laura K. Moss of the institute.', 'It runs to 40 pages.']);
});
