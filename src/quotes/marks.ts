// Quotation marks of a text: « », “ ” and straight double quotes, paired in one pass. A quotation
// left open at the end of a paragraph continues when the next paragraph opens with the same mark
// (the wire convention for a statement running over several paragraphs); otherwise it ends with
// its paragraph.
export interface QuoteMark {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or -1 when the quotation ends with its paragraph. */
  close: number;
  /** The quoted words, without the marks and surrounding spaces. */
  cs: number;
  ce: number;
  /** One past the closing mark (or ce). */
  closeEnd: number;
}

export interface QuoteMarks {
  list: QuoteMark[];
  /** The quotation whose opening mark is at pos (or whose words start at pos). */
  at(pos: number): QuoteMark | null;
  /** pos lies within quoted words. */
  inside(pos: number): boolean;
  /** The quotation whose words contain pos. */
  around(pos: number): QuoteMark | null;
  /** How many characters of [start, end) are quoted words. */
  coveredIn(start: number, end: number): number;
  /** The quotations whose words lie within [start, end), in order. */
  within(start: number, end: number): QuoteMark[];
}

const PAIRS: Record<string, string> = { '«': '»', '“': '”', '"': '"', '„': '“' };
const SPACE = /[\s\u00A0\u202F]/u;

function isBreak(ch: string): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';
}

export function findQuoteMarks(text: string): QuoteMarks {
  return indexMarks(pairMarks(text));
}

/** The quotations of a text in order, each opening mark paired with its closing one (or its paragraph's end). */
function pairMarks(text: string): QuoteMark[] {
  const list: QuoteMark[] = [];
  // Where each closing mark last occurs: a quotation continues over a paragraph break only if
  // its closing mark comes somewhere later.
  const lastClose = new Map<string, number>();
  const lastOf = (close: string): number => {
    let at = lastClose.get(close);
    if (at === undefined) lastClose.set(close, (at = text.lastIndexOf(close)));
    return at;
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    // most characters open nothing: tested by code before any string is made
    const cc = text.charCodeAt(i);
    if (cc !== 0xab && cc !== 0x201c && cc !== 0x22 && cc !== 0x201e && cc !== 0x27) {
      i++;
      continue;
    }
    const ch = text[i];
    // two apostrophes stand for a double quote in some wires ('' … '')
    const twin = ch === "'" && text[i + 1] === "'";
    const close = twin ? "''" : PAIRS[ch];
    if (!close) {
      i++;
      continue;
    }
    // a straight quote glued to letters on both sides closes nothing here and opens nothing
    if ((ch === '"' || twin) && i > 0 && /[\p{L}\p{N}]/u.test(text[i - 1]) && /[\p{L}\p{N}]/u.test(text[i + close.length] ?? '')) {
      i += close.length;
      continue;
    }
    const { end, paraEnd } = closingOf(text, i, ch, close, twin, lastOf);
    const open = i;
    let cs = open + close.length;
    let ce = end >= 0 ? end : paraEnd;
    while (cs < ce && SPACE.test(text[cs])) cs++;
    while (ce > cs && SPACE.test(text[ce - 1])) ce--;
    if (ce > cs) list.push({ open, close: end, cs, ce, closeEnd: end >= 0 ? end + close.length : ce });
    i = end >= 0 ? end + close.length : paraEnd;
  }
  return list;
}

/** Where the quotation opened at i closes (end), or the paragraph end that stops it (paraEnd). */
function closingOf(text: string, i: number, ch: string, close: string, twin: boolean, lastOf: (close: string) => number): { end: number; paraEnd: number } {
  const n = text.length;
  const width = close.length;
  let j = i + width;
  while (j < n) {
    const cj = text[j];
    if (cj === close[0] && (width === 1 || text[j + 1] === close[1]) || ch === '“' && cj === '"') return { end: j, paraEnd: -1 };
    if (isBreak(cj)) {
      // continues when the next non-empty paragraph opens with the same mark
      let k = j;
      while (k < n && (isBreak(text[k]) || SPACE.test(text[k]))) k++;
      if (ch !== '"' && !twin && text[k] === ch && lastOf(close) >= k + 1) {
        j = k + 1;
        continue;
      }
      return { end: -1, paraEnd: j };
    }
    j++;
  }
  return { end: -1, paraEnd: n };
}

/**
 * Look-ups over the quotations: they do not overlap and come in text order, so look-ups are
 * binary searches and a text with thousands of quotation marks stays linear overall.
 */
function indexMarks(list: QuoteMark[]): QuoteMarks {
  const byStart = new Map<number, QuoteMark>();
  for (const q of list) {
    if (!byStart.has(q.open)) byStart.set(q.open, q);
    if (!byStart.has(q.cs)) byStart.set(q.cs, q);
  }
  /** Index of the first quotation whose words end after pos. */
  const firstEndingAfter = (pos: number): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].ce > pos) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const around = (pos: number): QuoteMark | null => {
    const q = list[firstEndingAfter(pos)];
    return q && q.cs <= pos ? q : null;
  };
  return {
    list,
    at: (pos: number) => byStart.get(pos) ?? null,
    inside: (pos: number) => around(pos) !== null,
    around,
    within(start: number, end: number) {
      const out: QuoteMark[] = [];
      for (let i = firstEndingAfter(start); i < list.length && list[i].cs < end; i++) if (list[i].cs >= start && list[i].ce <= end) out.push(list[i]);
      return out;
    },
    coveredIn(start: number, end: number) {
      let total = 0;
      for (let i = firstEndingAfter(start); i < list.length && list[i].cs < end; i++) {
        const a = Math.max(start, list[i].cs);
        const b = Math.min(end, list[i].ce);
        if (b > a) total += b - a;
      }
      return total;
    },
  };
}
