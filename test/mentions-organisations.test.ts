// Organisations on text never seen: names with their heads, acronyms defined in the text,
// organisations known as data with aliases in both languages, and what is no organisation.
// Every sentence here is written for this file.
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
  assert.ok(m, `no mention "${text}" in ${JSON.stringify(r.mentions.map((x) => `${x.text}/${x.type}`))}`);
  return m;
}

function orgs(r: ExtractRecord): string[] {
  return r.mentions.filter((m) => m.type === 'ORG').map((m) => m.text);
}

// heads: "Mouvement pour …", "Front national de …", "Ministry of …", "… Party", "Union …"

test('a French head with a "pour" complement: "Mouvement pour la justice sociale"', () => {
  const r = run('Le Mouvement pour la justice sociale a appelé à manifester samedi.', 'fr');
  const m = find(r, 'Mouvement pour la justice sociale');
  assert.equal(m.type, 'ORG');
  assert.ok(m.rules?.includes('org-complements'));
});

test('a head with an adjective and complements: "Front national de libération du Kassaï"', () => {
  const r = run('Le Front national de libération du Kassaï revendique la prise du poste.', 'fr');
  assert.equal(find(r, 'Front national de libération du Kassaï').type, 'ORG');
});

test('"pour" continues a name only before an article: "Commission pour être" stops at the head', () => {
  const r = run('Il faudra une Commission pour être entendu des députés.', 'fr');
  assert.ok(!r.mentions.some((m) => m.text.includes('pour être')), JSON.stringify(orgs(r)));
});

test('a party by its adjective: "le Parti socialiste", "le Parti écologiste"', () => {
  const r = run('Le Parti socialiste et le Parti écologiste ont signé un accord de désistement.', 'fr');
  assert.equal(find(r, 'Parti socialiste').type, 'ORG');
  assert.equal(find(r, 'Parti écologiste').type, 'ORG');
});

test('a lower-case ministry and its complement: "le ministère de la Culture" is named whole', () => {
  const r = run('Le ministère de la Culture a confirmé la fermeture du musée.', 'fr');
  const m = find(r, 'ministère de la Culture');
  assert.equal(m.type, 'ORG');
  assert.equal(m.canonical, 'ministère de la Culture');
});

test('English: "Ministry of the Interior", "Green Party", "Union of Dock Workers"', () => {
  const r = run('The Ministry of the Interior said the Green Party had met the Union of Dock Workers on Friday.', 'en');
  assert.equal(find(r, 'Ministry of the Interior').type, 'ORG');
  assert.equal(find(r, 'Green Party').type, 'ORG');
  assert.equal(find(r, 'Union of Dock Workers').type, 'ORG');
});

test('English: a head inside the name, a title word before a head, a complement after a last head', () => {
  const r = run('The Regional Union of Fishermen joined the Democratic Alliance for Reform in the talks.', 'en');
  assert.equal(find(r, 'Regional Union of Fishermen').type, 'ORG');
  assert.equal(find(r, 'Democratic Alliance for Reform').type, 'ORG');
});

test('a place opening an organisation\'s name: "Zambia Airways", "Ghana Police Service"', () => {
  const r = run('Zambia Airways cancelled two flights, the Ghana Police Service said.', 'en');
  assert.equal(find(r, 'Zambia Airways').type, 'ORG');
  assert.equal(find(r, 'Ghana Police Service').type, 'ORG');
});

// acronyms defined in the text

test('an acronym defined in brackets joins its long form, and its later bare uses are the organisation', () => {
  const r = run("L'Alliance des paysans du Sahel oriental (APSO) a dénoncé les taxes. Selon l'APSO, la récolte est perdue. L'APSO a déclaré qu'elle ferait appel.", 'fr');
  const full = find(r, 'Alliance des paysans du Sahel oriental');
  assert.equal(full.type, 'ORG');
  const uses = r.mentions.filter((m) => m.text === 'APSO');
  assert.equal(uses.length, 3);
  for (const u of uses) {
    assert.equal(u.type, 'ORG');
    assert.equal(u.aliasOf, full.id);
    assert.equal(u.canonical, 'Alliance des paysans du Sahel oriental');
  }
});

test('an acronym written in lower case after its capital ("Mujas") spells its long form, content words left out', () => {
  const r = run("Le Mouvement uni pour la justice et l'avenir du Sud (Mujas) a revendiqué l'attaque. Le Mujas a promis d'autres actions.", 'fr');
  const full = find(r, "Mouvement uni pour la justice et l'avenir du Sud");
  assert.equal(full.type, 'ORG');
  assert.ok(full.rules?.includes('acronym-long-form'));
  assert.ok(r.mentions.filter((m) => m.text === 'Mujas').every((m) => m.type === 'ORG' && m.aliasOf === full.id));
});

