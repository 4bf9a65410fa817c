// Runs Vigie on a gold document and turns its record (the output contract) into the scorers'
// predicted items. Only stages downstream of the one being measured are switched off, so a
// measured stage always sees everything it may depend on.
import { extract } from '../pipeline/index.js';
import type { Document, ExtractRecord, Quote, VEvent } from '../types.js';
import type { PredEntity } from './score/entities.js';
import type { PredAttribution, PredEvent } from './score/events.js';
import type { PredPlace } from './score/places.js';
import type { PredQuote } from './score/quotes.js';
import type { PredTime } from './score/times.js';

export const STAGE_ORDER = ['sentences', 'tokens', 'mentions', 'quotes', 'times', 'places', 'events'] as const;
export type StageName = (typeof STAGE_ORDER)[number];

/** Stages after the last one needed: safe to skip. */
export function skipAfter(lastNeeded: StageName): string[] {
  return STAGE_ORDER.slice(STAGE_ORDER.indexOf(lastNeeded) + 1) as unknown as string[];
}

export function runVigie(doc: Document, lastNeeded: StageName = 'events'): ExtractRecord {
  return extract(doc, { skip: skipAfter(lastNeeded) });
}

/**
 * Runs Vigie document by document; a document on which the pipeline throws is scored as if
 * nothing had been found, and the failure is reported (so one bad document never hides the
 * figures of the others).
 */
export class VigieRunner {
  failures = 0;
  firstError: string | null = null;
  run(doc: Document, lastNeeded: StageName = 'events'): ExtractRecord {
    try {
      return runVigie(doc, lastNeeded);
    } catch (e) {
      this.failures++;
      if (!this.firstError) this.firstError = `${doc.id}: ${e instanceof Error ? e.message : String(e)}`;
      return {
        id: doc.id, lang: 'other', published: doc.published ?? null, source: null,
        sentences: [], mentions: [], quotes: [], times: [], places: [], events: [],
      };
    }
  }
  notes(): string[] {
    return this.failures
      ? [`VIGIE FAILED on ${this.failures} document(s), scored as empty predictions. First error: ${this.firstError}`]
      : [];
  }
}

export function predEntities(rec: ExtractRecord, doc?: string): PredEntity[] {
  return rec.mentions.map((m) => ({ doc, start: m.start, end: m.end, type: m.type, role: m.role }));
}

/**
 * The names a quote's speaker goes by: the speaker's words, then its mention's text and canonical
 * name, following aliases (a pronoun resolved to "M. Durand", alias of "Paul Durand").
 */
export function speakerTexts(rec: ExtractRecord, q: Quote): string[] {
  if (!q.speaker) return [];
  const byId = new Map(rec.mentions.map((m) => [m.id, m]));
  const texts: string[] = [q.speaker.text];
  let m = q.speaker.mention ? byId.get(q.speaker.mention) : undefined;
  for (let hops = 0; m && hops < 5; hops++) {
    texts.push(m.text);
    if (m.canonical) texts.push(m.canonical);
    m = m.aliasOf ? byId.get(m.aliasOf) : undefined;
  }
  return texts;
}

export function predQuotes(rec: ExtractRecord, doc?: string): PredQuote[] {
  return rec.quotes.map((q) => ({
    doc,
    content: q.content,
    speaker: q.speaker ? { start: q.speaker.start, end: q.speaker.end } : null,
    speakerTexts: speakerTexts(rec, q),
    cue: q.cue ? { start: q.cue.start, end: q.cue.end } : null,
    cueLemma: q.cue?.lemma ?? null,
    kind: q.kind,
    channel: q.channel,
    addressee: q.addressee,
  }));
}

export function predTimes(rec: ExtractRecord, doc?: string): PredTime[] {
  return rec.times.map((t) => ({ doc, start: t.start, end: t.end, type: t.type, value: t.value }));
}

export function predPlaces(rec: ExtractRecord, doc?: string): PredPlace[] {
  return rec.places.map((p) => ({ doc, start: p.start, end: p.end, lat: p.lat, lon: p.lon, country: p.country }));
}

/** Quote ids look like "q3"; an outlet name in attributedTo is not one. */
const QUOTE_ID = /^q\d+$/;

/** The quotes an event is attributed to, with their speakers' names. */
export function predAttribution(rec: ExtractRecord, e: VEvent): PredAttribution[] {
  const quotes = new Map(rec.quotes.map((q) => [q.id, q]));
  return e.attributedTo
    .filter((id) => quotes.has(id) || QUOTE_ID.test(id))
    .map((id) => {
      const q = quotes.get(id);
      return {
        quote: id,
        speakerTexts: q ? speakerTexts(rec, q) : [],
        speakerSpan: q?.speaker ? { start: q.speaker.start, end: q.speaker.end } : null,
      };
    });
}

export function predEvents(rec: ExtractRecord, doc?: string): PredEvent[] {
  const places = new Map(rec.places.map((p) => [p.id, p]));
  return rec.events.map((e) => {
    const p = e.place ? places.get(e.place) : undefined;
    return {
      doc,
      trigger: { start: e.trigger.start, end: e.trigger.end },
      acled: e.acled,
      plover: e.plover?.type ?? null,
      date: e.date,
      fatalities: e.fatalities,
      modality: e.modality,
      actor1: e.actor1?.name ?? null,
      actor2: e.actor2?.name ?? null,
      timePrecision: e.timePrecision,
      attribution: predAttribution(rec, e),
      place: p ? { lat: p.lat, lon: p.lon } : null,
    };
  });
}
