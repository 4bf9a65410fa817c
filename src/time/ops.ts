// The operations a time rule can name. Each turns the pieces a rule captured (macros of the
// lexicon: weekday, month, part of day, number…) into a TIMEX3 type, value and precision,
// resolved against the dateline. They know no language: every word reaches them through the
// word lists of the lexicon (src/lexicons/<lang>/time.json).
import type { TimePrecision, TimexType } from '../types.js';
import {
  addDays, addMonths, isoDay, isoMonth, isoWeekValue, isValidDay, nearestYear, pad, quarterOf,
  seasonOf, weekday, type Ymd,
} from './dates.js';
import { normWord, type CompiledRule, type Grammar } from './grammar.js';

export interface OpResult {
  type: TimexType;
  value: string;
  precision: TimePrecision;
  /** True when the value depends on the anchor (dateline or a date mentioned before). */
  anchored: boolean;
  /** The calendar day this expression names, if it names one (later times of day attach to it). */
  day?: Ymd | null;
  /** Sub-span (ranges give one expression per endpoint); defaults to the whole match. */
  start?: number;
  end?: number;
}

export interface OpContext {
  g: Grammar;
  rule: CompiledRule;
  m: RegExpExecArray;
  text: string;
  start: number;
  end: number;
  dct: Ymd | null;
  /** The last calendar day named before this expression (the dateline when none). */
  lastDay: Ymd | null;
}

type Op = (c: OpContext) => OpResult | OpResult[] | null;

// ---------------------------------------------------------------------------------------------
// Reading captured pieces

function get(c: OpContext, name: string, k = 0): string | undefined {
  const gname = c.rule.groups.get(name)?.[k];
  return gname ? c.m.groups?.[gname] : undefined;
}

function word(c: OpContext, name: string, k = 0): number | string | undefined {
  const s = get(c, name, k);
  return s === undefined ? undefined : c.g.maps.get(name)?.get(normWord(s));
}

function num(c: OpContext, name: string, k = 0): number | undefined {
  const s = get(c, name, k);
  if (s === undefined) return undefined;
  if (/^\d/.test(s)) return Number(s.replace(',', '.'));
  const v = c.g.maps.get(name === 'N' ? 'NUM' : name)?.get(normWord(s));
  return typeof v === 'number' ? v : undefined;
}

function param<T>(c: OpContext, key: string): T | undefined {
  return c.rule.spec[key] as T | undefined;
}

/** Direction given by a REL word ("dernier" -1, "prochain" +1, "ce" 0) or the rule's `rel`. */
function rel(c: OpContext): number | undefined {
  for (const k of [0, 1]) {
    const w = word(c, 'REL', k);
    if (typeof w === 'number') return w;
  }
  return param<number>(c, 'rel');
}

function year(c: OpContext, k = 0): number | undefined {
  const y = get(c, 'YEAR', k);
  if (y) return Number(y);
  const yy = get(c, 'YY', k);
  if (yy) {
    // two-digit years: in the dateline's century unless that is more than five years ahead
    const base = c.dct ? c.dct.y : 2030;
    const y = Math.floor(base / 100) * 100 + Number(yy);
    return y > base + 5 ? y - 100 : y;
  }
  return undefined;
}

function month(c: OpContext, k = 0): number | undefined {
  const w = word(c, 'MONTH', k);
  if (typeof w === 'number') return w;
  const n = get(c, 'MNUM', k) ?? get(c, 'MNUM2', k);
  return n ? Number(n) : undefined;
}

function day(c: OpContext, k = 0): number | undefined {
  const d = get(c, 'DAY', k) ?? get(c, 'DAY2', k);
  if (d) return Number(d);
  const o = word(c, 'ORDDAY', k);
  return typeof o === 'number' ? o : undefined;
}

// ---------------------------------------------------------------------------------------------
// Context: is the clause around the expression about the future?

