// Temporal expressions of one text, resolved against its dateline.
//
// Two passes over the text, each exactly once:
//  1. the language's own grammar (src/lexicons/<lang>/time.json compiled into one sticky regex,
//     see grammar.ts; operations in ops.ts), tried only at word starts just before a trigger
//     word (weekday, month, unit, part of day, number…): news phrases, durations, sets, parts of
//     day, weekdays, explicit dates;
//  2. chrono-node (the casual parser of that language, reference = the dateline, no forward
//     dating), kept for explicit dates the grammar does not know: only results that hold a
//     number, name a month and end on a word boundary. Since every result kept names a month,
//     chrono-node reads only the paragraphs holding a month word (the lexicon's `chronoSeed`)
//     and the edges of their neighbours, the rest shortened to a placeholder (chronoText).
// The grammar's sticky regex is tried at a word start with only the rules whose matches can
// begin with its first letter (grammar.ts, regexFor), in their order, so the same rule wins.
// Refiners then keep the grammar's reading where both overlap, move a time of day onto the day
// named right after it ("vers 15 h 30, hier"), and number the rest t1, t2… in text order.
//
// Conventions (TimeML / TIMEX3, as in French TimeBank, TempEval-3 and fr-wire-dev):
//  - extents: determiners belong to the expression (le 7 juillet, la nuit dernière, cette
//    semaine, the 1990s, last week); prepositions do not (en 2019, depuis deux mois, on Friday,
//    over the weekend), except "dans la nuit" which wires annotate whole;
//  - weekdays: the most recent such day at or before the dateline ("mercredi" in a Wednesday
//    dispatch is the dateline), the next one with "prochain"/"next" or a future cue in the
//    clause (will, sera, se tiendra…), the one a week back with "dernier"/"last";
//  - dates without a year, bare months: the nearest such date, a date ahead counting double (news
//    looks back) unless the clause speaks of the future;
//  - parts of day: date + TMO/TAF/TEV/TNI ("la nuit dernière" = day before + TNI; "la nuit de
//    lundi à mardi" = Monday TNI); a bare "la nuit" / "le matin" / time of day ("à 14h30") takes
//    the last day named within a month of the dateline, else the dateline (the night before it
//    for "la nuit");
//  - "ce week-end" / "the weekend" in a weekday dispatch: the weekend just past (YYYY-Www-WE);
//  - ranges "du 3 au 5 mai": one DATE per endpoint ("du 3" → 05-03, "5 mai" → 05-05); two months
//    of one quarter ("entre juillet et septembre") → YYYY-Qn;
//  - durations P2M, PT30.4S, vague PXY/PXM/PXD; ages ("78 ans") P78Y; sets P1W, P1D ("chaque
//    lundi" is weekly: P1W); PRESENT_REF / PAST_REF / FUTURE_REF for désormais, récemment…;
//  - "le 11 septembre" is a date; the names "11-Septembre" and "9/11" are not tagged (a numeric
//    date needs its year);
//  - no dateline: relative expressions keep unknown digits ("XXXX-XX-XX", "XXXX-WXX-3",
//    "XXXX-07-14") and their anchor is null; absolute dates are resolved in full.
// `anchor` is the dateline when the value depends on it (or on a day named before), else null.
import * as chrono from 'chrono-node';
import type { TimeExpr, TimePrecision, TimexType } from '../types.js';
import { isoDay, pad, parseYmd, type Ymd } from './dates.js';
import { grammarFor, MAX_LEAD, regexFor, type Grammar } from './grammar.js';
import { runOp, type OpResult } from './ops.js';

export { grammarFor } from './grammar.js';

interface Found {
  start: number;
  end: number;
  type: TimexType;
  value: string;
  precision: TimePrecision;
  anchored: boolean;
  source: 'grammar' | 'chrono';
  day?: Ymd | null;
  /** The rule that found it, then the refiners that changed it. */
  rules: string[];
}

const ROMAN_WORD = /^[IVXLC]+\p{Ll}{0,3}$/u;
const ROMAN_FIRST = new Set([...'IVXLC'].map((ch) => ch.charCodeAt(0)));

