// Shared vocabulary of Vigie: the document that flows through the pipeline and the stand-off
// annotations the stages add over its (never modified) text. Offsets are UTF-16 code-unit
// offsets into Document.text, [start, end).
//
// The field names of the exported record types are the output contract of
// `vigie extract --format jsonl` (see DESIGN.md); evaluation and users' code read them.

/**
 * A language Vigie reads: the code of a folder of lexicons holding a language.json ('fr', 'en',
 * or one added, see src/lexicons/load.ts and docs/adding-a-language.md), or 'other' for a text
 * in none of them. A string, not a closed union, so that a language is added by data alone.
 */
export type Lang = string;

export interface Document {
  id: string;
  text: string;
  /** Language given by the caller; when absent the language stage decides. */
  lang?: string | null;
  /** Dateline / publication date, YYYY-MM-DD (or a full ISO timestamp). */
  published?: string | null;
  /** Outlet (AFP, Reuters…). */
  source?: string | null;
  url?: string | null;
  title?: string | null;
  /** Author(s) as the page or feed names them. */
  byline?: string | null;
  /** The dateline opening the text ("KABOUL, 7 juillet 2021 (AFP) -"), when one was read. */
  dateline?: Dateline | null;
  /** Where `published` came from: the source's metadata (document field, feed item, page),
   *  the dateline in the text, the batch's --published, or nowhere ('unknown'). */
  publishedFrom?: PublishedFrom;
}

export type PublishedFrom = 'source' | 'dateline' | 'batch' | 'unknown';

/**
 * The dateline of a dispatch, with offsets into its text. `date.yearFrom` says whether the year
 * was written ('text'), taken from the source or the batch ('context'), or guessed as the
 * current year ('current': to be checked).
 */
export interface Dateline extends TextSpan {
  place: TextSpan;
  outlet: (TextSpan & { name: string }) | null;
  date: (TextSpan & { value: string; yearFrom: 'text' | 'context' | 'current' }) | null;
  /** The rule that read it (src/sources/dateline.ts). */
  rule: string;
}

export interface Span {
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  text: string;
}

export interface LanguageGuess {
  lang: Lang;
  confidence: number;
  /** 'given' when the caller fixed it (--lang), 'detected' otherwise. */
  method: 'given' | 'detected';
}

export type TokenKind = 'word' | 'number' | 'punct' | 'symbol' | 'abbrev' | 'clitic';

export interface Token extends Span {
  kind: TokenKind;
}

export type MentionType = 'PER' | 'ORG' | 'LOC' | 'NORP' | 'MISC';

export interface Mention extends TextSpan {
  id: string;
  type: MentionType;
  canonical: string | null;
  role: string | null;
  /** Where the role was read, when it was read from this document. */
  roleSpan?: Span | null;
  /** The mention this one is an alias of (same entity, fuller form). */
  aliasOf?: string | null;
  /** Names of the rules that made it: the matcher that found it first ("capitalised-run",
   *  "known-organisation"…), then the rules that typed, extended or aliased it. */
  rules?: string[];
}

export type QuoteKind = 'direct' | 'indirect' | 'according_to';

export interface QuoteSpeaker extends TextSpan {
  mention: string | null;
}

export interface Quote extends Span {
  id: string;
  kind: QuoteKind;
  content: Span;
  speaker: QuoteSpeaker | null;
  cue: (Span & { lemma: string }) | null;
  channel: string | null;
  addressee: string | null;
  /** Names of the rules that made it: the configuration that read the statement first
   *  ("content-then-cue", "according-to"…), then the refiners that changed it, then the rule that
   *  found the speaker ("inverted-subject", "pronoun-last-person"…). */
  rules?: string[];
}

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type TimePrecision = 'time' | 'partofday' | 'day' | 'week' | 'month' | 'quarter' | 'season' | 'year' | 'decade' | 'century' | 'duration' | 'set' | 'ref';

export interface TimeExpr extends TextSpan {
  id: string;
  type: TimexType;
  value: string;
  precision: TimePrecision;
  /** The date the value was resolved against (the dateline, usually), or null if absolute. */
  anchor: string | null;
  /** Names of the rules that made it: the grammar rule (or "chrono") first, then the refiners
   *  that changed it. */
  rules?: string[];
}