/** Whether a UTF-16 unit ends a clause: . ! ? newline ; (a char code test: this runs on up to
 *  150 characters around every weekday). */
function endsClause(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 10 || c === 59;
}

/** The clause around the expression: up to 90 characters before it and 60 after, each side
 *  stopped at a clause end. */
function clauseAround(c: OpContext): { before: string; after: string } {
  const t = c.text;
  let a = c.start;
  const minA = Math.max(0, c.start - 90);
  while (a > minA && !endsClause(t.charCodeAt(a - 1))) a--;
  let b = c.end;
  const maxB = Math.min(t.length, c.end + 60);
  while (b < maxB && !endsClause(t.charCodeAt(b))) b++;
  return { before: t.slice(a, c.start), after: t.slice(c.end, b) };
}

/** Spans [start, end) of the matches of a global regex in `s`. */
function spans(re: RegExp, s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of s.matchAll(re)) out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return out;
}

/** Distance in characters from the expression to the nearest of `cues` (spans in `clause`, where
 *  the expression sits at `at`), Infinity when there is none. */
function nearest(cues: Array<[number, number]>, at: number): number {
  let best = Infinity;
  for (const [a, b] of cues) best = Math.min(best, b <= at ? at - b : a - at);
  return best;
}

/** The tense of the clause around the expression, as its cues tell: the cue nearest to the
 *  expression before it ("des tirs ont éclaté samedi", "the talks will resume Monday"), else the
 *  nearest after it ("samedi soir, des tirs ont éclaté"; "samedi, le président prononcera…"), so
 *  that "samedi soir, des tirs ont éclaté près du camp que l'armée doit quitter" keeps a past
 *  Saturday. A past cue that holds a future one ("est prévu") is no past cue. Null without cues. */
export function tense(c: OpContext): 'future' | 'past' | null {
  const { before, after } = clauseAround(c);
  const clause = before + ' ' + after;
  const at = before.length;
  const fut = c.g.futureCue ? spans(c.g.futureCue, clause) : [];
  const past = c.g.pastCue ? spans(c.g.pastCue, clause).filter(([a, b]) => !fut.some(([x, y]) => x < b && a < y)) : [];
  for (const side of [(s: [number, number]) => s[1] <= at, (s: [number, number]) => s[0] > at]) {
    const f = nearest(fut.filter(side), at);
    const p = nearest(past.filter(side), at);
    if (f !== Infinity || p !== Infinity) return f < p ? 'future' : 'past';
  }
  return null;
}

function future(c: OpContext): boolean {
  return tense(c) === 'future';
}

/** Refiner of durations in years: an age ("un homme de 35 ans", "Paul, 26 ans,", "35 years old")
 *  is no time expression (TimeML, French TimeBank, TempEval-3 leave ages out). The lexicon's
 *  `ages` say what comes before and after an age. */
function isAge(c: OpContext): boolean {
  const before = c.text.slice(Math.max(0, c.start - 40), c.start);
  const after = c.text.slice(c.end, c.end + 20);
  return c.g.ages.some((p) => (!p.before || p.before.test(before)) && (!p.after || p.after.test(after)));
}

// ---------------------------------------------------------------------------------------------
// Values

const X_DAY = 'XXXX-XX-XX';

function podValue(d: Ymd | null, pod: string): string {
  return `${d ? isoDay(d) : X_DAY}T${pod}`;
}

function dayResult(d: Ymd | null, anchored: boolean, pod?: string): OpResult {
  if (pod) return { type: 'TIME', value: podValue(d, pod), precision: 'partofday', anchored, day: d };
  return { type: 'DATE', value: d ? isoDay(d) : X_DAY, precision: 'day', anchored, day: d };
}

/** Weekday resolution in news: the most recent such day at or before the dateline, unless the
 *  expression or its clause points to the future. */