// Whether a UTF-16 unit is a letter or digit (\p{L}, \p{N}): 1 yes, 2 no, 0 not looked up yet.
const WORD_UNIT = new Uint8Array(65536);
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
for (let c = 0; c < 128; c++) WORD_UNIT[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;

/** Length (1, or 2 for a surrogate pair) of the letter or digit at `i`, 0 if there is none. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0;
  }
  let k = WORD_UNIT[c];
  if (k === 0) WORD_UNIT[c] = k = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 1 ? 1 : 0;
}

function grammarPass(g: Grammar, text: string, dct: Ymd | null): Found[] {
  const out: Found[] = [];
  // one pass over the words: their starts, and which of them are triggers
  const starts: number[] = []; // starts of the words an expression can begin with
  const anchors: number[] = []; // indexes into starts of the trigger words
  const n = text.length;
  for (let i = 0; i < n; ) {
    // the words are the runs of letters and digits ([\p{L}\p{N}]+)
    if (wordCharAt(text, i) === 0) {
      i++;
      continue;
    }
    const from = i;
    let len: number;
    while (i < n && (len = wordCharAt(text, i)) !== 0) i += len;
    const c = text.charCodeAt(from);
    const digit = c >= 48 && c <= 57;
    const w = text.slice(from, i);
    const lw = digit ? w : w.toLowerCase();
    // roman numerals ("XXe siècle") may start an expression too
    if (!digit && !g.leaders.has(lw) && !(ROMAN_FIRST.has(c) && ROMAN_WORD.test(w))) continue;
    if (digit || g.triggers.has(lw)) anchors.push(starts.length);
    starts.push(from);
  }
  let lastDay: Ymd | null = null;
  let pos = 0; // end of the last expression found
  // A sticky match at a given start is the same whichever trigger asked: tried once. A match
  // holds one entry per named group of the grammar (hundreds), so the memo keeps only the starts
  // a later trigger can still look back to; the look-back floor (the first start at or after
  // `pos` and within MAX_LEAD) only moves forward, so entries below it are dropped for good.
  const tried = new Map<number, RegExpExecArray | null>();
  let floor = 0; // the memo holds no start index below this
  for (const ai of anchors) {
    const a = starts[ai];
    if (a < pos) continue;
    // the first word start, from MAX_LEAD characters before the trigger, where a rule matches
    // across the trigger (at most MAX_LEAD characters back: a bounded look-back)
    let k = ai;
    while (k > 0 && starts[k - 1] >= pos && a - starts[k - 1] <= MAX_LEAD) k--;
    for (; floor < k; floor++) tried.delete(floor);
    for (; k <= ai; k++) {
      let m = tried.get(k);
      if (m === undefined) {
        const re = regexFor(g, text[starts[k]]);
        re.lastIndex = starts[k];
        m = re.exec(text);
        tried.set(k, m);
      }
      if (!m || m.index + m[0].length <= a) continue;
      const groups = m.groups!;
      let rule = null;
      for (let ri = 0; ri < g.rules.length; ri++) {
        if (groups[g.ruleGroups[ri]] !== undefined) {
          rule = g.rules[ri];
          break;
        }
      }
      if (!rule) continue;
      const start = m.index;
      const end = start + m[0].length;
      const res = runOp({ g, rule, m, text, start, end, dct, lastDay });
      if (!res) continue; // a rejected reading: try the next start
      for (const r of Array.isArray(res) ? res : [res]) {
        out.push(toFound(r, start, end, rule.name));
        // the narrative's day: days near the dateline (background dates do not move it)
        if (r.day && (!dct || Math.abs(dayNumber(r.day) - dayNumber(dct)) <= 31)) lastDay = r.day;
      }
      pos = end;
      break;
    }
  }
  return timeBeforeDay(out, text);
}

/** Refiner: a time of day right before the day it belongs to ("vers 15 h, hier", "at 9 a.m.
 *  Friday") takes that day rather than the one named before it. */
function timeBeforeDay(found: Found[], text: string): Found[] {
  for (let i = 0; i + 1 < found.length; i++) {
    const a = found[i];
    const b = found[i + 1];
    if (a.precision !== 'time' || !b.day || b.start - a.end > 3) continue;
    if (!/^[\s,]*$/.test(text.slice(a.end, b.start))) continue;
    a.value = isoDay(b.day) + a.value.slice(10);
    a.day = b.day;
    a.rules.push('timeBeforeDay');
  }
  return found;
}

function dayNumber(t: Ymd): number {
  return Date.UTC(t.y, t.m - 1, t.d) / 86400000;
}

function toFound(r: OpResult, start: number, end: number, rule: string): Found {
  return {
    start: r.start ?? start,
    end: r.end ?? end,
    type: r.type,
    value: r.value,
    precision: r.precision,
    anchored: r.anchored,
    source: 'grammar',
    day: r.day,
    rules: [rule],
  };
}

// --------------------------------------------------------------------------------------------
// chrono-node, once per document

/** chrono-node's casual parser of a locale it knows ("fr", "en", "es", "de"…: the `chrono` field
 *  of a language's time.json, else its code), or none. */
function chronoParser(locale: string): chrono.Chrono | undefined {
  const mod = (chrono as unknown as Record<string, { casual?: chrono.Chrono } | undefined>)[locale];
  return mod && typeof mod === 'object' && mod.casual instanceof chrono.Chrono ? mod.casual : undefined;
}

function chronoPass(g: Grammar, text: string, dct: Ymd | null, shorten = true): Found[] {
  const p = chronoParser(g.lex.chrono ?? g.lang);
  if (!p) return [];
  const ref = dct ? new Date(dct.y, dct.m - 1, dct.d, 12) : new Date(2000, 0, 1, 12);
  const out: Found[] = [];
  const read = chronoText(text, shorten ? g.chronoSeed : null);
  for (const r of chronoRead(p, read.text, ref, g.chronoSeed)) {
    const index = backToText(read, r.index, r.text.length);
    if (index < 0) return read.text === text ? [] : chronoPass(g, text, dct, false); // never seen: read it all
    // chrono is asked for explicit dates only: a number in it, whole words, a month named
    if (!/\d/.test(r.text)) continue;
    const after = text.charAt(index + r.text.length);
    if (after && /[\p{L}\p{N}]/u.test(after)) continue;
    if (g.chronoAccept && !g.chronoAccept.test(r.text)) continue;
    if (g.chronoReject && g.chronoReject.test(r.text)) continue;
    if (r.end) continue; // ranges: the grammar decides how they are cut
    const c = r.start;
    const certainYear = c.isCertain('year');
    if (!dct && !certainYear) continue;
    let value: string;
    let type: TimexType = 'DATE';
    let precision: TimePrecision;
    const y = pad(c.get('year') ?? 0, 4);
    if (c.isCertain('day')) {
      value = `${y}-${pad(c.get('month') ?? 1)}-${pad(c.get('day') ?? 1)}`;
      precision = 'day';
      if (c.isCertain('hour')) {
        value += `T${pad(c.get('hour') ?? 0)}:${pad(c.get('minute') ?? 0)}`;
        type = 'TIME';
        precision = 'time';
      }
    } else if (c.isCertain('month')) {
      value = `${y}-${pad(c.get('month') ?? 1)}`;
      precision = 'month';
    } else continue; // weekday-only, time-only and the like: the grammar's job
    out.push({ start: index, end: index + r.text.length, type, value, precision, anchored: !certainYear, source: 'chrono', rules: ['chrono'] });
  }
  return out;
}

// --------------------------------------------------------------------------------------------
// chrono-node in bounded windows
//
// Some of chrono-node's patterns cost time quadratic in a run they scan and fail on (a time-of-day
// pattern over a long run of blank lines takes seconds per hundred thousand characters), and
// each result it keeps holds a few kilobytes until the whole parse ends. So a long text is read
// in windows of WINDOW characters (the core), each parsed with MARGIN characters of context on
// either side; a window keeps the results that start in its core, and the cores tile the text,
// so every result is kept once, read with the same context as in the whole text (results and
// the joins chrono's refiners make are far shorter than MARGIN). A window whose core, or the
// MARGIN after it, holds no seed (a month word, which every result kept names) is not parsed at
// all. A text that fits in one window is parsed whole, as before.

/** Characters of a window's core. */
export const WINDOW = 4000;
/** Context read on each side of a core. */
const MARGIN = 200;
/** How far back from its nominal end a core's end may move to fall on a blank. */
const CUT_SLACK = 400;

/** A chrono-node result as this module reads it (offsets relative to the text parsed). */
interface ChronoHit {
  index: number;
  text: string;
  start: chrono.ParsedComponents;
  end?: chrono.ParsedComponents | null;
}

/** chrono-node's results on `text`, in text order; windowed when the text is long. Yielded one
 *  window at a time, so that a window's results (each a few objects deep) can be read and let go
 *  before the next window is parsed. `window` (the core size) is a parameter for the tests. */
export function* chronoRead(
  p: chrono.Chrono, text: string, ref: Date, seed: RegExp | null, window = WINDOW,
): Generator<ChronoHit> {
  const opt = { forwardDate: false };
  if (text.length <= window + 2 * MARGIN) {
    yield* p.parse(text, ref, opt);
    return;
  }
  // start of every seed, in text order (same test as chronoText: not right after an ASCII letter)
  const seeds: number[] = [];
  if (seed) {
    seed.lastIndex = 0;
    for (let m = seed.exec(text); m; m = seed.exec(text)) {
      const q = text.charCodeAt(m.index - 1) | 32;
      if (!(q >= 97 && q <= 122)) seeds.push(m.index);
      if (m[0].length === 0) seed.lastIndex++;
    }
  }
  let si = 0; // first seed at or after the current core's start
  for (let cs = 0; cs < text.length; ) {
    const ce = coreEnd(text, cs, window);
    const w0 = Math.max(0, cs - MARGIN);
    const w1 = Math.min(text.length, ce + MARGIN);
    while (si < seeds.length && seeds[si] < cs) si++;
    if (!seed || (si < seeds.length && seeds[si] < w1)) {
      for (const r of p.parse(text.slice(w0, w1), ref, opt)) {
        const at = r.index + w0;
        if (at < cs || at >= ce) continue; // another core's
        yield { index: at, text: r.text, start: r.start, end: r.end };
      }
    }
    cs = ce;
  }
}

/** End of the core that starts at `cs`: `window` characters on, moved back to just after a blank
 *  when one lies within CUT_SLACK (a cut between words), else cut where it falls (a run without
 *  blanks: the margins still give its readings their context). */
function coreEnd(text: string, cs: number, window: number): number {
  const nominal = cs + window;
  if (nominal + MARGIN >= text.length) return text.length; // the rest fits: one last window
  const lowest = Math.max(cs + 1, nominal - CUT_SLACK);
  for (let i = nominal; i > lowest; i--) if (isBlank(text.charCodeAt(i - 1))) return i;
  return nominal;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x202f;
}

/** What chrono-node reads: the text, or a shorter one where every stretch far from a seed (a
 *  month word, which every result kept holds) is replaced by one letter, a word no chrono parser
 *  reads and no chrono refiner joins across. Around each seed, EDGE characters on either side
 *  stay (cut at a blank), far more than any reading kept runs before or after its month word
 *  ("Wednesday, the 7th of July 2021 at 10:30 a.m." is 45). `from`/`to` map its offsets back
 *  (segment k starts at from[k] in it and at to[k] in the text; placeholders lie between
 *  segments). `seed` is global. Most sentences of a dispatch name no month: chrono-node, which
 *  runs all its parsers over every character it is given, reads a fraction of the text. */
interface ChronoText {
  text: string;
  from: number[];
  to: number[];
}

function chronoText(text: string, seed: RegExp | null): ChronoText {
  const whole = { text, from: [0], to: [0] };
  if (!seed) return whole;
  const keep: number[] = []; // start, end of each stretch kept, merged, in text order
  seed.lastIndex = 0;
  for (let m = seed.exec(text); m; m = seed.exec(text)) {
    if (m[0].length === 0) {
      seed.lastIndex++;
      continue;
    }
    // a result starts after a character that is not an ASCII letter, and a month word inside it
    // after a non-letter: a month word right after an ASCII letter is no seed
    const p = text.charCodeAt(m.index - 1) | 32;
    if (p >= 97 && p <= 122) continue;
    const a = blankBefore(text, m.index - EDGE, 0);
    const b = blankAfter(text, m.index + m[0].length + EDGE, text.length);
    if (keep.length && a <= keep[keep.length - 1] + MIN_GAP) keep[keep.length - 1] = Math.max(keep[keep.length - 1], b);
    else keep.push(a, b);
  }
  const from: number[] = [0];
  const to: number[] = [0];
  let out = '';
  let copied = 0; // text before this offset is already in out
  // the gaps between kept stretches (and before the first, after the last) become placeholders
  for (let k = 0; k <= keep.length; k += 2) {
    const a = k === 0 ? 0 : keep[k - 1];
    const b = k < keep.length ? keep[k] : text.length;
    if (b - a < MIN_GAP) continue; // nothing to gain
    out += text.slice(copied, a) + PLACEHOLDER;
    copied = b;
    from.push(out.length);
    to.push(b);
  }
  return copied === 0 ? whole : { text: out + text.slice(copied), from, to };
}

/** A stretch without a seed shorter than this is read as it is. */
const MIN_GAP = 24;

/** How much text chrono still reads on either side of a seed. */
const EDGE = 100;

/** Just after the first blank at or after `i` (at most `end`). */
function blankAfter(text: string, i: number, end: number): number {
  for (; i < end; i++) if (/\s/.test(text[i])) return i + 1;
  return end;
}

/** At the last blank before `i` (at least `start`). */
function blankBefore(text: string, i: number, start: number): number {
  for (i--; i >= start; i--) if (/\s/.test(text[i])) return i;
  return start;
}

const PLACEHOLDER = 'x';

/** Offset in the text of offset `at` of the chrono text, or -1 when a span [at, at + len) does
 *  not lie in one segment of it. */
function backToText(c: ChronoText, at: number, len: number): number {
  // the last segment starting at or before `at` (binary search: there is one per paragraph)
  let lo = 0;
  let hi = c.from.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (c.from[mid] > at) hi = mid - 1;
    else lo = mid;
  }
  const k = lo;
  const end = k + 1 < c.from.length ? c.from[k + 1] - PLACEHOLDER.length : c.text.length;
  return at + len <= end ? c.to[k] + (at - c.from[k]) : -1;
}

