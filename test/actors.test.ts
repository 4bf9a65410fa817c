// Actors: the ACLED-style actor each phrase of a dispatch stands for. Each test reads like "given
// this sentence, the words X are actor Y". Sentences are the project's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acledCountryName, findActorCandidates, toEventActor, type ActorCandidate } from '../src/events/actors.js';
import { packageRoot } from '../src/lexicons/load.js';
import { annotate } from '../src/pipeline/index.js';
import type { Annotations, Lang, ResolvedDocument } from '../src/types.js';

interface Read {
  doc: ResolvedDocument;
  ann: Annotations;
  cands: ActorCandidate[];
}

function read(text: string, lang: Lang): Read {
  // the events stage (which calls this module) is left out: these tests are about actors alone
  const { doc, ann } = annotate({ id: 't', text, lang, published: '2024-03-06' }, { skip: ['events'] });
  return { doc, ann, cands: findActorCandidates(doc, ann) };
}

/** The candidate whose words contain `words` (the first one). */
function cand(r: Read, words: string): ActorCandidate {
  const c = r.cands.find((x) => x.text.includes(words));
  assert.ok(c, `no actor phrase holding "${words}" among [${r.cands.map((x) => x.text).join(' | ')}]`);
  return c;
}

/** The ACLED name of the actor the words stand for, with an optional event country. */
function actor(text: string, lang: Lang, words: string, hint: string | null = null): { name: string; inter: number | null; c: ActorCandidate } {
  const c = cand(read(text, lang), words);
  const a = toEventActor(c, hint);
  return { name: a.name, inter: a.inter, c };
}

function noActor(text: string, lang: Lang, words: string, name?: string): void {
  const r = read(text, lang);
  const c = r.cands.find((x) => x.text.includes(words));
  if (!c) return;
  if (name) assert.notEqual(toEventActor(c, null).name, name, `"${words}" should not be ${name}`);
  else assert.fail(`"${words}" should not be an actor phrase (found ${c.kind} ${c.rule})`);
}

// ---- French: state forces, with the country from the phrase

test('fr: "le président malien" is the Government of Mali', () => {
  const a = actor('Le président malien a limogé son Premier ministre samedi.', 'fr', 'président malien');
  assert.equal(a.name, 'Government of Mali');
  assert.equal(a.inter, 1);
  assert.equal(a.c.kind, 'government');
  assert.equal(a.c.country, 'ML');
});

test('fr: "les forces azerbaïdjanaises" are the Military Forces of Azerbaijan', () => {
  const a = actor('Un poste frontalier a été visé mardi par les forces azerbaïdjanaises, selon Bakou.', 'fr', 'forces azerbaïdjanaises');
  assert.equal(a.name, 'Military Forces of Azerbaijan');
  assert.equal(a.c.kind, 'military');
});

test('fr: "la police de Nairobi" takes the country of the town', () => {
  assert.equal(actor('La police de Nairobi a interpellé une vingtaine de jeunes.', 'fr', 'police').name, 'Police Forces of Kenya');
});

test('fr: "forces de sécurité burkinabè" (invariable adjective) are the Military Forces of Burkina Faso', () => {
  assert.equal(actor('Les forces de sécurité burkinabè ont repoussé un assaut à Djibo.', 'fr', 'forces de sécurité').name, 'Military Forces of Burkina Faso');
});

test('fr: "soldats indiens", plural masculine of a generated adjective', () => {
  assert.equal(actor('Deux soldats indiens ont été blessés au Cachemire.', 'fr', 'soldats').name, 'Military Forces of India');
});

test('fr: the minister of a country named by its adjective is that government, his name included', () => {
  const r = read('Le ministre nigérien de la Défense, Issa Garba, a démenti toute attaque.', 'fr');
  const c = cand(r, 'ministre');
  assert.equal(toEventActor(c, null).name, 'Government of Niger');
  assert.ok(c.text.includes('Issa Garba'), c.text);
  assert.equal(r.ann.mentions.find((m) => m.id === c.mention)?.type, 'PER');
});