function resolveWeekday(c: OpContext, wd: number, r: number | undefined): Ymd | null {
  if (!c.dct) return null;
  const dw = weekday(c.dct);
  const back = (dw - wd + 7) % 7;
  const fwd = (wd - dw + 7) % 7;
  if (r === -1) return addDays(c.dct, -(back || 7));
  if (r === 1) return addDays(c.dct, fwd || 7);
  if (r === 0) {
    // "ce samedi": the nearer one, unless the clause's tense says which
    const t = back === 0 ? null : tense(c);
    return back === 0 ? c.dct : t === 'future' ? addDays(c.dct, fwd) : t === 'past' || back <= 3 ? addDays(c.dct, -back) : addDays(c.dct, fwd);
  }
  if (back !== 0 && future(c)) return addDays(c.dct, fwd);
  return addDays(c.dct, -back);
}

function timeOfDay(c: OpContext, base: Ymd | null): string | null {
  let h = num(c, 'HOUR');
  const hv = word(c, 'HOURWORD');
  if (h === undefined && typeof hv === 'number') h = hv;
  if (h === undefined) return null;
  const min = get(c, 'MIN') ? Number(get(c, 'MIN')) : 0;
  const mer = word(c, 'MER');
  if (mer === 'pm' && h < 12) h += 12;
  if (mer === 'am' && h === 12) h = 0;
  if (h > 24) return null;
  const sec = get(c, 'SEC');
  return `${base ? isoDay(base) : X_DAY}T${pad(h)}:${pad(min)}${sec ? ':' + sec : ''}`;
}

function durationValue(n: number | 'X', unit: string): string | null {
  const f = (x: number) => String(Math.round(x * 1000) / 1000);
  switch (unit) {
    case 'DE': return n === 'X' ? 'PXY' : `P${f(n * 10)}Y`;
    case 'CE': return n === 'X' ? 'PXY' : `P${f(n * 100)}Y`;
    case 'D': case 'W': case 'M': case 'Y': return `P${n === 'X' ? 'X' : f(n)}${unit}`;
    case 'WE': return `P${n === 'X' ? 'X' : f(n * 2)}D`;
    case 'W2': return `P${n === 'X' ? 'X' : f(n * 2)}W`;
    case 'Q': return n === 'X' ? 'PXM' : `P${f(n * 3)}M`;
    case 'H': return `PT${n === 'X' ? 'X' : f(n)}H`;
    case 'MIN': return `PT${n === 'X' ? 'X' : f(n)}M`;
    case 'S': return `PT${n === 'X' ? 'X' : f(n)}S`;
    default: return null;
  }
}

/** A calendar unit `n` steps away from the anchor, at that unit's granularity. */
function unitValue(c: OpContext, unit: string, n: number): OpResult | null {
  const a = c.dct;
  switch (unit) {
    case 'D': {
      const d = a ? addDays(a, n) : null;
      return dayResult(d, true);
    }
    case 'W':
      return { type: 'DATE', value: a ? isoWeekValue(addDays(a, 7 * n)) : 'XXXX-WXX', precision: 'week', anchored: true };
    case 'WE': {
      if (!a) return { type: 'DATE', value: 'XXXX-WXX-WE', precision: 'week', anchored: true };
      // "ce week-end" in a weekday dispatch is the one just past, unless the clause looks ahead.
      let base = a;
      if (n === 0 && weekday(a) <= 5) base = future(c) ? a : addDays(a, -7);
      else base = addDays(a, 7 * n);
      return { type: 'DATE', value: `${isoWeekValue(base)}-WE`, precision: 'week', anchored: true };
    }
    case 'M': {
      if (!a) return { type: 'DATE', value: 'XXXX-XX', precision: 'month', anchored: true };
      const [y, m] = addMonths(a.y, a.m, n);
      return { type: 'DATE', value: isoMonth(y, m), precision: 'month', anchored: true };
    }
    case 'Q': {
      if (!a) return { type: 'DATE', value: 'XXXX-QX', precision: 'quarter', anchored: true };
      const [y, m] = addMonths(a.y, a.m, 3 * n);
      return { type: 'DATE', value: `${y}-Q${quarterOf(m)}`, precision: 'quarter', anchored: true };
    }
    case 'Y':
      return { type: 'DATE', value: a ? String(a.y + n) : 'XXXX', precision: 'year', anchored: true };
    case 'DE':
      return { type: 'DATE', value: a ? `${String(Math.floor(a.y / 10) + n).padStart(3, '0')}X` : 'XXXX', precision: 'decade', anchored: true };
    case 'H': case 'MIN': case 'S':
      return { type: 'TIME', value: a ? isoDay(a) : X_DAY, precision: 'day', anchored: true };
    default:
      return null;
  }
}

