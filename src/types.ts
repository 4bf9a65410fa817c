// Shared vocabulary of Vigie: the document that flows through the pipeline and the stand-off
// annotations the stages add over its (never modified) text. Offsets are UTF-16 code-unit
// offsets into Document.text, [start, end).
//
// The field names of the exported record types are the output contract of
// `vigie extract --format jsonl` (see DESIGN.md); evaluation and users' code read them.

export type Lang = 'fr' | 'en' | 'other';

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
}

export type Modality = 'asserted' | 'negated' | 'planned' | 'hypothetical' | 'denied' | 'reported';

export interface EventActor {
  name: string;
  inter: number | null;
  mention: string | null;
}

export interface VEvent {
  id: string;
  trigger: TextSpan;
  acled: { eventType: string; subEventType: string } | null;
  plover: { type: string; mode: string | null };
  actor1: EventActor | null;
  actor2: EventActor | null;
  place: string | null;
  date: string | null;
  timePrecision: 1 | 2 | 3 | null;
  fatalities: number | null;
  tags: string[];
  modality: Modality;
  attributedTo: string[];
  confidence: number;
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
  sentences: Span[];
  mentions: Mention[];
  quotes: Quote[];
  times: TimeExpr[];
  places: Place[];
  events: VEvent[];
}
