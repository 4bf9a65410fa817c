// Calendar arithmetic on plain (year, month, day) triples, in UTC so that no local time zone or
// daylight-saving shift ever moves a day. Values are written in TIMEX3 value syntax.

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function parseYmd(iso: string | null | undefined): Ymd | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? { y: +m[1], m: +m[2], d: +m[3] } : null;
}

export function isoDay(t: Ymd): string {
  return `${pad(t.y, 4)}-${pad(t.m)}-${pad(t.d)}`;
}

export function isoMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}

function toUtc(t: Ymd): Date {
  return new Date(Date.UTC(t.y, t.m - 1, t.d));
}

function fromUtc(d: Date): Ymd {
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

export function addDays(t: Ymd, n: number): Ymd {
  const d = toUtc(t);
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}

/** Month arithmetic at month precision: returns [year, month]. */
export function addMonths(y: number, m: number, n: number): [number, number] {
  const k = y * 12 + (m - 1) + n;
  return [Math.floor(k / 12), (k % 12) + 1];
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(t: Ymd): number {
  const w = toUtc(t).getUTCDay();
  return w === 0 ? 7 : w;
}

/** ISO 8601 week: [week-year, week number]. */
export function isoWeek(t: Ymd): [number, number] {
  const d = toUtc(t);
  const wd = weekday(t);
  d.setUTCDate(d.getUTCDate() + 4 - wd); // the Thursday of this week decides the year
  const y = d.getUTCFullYear();
  const jan1 = Date.UTC(y, 0, 1);
  const week = Math.floor((d.getTime() - jan1) / 86400000 / 7) + 1;
  return [y, week];
}

export function isoWeekValue(t: Ymd): string {
  const [y, w] = isoWeek(t);
  return `${pad(y, 4)}-W${pad(w)}`;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** The year that puts (month, day) nearest to the anchor. News looks back: a date ahead of the
 *  anchor counts `ahead` times its distance (2 by default; less when the clause speaks of the
 *  future), so "le 11 septembre" written in July is this September, "March 31" written in
 *  October is last March. */
export function nearestYear(anchor: Ymd, m: number, d: number, dir: -1 | 0 | 1 = 0, ahead = 2): number {
  const a = anchor.y * 372 + anchor.m * 31 + anchor.d;
  let best = anchor.y;
  let bestDist = Infinity;
  for (const y of [anchor.y - 1, anchor.y, anchor.y + 1]) {
    const k = y * 372 + m * 31 + d;
    if (dir < 0 && k > a) continue;
    if (dir > 0 && k < a) continue;
    if (dir < 0 && k === a && d !== 0) continue; // "le 7 juillet dernier" written on 7 July means last year
    const dist = k > a ? (k - a) * ahead : a - k;
    if (dist < bestDist) {
      bestDist = dist;
      best = y;
    }
  }
  return best;
}

/** Quarter of a month, 1..4. */
export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}

/** Meteorological-ish season of a month, with winter belonging to the year it starts in. */
export function seasonOf(t: Ymd): [number, string] {
  const m = t.m;
  if (m >= 3 && m <= 5) return [t.y, 'SP'];
  if (m >= 6 && m <= 8) return [t.y, 'SU'];
  if (m >= 9 && m <= 11) return [t.y, 'FA'];
  return [m === 12 ? t.y : t.y - 1, 'WI'];
}
