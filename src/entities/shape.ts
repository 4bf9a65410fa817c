// What a token looks like, for the mentions stage: capitalised, in capitals, an initial, an
// honorific, glued to its neighbour, at the start of its sentence. Pure functions over the token
// view; the words they compare come from the lexicons (EntityRules).
import type { EntityRules, Gender } from './rules.js';
import type { TokenView } from './view.js';
import type { Span } from '../types.js';

export const UPPER = /^\p{Lu}/u;
export const LOWER = /^\p{Ll}/u;
export const PUNCT = /^[\p{P}\p{S}]+$/u;
export const ROMAN = /^[IVXLC]+$/u;
export const QUOTE_OPEN = /^[«“"<‹]$/u;
export const QUOTE_CLOSE = /^[»”">›]$/u;
const ALLCAPS = /^[\p{Lu}\p{N}.&-]+$/u;
const HAS_UPPER = /\p{Lu}/u;
const SENTENCE_END = /^[.!?…]+$/u;

/** "ONU", "S.A.", "AT&T": capitals (digits and a few marks allowed), at least one letter. */
export function isAllCaps(w: string): boolean {
  return ALLCAPS.test(w) && HAS_UPPER.test(w);
}

/** A capitalised word (a single capital only as an initial), or one glued to a name prefix ("al-Assad"). */
export function isCap(v: TokenView, r: EntityRules, i: number): boolean {
  // read for every token by several matchers: computed once per document (the last one is kept)
  if (v !== capsOf.view || r !== capsOf.rules) capsOf = { view: v, rules: r, caps: capitalised(v, r) };
  return capsOf.caps[i] === 1;
}

let capsOf: { view: TokenView | null; rules: EntityRules | null; caps: Uint8Array } = { view: null, rules: null, caps: new Uint8Array(0) };

function capitalised(v: TokenView, r: EntityRules): Uint8Array {
  const n = v.toks.length;
  const caps = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = v.toks[i];
    if (t.kind !== 'word' && t.kind !== 'abbrev') continue;
    const w = v.words[i];
    if (UPPER.test(w)) caps[i] = w.length > 1 || v.text[t.end] === '.' || i + 1 < n && v.words[i + 1] === '.' ? 1 : 0;
    else caps[i] = r.nameParticle !== null && r.nameParticle.test(w) ? 1 : 0;
  }
  return caps;
}

/** A single capital letter followed by its full stop: an initial ("J. Smith"). */
export function isInitial(v: TokenView, i: number): boolean {
  return i + 1 < v.toks.length && v.words[i].length === 1 && UPPER.test(v.words[i]) && v.words[i + 1] === '.' && v.toks[i + 1].start === v.toks[i].end;
}

/** Tokens i-1 and i are separated by spaces only (no punctuation, no line break). */
export function adjacent(v: TokenView, i: number): boolean {
  if (v.newlineBefore[i]) return false;
  const prev = v.words[i - 1];
  return !PUNCT.test(prev) || prev.endsWith('.') && prev.length > 1;
}

/** Token i opens its sentence (possibly after an opening quote, bracket or dash). */
export function sentenceInitial(v: TokenView, i: number): boolean {
  if (leadingPunctEnd(v, v.sent[i]) >= i) return true;
  const prev = v.words[i - 1];
  // after a quotation that ended its own sentence ("… partir. » Retour en ville")
  if (QUOTE_CLOSE.test(prev) && i >= 2 && SENTENCE_END.test(v.words[i - 2])) return true;
  if (QUOTE_CLOSE.test(prev) && prev !== '"' || prev === ')' || prev === '(') return v.newlineBefore[i] === 1;
  if (prev === '"' && i >= 2 && v.words[i - 2] === ',') return false;
  // after a colon or another mark inside the sentence, or at a line start
  return (PUNCT.test(prev) && prev !== ',' && prev !== "'" && prev !== '’' && prev !== '-' && !(prev.length > 1 && prev.endsWith('.'))) || v.newlineBefore[i] === 1;
}

/**
 * The first token of sentence s that is not punctuation (or the sentence end), kept per view:
 * a sentence opening on thousands of brackets would otherwise be read again for every name in it.
 */
const leadEnds = new WeakMap<TokenView, Int32Array>();
function leadingPunctEnd(v: TokenView, s: number): number {
  let ends = leadEnds.get(v);
  if (!ends) leadEnds.set(v, (ends = new Int32Array(v.sentences.length).fill(-1)));
  if (ends[s] < 0) {
    let k = v.sentFirst[s];
    const b = v.sentEnd[s];
    while (k < b && PUNCT.test(v.words[k])) k++;
    ends[s] = k;
  }
  return ends[s];
}

/**
 * An honorific at token i and how many tokens it takes: "M.", "Mme", "Mad." (word and full stop),
 * or an abbreviation whose full stop OCR read as another mark ("M, Dupont", "M° Rey").
 */
export function honorAt(v: TokenView, r: EntityRules, i: number): { g: Gender; len: number } | null {
  const w = v.words[i];
  const n = v.toks.length;
  let g = r.honorifics.get(w);
  let len = 1;
  const glued = i + 1 < n && v.toks[i + 1].start === v.toks[i].end;
  if (g === undefined && glued && v.words[i + 1] === '.') {
    g = r.honorifics.get(w + '.');
    len = 2;
  } else if (g !== undefined && !w.endsWith('.') && r.honorifics.has(w + '.') && i + 1 < n && r.ocrStops.has(v.words[i + 1]) && !v.newlineBefore[i + 1]) {
    len = 2;
    while (len < 3 && i + len < n && r.ocrStops.has(v.words[i + len])) len++;
  }
  return g === undefined ? null : { g, len };
}

/** A given name, or a hyphenated one whose parts are given names ("Jean-Baptiste", "José-Maria"). */
export function firstName(r: EntityRules, w: string): boolean {
  if (r.firstNames.has(w)) return true;
  if (!w.includes('-')) return false;
  const parts = w.split('-');
  return parts.length <= 3 && parts.every((p) => r.firstNames.has(p));
}

/** "Cotti-le", "Chirac-qui": OCR glued a dash and a lower-case word to a name; the offset of the dash. */
export function hyphenCut(v: TokenView, r: EntityRules, i: number): number {
  const w = v.words[i];
  const h = w.lastIndexOf('-');
  if (h <= 0 || h === w.length - 1) return -1;
  const tail = w.slice(h + 1);
  if (!LOWER.test(tail) || !UPPER.test(w)) return -1;
  // "Qala-i-Naw", "al-Assad", "Saint-Jean-de-Luz" keep their inner lower-case parts
  if (!r.nonEntities.has(tail.toLowerCase()) && !/['’]/u.test(tail) && !(tail.length > 4 && r.commonSuffix.test(tail))) return -1;
  return v.toks[i].start + h;
}

/** Token e is a hyphen glued to the capitalised word before it, then a space and a lower-case word fragment ("Ber- lin"). */
export function lineBreakHyphen(v: TokenView, r: EntityRules, e: number): boolean {
  if (e + 1 >= v.toks.length || v.words[e] !== '-' || v.toks[e].start !== v.toks[e - 1].end || v.toks[e + 1].start !== v.toks[e].end + 1) return false;
  if (!UPPER.test(v.words[e - 1]) || v.toks[e + 1].kind !== 'word' || !/^\p{Ll}+$/u.test(v.words[e + 1])) return false;
  return !r.nonEntities.has(v.keys[e + 1]) && !v.newlineBefore[e];
}

/** The span of the string s written from token `from` on. */
export function spanOfText(v: TokenView, from: number, s: string): Span {
  const start = v.toks[from].start;
  return { start, end: start + s.length };
}
