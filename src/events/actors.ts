// Actors of events, named the way ACLED names them: "Military Forces of Mali", "Police Forces of
// India", "Government of Kenya", "Taliban", "Protesters (Kenya)", "Unidentified Armed Group
// (Nigeria)", with ACLED's inter codes (1 state forces … 8 external forces).
//
// findActorCandidates reads every actor phrase of a document in one pass over its tokens, with
// tries compiled once per language from data:
//   - src/lexicons/actors.json: named actors (canonical name, inter code, type, home country,
//     aliases in both languages), the classes generic nouns stand for (kind, name template,
//     inter, which named actors they may refer to) and ACLED's spelling of some country names;
//   - src/lexicons/<lang>/actors.json: generic nouns ("armée", "protesters"), nouns that need a
//     country ("forces", "président"), role heads of persons, anaphors, the words that attach a
//     country to a noun ("de", "of", possessives) and extra nationality adjectives;
//   - the world-countries package: nationality adjectives in English and French (French plurals
//     generated: malien, malienne, maliens, maliennes).
// Then three small passes: persons (a PER mention whose role names a state office or an actor
// stands for it; a bare name is a 'person'), places (a metonym "Kaboul a annoncé" or a country
// name outside a locative phrase is the country's government, the caller decides more), and
// anaphora ("les insurgés" after "les talibans" → Taliban; "ces derniers" → the last actor).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { keysOf } from '../entities/rules.js';
import { buildView, foldKey, type TokenView } from '../entities/view.js';
import { languageInfo, lexiconLang, loadLexicon } from '../lexicons/load.js';
import { foldIds, internWord } from './vocabulary.js';
import { lowerBoundBy } from '../bisect.js';
import type { Annotations, EventActor, Lang, Mention, Place, ResolvedDocument, TextSpan } from '../types.js';

export type ActorKind = 'named' | 'military' | 'police' | 'government' | 'rebels' | 'unidentified' | 'protesters' | 'rioters' | 'civilians' | 'person' | 'anaphor';

export interface ActorCandidate extends TextSpan {
  firstToken: number;   // index into ann.tokens
  lastToken: number;    // inclusive
  mention: string | null;   // ann.mentions id when the words are (part of) a mention
  kind: ActorKind;
  name: string | null;      // fixed canonical name ("Taliban", "Military Forces of Mali") when known from the words alone
  template: string | null;  // when the country must come from context: "Protesters ({country})", "Military Forces of {country}"
  country: string | null;   // ISO2 read from the phrase itself (adjective, "de X"), or null
  inter: number | null;
  rule: string;             // the name of the rule that found it ("named-actor-alias", "military-noun+demonym", …)
}

// ---------------------------------------------------------------------------------------------
// Data shapes

interface NamedActorData {
  name: string;
  inter: number;
  type: string;
  kind?: ActorKind;
  country?: string;
  aliases: string[];
  fr?: string[];
  en?: string[];
}

interface ClassData {
  kind: ActorKind;
  template?: string;
  name?: string;
  inter: number | null;
  refers?: string[];
  local?: boolean;
  window?: number;
  backwardOnly?: boolean;
}

interface SharedLexicon {
  classes: Record<string, ClassData>;
  countryNames: Record<string, string>;
  countriesWithThe?: string[];
  sovereign?: Record<string, string>;
  actors: NamedActorData[];
}

interface LangLexicon {
  demonymAfter: boolean;
  demonymBefore: boolean;
  nouns: Record<string, string>;
  qualifiedNouns: Record<string, string>;
  roles: Record<string, string>;
  modifiers: string[];
  ofWords: string[];
  inWords: string[];
  articles: string[];
  possessives: string[];
  groupWordsBefore: string[];
  groupAdjectives: string[];
  groupWordsAfter: string[];
  locativePreps: string[];
  formerWords?: string[];
  demonyms: Record<string, string>;
}

interface CountryRecord {
  cca2: string;
  unMember?: boolean;
  demonyms?: Record<string, { f: string; m: string }>;
}

// ---------------------------------------------------------------------------------------------
// Compiled rules

/** A token trie over word ids (vocabulary.ts): one Map look-up per token, longest match wins. */
interface Trie<T> {
  next: Map<number, Trie<T>>;
  value: T | null;
}

function trie<T>(): Trie<T> {
  return { next: new Map(), value: null };
}

/** The node for a key path, created on the way. */
function nodeFor<T>(root: Trie<T>, keys: readonly string[]): Trie<T> {
  let node = root;
  for (const key of keys) {
    const k = internWord(key);
    let n = node.next.get(k);
    if (!n) node.next.set(k, (n = trie<T>()));
    node = n;
  }
  return node;
}

/** Longest entry matching keys[i…limit); its value and the index one past its last token. */
function longest<T>(root: Trie<T>, ids: Int32Array, i: number, limit: number): { value: T; end: number } | null {
  let node: Trie<T> | undefined = root;
  let best: { value: T; end: number } | null = null;
  for (let j = i; j < limit && node; j++) {
    node = node.next.get(ids[j]);
    if (node?.value) best = { value: node.value, end: j + 1 };
  }
  return best;
}

