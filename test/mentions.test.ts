// Mentions read as examples: given a sentence, we find the people, organisations, places and
// groups it names, with the role an apposition gives them and the fuller mention an alias stands for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline/index.js';
import type { ExtractRecord, Mention } from '../src/types.js';

const SKIP = { skip: ['quotes', 'times', 'places', 'events'] };

function run(text: string, lang: 'fr' | 'en'): ExtractRecord {
  return extract({ id: 't', text, lang }, SKIP);
}

function find(r: ExtractRecord, text: string): Mention {
  const m = r.mentions.find((x) => x.text === text);
  assert.ok(m, `no mention "${text}" in ${JSON.stringify(r.mentions.map((x) => x.text))}`);
  return m;
}

test('a role before the name, after a comma: "le gouverneur de la province, X"', () => {
  const r = run('Le gouverneur de la province de Kivu, Albert Mwamba, a démenti.', 'fr');
  const m = find(r, 'Albert Mwamba');
  assert.equal(m.type, 'PER');
  assert.equal(m.role, 'gouverneur de la province de Kivu');
  assert.ok(m.roleSpan && m.roleSpan.end <= m.start);
});

test('a role after the name: "X, ancien ministre de …,"', () => {
  const r = run('La délégation est menée par Élie Sarrault, ancien ministre de la Santé, et par un juge.', 'fr');
  const m = find(r, 'Élie Sarrault');
  assert.equal(m.role, 'ancien ministre de la Santé');
});

test('a possessive role is resolved to the group named before: "leur porte-parole, X"', () => {
  const r = run('Les rebelles ont envoyé une lettre par leur porte-parole, Idriss Mahamat.', 'fr');
  const m = find(r, 'Idriss Mahamat');
  assert.equal(m.role, 'porte-parole des rebelles');
});

test('English: "X, the group\'s chief negotiator"', () => {
  const r = run('The talks were led by Omar Haddad, the movement\'s chief negotiator, on Monday.', 'en');
  const m = find(r, 'Omar Haddad');
  assert.equal(m.type, 'PER');
  assert.match(m.role ?? '', /chief negotiator/);
});

test('"M. X" is an alias of the full name, with its canonical name and role', () => {
  const r = run('Le ministre des Finances, Gérard Tallon, a présenté le budget. M. Tallon a ensuite quitté la salle.', 'fr');
  const full = find(r, 'Gérard Tallon');
  const alias = find(r, 'M. Tallon');
  assert.equal(alias.aliasOf, full.id);
  assert.equal(alias.canonical, 'Gérard Tallon');
  assert.equal(alias.role, 'ministre des Finances');
});

test('a bare surname is aliased to the full name', () => {
  const r = run('Nadia Belkacem dirige la mission. Selon Belkacem, la situation est stable.', 'fr');
  const alias = r.mentions.find((m) => m.text === 'Belkacem')!;
  assert.equal(alias.aliasOf, find(r, 'Nadia Belkacem').id);
  assert.equal(alias.type, 'PER');
});

test('English: "Mr. Smith" is an alias of "John Smith"', () => {
  const r = run('John Alder Smith arrived late. Mr. Smith did not comment.', 'en');
  assert.equal(find(r, 'Mr. Smith').aliasOf, find(r, 'John Alder Smith').id);
});

test('"le ministre" stands for the minister named before', () => {
  const r = run('Le ministre de l\'Intérieur, Paul Ravel, est arrivé. Le ministre a ensuite visité le camp.', 'fr');
  const nominal = r.mentions.find((m) => m.text === 'Le ministre');
  assert.ok(nominal);
  assert.equal(nominal.aliasOf, find(r, 'Paul Ravel').id);
  assert.equal(nominal.canonical, 'Paul Ravel');
});

test('acronyms of well-known organisations get their canonical names', () => {
  const r = run('L\'ONU et l\'OTAN ont répondu à l\'AFP.', 'fr');
  assert.equal(find(r, 'ONU').canonical, 'United Nations');
  assert.equal(find(r, 'OTAN').canonical, 'NATO');
  assert.equal(find(r, 'AFP').canonical, 'Agence France-Presse');
  assert.ok(r.mentions.filter((m) => m.type === 'ORG').length >= 3);
});

test('English acronyms: UN and NATO are organisations, "us" and "who" are not', () => {
  const r = run('The UN asked NATO who would help us.', 'en');
  assert.equal(find(r, 'UN').type, 'ORG');
  assert.equal(find(r, 'NATO').type, 'ORG');
  assert.equal(r.mentions.some((m) => m.text.toLowerCase() === 'who' || m.text.toLowerCase() === 'us'), false);
});

