// Quotes read as examples: given a short dispatch, we find who says what, with which cue,
// through which channel and to whom — and nothing where nothing is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline/index.js';
import type { ExtractRecord, Quote } from '../src/types.js';

const SKIP = { skip: ['times', 'places', 'events'] };

function run(text: string, lang: 'fr' | 'en'): ExtractRecord {
  return extract({ id: 't', text, lang }, SKIP);
}

function content(r: ExtractRecord, text: string, q: Quote): string {
  void r;
  return text.slice(q.content.start, q.content.end);
}

/** The speaker's full name: the canonical name of its mention, else the words of the speaker span. */
function who(r: ExtractRecord, q: Quote): string | null {
  if (!q.speaker) return null;
  const m = r.mentions.find((x) => x.id === q.speaker!.mention);
  return m?.canonical ?? q.speaker.text;
}

function only(r: ExtractRecord): Quote {
  assert.equal(r.quotes.length, 1, `one quote expected, got ${JSON.stringify(r.quotes.map((q) => q.kind))}`);
  return r.quotes[0];
}

// --- direct quotations (French) ---

test('«…», a déclaré X: a direct quote, content without the marks, speaker after the cue', () => {
  const text = '«Les routes du nord sont coupées depuis hier soir», a déclaré Paulin Merlot, maire de la commune.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.kind, 'direct');
  assert.equal(content(r, text, q), 'Les routes du nord sont coupées depuis hier soir');
  assert.equal(q.cue?.lemma, 'déclarer');
  assert.equal(who(r, q), 'Paulin Merlot');
});

test('X a déclaré : «…»: the speaker before the colon', () => {
  const text = 'Le préfet Octave Laroche a déclaré : «Nous rouvrirons le pont dès jeudi.»';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.kind, 'direct');
  assert.match(content(r, text, q), /^Nous rouvrirons le pont dès jeudi/);
  assert.equal(who(r, q), 'Octave Laroche');
});

test('a role in apposition after an inverted cue gives the named person as speaker', () => {
  const text = '«La digue a cédé vers minuit», a expliqué le directeur du port, Samuel Ondoa, dans un SMS.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(who(r, q), 'Samuel Ondoa');
  assert.equal(q.channel, 'SMS');
});

test('a quotation spanning several sentences is one quote', () => {
  const text = '«Les pluies ont repris. Les secours ne passent plus. Nous attendons des hélicoptères», a raconté Irène Vasseur.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(content(r, text, q), 'Les pluies ont repris. Les secours ne passent plus. Nous attendons des hélicoptères');
  assert.equal(who(r, q), 'Irène Vasseur');
});

test('a quoted fragment inside a sentence is attributed to the sentence\'s speaker', () => {
  const text = 'Le ministre Hector Balin a appelé les deux camps à «cesser immédiatement les tirs».';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.kind, 'direct');
  assert.match(content(r, text, q), /cesser immédiatement les tirs/);
  assert.equal(who(r, q), 'Hector Balin');
  assert.equal(q.cue?.lemma, 'appeler');
});

// --- pronoun carry-over, inverted cues, participles ---

test('«…», a-t-il ajouté: the pronoun takes the last speaker', () => {
  const text = '«Le convoi est arrivé», a indiqué Marc Dutertre. «Il transporte de la farine et des médicaments», a-t-il ajouté.';
  const r = run(text, 'fr');
  assert.equal(r.quotes.length, 2);
  assert.equal(r.quotes[1].cue?.lemma, 'ajouter');
  assert.equal(who(r, r.quotes[1]), 'Marc Dutertre');
});

test('précise-t-on: an inverted cue with an impersonal pronoun has no named speaker', () => {
  const text = '«Aucune victime n\'est à déplorer», précise-t-on de source hospitalière.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.cue?.lemma, 'préciser');
  assert.equal(q.speaker?.mention ?? null, null);
});

test('a participle ("précisant que") continues the same speaker', () => {
  const text = '«Les écoles resteront fermées», a annoncé Lucie Ferrand, précisant que «les examens sont reportés».';
  const r = run(text, 'fr');
  assert.equal(r.quotes.length, 2);
  assert.equal(r.quotes[1].cue?.lemma, 'préciser');
  assert.equal(content(r, text, r.quotes[1]), 'les examens sont reportés');
  assert.equal(who(r, r.quotes[1]), 'Lucie Ferrand');
});

