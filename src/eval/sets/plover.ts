// `plover-gsr`: PLOVER gold standard records, one sentence and one event type each.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VigieRunner } from '../predict.js';
import { parsePloverGsr, PLOVER_DRAFT_TO_V2 } from '../read/plover.js';
import { Clock, type EvalReport } from '../report.js';
import { scoreEventTypes, type GoldTyped, type PredTyped } from '../score/eventTypes.js';
import { ACC_COLUMNS, accCells, assertExists, checkHalf, chooseSystems, selectDocs, type EvalOptions } from './common.js';

export async function runPloverGsr(path: string, opts: EvalOptions): Promise<EvalReport> {
  await assertExists(path, 'PLOVER gold standard');
  const file = (await stat(path)).isDirectory() ? join(path, 'PLOVER_GSR_CAMEO.txt') : path;
  await assertExists(file, 'PLOVER gold standard file');
  const systems = chooseSystems(opts, false, 'plover-gsr');
  const clock = new Clock();
  const vigieRunner = new VigieRunner();
  const selection = selectDocs(parsePloverGsr(await readFile(file, 'utf8')), (r) => r.id, opts);
  const records = selection.docs;
  const gold: GoldTyped[] = [];
  const pred: PredTyped[] = [];
  for (const r of records) {
    gold.push({ doc: r.id, type: r.type });
    const rec = clock.time('vigie', () => vigieRunner.run({ id: r.id, text: r.text, lang: r.lang, published: r.date }));
    for (const e of rec.events) pred.push({ doc: r.id, type: e.plover?.type ?? null, confidence: e.confidence });
  }
  const s = scoreEventTypes(gold, pred);
  return {
    set: 'plover-gsr', path, systems, docs: records.length, half: checkHalf(opts.half), seconds: clock.elapsed(), systemSeconds: clock.spent,
    tables: [
      {
        title: 'PLOVER type per record', columns: ['', ...ACC_COLUMNS],
        rows: [['records with an event', ...accCells(s.coverage)], ['most confident event has the type', ...accCells(s.top)],
          ['some event has the type', ...accCells(s.any)]],
      },
      { title: 'PLOVER type per gold type (some event has it)', columns: ['type', ...ACC_COLUMNS],
        rows: Object.entries(s.perType).map(([t, a]) => [t, ...accCells(a)]) },
    ],
    notes: [
      ...vigieRunner.notes(),
      ...selection.notes,
      `Draft PLOVER types mapped to PLOVER 2.0: ${Object.entries(PLOVER_DRAFT_TO_V2).map(([a, b]) => `${a}→${b}`).join(', ')}.`,
      'Each record is one sentence, run as a document dated by the record date.',
    ],
    metrics: { eventTypes: s },
  };
}