test('an organisation introduced with its acronym in brackets', () => {
  const r = run('Le Front uni de libération (FUL) a revendiqué l\'attaque. Le FUL dément toute implication.', 'fr');
  const full = r.mentions.find((m) => m.text.startsWith('Front'))!;
  const acr = r.mentions.filter((m) => m.text === 'FUL');
  assert.equal(full.type, 'ORG');
  assert.equal(acr.length, 2);
  assert.ok(acr.every((m) => m.aliasOf === full.id));
});

test('group nouns: "les talibans" and "les insurgés" are actors with canonical names', () => {
  const r = run('Les talibans et les insurgés ont encerclé la ville.', 'fr');
  assert.equal(find(r, 'talibans').canonical, 'Taliban');
  assert.equal(find(r, 'insurgés').type, 'NORP');
});

test('English group nouns: "the rebels" and "security forces"', () => {
  const r = run('The rebels clashed with security forces near the border.', 'en');
  assert.equal(find(r, 'rebels').type, 'NORP');
  assert.equal(find(r, 'security forces').type, 'ORG');
});

test('capitalised function words, weekdays and months are not entities', () => {
  const r = run('Mercredi, Selon toute vraisemblance, Cette crise durera. Le calme revient en Mai.', 'fr');
  assert.equal(r.mentions.length, 0, JSON.stringify(r.mentions.map((m) => m.text)));
});

test('a place after "à" is a LOC; a country is a LOC with its canonical name', () => {
  const r = run('La conférence se tiendra à Ouagadougou, au Burkina Faso.', 'fr');
  assert.equal(find(r, 'Ouagadougou').type, 'LOC');
  const bf = r.mentions.find((m) => m.text.includes('Burkina Faso'))!;
  assert.equal(bf.type, 'LOC');
  assert.equal(bf.canonical, 'Burkina Faso');
});

test('names with particles stay whole: "Ahmad al-Hariri", "Jan van der Berg"', () => {
  const r = run('Ahmad al-Hariri a rencontré Jan van der Berg à Beyrouth.', 'fr');
  assert.equal(find(r, 'Ahmad al-Hariri').type, 'PER');
  assert.equal(find(r, 'Jan van der Berg').type, 'PER');
});

test('an honorific makes a person and stays in the mention: "Mme Ndiaye"', () => {
  const r = run('Mme Ndiaye a quitté la réunion.', 'fr');
  const m = find(r, 'Mme Ndiaye');
  assert.equal(m.type, 'PER');
  assert.equal(m.canonical, 'Ndiaye');
});

test('a title before the name is kept and gives the role: "le général Diallo"', () => {
  const r = run('Le général Moussa Diallo commande la région.', 'fr');
  const m = r.mentions.find((x) => x.canonical === 'Moussa Diallo')!;
  assert.equal(m.type, 'PER');
  assert.equal(m.role, 'général');
});

test('mention ids follow the text order and offsets point into the text', () => {
  const text = 'Le maire de Lyon, Paul Berthier, a reçu Anna Kowalska.';
  const r = run(text, 'fr');
  r.mentions.forEach((m, i) => {
    assert.equal(m.id, `m${i + 1}`);
    assert.equal(text.slice(m.start, m.end), m.text);
    if (i > 0) assert.ok(r.mentions[i - 1].start <= m.start);
  });
});

test('English: an organisation by its head word ("Ministry of Health")', () => {
  const r = run('The Ministry of Health confirmed the figures.', 'en');
  assert.equal(find(r, 'Ministry of Health').type, 'ORG');
});

test('a single ordinary word opening a sentence is not a name', () => {
  const r = run('Durant la nuit, la pluie a cessé. Durant le jour, elle a repris.', 'fr');
  assert.equal(r.mentions.length, 0, JSON.stringify(r.mentions.map((m) => m.text)));
});

test('initials stay with the surname and a chain of initials is one name: "L. Favre", "J. P."', () => {
  const r = run('Le rapport est signé par L. Favre et par J. K. Rohner. J. P.', 'fr');
  assert.equal(find(r, 'L. Favre').type, 'PER');
  assert.equal(find(r, 'J. K. Rohner').type, 'PER');
  assert.equal(find(r, 'J. P.').type, 'PER');
  assert.ok(!r.mentions.some((m) => m.text === '.'));
});

test('old and OCR-damaged honorifics still make a person: "Mad. X", "M, X"', () => {
  const r = run('Les billets sont en vente chez Mad. Perrochet ; le prix a été remis à M, Vuilleumier hier.', 'fr');
  assert.equal(find(r, 'Mad. Perrochet').type, 'PER');
  assert.equal(find(r, 'M, Vuilleumier').type, 'PER');
});

