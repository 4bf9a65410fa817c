// `npm run bench [-- [path] [--docs N] [--lang fr|en] [--json] [--skip stage1,stage2] [--seed S]
//                     [--warmup N] [--max-seconds S] [--detect-lang]]`
//
// Throughput and memory of the whole pipeline, single-threaded. Without a path, the corpus is the
// real news of ../shared/bench/real-news.jsonl when it is there (real text costs two to four times
// more per kilobyte than variations of our own dispatches), else, or with --synthetic, one derived
// from the demo dispatches (bench/corpus.ts, 2,000 documents of ~3 KB by default); with a path (a
// JSONL or JSON file, or a folder of .txt/.json/.jsonl files) those documents are used. French and
// English are reported apart as well as together.
// `--lang fr` keeps only the documents that carry that language (for the synthetic corpus: built
// from the demo dispatches of that language), so each language's cost can be read on its own.
//
// Order of work: load the pipeline module (timed), annotate one document cold (lexicons and
// gazetteer load on first use, so this is the load time), warm up, then
//   1. the measured pass: `annotate()` exactly as users call it, one timing per document;
//   2. the breakdown pass: the same loop as annotate() written out here, with a timer around the
//      language step and around each stage of STAGES: mean ms per document of each, and its share
//      of their sum (so a stage's cost reads as a fraction of the whole pipeline).
// Results go to stdout as a table, then a marker line and the same figures as JSON, and to
// .bench/last.json. `--json` prints the JSON only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Annotations, Document, ResolvedDocument } from '../src/types.js';
import { ADVERSARIAL } from './adversarial.js';
import type { AdversarialRun } from './adversarial-one.js';
import { generateCorpus, loadDemoCorpus, projectRoot, readDocuments } from './corpus.js';

export const JSON_MARKER = '----- bench JSON -----';

interface Options {
  path: string | null;
  docs: number | null;
  json: boolean;
  skip: string[];
  seed: number;
  warmup: number;
  maxSeconds: number;
  /** Drop the documents' given language so that detection runs too. */
  detectLang: boolean;
  /** Keep only documents of this language (as the documents give it). */
  lang: string | null;
  /** Run the hostile inputs of bench/adversarial.ts instead of a corpus. */
  adversarial: boolean;
  /** Without a path: the synthetic corpus even when the real-news one is there. */
  synthetic: boolean;
  /** With --adversarial: only these inputs; their size in MB; the time allowed to each. */
  only: string[];
  mb: number;
  timeoutSeconds: number;
}

const USAGE = `usage: npm run bench -- [path | --synthetic] [--docs N] [--lang fr|en] [--json] [--skip stage1,stage2]
                      [--seed S] [--warmup N] [--max-seconds S] [--detect-lang]
       npm run bench -- --adversarial [--only name1,name2] [--mb N] [--timeout S] [--json]`;

const LANGS = ['fr', 'en'];

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    path: null, docs: null, json: false, skip: [], seed: 20240515, warmup: 200, maxSeconds: 45, detectLang: false, lang: null,
    adversarial: false, synthetic: false, only: [], mb: 1, timeoutSeconds: 120,
  };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--docs': o.docs = Math.floor(num(flag, value())); break;
      case '--json': o.json = true; break;
      case '--skip': o.skip = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean); break;
      case '--seed': o.seed = Math.floor(num(flag, value())); break;
      case '--warmup': o.warmup = Math.floor(num(flag, value())); break;
      case '--max-seconds': o.maxSeconds = num(flag, value()); break;
      case '--detect-lang': o.detectLang = true; break;
      case '--adversarial': o.adversarial = true; break;
      case '--synthetic': o.synthetic = true; break;
      case '--only': o.only = (value() ?? '').split(',').map((s) => s.trim()).filter(Boolean); break;
      case '--mb': o.mb = num(flag, value()); break;
      case '--timeout': o.timeoutSeconds = num(flag, value()); break;
      case '--lang': {
        const l = value();
        if (!l || !LANGS.includes(l)) throw new Error(`--lang needs one of ${LANGS.join(', ')}\n${USAGE}`);
        o.lang = l;
        break;
      }
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default:
        if (flag.startsWith('-')) throw new Error(`unknown option ${flag}\n${USAGE}`);
        o.path = flag;
    }
  }
  return o;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));