test('fr: a colonel named with his rank is the Military Forces of the event country', () => {
  const a = actor('Le colonel Moussa Keita a annoncé la reprise du camp.', 'fr', 'Moussa Keita', 'ML');
  assert.equal(a.name, 'Military Forces of Mali');
  assert.equal(a.c.rule, 'person-role');
});

test('fr: "Kaboul a annoncé" (a capital standing for its state) is the Government of Afghanistan', () => {
  const a = actor('Kaboul a annoncé lundi la fermeture de la frontière.', 'fr', 'Kaboul');
  assert.equal(a.name, 'Government of Afghanistan');
  assert.equal(a.c.rule, 'place-metonym');
});

test('fr: a country as subject is a government candidate with its country; a country after "en" is a place', () => {
  const r = read("L'Azerbaïdjan a lancé une offensive, selon des témoins en Arménie.", 'fr');
  const c = cand(r, 'Azerbaïdjan');
  assert.equal(c.kind, 'government');
  assert.equal(c.country, 'AZ');
  assert.equal(r.cands.find((x) => x.text.includes('Arménie')), undefined);
});

test('fr: "les soldats" after "l\'armée malienne" are the same force', () => {
  const a = actor("L'armée malienne a lancé une opération. Les soldats ont détruit un dépôt d'armes.", 'fr', 'soldats', 'BF');
  assert.equal(a.name, 'Military Forces of Mali');
  assert.match(a.c.rule, /\+anaphora$/);
});

test('fr: soldiers "au Mali" do not take Mali as their country (foreign troops stand there)', () => {
  const a = actor('Des soldats au Mali ont été visés par un engin explosif.', 'fr', 'soldats');
  assert.equal(a.c.country, null);
  assert.equal(a.name, 'Military Forces');
});

// ---- French: named groups, anaphora

test('fr: "les insurgés" after "les talibans" are the Taliban', () => {
  const a = actor('Les talibans ont attaqué Kunduz dans la nuit. Les insurgés ont ensuite pris le contrôle du district.', 'fr', 'insurgés');
  assert.equal(a.name, 'Taliban');
  assert.equal(a.inter, 2);
  assert.equal(a.c.kind, 'named');
  assert.equal(a.c.rule, 'rebels-noun+anaphora');
  assert.equal(a.c.text, 'insurgés');
});

test('fr: jihadists with no group named in the dispatch are an Unidentified Armed Group of the event country', () => {
  const a = actor('Des jihadistes ont incendié une école près de Gao.', 'fr', 'jihadistes', 'ML');
  assert.equal(a.name, 'Unidentified Armed Group (Mali)');
  assert.equal(a.inter, 3);
});

test('fr: "ces derniers" stands for the last actor named', () => {
  const a = actor('Les militaires ont affronté des combattants du JNIM ; ces derniers ont pris la fuite.', 'fr', 'ces derniers');
  assert.equal(a.name, 'JNIM: Group for Support of Islam and Muslims');
});

test('fr: "les combattants de l\'EI" are Islamic State, in one phrase', () => {
  const r = read("Les combattants de l'EI ont tué six bergers.", 'fr');
  const c = cand(r, 'combattants');
  assert.equal(c.text, "combattants de l'EI");
  assert.equal(c.name, 'Islamic State');
});

test('fr: "le groupe jihadiste État islamique au Sahel" is one named actor', () => {
  const r = read('Le groupe jihadiste État islamique au Sahel a revendiqué l\'embuscade.', 'fr');
  const c = cand(r, 'État islamique');
  assert.equal(c.name, 'Islamic State Sahel Province');
  assert.ok(c.text.startsWith('groupe jihadiste'), c.text);
  assert.equal(r.cands.filter((x) => x.firstToken <= c.lastToken && x.lastToken >= c.firstToken).length, 1);
});