/** Refiner: grammar readings win; chrono readings fill gaps only (a chrono reading is dropped
 *  when it overlaps a grammar reading or a chrono reading kept before it). Sorted by position.
 *  Overlaps are found by binary search over the grammar readings sorted by start with the
 *  running maximum of their ends, not by comparing every pair. */
function merge(a: Found[], b: Found[]): Found[] {
  const byStart = [...a].sort((x, y) => x.start - y.start);
  const maxEnd = new Float64Array(byStart.length); // max end of byStart[0..i]
  let top = -Infinity;
  for (let i = 0; i < byStart.length; i++) maxEnd[i] = top = Math.max(top, byStart[i].end);
  const kept = [...a];
  // chrono's readings come in text order and do not overlap one another (its own refiner
  // removes overlaps); sorted here all the same, so that the kept ones before a reading are
  // those that start at or before it
  const mine = [...b].sort((x, y) => x.start - y.start);
  let keptEnd = -Infinity; // max end of the chrono readings kept so far
  for (const x of mine) {
    // grammar readings that start before x ends: byStart[0..n)
    let lo = 0;
    let hi = byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart[mid].start < x.end) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && maxEnd[lo - 1] > x.start) continue;
    if (keptEnd > x.start) continue;
    kept.push(x);
    keptEnd = Math.max(keptEnd, x.end);
  }
  return kept.sort((x, y) => x.start - y.start || y.end - x.end);
}

