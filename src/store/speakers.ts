// Who a quote's words belong to, as the store keeps it: the speaker's name resolved through the
// mention it points to (its canonical name: "il" → "Désiré Mbuyi", "Nations unies" → "United
// Nations"), the kinds of the events their words report, and the quoted words themselves — so that
// speakers and their quotes are listed from one table, without reading records again.
import { cueRules } from '../quotes/cues.js';
import type { ExtractRecord, Lang, Mention, Quote } from '../types.js';
import { foldForSearch } from './store.js';

export interface QuoteSpeaker {
  /** The name listed: the mention's canonical name, else its words; the speaker's words when no mention. */
  name: string;
  /** Mention type (PER, ORG…), null for a speaker without a mention ("a local source"). */
  type: string | null;
}

/** The fullest mention of an entity: an alias points to the fuller form (one step, then stop). */
function fullest(m: Mention, byId: ReadonlyMap<string, Mention>): Mention {
  return m.aliasOf ? (byId.get(m.aliasOf) ?? m) : m;
}

/**
 * The speaker of a quote, or null: no speaker, or a lone pronoun the pipeline did not resolve
 * ("il", "they": nobody can be listed under it). Pronouns are the cue lexicon's of the language.
 */
export function quoteSpeaker(q: Quote, byId: ReadonlyMap<string, Mention>, lang: Lang): QuoteSpeaker | null {
  if (!q.speaker) return null;
  const m = q.speaker.mention ? byId.get(q.speaker.mention) : undefined;
  if (m) {
    const full = fullest(m, byId);
    return { name: (full.canonical ?? full.text).trim(), type: full.type };
  }
  const words = q.speaker.text.trim();
  if (!words || cueRules(lang).pronouns.has(words.toLowerCase().replace(/’/g, "'"))) return null;
  return { name: words, type: null };
}

/** Every quote's speaker in a record, by quote id (quotes without one left out). */
export function speakersOf(record: ExtractRecord): Map<string, QuoteSpeaker> {
  const byId = new Map(record.mentions.map((m) => [m.id, m]));
  const lang: Lang = record.lang === 'fr' || record.lang === 'en' ? record.lang : 'other';
  const out = new Map<string, QuoteSpeaker>();
  for (const q of record.quotes) {
    const s = quoteSpeaker(q, byId, lang);
    if (s) out.set(q.id, s);
  }
  return out;
}

/** The folded names of the speakers an event is attributed to, one a line (for substring search). */
export function speakerSearch(attributedTo: readonly string[], speakers: ReadonlyMap<string, QuoteSpeaker>): string {
  const names = attributedTo.map((id) => speakers.get(id)?.name).filter((n): n is string => !!n);
  return [...new Set(names.map(foldForSearch))].join('\n');
}

/** A quotes row: the quote's offsets and cue as before, and what listings of speakers read. */
export interface QuoteRow {
  doc_id: string;
  id: string;
  kind: string;
  start: number;
  end: number;
  content_start: number;
  content_end: number;
  speaker_mention: string | null;
  speaker_text: string | null;
  cue_lemma: string | null;
  channel: string | null;
  addressee: string | null;
  speaker_name: string | null;
  /** The name folded (lower case, no accents): what groups a speaker's quotes. */
  speaker_key: string | null;
  speaker_type: string | null;
  content_text: string;
  /** The kinds of the events attributed to the quote, one a line. */
  topics: string;
  lang: string | null;
  source: string | null;
  published: string | null;
}

export const QUOTE_COLUMNS = [
  'doc_id', 'id', 'kind', 'start', 'end', 'content_start', 'content_end', 'speaker_mention', 'speaker_text', 'cue_lemma',
  'channel', 'addressee', 'speaker_name', 'speaker_key', 'speaker_type', 'content_text', 'topics', 'lang', 'source', 'published',
] as const satisfies readonly (keyof QuoteRow)[];

/** The kinds of the events attributed to each quote: ACLED type, else PLOVER type. */
function topicsByQuote(record: ExtractRecord): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of record.events) {
    const kind = e.acled?.eventType ?? e.plover.type;
    for (const id of e.attributedTo) {
      const list = out.get(id) ?? [];
      if (!list.includes(kind)) list.push(kind);
      out.set(id, list);
    }
  }
  return out;
}

/** The quotes rows of a document's record; `text` is the document's text (the quoted words are cut from it). */
export function quoteRows(docId: string, record: ExtractRecord, text: string, doc: { lang: string | null; source: string | null; published: string | null }): QuoteRow[] {
  const speakers = speakersOf(record);
  const topics = topicsByQuote(record);
  return record.quotes.map((q) => {
    const s = speakers.get(q.id) ?? null;
    return {
      doc_id: docId, id: q.id, kind: q.kind, start: q.start, end: q.end, content_start: q.content.start, content_end: q.content.end,
      speaker_mention: q.speaker?.mention ?? null, speaker_text: q.speaker?.text ?? null, cue_lemma: q.cue?.lemma ?? null,
      channel: q.channel, addressee: q.addressee,
      speaker_name: s?.name ?? null, speaker_key: s ? foldForSearch(s.name) : null, speaker_type: s?.type ?? null,
      content_text: text.slice(q.content.start, q.content.end), topics: (topics.get(q.id) ?? []).join('\n'),
      lang: doc.lang, source: doc.source, published: doc.published,
    };
  });
}
