// Exports of stored events: JSON Lines, ACLED-style CSV and GeoJSON. Each writer takes the events
// as a stream and writes them to a Writable row by row, waiting for the stream to drain when it
// asks to: an export of a whole store holds one event in memory, not the file. Writers never end
// the stream (it may be stdout); the caller does.
import type { Writable } from 'node:stream';
import type { EventActor, EventEvidence } from '../types.js';
import { dateSpan, type EventQuery, type StoredEvent } from '../store/store.js';

export const EXPORT_FORMATS = ['jsonl', 'acled-csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** Media type and file extension of each format, for downloads. */
export const EXPORT_MEDIA: Readonly<Record<ExportFormat, { contentType: string; extension: string }>> = {
  jsonl: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl' },
  'acled-csv': { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  geojson: { contentType: 'application/geo+json; charset=utf-8', extension: 'geojson' },
};

/**
 * The query an export runs. ACLED codes what happened, so the ACLED CSV keeps asserted events
 * unless the caller asks for all of them or names a modality.
 */
export function exportQuery(format: ExportFormat, query: EventQuery, all = false): EventQuery {
  if (format !== 'acled-csv' || all || query.modality) return query;
  return { ...query, modality: 'asserted' };
}

/** ACLED's columns, in ACLED's order. */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledFields = Record<AcledColumn, string | number | null>;

const POLITICAL_VIOLENCE = new Set(['battles', 'explosions/remote violence', 'violence against civilians']);
const DEMONSTRATIONS = new Set(['protests', 'riots']);

/** ACLED's disorder_type follows from its event_type. */
export function disorderType(eventType: string): string {
  const t = eventType.toLowerCase();
  if (POLITICAL_VIOLENCE.has(t)) return 'Political violence';
  if (DEMONSTRATIONS.has(t)) return 'Demonstrations';
  return 'Strategic developments';
}

/** ACLED dates are days: a month or a year becomes its first day, with time_precision 3. */
export function acledDate(date: string | null, timePrecision: number | null): { date: string; year: number; precision: number } | null {
  const span = date ? dateSpan(date) : null;
  if (!date || !span) return null;
  const precision = date.trim().length === 10 ? timePrecision ?? 1 : 3;
  return { date: span.start, year: Number(span.start.slice(0, 4)), precision };
}

/** The two inter codes as one number, smaller first (12, 17); 10 × inter1 when there is no actor2. */
export function interaction(actor1: EventActor | null, actor2: EventActor | null): number | null {
  if (actor1?.inter == null) return null;
  if (!actor2) return actor1.inter * 10;
  if (actor2.inter == null) return null;
  return Math.min(actor1.inter, actor2.inter) * 10 + Math.max(actor1.inter, actor2.inter);
}

const regionNames = new Intl.DisplayNames('en', { type: 'region' });

/** English name of an ISO 3166-1 alpha-2 code ("ML" → "Mali"), as ACLED names countries. */
export function countryName(iso2: string | null): string | null {
  if (!iso2) return null;
  try {
    return regionNames.of(iso2.toUpperCase()) ?? null;
  } catch {
    return null; // not a region code at all
  }
}

function unique(xs: string[]): string[] {
  return [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
}

/** Who the event is attributed to, in words: the speakers' words, else the outlets named. */
function attributionWords(e: StoredEvent): string[] {
  const said = e.evidence.filter((x: EventEvidence) => x.field === 'attribution').map((x) => x.text);
  if (said.length) return unique(said);
  // attributedTo holds quote ids (meaningless in a spreadsheet) or the outlet's name.
  return unique(e.attributedTo.filter((a) => !/^q\d+$/.test(a)));
}

/** A short sentence for ACLED's notes: the words of the dispatch and who says so. */
export function eventNotes(e: StoredEvent): string {
  const who = attributionWords(e);
  const according = who.length ? `, according to ${who.join(', ')}` : '';
  const modality = e.modality === 'asserted' ? '' : ` (${e.modality})`;
  const where = e.location?.name ? ` in ${e.location.name}` : '';
  return `"${e.trigger.text.replace(/\s+/g, ' ').trim()}"${where}${according}${modality}.`;
}

function names(actors: EventActor[]): string | null {
  return actors.length ? actors.map((a) => a.name).join('; ') : null;
}

function timestamp(ingestedAt: string | null): number | null {
  const t = ingestedAt ? Date.parse(ingestedAt) : NaN;
  return Number.isFinite(t) ? Math.floor(t / 1000) : null;
}

/** One event as ACLED's fields; null where Vigie has nothing to say. */
export function acledFields(e: StoredEvent): AcledFields {
  const when = acledDate(e.date, e.timePrecision);
  const loc = e.location;
  return {
    event_id_cnty: `${e.docId}-${e.id}`,
    event_date: when?.date ?? null,
    year: when?.year ?? null,
    time_precision: when?.precision ?? null,
    disorder_type: e.acled ? disorderType(e.acled.eventType) : null,
    event_type: e.acled?.eventType ?? null,
    sub_event_type: e.acled?.subEventType ?? null,
    actor1: e.actor1?.name ?? null,
    assoc_actor_1: names(e.assocActor1),
    inter1: e.actor1?.inter ?? null,
    actor2: e.actor2?.name ?? null,
    assoc_actor_2: names(e.assocActor2),
    // ACLED writes 0 for "no second actor".
    inter2: e.actor2 ? e.actor2.inter : 0,
    interaction: interaction(e.actor1, e.actor2),
    civilian_targeting: e.actor2?.inter === 7 ? 'Civilian targeting' : null,
    iso: null,
    region: null,
    country: countryName(loc?.country ?? null),
    admin1: loc?.admin1 ?? null,
    admin2: loc?.admin2 ?? null,
    admin3: null,
    location: loc?.name ?? null,
    latitude: loc?.lat ?? null,
    longitude: loc?.lon ?? null,
    geo_precision: e.geoPrecision,
    source: e.document.source,
    source_scale: null,
    notes: eventNotes(e),
    // ACLED records 0 when no death is reported.
    fatalities: e.fatalities ?? 0,
    tags: e.tags.length ? e.tags.join('; ') : null,
    timestamp: timestamp(e.document.ingestedAt),
  };
}

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/** Resolves when the stream wants more; rejects if it fails or closes first (a reader gone). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      out.off('drain', onDrain).off('close', onClose).off('error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('output closed before the export ended'));
    const onError = (e: Error) => settle(e);
    out.on('drain', onDrain).on('close', onClose).on('error', onError);
  });
}

/** Writes a chunk, waiting for the stream to drain when it asks to. */
export async function put(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('output closed before the export ended');
  if (!out.write(chunk)) await drained(out);
}

/** One StoredEvent a line. Returns how many events were written. */
export async function writeJsonl(events: AsyncIterable<StoredEvent>, out: Writable): Promise<number> {
  let n = 0;
  for await (const e of events) {
    await put(out, JSON.stringify(e) + '\n');
    n++;
  }
  return n;
}

/**
 * ACLED's columns, UTF-8 with a byte-order mark (so spreadsheets read accents right), CRLF line
 * ends. Events outside ACLED's taxonomy (PLOVER only) have no row. Returns the number of rows.
 */
export async function writeAcledCsv(events: AsyncIterable<StoredEvent>, out: Writable): Promise<number> {
  await put(out, '\uFEFF' + csvLine(ACLED_COLUMNS));
  let n = 0;
  for await (const e of events) {
    if (!e.acled) continue;
    const fields = acledFields(e);
    await put(out, csvLine(ACLED_COLUMNS.map((c) => fields[c])));
    n++;
  }
  return n;
}

/** Flat properties of a GeoJSON feature: ACLED's fields and what ACLED has no column for. */
export function geojsonProperties(e: StoredEvent): Record<string, string | number | null> {
  return {
    ...acledFields(e),
    doc_id: e.docId,
    event_id: e.id,
    trigger: e.trigger.text,
    plover_type: e.plover.type,
    plover_mode: e.plover.mode,
    modality: e.modality,
    attributed_to: e.attributedTo.length ? e.attributedTo.join('; ') : null,
    country_code: e.location?.country ?? null,
    confidence: e.confidence,
    url: e.document.url,
  };
}

/** A FeatureCollection written feature by feature: one Point ([lon, lat]) per event with coordinates. */
export async function writeGeojson(events: AsyncIterable<StoredEvent>, out: Writable): Promise<number> {
  await put(out, '{"type":"FeatureCollection","features":[');
  let n = 0;
  for await (const e of events) {
    const { lat, lon } = e.location ?? {};
    if (lat == null || lon == null) continue;
    const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: geojsonProperties(e) };
    await put(out, (n ? ',\n' : '\n') + JSON.stringify(feature));
    n++;
  }
  await put(out, '\n]}\n');
  return n;
}

const WRITERS: Readonly<Record<ExportFormat, (events: AsyncIterable<StoredEvent>, out: Writable) => Promise<number>>> = {
  jsonl: writeJsonl,
  'acled-csv': writeAcledCsv,
  geojson: writeGeojson,
};

/** Writes events in a format; returns how many were written. */
export function writeEvents(format: ExportFormat, events: AsyncIterable<StoredEvent>, out: Writable): Promise<number> {
  return WRITERS[format](events, out);
}
