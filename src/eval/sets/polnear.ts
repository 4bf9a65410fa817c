// `polnear`: PolNeAR dev attributions (English political news). Quotes only.
import { predQuotes, VigieRunner } from '../predict.js';
import { readPolnear } from '../read/polnear.js';
import { Clock, type EvalReport } from '../report.js';
import { scoreQuotes, CONTENT_MIN_COVER, type GoldQuote, type PredQuote } from '../score/quotes.js';
import { ACC_COLUMNS, accCells, assertExists, checkHalf, chooseSystems, PRF_COLUMNS, prfCells, selectDocs, type EvalOptions } from './common.js';
import { join } from 'node:path';

export async function runPolnear(path: string, opts: EvalOptions): Promise<EvalReport> {
  await assertExists(join(path, 'text'), 'PolNeAR text folder');
  await assertExists(join(path, 'attributions'), 'PolNeAR attributions folder');
  const systems = chooseSystems(opts, false, 'polnear');
  const clock = new Clock();
  const vigieRunner = new VigieRunner();
  const selection = selectDocs(await readPolnear(path), (d) => d.id, opts);
  const docs = selection.docs;
  const gold: GoldQuote[] = [];
  const pred: PredQuote[] = [];
  for (const d of docs) {
    for (const a of d.attributions) {
      gold.push({ doc: d.id, content: [a.content], speakerSpans: a.source, cueSpans: a.cue });
    }
    const rec = clock.time('vigie', () => vigieRunner.run({ id: d.id, text: d.text, lang: 'en', published: null }, 'quotes'));
    pred.push(...predQuotes(rec, d.id));
  }
  const s = scoreQuotes(gold, pred);
  return {
    set: 'polnear', path, systems, docs: docs.length, half: checkHalf(opts.half), seconds: clock.elapsed(), systemSeconds: clock.spent,
    tables: [
      { title: 'quotes: content', columns: ['', ...PRF_COLUMNS], rows: [['content', ...prfCells(s.content)]] },
      {
        title: 'quotes: on matched attributions', columns: ['', ...ACC_COLUMNS],
        rows: [['speaker', ...accCells(s.speaker)], ['cue', ...accCells(s.cue)]],
      },
    ],
    notes: [
      ...vigieRunner.notes(),
      ...selection.notes,
      `A predicted quote matches a gold attribution when its content covers >= ${CONTENT_MIN_COVER * 100}% of the GOLD content length (discontinuous gold content: its covering span).`,
      'Speaker right = predicted speaker span overlaps the gold Source span (attributions without a Source are left out); cue right = predicted cue span overlaps the gold Cue.',
      'Texts annotated twice: the first annotation file in name order is used.',
    ],
    metrics: { quotes: s },
  };
}