test('fr: shebab, rebels of the M23 and Aqmi are named with their inter codes', () => {
  const r = read("Les shebab ont attaqué une base. Les rebelles du M23 ont avancé vers Goma. Aqmi a libéré un otage.", 'fr');
  assert.equal(cand(r, 'shebab').name, 'Al Shabaab');
  assert.equal(cand(r, 'M23').name, 'M23: March 23 Movement');
  assert.equal(cand(r, 'Aqmi').name, 'AQIM: Al Qaeda in the Islamic Maghreb');
  assert.equal(cand(r, 'Aqmi').inter, 2);
});

test('fr: Blue Helmets of a UN mission are that mission, inter 8', () => {
  const a = actor('Les casques bleus de la Monusco ont riposté à une attaque.', 'fr', 'casques bleus');
  assert.equal(a.name, 'MONUSCO: United Nations Organization Stabilization Mission in the Democratic Republic of Congo');
  assert.equal(a.inter, 8);
});

// ---- French: crowds and civilians take the event's country

test('fr: "des manifestants" with a Kenyan event are Protesters (Kenya)', () => {
  const a = actor('Des manifestants ont bloqué la route principale mardi.', 'fr', 'manifestants', 'KE');
  assert.equal(a.name, 'Protesters (Kenya)');
  assert.equal(a.inter, 6);
});

test('fr: rioters, villagers and detainees', () => {
  const r = read('Des émeutiers ont pillé le marché. Trois villageois ont été tués. Des détenus se sont évadés.', 'fr');
  assert.deepEqual([toEventActor(cand(r, 'émeutiers'), 'GN').name, cand(r, 'émeutiers').inter], ['Rioters (Guinea)', 5]);
  assert.deepEqual([toEventActor(cand(r, 'villageois'), 'BF').name, cand(r, 'villageois').inter], ['Civilians (Burkina Faso)', 7]);
  assert.equal(toEventActor(cand(r, 'détenus'), 'CD').name, 'Prisoners (Democratic Republic of Congo)');
});

test('fr: "des hommes armés" are an Unidentified Armed Group', () => {
  const a = actor('Des hommes armés ont enlevé un prêtre à Kaduna.', 'fr', 'hommes armés', 'NG');
  assert.equal(a.name, 'Unidentified Armed Group (Nigeria)');
  assert.equal(a.c.kind, 'unidentified');
});

// ---- French: must not

test('fr: a person called Wagner is a person, not the Wagner Group', () => {
  const a = actor('Richard Wagner a composé cet opéra à Zurich.', 'fr', 'Wagner');
  assert.equal(a.c.kind, 'person');
  assert.equal(a.inter, null);
  assert.notEqual(a.name, 'Wagner Group');
});

test('fr: a surname that is a noun does not make the person a police force', () => {
  const a = actor('Mme Claire Gendarme a été élue maire.', 'fr', 'Gendarme');
  assert.equal(a.c.kind, 'person');
});

test('fr: "le président du club" is no government', () => {
  noActor('Le président du club, Paul Martin, a démissionné.', 'fr', 'Paul Martin', 'Government');
  const a = actor('Le président du club, Paul Martin, a démissionné.', 'fr', 'Paul Martin');
  assert.equal(a.c.kind, 'person');
});

test('fr: "le secrétaire général de l\'ONU" is the UN, not an army general', () => {
  const a = actor("Le secrétaire général de l'ONU a condamné les violences.", 'fr', 'ONU');
  assert.equal(a.name, 'UN: United Nations');
  assert.equal(read("Le secrétaire général de l'ONU a condamné les violences.", 'fr').cands.some((c) => c.kind === 'military'), false);
});

test('fr: "police d\'assurance" is no police; "RSF" is not the Sudanese paramilitaries in French', () => {
  noActor("Sa police d'assurance couvrait l'incendie.", 'fr', 'police');
  noActor('Reporters sans frontières (RSF) a dénoncé son arrestation.', 'fr', 'RSF', 'RSF: Rapid Support Forces');
});

// ---- English

test('en: "Indian police" are the Police Forces of India', () => {
  const a = actor('Indian police fired tear gas at stone-throwing youths.', 'en', 'police');
  assert.equal(a.name, 'Police Forces of India');
  assert.equal(a.c.text, 'Indian police');
});