const mb = (bytes: number): number => bytes / 1e6;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const COUNTED = ['sentences', 'tokens', 'mentions', 'quotes', 'times', 'places', 'events'] as const;

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const root = projectRoot();
  if (opts.adversarial) return runAdversarial(opts, root);
  const say = opts.json ? (): void => {} : (s: string): void => console.error(s);

  // --- corpus
  const tCorpus = performance.now();
  let docs: Document[];
  let corpusLabel: string;
  const ofLang = (ds: Document[]): Document[] => (opts.lang ? ds.filter((d) => d.lang === opts.lang) : ds);
  const realNews = path.resolve(root, '..', 'shared', 'bench', 'real-news.jsonl');
  if (!opts.path && !opts.synthetic && existsSync(realNews)) opts.path = path.relative(process.cwd(), realNews);
  if (opts.path) {
    const all = readDocuments(path.resolve(opts.path));
    docs = ofLang(all);
    if (opts.docs !== null) docs = docs.slice(0, opts.docs);
    corpusLabel = opts.path + (opts.lang ? ` · lang ${opts.lang}: ${docs.length} of ${all.length} documents` : '');
  } else {
    const count = opts.docs ?? 2000;
    docs = generateCorpus(ofLang(loadDemoCorpus(root)), { count, seed: opts.seed });
    corpusLabel = `synthetic: ${count} variations of corpus/demo${opts.lang ? ` (${opts.lang} dispatches)` : ''} (seed ${opts.seed})`;
  }
  if (opts.detectLang) docs = docs.map((d) => ({ ...d, lang: null }));
  const corpusMs = performance.now() - tCorpus;
  if (docs.length === 0) throw new Error(`no documents to run on${opts.lang ? ` (none with "lang": "${opts.lang}")` : ''}`);
  const sizes = docs.map((d) => Buffer.byteLength(d.text, 'utf8'));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  const langsGiven: Record<string, number> = {};
  for (const d of docs) langsGiven[d.lang ?? 'unset'] = (langsGiven[d.lang ?? 'unset'] ?? 0) + 1;
  say(`corpus: ${docs.length} documents, ${mb(totalBytes).toFixed(2)} MB (${corpusLabel}), built in ${corpusMs.toFixed(0)} ms`);

  // --- load: importing the pipeline, then the first (cold) document
  const tImport = performance.now();
  const pipeline = await import('../src/pipeline/index.js');
  const { resolveLanguage } = await import('../src/pipeline/language.js');
  const importMs = performance.now() - tImport;
  const skipSet = new Set(opts.skip);
  const known = new Set(pipeline.STAGES.map((s) => s.name));
  const unknownSkips = opts.skip.filter((s) => !known.has(s));
  if (unknownSkips.length) say(`warning: no stage named ${unknownSkips.join(', ')} (stages: ${[...known].join(', ')})`);
  // The gazetteer alone: its load time and the resident memory it adds (issue: < 1 s, < 300 MB).
  const { getGazetteer } = await import('../src/gazetteer/index.js');
  const rssBefore = process.memoryUsage().rss;
  const tGaz = performance.now();
  getGazetteer();
  const gazetteerMs = performance.now() - tGaz;
  const gazetteerRssMB = (process.memoryUsage().rss - rssBefore) / 1048576;
  say(`load: gazetteer ${gazetteerMs.toFixed(1)} ms, +${gazetteerRssMB.toFixed(1)} MB resident`);
  const tCold = performance.now();
  let coldError: string | null = null;
  try {
    pipeline.annotate(docs[0], { skip: opts.skip });
  } catch (e) {
    coldError = String((e as Error)?.message ?? e);
  }
  const coldMs = performance.now() - tCold;
  say(`load: import ${importMs.toFixed(1)} ms, first document (cold: lexicons, gazetteer) ${coldMs.toFixed(1)} ms`);

  // --- warm-up
  const warm = Math.min(opts.warmup, docs.length);
  for (let i = 0; i < warm; i++) {
    try { pipeline.annotate(docs[i], { skip: opts.skip }); } catch { /* counted in the measured pass */ }
  }
  gc();

  // --- pass 1: annotate() as users call it
  const budgetMs = opts.maxSeconds * 1000;
  const perDoc = new Float64Array(docs.length);
  const counts: Record<string, number> = Object.fromEntries(COUNTED.map((k) => [k, 0]));
  const langsFound: Record<string, number> = {};
  const byLang: Record<string, { documents: number; ms: number; bytes: number }> = {};
  let errors = 0;
  let firstError: string | null = null;
  let done = 0;
  let processedBytes = 0;
  const tRun = performance.now();
  for (const doc of docs) {
    const t = performance.now();
    try {
      const { doc: resolved, ann } = pipeline.annotate(doc, { skip: opts.skip });
      perDoc[done] = performance.now() - t;
      for (const k of COUNTED) counts[k] += (ann[k] as unknown[] | undefined)?.length ?? 0;
      langsFound[resolved.lang] = (langsFound[resolved.lang] ?? 0) + 1;
      const l = (byLang[resolved.lang] ??= { documents: 0, ms: 0, bytes: 0 });
      l.documents++;
      l.ms += perDoc[done];
      l.bytes += sizes[done];
    } catch (e) {
      perDoc[done] = performance.now() - t;
      errors++;
      firstError ??= `${doc.id}: ${String((e as Error)?.message ?? e)}`;
    }
    processedBytes += sizes[done];
    done++;
    if (performance.now() - tRun > budgetMs) break;
  }
  const runMs = performance.now() - tRun;
  const heapAfterRun = process.memoryUsage().heapUsed;
  const truncated = done < docs.length;
  if (truncated) say(`note: stopped after ${done} documents (--max-seconds ${opts.maxSeconds})`);

  // --- pass 2: per-stage breakdown over the same documents
  const stageNames = ['language', ...pipeline.STAGES.map((s) => s.name)];
  const stageMs = new Float64Array(stageNames.length);
  const stageMax = new Float64Array(stageNames.length);
  const stageErrors = new Array<number>(stageNames.length).fill(0);
  const stageFirstError: (string | null)[] = new Array(stageNames.length).fill(null);
  gc();
  const tStages = performance.now();
  for (let i = 0; i < done; i++) {
    const input = docs[i];
    let t = performance.now();
    const language = resolveLanguage(input.text, input.lang);
    let now = performance.now();
    stageMs[0] += now - t;
    if (now - t > stageMax[0]) stageMax[0] = now - t;
    // Same shape as annotate() builds (kept in step with src/pipeline/index.ts by hand).
    const published = input.published ? (/^(\d{4}-\d{2}-\d{2})/.exec(input.published.trim())?.[1] ?? null) : null;
    const doc: ResolvedDocument = { ...input, lang: language.lang, published };
    // Every kind a stage produces starts empty, as annotate() does (built from STAGES, so a new
    // annotation kind needs no change here).
    const slots: Record<string, unknown> = { language };
    for (const k of COUNTED) slots[k] = [];
    for (const stage of pipeline.STAGES) slots[stage.produces] = [];
    const ann = slots as unknown as Annotations;
    for (let s = 0; s < pipeline.STAGES.length; s++) {
      const stage = pipeline.STAGES[s];
      if (skipSet.has(stage.name)) continue;
      t = performance.now();
      try {
        slots[stage.produces] = stage.run(doc, ann);
      } catch (e) {
        stageErrors[s + 1]++;
        stageFirstError[s + 1] ??= `${input.id}: ${String((e as Error)?.message ?? e)}`;
      }
      now = performance.now();
      stageMs[s + 1] += now - t;
      if (now - t > stageMax[s + 1]) stageMax[s + 1] = now - t;
    }
  }
  const stagesWallMs = performance.now() - tStages;
  const stagesSumMs = stageMs.reduce((a, b) => a + b, 0);

  // --- memory
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  gc();
  const mem = process.memoryUsage();

  const sorted = Float64Array.from(perDoc.subarray(0, done)).sort();
  const sumDocMs = sorted.reduce((a, b) => a + b, 0);
  const seconds = runMs / 1000;
  const result = {
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    },
    options: { docs: opts.docs, lang: opts.lang, skip: opts.skip, detectLang: opts.detectLang, seed: opts.seed, warmup: warm, maxSeconds: opts.maxSeconds },
    corpus: {
      source: corpusLabel,
      documents: docs.length,
      mb: round(mb(totalBytes)),
      meanBytes: Math.round(totalBytes / docs.length),
      langGiven: langsGiven,
      buildMs: round(corpusMs, 1),
    },
    load: {
      importMs: round(importMs, 1),
      firstDocumentColdMs: round(coldMs, 1),
      gazetteerMs: round(gazetteerMs, 1),
      gazetteerRssMB: round(gazetteerRssMB, 1),
      error: coldError,
    },
    run: {
      documents: done,
      truncated,
      errors,
      firstError,
      mb: round(mb(processedBytes)),
      seconds: round(seconds),
      documentsPerSecond: round(done / seconds, 1),
      mbPerSecondPerCore: round(mb(processedBytes) / seconds),
      msPerDocument: {
        mean: round(sumDocMs / Math.max(1, done), 4),
        p50: round(percentile(sorted, 0.5), 4),
        p95: round(percentile(sorted, 0.95), 4),
        p99: round(percentile(sorted, 0.99), 4),
        max: round(sorted[sorted.length - 1] ?? 0, 4),
      },
      msPer3KB: round((sumDocMs / Math.max(1, processedBytes)) * 3000, 4),
      langDetected: langsFound,
      // each language's documents alone: documents/s is 1000 / their mean ms (time in annotate())
      byLanguage: Object.fromEntries(Object.entries(byLang).map(([l, v]) => [l, {
        documents: v.documents,
        documentsPerSecond: round((1000 * v.documents) / Math.max(1e-9, v.ms), 1),
        msPerDocument: round(v.ms / v.documents, 4),
        msPer3KB: round((v.ms / Math.max(1, v.bytes)) * 3000, 4),
      }])),
      annotationsPerDocument: Object.fromEntries(COUNTED.map((k) => [k, round(counts[k] / Math.max(1, done - errors), 2)])),
    },
    stages: stageNames.map((name, i) => ({
      name,
      skipped: i > 0 && skipSet.has(name),
      totalMs: round(stageMs[i], 2),
      meanMs: round(stageMs[i] / Math.max(1, done), 4),
      maxMs: round(stageMax[i], 3),
      share: round(stagesSumMs > 0 ? stageMs[i] / stagesSumMs : 0, 4),
      errors: stageErrors[i],
      firstError: stageFirstError[i],
    })),
    stagesPass: { seconds: round(stagesWallMs / 1000), timedMs: round(stagesSumMs, 2), meanMsPerDocument: round(stagesSumMs / Math.max(1, done), 4) },
    memory: {
      peakRssMB: round(mb(peakRssBytes), 1),
      heapUsedAfterRunMB: round(mb(heapAfterRun), 1),
      heapUsedAfterGcMB: round(mb(mem.heapUsed), 1),
      rssNowMB: round(mb(mem.rss), 1),
      note: 'heap includes the benchmark corpus itself',
    },
  };

  if (!opts.json) console.log(renderTable(result));
  if (!opts.json) console.log(JSON_MARKER);
  console.log(JSON.stringify(result, null, opts.json ? 2 : 0));

  const outDir = path.join(root, '.bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'last.json'), JSON.stringify(result, null, 2) + '\n');
  say(`written: ${path.relative(process.cwd(), path.join(outDir, 'last.json')) || '.bench/last.json'}`);
}

