// Where a statement's words begin and end: clause ends (kept as an index per sentence, so that
// long sentences stay linear), content spans (direct when quotation marks cover them), noun
// phrases read back from a cue, and the boundaries a statement may end on.
import { longestMatch } from '../entities/rules.js';
import type { Span } from '../types.js';
import { endsWithAny } from './cues.js';
import {
  CLOSE, DASHES, LOWER, OPEN, PUNCT, STOP_PUNCT, cueOf, isDash, tokAtOrAfter,
  type Ctx, type Draft,
} from './context.js';

/**
 * How token j may end a clause, seen from outside any quotation: 2 always (a comma opening
 * another cue or a source), 1 only when the clause began more than two tokens before (a
 * coordinated or subordinate clause with its own subject and cue), 0 never. Depends on j and
 * the clause's limit b, not on where the clause starts.
 */
function clauseStop(ctx: Ctx, j: number, b: number): 0 | 1 | 2 {
  const { v, c } = ctx;
  if (v.words[j] === ',' && j + 1 < b && commaOpensStatement(ctx, j, b)) return 2;
  // "… and Democrats accused …": a coordinated clause with its own subject and cue
  // ("…, though he said …": after a comma a subordinate clause may also bring its own statement)
  const w = v.words[j];
  if (c.coordinators.has(v.keys[j]) || c.clauseOpeners.has(v.keys[j]) && (v.words[j - 1] === ',' || isDash(v.words[j - 1])) || w === ';' || w === '(') {
    for (let x = j + 1; x < Math.min(b, j + 6); x++) {
      if (PUNCT.test(v.words[x])) break;
      if (x > j + 1 && cueOf(ctx, x, b) && (ctx.mentionAtEnd.has(x - 1) || x === j + 2 && c.pronouns.has(v.keys[x - 1]) && v.toks[x - 1].kind !== 'clitic')) return 1;
    }
  }
  return 0;
}

/** The comma at j opens another statement: an inverted cue, a short subject and its cue, a source. */
function commaOpensStatement(ctx: Ctx, j: number, b: number): boolean {
  const { v, c } = ctx;
  const cue = cueOf(ctx, j + 1, b);
  if (cue && (cue.pronoun >= 0 || cue.participle)) return true;
  // "…, experts say it …": a new clause with its own short subject and cue
  for (let x = j + 2; x < Math.min(b, j + 6); x++) {
    if (PUNCT.test(v.words[x]) || hasVerbLike(ctx, x, x + 1) && !c.forms.has(v.keys[x])) break;
    const cx = cueOf(ctx, x, b);
    if (!cx) continue;
    if (!cx.participle && x + 1 < b && (c.comp.has(v.keys[cx.to]) || c.pronouns.has(v.keys[cx.to]))) return true;
    break;
  }
  return !!longestMatch(c.according, v.keys, j + 1, b) && !c.insideClause.has(v.keys[j + 1]);
}

/**
 * The clause ends of the tokens [a, b) of one sentence, so that each clause end is found in a
 * few steps instead of a scan to the next stop (a sentence of thousands of cues with no stop
 * between them made every cue read the rest of the sentence).
 *
 * Quotation marks nest: a stop counts only outside them, where the depth counted from the
 * clause's start is 0. With P the running sum of the marks (+1 opening, -1 closing) and the
 * depth kept at 0 or more, the depth at j counted from k is P[j] - min(P[k-1..j]); it is 0
 * exactly when P[j] <= P[i] for every i in [k-1, j). Those tokens form a chain: the first after
 * k-1 is nextLE[k-1] (the next position whose P is not higher), then nextLE of that, and so
 * on. firstStop[i] is the first stop on the chain from i, computed once from the right.
 * Positions are 1 + token - a; position 0 stands before the sentence.
 */
interface ClauseIndex {
  a: number;
  b: number;
  kind: Uint8Array;
  nextLE: Int32Array;
  firstStop: Int32Array;
  /** The final punctuation run starts here. */
  trail: number;
}

