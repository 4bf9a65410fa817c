// Reporting cues compiled once per language from the cues and channels lexicons: every inflected
// form of a cue verb → its lemma (one Map), multiword cues and "according to" markers as token
// tries, auxiliaries, adverbs that may stand between a cue and its clause, subject pronouns with
// their gender, channel and addressee words.
import { lexiconLang, loadLexicon } from '../lexicons/load.js';
import { addEntry, keysOf, longestMatch, newNode, type Gender, type TrieNode } from '../entities/rules.js';
import type { Lang } from '../types.js';

interface CuesLexicon {
  verbs: Record<string, string[]>;
  multiword: Record<string, string>;
  auxiliaries: string[];
  adverbs: string[];
  complementizers: string[];
  according: Record<string, string>;
  sameSource: string[];
  pronouns: Record<string, Gender>;
  relatives: string[];
  speakerStop: string[];
  quoteOnly?: string[];
  adverbSuffix?: string;
  leadWords?: string[];
  objectAddressee?: string[];
  subordinators?: string[];
  coordinators?: string[];
  anonymity?: string[];
  passiveAuxiliaries?: string[];
  agentMarkers?: string[];
  adjunctPrepositions?: string[];
  clauseOpeners?: string[];
  nounForms?: string[];
  nounIntro?: string[];
  adjectiveSuffix?: string;
  quantifiers?: string[];
  presentParticipleSuffix?: string[];
  euphonicPrefix?: string;
  possessiveEndings?: string[];
  adjectivalParticipleSuffix?: string[];
  pastSuffix?: string[];
  pastTenseSuffix?: string[];
  pluralSuffix?: string[];
  sourcePronouns?: Record<string, Gender>;
  genderedArticles?: Record<string, Gender>;
  impersonalPronouns?: string[];
  quotedFragments?: boolean;
  evidenceVerbs?: string[];
  markersEndingOnSource?: string[];
  passiveBe?: string[];
  reflexives?: string[];
  adverbialOpeners?: string[];
  phrasalNotSpeech?: Record<string, string[]>;
  evidenceNouns?: string[];
  objectNotSpeech?: string[];
  infinitiveSuffix?: string[];
  infinitiveLinks?: string[];
  infinitiveMarkers?: string[];
  negations?: string[];
  sameSourceLemma?: string;
  openingOnlyMarkers?: string[];
  markersInsideClause?: string[];
}
interface SpeakersLexicon {
  nouns: string[];
}
interface ChannelsLexicon {
  channels: Record<string, string>;
  channelIntro: string[];
  addresseeIntro: string[];
  addressees: Record<string, string>;
  channelLinks?: string[];
  addresseeLinks?: string[];
  channelAdjective?: { minLength: number; notEnding: string[] };
  channelSources?: string[];
}

