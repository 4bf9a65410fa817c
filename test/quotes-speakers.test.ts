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

test('fr: "qui" after a name and its apposition stands for the person, not the organisation in the apposition', () => {
  const text = 'Le convoi a été accueilli par Marie Lenoir, directrice de l\'ONG Action Santé, qui a décrit une situation catastrophique.';
  const r = run(text);
  const q = quoteWith(r, text, 'une situation catastrophique');
  assert.match(names(r, q), /Marie Lenoir/u);
  assert.doesNotMatch(names(r, q), /Action Santé/u);
});

test('fr: "qui" after a description with no name stands for the description', () => {
  const text = 'Le convoi a été reçu par le porte-parole de l\'armée, qui a précisé que la route restait dangereuse.';
  const q = quoteWith(run(text), text, 'la route restait dangereuse');
  assert.equal(q.speaker?.text, 'le porte-parole de l\'armée');
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

test('fr: an inverted anonymous source ends before its relative clause ("un officier qui a requis l\'anonymat")', () => {
  const text = '« La situation reste très tendue dans le camp », a confié un officier qui a requis l\'anonymat.';
  const q = quoteWith(run(text), text, 'La situation reste très tendue');
  assert.equal(q.speaker?.text, 'un officier');
});

test('en: an anonymous official described by a relative clause is the speaker, not the police', () => {
  const text = 'A police official who requested anonymity because of the inquiry said three officers were wounded in the attack.';
  const r = run(text, 'en');
  assert.equal(r.quotes.length, 1, 'the condition of anonymity is no statement of its own');
  const q = quoteWith(r, text, 'three officers were wounded');
  assert.equal(q.speaker?.text, 'A police official');
  assert.ok(q.rules?.includes('subject-before-relative'), JSON.stringify(q.rules));
});

test('en: "said a resident who spoke on condition of anonymity": the inverted subject ends at the relative', () => {
  const text = '"We were never warned about the water," said a resident who spoke on condition of anonymity.';
  const q = quoteWith(run(text, 'en'), text, 'We were never warned');
  assert.equal(q.speaker?.text, 'a resident');
});

// --- adjacent quotes ---

test('fr: adjacent quotes keep their own speakers', () => {
  const text = '« Nous ne céderons pas », a lancé le président Amadou Sall. « Le pays restera debout », a dit de son côté le Premier ministre Jean Dosso.';
  const r = run(text);
  assert.match(names(r, quoteWith(r, text, 'Nous ne céderons pas')), /Sall/u);
  assert.match(names(r, quoteWith(r, text, 'Le pays restera debout')), /Dosso/u);
});

test('fr: a bare quotation after a sentence introducing another person is that person\'s, not the last speaker\'s', () => {
  const text = '« Nous avons perdu trois hommes », a déclaré le colonel Paul Ngoma. Le maire de la ville, Jean Kabila, a lui aussi réagi.\n'
    + '« Les habitants sont terrorisés et veulent partir. »';
  const r = run(text);
  assert.match(names(r, quoteWith(r, text, 'Nous avons perdu')), /Ngoma/u);
  const q = quoteWith(r, text, 'Les habitants sont terrorisés');
  assert.match(names(r, q), /Kabila/u);
  assert.ok(q.rules?.includes('introduced-speaker'), JSON.stringify(q.rules));
});

test('fr: a bare quotation right after a quote keeps that quote\'s speaker', () => {
  const text = '« Nous avons perdu trois bateaux », a dit le pêcheur Hugo Marsan.\n« Personne ne nous a prévenus de la tempête. »';
  const r = run(text);
  assert.match(names(r, quoteWith(r, text, 'Personne ne nous a prévenus')), /Marsan/u);
});

test('fr: "Selon le porte-parole de la police, Jean Moko, …": the name in apposition is the source, not content', () => {
  const text = 'Selon le porte-parole de la police, Jean Moko, quatre suspects ont été arrêtés. « L\'enquête se poursuit », a-t-il précisé.';
  const r = run(text);
  const q = quoteWith(r, text, 'quatre suspects ont été arrêtés');
  assert.equal(text.slice(q.content.start, q.content.end), 'quatre suspects ont été arrêtés');
  assert.match(names(r, q), /Jean Moko/u);
  assert.match(names(r, quoteWith(r, text, 'L\'enquête se poursuit')), /Jean Moko/u);
});

test('fr: a rebuttal keeps its own speaker, and "a-t-il ajouté" follows the rebuttal', () => {
  const text = '« Les combats ont cessé », a dit la porte-parole Fatou Diop. « C\'est faux », a rétorqué le chef rebelle Ahmed Issa. '
    + '« Nos hommes avancent toujours vers la ville », a-t-il ajouté.';
  const r = run(text);
  assert.match(names(r, quoteWith(r, text, 'Les combats ont cessé')), /Diop/u);
  assert.match(names(r, quoteWith(r, text, 'C\'est faux')), /Issa/u);
  assert.match(names(r, quoteWith(r, text, 'Nos hommes avancent')), /Issa/u);
});

// --- quoted fragments inside the writer's sentence ---

test('fr: a fragment quoted right after the auxiliary is the subject\'s words ("Le ministre a « condamné … »")', () => {
  const text = 'Le ministre de la Sécurité a « condamné avec la plus grande fermeté ces attaques contre les civils ».';
  const r = run(text);
  const q = quoteWith(r, text, 'condamné avec la plus grande fermeté');
  assert.equal(q.kind, 'direct');
  assert.ok(q.speaker && q.speaker.end <= text.indexOf(' a «'), `the speaker is named in the subject: ${JSON.stringify(q.speaker)}`);
  assert.ok(q.rules?.includes('quoted-fragment'), JSON.stringify(q.rules));
});

test('fr: a fragment after a verb that is no cue ("a qualifié l\'incendie d\'« … »") belongs to the sentence\'s speaker', () => {
  const text = 'La gouverneure Awa Diallo a qualifié l\'incendie du marché d\'« acte criminel mûrement prémédité ».';
  const r = run(text);
  const q = quoteWith(r, text, 'acte criminel mûrement prémédité');
  assert.match(names(r, q), /Diallo/u);
});

test('fr: a fragment inside a reported clause is no second quote', () => {
  const text = 'Le maire Louis Ardent a affirmé que les digues étaient « en très mauvais état depuis des années ».';
  const r = run(text);
  assert.equal(r.quotes.length, 1, JSON.stringify(r.quotes.map((q) => q.rules)));
  assert.match(names(r, r.quotes[0]), /Ardent/u);
});

test('fr: scare quotes and names in quotation marks are no fragments', () => {
  for (const text of [
    'Les deux camps se livrent une « sale guerre » depuis trois ans.',
    'L\'armée a lancé mardi l\'opération « Bouclier du Sahel » dans la région.',
  ]) assert.deepEqual(run(text).quotes.map((q) => q.rules), [], text);
});

test('en: a quoted fragment without a cue is left alone (English news quotes titles and scare phrases so)', () => {
  const text = 'The mayor spent the evening at a "town hall for working families" in the old theater.';
  assert.equal(run(text, 'en').quotes.length, 0);
});

// --- verbs that are not speech there ---

test('fr: "demander une rançon" is no statement; the sentence\'s source still is', () => {
  const text = 'Les ravisseurs ont demandé une rançon de deux millions de dollars, selon la police.';
  const r = run(text);
  assert.equal(r.quotes.length, 1, JSON.stringify(r.quotes.map((q) => q.rules)));
  assert.equal(r.quotes[0].kind, 'according_to');
  assert.equal(r.quotes[0].speaker?.text, 'la police');
});

test('fr: a negated cue reports nothing ("n\'a pas répondu", "ne commente pas")', () => {
  for (const text of [
    'Contacté par téléphone, le gouverneur de la province n\'a pas répondu aux sollicitations.',
    'Le porte-parole de la présidence ne commente pas ces informations.',
    'Le préfet a appelé la population au calme après une nuit de pillages.',
  ]) assert.deepEqual(run(text).quotes.map((q) => q.rules), [], text);
});

test('fr: the same verbs with a clause or an infinitive are statements', () => {
  const t1 = 'Le préfet a demandé aux habitants de rester chez eux jusqu\'à lundi.';
  assert.equal(run(t1).quotes.length, 1);
  const t2 = 'Le syndicat des pêcheurs a demandé que les indemnités soient versées avant l\'hiver.';
  const q = quoteWith(run(t2), t2, 'les indemnités soient versées');
  assert.equal(q.cue?.lemma, 'demander');
});

// --- English stance and evidence ---

test('en: stance verbs with a noun phrase report a position ("backs a plan", "sought a sentence", "denied any wrongdoing")', () => {
  for (const [text, who, what] of [
    ['The mayor backs a plan to close the coal plant by 2030.', 'The mayor', 'a plan to close the coal plant'],
    ['Prosecutors sought a ten-year sentence for the former mayor.', 'Prosecutors', 'a ten-year sentence'],
    ['The shipping company denied any wrongdoing in a short note to clients.', 'The shipping company', 'any wrongdoing'],
  ]) {
    const q = quoteWith(run(text, 'en'), text, what);
    assert.equal(q.speaker?.text, who, text);
  }
});

test('en: evidence released or issued is an attribution; hostages released are not', () => {
  const t1 = 'The ministry released figures showing a sharp rise in attacks on schools.';
  const q = quoteWith(run(t1, 'en'), t1, 'figures showing a sharp rise');
  assert.equal(q.cue?.lemma, 'release');
  assert.equal(q.speaker?.text, 'The ministry');
  for (const text of [
    'The militants released the hostages on Sunday after talks with elders.',
    'The troops backed away from the border after the talks.',
    'Police issued forty fines on Saturday night.',
  ]) assert.deepEqual(run(text, 'en').quotes.map((x) => x.rules), [], text);
});

// --- an opening phrase ("On X, …") ---

test('en: "On the campaign trail, X has promised to …": the opening phrase is no content', () => {
  const text = 'On the campaign trail, Senator Ruth Adler has promised to raise the minimum wage.';
  const r = run(text, 'en');
  assert.equal(r.quotes.length, 1);
  const q = quoteWith(r, text, 'to raise the minimum wage');
  assert.match(names(r, q), /Adler/u);
  assert.ok(!text.slice(q.content.start, q.content.end).includes('campaign trail'));
});

test('"On Twitter, X wrote …", "Sur Twitter, X a dénoncé …": the opening phrase is the channel', () => {
  const t1 = 'On Twitter, the senator wrote that the bill was dead.';
  assert.equal(quoteWith(run(t1, 'en'), t1, 'the bill was dead').channel, 'Twitter');
  const t2 = 'Sur Twitter, le président a dénoncé une attaque lâche contre les secouristes.';
  const q = quoteWith(run(t2), t2, 'une attaque lâche');
  assert.equal(q.channel, 'Twitter');
  assert.ok(q.rules?.includes('channel-opening-phrase'), JSON.stringify(q.rules));
});

// --- headlines "X: …" ---

test('en: a headline opening on who says it ("Police: …", "Governor X: …") is a quote of that speaker', () => {
  const t1 = 'Police: Two Men Arrested After Downtown Shooting\n\nTwo men were arrested on Friday night.';
  const q1 = quoteWith(run(t1, 'en'), t1, 'Two Men Arrested');
  assert.equal(q1.speaker?.text, 'Police');
  assert.equal(q1.cue?.lemma, ':');
  const t2 = 'Governor Tom Reyes: budget cuts will not touch schools.\n\nThe governor spoke on Monday in the capital.';
  const r2 = run(t2, 'en');
  assert.match(names(r2, quoteWith(r2, t2, 'budget cuts will not touch schools')), /Reyes/u);
});

test('en: a headline opening on a place or a label is no quote ("Kenya: …", "Update: …")', () => {
  for (const text of [
    'Kenya: Floods Cut the Main Road to the Coast\n\nHeavy rain fell for three days.',
    'Update: Roads Reopened Across the Valley\n\nCrews worked through the night.',
  ]) assert.deepEqual(run(text, 'en').quotes.map((q) => q.rules), [], text);
});

test('fr: "ont-ils raconté" stands for the plural subject just before ("Les habitants du quartier …")', () => {
  const text = '« Le calme est revenu », a assuré le préfet Louis Ardent. Les habitants du quartier ont fui vers les collines. '
    + '« Nous n\'avons plus rien », ont-ils raconté.';
  const r = run(text);
  const q = quoteWith(r, text, 'Nous n\'avons plus rien');
  assert.match(names(r, q), /Les habitants du quartier/u);
  assert.doesNotMatch(names(r, q), /Ardent/u);
});

test('en: "they" is left as written when nothing of that number was named (the pronoun names the source)', () => {
  const text = 'Local officials in the valley say the floods destroyed 300 homes. They added that roads remain cut.';
  const q = quoteWith(run(text, 'en'), text, 'roads remain cut');
  assert.equal(q.speaker?.text, 'They');
});

// --- passives and sources named by "de source" ---

test('a passive cue without an agent names nobody: the accused is not the speaker', () => {
  for (const [text, lang] of [
    ['Les rebelles sont accusés d\'avoir tué des centaines de civils depuis 2019.', 'fr'],
    ['The former mayor was accused of taking bribes from developers.', 'en'],
    ['Residents were told to leave their homes before noon.', 'en'],
  ] as const) {
    for (const q of run(text, lang).quotes) assert.equal(q.speaker, null, `${text}: ${JSON.stringify(q.speaker)}`);
  }
});

test('fr: "a-t-on appris de sources locales": the sources are the speaker', () => {
  const text = 'Au moins six civils ont été tués mardi près du marché, a-t-on appris de sources locales.';
  const q = quoteWith(run(text), text, 'Au moins six civils ont été tués');
  assert.equal(q.kind, 'according_to');
  assert.equal(q.speaker?.text, 'sources locales');
});