export interface FindOptions {
  /** Also run chrono-node for formats the grammar does not know (default true). */
  chrono?: boolean;
}

/** Every temporal expression of `text`, resolved against `dateline` (YYYY-MM-DD or null). */
export function findTimes(text: string, lang: string, dateline: string | null, options: FindOptions = {}): TimeExpr[] {
  const g = grammarFor(lang);
  if (!g) return [];
  const dct = parseYmd(dateline);
  const mine = grammarPass(g, text, dct);
  const found = options.chrono === false ? mine : merge(mine, chronoPass(g, text, dct));
  const anchor = dct ? isoDay(dct) : null;
  return found.map((f, i) => ({
    id: `t${i + 1}`,
    start: f.start,
    end: f.end,
    text: text.slice(f.start, f.end),
    type: f.type,
    value: f.value,
    precision: f.precision,
    anchor: f.anchored ? anchor : null,
    rules: f.rules,
  }));
}

/** ACLED time_precision of a time: 1 a day or finer, 2 a week or a part of one, 3 a month or coarser. */
export function acledTimePrecision(time: Pick<TimeExpr, 'precision' | 'value'>): 1 | 2 | 3 {
  switch (time.precision) {
    case 'time':
    case 'partofday':
    case 'day':
      return 1;
    case 'week':
      return 2;
    default:
      return 3;
  }
}
