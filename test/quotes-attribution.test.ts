// Who is the speaker? Examples of attribution structures in news prose: passives with an agent,
// long descriptions as subjects, names with appositions between commas, dashes or brackets,
// time phrases between a subject and its cue, participles continuing a clause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline/index.js';
import type { ExtractRecord, Quote } from '../src/types.js';

function run(text: string, lang: 'fr' | 'en' = 'en'): ExtractRecord {
  return extract({ id: 't', text, lang }, { skip: ['times', 'places', 'events'] });
}

/** The quote whose cue is written `cue`. */
function byCue(r: ExtractRecord, text: string, cue: string): Quote {
  const q = r.quotes.find((x) => x.cue && text.slice(x.cue.start, x.cue.end).endsWith(cue));
  assert.ok(q, `no quote with cue "${cue}" in ${JSON.stringify(r.quotes.map((x) => x.cue && text.slice(x.cue.start, x.cue.end)))}`);
  return q;
}

function speaker(q: Quote): string | null {
  return q.speaker?.text ?? null;
}

function content(text: string, q: Quote): string {
  return text.slice(q.content.start, q.content.end);
}

test('a passive with its agent: the agent is the speaker, the subject is what it spoke about', () => {
  const text = 'The proposals were rejected by the regional council in March.';
  const q = byCue(run(text), text, 'rejected');
  assert.equal(speaker(q), 'the regional council');
  assert.equal(content(text, q), 'The proposals');
});

test('fr: a passive with "par": the agent is the speaker', () => {
  const text = 'Le projet a été démenti par le ministère de la Santé.';
  const q = byCue(run(text, 'fr'), text, 'démenti');
  assert.match(speaker(q) ?? '', /ministère de la Santé/u);
});

test('a long description without a name is the subject: "the former governor and current party leader said"', () => {
  const text = 'In a radio interview, the former governor and current party leader said she wanted to talk about jobs.';
  const q = byCue(run(text), text, 'said');
  assert.equal(speaker(q), 'the former governor and current party leader');
  assert.equal(content(text, q), 'she wanted to talk about jobs');
});

test('a bare plural noun phrase is the subject: "farmers across the valley say"', () => {
  const text = 'Farmers across the valley say the new dam has cut their water by half.';
  const q = byCue(run(text), text, 'say');
  assert.equal(speaker(q), 'Farmers across the valley');
});

test('a time phrase between the subject and its cue: "state prosecutors in May charged"', () => {
  const text = 'More recently, state prosecutors in May charged two developers with fraud.';
  const q = byCue(run(text), text, 'charged');
  assert.equal(speaker(q), 'state prosecutors');
});

test('a relative with a time phrase: "who in 2012 said" stands for the name before it', () => {
  const text = 'The senator met Anna Roberts, who in 2012 said the budget was a mess.';
  const q = byCue(run(text), text, 'said');
  assert.equal(speaker(q), 'who');
  assert.equal(q.speaker?.mention !== null, true);
});

test('a country with an apposition speaks for its government: "Japan, its main partner, said"', () => {
  const text = 'Even Japan, the main trading partner of the islands, said it was "firmly opposed" to the plan.';
  const q = byCue(run(text), text, 'said');
  assert.equal(speaker(q), 'Japan');
});

test('a name glossed in brackets and followed by an apposition, after a quotation', () => {
  const text = '"It is the strangest thing I have seen," Rep. Tom Baker (R-Ohio), a panel member, said in a phone interview.';
  const q = byCue(run(text), text, 'said');
  assert.equal(q.kind, 'direct');
  assert.equal(speaker(q), 'Rep. Tom Baker');
  assert.equal(content(text, q), 'It is the strangest thing I have seen');
});

test('an apposition between dashes: the name before it is the subject', () => {
  const text = 'Tom Reed, the chief of Acme Media -- the company that owns the channel -- told me, "We are a content provider."';
  const q = byCue(run(text), text, 'told');
  assert.equal(speaker(q), 'Tom Reed');
});

test('"“…,” X said in a statement, adding that …": two statements, both by X, the first ends at its quotation', () => {
  const text = '"We will not back down on this," Senator Maria Lopez said in a statement, adding that the fees had doubled "in a single year."';
  const r = run(text);
  const said = byCue(r, text, 'said');
  const adding = byCue(r, text, 'adding');
  assert.equal(content(text, said), 'We will not back down on this');
  assert.equal(speaker(said), 'Senator Maria Lopez');
  assert.equal(speaker(adding), 'Senator Maria Lopez');
});

test('a participle after a clause takes that clause\'s subject: "The union filed a motion, arguing …"', () => {
  const text = 'The union filed a motion on Monday, arguing the move was needed.';
  const q = byCue(run(text), text, 'arguing');
  assert.equal(speaker(q), 'The union');
  assert.equal(content(text, q), 'the move was needed');
});