export interface CueRules {
  lang: Lang;
  forms: Map<string, string>;
  multi: TrieNode;
  aux: Set<string>;
  adverbs: TrieNode;
  comp: Set<string>;
  according: TrieNode;
  sameSource: TrieNode;
  pronouns: Map<string, Gender>;
  relatives: Set<string>;
  speakerStop: Set<string>;
  quoteOnly: Set<string>;
  /** Adverbs by their ending ('-ly', '-ment') that may stand between subject and cue. */
  adverbSuffix: RegExp;
  /** Conjunctions and adverbs that may open a sentence before 'selon X' without being content. */
  leadWords: Set<string>;
  /** Cues whose object is the addressee ('told Reuters that'). */
  objectAddressee: Set<string>;
  /** Words opening a subordinate clause, never part of a speaker ('While', 'Lorsque'). */
  subordinators: Set<string>;
  /** Conjunctions joining a second verb to the same subject ('… and said'). */
  coordinators: Set<string>;
  /** Phrases of a source's anonymity ('a requis l'anonymat'): never the content of a statement. */
  anonymity: TrieNode;
  /** 'was', 'été': before a cue participle with an agent ('was denied by X'), a passive statement. */
  passiveAux: Set<string>;
  /** Forms of 'be' that make a cue participle passive inside the cue ("sont accusés"), and the reflexive pronouns that do not ("s'est dit"). */
  passiveBe: Set<string>;
  reflexives: Set<string>;
  /** 'by', 'par': introduces the agent of a passive cue. */
  agentMarkers: Set<string>;
  /** Prepositions of a short time or place phrase between a subject and its cue ('officials in May said'). */
  adjunctPreps: Set<string>;
  /** Words opening a subordinate clause that ends at its comma ('When he wrote his book, …'). */
  clauseOpeners: Set<string>;
  /** Cue forms that are also nouns ('calls', 'question'). */
  nounForms: Set<string>;
  /** Words after which such a form is a noun ('of', 'many', 'upcoming'). */
  nounIntro: Set<string>;
  /** Adjective endings: 'the most basic question' is a noun phrase. */
  adjectiveSuffix: RegExp;
  /** Quantifiers standing as subjects ('some note that …'). */
  quantifiers: Set<string>;
  /** Endings of a present participle ('-ant', '-ing'): it continues an earlier statement. */
  presentParticiple: readonly string[];
  /** Written before an inverted pronoun ('t-' in "a-t-il"), or ''. */
  euphonicPrefix: string;
  /** "the council's plans": a cue form after a possessive is a noun. */
  possessiveEndings: readonly string[];
  /** A bare past participle so ending, without an auxiliary, is an adjective ("un village appelé X"). */
  adjectivalParticiple: readonly string[];
  /** Endings of past participles ('-ed', '-é'): they end a subject phrase. */
  pastSuffix: readonly string[];
  /** A lower-case word so ending makes a stretch a clause, not a subject ('restricted'). */
  pastTense: readonly string[];
  /** "selon lui", "according to him": pronouns standing for a source after its marker. */
  sourcePronouns: Map<string, Gender>;
  /** An article right before a name or noun gives its gender ("la ministre X", "le ministère"). */
  genderedArticles: Map<string, Gender>;
  /** "on", "a-t-on": pronouns standing for nobody in particular. */
  impersonal: Set<string>;
  /** Head nouns of descriptions naming a source ("une source", "the spokesman"). */
  speakerNouns: Set<string>;
  /** Quotations inside the writer's sentence are the sentence speaker's words (quotes/fragments.ts). */
  quotedFragments: boolean;
  /** Prepositions opening a phrase of time, place or circumstance ('On the campaign trail, …'). */
  adverbialOpeners: Set<string>;
  /** A cue followed by one of its particles is another verb ('backed away'). */
  phrasalNotSpeech: Map<string, Set<string>>;
  /** Cues that report only when their object is evidence ('released figures'), and those objects. */
  evidenceVerbs: Set<string>;
  evidenceNouns: Set<string>;
  /** Cues whose noun-phrase object is an act, not words ("demander une rançon"). */
  objectNotSpeech: Set<string>;
  /** Endings of infinitives, and the words that link a request to one ("de rester"). */
  infinitiveSuffix: readonly string[];
  infinitiveLinks: Set<string>;
  /** Endings of plural nouns. */
  plural: readonly string[];
  /** 'to', 'pour': before a cue, an infinitive. */
  infinitiveMarkers: Set<string>;
  /** 'ne', 'not': between a subject and its cue or a form of 'be'. */
  negations: Set<string>;
  /** The cue lemma of a 'same source' marker. */
  sameSourceLemma: string;
  /** 'according' markers whose last word heads the source ("de sources locales"). */
  endsOnSource: Set<string>;
  /** 'according' markers standing only at a sentence's start, with a named source and a comma ("Pour X, …"). */
  openingOnly: Set<string>;
  /** 'according' markers that never close the clause before them ('pour', 'per'). */
  insideClause: Set<string>;
  channels: TrieNode;
  channelIntro: Set<string>;
  addresseeIntro: Set<string>;
  addressees: TrieNode;
  /** Words joining an intro to its channel ("lors d'une") or to its addressee ("auprès de"). */
  channelLinks: Set<string>;
  addresseeLinks: Set<string>;
  /** Words after a channel noun introducing who issued it ("un communiqué du ministère"). */
  channelSources: Set<string>;
  /** One lower-case adjective may follow a channel noun ("communiqué officiel"), or null. */
  channelAdjective: { minLength: number; notEnding: readonly string[] } | null;
}

/** `word` ends with one of `suffixes`. */
export function endsWithAny(word: string, suffixes: readonly string[]): boolean {
  for (const x of suffixes) if (word.endsWith(x)) return true;
  return false;
}

const cache = new Map<Lang, CueRules>();

function trie(entries: Iterable<[string, string]>, lang: Lang): TrieNode {
  const root = newNode();
  for (const [k, v] of entries) addEntry(root, keysOf(k, lang), { canonical: v, type: 'MISC', acronym: false });
  return root;
}

const low = (xs: string[] | undefined): Set<string> => new Set((xs ?? []).map((x) => x.toLowerCase().replace(/’/g, "'")));

