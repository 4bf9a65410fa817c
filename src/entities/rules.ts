// The knowledge the mentions stage reads, compiled once per language from the lexicons
// (titles, organisations, groups, non-entities, entity cues of src/lexicons/<lang>/, given
// names, name particles and organisations known by name of src/lexicons/shared/) and the
// country list of the world-countries package: Sets and token tries, never a loop of regexes
// per entry. Nothing here names a word of a language.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { languageInfo, lexiconGeneration, lexiconLang, loadLexicon } from '../lexicons/load.js';
import { tokenize } from '../text/index.js';
import type { Lang, MentionType } from '../types.js';
import { foldKey } from './view.js';

export type Gender = 'm' | 'f' | 'p' | 'x';

interface TitlesLexicon {
  honorifics: Record<string, Gender>;
  roles: string[];
  roleGender?: { f?: string[] };
  preNameTitles: string[];
  determiners: string[];
  possessives: Record<string, string>;
  ocrStops?: string[];
  preModifiers?: string[];
  nobleTitles?: string[];
  titleAbbreviations?: string[];
  possessiveOf?: Record<string, string>;
  nominalDeterminers?: string[];
  roleModifiers?: string[];
  nounComplementArticles?: string[];
}
interface OrganisationsLexicon {
  heads: string[];
  tailHeads: string[];
  govHeads: string[];
}
interface GroupsLexicon {
  groups: Record<string, [string, MentionType]>;
  lowercaseDemonyms?: boolean;
}
interface NonEntitiesLexicon {
  words: string[];
  commonWordSuffixes?: string[];
}
interface EntityCuesLexicon {
  locPrepSingle: string[];
  locHeadsBefore: string[];
  locHeadsDirect?: string[];
  streetHeads?: string[];
  placeAdjectives?: string[];
  months?: string[];
  placePrefixes?: string[];
  particles: string[];
  adjectiveSuffixes?: string[];
  descriptorBeforeName?: boolean;
  pluralMarkers?: string[];
  coordinators?: string[];
  complementWords?: string[];
  complementArticles?: string[];
  orgComplementWords?: string[];
  orgComplementArticles?: string[];
  orgComplementsNeedingArticle?: string[];
  infinitiveSuffixes?: string[];
  headOf?: string[];
  locOf?: string[];
  titleParticles?: string[];
  pluralSuffixes?: string[];
  verbSuffixes?: string[];
  capitalsFromCountryList?: boolean;
  defaultSingleType?: MentionType;
  capitalisedModifiers?: boolean;
}
/** src/lexicons/shared/organisations.json: organisations known by name, with their aliases. */
interface SharedOrganisations {
  organisations: { canonical: string; aliases?: string[]; fr?: string[]; en?: string[] }[];
}
interface NameParticles {
  startParticles?: string[];
  gluedPrefixes?: string[];
}

/** What a trie entry gives back when a run of tokens matches it. */
export interface Entry {
  canonical: string;
  type: MentionType;
  /** An acronym ("ONU", "JeM"): the text must write it as one of `written`. */
  acronym: boolean;
  /** The spellings an acronym is found under (case counts), when `acronym`. */
  written?: string[];
  /** A country or similar entry. */
  country?: string;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  entry: Entry | null;
}