test('a name with a participial apposition: "Mayor Ruth Olsen, opening the new bridge on Sunday, said …"', () => {
  const text = 'Mayor Ruth Olsen, opening the new bridge on Sunday, said it would shorten every commute.';
  const q = byCue(run(text), text, 'said');
  assert.equal(speaker(q), 'Mayor Ruth Olsen');
  assert.equal(content(text, q), 'it would shorten every commute');
});

test('"Name, role, stressed X and said …": the apposition is no statement, both cues are the name\'s', () => {
  const text = 'Maria Lopez, the former trade minister, stressed her record on exports and said she has the experience for the job.';
  const r = run(text);
  assert.ok(!r.quotes.some((q) => content(text, q).startsWith('Maria Lopez')), 'the name and its apposition are not content');
  assert.equal(speaker(byCue(r, text, 'said')), 'Maria Lopez');
});

test('"after a quotation, a titled name with a bracket gloss, then said": a direct quote with that speaker', () => {
  const text = '"The files were never handed over," Committee Chairman Paul Grant (R-Utah) said on Friday, adding that the contracts went out "like party favors."';
  const r = run(text);
  const said = byCue(r, text, 'said');
  assert.equal(said.kind, 'direct');
  assert.match(speaker(said) ?? '', /Paul Grant/u);
  assert.match(speaker(byCue(r, text, 'adding')) ?? '', /Paul Grant/u);
});

test('a progressive "is demanding" is the main verb: its subject is the speaker', () => {
  const text = 'Tom Baker spoke first. The city council is demanding that the company stop using the logo.';
  const q = byCue(run(text), text, 'demanding');
  assert.equal(speaker(q), 'The city council');
  assert.equal(content(text, q), 'the company stop using the logo');
});

test('a coordinated cue after a description subject: "A reporter for the paper spotted X and reported …"', () => {
  const text = 'A reporter for the local paper spotted Anna Berg at the venue and reported her presence on social media.';
  const q = byCue(run(text), text, 'reported');
  assert.equal(speaker(q), 'A reporter for the local paper');
});

test('"…, but he said that …": a coordinated clause with a pronoun subject and its own cue is a statement of its own', () => {
  const text = 'Maria Lopez agreed the ferry schedule needed an overhaul, but he said that any change should wait until after the vote.';
  const r = run(text);
  const agreed = byCue(r, text, 'agreed');
  const said = byCue(r, text, 'said');
  assert.equal(content(text, agreed), 'the ferry schedule needed an overhaul');
  assert.equal(content(text, said), 'any change should wait until after the vote');
  assert.equal(speaker(said), 'he');
});

test('"A reports that B, according to C": a named source after the sentence keeps its own attribution', () => {
  const text = 'The Daily Ledger reports that the mayor has won among older voters, according to the Pew Research Center.';
  const r = run(text);
  const acc = r.quotes.find((q) => q.kind === 'according_to');
  assert.ok(acc, 'an according-to quote');
  assert.match(speaker(acc) ?? '', /Pew Research Center/u);
  assert.match(content(text, acc), /^The Daily Ledger reports that/u);
});

test('a cue in a subordinate clause opening the sentence reports only up to its comma', () => {
  const text = 'When he wrote his first book, Tom Baker said that he saw borrowing as something to avoid.';
  const r = run(text);
  const wrote = r.quotes.find((q) => q.cue && text.slice(q.cue.start, q.cue.end) === 'wrote');
  if (wrote) assert.equal(content(text, wrote), 'his first book');
  const said = byCue(r, text, 'said');
  assert.equal(speaker(said), 'Tom Baker');
  assert.equal(content(text, said), 'he saw borrowing as something to avoid');
});

test('fr: "Le chef du conseil de <lieu>, <Nom>, a confirmé": the name in apposition, not the place', () => {
  const text = 'Le président du conseil régional de Kandahar, Ahmad Karimi, a confirmé à la presse la fermeture des écoles.';
  const q = byCue(run(text, 'fr'), text, 'confirmé');
  assert.equal(speaker(q), 'Ahmad Karimi');
});

test('"“…,” Senate Majority Leader X, R-Ky., said": a title before the name and a state code after it', () => {
  const text = 'The vote is near. “We expect the bill to pass with room to spare,” Senate Majority Leader Paul Winter, R-Ky., said Tuesday.';
  const q = byCue(run(text), text, 'said');
  assert.equal(q.kind, 'direct');
  assert.equal(content(text, q), 'We expect the bill to pass with room to spare');
  assert.match(speaker(q) ?? '', /Paul Winter/u);
});

test('an object relative: "which state media claimed" has the media as its subject', () => {
  const text = 'The council met after the test, which state media claimed now allows the army to build smaller warheads.';
  const q = byCue(run(text), text, 'claimed');
  assert.equal(speaker(q), 'state media');
});

