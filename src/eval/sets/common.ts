// What the set runners share: options, the systems to run, the time tables.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TimeScores } from '../score/times.js';
import { ACC_COLUMNS, accCells, f3, PRF_COLUMNS, prfCells, type Table } from '../report.js';

export interface EvalOptions {
  json?: boolean;
  /** 'vigie' (the pipeline) or 'chrono' (bare chrono-node, times only). Default: both on time sets. */
  system?: string;
  /** At most this many documents (after --half). */
  limit?: number;
  /**
   * Keep one half of the documents (1 or 2; the CLI may pass the string): see `halves`. Study
   * failures on half 1 only; half 2 tells whether a change generalises.
   */
  half?: number | string;
  /** petrarch2: the CAMEO→PLOVER map (default: <path>/../plover-gsr/CAMEO2PLOVER-2021.txt). */
  map?: string;
  /** petrarch2: also score the PETRARCH2 unit-test records. */
  unit?: boolean;
}

export type Half = 1 | 2;

/** The half asked for, or undefined for all documents; anything else is a usage error. */
export function checkHalf(half: EvalOptions['half']): Half | undefined {
  if (half === undefined || half === '') return undefined;
  const h = Number(half);
  if (h !== 1 && h !== 2) throw new Error(`--half ${half}: expected 1 or 2.`);
  return h;
}

/** FNV-1a hash of an id: an order that mixes ids grouped by type or category ("AGREE-0001"…). */
function fnv1a(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The two halves of a set: documents ordered by a hash of their id (FNV-1a, the same on every
 * machine; plain id order would put whole types or categories of sets whose ids name them in one
 * half), the first ceil(n/2) are half 1, the rest half 2. Each half keeps the input order.
 */
export function halves<T>(items: readonly T[], idOf: (item: T) => string): [T[], T[]] {
  const order = items.map((it, i) => ({ h: fnv1a(idOf(it)), id: idOf(it), i }))
    .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.i - b.i));
  const first = new Set(order.slice(0, Math.ceil(items.length / 2)).map((o) => o.i));
  const one: T[] = [];
  const two: T[] = [];
  items.forEach((it, i) => (first.has(i) ? one : two).push(it));
  return [one, two];
}

export interface Selection<T> {
  docs: T[];
  /** What was kept, for the report's notes (empty when every document is scored). */
  notes: string[];
}

/** The documents a run scores: the half asked for (if any), then at most `limit` of them. */
export function selectDocs<T>(items: readonly T[], idOf: (item: T) => string, opts: EvalOptions): Selection<T> {
  const half = checkHalf(opts.half);
  const inHalf = half === undefined ? [...items] : halves(items, idOf)[half - 1];
  const docs = opts.limit !== undefined ? inHalf.slice(0, opts.limit) : inHalf;
  const notes: string[] = [];
  if (half !== undefined) {
    notes.push(`Half ${half} of the set: ${inHalf.length} of ${items.length} documents (ordered by a hash of the id; half 1 = the first ceil(n/2)).`);
  }
  if (docs.length < inHalf.length) notes.push(`--limit ${opts.limit}: ${docs.length} of those ${inHalf.length} documents scored.`);
  return { docs, notes };
}

export const SYSTEMS = ['vigie', 'chrono'] as const;
export type SystemName = (typeof SYSTEMS)[number];

export function chooseSystems(opts: EvalOptions, scoresTimes: boolean, set: string): SystemName[] {
  if (opts.system === undefined || opts.system === '') return scoresTimes ? ['vigie', 'chrono'] : ['vigie'];
  if (!(SYSTEMS as readonly string[]).includes(opts.system)) {
    throw new Error(`Unknown system "${opts.system}": use one of ${SYSTEMS.join(', ')}.`);
  }
  if (opts.system === 'chrono' && !scoresTimes) {
    throw new Error(`The chrono baseline only produces times; set "${set}" does not score times.`);
  }
  return [opts.system as SystemName];
}

export async function assertExists(path: string, what: string): Promise<void> {
  try {
    await stat(path);
  } catch {
    throw new Error(`${what} not found: ${path}`);
  }
}

/** Every file under dir (recursively) whose name ends with ext, sorted. */
export async function filesUnder(dir: string, ext: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith(ext)) out.push(p);
    }
  };
  await walk(dir);
  return out.sort();
}

export function timeTables(bySystem: Partial<Record<SystemName, TimeScores>>, title = 'times'): Table[] {
  const entries = Object.entries(bySystem) as [SystemName, TimeScores][];
  const extents: Table = {
    title: `${title}: extents (strict = same offsets, relaxed = any overlap)`,
    columns: ['system', 'n_gold', 'n_pred', 'strict P', 'strict R', 'strict F1', 'relaxed P', 'relaxed R', 'relaxed F1'],
    rows: entries.map(([sys, s]) => [sys, String(s.strict.nGold), String(s.strict.nPred),
      f3(s.strict.p), f3(s.strict.r), f3(s.strict.f1), f3(s.relaxed.p), f3(s.relaxed.r), f3(s.relaxed.f1)]),
  };
  const values: Table = {
    title: `${title}: type and value on relaxed matches; value P/R/F1 = overlap and same value`,
    columns: ['system', 'n_matched', 'type acc', 'value acc', 'value P', 'value R', 'value F1'],
    rows: entries.map(([sys, s]) => [sys, String(s.relaxed.tpGold),
      s.type.n ? f3(s.type.acc) : '-', s.value.n ? f3(s.value.acc) : '-', f3(s.valueF1.p), f3(s.valueF1.r), f3(s.valueF1.f1)]),
  };
  return [extents, values];
}

export { ACC_COLUMNS, accCells, PRF_COLUMNS, prfCells };