type ChannelRules = Pick<CueRules, 'channels' | 'channelIntro' | 'addresseeIntro' | 'addressees' | 'channelLinks' | 'addresseeLinks' | 'channelAdjective' | 'channelSources'>;

function channelRules(ch: ChannelsLexicon | null, l: Lang): ChannelRules {
  return {
    channels: trie(Object.entries(ch?.channels ?? {}), l),
    channelIntro: low(ch?.channelIntro),
    addresseeIntro: low(ch?.addresseeIntro),
    addressees: trie(Object.entries(ch?.addressees ?? {}), l),
    channelLinks: low(ch?.channelLinks),
    addresseeLinks: low(ch?.addresseeLinks),
    channelAdjective: ch?.channelAdjective ?? null,
    channelSources: low(ch?.channelSources),
  };
}

export function cueRules(lang: Lang): CueRules {
  const hit = cache.get(lang);
  if (hit) return hit;
  const l = lexiconLang(lang, 'cues');
  const lex = loadLexicon<CuesLexicon>(l, 'cues');
  const forms = new Map<string, string>();
  for (const [lemma, fs] of Object.entries(lex?.verbs ?? {})) for (const f of fs) if (!forms.has(f)) forms.set(f, lemma);
  const rules: CueRules = {
    lang,
    forms,
    multi: trie(Object.entries(lex?.multiword ?? {}), l),
    aux: low(lex?.auxiliaries),
    adverbs: trie((lex?.adverbs ?? []).map((a) => [a, a] as [string, string]), l),
    comp: low(lex?.complementizers),
    according: trie(Object.entries(lex?.according ?? {}), l),
    sameSource: trie((lex?.sameSource ?? []).map((a) => [a, a] as [string, string]), l),
    pronouns: new Map(Object.entries(lex?.pronouns ?? {})),
    relatives: low(lex?.relatives),
    speakerStop: low(lex?.speakerStop),
    quoteOnly: new Set(lex?.quoteOnly ?? []),
    leadWords: low(lex?.leadWords),
    objectAddressee: new Set(lex?.objectAddressee ?? []),
    subordinators: low(lex?.subordinators),
    coordinators: low(lex?.coordinators),
    anonymity: trie((lex?.anonymity ?? []).map((a) => [a, a] as [string, string]), l),
    passiveAux: low(lex?.passiveAuxiliaries),
    agentMarkers: low(lex?.agentMarkers),
    adjunctPreps: low(lex?.adjunctPrepositions),
    clauseOpeners: low(lex?.clauseOpeners),
    nounForms: low(lex?.nounForms),
    quantifiers: low(lex?.quantifiers),
    nounIntro: low(lex?.nounIntro),
    // "at least n letters before the suffix" is "n letters right before it": written with {n}, the
    // unanchored regex tries each start in O(1) (with {n,} a long word cost the square of its length).
    adjectiveSuffix: lex?.adjectiveSuffix ? new RegExp(`\\p{L}{2}(?:${lex.adjectiveSuffix})$`, 'u') : /$^/u,
    adverbSuffix: lex?.adverbSuffix ? new RegExp(`\\p{L}{3}(?:${lex.adverbSuffix})$`, 'u') : /$^/u,
    presentParticiple: lex?.presentParticipleSuffix ?? [],
    euphonicPrefix: lex?.euphonicPrefix ?? '',
    possessiveEndings: lex?.possessiveEndings ?? [],
    adjectivalParticiple: lex?.adjectivalParticipleSuffix ?? [],
    pastSuffix: lex?.pastSuffix ?? [],
    pastTense: lex?.pastTenseSuffix ?? [],
    plural: lex?.pluralSuffix ?? [],
    sourcePronouns: new Map(Object.entries(lex?.sourcePronouns ?? {})),
    genderedArticles: new Map(Object.entries(lex?.genderedArticles ?? {})),
    impersonal: low(lex?.impersonalPronouns),
    quotedFragments: lex?.quotedFragments ?? false,
    objectNotSpeech: new Set(lex?.objectNotSpeech ?? []),
    evidenceVerbs: new Set(lex?.evidenceVerbs ?? []),
    endsOnSource: new Set(lex?.markersEndingOnSource ?? []),
    passiveBe: low(lex?.passiveBe),
    reflexives: low(lex?.reflexives),
    adverbialOpeners: low(lex?.adverbialOpeners),
    phrasalNotSpeech: new Map(Object.entries(lex?.phrasalNotSpeech ?? {}).map(([k, xs]) => [k, low(xs)])),
    evidenceNouns: low(lex?.evidenceNouns),
    infinitiveSuffix: lex?.infinitiveSuffix ?? [],
    infinitiveLinks: low(lex?.infinitiveLinks),
    speakerNouns: low(loadLexicon<SpeakersLexicon>(l, 'speakers')?.nouns),
    infinitiveMarkers: low(lex?.infinitiveMarkers),
    negations: low(lex?.negations),
    sameSourceLemma: lex?.sameSourceLemma ?? '',
    openingOnly: low(lex?.openingOnlyMarkers),
    insideClause: low(lex?.markersInsideClause),
    ...channelRules(loadLexicon<ChannelsLexicon>(l, 'channels'), l),
  };
  cache.set(lang, rules);
  return rules;
}

