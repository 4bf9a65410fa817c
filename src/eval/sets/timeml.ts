// `timebank-fr` and `tempeval3-en`: TimeML corpora, times only. The dateline given to the
// systems is the document's DCT.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { chronoTimes } from '../baseline.js';
import { predTimes, VigieRunner } from '../predict.js';
import { parseTimeML } from '../read/timeml.js';
import { Clock, type EvalReport } from '../report.js';
import { scoreTimes, type GoldTime, type PredTime, type TimeScores } from '../score/times.js';
import { assertExists, checkHalf, chooseSystems, filesUnder, selectDocs, timeTables, type EvalOptions, type SystemName } from './common.js';

export async function runTimeML(set: string, path: string, lang: 'fr' | 'en', opts: EvalOptions): Promise<EvalReport> {
  await assertExists(path, `TimeML folder for "${set}"`);
  const systems = chooseSystems(opts, true, set);
  const clock = new Clock();
  const vigieRunner = new VigieRunner();
  const selection = selectDocs(await filesUnder(path, '.tml'), (f) => basename(f, '.tml'), opts);
  const files = selection.docs;
  const gold: GoldTime[] = [];
  const pred: Record<SystemName, PredTime[]> = { vigie: [], chrono: [] };
  let noDct = 0;
  for (const f of files) {
    const d = parseTimeML(await readFile(f, 'utf8'), basename(f, '.tml'));
    const key = f;
    if (!d.dct) noDct++;
    for (const t of d.timexes) gold.push({ doc: key, spans: [{ start: t.start, end: t.end }], type: t.type, value: t.value });
    for (const sys of systems) {
      if (sys === 'vigie') {
        const rec = clock.time('vigie', () => vigieRunner.run({ id: d.id, text: d.text, lang, published: d.dct }, 'times'));
        pred.vigie.push(...predTimes(rec, key));
      } else {
        pred.chrono.push(...clock.time('chrono', () => chronoTimes(d.text, lang, d.dct, key)));
      }
    }
  }
  const scores: Partial<Record<SystemName, TimeScores>> = {};
  for (const sys of systems) scores[sys] = scoreTimes(gold, pred[sys]);
  return {
    set, path, systems, docs: files.length, half: checkHalf(opts.half), seconds: clock.elapsed(), systemSeconds: clock.spent,
    tables: timeTables(scores),
    notes: [
      ...vigieRunner.notes(),
      ...selection.notes,
      'Text = content of <TEXT> with tags stripped; the DCT timex (outside <TEXT>) is the dateline and is not scored.',
      'Values compared as exact strings (case-insensitive); type and value accuracy over relaxed-matched gold timexes.',
      ...(noDct ? [`${noDct} document(s) without a DCT: run without a dateline.`] : []),
    ],
    metrics: { times: scores },
  };
}
