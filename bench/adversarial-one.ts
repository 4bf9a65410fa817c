// One hostile input through the pipeline, in a process of its own (spawned by bench/run.ts for
// `--adversarial`): `node dist/bench/adversarial-one.js <name> <bytes>`. Prints one JSON line:
// the time of each stage, the whole time, and the process's peak resident memory, which is why it
// runs alone — the parent's own memory and the other inputs stay out of the figure.
import { performance } from 'node:perf_hooks';
import type { Annotations, ResolvedDocument } from '../src/types.js';
import { ADVERSARIAL } from './adversarial.js';

export interface AdversarialRun {
  name: string;
  bytes: number;
  stages: Record<string, number>;
  totalMs: number;
  peakRssMB: number;
  /** Resident memory before the text was built: the loaded pipeline and gazetteer. */
  baseRssMB: number;
  error: string | null;
}

async function main(): Promise<void> {
  const [name, bytesArg] = process.argv.slice(2);
  const input = ADVERSARIAL.find((a) => a.name === name);
  if (!input) throw new Error(`no adversarial input named ${name}`);
  const pipeline = await import('../src/pipeline/index.js');
  const { resolveLanguage } = await import('../src/pipeline/language.js');
  // Load lexicons and the gazetteer first, so that the figures are the input's own.
  pipeline.annotate({ id: 'warm', text: 'Le 3 mai 2021, à Paris, le ministre a déclaré : « Rien. »', lang: input.lang });
  const baseRssMB = process.memoryUsage().rss / 1048576;
  const text = input.make(Number(bytesArg));
  const stages: Record<string, number> = {};
  let error: string | null = null;
  const t0 = performance.now();
  try {
    const language = resolveLanguage(text, input.lang);
    const doc: ResolvedDocument = { id: name, text, lang: language.lang, published: '2021-07-07' };
    const ann: Annotations = { language, sentences: [], tokens: [], mentions: [], quotes: [], times: [], places: [], events: [] };
    for (const stage of pipeline.STAGES) {
      const t = performance.now();
      (ann as unknown as Record<string, unknown>)[stage.produces] = stage.run(doc, ann);
      stages[stage.name] = Math.round(performance.now() - t);
    }
  } catch (e) {
    error = String((e as Error)?.message ?? e);
  }
  const run: AdversarialRun = {
    name,
    bytes: Buffer.byteLength(text, 'utf8'),
    stages,
    totalMs: Math.round(performance.now() - t0),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    baseRssMB: Math.round(baseRssMB),
    error,
  };
  console.log(JSON.stringify(run));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