export interface EntityRules {
  lang: Lang;
  honorifics: Map<string, Gender>;
  roleHeads: Set<string>;
  roleMaxWords: number;
  femaleRoles: Set<string>;
  preNameTitles: Set<string>;
  determiners: Set<string>;
  possessives: Map<string, string>;
  names: TrieNode;
  orgHeads: Set<string>;
  /** Organisation heads the lexicon also writes in lower case ("ministère"): they head a name across "de la" ("ministère de la Défense"). */
  orgHeadsLower: Set<string>;
  tailHeads: Set<string>;
  govHeads: Set<string>;
  groups: TrieNode;
  nonEntities: Set<string>;
  locPrepSingle: Set<string>;
  locHeadsBefore: Set<string>;
  /** Place heads written right before a name and kept in its mention ("mer Noire", "rue Haute"). */
  locHeadsDirect: Set<string>;
  particles: Set<string>;
  nameParticle: RegExp | null;
  firstNames: Set<string>;
  demonyms: Map<string, string>;
  /** Lower-case adjectives that continue an organisation's name ("Conseil fédéral"). */
  adjectiveSuffix: RegExp;
  /** "le jeune X", "le rappeur X": a descriptor between article and name belongs to the mention. */
  descriptorBeforeName: boolean;
  /** Lower-case particles that may open a surname ("van Petegem", "al-Assad" written apart). */
  nameStartParticles: Set<string>;
  /** Plural articles and prepositions before a group noun ("les", "aux", "entre"). */
  pluralMarkers: Set<string>;
  /** Conjunctions in a list of names ("et", "and"). */
  coordinators: Set<string>;
  /** Words opening a complement of an organisation's name ("de", "of") and articles after them. */
  complementWords: Set<string>;
  complementArticles: Set<string>;
  /** Words opening a complement of an organisation's name ("Union des producteurs", "Mouvement pour la paix", "Party for Freedom") and articles after them. */
  orgComplementWords: Set<string>;
  orgComplementArticles: Set<string>;
  /** Complement words that continue an organisation's name only before an article ("pour la", not "pour être"). */
  orgComplementsNeedingArticle: Set<string>;
  /** Endings of infinitives: a complement never is one ("l'Action nationale de modifier"). */
  infinitive: RegExp;
  /** Endings of ordinary words: a sentence-initial capitalised word ending so is not a name. */
  commonSuffix: RegExp;
  /** Marks OCR reads in place of an abbreviation's full stop ("M, Dupont", "M° Rey"). */
  ocrStops: Set<string>;
  /** Adjectives before a title that belong to the person's mention ("l'ancien juge X"). */
  preModifiers: Set<string>;
  /** Titles that take a place name and still name a person ("le comte de Savoie"). */
  nobleTitles: Set<string>;
  /** Abbreviated titles written with a full stop before a name ("prés. A. Rey"). */
  titleAbbreviations: Set<string>;
  /** Street heads kept with their complement in a place's mention ("rue des Écoles"). */
  streetHeads: Set<string>;
  /** Lower-case adjectives that make a region of a place ("Suisse romande"). */
  placeAdjectives: Set<string>;
  /** Month names and their abbreviations, for datelines ("Rastadt, 21 août"). */
  months: Set<string>;
  /** Prefixes of compound place names ("Haute-Saône", "Grande-Russie"). */
  placePrefix: RegExp;
  /** Words between a head and the name it governs ("canton de Vaud", "Ministry of Health"). */
  headOf: Set<string>;
  /** The same after a place head, contracted articles included ("province du Kivu"). */
  locOf: Set<string>;
  /** Particles between a title and a name ("général de Gaulle"). */
  titleParticles: Set<string>;
  /** Endings of a capitalised plural ("les Helvètes"). */
  pluralSuffix: RegExp;
  /** Endings that make the word after a capitalised modifier a verb ("Smith said"). */
  verbSuffix: RegExp;
  /** Determiners that make a role head stand for a person named before ("le ministre"). */
  nominalDeterminers: Set<string>;
  /** First words of a role left out when roles are compared ("ancien ministre"). */
  roleModifiers: Set<string>;
  /** Articles that are also a preposition after a noun ("ministre des Affaires"). */
  nounComplementArticles: Set<string>;
  /** The type of a lone capitalised word nothing else explains. */
  defaultSingleType: MentionType;
  /** Capitalised words may modify a following noun ("Republican nominee"): then they are no names. */
  capitalisedModifiers: boolean;
  /** How a role read with a possessive names its owner, by number ('p', 's'): "des {x}". */
  possessiveOf: Record<string, string>;
}

const cache = new Map<Lang, EntityRules>();
let cacheGeneration = -1;

export function newNode(): TrieNode {
  return { next: new Map(), entry: null };
}

/** Token keys of an entry, cut the way the tokenizer cuts running text. */
export function keysOf(text: string, lang: Lang): string[] {
  return tokenize(text, lang).map((t) => normKey(text.slice(t.start, t.end)));
}

export function normKey(s: string): string {
  return s.toLowerCase().replace(/’/g, "'");
}

export function addEntry(root: TrieNode, keys: string[], entry: Entry, override = true): void {
  if (!keys.length) return;
  let node = root;
  for (const k of keys) {
    let n = node.next.get(k);
    if (!n) node.next.set(k, (n = newNode()));
    node = n;
  }
  if (override || !node.entry) node.entry = entry;
}