test('en: "the Islamic State group" is Islamic State', () => {
  const a = actor('The Islamic State group claimed the bombing in a statement.', 'en', 'Islamic State');
  assert.equal(a.name, 'Islamic State');
  assert.equal(a.inter, 2);
});

test('en: a country name with a possessive: "Mali\'s army"', () => {
  assert.equal(actor("Mali's army said it had killed a senior commander.", 'en', 'army').name, 'Military Forces of Mali');
});

test('en: "U.S. troops" are American; "us troops" in lower case are not', () => {
  assert.equal(actor('U.S. troops left the base on Monday.', 'en', 'troops').name, 'Military Forces of the United States');
  const a = actor('They told us troops had left.', 'en', 'troops');
  assert.equal(a.c.country, null);
});

test('en: a president named with his country is that government and keeps the person mention', () => {
  const r = read('Kenyan President Daniel Kamau condemned the attack.', 'en');
  const c = cand(r, 'Kamau');
  assert.equal(toEventActor(c, null).name, 'Government of Kenya');
  assert.equal(r.ann.mentions.find((m) => m.id === c.mention)?.type, 'PER');
});

test('en: "the militants" after al-Shabaab are al-Shabaab; "the latter" the last actor', () => {
  const r = read('Al-Shabaab claimed the raid on the camp. Officials said the militants fled south. Taliban fighters seized the district, the latter said.', 'en');
  const militants = cand(r, 'militants');
  assert.equal(militants.text, 'militants');
  assert.equal(toEventActor(militants, 'SO').name, 'Al Shabaab');
  assert.equal(toEventActor(cand(r, 'the latter'), null).name, 'Taliban');
});

test('en: protesters in a named town take its country', () => {
  assert.equal(actor('Protesters in Nairobi burned tyres.', 'en', 'Protesters').name, 'Protesters (Kenya)');
});

test('en: Hezbollah is a political militia (inter 3), unidentified gunmen an armed group', () => {
  const r = read('Hezbollah fired rockets at a border town. Unidentified gunmen killed two farmers.', 'en');
  assert.equal(cand(r, 'Hezbollah').inter, 3);
  assert.equal(toEventActor(cand(r, 'gunmen'), 'LB').name, 'Unidentified Armed Group (Lebanon)');
});

test('en: "UN peacekeepers" is one phrase, the UN', () => {
  const r = read('UN peacekeepers were wounded near the border.', 'en');
  const c = cand(r, 'peacekeepers');
  assert.equal(c.text, 'UN peacekeepers');
  assert.equal(c.inter, 8);
});

test('en: an acronym only matches in capitals ("this is" is not Islamic State)', () => {
  noActor('This is the third attack this month.', 'en', 'is');
  assert.equal(actor('IS claimed the attack.', 'en', 'IS').name, 'Islamic State');
});

test('en: "the Secretary-General of the UN" is no army general', () => {
  const r = read('The Secretary-General of the UN condemned the attack.', 'en');
  assert.equal(r.cands.some((c) => c.kind === 'military'), false);
});

test('fr: "ancien" before a role: a former president holds no office', () => {
  const r = read("L'ancien président malien a été inhumé vendredi à Bamako.", 'fr');
  assert.equal(r.cands.some((c) => c.kind === 'government' && c.text.includes('président')), false);
});

test('fr: "forces gouvernementales" are the event country\'s, not a foreign army named just before', () => {
  const a = actor("L'armée américaine a quitté la base. Les forces gouvernementales ont repris le district.", 'fr', 'forces gouvernementales', 'AF');
  assert.equal(a.name, 'Military Forces of Afghanistan');
});

test('fr: a namesake followed by another country is not the named actor', () => {
  const r = read("L'Armée de libération nationale de l'Ouganda a revendiqué l'attaque.", 'fr');
  assert.equal(r.cands.some((c) => c.name === 'ELN: National Liberation Army'), false);
});