function clauseIndex(ctx: Ctx, a: number, b: number): ClauseIndex {
  const hit = ctx.clauseIndexes.get(b) as ClauseIndex | undefined;
  if (hit && hit.a === a) return hit;
  const { v } = ctx;
  const n = b - a;
  const kind = new Uint8Array(n + 2);
  const P = new Int32Array(n + 1);
  for (let j = a; j < b; j++) {
    const w = v.words[j];
    const i = j - a + 1;
    P[i] = P[i - 1] + (OPEN.has(w) && w !== '"' ? 1 : CLOSE.has(w) && w !== '"' ? -1 : 0);
    kind[i] = clauseStop(ctx, j, b);
  }
  const none = n + 1;
  const nextLE = new Int32Array(n + 2).fill(none);
  const stack: number[] = [];
  for (let i = n; i >= 0; i--) {
    while (stack.length && P[stack[stack.length - 1]] > P[i]) stack.pop();
    if (stack.length) nextLE[i] = stack[stack.length - 1];
    stack.push(i);
  }
  const firstStop = new Int32Array(n + 2).fill(none);
  for (let i = n; i >= 1; i--) firstStop[i] = kind[i] ? i : firstStop[nextLE[i]];
  let trail = b;
  while (trail > a && (STOP_PUNCT.has(v.words[trail - 1]) || v.words[trail - 1] === ',')) trail--;
  const ix: ClauseIndex = { a, b, kind, nextLE, firstStop, trail };
  ctx.clauseIndexes.set(b, ix);
  return ix;
}

/** The end of a clause that starts at k: the sentence end, or a comma opening another cue. */
export function clauseEnd(ctx: Ctx, k: number, b: number): number {
  if (k >= b) return b;
  const a = ctx.v.sentFirst[ctx.v.sent[b - 1]];
  if (k < a) return clauseEndScan(ctx, k, b);
  const ix = clauseIndex(ctx, a, b);
  const n = b - a;
  // the tokens outside quotation marks, from k on; within two tokens of k only a comma stops
  let i = ix.nextLE[k - a];
  while (i <= n && i - 1 + a <= k + 2) {
    if (ix.kind[i] === 2) return i - 1 + a;
    i = ix.nextLE[i];
  }
  if (i <= n && ix.firstStop[i] <= n) return ix.firstStop[i] - 1 + a;
  // strip the final punctuation
  return Math.max(k, ix.trail);
}

/** clauseEnd by reading the tokens one by one, for a clause that starts before its sentence. */
function clauseEndScan(ctx: Ctx, k: number, b: number): number {
  const { v } = ctx;
  let depth = 0;
  for (let j = k; j < b; j++) {
    const w = v.words[j];
    if (OPEN.has(w) && w !== '"') depth++;
    else if (CLOSE.has(w) && w !== '"' && depth > 0) depth--;
    if (depth > 0) continue;
    const stop = clauseStop(ctx, j, b);
    if (stop === 2 || stop === 1 && j > k + 2) return j;
  }
  let e = b;
  while (e > k && (STOP_PUNCT.has(v.words[e - 1]) || v.words[e - 1] === ',')) e--;
  return e;
}

export interface Content {
  span: Span;
  direct: boolean;
}