test('an acronym after an article is an organisation, not an ordinary word', () => {
  const r = run("Le rapport de la BRI a été publié hier par l'OCDE.", 'fr');
  assert.equal(find(r, 'BRI').type, 'ORG');
});

test('a place head before the name stays in the place: "mer Noire", "avenue Foch"', () => {
  const r = run("La flotte venait de la mer Noire et le cortège a remonté l'avenue Foch.", 'fr');
  assert.equal(find(r, 'mer Noire').type, 'LOC');
  assert.equal(find(r, 'avenue Foch').type, 'LOC');
});

test('historic states and regions are places: "la Prusse", "la Bohême"', () => {
  const r = run('La Prusse et la Saxe ont signé un accord sur la Bohême.', 'fr');
  for (const t of ['Prusse', 'Saxe', 'Bohême']) assert.equal(find(r, t).type, 'LOC');
});

test('results lists: a name followed by a short country code is a person', () => {
  const r = run('Classement : 1. Rossetti (Fra) 2 h 10. 2. Kowalczyk (Pol) à 4 s.', 'fr');
  assert.equal(find(r, 'Rossetti').type, 'PER');
  assert.equal(find(r, 'Kowalczyk').type, 'PER');
});

test('a person named in full passes the type to the bare surname, even after "à"', () => {
  const r = run('Le maillot est revenu à Fernando Valdano. Personne ne résistait à Valdano dans la montée.', 'fr');
  const all = r.mentions.filter((m) => m.text === 'Valdano');
  assert.equal(all.length, 1);
  assert.equal(all[0].type, 'PER');
});

test('a hyphenated given name makes a person: "José-Maria Ortuzar"', () => {
  const r = run('La victoire est revenue à José-Maria Ortuzar devant le peloton.', 'fr');
  assert.equal(find(r, 'José-Maria Ortuzar').type, 'PER');
});

test('a long list of surnames shares the type of the full name in it', () => {
  const r = run('On y retrouve Vasseur, Ombredane, Lucien Paturel, Quintavalle et Rouvray.', 'fr');
  for (const t of ['Vasseur', 'Ombredane', 'Quintavalle', 'Rouvray']) assert.equal(find(r, t).type, 'PER', t);
});

test('a title with adjectives or a modifier before the name stays in the mention', () => {
  const r = run("Le président polonais Karel Novotny a reçu l'ancien juge cantonal Brunner et les généraux Ostrowski.", 'fr');
  assert.equal(find(r, 'président polonais Karel Novotny').type, 'PER');
  assert.equal(find(r, 'ancien juge cantonal Brunner').type, 'PER');
  assert.equal(find(r, 'généraux Ostrowski').type, 'PER');
});

test('an organisation runs on over its complements and their adjectives, not over an infinitive', () => {
  const r = run("La Fédération des transporteurs routiers de Savoie a écrit à l'Union des producteurs suisses de lait. Le comité a permis à l'Alliance paysanne de modifier son texte.", 'fr');
  assert.equal(find(r, 'Fédération des transporteurs routiers de Savoie').type, 'ORG');
  assert.equal(find(r, 'Union des producteurs suisses de lait').type, 'ORG');
  assert.equal(find(r, 'Alliance paysanne').type, 'ORG');
});

test('two places joined by a hyphen are two places: "la finale Italie-Espagne"', () => {
  const r = run('Il a assisté à la finale Italie-Espagne avec des amis.', 'fr');
  assert.equal(find(r, 'Italie').type, 'LOC');
  assert.equal(find(r, 'Espagne').type, 'LOC');
});

test('a town whose name opens with its article keeps it: "La Chaux-de-Fonds"', () => {
  const r = run('Le concert aura lieu à La Chaux-de-Fonds samedi.', 'fr');
  assert.equal(find(r, 'La Chaux-de-Fonds').type, 'LOC');
});

test('a rank number before a name is no evidence: no results-list rule types it', () => {
  const r = run("Puis les Suisses : 12. Kellenberger à 2'24.", 'fr');
  const m = r.mentions.find((x) => x.text === 'Kellenberger');
  assert.ok(!m || !m.rules?.includes('list-item-person'));
});

test('a word capitalised by OCR with the ending of an ordinary word is no name; a place named in brackets after a surname makes a person', () => {
  const r = run("Le comité en a parlé Brièvement. Ont été élus Pittet (Moudon) et Cuendet (Bellinzone).", 'fr');
  assert.ok(!r.mentions.some((m) => m.text === 'Brièvement' && m.type !== 'MISC'));
  assert.equal(find(r, 'Pittet').type, 'PER');
  assert.equal(find(r, 'Cuendet').type, 'PER');
});

