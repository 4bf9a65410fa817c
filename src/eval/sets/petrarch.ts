// `petrarch2`: PETRARCH2 validation records (real AFP/GigaWord sentences coded in CAMEO), and with
// --unit the PETRARCH2 unit-test records. Each record is one sentence, run as an English document
// dated by the record date; its CAMEO codes become PLOVER types (../read/petrarch.ts) and Vigie's
// events are scored by type per record, as for plover-gsr.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { VigieRunner } from '../predict.js';
import { parseCameoPlover, parsePetrarchRecords, ploverOfCameo, type CameoPloverMap, type PetrarchRecord } from '../read/petrarch.js';
import { Clock, type EvalReport, type Table } from '../report.js';
import type { Acc } from '../score/common.js';
import {
  scoreEventTypeSets, scoreQuietRecords, type EventTypeScores, type GoldTypeSet, type PredTyped,
} from '../score/eventTypes.js';
import { ACC_COLUMNS, accCells, assertExists, checkHalf, chooseSystems, selectDocs, type EvalOptions } from './common.js';

export const PETRARCH_VALIDATION = 'PETR2_GSR_validation.xml';
export const PETRARCH_UNIT = 'PETR.UnitTest.records.xml';
export const CAMEO_PLOVER_MAP = join('..', 'plover-gsr', 'CAMEO2PLOVER-2021.txt');

interface GroupScores {
  records: number;
  eventTypes: EventTypeScores;
  /** Records coded "no event" that Vigie leaves without an event. */
  quiet: Acc;
  /** Records whose codes all fall outside PLOVER (CAMEO 01, 02…), not scored. */
  outsidePlover: number;
  /** Records without any coding, not scored. */
  uncoded: number;
  /** Scored records run without a dateline (no YYYYMMDD date). */
  undated: number;
  /** CAMEO codes with no PLOVER type → how many codings carry them. */
  unmappedCodes: Record<string, number>;
}

/** The PLOVER types a record's codings map to (each once), noting codes outside the map. */
function goldTypes(r: PetrarchRecord, map: CameoPloverMap, unmapped: Record<string, number>): string[] {
  const types = new Set<string>();
  for (const c of r.codings) {
    const p = ploverOfCameo(map, c.event);
    if (p) types.add(p.type);
    else unmapped[c.event] = (unmapped[c.event] ?? 0) + 1;
  }
  return [...types];
}

function scoreGroup(records: readonly PetrarchRecord[], map: CameoPloverMap, runner: VigieRunner, clock: Clock): GroupScores {
  const gold: GoldTypeSet[] = [];
  const quietIds: string[] = [];
  const pred: PredTyped[] = [];
  const unmappedCodes: Record<string, number> = {};
  let outsidePlover = 0, uncoded = 0, undated = 0;
  for (const r of records) {
    const types = goldTypes(r, map, unmappedCodes);
    if (types.length) gold.push({ doc: r.id, types });
    else if (r.noEvents) quietIds.push(r.id);
    else {
      if (r.codings.length) outsidePlover++;
      else uncoded++;
      continue; // nothing to score: no need to run Vigie
    }
    if (!r.date) undated++;
    const rec = clock.time('vigie', () => runner.run({ id: r.id, text: r.text, lang: 'en', published: r.date }));
    for (const e of rec.events) pred.push({ doc: r.id, type: e.plover?.type ?? null, confidence: e.confidence });
  }
  return {
    records: records.length, eventTypes: scoreEventTypeSets(gold, pred), quiet: scoreQuietRecords(quietIds, pred),
    outsidePlover, uncoded, undated, unmappedCodes,
  };
}

function groupTables(title: string, s: GroupScores): Table[] {
  const t = s.eventTypes;
  return [
    {
      title: `${title}: PLOVER type per record (records coded with a PLOVER event)`, columns: ['', ...ACC_COLUMNS],
      rows: [['records with an event', ...accCells(t.coverage)], ['most confident event has a gold type', ...accCells(t.top)],
        ['some event has a gold type', ...accCells(t.any)], ['"no event" records left without one', ...accCells(s.quiet)]],
    },
    { title: `${title}: PLOVER type per gold type (some event has it)`, columns: ['type', ...ACC_COLUMNS],
      rows: Object.entries(t.perType).map(([k, a]) => [k, ...accCells(a)]) },
  ];
}

function groupNotes(title: string, s: GroupScores): string[] {
  const codes = Object.entries(s.unmappedCodes).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}×${n}`);
  return [
    `${title}: ${s.records} records; ${s.eventTypes.any.n} coded with a PLOVER event, ${s.quiet.n} coded "no event", ` +
      `${s.outsidePlover} coded only outside PLOVER and ${s.uncoded} without a coding (those two are not scored)` +
      (s.undated ? `; ${s.undated} scored record(s) without a YYYYMMDD date run without a dateline.` : '.'),
    ...(codes.length ? [`${title}: CAMEO codes without a PLOVER type: ${codes.join(', ')}.`] : []),
  ];
}

/** The records file and its folder, from a folder or a file path. */
async function locate(path: string): Promise<{ file: string; dir: string }> {
  await assertExists(path, 'PETRARCH2 folder or file');
  if ((await stat(path)).isDirectory()) return { file: join(path, PETRARCH_VALIDATION), dir: path };
  return { file: path, dir: dirname(path) };
}

export async function runPetrarch2(path: string, opts: EvalOptions): Promise<EvalReport> {
  const { file, dir } = await locate(path);
  await assertExists(file, 'PETRARCH2 validation records');
  const mapFile = opts.map ?? join(dir, CAMEO_PLOVER_MAP);
  await assertExists(mapFile, 'CAMEO→PLOVER map (give it with --map)');
  const groups = [{ title: 'validation', file }];
  if (opts.unit) {
    groups.push({ title: 'unit tests', file: join(dir, PETRARCH_UNIT) });
    await assertExists(groups[1].file, 'PETRARCH2 unit-test records');
  }
  const systems = chooseSystems(opts, false, 'petrarch2');
  const map = parseCameoPlover(await readFile(mapFile, 'utf8'));
  const clock = new Clock();
  const runner = new VigieRunner();
  const tables: Table[] = [];
  const notes: string[] = [];
  const metrics: Record<string, GroupScores> = {};
  let docs = 0;
  for (const g of groups) {
    const selection = selectDocs(parsePetrarchRecords(await readFile(g.file, 'utf8')), (r) => r.id, opts);
    const s = scoreGroup(selection.docs, map, runner, clock);
    docs += selection.docs.length;
    metrics[g.title === 'validation' ? 'validation' : 'unit'] = s;
    tables.push(...groupTables(g.title, s));
    notes.push(...selection.notes.map((n) => `${g.title}: ${n}`), ...groupNotes(g.title, s));
  }
  return {
    set: 'petrarch2', path, systems, docs, half: checkHalf(opts.half), seconds: clock.elapsed(), systemSeconds: clock.spent,
    tables,
    notes: [
      ...runner.notes(),
      ...notes,
      `CAMEO codes mapped to PLOVER 2.0 types with ${mapFile} (a code not listed takes its longest listed prefix, down to the root).`,
      'A record coded with several events has several gold types: "most confident" and "some event" are right when the event has any of them.',
      'Each record is one sentence, run as an English document dated by the record date.',
    ],
    metrics,
  };
}