interface CountryRecord {
  name: { common: string; official: string };
  cca2: string;
  capital?: string[];
  altSpellings?: string[];
  translations?: Record<string, { common: string; official: string }>;
  demonyms?: Record<string, { f: string; m: string }>;
}

let countriesCache: CountryRecord[] | null = null;
function countries(): CountryRecord[] {
  if (countriesCache) return countriesCache;
  try {
    const require = createRequire(import.meta.url);
    const path = require.resolve('world-countries/countries.json');
    countriesCache = JSON.parse(readFileSync(path, 'utf8')) as CountryRecord[];
  } catch {
    countriesCache = [];
  }
  return countriesCache;
}

/** A regex matching words that end with one of the endings ("ment", "tion"), or nothing. */
function endingRegex(endings: readonly string[] | undefined): RegExp {
  return endings?.length ? new RegExp(`(?:${endings.join('|')})$`, 'u') : /$^/u;
}

/** An entry with aliases read in every language and aliases of one language only. */
interface Aliased {
  aliases?: string[];
  fr?: string[];
  en?: string[];
}

function aliasesIn(o: Aliased, lang: string): string[] {
  const own = (o as Record<string, unknown>)[lang];
  return [...(o.aliases ?? []), ...(Array.isArray(own) ? (own as string[]) : [])];
}

/**
 * The organisations known by name, for one language: [alias, canonical], those of
 * shared/organisations.json first, then the named actors of actors.json (armed groups, state
 * forces, missions; their ACLED acronym prefix left out of the canonical name).
 */
function knownOrganisations(lang: string): [string, string, boolean][] {
  const out: [string, string, boolean][] = [];
  for (const o of loadLexicon<SharedOrganisations>('shared', 'organisations')?.organisations ?? []) {
    for (const a of aliasesIn(o, lang)) out.push([a, o.canonical, true]);
  }
  for (const a of loadLexicon<{ actors?: (Aliased & { name: string })[] }>('', 'actors')?.actors ?? []) {
    const canonical = a.name.replace(/^[^:]{1,20}: /u, '');
    for (const alias of aliasesIn(a, lang)) if (UPPER_START.test(alias)) out.push([alias, canonical, false]);
  }
  return out;
}

const UPPER_START = /^\p{Lu}/u;

export function entityRules(lang: Lang): EntityRules {
  // rules compiled from the lexicons of the roots as they are (a root added later is read anew)
  if (cacheGeneration !== lexiconGeneration()) {
    cache.clear();
    cacheGeneration = lexiconGeneration();
  }
  const hit = cache.get(lang);
  if (hit) return hit;
  // a text in no language Vigie reads is read with English's words; a language without mention
  // lexicons has none (its capitalised runs are typed by their shape and the shared lists)
  const l = lang === 'other' ? lexiconLang(lang, 'entitycues') : lang;
  const cues = loadLexicon<EntityCuesLexicon>(l, 'entitycues');
  const rules: EntityRules = {
    lang,
    ...knownNames(l, cues),
    ...titleRules(l, loadLexicon<TitlesLexicon>(l, 'titles')),
    ...organisationRules(l, loadLexicon<OrganisationsLexicon>(l, 'organisations'), cues),
    ...contextRules(cues, loadLexicon<NonEntitiesLexicon>(l, 'nonentities')),
    ...nameRules(),
  };
  cache.set(lang, rules);
  return rules;
}

const lower = (xs: string[] | undefined): Set<string> => new Set((xs ?? []).map(normKey));

/**
 * The names trie (countries in this language and, where the lexicon says so, their capitals;
 * historic regions; organisations known by name) and the demonyms of the world-countries package.
 */
