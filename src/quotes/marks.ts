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
}

const PAIRS: Record<string, string> = { '«': '»', '“': '”', '"': '"', '„': '“' };
const SPACE = /[\s\u00A0\u202F]/u;

function isBreak(ch: string): boolean {
  return ch === '\n' || ch === '\r' || ch === '\u2028' || ch === '\u2029';
}

export function findQuoteMarks(text: string): QuoteMarks {
  const list: QuoteMark[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
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
    const open = i;
    const width = close.length;
    let j = i + width;
    let end = -1;
    let paraEnd = -1;
    while (j < n) {
      const cj = text[j];
      if (cj === close[0] && (width === 1 || text[j + 1] === close[1]) || ch === '“' && cj === '"') {
        end = j;
        break;
      }
      if (isBreak(cj)) {
        // continues when the next non-empty paragraph opens with the same mark
        let k = j;
        while (k < n && (isBreak(text[k]) || SPACE.test(text[k]))) k++;
        if (ch !== '"' && !twin && text[k] === ch && hasCloseLater(text, k + 1, close)) {
          j = k + 1;
          continue;
        }
        paraEnd = j;
        break;
      }
      j++;
    }
    if (end < 0 && paraEnd < 0) paraEnd = n;
    let cs = open + width;
    let ce = end >= 0 ? end : paraEnd;
    while (cs < ce && SPACE.test(text[cs])) cs++;
    while (ce > cs && SPACE.test(text[ce - 1])) ce--;
    if (ce > cs) list.push({ open, close: end, cs, ce, closeEnd: end >= 0 ? end + width : ce });
    i = end >= 0 ? end + width : paraEnd;
  }
  return {
    list,
    at(pos: number) {
      for (const q of list) if (q.open === pos || q.cs === pos) return q;
      return null;
    },
    inside(pos: number) {
      for (const q of list) {
        if (q.cs > pos) return false;
        if (pos < q.ce) return true;
      }
      return false;
    },
    around(pos: number) {
      for (const q of list) {
        if (q.cs > pos) return null;
        if (pos < q.ce) return q;
      }
      return null;
    },
    coveredIn(start: number, end: number) {
      let total = 0;
      for (const q of list) {
        const a = Math.max(start, q.cs);
        const b = Math.min(end, q.ce);
        if (b > a) total += b - a;
      }
      return total;
    },
  };
}

function hasCloseLater(text: string, from: number, close: string): boolean {
  for (let k = from; k < text.length; k++) {
    if (text[k] === close) return true;
    if (isBreak(text[k]) && !(k + 1 < text.length && isBreak(text[k + 1]))) {
      // allow the search to run over further paragraphs of the same quotation
      continue;
    }
  }
  return false;
}
