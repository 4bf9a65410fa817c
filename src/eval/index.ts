// `vigie eval <set> <path>`: measures Vigie (and, for times, the bare chrono-node baseline) on
// a gold set read from `path`. Returns the printed report: aligned tables, or JSON. `--half 1|2`
// scores one deterministic half of any set (sets/common.ts, `halves`).
import { renderJson, renderText, type EvalReport } from './report.js';
import { checkHalf, chooseSystems, type EvalOptions } from './sets/common.js';
import { runTimeML } from './sets/timeml.js';
import { runPolnear } from './sets/polnear.js';
import { runEuropeana, runHipe } from './sets/ner.js';
import { runGeoWebNews } from './sets/geowebnews.js';
import { runExample, runFrWire } from './sets/rich.js';
import { runPloverGsr } from './sets/plover.js';
import { runPetrarch2 } from './sets/petrarch.js';

export type { EvalOptions } from './sets/common.js';
export type { EvalReport } from './report.js';

export interface EvalSet {
  name: string;
  description: string;
  /** Whether the set scores times (so the chrono baseline applies). */
  times: boolean;
  run(path: string, opts: EvalOptions): Promise<EvalReport>;
}

const SETS: EvalSet[] = [
  { name: 'example', times: true, description: 'one hand-annotated dispatch (.gold.json beside its .txt): entities, quotes, times, places, events',
    run: (p, o) => runExample(p, o) },
  { name: 'fr-wire-dev', times: true, description: 'French wires + gold.json: quotes, times, places, events (with forbidden triggers)',
    run: (p, o) => runFrWire(p, o) },
  { name: 'timebank-fr', times: true, description: 'French TimeBank (TimeML): TIMEX3 extent, type, value; Vigie vs bare chrono-node',
    run: (p, o) => runTimeML('timebank-fr', p, 'fr', o) },
  { name: 'tempeval3-en', times: true, description: 'TempEval-3 TimeBank + AQUAINT (TimeML): TIMEX3 extent, type, value; Vigie vs chrono',
    run: (p, o) => runTimeML('tempeval3-en', p, 'en', o) },
  { name: 'polnear', times: false, description: 'PolNeAR dev (brat): quote content P/R/F1, speaker and cue accuracy',
    run: (p, o) => runPolnear(p, o) },
  { name: 'europeana', times: false, description: 'Europeana Newspapers French NER (IOB): PER/LOC/ORG spans',
    run: (p, o) => runEuropeana(p, o) },
  { name: 'hipe', times: false, description: 'HIPE-2020 French dev (TSV): coarse literal PER/LOC/ORG spans',
    run: (p, o) => runHipe(p, o) },
  { name: 'geowebnews', times: false, description: 'GeoWebNews (brat + GeoNames ids): toponym detection and distance to gold',
    run: (p, o) => runGeoWebNews(p, o) },
  { name: 'plover-gsr', times: false, description: 'PLOVER gold standard records: PLOVER event type per sentence',
    run: (p, o) => runPloverGsr(p, o) },
  { name: 'petrarch2', times: false, description: 'PETRARCH2 validation records (CAMEO → PLOVER; --map FILE, --unit): PLOVER event type per sentence',
    run: (p, o) => runPetrarch2(p, o) },
];

export const EVAL_SETS: readonly { name: string; description: string }[] =
  SETS.map(({ name, description }) => ({ name, description }));

export async function evaluate(set: string, path: string, opts: EvalOptions = {}): Promise<EvalReport> {
  const s = SETS.find((x) => x.name === set);
  if (!s) {
    throw new Error(`Unknown evaluation set "${set}". Sets:\n` +
      SETS.map((x) => `  ${x.name.padEnd(13)} ${x.description}`).join('\n'));
  }
  if (!path) throw new Error(`vigie eval ${set}: missing <path> to the gold data.`);
  // Reject an unknown or inapplicable --system, or a --half other than 1 or 2, before reading anything.
  chooseSystems(opts, s.times, s.name);
  checkHalf(opts.half);
  return s.run(path, opts);
}

export async function runEval(set: string, path: string, opts: EvalOptions = {}): Promise<string> {
  const report = await evaluate(set, path, opts);
  return opts.json ? renderJson(report) : renderText(report);
}
