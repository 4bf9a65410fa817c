// GeoWebNews reader (brat): `<n>.txt` + `<n>.ann`, toponyms as T lines typed by how the place
// name is used, and `#k AnnotatorNotes T<j>\t<geonameid>` (or "lat, lon") giving the location.
//
// Which types count as toponyms (scored), following the GeoWebNews taxonomy:
//  - scored: Literal, Literal_Modifier, Mixed, Coercion (literal uses) and Metonymic,
//    Non_Literal_Modifier, Homonym (associative uses): a place NAME as written in the text.
//  - neutral (neither required nor penalised): Embedded_Literal, Embedded_Non_Lit (a place name
//    inside a longer name, e.g. an organisation), Demonym, Language (adjectives, languages).
//  - ignored: Literal_Expression, Non_Lit_Expression (common nouns: "the city", "streets"),
//    Non_Toponym.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Span } from '../score/common.js';
import { parseBrat } from './brat.js';

export const TOPONYM_TYPES = ['Literal', 'Literal_Modifier', 'Mixed', 'Coercion', 'Metonymic', 'Non_Literal_Modifier', 'Homonym'];
export const NEUTRAL_TYPES = ['Embedded_Literal', 'Embedded_Non_Lit', 'Demonym', 'Language'];

export interface GeoToponym extends Span {
  type: string;
  text: string;
  geonameId: number | null;
  /** Coordinates given directly in the note (some notes are "lat, lon"). */
  lat: number | null;
  lon: number | null;
}

export interface GeoDoc {
  id: string;
  text: string;
  toponyms: GeoToponym[];
  neutral: Span[];
}

export function geoToponyms(ann: string, text: string): { toponyms: GeoToponym[]; neutral: Span[] } {
  const doc = parseBrat(ann, text);
  const toponyms: GeoToponym[] = [];
  const neutral: Span[] = [];
  for (const s of doc.spans.values()) {
    if (NEUTRAL_TYPES.includes(s.type)) neutral.push({ start: s.start, end: s.end });
    if (!TOPONYM_TYPES.includes(s.type)) continue;
    const note = doc.notes.get(s.id) ?? '';
    const ll = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(note);
    const id = /^\s*(\d+)\s*$/.exec(note);
    toponyms.push({
      start: s.start, end: s.end, type: s.type, text: s.text,
      geonameId: id ? Number(id[1]) : null,
      lat: ll ? Number(ll[1]) : null,
      lon: ll ? Number(ll[2]) : null,
    });
  }
  toponyms.sort((a, b) => a.start - b.start);
  return { toponyms, neutral };
}

export async function readGeoWebNews(dir: string, limit?: number): Promise<GeoDoc[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ann'))
    .sort((a, b) => (parseInt(a, 10) - parseInt(b, 10)) || a.localeCompare(b));
  const docs: GeoDoc[] = [];
  for (const f of files) {
    if (limit !== undefined && docs.length >= limit) break;
    const id = f.slice(0, -4);
    let text: string;
    try {
      text = await readFile(join(dir, id + '.txt'), 'utf8');
    } catch {
      continue;
    }
    const ann = await readFile(join(dir, f), 'utf8');
    docs.push({ id, text, ...geoToponyms(ann, text) });
  }
  return docs;
}