test('a bare quoted sentence after a quote is carried to the previous speaker', () => {
  const text = '«Nous avons perdu trois bateaux», a dit le pêcheur Hugo Marsan.\n«Personne ne nous a prévenus de la tempête.»';
  const r = run(text, 'fr');
  assert.equal(r.quotes.length, 2);
  assert.equal(r.quotes[1].cue, null);
  assert.equal(who(r, r.quotes[1]), 'Hugo Marsan');
});

// --- indirect speech ---

test('X a affirmé que …: indirect, content without "que"', () => {
  const text = 'Le porte-parole de la police, Amadou Keita, a affirmé que deux suspects avaient été arrêtés.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.kind, 'indirect');
  assert.equal(content(r, text, q), 'deux suspects avaient été arrêtés');
  assert.equal(who(r, q), 'Amadou Keita');
});

test('cue + addressee + object: "a confirmé à l\'AFP la fermeture …"', () => {
  const text = 'Le directeur de l\'hôpital, Joseph Mbida, a confirmé à l\'AFP la fermeture des urgences.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.kind, 'indirect');
  assert.equal(content(r, text, q), 'la fermeture des urgences');
  assert.equal(q.addressee, 'AFP');
  assert.equal(who(r, q), 'Joseph Mbida');
});

test('addressee "à des journalistes" and channel "dans un communiqué"', () => {
  const text = 'L\'armée a indiqué dans un communiqué à des journalistes que la route était rouverte.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.channel, 'communiqué');
  assert.equal(q.addressee, 'journalistes');
  assert.equal(content(r, text, q), 'la route était rouverte');
});

test('a description as speaker when no name is given', () => {
  const text = 'Un responsable local a assuré que le calme était revenu dans la ville.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.speaker?.text, 'Un responsable local');
  assert.equal(q.speaker?.mention, null);
});

// --- selon / de même source ---

test('"Selon X, …": according_to with X as speaker', () => {
  const text = 'Selon la Croix-Rouge, au moins quarante familles ont été évacuées.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.kind, 'according_to');
  assert.equal(content(r, text, q), 'au moins quarante familles ont été évacuées');
  assert.equal(who(r, q), 'Red Cross');
});

test('"…, selon X": the claim before the source', () => {
  const text = 'Le barrage a été endommagé par les crues, selon le ministère de l\'Eau.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.kind, 'according_to');
  assert.equal(content(r, text, q), 'Le barrage a été endommagé par les crues');
});

test('"De même source, …" repeats the last source', () => {
  const text = 'Selon l\'ONU, dix camps ont été fermés. De même source, deux mille personnes ont été relogées.';
  const r = run(text, 'fr');
  assert.equal(r.quotes.length, 2);
  assert.equal(r.quotes[1].kind, 'according_to');
  assert.equal(who(r, r.quotes[1]), 'United Nations');
});

test('"selon un communiqué" names a channel, not a speaker', () => {
  const text = 'Le président Ilunga Kalombo a promis «des élections libres», selon un communiqué officiel.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(who(r, q), 'Ilunga Kalombo');
  assert.equal(q.channel, 'communiqué officiel');
});

test('a source\'s anonymity ("qui a requis l\'anonymat") is not a statement of its own', () => {
  const text = 'Un habitant, qui a requis l\'anonymat, a raconté que les tirs avaient duré deux heures.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.cue?.lemma, 'raconter');
  assert.equal(content(r, text, q), 'les tirs avaient duré deux heures');
});

test('the dateline of a dispatch is not part of a claim', () => {
  const text = 'Bamako, 3 mai 2025 (AFP) - Trois soldats ont été tués dans une embuscade, selon l\'armée.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(content(r, text, q), 'Trois soldats ont été tués dans une embuscade');
});

// --- nothing to find ---

test('a sentence without any reporting finds no quote', () => {
  const r = run('Les pluies ont détruit trois ponts dans la vallée mardi.', 'fr');
  assert.equal(r.quotes.length, 0);
});

test('a word in quotation marks (scare quotes) is not a quote', () => {
  const r = run('Les deux délégations ont tenu une réunion «informelle» à Genève.', 'fr');
  assert.equal(r.quotes.length, 0);
});

