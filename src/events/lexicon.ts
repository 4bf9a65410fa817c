// A language's event knowledge, compiled once: the trigger and refiner entries of
// src/lexicons/<lang>/events.json and the surrounding grammar of event-words.json (modality,
// voice, argument prepositions, casualty figures), each list turned into a PatternIndex.
import { z } from 'zod';
import { loadLexicon } from '../lexicons/load.js';
import { parsePattern, patternKey, PatternIndex } from './patterns.js';

/** ACLED's taxonomy (src/lexicons/acled.json): sub-event type keys → [event type, sub-event type]. */
const TaxonomySchema = z.object({
  subEventTypes: z.record(z.object({ eventType: z.string(), subEventType: z.string() })),
  disorderTypes: z.record(z.string()),
});
export type AcledTaxonomy = z.infer<typeof TaxonomySchema>;

let taxonomy: AcledTaxonomy | null = null;

export function acledTaxonomy(): AcledTaxonomy {
  if (!taxonomy) taxonomy = parseFile(TaxonomySchema, loadLexicon<unknown>('.', 'acled'), 'acled.json');
  return taxonomy;
}

/** ACLED's event type and sub-event type named by a taxonomy key. */
export function acledOf(key: string | null | undefined): { eventType: string; subEventType: string } | null {
  if (!key) return null;
  const t = acledTaxonomy().subEventTypes[key];
  return t ? { eventType: t.eventType, subEventType: t.subEventType } : null;
}

/** The taxonomy key of an ACLED type pair, or null. */
let keysByType: Map<string, Map<string, string>> | null = null;

export function acledKeyOf(acled: { eventType: string; subEventType: string } | null): string | null {
  if (!acled) return null;
  if (!keysByType) {
    keysByType = new Map();
    for (const [k, t] of Object.entries(acledTaxonomy().subEventTypes)) {
      const sub = keysByType.get(t.eventType) ?? new Map<string, string>();
      keysByType.set(t.eventType, sub.set(t.subEventType, k));
    }
  }
  return keysByType.get(acled.eventType)?.get(acled.subEventType) ?? null;
}

/** A sub-event type key of the taxonomy ("remote-explosive"), checked when the lexicon loads. */
const AcledKey = z.string().refine((k) => k in acledTaxonomy().subEventTypes, (k) => ({ message: `unknown ACLED sub-event type key "${k}" (see src/lexicons/acled.json)` }));

const TriggerEntrySchema = z.object({
  name: z.string().min(1),
  example: z.string().min(1),
  acled: AcledKey.nullable(),
  plover: z.string().min(1),
  mode: z.string().nullable().optional(),
  pos: z.enum(['noun', 'verb']).default('noun'),
  patterns: z.array(z.string().min(1)).min(1),
  exclude: z.array(z.string()).optional(),
  casualty: z.boolean().optional(),
  weak: z.boolean().optional(),
});
export type TriggerEntry = z.infer<typeof TriggerEntrySchema>;

const RefinerEntrySchema = z.object({
  name: z.string().min(1),
  example: z.string().min(1),
  from: z.array(z.string()).min(1),
  context: z.array(z.string().min(1)).min(1),
  window: z.number().int().positive().default(8),
  acled: AcledKey.nullable().optional(),
  plover: z.string().optional(),
  mode: z.string().nullable().optional(),
  /** The modality of the retyped event: a stated intent, demand or refusal is itself asserted. */
  modality: z.enum(['asserted', 'negated', 'planned', 'hypothetical', 'denied']).optional(),
});
export type RefinerEntry = z.infer<typeof RefinerEntrySchema>;

const EventsFileSchema = z.object({
  triggers: z.array(TriggerEntrySchema),
  refiners: z.array(RefinerEntrySchema).default([]),
});

