// Sentences with offsets into the original text.
//
// Intl.Segmenter per paragraph (a line break always ends a sentence: headings and datelines stand
// on their own line), fed in bounded windows, with over-long "sentences" cut, so that the time
// taken stays proportional to the length of any input; then repairs ICU does not know about: a
// break after a title abbreviation ("M. Durand", "Gov. Smith"), after another abbreviation when
// the next sentence starts in lower case or with a digit ("Sept. 11"), inside a pair of
// guillemets or parentheses that closes later in the same paragraph, and before a lower-case
// continuation ("?», a-t-il demandé").
import type { Lang, Span } from '../types.js';
import { segmentationRules, type SegmentationRules } from './rules.js';

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) segmenters.set(locale, (s = new Intl.Segmenter(locale, { granularity: 'sentence' })));
  return s;
}

const SPACE = /\s/u;

/** Marks that may open a chunk before an abbreviation: "(M.", "«Dr". */
const OPENERS = new Set(['(', '[', '«', '“', '"', "'"]);

/**
 * Limits of one call. Intl.Segmenter is handed a paragraph in windows: its cost per sentence grows
 * with the length of the string it is given (a single 1 MB paragraph took minutes), so windows
 * start at `window` characters and only grow, doubling up to `maxWindow`, while a window holds no
 * boundary it can be sure of (a long sentence). A "sentence" longer than `maxSentence` is cut: no
 * sentence of a dispatch comes near it (the longest we have seen is under 2,000 characters), so
 * such a span is a flattened table, a list or junk, and the later stages (quotes, times, events)
 * look at a sentence as a whole, some with a cost that grows faster than its length.
 */
export interface SegmentLimits {
  window: number;
  maxWindow: number;
  maxSentence: number;
}

const LIMITS: SegmentLimits = { window: 1024, maxWindow: 8192, maxSentence: 4000 };

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && SPACE.test(text[start])) start++;
  while (end > start && SPACE.test(text[end - 1])) end--;
  return start < end ? { start, end } : null;
}

/**
 * The last whitespace-delimited chunk of a sentence, without opening brackets or quotes; '' when
 * it is longer than `longest` (the longest abbreviation), as it cannot be one then. Looking back
 * no further than that keeps a paragraph without spaces, joined piece after piece, linear.
 */
function lastChunk(text: string, span: Span, longest: number): string {
  const limit = Math.max(span.start, span.end - longest);
  let i = span.end;
  while (i > limit && !SPACE.test(text[i - 1])) i--;
  if (i > span.start && !SPACE.test(text[i - 1])) {
    // Stopped by the limit: still an abbreviation if only opening marks come before.
    while (i > span.start && OPENERS.has(text[i - 1])) i--;
    if (i > span.start && !SPACE.test(text[i - 1])) return '';
  }
  let core = i;
  while (core < span.end && OPENERS.has(text[core])) core++;
  return text.slice(core, span.end);
}

/**
 * Whether each candidate boundary of a paragraph (in increasing order) lies inside a pair of
 * guillemets / brackets, looking only at pairs that close within the paragraph (an unbalanced mark
 * must not glue a whole paragraph).
 */
function openPairsAt(text: string, from: number, to: number, rules: SegmentationRules, boundaries: number[]): boolean[] {
  // Numbers only, no object per mark: a paragraph of half a million opening brackets must not cost
  // a million small objects. closeOf[i - from] is where the pair opened at i closes (-1: none).
  const openAt: number[] = [];
  const openClose: string[] = [];
  const closeOf = new Int32Array(to - from).fill(-1);
  for (let i = from; i < to; i++) {
    const ch = text[i];
    const close = rules.opens.get(ch) ?? (ch === '(' ? ')' : ch === '[' ? ']' : undefined);
    const top = openClose.length - 1;
    if (close && !(rules.closes.has(ch) && top >= 0 && openClose[top] === ch)) {
      openAt.push(i);
      openClose.push(close);
      continue;
    }
    if (top >= 0 && openClose[top] === ch) {
      closeOf[openAt.pop()! - from] = i;
      openClose.pop();
    }
  }
  // A boundary b is inside a pair when some pair opens before b and closes at or after it, that is
  // when the furthest close among the pairs opened before b reaches b: one sweep over the positions
  // and the boundaries in order rather than every pair for every boundary.
  const inside: boolean[] = new Array<boolean>(boundaries.length);
  let p = from;
  let reach = -1;
  for (let j = 0; j < boundaries.length; j++) {
    const b = boundaries[j];
    for (; p < b && p < to; p++) if (closeOf[p - from] > reach) reach = closeOf[p - from];
    inside[j] = b <= reach;
  }
  return inside;
}

/**
 * A character that ends ICU's look-ahead after a full stop (rule SB8 looks past spaces, digits and
 * punctuation for a lower-case letter): a letter or a sentence terminator. Deliberately narrower
 * than ICU's own classes, so that "ICU has seen one of these" always means "ICU has decided".
 */
const DECIDES = /[\p{Lu}\p{Ll}\p{Lt}\p{Lo}.?!。！？]/u;