test('country names ACLED writes with an article, and the state forces of a territory', () => {
  const r = read('Des policiers ont dispersé des émeutiers.', 'fr');
  assert.equal(toEventActor(cand(r, 'policiers'), 'PH').name, 'Police Forces of the Philippines');
  assert.equal(toEventActor(cand(r, 'policiers'), 'NC').name, 'Police Forces of France');
  assert.equal(toEventActor(cand(r, 'émeutiers'), 'NC').name, 'Rioters (New Caledonia)');
  assert.equal(toEventActor(cand(r, 'émeutiers'), 'PH').name, 'Rioters (Philippines)');
});

test('en: an unresolved "the group" keeps its words and no inter code', () => {
  const r = read('The group said nothing about the convoy.', 'en');
  const c = cand(r, 'The group');
  assert.equal(c.kind, 'anaphor');
  assert.deepEqual([toEventActor(c, 'ML').name, toEventActor(c, 'ML').inter], ['The group', null]);
});

// ---- toEventActor, country names, shape

test('toEventActor: without any country, a template drops its country part', () => {
  const r = read('Des manifestants et des hommes armés. Des soldats sont arrivés.', 'fr');
  assert.equal(toEventActor(cand(r, 'manifestants'), null).name, 'Protesters');
  assert.equal(toEventActor(cand(r, 'hommes armés'), null).name, 'Unidentified Armed Group');
  assert.equal(toEventActor(cand(r, 'soldats'), null).name, 'Military Forces');
  const c = cand(r, 'soldats');
  const a = toEventActor(c, 'NE');
  assert.deepEqual([a.start, a.end, a.text, a.mention], [c.start, c.end, c.text, c.mention]);
});

test('acledCountryName: ACLED spellings', () => {
  assert.equal(acledCountryName('CD'), 'Democratic Republic of Congo');
  assert.equal(acledCountryName('CI'), 'Ivory Coast');
  assert.equal(acledCountryName('US'), 'United States');
  assert.equal(acledCountryName('FR'), 'France');
  assert.equal(acledCountryName('MM'), 'Myanmar');
});

test('candidates are in text order, disjoint, and their words are the text at their offsets', () => {
  const text = "Les talibans ont attaqué un poste de police à Kunduz, a indiqué le gouverneur de la province, Abdul Sattar. " +
    "Des civils ont été tués. Les forces afghanes ont riposté et ces derniers ont fui.";
  const r = read(text, 'fr');
  assert.ok(r.cands.length >= 5);
  for (let k = 0; k < r.cands.length; k++) {
    const c = r.cands[k];
    assert.equal(r.doc.text.slice(c.start, c.end), c.text);
    assert.equal(r.ann.tokens[c.firstToken].start, c.start);
    assert.equal(r.ann.tokens[c.lastToken].end, c.end);
    if (k) assert.ok(r.cands[k - 1].lastToken < c.firstToken, `${r.cands[k - 1].text} / ${c.text}`);
  }
});

test('data: 80–150 named actors with ACLED inter codes, and every class the lexicons use exists', () => {
  const root = packageRoot();
  const shared = JSON.parse(readFileSync(join(root, 'src/lexicons/actors.json'), 'utf8')) as {
    _about: string; classes: Record<string, unknown>; actors: { name: string; inter: number; aliases: string[] }[];
  };
  assert.ok(shared._about.length > 0);
  assert.ok(shared.actors.length >= 80 && shared.actors.length <= 150, String(shared.actors.length));
  for (const a of shared.actors) assert.ok(a.inter >= 1 && a.inter <= 8, a.name);
  for (const lang of ['fr', 'en']) {
    const lex = JSON.parse(readFileSync(join(root, 'src/lexicons', lang, 'actors.json'), 'utf8')) as Record<string, unknown>;
    for (const table of ['nouns', 'qualifiedNouns', 'roles']) {
      for (const [w, id] of Object.entries(lex[table] as Record<string, string>)) {
        const cls = id.replace(/\?$/, '');
        assert.ok(cls === '-' || cls in shared.classes, `${lang} ${table} "${w}": unknown class ${id}`);
      }
    }
  }
});
