// `geowebnews`: English news toponyms with GeoNames ids. Detection by span overlap, then the
// distance from Vigie's coordinates to the gold location. Which annotation types count as
// toponyms is documented in ../read/geowebnews.ts (TOPONYM_TYPES / NEUTRAL_TYPES).
import { predPlaces, VigieRunner } from '../predict.js';
import { locateGeonames } from '../read/geonames.js';
import { NEUTRAL_TYPES, readGeoWebNews, TOPONYM_TYPES } from '../read/geowebnews.js';
import { Clock, f3, type EvalReport } from '../report.js';
import type { Keyed, Span } from '../score/common.js';
import { scorePlaces, type GoldPlace, type PredPlace } from '../score/places.js';
import { ACC_COLUMNS, accCells, assertExists, checkHalf, chooseSystems, PRF_COLUMNS, prfCells, selectDocs, type EvalOptions } from './common.js';

export async function runGeoWebNews(path: string, opts: EvalOptions): Promise<EvalReport> {
  await assertExists(path, 'GeoWebNews folder');
  const systems = chooseSystems(opts, false, 'geowebnews');
  const clock = new Clock();
  const vigieRunner = new VigieRunner();
  const selection = selectDocs(await readGeoWebNews(path), (d) => d.id, opts);
  const docs = selection.docs;
  const wanted = new Map<number, string[]>();
  for (const d of docs) {
    for (const t of d.toponyms) {
      if (t.geonameId === null) continue;
      const names = wanted.get(t.geonameId) ?? [];
      if (!names.includes(t.text)) names.push(t.text);
      wanted.set(t.geonameId, names);
    }
  }
  const located = await locateGeonames(wanted);
  const how: Record<string, number> = {};
  for (const l of located.values()) how[l.how] = (how[l.how] ?? 0) + 1;

  const gold: GoldPlace[] = [];
  const neutral: (Keyed & Span)[] = [];
  const pred: PredPlace[] = [];
  let withNote = 0, direct = 0, unlocated = 0, noNote = 0;
  for (const d of docs) {
    for (const t of d.toponyms) {
      let lat: number | null = t.lat;
      let lon: number | null = t.lon;
      if (lat !== null) { withNote++; direct++; }
      else if (t.geonameId !== null) {
        withNote++;
        const l = located.get(t.geonameId);
        if (l) { lat = l.lat; lon = l.lon; } else unlocated++;
      } else noNote++;
      gold.push({ doc: d.id, spans: [{ start: t.start, end: t.end }], lat, lon });
    }
    for (const n of d.neutral) neutral.push({ doc: d.id, ...n });
    const rec = clock.time('vigie', () => vigieRunner.run({ id: d.id, text: d.text, lang: 'en', published: null }, 'places'));
    pred.push(...predPlaces(rec, d.id));
  }
  const s = scorePlaces(gold, pred, { neutral });
  const unlocatedIds = [...wanted.keys()].filter((id) => !located.has(id)).length;
  return {
    set: 'geowebnews', path, systems, docs: docs.length, half: checkHalf(opts.half), seconds: clock.elapsed(), systemSeconds: clock.spent,
    tables: [
      { title: 'toponyms: detection (span overlap)', columns: ['', ...PRF_COLUMNS], rows: [['toponyms', ...prfCells(s.detection)]] },
      {
        title: 'toponyms: location, on matched toponyms with a gold location', columns: ['', ...ACC_COLUMNS],
        rows: [
          ['within 161 km', ...accCells(s.within161)],
          ['within 25 km', ...accCells(s.within25)],
          ['end-to-end recall 161 km (all gold with coords)', ...accCells(s.endToEnd161)],
          ['median error km', String(s.nDistances), '', f3(s.medianKm)],
        ],
      },
    ],
    notes: [
      ...vigieRunner.notes(),
      ...selection.notes,
      `Toponym types scored: ${TOPONYM_TYPES.join(', ')}. Neutral (a prediction there is not counted wrong): ${NEUTRAL_TYPES.join(', ')}. Not toponyms: Literal_Expression, Non_Lit_Expression, Non_Toponym.`,
      `Gold toponyms: ${gold.length}; with a location note: ${withNote} (${direct} as coordinates); without a note: ${noNote}.`,
      `GeoNames ids: ${wanted.size} distinct; located ${located.size} (${Object.entries(how).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}); NOT located ${unlocatedIds} distinct ids = ${unlocated} gold toponyms, excluded from distance scoring.`,
      'Locations: cities500 by id; else, by the annotated names, a country (world-countries names, translations, demonyms), a first-level division (mean of its cities500 places), or the most populous cities500 place of that name.',
    ],
    metrics: { places: s, gold: { toponyms: gold.length, withNote, noNote, unlocatedToponyms: unlocated, unlocatedIds, locatedBy: how } },
  };
}