const list = z.array(z.string());
const WordsFileSchema = z.object({
  negators: list, negationWindow: z.number().int(), negationBound: list, denial: list, planned: list, hypothetical: list,
  futureSuffixes: list, futureSuffixMinLength: z.number().int(),
  passiveAuxiliaries: list, stativeAuxiliaries: list, reflexives: list, agentMarkers: list,
  agentOfNoun: list, targetMarkers: list, partiesMarkers: list, partiesJoin: list,
  opposition: list, oppositionSecond: list, distinct: list, background: list, anaphoric: list, pastReference: list, counterpartMarkers: list, partOf: list, complementMarkers: list, clauseOpeners: list, definite: list, relativeMarkers: list, causeMarkers: list, prepositions: list, pluperfectAuxiliaries: list, locativePrepositions: list,
  figurativeAfter: list, figurativeBefore: list, sport: list, sportThreshold: z.number().int(),
  clauseBreaks: list, numbers: z.record(z.number()), numberScales: z.record(z.number()),
  lowerBound: list, approximate: list, rangeJoin: list, countJoin: list,
  deathWords: list, deathAfterNumber: list, deathBeforeNumber: list, victimNouns: list,
  injuryWords: list, noCasualties: list, tagNouns: list,
});
type WordsFile = z.infer<typeof WordsFileSchema>;

/** A multi-word number ("une dizaine", "a dozen") or one word, with its value. */
export interface NumberWord {
  value: number;
}

export interface EventLexicon {
  lang: string;
  triggers: PatternIndex<TriggerEntry>;
  excluded: Map<TriggerEntry, Set<string>>;
  refiners: { entry: RefinerEntry; context: PatternIndex<RefinerEntry> }[];
  negators: Set<string>;
  negationWindow: number;
  /** Words a negator binds to instead of the verb ("pas moins de", "not only"). */
  negationBound: Set<string>;
  denial: PatternIndex<string>;
  planned: PatternIndex<string>;
  hypothetical: PatternIndex<string>;
  futureSuffixes: string[];
  futureSuffixMinLength: number;
  passiveAuxiliaries: Set<string>;
  stativeAuxiliaries: Set<string>;
  reflexives: Set<string>;
  agentMarkers: PatternIndex<string>;
  agentOfNoun: PatternIndex<string>;
  targetMarkers: PatternIndex<string>;
  partiesMarkers: PatternIndex<string>;
  partiesJoin: Set<string>;
  opposition: PatternIndex<string>;
  oppositionSecond: Set<string>;
  distinct: PatternIndex<string>;
  /** "un accrochage avec X", "clashed with X": the other side. */
  counterpartMarkers: PatternIndex<string>;
  /** "avait accusé", "had attacked": told as earlier than the news, on an unknown day. */
  pluperfectAuxiliaries: Set<string>;
  /** "ouvert le feu au poste de X": a place phrase, after which no direct object follows. */
  locativePrepositions: Set<string>;
  /** Prepositions: an actor phrase after one is no subject ("à des rebelles", "with the army"). */
  prepositions: Set<string>;
  /** "…, who had taken them hostage": a happening told in a relative clause is not the sentence's main one. */
  relativeMarkers: Set<string>;
  /** "following the shooting", "après l'attaque": the cause of another happening, told in passing. */
  causeMarkers: PatternIndex<string>;
  /** "agreed to cooperate", "décidé de frapper": a verb trigger governed by another verb. */
  complementMarkers: Set<string>;
  /** "12 morts, dont 5 civils": a figure that is part of another, not added to it. */
  partOf: PatternIndex<string>;
  /** "ce raid", "this attack": the words name a happening told before. */
  anaphoric: Set<string>;
  /** Definite articles: "l'attaque" without a date of its own takes up the attack told before. */
  definite: Set<string>;
  /** "un récent attentat", "a previous attack": background, coded only with its own date. */
  pastReference: Set<string>;
  background: PatternIndex<string>;
  figurativeAfter: PatternIndex<string>;
  figurativeBefore: PatternIndex<string>;
  sport: PatternIndex<string>;
  sportThreshold: number;
  clauseBreaks: Set<string>;
  /** "alors que", "while": words opening another clause, whose places and times are its own. */
  clauseOpeners: PatternIndex<string>;
  numbers: PatternIndex<NumberWord>;
  numberScales: Map<string, number>;
  lowerBound: PatternIndex<string>;
  approximate: PatternIndex<string>;
  rangeJoin: Set<string>;
  countJoin: Set<string>;
  deathAfterNumber: PatternIndex<string>;
  deathBeforeNumber: PatternIndex<string>;
  victimNouns: PatternIndex<string>;
  injuryWords: PatternIndex<string>;
  noCasualties: PatternIndex<string>;
  tagNouns: PatternIndex<string>;
}