// --- hostile inputs (--adversarial)

/** The issue's bound: ≤ 5 s per MB on one core, peak memory ≤ 300 MB + 20 × the input. */
const SECONDS_PER_MB = 5;
const memoryLimitMB = (inputMB: number): number => 300 + 20 * inputMB;

function runAdversarial(opts: Options, root: string): void {
  const say = opts.json ? (): void => {} : (s: string): void => console.error(s);
  const unknown = opts.only.filter((n) => !ADVERSARIAL.some((a) => a.name === n));
  if (unknown.length) throw new Error(`no adversarial input named ${unknown.join(', ')} (inputs: ${ADVERSARIAL.map((a) => a.name).join(', ')})`);
  const inputs = opts.only.length ? ADVERSARIAL.filter((a) => opts.only.includes(a.name)) : ADVERSARIAL;
  const bytes = Math.round(opts.mb * 1e6);
  const one = path.join(root, 'dist', 'bench', 'adversarial-one.js');
  const rows = [];
  for (const input of inputs) {
    say(`${input.name}: ${input.about} (${opts.mb} MB, ${input.lang})…`);
    // The same V8 flags as the launcher (bin/vigie.js), in a process of its own.
    const child = spawnSync(process.execPath, ['--no-regexp-tier-up', one, input.name, String(bytes)], {
      encoding: 'utf8', timeout: opts.timeoutSeconds * 1000, maxBuffer: 1 << 24,
    });
    const line = child.stdout?.trim().split('\n').pop() ?? '';
    let run: AdversarialRun | null = null;
    try { run = line ? (JSON.parse(line) as AdversarialRun) : null; } catch { run = null; }
    const timedOut = child.error !== undefined || child.signal !== null;
    const inputMB = run ? run.bytes / 1e6 : opts.mb;
    const seconds = run ? run.totalMs / 1000 : null;
    const perMB = seconds !== null ? seconds / inputMB : null;
    const slowest = run ? Object.entries(run.stages).sort((a, b) => b[1] - a[1])[0] ?? null : null;
    const problem = timedOut ? `stopped after ${opts.timeoutSeconds} s` : run?.error ?? (run ? null : (child.stderr || 'no result').trim().split('\n').pop() ?? 'no result');
    const ok = !problem && run !== null && perMB! <= SECONDS_PER_MB && run.peakRssMB <= memoryLimitMB(inputMB);
    rows.push({
      name: input.name, about: input.about, lang: input.lang, mb: round(inputMB, 2), seconds: seconds === null ? null : round(seconds, 2),
      secondsPerMB: perMB === null ? null : round(perMB, 2), peakRssMB: run?.peakRssMB ?? null, baseRssMB: run?.baseRssMB ?? null,
      memoryLimitMB: Math.round(memoryLimitMB(inputMB)), slowestStage: slowest ? `${slowest[0]} ${(slowest[1] / 1000).toFixed(2)} s` : null,
      stagesMs: run?.stages ?? null, ok, problem,
    });
  }
  const result = {
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism() },
    bound: { secondsPerMB: SECONDS_PER_MB, memory: '300 MB + 20 × input' },
    inputs: rows,
  };
  if (!opts.json) {
    const head = ['input', 'MB', 's', 's/MB', 'peak MB', 'limit MB', 'ok', 'slowest stage / problem'];
    const body = rows.map((r) => [r.name, r.mb.toFixed(2), r.seconds?.toFixed(2) ?? '-', r.secondsPerMB?.toFixed(2) ?? '-',
      String(r.peakRssMB ?? '-'), String(r.memoryLimitMB), r.ok ? 'yes' : 'NO', r.problem ?? r.slowestStage ?? '']);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const fmt = (cells: string[]) => '  ' + cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(['', fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...body.map(fmt), '',
      `  bound: ≤ ${SECONDS_PER_MB} s per MB on one core, peak RSS ≤ 300 MB + 20 × the input; ${rows.filter((r) => r.ok).length}/${rows.length} within it`,
      `  machine: ${result.machine.cpu}, ${result.machine.cores} cores, node ${result.machine.node}`].join('\n'));
    console.log(JSON_MARKER);
  }
  console.log(JSON.stringify(result, null, opts.json ? 2 : 0));
  const outDir = path.join(root, '.bench');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'adversarial.json'), JSON.stringify(result, null, 2) + '\n');
  say('written: .bench/adversarial.json');
}