/** Content over tokens [from, to): direct when quotation marks cover it, else indirect. */
export function makeContent(ctx: Ctx, from: number, to: number): Content | null {
  const { v } = ctx;
  while (from < to && (v.words[from] === ',' || v.words[from] === ':')) from++;
  while (to > from && (v.words[to - 1] === ',' || v.words[to - 1] === ':' || STOP_PUNCT.has(v.words[to - 1]))) to--;
  if (to <= from) return null;
  let start = v.toks[from].start;
  let end = v.toks[to - 1].end;
  // wholly quoted: «…» possibly followed by final punctuation
  const q = ctx.marks.at(start);
  if (q && q.close >= 0 && q.closeEnd >= end - 1 && q.close <= end) {
    return { span: { start: q.cs, end: q.ce }, direct: true };
  }
  if (q && q.close < 0) return { span: { start: q.cs, end: Math.max(q.cs, trimEnd(v.text, end)) }, direct: true };
  // a quotation opened in an earlier sentence and closing here ("“S1. S2,” he said")
  const q0 = ctx.marks.around(start);
  if (q0 && q0.cs < start && q0.close >= 0 && q0.close <= end + 1 && q0.close >= start) {
    return { span: { start: q0.cs, end: Math.min(q0.ce, Math.max(end, q0.ce)) }, direct: true };
  }
  const quoted = ctx.marks.coveredIn(start, end);
  const direct = quoted >= 0.5 * (end - start);
  if (OPEN.has(v.words[from])) start = v.toks[from].end;
  if (CLOSE.has(v.words[to - 1]) && to - 1 > from) end = v.toks[to - 1].start;
  while (start < end && /\s/u.test(v.text[start])) start++;
  while (end > start && /\s/u.test(v.text[end - 1])) end--;
  return { span: { start, end }, direct };
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /[\s»”"’.,;]/u.test(text[end - 1])) end--;
  return end;
}

/** Where the content that a postposed cue closes begins: after the previous statement in the sentence. */
export function contentStartBefore(ctx: Ctx, a: number, comma: number, earlier: Draft[]): number {
  const { v } = ctx;
  // the last token that ends an earlier statement of this sentence before the comma
  const start = earlier.length ? endsBefore(ctx, earlier, v.sent[comma], a, comma) : a;
  let k = start;
  while (k < comma && (v.words[k] === ',' || v.words[k] === ';')) k++;
  return afterDateline(ctx, k, comma);
}

/**
 * The ends of a sentence's earlier statements (the token after the content, cue or speaker,
 * whichever is last), kept as a prefix-maximum tree over the sentence's tokens: "the latest
 * end before token x" costs log(sentence length) instead of a pass over every earlier
 * statement, which made a sentence of thousands of statements quadratic. The statements of
 * `found` are never changed once pushed (only their channel), so each is entered once.
 */
interface EndIndex {
  sentence: number;
  a: number;
  /** How many statements of the list are entered. */
  used: number;
  /** Fenwick tree of maxima over positions 1..n (token a + p); 0 when none. */
  tree: Int32Array;
}
const endIndexes = new WeakMap<Draft[], EndIndex>();

/** The largest end token e of the statements in `earlier` with a < e < limit, else a. */
function endsBefore(ctx: Ctx, earlier: Draft[], sentence: number, a: number, limit: number): number {
  let ix = endIndexes.get(earlier);
  if (!ix || ix.sentence !== sentence || ix.a !== a) {
    ix = { sentence, a, used: 0, tree: new Int32Array(Math.max(1, ctx.v.sentEnd[sentence] - a) + 1) };
    endIndexes.set(earlier, ix);
  }
  const n = ix.tree.length - 1;
  for (; ix.used < earlier.length; ix.used++) {
    const e = earlier[ix.used];
    if (e.sentence !== sentence) continue;
    const p = tokAtOrAfter(ctx, Math.max(e.content.end, e.cueSpan?.end ?? 0, e.speaker?.end ?? 0)) - a;
    // ends at or before a never move the start; ends past the sentence are never before a limit in it
    if (p <= 0 || p > n) continue;
    for (let i = p; i <= n; i += i & -i) if (ix.tree[i] < p) ix.tree[i] = p;
  }
  let best = 0;
  for (let i = Math.min(n, limit - a - 1); i > 0; i -= i & -i) if (ix.tree[i] > best) best = ix.tree[i];
  return a + best;
}

/** "Goma, 6 mars 2024 (AFP) - …": the dateline opening a dispatch is not part of any statement. */
export function afterDateline(ctx: Ctx, start: number, limit: number): number {
  const { v } = ctx;
  if (v.sent[start] !== 0 && !(start > 0 && v.newlineBefore[start])) return start;
  for (let j = start; j < Math.min(limit, start + 16); j++) {
    if (DASHES.has(v.words[j]) && j > start && v.words[j - 1] === ')') return j + 1;
  }
  return start;
}

/** Tokens back from `end` (exclusive) to a comma, quotation mark, colon, "que"/"that" or the sentence start. */
export function chunkBack(ctx: Ctx, a: number, end: number): Span {
  const { v, c } = ctx;
  let j = end - 1;
  while (j >= a) {
    const w = v.words[j];
    if (w === ')') {
      // "Sen. Jane Roe (D-Ore.) said": a bracket inside the subject
      const o = openingBracket(ctx, a, j);
      if (o >= 0) {
        j = o - 1;
        continue;
      }
    }
    if ((PUNCT.test(w) && w !== "'" && w !== '’' && w !== '-' && w !== '.' && w !== '&' && w !== '/') || c.comp.has(v.keys[j])) break;
    if (w === "'" && (v.words[j - 1] === "'" || v.words[j + 1] === "'")) break;
    // an initial's full stop stays inside the name ("Laura K. Diaz")
    if (w === '.' && !(j > a && /^\p{Lu}$/u.test(v.words[j - 1]))) break;
    j--;
  }
  let start = j + 1;
  // skip a leading conjunction or a sentence adverb ("Mais", "Et", "However"), and the relative
  // pronoun of an object relative ("which state media claimed …")
  while (start < end && (c.leadWords.has(v.keys[start]) || c.subordinators.has(v.keys[start]) || c.relatives.has(v.keys[start]) && start + 2 < end)) start++;
  return { start, end };
}

/** The '(' matching the ')' at token j, within 12 tokens and not before a; else -1. */
export function openingBracket(ctx: Ctx, a: number, j: number): number {
  let o = j - 1;
  while (o > a && ctx.v.words[o] !== '(' && j - o < 12) o--;
  return ctx.v.words[o] === '(' ? o : -1;
}

/** How many tokens of [from, to) stand inside brackets (with the brackets). */
export function bracketed(ctx: Ctx, from: number, to: number): number {
  let n = 0;
  let depth = 0;
  for (let j = from; j < to; j++) {
    const w = ctx.v.words[j];
    if (w === '(') depth++;
    if (depth > 0) n++;
    if (w === ')' && depth > 0) depth--;
  }
  return n;
}

/** A word of a verb or a clause inside tokens [from, to): cue forms, auxiliaries, pronouns, relatives. */
export function hasVerbLike(ctx: Ctx, from: number, to: number): boolean {
  const { v, c } = ctx;
  for (let j = from; j < to; j++) {
    const k = v.keys[j];
    if (c.forms.has(k) || c.aux.has(k) || c.passiveAux.has(k) || c.comp.has(k) || c.relatives.has(k) || c.clauseOpeners.has(k)) return true;
    if (j > from && c.pronouns.has(k)) return true;
    if (PUNCT.test(v.words[j]) && v.words[j] !== '.' && v.words[j] !== '-' && v.words[j] !== "'" && v.words[j] !== '’' && v.words[j] !== '&') return true;
  }
  return false;
}

/** A lower-case past form inside [from, to) ("Clinton restricted comments"): the stretch is a clause, not a subject. */
export function pastVerbIn(ctx: Ctx, from: number, to: number): boolean {
  const { v, c } = ctx;
  for (let j = from; j < to; j++) {
    if (c.forms.has(v.keys[j]) || c.aux.has(v.keys[j])) return true;
    if (/^\p{Ll}+$/u.test(v.words[j]) && endsWithAny(v.keys[j], c.pastTense)) return true;
  }
  return false;
}

/** A lower-case past participle ("tué", "killed"): it ends a subject phrase. */
export function isPastParticiple(ctx: Ctx, j: number): boolean {
  return LOWER.test(ctx.v.words[j]) && endsWithAny(ctx.v.keys[j], ctx.c.pastSuffix);
}

/** Token j ends a stretch of content: a comma, or a closing quotation mark after , ? ! or . */
export function isBoundary(ctx: Ctx, j: number, a: number): boolean {
  const w = ctx.v.words[j];
  if (w === ',') return true;
  if ((CLOSE.has(w) || w === "'") && j > a) {
    const p = ctx.v.words[j - 1];
    if (p === ',' || p === '?' || p === '!' || p === '.' || p === '…') return true;
    if (p === "'" && j - 1 > a && /^[,?!.]$/u.test(ctx.v.words[j - 2])) return true;
    // a closing mark right after words: «…» a-t-il dit
    return ctx.marks.around(ctx.v.toks[j].start - 1) !== null;
  }
  return false;
}

/** A statement may stand before the cue at `from`: a comma or a closing quotation mark right before it. */
export function boundaryBefore(ctx: Ctx, from: number, a: number): boolean {
  return from - 1 > a && isBoundary(ctx, from - 1, a);
}

/**
 * The first token at or after k in sentence s that is a single punctuation mark other than an
 * apostrophe or a hyphen (or the sentence end): where a source's noun phrase stops. Kept per
 * sentence, as a sentence of thousands of "selon" with no punctuation made each read the rest.
 */
export function nextHardPunct(ctx: Ctx, s: number, k: number): number {
  const { v } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  if (k >= b) return k;
  let next = ctx.hardPunct.get(s);
  if (!next) {
    next = new Int32Array(b - a + 1);
    next[b - a] = b;
    for (let j = b - 1; j >= a; j--) {
      const w = v.words[j];
      next[j - a] = PUNCT.test(w) && w !== "'" && w !== '’' && w !== '-' && !(w.length > 1) ? j : next[j - a + 1];
    }
    ctx.hardPunct.set(s, next);
  }
  return next[k - a];
}

/**
 * The first token from a that is neither punctuation nor a lead word ("Mais", "And"), or the
 * sentence end; kept per sentence start, as every cue of a sentence opening on thousands of
 * brackets would read them again.
 */
export function leadEnd(ctx: Ctx, a: number): number {
  let e = ctx.leadEnds.get(a);
  if (e === undefined) {
    const { v, c } = ctx;
    const b = v.sentEnd[v.sent[a]];
    e = a;
    while (e < b && (c.leadWords.has(v.keys[e]) || PUNCT.test(v.words[e]))) e++;
    ctx.leadEnds.set(a, e);
  }
  return e;
}

/** When the cue at `from` sits in a clause opened by "when", "lorsque"…, the comma closing that clause; else b. */
export function subordinateEnd(ctx: Ctx, a: number, from: number, post: number, b: number): number {
  const { v, c } = ctx;
  // the clause opens the sentence: "When he wrote his book, …" (not "…, when she suggested that …")
  const open = Math.min(from, leadEnd(ctx, a));
  if (open >= from - 1 || from - open > 8 || !c.clauseOpeners.has(v.keys[open])) return b;
  for (let j = open; j < from; j++) if (PUNCT.test(v.words[j]) && !v.words[j].endsWith('.')) return b;
  for (let x = post; x < b; x++) {
    if (v.words[x] === ',' && !ctx.marks.inside(v.toks[x].start)) return x;
  }
  return b;
}

/** The first token of the main clause: after lead words, a sentence adverb, a leading subordinate clause. */
export function mainClauseStart(ctx: Ctx, s: number, to: number): number {
  const { v, c } = ctx;
  let k = v.sentFirst[s];
  while (k < to && (PUNCT.test(v.words[k]) || c.leadWords.has(v.keys[k]))) k++;
  // "Meanwhile, it attacked …": a sentence adverb and its comma
  for (let n = 0; n < 2 && k + 2 < to && v.words[k + 1] === ',' && /^\p{L}\p{Ll}+$/u.test(v.words[k]) && !ctx.mentionAtStart.has(k) && !c.pronouns.has(v.keys[k]); n++) k += 2;
  if (k < to && (c.subordinators.has(v.keys[k]) || isOpeningParticiple(ctx, k) && !ctx.mentionAtStart.has(k))) {
    // "When the court ruled, she said …": skip the clause up to its comma
    let j = k + 1;
    while (j < to && v.words[j] !== ',') j++;
    if (j < to) k = j + 1;
  }
  return k;
}

/** "Speaking at a rally, …": a capitalised present participle opens an adverbial clause. */
function isOpeningParticiple(ctx: Ctx, k: number): boolean {
  const key = ctx.v.keys[k];
  return /^\p{Lu}\p{Ll}+$/u.test(ctx.v.words[k]) && ctx.c.presentParticiple.some((x) => key.endsWith(x) && key.length > x.length + 1);
}
