// Readers for the hand-annotated dispatches whose gold strings are substrings of the text
// ("any occurrence counts"): the example dispatch (<name>.gold.json beside <name>.txt) and
// fr-wire-dev (gold.json + <id>.txt). Each string becomes the list of its occurrences
// (case-insensitive, on word boundaries); strings found nowhere are reported.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Span } from '../score/common.js';
import type { GoldEntity } from '../score/entities.js';
import type { AcledPair, Forbidden, GoldAttribution, GoldEvent } from '../score/events.js';
import type { GoldPlace } from '../score/places.js';
import type { GoldQuote } from '../score/quotes.js';
import type { GoldTime } from '../score/times.js';
import { occurrences } from './text.js';

export interface RichDoc {
  id: string;
  text: string;
  lang: string;
  published: string | null;
  entities: GoldEntity[] | null;
  quotes: GoldQuote[];
  times: GoldTime[];
  places: GoldPlace[];
  events: GoldEvent[];
  forbid: Forbidden[];
  /** The gold says the document reports no event at all (fr-wire-dev `negative`). */
  negative: boolean;
  /** Gold strings not found in the text (field: string). */
  missing: string[];
}

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function finder(text: string, missing: string[], doc: string) {
  return (s: string | null | undefined, field: string): Span[] => {
    if (!s) return [];
    const o = occurrences(text, s);
    if (o.length === 0) missing.push(`${doc} ${field}: "${s}"`);
    return o;
  };
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string' && s !== '') : []);

/** A field the gold may leave out (undefined: not annotated) or set to null on purpose. */
function optionalString(e: J, key: string): string | null | undefined {
  if (!(key in e)) return undefined;
  return typeof e[key] === 'string' && e[key] ? e[key] : null;
}

/**
 * `attributed_to`: absent = not annotated; null = the outlet asserts it; a phrase or a list of
 * speaker names = who claims it. Each name brings the other names the gold gives that speaker
 * (`alsoNames`), and every name its occurrences in the text.
 */
function goldAttribution(
  e: J, text: string, find: (s: string, field: string) => Span[], alsoNames: (name: string) => string[],
): GoldAttribution | null | undefined {
  if (!('attributed_to' in e)) return undefined;
  const given = typeof e.attributed_to === 'string' ? [e.attributed_to] : strings(e.attributed_to);
  if (given.length === 0) return null;
  const names = [...new Set(given.flatMap((n) => [n, ...alsoNames(n)]))];
  const spans = [...given.flatMap((n) => find(n, 'attributed_to')),
    ...names.filter((n) => !given.includes(n)).flatMap((n) => occurrences(text, n))];
  return { names, spans };
}
const pair = (x: unknown): AcledPair | null =>
  Array.isArray(x) && x.length >= 2 ? [String(x[0]), String(x[1])] : null;

/** The example: path is the .gold.json or the .txt (the other is its sibling). */
export async function readExample(path: string): Promise<RichDoc> {
  const base = path.replace(/\.gold\.json$/, '').replace(/\.txt$/, '').replace(/\.json$/, '');
  const goldPath = `${base}.gold.json`;
  const txtPath = `${base}.txt`;
  for (const p of [goldPath, txtPath]) {
    try { await stat(p); } catch { throw new Error(`example: file not found: ${p}`); }
  }
  const g = JSON.parse(await readFile(goldPath, 'utf8')) as J;
  const text = await readFile(txtPath, 'utf8');
  const id = String(g.doc?.id ?? 'example');
  const missing: string[] = [];
  const find = finder(text, missing, id);
  const entities: GoldEntity[] = (g.entities ?? []).map((e: J) => ({
    doc: id,
    spans: [...find(e.text, 'entity'), ...(e.aliases ?? []).flatMap((a: string) => find(a, 'alias'))],
    type: String(e.type),
    role: e.role ?? null,
  }));
  const namesOf = (speaker: string): string[] => {
    const ent = (g.entities ?? []).find((e: J) => e.text === speaker);
    return [speaker, ...(ent?.aliases ?? []), ...(ent?.canonical ? [ent.canonical] : [])];
  };
  const quotes: GoldQuote[] = (g.quotes ?? []).map((q: J) => ({
    doc: id,
    content: find(q.contains ?? q.content, 'quote'),
    speakerSpans: q.speaker ? namesOf(q.speaker).flatMap((n) => occurrences(text, n)) : [],
    speakerNames: q.speaker ? namesOf(q.speaker) : [],
    cueLemma: q.cue ?? null,
    kind: typeof q.direct === 'boolean' ? (q.direct ? 'direct' : 'not_direct') : (q.kind ?? null),
    channel: q.channel ?? null,
    addressee: q.addressee ?? null,
  }));
  const times: GoldTime[] = (g.times ?? []).map((t: J) => ({
    doc: id, spans: find(t.text, 'time'), type: t.type ?? null, value: t.value ?? null, precision: t.precision ?? null,
  }));
  const places: GoldPlace[] = (g.places ?? []).map((p: J) => ({
    doc: id, spans: find(p.text, 'place'), lat: num(p.lat), lon: num(p.lon), country: p.country ?? null,
  }));
  const placeByName = new Map<string, J>((g.places ?? []).map((p: J) => [String(p.text), p]));
  const events: GoldEvent[] = (g.events ?? []).map((e: J) => {
    const pl = typeof e.place === 'string' ? placeByName.get(e.place) : e.place;
    return {
      doc: id,
      triggers: find(e.trigger, 'event trigger'),
      acled: pair(e.acled),
      plover: e.plover ?? null,
      date: e.date ?? null,
      fatalities: num(e.fatalities),
      modality: e.modality ?? 'asserted',
      actor1: e.actor1 ?? null,
      actor2: optionalString(e, 'actor2'),
      timePrecision: num(e.time_precision),
      // Speaker names in the example are entities: their aliases and canonical name count too.
      attributedTo: goldAttribution(e, text, find, (n) => namesOf(n).slice(1)),
      place: pl && num(pl.lat) !== null && num(pl.lon) !== null ? { lat: pl.lat, lon: pl.lon } : null,
    };
  });
  return {
    id, text, lang: String(g.doc?.lang ?? 'fr'), published: g.doc?.published ?? null,
    entities, quotes, times, places, events, forbid: [], negative: g.doc?.negative === true, missing,
  };
}

/** fr-wire-dev: path is the folder (or its gold.json). */
export async function readFrWire(path: string, limit?: number): Promise<RichDoc[]> {
  let dir = path;
  if ((await stat(path)).isFile()) dir = dirname(path);
  const goldPath = join(dir, 'gold.json');
  try { await stat(goldPath); } catch { throw new Error(`fr-wire-dev: gold.json not found in ${dir}`); }
  const g = JSON.parse(await readFile(goldPath, 'utf8')) as J;
  const out: RichDoc[] = [];
  for (const [id, d] of Object.entries<J>(g.docs ?? {})) {
    if (limit !== undefined && out.length >= limit) break;
    const txt = join(dir, `${id}.txt`);
    let text: string;
    try { text = await readFile(txt, 'utf8'); } catch { throw new Error(`fr-wire-dev: text not found: ${txt}`); }
    const missing: string[] = [];
    const find = finder(text, missing, id);
    const quotes: GoldQuote[] = (d.quotes ?? []).map((q: J) => {
      const names: string[] = [q.speaker, ...(q.speaker_alt ?? [])].filter((x) => typeof x === 'string' && x);
      return {
        doc: id,
        content: find(q.content, 'quote'),
        speakerSpans: names.flatMap((n) => find(n, 'speaker')),
        speakerNames: names,
        cueSpans: q.cue ? find(q.cue, 'cue') : [],
        kind: q.kind ?? null,
      };
    });
    const times: GoldTime[] = (d.times ?? []).map((t: J) => ({
      doc: id, spans: find(t.text, 'time'), type: t.type ?? null, value: t.value ?? null,
    }));
    const places: GoldPlace[] = (d.places ?? []).map((p: J) => ({
      doc: id, spans: find(p.text, 'place'), lat: num(p.lat), lon: num(p.lon),
      // Supranational regions carry "XX": no country to check.
      country: p.country && p.country !== 'XX' ? p.country : null,
    }));
    // An attribution phrase is a quote's speaker: that quote's speaker_alt names count too.
    const speakerAlts = (name: string): string[] =>
      (d.quotes ?? []).filter((q: J) => q.speaker === name).flatMap((q: J) => strings(q.speaker_alt));
    const events: GoldEvent[] = (d.events ?? []).map((e: J) => ({
      doc: id,
      triggers: [e.trigger, ...(e.also_trigger ?? [])].flatMap((t: string) => find(t, 'event trigger')),
      acled: pair(e.acled),
      acledAlt: (e.acled_alt ?? []).map(pair).filter((x: AcledPair | null) => x !== null),
      plover: e.plover ?? null,
      date: e.date ?? null,
      fatalities: num(e.fatalities),
      modality: e.modality ?? 'asserted',
      actor1: e.actor1 ?? null,
      actor1Alt: e.actor1_alt ?? [],
      actor2: optionalString(e, 'actor2'),
      actor2Alt: strings(e.actor2_alt),
      timePrecision: num(e.time_precision),
      attributedTo: goldAttribution(e, text, find, speakerAlts),
      place: e.place && num(e.place.lat) !== null && num(e.place.lon) !== null ? { lat: e.place.lat, lon: e.place.lon } : null,
    }));
    const forbid: Forbidden[] = (d.forbid ?? []).map((f: string) => ({ doc: id, spans: find(f, 'forbid') }));
    out.push({
      id, text, lang: 'fr', published: d.dct ?? null, entities: null, quotes, times, places, events, forbid,
      negative: d.negative === true, missing,
    });
  }
  return out;
}