type Result = {
  machine: { node: string; cpu: string; cores: number };
  corpus: { source: string; documents: number; mb: number; meanBytes: number };
  load: { importMs: number; firstDocumentColdMs: number; gazetteerMs: number; gazetteerRssMB: number; error: string | null };
  run: {
    documents: number; truncated: boolean; errors: number; firstError: string | null; mb: number; seconds: number;
    documentsPerSecond: number; mbPerSecondPerCore: number; msPer3KB: number;
    msPerDocument: { mean: number; p50: number; p95: number; p99: number; max: number };
    annotationsPerDocument: Record<string, number>;
    byLanguage: Record<string, { documents: number; documentsPerSecond: number; msPerDocument: number; msPer3KB: number }>;
  };
  stages: { name: string; skipped: boolean; totalMs: number; meanMs: number; maxMs: number; share: number; errors: number; firstError: string | null }[];
  memory: { peakRssMB: number; heapUsedAfterRunMB: number; heapUsedAfterGcMB: number };
  stagesPass: { timedMs: number; meanMsPerDocument: number };
};

function renderTable(r: Result): string {
  const rows: [string, string][] = [
    ['corpus', r.corpus.source],
    ['documents', `${r.run.documents}${r.run.truncated ? ` of ${r.corpus.documents} (time budget)` : ''}`],
    ['total MB', `${r.run.mb.toFixed(2)} (mean ${r.corpus.meanBytes} bytes/doc)`],
    ['seconds', r.run.seconds.toFixed(3)],
    ['documents/s', r.run.documentsPerSecond.toFixed(0)],
    ...Object.entries(r.run.byLanguage).map(([l, v]): [string, string] =>
      [`  ${l}: documents/s · ms per 3 KB`, `${v.documentsPerSecond.toFixed(0)} · ${v.msPer3KB.toFixed(3)} (${v.documents} documents)`]),
    ['MB/s (1 core)', r.run.mbPerSecondPerCore.toFixed(3)],
    ['ms/doc mean', r.run.msPerDocument.mean.toFixed(3)],
    ['ms/doc p50 · p95 · p99 · max', [r.run.msPerDocument.p50, r.run.msPerDocument.p95, r.run.msPerDocument.p99, r.run.msPerDocument.max].map((x) => x.toFixed(3)).join(' · ')],
    ['ms per 3 KB', r.run.msPer3KB.toFixed(3)],
    ['load: import pipeline', `${r.load.importMs.toFixed(1)} ms`],
    ['load: gazetteer', `${r.load.gazetteerMs.toFixed(1)} ms, +${r.load.gazetteerRssMB.toFixed(1)} MB resident`],
    ['load: first doc (cold)', `${r.load.firstDocumentColdMs.toFixed(1)} ms${r.load.error ? `  ERROR ${r.load.error}` : ''}`],
    ['peak RSS', `${r.memory.peakRssMB.toFixed(1)} MB`],
    ['heap used (after run · after GC)', `${r.memory.heapUsedAfterRunMB.toFixed(1)} · ${r.memory.heapUsedAfterGcMB.toFixed(1)} MB`],
    ['errors', r.run.errors ? `${r.run.errors} (first: ${r.run.firstError})` : '0'],
    ['annotations/doc', Object.entries(r.run.annotationsPerDocument).map(([k, v]) => `${k} ${v}`).join(', ')],
    ['machine', `${r.machine.cpu}, ${r.machine.cores} cores, node ${r.machine.node}`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  const lines = ['', 'Vigie pipeline benchmark (single thread)', ''];
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(w)}  ${v}`);
  lines.push('', `  per stage (second pass, same documents): share = the stage's part of the pipeline's ${r.stagesPass.meanMsPerDocument.toFixed(4)} ms/doc`);
  const head = ['stage', 'total ms', 'ms/doc', 'max ms', 'share', 'errors'];
  const body = r.stages.map((s) => [
    s.name,
    s.skipped ? 'skipped' : s.totalMs.toFixed(1),
    s.skipped ? '' : s.meanMs.toFixed(4),
    s.skipped ? '' : s.maxMs.toFixed(3),
    s.skipped ? '' : `${(s.share * 100).toFixed(1)}%`,
    s.errors ? String(s.errors) : '',
  ]);
  const total = ['pipeline', r.stagesPass.timedMs.toFixed(1), r.stagesPass.meanMsPerDocument.toFixed(4), '', '100.0%', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...[...body, total].map((row) => row[i].length)));
  const fmt = (row: string[]): string => '  ' + row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const rule = '  ' + widths.map((x) => '-'.repeat(x)).join('  ');
  lines.push(fmt(head), rule);
  for (const row of body) lines.push(fmt(row));
  lines.push(rule, fmt(total));
  const events = r.stages.find((s) => s.name === 'events');
  if (events && !events.skipped) {
    lines.push('', `  events stage: ${events.meanMs.toFixed(4)} ms/doc = ${(events.share * 100).toFixed(1)}% of the pipeline`);
  }
  for (const s of r.stages) if (s.firstError) lines.push(`  ! ${s.name}: ${s.firstError}`);
  lines.push('');
  return lines.join('\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