test('"Meanwhile, it attacked X, saying …": the sentence adverb is skipped, the subject speaks', () => {
  const text = 'The paper endorsed the senator. Meanwhile, it attacked the governor, saying he "has offended everyone."';
  const q = byCue(run(text), text, 'saying');
  assert.equal(speaker(q), 'it');
});

test('"…, experts say it …": a statement ends where a new clause brings its own subject and cue', () => {
  const text = 'Although it is hard to assess the claims about the test, experts say it shows a clear determination to build weapons.';
  const r = run(text);
  const say = byCue(r, text, 'say');
  assert.equal(speaker(say), 'experts');
  assert.equal(content(text, say), 'it shows a clear determination to build weapons');
  for (const q of r.quotes) if (q !== say) assert.ok(!content(text, q).includes('experts say'), 'no other statement runs over it');
});

test('"according to show insiders": a channel word qualifying a plural noun is part of the source', () => {
  const text = 'The host demeaned his staff, according to show insiders.';
  const q = r1(text);
  assert.equal(q.kind, 'according_to');
  assert.equal(speaker(q), 'show insiders');
});

test('"Name (party), apposition, called Friday for …": the apposition is not a statement', () => {
  const text = 'Protesters marched. Attorney General Ruth Park (D), the opponent of the governor, called Friday for releasing the videos.';
  const r = run(text);
  assert.ok(!r.quotes.some((q) => content(text, q).startsWith('Attorney General')));
  assert.match(speaker(byCue(r, text, 'called')) ?? '', /Ruth Park/u);
});

function r1(text: string): Quote {
  const r = run(text);
  assert.equal(r.quotes.length, 1, `one quote expected, got ${r.quotes.length}`);
  return r.quotes[0];
}

test('cue forms used as nouns are no statements: "the most basic question", "too many calls"', () => {
  const text = 'The returns would settle the most basic question: how much tax does he pay? Too many calls roll over to backup centers.';
  const r = run(text);
  assert.equal(r.quotes.length, 0, JSON.stringify(r.quotes.map((q) => q.cue?.lemma)));
});

test('the same forms as verbs still are: "The mayor calls for calm"', () => {
  const text = 'The mayor calls for calm after the riots.';
  const q = byCue(run(text), text, 'calls for');
  assert.equal(speaker(q), 'The mayor');
});

test('"some note that …": a quantifier subject keeps a noun-like form a verb', () => {
  const text = 'But some note that the mayor has proposed little in the way of reform.';
  const q = byCue(run(text), text, 'note');
  assert.equal(content(text, q), 'the mayor has proposed little in the way of reform');
});

test('a long clause after the cue is not an inverted subject: "X, director of Y, said the states were wrong about the EPA"', () => {
  const text = 'Ruth Adler, director of the Institute for Policy Studies at the law school, said the plaintiffs had overstated what the agency could do.';
  const q = byCue(run(text), text, 'said');
  assert.equal(speaker(q), 'Ruth Adler');
  assert.equal(content(text, q), 'the plaintiffs had overstated what the agency could do');
});

test('fr: "…, assure le ministère de l\'Intérieur." — a name closing the sentence is the inverted subject, not the addressee', () => {
  const text = 'Les routes sont coupées depuis lundi, assure le ministère de l\'Intérieur.';
  const q = byCue(run(text, 'fr'), text, 'assure');
  assert.match(speaker(q) ?? '', /ministère/u);
  assert.equal(content(text, q), 'Les routes sont coupées depuis lundi');
  assert.equal(q.addressee, null);
});

test('"X told the Daily Ledger." after a quotation and a named subject: the object is the addressee', () => {
  const text = '"This story is being pushed by the media," Ruth Adler, a director at the center, told the Daily Ledger.';
  const q = byCue(run(text), text, 'told');
  assert.equal(speaker(q), 'Ruth Adler');
});

test('a modal and a negation belong to the cue: "he could not explain why …"', () => {
  const text = 'However, he could not explain why the rule is cited on the website.';
  const q = byCue(run(text), text, 'explain');
  assert.equal(speaker(q), 'he');
  assert.equal(content(text, q), 'why the rule is cited on the website');
});

test('an object pronoun after an auxiliary cue is no inverted subject: "he does not defend it."', () => {
  const text = 'Although the mayor has admitted using the loophole, he does not defend it.';
  const r = run(text);
  for (const q of r.quotes) assert.notEqual(speaker(q), 'it');
});

test('a cue form after a possessive is a noun: "the administration\'s plans to …"', () => {
  const text = 'The union put out a leaflet praising the council\'s plans to build two new schools.';
  const r = run(text);
  assert.ok(!r.quotes.some((q) => q.cue?.lemma === 'plan'), JSON.stringify(r.quotes.map((q) => q.cue?.lemma)));
});