test('after a quotation that ended its sentence, a capitalised word opens a new sentence', () => {
  const r = run('« Nous partirons demain. » Heureux, il a quitté la salle.', 'fr');
  assert.ok(!r.mentions.some((m) => m.text === 'Heureux'));
});

test('a common head before "de" and a well-known place: only the place is a name ("Tour d\'Italie")', () => {
  const r = run("Il a remporté l'étape du Tour d'Italie hier.", 'fr');
  assert.equal(find(r, 'Italie').type, 'LOC');
  assert.ok(!r.mentions.some((m) => m.text.startsWith('Tour')));
});

test('company names by their last word: "Hartmann Brothers", "Northern Oil Corporation"', () => {
  const r = run('Le contrat lie Hartmann Brothers à la Northern Oil Corporation depuis mars.', 'fr');
  assert.equal(find(r, 'Hartmann Brothers').type, 'ORG');
  assert.equal(find(r, 'Northern Oil Corporation').type, 'ORG');
});

test('"Marine Le Pen": a capitalised article inside a name after a given name stays in it', () => {
  const r = run('Hier, Marine Le Pen et M. Le Goff ont débattu.', 'fr');
  assert.equal(find(r, 'Marine Le Pen').type, 'PER');
  assert.equal(find(r, 'M. Le Goff').type, 'PER');
});

test('"le maire de Dinan" names a place; "le comte de Morges" a person; "rue des Écoles" is a place', () => {
  const r = run('Le maire de Dinan a reçu le comte de Morges rue des Écoles.', 'fr');
  assert.equal(find(r, 'Dinan').type, 'LOC');
  assert.equal(find(r, 'comte de Morges').type, 'PER');
  assert.equal(find(r, 'rue des Écoles').type, 'LOC');
});

test('a regnal number stays with the name; a region named by a place and an adjective is one place', () => {
  const r = run("Le roi Louis XIV avait des vues sur l'Asie méridionale.", 'fr');
  assert.equal(find(r, 'roi Louis XIV').type, 'PER');
  assert.equal(find(r, 'Asie méridionale').type, 'LOC');
});

test('old prints: a dateline place before the day of the month, and a long s read as f', () => {
  const r = run('AUTRICHE. Krems, 21 août. La Ruffie a rappelé fon ambassadeur.', 'fr');
  assert.equal(find(r, 'Krems').type, 'LOC');
  assert.equal(find(r, 'Ruffie').type, 'LOC');
});

test('initials that look like elided words ("J.", "L.") and a particle after an initial stay in the name', () => {
  const r = run('Le livre est en vente chez J. J. Vuillermet et chez F. de Montmollin.', 'fr');
  assert.equal(find(r, 'J. J. Vuillermet').type, 'PER');
  assert.equal(find(r, 'F. de Montmollin').type, 'PER');
});

test('titles stacked before a name stay with it: "l\'empereur don Pedro"', () => {
  const r = run("On attend l'empereur don Pedro à Lisbonne.", 'fr');
  assert.equal(find(r, 'empereur don Pedro').type, 'PER');
});

test('compound place names by their prefix, and a word written twice in a row is two mentions', () => {
  const r = run('Il a neigé sur la Haute-Marne. Le procès de Sion Sion, 15 septembre. Les débats ont repris.', 'fr');
  assert.equal(find(r, 'Haute-Marne').type, 'LOC');
  assert.equal(r.mentions.filter((m) => m.text === 'Sion').length, 2);
});

test('a name broken by a line-end hyphen stays one mention: "Lamar- tine"', () => {
  const r = run('Le discours de M. Lamar- tine fut applaudi.', 'fr');
  assert.equal(find(r, 'M. Lamar- tine').type, 'PER');
});

test('a bare surname takes the type of the same surname written with an honorific elsewhere', () => {
  const r = run('M. Vuitel a ouvert la séance. On attendait Vuitel sur la question du budget.', 'fr');
  const bare = r.mentions.filter((m) => m.text === 'Vuitel');
  assert.equal(bare.length, 1);
  assert.equal(bare[0].type, 'PER');
  assert.ok(bare[0].aliasOf);
});

test('an abbreviated title with its full stop stays with the name: "prés. A. Rochat"', () => {
  const r = run('La commission des finances (prés. A. Rochat) a siégé hier.', 'fr');
  const m = find(r, 'prés. A. Rochat');
  assert.equal(m.type, 'PER');
  assert.equal(m.role, 'prés.');
});

test('a lone capitalised word that the document also writes in lower case is no name', () => {
  const r = run("Le Refuge a ouvert tôt. Personne n'a trouvé le refuge fermé cette semaine.", 'fr');
  const m = r.mentions.find((x) => x.text === 'Refuge');
  assert.ok(!m || m.type === 'MISC', JSON.stringify(m));
});
