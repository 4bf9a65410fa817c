// Evaluation reports: plain-text tables (aligned columns, ratios to 3 decimals) or JSON.
import type { Acc, PRF } from './score/common.js';

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface EvalReport {
  set: string;
  path: string;
  systems: string[];
  docs: number;
  /** The half of the set scored (--half), when only one was. */
  half?: 1 | 2;
  seconds: number;
  /** Seconds spent inside the systems (pipeline / chrono), by system. */
  systemSeconds: Record<string, number>;
  tables: Table[];
  notes: string[];
  /** Raw scores, for the JSON output. */
  metrics: Record<string, unknown>;
}

export const f3 = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(3);

export const PRF_COLUMNS = ['n_gold', 'n_pred', 'P', 'R', 'F1'];
export const prfCells = (s: PRF): string[] => [String(s.nGold), String(s.nPred), f3(s.p), f3(s.r), f3(s.f1)];

export const ACC_COLUMNS = ['n', 'correct', 'acc'];
export const accCells = (a: Acc): string[] => [String(a.n), String(a.correct), a.n ? f3(a.acc) : '-'];

export function renderTable(t: Table): string {
  const all = [t.columns, ...t.rows];
  const widths = t.columns.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? (c ?? '').padEnd(widths[i]) : (c ?? '').padStart(widths[i]))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [`## ${t.title}`, line(t.columns), rule, ...t.rows.map(line)].join('\n');
}

export function renderText(r: EvalReport): string {
  const sys = Object.entries(r.systemSeconds).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', ');
  const head = `vigie eval ${r.set} ${r.path}\n` +
    `systems: ${r.systems.join(', ')} · docs: ${r.docs}${r.half ? ` (half ${r.half})` : ''} · total ${r.seconds.toFixed(2)} s` + (sys ? ` (${sys})` : '');
  const parts = [head, ...r.tables.map(renderTable)];
  if (r.notes.length) parts.push(['Notes:', ...r.notes.map((n) => `- ${n}`)].join('\n'));
  return parts.join('\n\n') + '\n';
}

export function renderJson(r: EvalReport): string {
  return JSON.stringify({
    set: r.set, path: r.path, systems: r.systems, docs: r.docs, ...(r.half ? { half: r.half } : {}), seconds: r.seconds,
    systemSeconds: r.systemSeconds, metrics: r.metrics, notes: r.notes,
  }, null, 2) + '\n';
}

/** Wall-clock timer accumulating per system. */
export class Clock {
  readonly started = performance.now();
  readonly spent: Record<string, number> = {};
  time<T>(system: string, f: () => T): T {
    const t0 = performance.now();
    try {
      return f();
    } finally {
      this.spent[system] = (this.spent[system] ?? 0) + (performance.now() - t0) / 1000;
    }
  }
  elapsed(): number {
    return (performance.now() - this.started) / 1000;
  }
}