test('a statement in a relative clause is not the main one a participle continues', () => {
  const text = 'The mayor refused to pay an architect who said he was cheated, saying, "Maybe he did not do a good job."';
  const q = byCue(run(text), text, 'saying');
  assert.equal(speaker(q), 'The mayor');
});

test('a participial phrase opening the sentence is not its subject: "Following a meeting, the council issued a statement calling …"', () => {
  const text = 'Following a swiftly called meeting, the council issued a statement calling the test "a clear violation."';
  const q = byCue(run(text), text, 'calling');
  assert.equal(speaker(q), 'the council');
});

test('a floating quantifier after named subjects: "Ana Ruiz (D-Ore.) and Tom Cole (D-Ohio) all suggested …"', () => {
  const text = 'Sens. Ana Ruiz (D-Ore.) and Tom Cole (D-Ohio) all suggested that the audit left too many questions open.';
  const q = byCue(run(text), text, 'suggested');
  assert.match(speaker(q) ?? '', /Tom Cole/u);
});

test('fr: "a déclaré à l\'AFP une source policière sous couvert d\'anonymat": the inverted description is the speaker', () => {
  const text = '"Trois décès ont été confirmés aujourd\'hui", a confié à l\'AFP une source proche du parquet sous couvert d\'anonymat.';
  const q = byCue(run(text, 'fr'), text, 'confié');
  assert.equal(speaker(q), 'une source proche du parquet');
  assert.equal(q.addressee, 'AFP');
});

test('fr: "Le ministre X a reçu … et précisé que …, a-t-il indiqué": the pronoun stands for the sentence\'s subject, not the last speaker', () => {
  const text = 'Des renforts ont été envoyés, a indiqué le chef de la police Marc Dulac mardi. '
    + 'Le Premier ministre Paul Renard a été informé de l\'enlèvement et précisé que le consulat restait en contact avec la famille, a-t-il indiqué à la radio.';
  const r = run(text, 'fr');
  const q = r.quotes.find((x) => x.cue && text.slice(x.cue.start, x.cue.end).startsWith('a-t-il'));
  assert.ok(q, 'a quote with "a-t-il indiqué"');
  const m = r.mentions.find((x) => x.id === q.speaker?.mention);
  assert.match(m?.text ?? '', /Paul Renard/u);
});

test('two apostrophes as quotation marks: "\'\'A,\'\' X said. \'\'B.\'\'" is one statement running over both quotations', () => {
  const text = "The plan is complex. ''You do not have to save a fortune for your kid,'' Mr. Lamb said. ''Start small this year and add to it later.''";
  const r = run(text);
  assert.equal(r.quotes.length, 1);
  const q = r.quotes[0];
  assert.equal(q.kind, 'direct');
  assert.equal(speaker(q), 'Mr. Lamb');
  assert.ok(content(text, q).endsWith('add to it later.'), content(text, q));
});

test('a name followed by several appositions, then said and a reported clause', () => {
  const text = 'Marc Olin, the trade minister of Chile, a founding member of the regional bloc, said the new tariff "cannot go unanswered."';
  const r = run(text);
  const q = byCue(r, text, 'said');
  assert.equal(speaker(q), 'Marc Olin');
  assert.ok(content(text, q).startsWith('the new tariff'), content(text, q));
});

test('"Name, who heads X, said …": a relative apposition is not content', () => {
  const text = 'Derek Milton, who served as ambassador to the country until this year, said the senator reached out early.';
  const q = byCue(run(text), text, 'said');
  assert.equal(speaker(q), 'Derek Milton');
  assert.equal(content(text, q), 'the senator reached out early');
});

test('"The museum, he said, would tell a story": the statement runs on after a short incise, and its verbs are no cues', () => {
  const text = 'The museum, he said, would tell an American story, one of hope.';
  const r = run(text);
  assert.equal(r.quotes.length, 1, JSON.stringify(r.quotes.map((q) => q.cue?.lemma)));
  assert.equal(speaker(r.quotes[0]), 'he');
  assert.equal(content(text, r.quotes[0]), 'The museum, he said, would tell an American story, one of hope');
});

test('"told the host, “…”" / "“…,” X told the crowd.": the object of "tell" is the addressee', () => {
  const t1 = '“Now that I am free,” he told the host, “it was hard to work for him.”';
  const q1 = byCue(run(t1), t1, 'told');
  assert.equal(q1.addressee, 'the host');
  assert.equal(speaker(q1), 'he');
  const t2 = 'The mayor spoke. “You knew that I was a snake,” Tom Baker told the crowd.';
  const q2 = byCue(run(t2), t2, 'told');
  assert.equal(q2.addressee, 'the crowd');
  assert.equal(speaker(q2), 'Tom Baker');
  assert.equal(content(t2, q2), 'You knew that I was a snake');
});
