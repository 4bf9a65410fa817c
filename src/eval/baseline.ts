// The "bare chrono-node" baseline for the time stage: chrono's French or English parser run
// once over the whole text with the dateline as reference date, each result mapped to a TIMEX3
// type and value from the components chrono says it KNOWS (not the ones it implies):
//   hour known → TIME YYYY-MM-DDTHH:MM; day or weekday known → DATE YYYY-MM-DD;
//   month known → DATE YYYY-MM; year only → DATE YYYY. (Year/month/day missing from the text are
//   filled from chrono's implied values, i.e. from the reference date.)
import * as chrono from 'chrono-node';
import type { PredTime } from './score/times.js';

const pad = (n: number | null, w = 2) => String(n ?? 0).padStart(w, '0');

type Components = { get(c: string): number | null; isCertain(c: string): boolean };

export function chronoValue(c: Components): { type: 'DATE' | 'TIME'; value: string } {
  const y = pad(c.get('year'), 4);
  const mo = pad(c.get('month'));
  const d = pad(c.get('day'));
  if (c.isCertain('hour')) return { type: 'TIME', value: `${y}-${mo}-${d}T${pad(c.get('hour'))}:${pad(c.get('minute'))}` };
  if (c.isCertain('day') || c.isCertain('weekday')) return { type: 'DATE', value: `${y}-${mo}-${d}` };
  if (c.isCertain('month')) return { type: 'DATE', value: `${y}-${mo}` };
  if (c.isCertain('year')) return { type: 'DATE', value: y };
  return { type: 'DATE', value: `${y}-${mo}-${d}` };
}

/** Reference date for chrono: the dateline at local noon (today when there is none). */
export function referenceDate(published: string | null | undefined): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(published ?? '');
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0) : new Date();
}

export function chronoTimes(text: string, lang: string, published: string | null | undefined, doc?: string): PredTime[] {
  const parser = lang === 'fr' ? chrono.fr : chrono.en;
  const results = parser.parse(text, referenceDate(published));
  return results.map((r) => {
    const { type, value } = chronoValue(r.start as unknown as Components);
    return { doc, start: r.index, end: r.index + r.text.length, type, value };
  });
}