interface ClassDef {
  id: string;
  kind: ActorKind;
  template: string | null;
  name: string | null;
  inter: number | null;
  /** Types of named actors the noun may stand for; '*' any actor phrase; null none. */
  refers: Set<string> | null;
  /** The force of the event's own country ("forces gouvernementales"): never another state's force named before. */
  local: boolean;
  window: number;
  backwardOnly: boolean;
}

interface NamedActor {
  name: string;
  inter: number;
  type: string;
  kind: ActorKind;
  country: string | null;
}

/** A named actor's alias; `exact` holds the surface forms required when the alias is an acronym. */
interface NamedEntry {
  actor: NamedActor;
  exact: Set<string> | null;
}

/** A generic noun: its class (null for a phrase that only looks like an actor) and whether it needs a country. */
interface NounEntry {
  cls: ClassDef | null;
  qualified: boolean;
}

interface CountryEntry {
  country: string;
  /** Written in capitals in the data ("US"): the text must be too (not the pronoun "us"). */
  caps: string | null;
}

interface ActorRules {
  lang: Lang;
  named: Trie<NamedEntry>;
  nouns: Trie<NounEntry>;
  roles: Trie<NounEntry>;
  demonyms: Trie<CountryEntry>;
  demonymAfter: boolean;
  demonymBefore: boolean;
  modifiers: Set<string>;
  ofWords: Set<string>;
  /** "à", "in": a place after them is where the people are, so not a military force's country. */
  inWords: Set<string>;
  articles: Set<string>;
  possessives: Set<string>;
  groupBefore: Set<string>;
  groupAfter: Set<string>;
  locative: Set<string>;
  /** "ancien", "former": the office is no longer held. */
  former: Set<string>;
  classes: Map<string, ClassDef>;
}

const rulesCache = new Map<Lang, ActorRules>();
let sharedCache: SharedLexicon | null = null;
let withThe = new Set<string>();

function shared(): SharedLexicon {
  if (sharedCache) return sharedCache;
  // The language-neutral lexicon sits at src/lexicons/actors.json (an empty language folder).
  sharedCache = loadLexicon<SharedLexicon>('', 'actors') ?? { classes: {}, countryNames: {}, actors: [] };
  withThe = new Set(sharedCache.countriesWithThe ?? []);
  return sharedCache;
}

let countriesCache: CountryRecord[] | null = null;
function countries(): CountryRecord[] {
  if (countriesCache) return countriesCache;
  try {
    const require = createRequire(import.meta.url);
    countriesCache = JSON.parse(readFileSync(require.resolve('world-countries/countries.json'), 'utf8')) as CountryRecord[];
  } catch {
    countriesCache = [];
  }
  return countriesCache;
}

const LOWER = /\p{Ll}/u;
const UPPER_AFTER_FIRST = /^.+\p{Lu}/u;

/** Folded token keys of a phrase, cut the way the tokenizer cuts running text. */
function phraseKeys(s: string, lang: Lang): string[] {
  return keysOf(s, lang).map(foldKey);
}

/** An acronym ("EI", "M23") or a short mixed-case form ("LeT", "FAMa") only matches as written. */
function exactForm(alias: string, keys: readonly string[]): boolean {
  if (keys.length !== 1) return false;
  return !LOWER.test(alias) ? alias.length >= 2 : alias.length <= 5 && UPPER_AFTER_FIRST.test(alias);
}

function compileClasses(data: SharedLexicon): Map<string, ClassDef> {
  const out = new Map<string, ClassDef>();
  for (const [id, c] of Object.entries(data.classes)) {
    out.set(id, {
      id, kind: c.kind, template: c.template ?? null, name: c.name ?? null, inter: c.inter,
      refers: c.refers ? new Set(c.refers) : null, local: c.local ?? false, window: c.window ?? Infinity, backwardOnly: c.backwardOnly ?? false,
    });
  }
  return out;
}