test('English: "the Coastal Fisheries Protection Agency (CFPA)" and a name with "and"', () => {
  const r = run('The Coastal Fisheries Protection Agency (CFPA) and the Grain and Oilseed Council (GOC) met. CFPA inspectors left.', 'en');
  assert.equal(find(r, 'Coastal Fisheries Protection Agency').type, 'ORG');
  const goc = find(r, 'Grain and Oilseed Council');
  assert.equal(goc.type, 'ORG');
  assert.equal(find(r, 'GOC').aliasOf, goc.id);
});

test('words that do not spell the acronym in brackets are not made its long form', () => {
  const r = run('Le Comité de soutien aux éleveurs (PLM) a tenu séance.', 'fr');
  assert.ok(!r.mentions.some((m) => m.rules?.includes('acronym-long-form')), JSON.stringify(r.mentions));
});

test('an acronym of a common term at the start of a sentence is no organisation\'s long form', () => {
  const r = run('Indice des prix à la consommation (IPC) : la hausse ralentit.', 'fr');
  assert.ok(!r.mentions.some((m) => m.rules?.includes('acronym-long-form')), JSON.stringify(r.mentions));
});

// organisations known as data, with aliases in both languages

test('known organisations in French and English point to one canonical name', () => {
  const fr = run("L'Union africaine et la Cédéao ont condamné le coup d'État.", 'fr');
  const en = run('The African Union and ECOWAS condemned the coup.', 'en');
  assert.equal(find(fr, 'Union africaine').canonical, find(en, 'African Union').canonical);
  assert.equal(find(fr, 'Cédéao').canonical, find(en, 'ECOWAS').canonical);
});

test('named armed groups of the actors list are organisations in both languages', () => {
  const fr = run('Les Forces démocratiques alliées ont attaqué un village.', 'fr');
  const en = run('The Allied Democratic Forces attacked a village.', 'en');
  assert.equal(find(fr, 'Forces démocratiques alliées').type, 'ORG');
  assert.equal(find(en, 'Allied Democratic Forces').type, 'ORG');
  assert.equal(find(fr, 'Forces démocratiques alliées').canonical, find(en, 'Allied Democratic Forces').canonical);
});

test('an acronym with inner capitals is found only as written: "JeM" but not "Jem"', () => {
  const r = run('Le JeM a revendiqué. Jem est une ville imaginaire.', 'fr');
  assert.equal(find(r, 'JeM').type, 'ORG');
  assert.ok(!r.mentions.some((m) => m.text === 'Jem' && m.type === 'ORG'));
});

test('a credit or an agency alone in brackets, after a dateline too, is an organisation', () => {
  const r = run('Les robes sont en lin. (KDPX) Une fillette porte la même. GRANDVAUX, 7 (Presspal). — Le conseil a siégé.', 'fr');
  assert.equal(find(r, 'KDPX').type, 'ORG');
  const agency = find(r, 'Presspal');
  assert.equal(agency.type, 'ORG');
  assert.ok(agency.rules?.includes('dateline-agency'));
});

// must-not-find

test('a sentence-initial capitalised word is not an organisation', () => {
  const r = run('Ensemble, ils ont rebâti le pont. Désormais, le village est relié.', 'fr');
  assert.deepEqual(orgs(r), []);
});

test('a place alone is not an organisation, and a place head is no organisation head', () => {
  const r = run('Les pluies ont touché Kigali et la province de Kivu.', 'fr');
  assert.deepEqual(orgs(r), []);
  assert.equal(find(r, 'Kigali').type, 'LOC');
});

test('a person whose title reads like a head is still a person: "le général Haddad"', () => {
  const r = run('Le général Samir Haddad commande la brigade.', 'fr');
  const m = r.mentions.find((x) => x.text.includes('Samir Haddad'))!;
  assert.equal(m.type, 'PER');
});

test('a heading in capitals with a head word inside is no organisation', () => {
  const r = run('CANDIDATS DU PARTI RADICAL AUX ÉLECTIONS\nLe scrutin a eu lieu hier.', 'fr');
  assert.ok(!r.mentions.some((m) => m.type === 'ORG' && m.text.startsWith('CANDIDATS')), JSON.stringify(r.mentions));
});

// rules

test('every mention carries the names of the rules that made it', () => {
  const r = run('Le ministre Paul Ravel a rencontré le Front de libération nationale (FLN) à Alger.', 'fr');
  assert.ok(r.mentions.length >= 3);
  for (const m of r.mentions) assert.ok(m.rules && m.rules.length > 0, JSON.stringify(m));
  assert.ok(find(r, 'FLN').rules?.includes('acronym-defined'));
});