function index(words: readonly string[]): PatternIndex<string> {
  return new PatternIndex(words.map((w, i) => parsePattern(w, w, i)));
}

const keySet = (words: readonly string[]) => new Set(words.map(patternKey));

function compileTriggers(entries: readonly TriggerEntry[]): PatternIndex<TriggerEntry> {
  const patterns = [];
  let order = 0;
  for (const e of entries) for (const p of e.patterns) patterns.push(parsePattern(p, e, order++));
  return new PatternIndex(patterns);
}

function compileWords(w: WordsFile): Omit<EventLexicon, 'lang' | 'triggers' | 'excluded' | 'refiners'> {
  return {
    negators: keySet(w.negators), negationWindow: w.negationWindow, negationBound: keySet(w.negationBound),
    denial: index(w.denial), planned: index(w.planned), hypothetical: index(w.hypothetical),
    futureSuffixes: w.futureSuffixes, futureSuffixMinLength: w.futureSuffixMinLength,
    passiveAuxiliaries: keySet(w.passiveAuxiliaries), stativeAuxiliaries: keySet(w.stativeAuxiliaries),
    reflexives: keySet(w.reflexives), agentMarkers: index(w.agentMarkers), agentOfNoun: index(w.agentOfNoun),
    targetMarkers: index(w.targetMarkers), partiesMarkers: index(w.partiesMarkers), partiesJoin: keySet(w.partiesJoin),
    opposition: index(w.opposition), oppositionSecond: keySet(w.oppositionSecond),
    distinct: index(w.distinct), background: index(w.background),
    anaphoric: keySet(w.anaphoric), pastReference: keySet(w.pastReference), definite: keySet(w.definite),
    counterpartMarkers: index(w.counterpartMarkers), partOf: index(w.partOf), complementMarkers: keySet(w.complementMarkers), relativeMarkers: keySet(w.relativeMarkers), prepositions: keySet(w.prepositions), locativePrepositions: keySet(w.locativePrepositions), pluperfectAuxiliaries: keySet(w.pluperfectAuxiliaries), causeMarkers: index(w.causeMarkers),
    figurativeAfter: index(w.figurativeAfter), figurativeBefore: index(w.figurativeBefore),
    sport: index(w.sport), sportThreshold: w.sportThreshold, clauseBreaks: new Set(w.clauseBreaks), clauseOpeners: index(w.clauseOpeners),
    numbers: new PatternIndex(Object.entries(w.numbers).map(([k, v], i) => parsePattern(k, { value: v }, i))),
    numberScales: new Map(Object.entries(w.numberScales).map(([k, v]) => [patternKey(k), v])),
    lowerBound: index(w.lowerBound), approximate: index(w.approximate),
    rangeJoin: keySet(w.rangeJoin), countJoin: keySet(w.countJoin),
    deathAfterNumber: index(w.deathAfterNumber), deathBeforeNumber: index(w.deathBeforeNumber),
    victimNouns: index(w.victimNouns), injuryWords: index(w.injuryWords),
    noCasualties: index(w.noCasualties), tagNouns: index(w.tagNouns),
  };
}

const cache = new Map<string, EventLexicon | null>();

/** The compiled event lexicon of a language, or null when the language has none. */
export function eventLexicon(lang: string): EventLexicon | null {
  if (cache.has(lang)) return cache.get(lang)!;
  const rawEvents = loadLexicon<unknown>(lang, 'events');
  const rawWords = loadLexicon<unknown>(lang, 'event-words');
  let lex: EventLexicon | null = null;
  if (rawEvents && rawWords) {
    const events = parseFile(EventsFileSchema, rawEvents, `${lang}/events.json`);
    const words = parseFile(WordsFileSchema, rawWords, `${lang}/event-words.json`);
    lex = {
      lang,
      triggers: compileTriggers(events.triggers),
      excluded: new Map(events.triggers.filter((e) => e.exclude?.length).map((e) => [e, keySet(e.exclude ?? [])])),
      refiners: events.refiners.map((r) => ({
        entry: r,
        context: new PatternIndex(r.context.map((c, i) => parsePattern(c, r, i))),
      })),
      ...compileWords(words),
    };
  }
  cache.set(lang, lex);
  return lex;
}

function parseFile<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, raw: unknown, name: string): T {
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`src/lexicons/${name}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return r.data;
}