/** A cut position moved back so that it does not split a surrogate pair or detach a combining mark. */
function cleanCut(text: string, at: number, floor: number): number {
  while (at > floor && (/\p{M}/u.test(text[at]) || (/[\uDC00-\uDFFF]/.test(text[at]) && /[\uD800-\uDBFF]/.test(text[at - 1])))) at--;
  return at;
}

/**
 * Intl.Segmenter's sentences of text[from, to), trimmed, fed to ICU in windows. Each window is
 * segmented; its last sentences are given back and segmented again at the start of the next
 * window, from the last boundary that the window's end cannot have influenced (one followed,
 * before that end, by a letter or a terminator, where ICU's look-ahead stops). ICU starts afresh
 * at each boundary, so the result is the same as one call on the whole paragraph as long as such
 * boundaries come at least every `maxWindow` characters. A window without one is retried twice as
 * long; a stretch of `maxWindow` characters without one is no prose and is cut at its last
 * whitespace in the second half of the window, or else at the window's end.
 */
function icuSentences(text: string, from: number, to: number, locale: string, limits: SegmentLimits, out: Span[]): void {
  const seg = segmenter(locale);
  let window = limits.window;
  for (let a = from; a < to; ) {
    const half = Math.max(1, window >> 1);
    const end = to - a > window ? cleanCut(text, a + window, a + half) : to;
    const starts: number[] = [];
    for (const s of seg.segment(text.slice(a, end))) starts.push(a + s.index);
    let resume = end;
    if (end < to) {
      let decided = end - 1;
      while (decided >= a && !DECIDES.test(text[decided])) decided--;
      let k = starts.length - 1;
      while (k > 0 && starts[k] > decided) k--;
      if (k > 0) resume = starts[k];
      else if (window < limits.maxWindow) {
        window = Math.min(limits.maxWindow, window * 2);
        continue;
      } else {
        let ws = end - 1;
        while (ws > a + half && !SPACE.test(text[ws])) ws--;
        if (ws > a + half) resume = ws + 1;
      }
    }
    for (let k = 0; k < starts.length && starts[k] < resume; k++) {
      const s = trimSpan(text, starts[k], k + 1 < starts.length ? Math.min(starts[k + 1], resume) : resume);
      if (s) out.push(s);
    }
    a = resume;
    window = limits.window;
  }
}

/**
 * A sentence longer than `max` cut into pieces of at most `max` characters, at the last
 * whitespace of the second half of each piece, or else at the limit itself.
 */
function pushCapped(text: string, span: Span, max: number, out: Span[]): void {
  let start = span.start;
  const half = Math.max(1, max >> 1);
  while (span.end - start > max) {
    let cut = start + max;
    while (cut > start + half && !SPACE.test(text[cut])) cut--;
    if (!SPACE.test(text[cut])) cut = cleanCut(text, start + max, start + half);
    const piece = trimSpan(text, start, cut);
    if (piece) out.push(piece);
    start = cut;
    while (start < span.end && SPACE.test(text[start])) start++;
  }
  const rest = trimSpan(text, start, span.end);
  if (rest) out.push(rest);
}

export function splitSentences(text: string, lang: Lang, limits: Partial<SegmentLimits> = {}): Span[] {
  const lim: SegmentLimits = { ...LIMITS, ...limits };
  const rules = segmentationRules(lang);
  const out: Span[] = [];
  const para = /[^\n\r\u2028\u2029]+/gu;
  for (let p = para.exec(text); p; p = para.exec(text)) {
    const pStart = p.index;
    const pEnd = pStart + p[0].length;
    if (!p[0].trim()) continue;
    const pieces: Span[] = [];
    icuSentences(text, pStart, pEnd, rules.locale, lim, pieces);
    if (pieces.length > 1) {
      const inside = openPairsAt(text, pStart, pEnd, rules, pieces.slice(1).map((s) => s.start));
      const merged: Span[] = [pieces[0]];
      for (let i = 1; i < pieces.length; i++) {
        const prev = merged[merged.length - 1];
        if (shouldJoin(text, prev, pieces[i], rules, inside[i - 1])) prev.end = pieces[i].end;
        else merged.push(pieces[i]);
      }
      for (const s of merged) pushCapped(text, s, lim.maxSentence, out);
    } else for (const s of pieces) pushCapped(text, s, lim.maxSentence, out);
  }
  return out;
}

function shouldJoin(text: string, prev: Span, next: Span, rules: SegmentationRules, insidePair: boolean): boolean {
  if (insidePair) return true;
  const last = lastChunk(text, prev, rules.longest);
  if (rules.titles.has(last)) return true;
  // A middle or first initial ("Laurence H. Tribe", "J. Martin") before a capitalised name.
  if (/^\p{Lu}\.$/u.test(last) && /^\p{Lu}\p{Ll}/u.test(text.slice(next.start, next.start + 2))) return true;
  const first = text[next.start];
  const lowerOrDigit = /[\p{Ll}\p{N}]/u.test(first);
  if (rules.others.has(last) && lowerOrDigit) return true;
  // A sentence does not open in lower case or on a comma: ICU cut after "?»" or "!" mid-sentence.
  return /[\p{Ll},;:)\]»”]/u.test(first);
}