test('a reporting verb used as an adjective ("un village appelé …") is no cue', () => {
  const r = run('Ils vivent dans un village appelé Tessa depuis dix ans.', 'fr');
  assert.equal(r.quotes.length, 0);
});

test('a quote whose pronoun has no antecedent keeps no named speaker', () => {
  const text = '«Nous ne partirons pas», a-t-elle lancé.';
  const r = run(text, 'fr');
  const q = only(r);
  assert.equal(q.speaker?.mention ?? null, null);
});

// --- English ---

test('English: "…," X said — content before the cue, speaker between', () => {
  const text = '"The bridge will stay closed until Monday," transport official Maria Okafor said.';
  const r = run(text, 'en');
  const q = only(r);
  assert.equal(q.kind, 'direct');
  assert.equal(content(r, text, q), 'The bridge will stay closed until Monday');
  assert.equal(who(r, q), 'Maria Okafor');
});

test('English: said X (inverted) with a role in apposition', () => {
  const text = '“We lost everything,” said Tomas Reyes, a farmer from the valley.';
  const r = run(text, 'en');
  const q = only(r);
  assert.equal(who(r, q), 'Tomas Reyes');
});

test('English: X said that … is indirect, content without "that"', () => {
  const text = 'Governor Ellen Brightwater said that the curfew would be lifted on Friday.';
  const r = run(text, 'en');
  const q = only(r);
  assert.equal(q.kind, 'indirect');
  assert.equal(content(r, text, q), 'the curfew would be lifted on Friday');
  assert.equal(who(r, q), 'Ellen Brightwater');
});

test('English: "he added" carries the previous speaker; the speaker span is the pronoun', () => {
  const text = '"Supplies are running low," said Jonah Whitfield. "We need fuel first," he added.';
  const r = run(text, 'en');
  assert.equal(r.quotes.length, 2);
  const q = r.quotes[1];
  assert.equal(q.speaker?.text, 'he');
  assert.equal(who(r, q), 'Jonah Whitfield');
});

test('English: "according to X" and a channel "in a statement"', () => {
  const text = 'Three villages were evacuated, according to the Red Cross. The agency said in a statement that more shelters were needed.';
  const r = run(text, 'en');
  assert.equal(r.quotes.length, 2);
  assert.equal(r.quotes[0].kind, 'according_to');
  assert.equal(who(r, r.quotes[0]), 'Red Cross');
  assert.equal(r.quotes[1].channel, 'statement');
});

test('English: "told Reuters" gives the addressee', () => {
  const text = 'Commander Idris Bello told Reuters that the troops had withdrawn.';
  const r = run(text, 'en');
  const q = only(r);
  assert.equal(q.addressee, 'Reuters');
  assert.equal(content(r, text, q), 'the troops had withdrawn');
});

test('English: "on Twitter" is the channel', () => {
  const text = 'The mayor wrote on Twitter that the water was safe to drink.';
  const r = run(text, 'en');
  const q = only(r);
  assert.equal(q.channel, 'Twitter');
});

test('English: a sentence without a reporting verb has no quote', () => {
  const r = run('Heavy rain flooded the main road into the city on Tuesday.', 'en');
  assert.equal(r.quotes.length, 0);
});

test('English: "United States" is not the verb "state"', () => {
  const r = run('The United States sent two ships to the region.', 'en');
  assert.equal(r.quotes.length, 0);
});

test('English: "she said" with nobody named before stays without a named speaker', () => {
  const text = '"It is too late," she said.';
  const r = run(text, 'en');
  const q = only(r);
  assert.equal(q.speaker?.mention ?? null, null);
});

test('every quote lies inside the text and its content inside its span', () => {
  const text = '«Tout est calme», a dit Anne Roux. Selon le commissariat, rien ne bouge. «Nous restons prudents», a-t-elle ajouté.';
  const r = run(text, 'fr');
  assert.equal(r.quotes.length, 3);
  r.quotes.forEach((q, i) => {
    assert.equal(q.id, `q${i + 1}`);
    assert.ok(q.start <= q.content.start && q.content.end <= q.end);
    assert.ok(q.end <= text.length);
  });
  assert.equal(who(r, r.quotes[2]), 'Anne Roux');
});
