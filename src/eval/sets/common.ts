// What the set runners share: options, the systems to run, the time tables.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TimeScores } from '../score/times.js';
import { ACC_COLUMNS, accCells, f3, PRF_COLUMNS, prfCells, type Table } from '../report.js';

export interface EvalOptions {
  json?: boolean;
  /** 'vigie' (the pipeline) or 'chrono' (bare chrono-node, times only). Default: both on time sets. */
  system?: string;
  /** At most this many documents. */
  limit?: number;
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
