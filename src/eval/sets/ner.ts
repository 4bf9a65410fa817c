// `europeana` and `hipe`: French historical newspaper NER. Texts are rebuilt from tokens and
// Vigie's mentions are compared with the gold PER / LOC / ORG spans (NORP and MISC predictions,
// and other gold types, are left out).
import { readFile } from 'node:fs/promises';
import { predEntities, VigieRunner } from '../predict.js';
import { iobDocuments, parseIOB, type TokenDoc } from '../read/iob.js';
import { parseHipe } from '../read/hipe.js';
import { Clock, type EvalReport, type Table } from '../report.js';
import { scoreEntities, type GoldEntity, type PredEntity } from '../score/entities.js';
import { assertExists, checkHalf, chooseSystems, PRF_COLUMNS, prfCells, filesUnder, selectDocs, type EvalOptions } from './common.js';
import { stat } from 'node:fs/promises';

export const NER_TYPES = ['PER', 'LOC', 'ORG'];

const GOLD_TYPE: Record<string, string> = { PER: 'PER', PERS: 'PER', LOC: 'LOC', ORG: 'ORG' };

async function fileOf(path: string, ext: string, what: string): Promise<string> {
  await assertExists(path, what);
  if ((await stat(path)).isFile()) return path;
  const files = await filesUnder(path, ext);
  if (files.length === 0) throw new Error(`${what}: no *${ext} file under ${path}`);
  return files[0];
}

function runNer(set: string, path: string, all: TokenDoc[], opts: EvalOptions, notes: string[]): EvalReport {
  const selection = selectDocs(all, (d) => d.id, opts);
  const docs = selection.docs;
  const systems = chooseSystems(opts, false, set);
  const clock = new Clock();
  const vigieRunner = new VigieRunner();
  const gold: GoldEntity[] = [];
  const pred: PredEntity[] = [];
  for (const d of docs) {
    for (const e of d.entities) {
      const type = GOLD_TYPE[e.type.toUpperCase()];
      if (type) gold.push({ doc: d.id, spans: [{ start: e.start, end: e.end }], type });
    }
    const rec = clock.time('vigie', () => vigieRunner.run({ id: d.id, text: d.text, lang: 'fr', published: d.published ?? null }, 'mentions'));
    pred.push(...predEntities(rec, d.id));
  }
  const s = scoreEntities(gold, pred, { types: NER_TYPES });
  const table: Table = {
    title: 'mentions: strict spans (same offsets and type)',
    columns: ['type', ...PRF_COLUMNS],
    rows: [...NER_TYPES.map((t) => [t, ...prfCells(s.strict.perType[t])]), ['micro', ...prfCells(s.strict.micro)]],
  };
  const relaxed: Table = {
    title: 'mentions: relaxed (overlap)',
    columns: ['', ...PRF_COLUMNS],
    rows: [['typed micro', ...prfCells(s.relaxed.micro)], ['untyped', ...prfCells(s.untyped)]],
  };
  return {
    set, path, systems, docs: docs.length, half: checkHalf(opts.half), seconds: clock.elapsed(), systemSeconds: clock.spent,
    tables: [table, relaxed],
    notes: [...vigieRunner.notes(), ...selection.notes, ...notes, 'Predicted types PER/ORG/LOC scored as such; NORP and MISC predictions are ignored.'],
    metrics: { mentions: s },
  };
}

export async function runEuropeana(path: string, opts: EvalOptions): Promise<EvalReport> {
  const t0 = performance.now();
  const file = await fileOf(path, '.bio', 'Europeana IOB file');
  const docs = iobDocuments(parseIOB(await readFile(file, 'utf8')), 50, 'enp');
  const r = runNer('europeana', path, docs, opts, [
    'No document boundaries in the IOB file: pseudo-documents of 50 sentences (a sentence ends on . ! ?).',
    'Text rebuilt from tokens: one space between tokens, none before closing punctuation or after an apostrophe.',
  ]);
  r.seconds = (performance.now() - t0) / 1000;
  return r;
}

export async function runHipe(path: string, opts: EvalOptions): Promise<EvalReport> {
  const t0 = performance.now();
  const file = await fileOf(path, '.tsv', 'HIPE TSV file');
  const docs = parseHipe(await readFile(file, 'utf8'));
  const r = runNer('hipe', path, docs, opts, [
    'Coarse literal tags (NE-COARSE-LIT): pers→PER, loc→LOC, org→ORG; prod and time are not scored.',
    'Text rebuilt with NoSpaceAfter respected; a printed line end (EndOfLine) becomes a space.',
  ]);
  r.seconds = (performance.now() - t0) / 1000;
  return r;
}