export interface CueMatch {
  /** First and one-past-last token of the cue (auxiliary and inverted pronoun included). */
  from: number;
  to: number;
  lemma: string;
  /** Token index of the inverted subject pronoun ("a-t-il", "said he"), or -1. */
  pronoun: number;
  /** Present participle continuing a previous statement ("précisant que", "adding that"). */
  participle: boolean;
}

/**
 * A cue verb starting at token i (its auxiliary first when there is one): "a déclaré",
 * "a-t-il ajouté", "ont fait savoir", "précise", "said", "has said". `clitic` tells a pronoun
 * written onto the word before it ("ont-ils").
 */
export function cueAt(keys: readonly string[], i: number, r: CueRules, limit: number, clitic?: (j: number) => boolean): CueMatch | null {
  // a cue opens on an auxiliary, a cue form or the first word of a multiword cue
  if (i >= limit || !r.aux.has(keys[i]) && !r.forms.has(keys[i]) && !r.multi.next.has(keys[i])) return null;
  let j = i;
  // auxiliary chain: "a", "a-t-il" (a + t-il clitic), "has also", "s'est"
  let sawAux = false;
  let pronoun = -1;
  while (j < limit && r.aux.has(keys[j]) && j - i < 3) {
    j++;
    sawAux = true;
    // (a pronoun written onto the auxiliary, "ont-ils", "a-t-elle", is its inverted subject)
    if (j < limit && r.pronouns.has(keys[j]) && (isEuphonic(keys[j], r) || clitic?.(j))) pronoun = j++;
  }
  if (j >= limit) return null;
  // "a-t-il aussitôt ajouté", "has also said": an adverb between auxiliary and participle
  if (sawAux && j + 1 < limit && !r.forms.has(keys[j]) && (longestMatch(r.adverbs, keys, j, j + 1) || r.adverbSuffix.test(keys[j])) && r.forms.has(keys[j + 1])) j++;
  const m = longestMatch(r.multi, keys, j, limit);
  let lemma: string | undefined;
  let end: number;
  if (m) {
    lemma = m.entry.canonical;
    end = j + m.len;
  } else {
    lemma = r.forms.get(keys[j]);
    end = j + 1;
  }
  if (!lemma) {
    // an auxiliary may carry the multiword itself ("a fait savoir" listed whole)
    if (sawAux) {
      const m2 = longestMatch(r.multi, keys, i, limit);
      if (m2) return { from: i, to: i + m2.len, lemma: m2.entry.canonical, pronoun, participle: false };
    }
    return null;
  }
  // inverted pronoun after a simple form: "précise-t-on", "dit-il", "said he"
  // (never after a participle: "saying he would go")
  if (end < limit && pronoun < 0 && !endsWithAny(keys[end - 1], r.presentParticiple) && (!sawAux || isEuphonic(keys[end], r)) && r.pronouns.has(keys[end]) && (isEuphonic(keys[end], r) || end + 1 >= limit || PUNCT_AFTER.has(keys[end + 1]))) {
    pronoun = end;
    end++;
  }
  const form = keys[end - 1 - (pronoun === end - 1 ? 1 : 0)];
  const participle = !sawAux && endsWithAny(form, r.presentParticiple);
  return { from: i, to: end, lemma, pronoun, participle };
}

/** "t-il": a pronoun written with the euphonic prefix, inverted after its verb. */
function isEuphonic(key: string, r: CueRules): boolean {
  return r.euphonicPrefix !== '' && key.startsWith(r.euphonicPrefix);
}

const PUNCT_AFTER = new Set(['.', ',', ';', '!', '?', ':', '»', '”', '"', ')']);
