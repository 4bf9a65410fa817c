// The pure parts of the web UI (no DOM), compiled with the server so node's test runner checks
// them, and bundled into the page by Vite: cutting a text into runs under overlapping
// annotations, grid clustering of points, events per day by type.

/** An annotation to show over the text: [start, end) in UTF-16 units, and what it is. */
export interface Layer {
  start: number;
  end: number;
  /** A key the renderer maps to a class and a tooltip ("mention:m3", "quote:q1"…). */
  key: string;
}

/** A stretch of the text under the same set of annotations. */
export interface Run {
  start: number;
  end: number;
  /** The layers covering the whole run, in the order given. */
  keys: string[];
}

/**
 * The text as consecutive runs, cut wherever an annotation starts or ends, each with the
 * annotations covering it: overlapping and nested spans (a mention inside a quote) both show.
 * Spans outside the text or empty are ignored; the runs cover [0, length) exactly.
 */
export function runsOf(length: number, layers: readonly Layer[]): Run[] {
  const valid = layers.filter((l) => Number.isInteger(l.start) && Number.isInteger(l.end) && l.start >= 0 && l.end <= length && l.start < l.end);
  const cuts = new Set<number>([0, length]);
  for (const l of valid) {
    cuts.add(l.start);
    cuts.add(l.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (start === end) continue;
    runs.push({ start, end, keys: valid.filter((l) => l.start <= start && l.end >= end).map((l) => l.key) });
  }
  return runs;
}

export interface GridPoint<T> {
  x: number;
  y: number;
  item: T;
}

export interface Cluster<T> {
  /** Mean position of the members, in the same units as the input. */
  x: number;
  y: number;
  items: T[];
}

/**
 * Points gathered into square cells of `cell` units (screen pixels at the current zoom): a cheap
 * clustering that splits as the map zooms in, since the same distance is more pixels. Cells come
 * out in the order their first point was given.
 */
export function gridClusters<T>(points: readonly GridPoint<T>[], cell: number): Cluster<T>[] {
  const cells = new Map<string, { sx: number; sy: number; items: T[] }>();
  for (const p of points) {
    const key = `${Math.floor(p.x / cell)}:${Math.floor(p.y / cell)}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { sx: 0, sy: 0, items: [] }));
    c.sx += p.x;
    c.sy += p.y;
    c.items.push(p.item);
  }
  return [...cells.values()].map((c) => ({ x: c.sx / c.items.length, y: c.sy / c.items.length, items: c.items }));
}

export interface DayCount {
  day: string;
  /** Events of that day per type, in the order of `types`. */
  counts: number[];
  total: number;
}

/** YYYY-MM-DD of the day after. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Events per day, stacked by type, every day from the first to the last (empty days included,
 * so the bars keep their place in time). Events dated to a month or a year are left out: they
 * belong to no one day. Spans longer than `maxDays` are cut to the last `maxDays` days.
 */
export function eventsPerDay(events: readonly { date: string | null; type: string }[], types: readonly string[], maxDays = 366): DayCount[] {
  const byDay = new Map<string, number[]>();
  for (const e of events) {
    if (!e.date || !/^\d{4}-\d{2}-\d{2}$/.test(e.date)) continue;
    const i = types.indexOf(e.type);
    if (i < 0) continue;
    let row = byDay.get(e.date);
    if (!row) byDay.set(e.date, (row = types.map(() => 0)));
    row[i]++;
  }
  if (!byDay.size) return [];
  const days = [...byDay.keys()].sort();
  const out: DayCount[] = [];
  for (let d = days[0]; d <= days[days.length - 1]; d = nextDay(d)) {
    const counts = byDay.get(d) ?? types.map(() => 0);
    out.push({ day: d, counts, total: counts.reduce((a, b) => a + b, 0) });
  }
  return out.slice(-maxDays);
}

/** Circle radius in pixels for an event's death toll: visible at 0, growing slowly, bounded. */
export function radiusForFatalities(fatalities: number | null): number {
  const n = fatalities && fatalities > 0 ? fatalities : 0;
  return Math.min(22, 6 + 3 * Math.sqrt(n));
}

/** Sorts rows by a column's value: numbers as numbers, text by locale, nulls last either way. */
export function compareValues(a: string | number | null | undefined, b: string | number | null | undefined, dir: 1 | -1): number {
  const an = a === null || a === undefined || a === '';
  const bn = b === null || b === undefined || b === '';
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * dir;
  return String(a).localeCompare(String(b)) * dir;
}

/**
 * The text of a page from its blocks (paragraphs, headings, list items…) as read in the browser:
 * spaces inside a block made single, empty blocks dropped, a block repeating the one before it
 * dropped (a caption under its own heading), blocks separated by a blank line — as `vigie ingest`
 * separates a page's paragraphs.
 */
export function joinBlocks(blocks: readonly string[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    const t = b.replace(/\s+/g, ' ').trim();
    if (t && t !== out[out.length - 1]) out.push(t);
  }
  return out.join('\n\n');
}

/** The calendar day a page's date metadata gives ("2024-03-06T10:00:00Z" → "2024-03-06"), or null. */
export function dayOf(value: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value?.trim() ?? '');
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? m[0] : null;
}