function knownNames(l: Lang, cues: EntityCuesLexicon | null): Pick<EntityRules, 'names' | 'demonyms'> {
  const names = newNode();
  const demonyms = new Map<string, string>();
  // country names and demonyms in this language, by its ISO 639-3 code (language.json)
  const l3 = languageInfo(l)?.iso639_3 ?? 'eng';
  const capitals = cues?.capitalsFromCountryList ?? false;
  for (const c of countries()) {
    const canon = c.name.common;
    const forms = new Set<string>([canon]);
    const tr = c.translations?.[l3];
    if (tr) forms.add(tr.common);
    for (const f of forms) addEntry(names, keysOf(f, l).map(foldKey), { canonical: canon, type: 'LOC', acronym: false, country: c.cca2 });
    if (capitals) for (const cap of c.capital ?? []) addEntry(names, keysOf(cap, l).map(foldKey), { canonical: cap, type: 'LOC', acronym: false }, false);
    const d = c.demonyms?.[l3];
    for (const form of d ? [d.m, d.f] : []) {
      if (!form || form.includes(' ')) continue;
      demonyms.set(normKey(form), canon);
      demonyms.set(normKey(form) + 's', canon);
    }
  }
  // historic states, regions, seas, mountains and rivers the populated-places gazetteer lacks
  for (const name of loadLexicon<{ names: string[] }>(l, 'regions')?.names ?? []) {
    addEntry(names, keysOf(name, l).map(foldKey), { canonical: name, type: 'LOC', acronym: false }, false);
  }
  // organisations of shared/ before places of the same name; named actors after both
  for (const [name, canonical, first] of knownOrganisations(l)) addOrganisation(names, keysOf(name, l).map(foldKey), name, canonical, first);
  return { names, demonyms };
}

type TitleRuleNames = 'honorifics' | 'roleHeads' | 'roleMaxWords' | 'femaleRoles' | 'preNameTitles' | 'determiners' | 'possessives' | 'ocrStops'
  | 'preModifiers' | 'nobleTitles' | 'titleAbbreviations' | 'nominalDeterminers' | 'roleModifiers' | 'nounComplementArticles' | 'possessiveOf';

/** Honorifics, titles, roles and determiners (titles.json). */
function titleRules(l: Lang, titles: TitlesLexicon | null): Pick<EntityRules, TitleRuleNames> {
  const roleHeads = new Set<string>();
  let roleMaxWords = 1;
  for (const r of titles?.roles ?? []) {
    const k = keysOf(r, l);
    roleHeads.add(k.join(' '));
    roleMaxWords = Math.max(roleMaxWords, k.length);
  }
  return {
    honorifics: new Map(Object.entries(titles?.honorifics ?? {})),
    roleHeads,
    roleMaxWords,
    femaleRoles: lower(titles?.roleGender?.f),
    preNameTitles: new Set((titles?.preNameTitles ?? []).map((t) => keysOf(t, l).join(' '))),
    determiners: lower(titles?.determiners),
    possessives: new Map(Object.entries(titles?.possessives ?? {})),
    ocrStops: new Set(titles?.ocrStops ?? []),
    preModifiers: lower(titles?.preModifiers),
    nobleTitles: lower(titles?.nobleTitles),
    titleAbbreviations: lower(titles?.titleAbbreviations),
    nominalDeterminers: lower(titles?.nominalDeterminers),
    roleModifiers: lower(titles?.roleModifiers),
    nounComplementArticles: lower(titles?.nounComplementArticles),
    possessiveOf: titles?.possessiveOf ?? {},
  };
}

type OrganisationRuleNames = 'orgHeads' | 'orgHeadsLower' | 'tailHeads' | 'govHeads' | 'groups' | 'orgComplementWords' | 'orgComplementArticles'
  | 'orgComplementsNeedingArticle';

/** Organisation heads and complements (organisations.json, entitycues.json) and group nouns (groups.json). */
function organisationRules(l: Lang, orgs: OrganisationsLexicon | null, cues: EntityCuesLexicon | null): Pick<EntityRules, OrganisationRuleNames> {
  const groups = newNode();
  for (const [name, [canonical, type]] of Object.entries(loadLexicon<GroupsLexicon>(l, 'groups')?.groups ?? {})) {
    addEntry(groups, keysOf(name, l), { canonical, type, acronym: false });
  }
  return {
    orgHeads: lower(orgs?.heads),
    orgHeadsLower: new Set((orgs?.heads ?? []).filter((h) => /^\p{Ll}/u.test(h)).map(normKey)),
    tailHeads: lower(orgs?.tailHeads),
    govHeads: lower(orgs?.govHeads),
    groups,
    orgComplementWords: lower(cues?.orgComplementWords ?? cues?.complementWords),
    orgComplementArticles: lower(cues?.orgComplementArticles ?? cues?.complementArticles),
    orgComplementsNeedingArticle: lower(cues?.orgComplementsNeedingArticle),
  };
}

