// Exports of incidents: JSON Lines (the whole incident), ACLED-style CSV (one row per incident,
// its outlets in `source` and who says what in `notes`) and GeoJSON (a Point per placed incident).
// Streamed like the events exports: one incident in memory at a time.
import type { Writable } from 'node:stream';
import type { Incident } from '../store/store.js';
import type { IncidentActor } from '../incidents/match.js';
import { ACLED_COLUMNS, acledDate, countryName, csvLine, disorderType, put, type AcledFields, type ExportFormat } from './events.js';

function interOf(inc: Incident, name: string | null): number | null {
  if (!name) return null;
  return inc.actors.find((a: IncidentActor) => a.name === name)?.inter ?? null;
}

/** Who reports the incident and what each says: the notes of its ACLED row. */
export function incidentNotes(inc: Incident): string {
  const confirming = inc.events.filter((m) => m.stance === 'confirms');
  const tolls = new Map((inc.fatalities?.claims ?? []).map((c) => [c.docId, c]));
  const said = confirming.map((m) => {
    const claim = tolls.get(m.docId);
    const toll = claim ? `, ${claim.value} dead${claim.claimedBy ? ` according to ${claim.claimedBy}` : ''}` : '';
    return `${m.source ?? m.docId}: "${m.trigger.replace(/\s+/g, ' ').trim()}"${toll}`;
  });
  const denied = inc.contradictedBy.length ? ` Contradicted by ${inc.contradictedBy.map((c) => c.source ?? c.docId).join(', ')}.` : '';
  const range = inc.fatalities && inc.fatalities.min !== inc.fatalities.max ? ` Tolls differ: ${inc.fatalities.min}–${inc.fatalities.max}.` : '';
  const more = inc.eventCount > inc.events.length ? ` (${inc.eventCount} dispatches in all; the first ${inc.events.length} named)` : '';
  return `Reported by ${confirming.length} dispatch(es)${more}: ${said.join('; ')}.${range}${denied}`;
}

/** One incident as ACLED's fields: the lowest toll any source gives, every outlet in `source`. */
export function incidentAcledFields(inc: Incident): AcledFields {
  const precision = inc.date && inc.date.length === 10 ? (inc.dateStart === inc.dateEnd ? 1 : 2) : 3;
  const when = acledDate(inc.date, precision);
  const inter1 = interOf(inc, inc.actor1);
  const inter2 = interOf(inc, inc.actor2);
  const others = (exclude: string | null) => inc.actors.filter((a) => a.name !== inc.actor1 && a.name !== inc.actor2 && a.name !== exclude);
  return {
    event_id_cnty: inc.id,
    event_date: when?.date ?? null,
    year: when?.year ?? null,
    time_precision: when?.precision ?? null,
    disorder_type: inc.eventType ? disorderType(inc.eventType) : null,
    event_type: inc.eventType,
    sub_event_type: inc.subEventType,
    actor1: inc.actor1,
    assoc_actor_1: others(null).map((a) => a.name).join('; ') || null,
    inter1,
    actor2: inc.actor2,
    assoc_actor_2: null,
    inter2: inc.actor2 ? inter2 : 0,
    interaction: inter1 === null ? null : inc.actor2 ? (inter2 === null ? null : Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2)) : inter1 * 10,
    civilian_targeting: inter2 === 7 ? 'Civilian targeting' : null,
    iso: null,
    region: null,
    country: countryName(inc.country),
    admin1: inc.admin1,
    admin2: null,
    admin3: null,
    location: inc.place?.name ?? null,
    latitude: inc.lat,
    longitude: inc.lon,
    geo_precision: inc.geoPrecision,
    source: inc.sources.join('; ') || null,
    source_scale: null,
    notes: incidentNotes(inc),
    // ACLED keeps the most conservative figure.
    fatalities: inc.fatalities?.min ?? 0,
    tags: inc.fatalities && inc.fatalities.min !== inc.fatalities.max ? `fatalities reported: ${inc.fatalities.min}-${inc.fatalities.max}` : null,
    timestamp: null,
  };
}

async function writeJsonl(incidents: AsyncIterable<Incident>, out: Writable): Promise<number> {
  let n = 0;
  for await (const inc of incidents) {
    await put(out, JSON.stringify(inc) + '\n');
    n++;
  }
  return n;
}

/** Rows for incidents coded in ACLED's taxonomy; incidents of PLOVER types only have none. */
async function writeAcledCsv(incidents: AsyncIterable<Incident>, out: Writable): Promise<number> {
  await put(out, '\uFEFF' + csvLine(ACLED_COLUMNS));
  let n = 0;
  for await (const inc of incidents) {
    if (!inc.eventType) continue;
    const fields = incidentAcledFields(inc);
    await put(out, csvLine(ACLED_COLUMNS.map((c) => fields[c])));
    n++;
  }
  return n;
}

async function writeGeojson(incidents: AsyncIterable<Incident>, out: Writable): Promise<number> {
  await put(out, '{"type":"FeatureCollection","features":[');
  let n = 0;
  for await (const inc of incidents) {
    if (inc.lat === null || inc.lon === null) continue;
    const properties = {
      ...incidentAcledFields(inc), plover_type: inc.ploverType, documents: inc.eventCount, sources_count: inc.sources.length,
      agree: inc.agree, fatalities_max: inc.fatalities?.max ?? null,
    };
    const feature = { type: 'Feature', id: inc.id, geometry: { type: 'Point', coordinates: [inc.lon, inc.lat] }, properties };
    await put(out, (n ? ',\n' : '\n') + JSON.stringify(feature));
    n++;
  }
  await put(out, '\n]}\n');
  return n;
}

const WRITERS: Readonly<Record<ExportFormat, (incidents: AsyncIterable<Incident>, out: Writable) => Promise<number>>> = {
  jsonl: writeJsonl,
  'acled-csv': writeAcledCsv,
  geojson: writeGeojson,
};

/** Writes incidents in a format; returns how many were written. */
export function writeIncidents(format: ExportFormat, incidents: AsyncIterable<Incident>, out: Writable): Promise<number> {
  return WRITERS[format](incidents, out);
}