const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

// ---------------------------------------------------------------------------------------------
// Operations

const ops: Record<string, Op> = {
  /** Day + month (+ year, + weekday): "mercredi 7 juillet 2021", "July 7", "le 11 septembre". */
  date(c) {
    const d = day(c);
    const m = month(c);
    if (d === undefined || m === undefined) return null;
    let y = year(c);
    let anchored = false;
    if (y === undefined) {
      if (!c.dct) return isValidDay(2000, m, d) ? { type: 'DATE', value: `XXXX-${pad(m)}-${pad(d)}`, precision: 'day', anchored: false } : null;
      const r = rel(c);
      y = nearestYear(c.dct, m, d, r === -1 ? -1 : r === 1 ? 1 : 0, future(c) ? 0.5 : 2);
      anchored = true;
    }
    if (!isValidDay(y, m, d)) return null;
    const t = { y, m, d };
    const time = get(c, 'HOUR') !== undefined ? timeOfDay(c, t) : null;
    if (time) return { type: 'TIME', value: time, precision: 'time', anchored, day: t };
    const pod = word(c, 'POD');
    if (typeof pod === 'string') return { type: 'TIME', value: podValue(t, pod), precision: 'partofday', anchored, day: t };
    return { type: 'DATE', value: isoDay(t), precision: 'day', anchored, day: t };
  },

  /** Numeric dates: the rule's macros say which number is the day and which the month
   *  (07/07/2021 in French rules, 7/7/2021 month first in English ones, 2021-07-07 everywhere). */
  numdate(c) {
    const d = day(c);
    const m = month(c);
    if (d === undefined || m === undefined) return null;
    const y = year(c);
    if (y === undefined || !isValidDay(y, m, d)) return null;
    const t = { y, m, d };
    return { type: 'DATE', value: isoDay(t), precision: 'day', anchored: false, day: t };
  },

  /** A month, maybe with a year, a direction ("janvier dernier") or a part ("début mai"). */
  month(c) {
    const m = month(c);
    if (m === undefined) return null;
    const mtext = get(c, 'MONTH');
    let y = year(c);
    if (mtext && y === undefined && get(c, 'REL') === undefined && c.g.ambiguousMonths.has(normWord(mtext))) {
      if (!/^\p{Lu}/u.test(mtext)) return null;
      const before = c.text.slice(Math.max(0, c.start - 20), c.start);
      if (!c.g.ambiguousMonthCue || !c.g.ambiguousMonthCue.test(before)) return null;
    }
    let anchored = false;
    if (y === undefined) {
      if (!c.dct) return { type: 'DATE', value: `XXXX-${pad(m)}`, precision: 'month', anchored: false };
      const r = rel(c);
      const cur = c.dct.y * 12 + c.dct.m - 1;
      const fut = future(c);
      let best = c.dct.y;
      let bestDist = Infinity;
      for (const yy of [c.dct.y - 1, c.dct.y, c.dct.y + 1]) {
        const k = yy * 12 + m - 1;
        if (r === -1 && k >= cur) continue;
        if (r === 1 && k <= cur) continue;
        // news looks back: a month ahead counts double unless the clause speaks of the future
        const dist = k > cur ? (k - cur) * (fut ? 0.5 : 2) : cur - k;
        if (dist < bestDist) {
          bestDist = dist;
          best = yy;
        }
      }
      y = best;
      anchored = true;
    }
    return { type: 'DATE', value: isoMonth(y, m), precision: 'month', anchored };
  },

  /** Two months of one year: "entre juillet et septembre" (a quarter when it is one). */
  monthRange(c) {
    const m0 = month(c, 0);
    const m1 = month(c, 1);
    if (m0 === undefined || m1 === undefined || m1 < m0) return null;
    let y = year(c);
    if (y === undefined && c.dct) y = m1 <= c.dct.m ? c.dct.y : c.dct.y - 1;
    const ys = y === undefined ? 'XXXX' : String(y);
    if (m0 % 3 === 1 && m1 === m0 + 2) return { type: 'DATE', value: `${ys}-Q${quarterOf(m0)}`, precision: 'quarter', anchored: true };
    return { type: 'DATE', value: `${ys}-${pad(m0)}`, precision: 'month', anchored: true };
  },

  /** Day range in one month: one DATE per endpoint ("du 3 au 5 mai" → 3 May, 5 May). */
  dayRange(c) {
    const d0 = get(c, 'DAY', 0);
    const d1 = get(c, 'DAY', 1);
    const m = month(c);
    if (!d0 || !d1 || m === undefined) return null;
    let y = year(c);
    let anchored = false;
    if (y === undefined && c.dct) {
      y = nearestYear(c.dct, m, Number(d1), rel(c) === -1 ? -1 : 0);
      anchored = true;
    }
    const s = c.m[0];
    const i0 = s.indexOf(d0);
    const i1 = s.indexOf(d1, i0 + d0.length);
    const out: OpResult[] = [];
    for (const [dd, a, b] of [[Number(d0), c.start, c.start + i0 + d0.length], [Number(d1), c.start + i1, c.end]] as const) {
      if (y !== undefined && !isValidDay(y, m, dd)) return null;
      const t = y === undefined ? null : { y, m, d: dd };
      out.push({ type: 'DATE', value: t ? isoDay(t) : `XXXX-${pad(m)}-${pad(dd)}`, precision: 'day', anchored, day: t, start: a, end: b });
    }
    return out;
  },

  /** A year: "2019", "en 2019", "fin 2020", "l'année 2001", "fiscal 1998". */
  year(c) {
    const y = year(c);
    if (y === undefined) return null;
    if (param<boolean>(c, 'bare')) {
      if (y < 1800 || y > 2099) return null;
      const after = c.text.slice(c.end, c.end + 24);
      const before = c.text.slice(Math.max(0, c.start - 16), c.start);
      if (c.g.notYearAfter?.test(after)) return null;
      if (c.g.notYearBefore?.test(before)) return null;
    }
    return { type: 'DATE', value: String(y), precision: 'year', anchored: false };
  },

  /** "les années 1970", "les années 70", "the 1990s" → 197X. */
  decade(c) {
    const y = get(c, 'YEAR');
    const yy = get(c, 'YY');
    let full: number;
    if (y) full = Number(y);
    else if (yy) full = (Number(yy) <= 20 && Number(yy) !== 0 ? 2000 : 1900) + Number(yy);
    else return null;
    if (full % 10 !== 0) return null;
    return { type: 'DATE', value: `${Math.floor(full / 10)}X`, precision: 'decade', anchored: false };
  },

  /** "le XXe siècle", "the 19th century" → 19, 18. */
  century(c) {
    let n = num(c, 'INT') ?? num(c, 'N');
    const r = get(c, 'ROMAN');
    if (n === undefined && r) n = roman(r);
    const o = word(c, 'ORD');
    if (n === undefined && typeof o === 'number') n = o;
    if (!n || n > 30) return null;
    return { type: 'DATE', value: pad(n - 1), precision: 'century', anchored: false };
  },

  /** A weekday, maybe with a direction, a part of day or a time: "mercredi", "lundi prochain",
   *  "ce mercredi matin", "Wednesday night", "la journée de lundi". */
  weekday(c) {
    const wd = word(c, 'WD');
    if (typeof wd !== 'number') return null;
    const d = resolveWeekday(c, wd, rel(c));
    const pod = word(c, 'POD') ?? param<string>(c, 'pod');
    if (get(c, 'HOUR') !== undefined || get(c, 'HOURWORD') !== undefined) {
      const t = timeOfDay(c, d);
      if (t) return { type: 'TIME', value: t, precision: 'time', anchored: true, day: d };
    }
    if (!d) return { type: 'DATE', value: `XXXX-WXX-${wd}${typeof pod === 'string' ? 'T' + pod : ''}`, precision: typeof pod === 'string' ? 'partofday' : 'day', anchored: false };
    return dayResult(d, true, typeof pod === 'string' ? pod : undefined);
  },

  /** "hier", "aujourd'hui", "demain", "avant-hier" (offset from RELDAY), with a part of day or time. */
  relday(c) {
    const off = word(c, 'RELDAY') ?? param<number>(c, 'offset');
    if (typeof off !== 'number') return null;
    const d = c.dct ? addDays(c.dct, off) : null;
    if (get(c, 'HOUR') !== undefined || get(c, 'HOURWORD') !== undefined) {
      const t = timeOfDay(c, d);
      if (t) return { type: 'TIME', value: t, precision: 'time', anchored: true, day: d };
    }
    const pod = word(c, 'POD') ?? param<string>(c, 'pod');
    return dayResult(d, true, typeof pod === 'string' ? pod : undefined);
  },

  /** "la veille", "le lendemain": a day from the last day named (the dateline when none). */
  veille(c) {
    const off = param<number>(c, 'offset') ?? 0;
    const base = c.lastDay ?? c.dct;
    const pod = word(c, 'POD') ?? param<string>(c, 'pod');
    return dayResult(base ? addDays(base, off) : null, true, typeof pod === 'string' ? pod : undefined);
  },

  /** "trois jours plus tard", "two days later": N days after (sign -1: before) the last day named. */
  shift(c) {
    const n = num(c, 'N') ?? param<number>(c, 'n') ?? 1;
    if (!Number.isInteger(n)) return null;
    const base = c.lastDay ?? c.dct;
    return dayResult(base ? addDays(base, (param<number>(c, 'sign') ?? 1) * n) : null, true);
  },

  /** A part of day: base "dct" (ce soir, this morning), "last" (la nuit dernière, last night) or
   *  "ctx" (a bare "la nuit": the last day named, else the night before the dateline). */
  pod(c) {
    const pod = word(c, 'POD') ?? param<string>(c, 'pod');
    if (typeof pod !== 'string') return null;
    const base = param<string>(c, 'base') ?? 'ctx';
    let d: Ymd | null;
    if (base === 'dct') d = c.dct;
    else if (base === 'last') d = c.dct ? addDays(c.dct, -1) : null;
    else d = c.lastDay ?? (c.dct ? (pod === 'NI' ? addDays(c.dct, -1) : c.dct) : null);
    return { type: 'TIME', value: podValue(d, pod), precision: 'partofday', anchored: true, day: d };
  },

  /** "la nuit de lundi à mardi", "la nuit du samedi 19 au dimanche 20 novembre" → first day + TNI. */
  nightBetween(c) {
    const d0 = get(c, 'DAY', 0);
    const m = month(c);
    let t: Ymd | null = null;
    if (d0 && m !== undefined) {
      const y = year(c) ?? (c.dct ? nearestYear(c.dct, m, Number(d0)) : undefined);
      if (y !== undefined && isValidDay(y, m, Number(d0))) t = { y, m, d: Number(d0) };
    }
    if (!t) {
      const wd = word(c, 'WD', 0);
      if (typeof wd !== 'number') return null;
      t = resolveWeekday(c, wd, rel(c));
      // the night from the day before the dateline's weekday to the dateline itself
      const wd1 = word(c, 'WD', 1);
      if (t && c.dct && typeof wd1 === 'number' && wd1 === weekday(c.dct) && isoDay(t) === isoDay(c.dct)) t = addDays(c.dct, -1);
    }
    return { type: 'TIME', value: podValue(t, 'NI'), precision: 'partofday', anchored: true, day: t };
  },

  /** A calendar unit relative to the dateline: "la semaine dernière", "this month", "next year". */
  relunit(c) {
    const unit = word(c, 'UNIT') ?? word(c, 'CALUNIT') ?? param<string>(c, 'unit');
    if (typeof unit !== 'string') return null;
    return unitValue(c, unit, rel(c) ?? 0);
  },

  /** "il y a deux semaines", "two years ago": the dateline minus N units, at that unit. */
  ago(c) {
    const unit = word(c, 'UNIT') ?? param<string>(c, 'unit');
    const n = num(c, 'N') ?? param<number>(c, 'n') ?? 1;
    if (typeof unit !== 'string' || !Number.isInteger(n)) return null;
    const sign = param<number>(c, 'sign') ?? -1;
    return unitValue(c, unit, sign * n);
  },

  /** "deux mois" P2M, "30,4 secondes" PT30.4S, "des années" PXY, "78 ans" P78Y, "five-year". */
  duration(c) {
    const unit = word(c, 'UNIT') ?? param<string>(c, 'unit');
    if (typeof unit !== 'string') return null;
    let n: number | 'X' | undefined = param<boolean>(c, 'vague') || get(c, 'VAGUE') !== undefined ? 'X' : num(c, 'N') ?? num(c, 'NUM');
    if (n === undefined) n = param<number>(c, 'n') ?? 1;
    if (typeof n === 'number') {
      if (/^\d/.test(get(c, 'N') ?? '') && precededByDigitGroup(c)) return null;
      const frac = word(c, 'FRAC');
      if (typeof frac === 'number') n += frac;
    }
    if (unit === 'Y' && typeof n === 'number' && isAge(c)) return null;
    const v = durationValue(n, unit);
    return v ? { type: 'DURATION', value: v, precision: 'duration', anchored: false } : null;
  },

  /** "chaque semaine" P1W, "tous les jours" P1D, "daily"; "chaque lundi" is weekly (P1W). */
  set(c) {
    const unit = word(c, 'UNIT') ?? word(c, 'FREQADJ') ?? param<string>(c, 'unit') ?? (get(c, 'WD') !== undefined ? 'W' : undefined);
    if (typeof unit !== 'string') return null;
    const v = durationValue(num(c, 'N') ?? 1, unit);
    return v ? { type: 'SET', value: v, precision: 'set', anchored: false } : null;
  },

  /** A word whose value is written in the lexicon: "quinquennat" P5Y (type from the rule). */
  fixed(c) {
    for (const name of c.rule.groups.keys()) {
      const v = word(c, name);
      if (typeof v === 'string') {
        const type = param<TimexType>(c, 'type') ?? 'DURATION';
        return { type, value: v, precision: type === 'DURATION' ? 'duration' : type === 'SET' ? 'set' : 'ref', anchored: false };
      }
    }
    return null;
  },

  /** PRESENT_REF, PAST_REF, FUTURE_REF: "désormais", "récemment", "now". */
  ref(c) {
    const v = word(c, 'REF') ?? word(c, 'REFADJ') ?? param<string>(c, 'value');
    if (typeof v !== 'string') return null;
    return { type: 'DATE', value: v, precision: 'ref', anchored: false };
  },

  /** A time of day: "14h30", "à 21 h 45", "3:30 p.m.", "midi"; on the last day named. */
  time(c) {
    const base = c.lastDay ?? c.dct;
    if (precededByDigitGroup(c)) return null;
    const v = timeOfDay(c, base);
    return v ? { type: 'TIME', value: v, precision: 'time', anchored: true, day: base } : null;
  },

  /** A season: "l'automne 2020", "l'automne dernier", "cet été", "this summer", "l'hiver". */
  season(c) {
    const s = word(c, 'SEASON') ?? word(c, 'SEASONB');
    if (typeof s !== 'string') return null;
    const y = year(c);
    if (y !== undefined) return { type: 'DATE', value: `${y}-${s}`, precision: 'season', anchored: false };
    const r = rel(c);
    if (r === undefined || !c.dct) return { type: 'DATE', value: `XXXX-${s}`, precision: 'season', anchored: false };
    const [cy, cs] = seasonOf(c.dct);
    const curKey = cy * 12 + SEASON_START[cs];
    // candidates: this season in the years around; pick by direction
    const keys = [cy - 1, cy, cy + 1].map((yy) => yy * 12 + SEASON_START[s]);
    let pick: number | undefined;
    if (r === -1) pick = keys.filter((k) => k < curKey).pop();
    else if (r === 1) pick = keys.find((k) => k > curKey);
    else if (keys.includes(curKey)) pick = curKey;
    else pick = future(c) ? keys.find((k) => k > curKey) : keys.filter((k) => k < curKey).pop();
    if (pick === undefined) return null;
    return { type: 'DATE', value: `${Math.floor((pick - 1) / 12)}-${s}`, precision: 'season', anchored: true };
  },

  /** "le troisième trimestre 2021", "the third quarter", "third-quarter" → 2021-Q3. */
  quarter(c) {
    const q = word(c, 'ORD') ?? num(c, 'INT');
    if (typeof q !== 'number' || q < 1 || q > 4) return null;
    let y = year(c);
    let anchored = false;
    if (y === undefined) {
      if (!c.dct) return { type: 'DATE', value: `XXXX-Q${q}`, precision: 'quarter', anchored: false };
      const r = rel(c);
      y = r === -1 ? c.dct.y - 1 : r === 1 ? c.dct.y + 1 : q <= quarterOf(c.dct.m) ? c.dct.y : c.dct.y - 1;
      anchored = true;
    }
    return { type: 'DATE', value: `${y}-Q${q}`, precision: 'quarter', anchored };
  },

  /** Fixed-date holidays (HOLIDAY word → "MM-DD"): nearest occurrence, or the year given. */
  holiday(c) {
    const v = word(c, 'HOLIDAY');
    if (typeof v !== 'string') return null;
    const [m, d] = v.split('-').map(Number);
    let y = year(c);
    if (y === undefined) {
      if (!c.dct) return { type: 'DATE', value: `XXXX-${v}`, precision: 'day', anchored: false };
      y = nearestYear(c.dct, m, d, rel(c) === -1 ? -1 : 0);
    }
    const t = { y, m, d };
    return { type: 'DATE', value: isoDay(t), precision: 'day', anchored: true, day: t };
  },

  /** Fiscal years written "2023/2024" or "2022/23": the start year. */
  fiscal(c) {
    const y = get(c, 'YEAR', 0);
    return y ? { type: 'DATE', value: y, precision: 'year', anchored: false } : null;
  },
};

function precededByDigitGroup(c: OpContext): boolean {
  return /\d[\s\u00a0\u202f.,]$/.test(c.text.slice(Math.max(0, c.start - 2), c.start));
}

function roman(s: string): number | undefined {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]];
    const b = v[s[i + 1]] ?? 0;
    if (a === undefined) return undefined;
    n += a < b ? -a : a;
  }
  return n;
}

export function runOp(c: OpContext): OpResult | OpResult[] | null {
  const op = ops[c.rule.spec.op];
  if (!op) throw new Error(`time grammar: unknown op "${c.rule.spec.op}"`);
  return op(c);
}

export const OP_NAMES = Object.keys(ops);