type NameRuleNames = 'nameParticle' | 'firstNames' | 'nameStartParticles';

/** Given names and name particles, the same in every language (src/lexicons/shared/). */
function nameRules(): Pick<EntityRules, NameRuleNames> {
  const shared = loadLexicon<NameParticles>('shared', 'name-particles');
  const prefixes = shared?.gluedPrefixes ?? [];
  return {
    nameParticle: prefixes.length ? new RegExp(`^(?:${prefixes.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\p{Lu}`, 'u') : null,
    firstNames: new Set(loadLexicon<{ names: string[] }>('shared', 'firstnames')?.names ?? []),
    nameStartParticles: new Set(shared?.startParticles ?? []),
  };
}

type ContextRuleNames = Exclude<keyof EntityRules, 'lang' | 'names' | 'demonyms' | TitleRuleNames | OrganisationRuleNames | NameRuleNames>;

/** The words around names (entitycues.json) and the words that are none (nonentities.json). */
function contextRules(cues: EntityCuesLexicon | null, non: NonEntitiesLexicon | null): Pick<EntityRules, ContextRuleNames> {
  return {
    nonEntities: lower(non?.words),
    commonSuffix: endingRegex(non?.commonWordSuffixes),
    locPrepSingle: lower(cues?.locPrepSingle),
    locHeadsBefore: lower(cues?.locHeadsBefore),
    locHeadsDirect: lower(cues?.locHeadsDirect),
    particles: lower(cues?.particles),
    adjectiveSuffix: endingRegex(cues?.adjectiveSuffixes),
    descriptorBeforeName: cues?.descriptorBeforeName ?? false,
    pluralMarkers: lower(cues?.pluralMarkers),
    coordinators: lower(cues?.coordinators),
    complementWords: lower(cues?.complementWords),
    complementArticles: lower(cues?.complementArticles),
    infinitive: endingRegex(cues?.infinitiveSuffixes),
    streetHeads: lower(cues?.streetHeads),
    placeAdjectives: lower(cues?.placeAdjectives),
    months: lower(cues?.months),
    placePrefix: cues?.placePrefixes?.length ? new RegExp(`^(?:${cues.placePrefixes.join('|')})\\p{Lu}`, 'u') : /$^/u,
    headOf: lower(cues?.headOf),
    locOf: lower(cues?.locOf),
    titleParticles: lower(cues?.titleParticles),
    pluralSuffix: endingRegex(cues?.pluralSuffixes),
    verbSuffix: endingRegex(cues?.verbSuffixes),
    defaultSingleType: cues?.defaultSingleType ?? 'MISC',
    capitalisedModifiers: cues?.capitalisedModifiers ?? false,
  };
}

const CAPITALS = /\p{Lu}/gu;

/**
 * An organisation's alias in the names trie. An alias of one word with two capitals or more
 * ("ONU", "JeM", "M23" is not one) is found only as written; aliases of one organisation that
 * fold to the same keys ("Unicef", "UNICEF") share their node, found as any of them (any case
 * when one of them is no acronym).
 */
function addOrganisation(root: TrieNode, keys: string[], alias: string, canonical: string, override: boolean): void {
  const acronym = !/\s/u.test(alias) && (alias.match(CAPITALS)?.length ?? 0) >= 2;
  let node = root;
  for (const k of keys) {
    let next = node.next.get(k);
    if (!next) node.next.set(k, (next = newNode()));
    node = next;
  }
  const old = node.entry;
  if (old && old.type === 'ORG' && old.canonical === canonical) {
    if (!old.acronym) return;
    node.entry = acronym ? { ...old, written: [...(old.written ?? []), alias] } : { canonical, type: 'ORG', acronym: false };
    return;
  }
  if (!keys.length || old && !override) return;
  node.entry = { canonical, type: 'ORG', acronym, written: acronym ? [alias] : undefined };
}

/** Longest entry of a trie matching keys[i…]; returns the number of keys it covers. */
export function longestMatch(root: TrieNode, keys: readonly string[], i: number, limit = keys.length): { len: number; entry: Entry } | null {
  let node: TrieNode | undefined = root;
  let best: { len: number; entry: Entry } | null = null;
  for (let j = i; j < limit && node; j++) {
    node = node.next.get(keys[j]);
    if (node?.entry) best = { len: j - i + 1, entry: node.entry };
  }
  return best;
}