/** The aliases a shared actor entry gives in one language (its "fr", "en"… list), if any. */
function ownAliases(a: object, lang: Lang): readonly string[] | undefined {
  const v = (a as Record<string, unknown>)[lang];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

function compileNamed(data: SharedLexicon, lang: Lang): Trie<NamedEntry> {
  const root = trie<NamedEntry>();
  for (const a of data.actors) {
    const actor: NamedActor = { name: a.name, inter: a.inter, type: a.type, kind: a.kind ?? 'named', country: a.country ?? null };
    const own = ownAliases(a, lang);
    for (const alias of [...a.aliases, ...(own ?? [])]) {
      const keys = phraseKeys(alias, lang);
      if (!keys.length) continue;
      const node = nodeFor(root, keys);
      const exact = exactForm(alias, keys);
      if (!node.value || node.value.actor !== actor) node.value = { actor, exact: exact ? new Set() : null };
      // any alias of the same path written in ordinary case lifts the constraint
      if (!exact) node.value.exact = null;
      else node.value.exact?.add(alias.replace(/’/g, "'"));
    }
  }
  return root;
}

function compileNouns(lex: LangLexicon, classes: Map<string, ClassDef>, lang: Lang): Trie<NounEntry> {
  const root = trie<NounEntry>();
  const add = (table: Record<string, string>, qualified: boolean) => {
    for (const [phrase, id] of Object.entries(table)) {
      const keys = phraseKeys(phrase, lang);
      if (keys.length) nodeFor(root, keys).value = { cls: classes.get(id) ?? null, qualified };
    }
  };
  add(lex.qualifiedNouns, true);
  add(lex.nouns, false);
  return root;
}

/** Role heads: a class ending in '?' needs the role to name a country or to be the bare head. */
function compileRoles(lex: LangLexicon, classes: Map<string, ClassDef>, lang: Lang): Trie<NounEntry> {
  const root = trie<NounEntry>();
  for (const [phrase, id] of Object.entries(lex.roles)) {
    const keys = phraseKeys(phrase, lang);
    const qualified = id.endsWith('?');
    if (keys.length) nodeFor(root, keys).value = { cls: classes.get(qualified ? id.slice(0, -1) : id) ?? null, qualified };
  }
  return root;
}

/** French plurals of a nationality adjective: malien → maliens, azerbaïdjanais stays. */
function frenchForms(form: string): string[] {
  return /[sx]$/u.test(form) ? [form] : [form, form + 's'];
}

function compileDemonyms(lex: LangLexicon, lang: Lang): Trie<CountryEntry> {
  const root = trie<CountryEntry>();
  // world-countries keys its demonyms by ISO 639-3 code (the language's language.json says which)
  const l3 = languageInfo(lang)?.iso639_3 ?? 'eng';
  // UN members first: where two countries share an adjective, the member state keeps it
  const ordered = [...countries()].sort((a, b) => Number(b.unMember ?? false) - Number(a.unMember ?? false));
  for (const c of ordered) {
    const d = c.demonyms?.[l3];
    if (!d) continue;
    for (const base of new Set([d.m, d.f])) {
      if (!base) continue;
      for (const form of l3 === 'fra' ? frenchForms(base) : [base]) {
        const node = nodeFor(root, phraseKeys(form, lang));
        if (!node.value) node.value = { country: c.cca2, caps: null };
      }
    }
  }
  for (const [form, country] of Object.entries(lex.demonyms)) {
    const caps = LOWER.test(form) ? null : form;
    nodeFor(root, phraseKeys(form, lang)).value = { country, caps };
  }
  return root;
}

function actorRules(lang: Lang): ActorRules {
  const hit = rulesCache.get(lang);
  if (hit) return hit;
  const l: Lang = lexiconLang(lang, 'actors');
  const data = shared();
  const lex = loadLexicon<LangLexicon>(l, 'actors');
  if (!lex) throw new Error(`vigie: no actors lexicon for ${l}`);
  const classes = compileClasses(data);
  // function words are compared unfolded: French "à" is not the verb "a"
  const set = (xs: readonly string[]) => new Set(xs.map((x) => x.toLowerCase().replace(/’/g, "'")));
  const rules: ActorRules = {
    lang: l,
    named: compileNamed(data, l),
    nouns: compileNouns(lex, classes, l),
    roles: compileRoles(lex, classes, l),
    demonyms: compileDemonyms(lex, l),
    demonymAfter: lex.demonymAfter,
    demonymBefore: lex.demonymBefore,
    modifiers: set(lex.modifiers),
    ofWords: set(lex.ofWords),
    inWords: set(lex.inWords),
    articles: set(lex.articles),
    possessives: set(lex.possessives),
    groupBefore: set([...lex.groupWordsBefore, ...lex.groupAdjectives]),
    groupAfter: set(lex.groupWordsAfter),
    locative: set(lex.locativePreps),
    former: set(lex.formerWords ?? []),
    classes,
  };
  rulesCache.set(lang, rules);
  return rules;
}

// ---------------------------------------------------------------------------------------------
// Country names

let regionNames: Intl.DisplayNames | null = null;
/** Names already asked for: Intl.DisplayNames is slow enough to matter once per candidate. */
const countryNameCache = new Map<string, string>();

/** English country name in ACLED's style for an ISO2 code ("Democratic Republic of Congo", "United States", "Ivory Coast"…; Intl.DisplayNames('en', {type:'region'}) with a few overrides). */
export function acledCountryName(iso2: string): string {
  const hit = countryNameCache.get(iso2);
  if (hit) return hit;
  const code = iso2.toUpperCase();
  let name = shared().countryNames[code];
  if (!name) {
    regionNames ??= new Intl.DisplayNames('en', { type: 'region' });
    try {
      name = regionNames.of(code) ?? code;
    } catch {
      name = code;
    }
  }
  countryNameCache.set(iso2, name);
  return name;
}

const STATE_KINDS = new Set<ActorKind>(['military', 'police', 'government']);

/** A template filled with a country: "of the Philippines" where ACLED writes the article, and a
 *  territory's state forces named after the state they belong to ("Police Forces of France"). */
function fill(template: string, iso2: string, kind: ActorKind): string {
  const data = shared();
  const code = STATE_KINDS.has(kind) ? data.sovereign?.[iso2] ?? iso2 : iso2;
  const name = acledCountryName(code);
  if (withThe.has(code) && template.includes('of {country}')) return template.replace('{country}', 'the ' + name);
  return template.replace('{country}', name);
}

/** An ACLED name template filled with a country, or without one ("Protesters"). */
export function fillActorTemplate(template: string, iso2: string | null, kind: ActorKind): string {
  return iso2 ? fill(template, iso2, kind) : bare(template);
}

/** "Military Forces of {country}" → "Military Forces"; "Protesters ({country})" → "Protesters". */
function bare(template: string): string {
  return template.replace(/\s*(?:of\s+)?\(?\{country\}\)?/u, '').trim();
}

// ---------------------------------------------------------------------------------------------
// One document

/** What the passes know about a candidate beyond the exported fields. */
interface Meta {
  cls: ClassDef | null;
  /** Type of the named actor ("jihadist", "un"…), for anaphora. */
  type: string | null;
  sentence: number;
}

/** A candidate and what the later passes need to know of it. */
type Got = { c: ActorCandidate; m: Meta };

interface Ctx {
  r: ActorRules;
  v: TokenView;
  ann: Readonly<Annotations>;
  /** Place index starting at each token, or -1; token one past each place's last token. */
  placeAt: Int32Array;
  placeEnd: Int32Array;
  /** Mention index covering each token, or -1. */
  mentionAt: Int32Array;
  /** Word ids of the folded keys (vocabulary.ts), what the tries are read with. */
  ids: Int32Array;
  cands: ActorCandidate[];
  meta: Meta[];
}

/** Index of the first token ending after `offset` (binary search over the sorted tokens). */
function tokenAt(v: TokenView, offset: number): number {
  let lo = 0;
  let hi = v.toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.toks[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Places and mentions indexed by token, so that the main pass asks "is there a place here?" in O(1). */
function indexSpans(v: TokenView, ann: Readonly<Annotations>): Pick<Ctx, 'placeAt' | 'placeEnd' | 'mentionAt'> {
  const n = v.toks.length;
  const placeAt = new Int32Array(n).fill(-1);
  const placeEnd = new Int32Array(ann.places.length);
  ann.places.forEach((p, k) => {
    const i = tokenAt(v, p.start);
    if (i < n && v.toks[i].start === p.start && placeAt[i] < 0) placeAt[i] = k;
    placeEnd[k] = tokenAt(v, p.end);
  });
  const mentionAt = new Int32Array(n).fill(-1);
  ann.mentions.forEach((m, k) => {
    for (let i = tokenAt(v, m.start); i < n && v.toks[i].start < m.end; i++) if (mentionAt[i] < 0) mentionAt[i] = k;
  });
  return { placeAt, placeEnd, mentionAt };
}

function mentionOf(ctx: Ctx, first: number, last: number): string | null {
  for (let i = first; i <= last; i++) if (ctx.mentionAt[i] >= 0) return ctx.ann.mentions[ctx.mentionAt[i]].id;
  return null;
}

/** The candidate object, always built with the same fields in the same order (one hidden class). */
function candidate(ctx: Ctx, first: number, last: number, kind: ActorKind, name: string | null, template: string | null,
  country: string | null, inter: number | null, rule: string, mention: string | null = mentionOf(ctx, first, last)): ActorCandidate {
  const start = ctx.v.toks[first].start;
  const end = ctx.v.toks[last].end;
  return {
    start, end, text: ctx.v.text.slice(start, end), firstToken: first, lastToken: last, mention,
    kind, name, template, country, inter, rule,
  };
}

/** A candidate for tokens first..last of a class, with the country the phrase gave (or none). */
function fromClass(ctx: Ctx, first: number, last: number, cls: ClassDef, country: string | null, rule: string): Got {
  const name = cls.name ?? (country && cls.template ? fill(cls.template, country, cls.kind) : null);
  const c = candidate(ctx, first, last, cls.kind, name, cls.template, country, cls.inter, rule);
  return { c, m: { cls, type: null, sentence: ctx.v.sent[first] } };
}

function fromNamed(ctx: Ctx, first: number, last: number, a: NamedActor, rule: string): Got {
  const c = candidate(ctx, first, last, a.kind, a.name, null, a.country, a.inter, rule);
  return { c, m: { cls: null, type: a.type, sentence: ctx.v.sent[first] } };
}

/** A named actor's alias at token i, written as the data requires, and not a piece of a person's name. */
function namedAt(ctx: Ctx, i: number, limit: number): { entry: NamedEntry; end: number } | null {
  const hit = longest(ctx.r.named, ctx.ids, i, limit);
  if (!hit) return null;
  const { exact } = hit.value;
  if (exact && !exact.has(ctx.v.words[i].replace(/’/g, "'"))) return null;
  const mk = ctx.mentionAt[i];
  if (mk >= 0) {
    // "Richard Wagner": the alias lies in the name part of a longer person mention
    const m = ctx.ann.mentions[mk];
    const inRole = m.roleSpan && ctx.v.toks[i].start >= m.roleSpan.start && ctx.v.toks[hit.end - 1].end <= m.roleSpan.end;
    const longer = m.start < ctx.v.toks[i].start || m.end > ctx.v.toks[hit.end - 1].end;
    if (m.type === 'PER' && longer && !inRole) return null;
  }
  if (elsewhere(ctx, hit.value.actor, hit.end, limit)) return null;
  return { entry: hit.value, end: hit.end };
}

/** "l'Armée de libération nationale de l'Ouganda": a name followed by another country than its
 *  actor's home is a namesake there, not that actor. */
function elsewhere(ctx: Ctx, a: NamedActor, j: number, limit: number): boolean {
  if (!a.country || j >= limit || !ctx.r.ofWords.has(ctx.v.keys[j])) return false;
  let k = j + 1;
  if (k < limit && ctx.r.articles.has(ctx.v.keys[k])) k++;
  const place = k < limit ? placeCountryAt(ctx, k) : null;
  return place !== null && place[0] !== a.country;
}

/** The country a place gives, when the place starts at token i: [country, end token]. */
function placeCountryAt(ctx: Ctx, i: number): [string, number] | null {
  const k = i < ctx.placeAt.length ? ctx.placeAt[i] : -1;
  if (k < 0) return null;
  const country = ctx.ann.places[k].country;
  return country ? [country, ctx.placeEnd[k]] : null;
}

/** A nationality adjective at token i, written as the data requires: [country, end token]. */
function demonymAt(ctx: Ctx, i: number, limit: number): [string, number] | null {
  const hit = longest(ctx.r.demonyms, ctx.ids, i, limit);
  if (!hit) return null;
  if (hit.value.caps && ctx.v.words[i] !== hit.value.caps) return null;
  return [hit.value.country, hit.end];
}

/** Records a candidate, first dropping earlier ones it swallows. */
function push(ctx: Ctx, got: Got): void {
  while (ctx.cands.length && ctx.cands[ctx.cands.length - 1].lastToken >= got.c.firstToken) {
    ctx.cands.pop();
    ctx.meta.pop();
  }
  ctx.cands.push(got.c);
  ctx.meta.push(got.m);
}

/** "le groupe jihadiste État islamique", "Taliban fighters", "the Islamic State group": group words join a named actor. */
function readNamed(ctx: Ctx, i: number, limit: number): Got | null {
  const hit = namedAt(ctx, i, limit);
  if (!hit) return null;
  const { v, r } = ctx;
  let first = i;
  const sentStart = v.sentFirst[v.sent[i]];
  while (first > sentStart && i - first < 3 && r.groupBefore.has(v.keys[first - 1])) first--;
  // an anaphor or generic noun already read over those words is swallowed, its article left out
  const prev = ctx.cands[ctx.cands.length - 1];
  if (prev && prev.lastToken >= first && prev.firstToken < first) first = prev.firstToken;
  while (first < i && r.articles.has(v.keys[first])) first++;
  let last = hit.end - 1;
  if (last + 1 < limit && r.groupAfter.has(v.keys[last + 1])) last++;
  const rule = first < i || last >= hit.end ? 'named-actor-alias+group-word' : 'named-actor-alias';
  return fromNamed(ctx, first, last, hit.entry.actor, rule);
}

/** After a noun: "de"/"of" + article? + a place (its country) or a named actor (the noun stands for
 *  it); "à"/"in" + a place too, except for armies ("des soldats au Mali" may be foreign troops). */
function readOf(ctx: Ctx, j: number, limit: number, cls: ClassDef): { country: string; end: number } | { named: NamedActor; end: number } | null {
  const { v, r } = ctx;
  if (j >= limit) return null;
  const of = r.ofWords.has(v.keys[j]);
  if (!of && !(r.inWords.has(v.keys[j]) && cls.kind !== 'military')) return null;
  let k = j + 1;
  if (k < limit && r.articles.has(v.keys[k])) k++;
  if (k >= limit) return null;
  const named = of ? namedAt(ctx, k, limit) : null;
  if (named) return { named: named.entry.actor, end: named.end };
  const place = placeCountryAt(ctx, k);
  if (place) return { country: place[0], end: place[1] };
  return null;
}

/** A nationality adjective after the noun, maybe past a modifier: "forces armées maliennes", "police nationale kényane". */
function readDemonymAfter(ctx: Ctx, j: number, limit: number): [string, number] | null {
  if (!ctx.r.demonymAfter) return null;
  for (let k = j, skipped = 0; k < limit && skipped <= 2; k++, skipped++) {
    const d = demonymAt(ctx, k, limit);
    if (d) return d;
    if (!ctx.r.modifiers.has(ctx.v.keys[k])) return null;
  }
  return null;
}

/** A generic noun at token i with whatever the words after it say of its country. */
function readNoun(ctx: Ctx, i: number, limit: number): Got | 'blocked' | null {
  const hit = longest(ctx.r.nouns, ctx.ids, i, limit);
  if (!hit) return null;
  const { cls, qualified } = hit.value;
  if (!cls) return 'blocked';
  // "l'ancien président malien" holds no office any more
  if (STATE_KINDS.has(cls.kind) && i > 0 && ctx.r.former.has(ctx.v.keys[i - 1])) return null;
  const base = `${cls.id}-noun`;
  const dem = readDemonymAfter(ctx, hit.end, limit);
  if (dem) return fromClass(ctx, i, dem[1] - 1, cls, dem[0], `${base}+demonym`);
  const of = readOf(ctx, hit.end, limit, cls);
  if (of && 'named' in of) return fromNamed(ctx, i, of.end - 1, of.named, `${base}+of-named`);
  if (of) return fromClass(ctx, i, of.end - 1, cls, of.country, `${base}+of-place`);
  if (qualified) return null;
  return fromClass(ctx, i, hit.end - 1, cls, null, base);
}

/** English order: "Indian police", "U.S. troops", "Mali's army", "Nairobi police". */
function readCountryBefore(ctx: Ctx, i: number, limit: number): Got | null {
  if (!ctx.r.demonymBefore) return null;
  const d = demonymAt(ctx, i, limit) ?? placeCountryAt(ctx, i);
  if (!d) return null;
  let j = d[1];
  if (j < limit && ctx.r.possessives.has(ctx.v.keys[j])) j++;
  // "Ethiopian federal forces": a modifier or two may stand between
  for (let skipped = 0; skipped < 2 && j < limit && ctx.r.modifiers.has(ctx.v.keys[j]) && !longest(ctx.r.nouns, ctx.ids, j, limit); skipped++) j++;
  if (j >= limit) return null;
  const hit = longest(ctx.r.nouns, ctx.ids, j, limit);
  const cls = hit?.value.cls;
  if (!hit || !cls) return null;
  if (STATE_KINDS.has(cls.kind) && i > 0 && ctx.r.former.has(ctx.v.keys[i - 1])) return null; // "former Malian president"
  // "French troops of Operation Barkhane": the named actor they belong to
  const of = readOf(ctx, hit.end, limit, cls);
  if (of && 'named' in of) return fromNamed(ctx, i, of.end - 1, of.named, `${cls.id}-noun+demonym-before+of-named`);
  return fromClass(ctx, i, hit.end - 1, cls, d[0], `${cls.id}-noun+demonym-before`);
}

/** The single pass over tokens: named actors first, then country + noun, then nouns. */
function scanTokens(ctx: Ctx): void {
  const { v } = ctx;
  const n = v.toks.length;
  for (let i = 0; i < n;) {
    const limit = v.sentEnd[v.sent[i]];
    const got = readNamed(ctx, i, limit) ?? readCountryBefore(ctx, i, limit);
    if (got) {
      push(ctx, got);
      i = got.c.lastToken + 1;
      continue;
    }
    const noun = readNoun(ctx, i, limit);
    if (noun === 'blocked') {
      i = (longest(ctx.r.nouns, ctx.ids, i, limit)?.end ?? i + 1);
    } else if (noun) {
      push(ctx, noun);
      i = noun.c.lastToken + 1;
    } else i++;
  }
}

// ---- persons

/** Tokens of a person's role: its span when the mentions stage kept it, else the mention's words. */
function roleTokens(ctx: Ctx, m: Mention): [number, number] {
  const s = m.roleSpan ?? m;
  return [tokenAt(ctx.v, s.start), tokenAt(ctx.v, s.end)];
}

/** A role's class and country: "ministre nigérien de la Défense" → government, NE; "président du club" → none. */
function readRole(ctx: Ctx, from: number, to: number): { cls: ClassDef; country: string | null } | null {
  let found: { entry: NounEntry; len: number } | null = null;
  let country: string | null = null;
  for (let i = from; i < to;) {
    if (ctx.r.former.has(ctx.v.keys[i])) return null; // "ancien vice-président"
    const d = demonymAt(ctx, i, to) ?? placeCountryAt(ctx, i);
    if (d) {
      country ??= d[0];
      i = Math.max(d[1], i + 1);
      continue;
    }
    const hit: { value: NounEntry; end: number } | null = found ? null : longest(ctx.r.roles, ctx.ids, i, to);
    if (hit) {
      if (!hit.value.cls) return null; // "secrétaire général": not the general
      found = { entry: hit.value, len: hit.end - i };
      i = hit.end;
    } else i++;
  }
  if (!found?.entry.cls) return null;
  if (found.entry.qualified && !country && found.len !== to - from) return null;
  return { cls: found.entry.cls, country };
}

/** Index of the first candidate ending at or after token t (candidates are sorted and disjoint). */
function firstEndingFrom(cands: readonly ActorCandidate[], t: number): number {
  return lowerBoundBy(cands, t, (c) => c.lastToken);
}

/** Merges new candidates (sorted, disjoint) into the list, dropping the old ones they overlap. */
function mergeIn(ctx: Ctx, added: readonly Got[]): void {
  if (!added.length) return;
  const cands: ActorCandidate[] = [];
  const meta: Meta[] = [];
  let a = 0;
  for (let k = 0; k < ctx.cands.length; k++) {
    const c = ctx.cands[k];
    while (a < added.length && added[a].c.firstToken <= c.firstToken) {
      cands.push(added[a].c);
      meta.push(added[a].m);
      a++;
    }
    const prev = cands.length ? cands[cands.length - 1] : null;
    const next = a < added.length ? added[a].c : null;
    if ((prev && prev.lastToken >= c.firstToken) || (next && next.firstToken <= c.lastToken)) continue;
    cands.push(c);
    meta.push(ctx.meta[k]);
  }
  for (; a < added.length; a++) {
    cands.push(added[a].c);
    meta.push(added[a].m);
  }
  ctx.cands = cands;
  ctx.meta = meta;
}

/** Kinds a person's role may name: every actor but another person or an anaphor. */
const ROLE_ACTOR = new Set<ActorKind>(['named', 'military', 'police', 'government', 'rebels', 'unidentified', 'protesters', 'rioters', 'civilians']);

/** Each person mention: the actor its role names, the office its role holds, or the person. */
function readPersons(ctx: Ctx): void {
  const byMention = new Map<string, Got>();
  const all: Got[] = [];
  for (const m of ctx.ann.mentions) {
    if (m.type !== 'PER') continue;
    const mf = tokenAt(ctx.v, m.start);
    const ml = tokenAt(ctx.v, m.end) - 1;
    if (mf > ml) continue;
    const [rf, re] = roleTokens(ctx, m);
    // the role joins the person's phrase when it stands next to the name ("le gouverneur de
    // Kidal, X"); a role read further away is only read
    const gap = re <= mf ? mf - re : rf > ml ? rf - ml - 1 : 0;
    // a role of a few words: a longer stretch read as a role is a clause, not a title
    const near = gap <= 3 && rf < re && re - rf <= 6 && ctx.v.sent[rf] === ctx.v.sent[mf];
    const got = near
      ? personActor(ctx, m, Math.min(mf, rf), Math.max(ml, re - 1), rf, re, byMention)
      : personActor(ctx, m, mf, ml, rf, re, byMention);
    byMention.set(m.id, got);
    all.push(got);
  }
  all.sort((x, y) => x.c.firstToken - y.c.firstToken);
  // of overlapping persons ("le président" inside the role of "le président russe Ivan
  // Petrov") the longer phrase wins
  const added: Got[] = [];
  for (const got of all) {
    const last = added[added.length - 1];
    if (!last || got.c.firstToken > last.c.lastToken) added.push(got);
    else if (got.c.lastToken - got.c.firstToken > last.c.lastToken - last.c.firstToken) added[added.length - 1] = got;
  }
  mergeIn(ctx, added);
}

/** The candidate of a person mention over tokens f..l, with the rule that says why. */
function personAt(ctx: Ctx, m: Mention, f: number, l: number, c: ActorCandidate, rule: string): ActorCandidate {
  return candidate(ctx, f, l, c.kind, c.name, c.template, c.country, c.inter, rule, m.id);
}

function personActor(ctx: Ctx, m: Mention, first: number, last: number, rf: number, re: number, byMention: Map<string, Got>): Got {
  const sentence = ctx.v.sent[first];
  // an actor phrase inside the role or the mention ("porte-parole des talibans", "Kenyan President")
  const ml = tokenAt(ctx.v, m.end) - 1;
  for (let k = firstEndingFrom(ctx.cands, first); k < ctx.cands.length && ctx.cands[k].firstToken <= last; k++) {
    const c = ctx.cands[k];
    if (!ROLE_ACTOR.has(c.kind)) continue;
    // the whole mention is an actor's name ("Operation Barkhane" typed as a person): that actor
    if (c.firstToken <= tokenAt(ctx.v, m.start) && c.lastToken >= ml) {
      return { c: candidate(ctx, c.firstToken, c.lastToken, c.kind, c.name, c.template, c.country, c.inter, c.rule, c.mention ?? m.id), m: ctx.meta[k] };
    }
    // a noun ending the name itself is a surname ("Claire Gendarme"), not a role before the name
    const inRole = c.firstToken >= rf && c.lastToken < re && (m.roleSpan || c.lastToken < ml);
    const outside = c.lastToken < tokenAt(ctx.v, m.start) || c.firstToken > ml || c.lastToken > ml;
    if (!inRole && !outside) continue;
    const f = Math.min(first, c.firstToken);
    const l = Math.max(last, c.lastToken);
    return { c: personAt(ctx, m, f, l, c, `person-role+${c.rule}`), m: { ...ctx.meta[k], sentence } };
  }
  const role = m.role ? readRole(ctx, rf, re) : null;
  if (role) {
    const got = fromClass(ctx, first, last, role.cls, role.country, 'person-role');
    got.c.mention = m.id;
    return got;
  }
  // "M. Traoré" after "le président malien Amadou Traoré": the alias keeps what the full form was
  const target = m.aliasOf ? byMention.get(m.aliasOf) : undefined;
  const f = tokenAt(ctx.v, m.start);
  const l = tokenAt(ctx.v, m.end) - 1;
  if (target) return { c: personAt(ctx, m, f, l, target.c, target.c.kind === 'person' ? 'person' : 'person-alias'), m: { ...target.m, sentence } };
  const c = candidate(ctx, f, l, 'person', m.canonical ?? m.text, null, null, null, 'person', m.id);
  return { c, m: { cls: null, type: null, sentence } };
}

// ---- places

/** A place no actor phrase covers: a metonym ("Kaboul a annoncé") or a country named outside a locative phrase. */
function readPlaces(ctx: Ctx, government: ClassDef): void {
  const added: Got[] = [];
  ctx.ann.places.forEach((p: Place, k) => {
    if (!p.country) return;
    const f = tokenAt(ctx.v, p.start);
    const l = ctx.placeEnd[k] - 1;
    // a place inside a longer word ("Pro-Russian", "anti-français") is no actor of its own
    if (f > l || ctx.v.toks[f].start !== p.start) return;
    const near = firstEndingFrom(ctx.cands, f);
    if (near < ctx.cands.length && ctx.cands[near].firstToken <= l) return;
    let rule: string;
    if (p.metonym) rule = demonymAt(ctx, f, l + 1)?.[1] === l + 1 ? 'demonym' : 'place-metonym';
    else if (p.featureCode?.startsWith('PCL')) {
      let j = f - 1;
      while (j >= 0 && ctx.r.articles.has(ctx.v.keys[j])) j--;
      if (j >= 0 && ctx.r.locative.has(ctx.v.keys[j])) return;
      rule = 'country-name';
    } else return;
    added.push(fromClass(ctx, f, l, government, p.country, rule));
  });
  added.sort((x, y) => x.c.firstToken - y.c.firstToken);
  mergeIn(ctx, added.filter((g, i) => i === 0 || g.c.firstToken > added[i - 1].c.lastToken));
}

// ---- anaphora

/** Copies what an antecedent says of the actor onto a candidate that keeps its own words. */
function resolveTo(ctx: Ctx, k: number, a: number): void {
  const c = ctx.cands[k];
  const ant = ctx.cands[a];
  ctx.cands[k] = candidate(ctx, c.firstToken, c.lastToken, ant.kind, ant.name, ant.template, ant.country, ant.inter, `${c.rule}+anaphora`, c.mention);
  ctx.meta[k] = { ...ctx.meta[k], type: ctx.meta[a].type };
}

function refersTo(ctx: Ctx, k: number, a: number, cls: ClassDef): boolean {
  const c = ctx.cands[k];
  const ant = ctx.cands[a];
  if (ctx.meta[k].sentence - ctx.meta[a].sentence > cls.window) return false;
  if (cls.refers?.has('*')) return ant.kind !== 'anaphor' && !(ant.lastToken >= c.firstToken && ant.firstToken <= c.lastToken);
  const type = ctx.meta[a].type;
  if (!type || !cls.refers?.has(type) || ant.name === null) return false;
  return !c.country || !ant.country || c.country === ant.country;
}

/** "les insurgés" → the nearest named group of a type the noun may stand for, before it, else after it. */
function resolveAnaphora(ctx: Ctx): void {
  for (let k = 0; k < ctx.cands.length; k++) {
    const cls = ctx.meta[k].cls;
    const c = ctx.cands[k];
    if (!cls || c.rule.startsWith('person')) continue;
    if (cls.refers) {
      let a = -1;
      for (let j = k - 1; j >= 0 && a < 0; j--) if (refersTo(ctx, k, j, cls)) a = j;
      // a group named later stands for the noun only close by ("les jihadistes … , a revendiqué le JNIM")
      if (a < 0 && !cls.backwardOnly) {
        for (let j = k + 1; j < ctx.cands.length && a < 0 && ctx.meta[j].sentence - ctx.meta[k].sentence <= 1; j++) {
          if (refersTo(ctx, k, j, cls)) a = j;
        }
      }
      if (a >= 0) resolveTo(ctx, k, a);
    } else if (!c.country && !cls.local && STATE_KINDS.has(c.kind)) {
      // "les soldats" after "l'armée malienne": the same force, within two sentences
      for (let j = k - 1; j >= 0; j--) {
        if (ctx.meta[k].sentence - ctx.meta[j].sentence > 2) break;
        const ant = ctx.cands[j];
        if (ant.kind === c.kind && ant.country && ant.name) {
          resolveTo(ctx, k, j);
          break;
        }
      }
    }
  }
}

/** Every actor phrase of the document, in text order, anaphors resolved to the actor they stand for where possible (the candidate keeps its own span but takes the antecedent's name/inter/kind, rule name suffixed "+anaphora"). */
export function findActorCandidates(doc: ResolvedDocument, ann: Readonly<Annotations>, view?: TokenView): ActorCandidate[] {
  const r = actorRules(doc.lang);
  // the events stage passes the token view it built, so the document is not read twice
  const v = view ?? buildView(doc.text, doc.lang, ann);
  if (!v.toks.length) return [];
  const ctx: Ctx = { r, v, ann, ...indexSpans(v, ann), ids: foldIds(v), cands: [], meta: [] };
  scanTokens(ctx);
  readPersons(ctx);
  const government = r.classes.get('government');
  if (government) readPlaces(ctx, government);
  resolveAnaphora(ctx);
  return ctx.cands;
}

/** The EventActor for a candidate; countryHint (ISO2, usually the event place's country) fills a template when the phrase gave no country; without any country the template falls back to a country-less form ("Protesters", "Unidentified Armed Group", "Military Forces"). start/end/text of the EventActor = the candidate's span. */
export function toEventActor(c: ActorCandidate, countryHint: string | null): EventActor {
  const where = { mention: c.mention, start: c.start, end: c.end, text: c.text };
  if (c.name) return { name: c.name, inter: c.inter, ...where };
  if (c.template) {
    const country = c.country ?? countryHint;
    return { name: country ? fill(c.template, country.toUpperCase(), c.kind) : bare(c.template), inter: c.inter, ...where };
  }
  return { name: c.text, inter: c.inter, ...where };
}