export interface Place extends TextSpan {
  id: string;
  geonameId: number | null;
  name: string;
  lat: number | null;
  lon: number | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  featureCode: string | null;
  /** ACLED geo_precision: 1 the town itself, 2 near a town / part of a region, 3 province or larger. */
  geoPrecision: 1 | 2 | 3;
  /** "le gouvernement de Kaboul", "Washington a annoncé": a place name standing for an institution. */
  metonym?: boolean;
  /** Names of the rules that found and placed it ("gazetteer-match", "cue-admin1", "context-locality"…). */
  rules?: string[];
}

export type Modality = 'asserted' | 'negated' | 'planned' | 'hypothetical' | 'denied' | 'reported';

export interface EventActor {
  /** ACLED-style actor name: "Taliban", "Military Forces of Mali", "Civilians (Mali)". */
  name: string;
  /** ACLED inter code 1–8 (1 state forces, 2 rebels, 3 political militias, 4 identity militias,
   *  5 rioters, 6 protesters, 7 civilians, 8 external/other forces), null when unknown. */
  inter: number | null;
  /** The mention naming the actor in this document, when there is one. */
  mention: string | null;
  /** The words of the text the actor was read from. */
  start?: number;
  end?: number;
  text?: string;
}

/** Which field of an event some words of the text support. */
export type EventField =
  | 'trigger' | 'actor1' | 'actor2' | 'assocActor1' | 'assocActor2' | 'place' | 'date'
  | 'fatalities' | 'tag' | 'modality' | 'attribution';

export interface EventEvidence extends TextSpan {
  field: EventField;
}

export interface VEvent {
  id: string;
  /** The words stating the happening (the first of them when several mentions were merged). */
  trigger: TextSpan;
  acled: { eventType: string; subEventType: string } | null;
  plover: { type: string; mode: string | null };
  actor1: EventActor | null;
  actor2: EventActor | null;
  assocActor1: EventActor[];
  assocActor2: EventActor[];
  /** Place id (places[].id) where it happened, or null. */
  place: string | null;
  /** ACLED geo_precision of the event's location (1 town, 2 near / part of, 3 region), null without place. */
  geoPrecision: 1 | 2 | 3 | null;
  /** YYYY-MM-DD, YYYY-MM or YYYY (the precision the text gives). */
  date: string | null;
  /** ACLED time_precision: 1 day, 2 week or range, 3 month or vaguer. */
  timePrecision: 1 | 2 | 3 | null;
  /** Time expression (times[].id) the date was read from; null when the dateline was used. */
  time: string | null;
  /** Lowest figure the text asserts for the dead; 0 when it says nobody died; null when silent. */
  fatalities: number | null;
  /** Who claims the fatality figure when it is one side's claim (a speaker's words). */
  fatalitiesClaimedBy?: string | null;
  /** Other counts and notes ("about 200 prisoners escaped", "12 wounded"). */
  tags: string[];
  modality: Modality;
  /** Quote ids whose content holds the event; else the outlet (document source), else []. */
  attributedTo: string[];
  confidence: number;
  /** Every stretch of text behind a field, trigger first; several for merged mentions. */
  evidence: EventEvidence[];
  /** Names of the rules (triggers, argument rules, refiners) that made the event. */
  why: string[];
}

/** Every kind of annotation a pipeline run produces. Arrays are always present (maybe empty). */
export interface Annotations {
  language: LanguageGuess;
  sentences: Span[];
  tokens: Token[];
  mentions: Mention[];
  quotes: Quote[];
  times: TimeExpr[];
  places: Place[];
  events: VEvent[];
}

/** A document whose language and dateline have been settled, as stages see it. */
export interface ResolvedDocument extends Document {
  lang: Lang;
  published: string | null;
}

/** The record of `vigie extract --format jsonl`: one per document. */
export interface ExtractRecord {
  id: string;
  lang: Lang;
  published: string | null;
  source: string | null;
  /** The dateline read at the start of the text (optional: absent when none was read). */
  dateline?: Dateline;
  /** Where `published` came from (optional: absent when the caller did not say). */
  publishedFrom?: PublishedFrom;
  sentences: Span[];
  mentions: Mention[];
  quotes: Quote[];
  times: TimeExpr[];
  places: Place[];
  events: VEvent[];
}
