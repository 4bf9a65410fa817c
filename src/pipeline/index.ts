// The pipeline: language, then one stage per module in a fixed order. Each stage can be switched
// off by name (`skip`), which the benchmark and the evaluation use to measure a stage alone.
import type { Annotations, Document, ExtractRecord, ResolvedDocument } from '../types.js';
import { resolveLanguage } from './language.js';
import { sentencesStage, tokensStage } from './segment.js';
import type { Stage } from './stage.js';
import { mentionsStage } from './mentions.js';
import { quotesStage } from './quotes.js';
import { timesStage } from './times.js';
import { placesStage } from './places.js';
import { eventsStage } from './events.js';

export const STAGES: readonly Stage[] = [
  sentencesStage,
  tokensStage,
  mentionsStage,
  quotesStage,
  timesStage,
  placesStage,
  eventsStage,
];

export interface PipelineOptions {
  /** Stage names not to run; their annotations stay empty. */
  skip?: readonly string[];
}

export interface AnnotatedDocument {
  doc: ResolvedDocument;
  ann: Annotations;
}

/** A dateline given as a full timestamp keeps only its calendar day for resolution. */
function normalisePublished(published: string | null | undefined): string | null {
  if (!published) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(published.trim());
  return m ? m[1] : null;
}

export function annotate(input: Document, options: PipelineOptions = {}): AnnotatedDocument {
  const language = resolveLanguage(input.text, input.lang);
  const doc: ResolvedDocument = { ...input, lang: language.lang, published: normalisePublished(input.published) };
  const ann: Annotations = {
    language, sentences: [], tokens: [], mentions: [], quotes: [], times: [], places: [], events: [],
  };
  const skip = new Set(options.skip ?? []);
  for (const stage of STAGES) {
    if (skip.has(stage.name)) continue;
    (ann as unknown as Record<string, unknown>)[stage.produces] = stage.run(doc, ann);
  }
  return { doc, ann };
}

/** The output contract (DESIGN.md): field names are stable, arrays always present. */
export function toRecord({ doc, ann }: AnnotatedDocument): ExtractRecord {
  return {
    id: doc.id,
    lang: doc.lang,
    published: doc.published,
    source: doc.source ?? null,
    // Optional fields, present only when the document came with them: records of plain texts
    // read by older callers stay exactly as they were.
    ...(doc.dateline ? { dateline: doc.dateline } : {}),
    ...(doc.publishedFrom ? { publishedFrom: doc.publishedFrom } : {}),
    sentences: ann.sentences,
    mentions: ann.mentions,
    quotes: ann.quotes,
    times: ann.times,
    places: ann.places,
    events: ann.events,
  };
}

export function extract(input: Document, options: PipelineOptions = {}): ExtractRecord {
  return toRecord(annotate(input, options));
}
