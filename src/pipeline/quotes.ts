// Quotes and their speakers: who says what, with the cue, the channel and the addressee.
//
// Per sentence, in text order:
//  - cues are found from the cue lexicon (every inflected form → lemma, auxiliaries, inverted
//    pronouns "a-t-il", participles "précisant"), and "according to" markers ("selon X");
//  - each cue reads its configuration: content after it (que/that clause, colon, quotation,
//    object), or before it ("«…», a déclaré X", "…, X said", "…, said X"); the speaker is the
//    subject on the other side (a mention when there is one, else the noun phrase itself);
//  - pronoun cues take the last speaker (gender permitting), participles continue the
//    sentence's speaker, "de même source" repeats the last source, a bare quoted paragraph after
//    a quote is carried to that quote's speaker; nothing found stays null;
//  - quotation marks turn a content into a direct quote (content without the marks).
import { entityRules, longestMatch, type Gender } from '../entities/rules.js';
import { buildView, type TokenView } from '../entities/view.js';
import { cueAt, cueRules, type CueMatch, type CueRules } from '../quotes/cues.js';
import { findQuoteMarks, type QuoteMarks } from '../quotes/marks.js';
import type { Annotations, Mention, Quote, QuoteKind, ResolvedDocument, Span } from '../types.js';
import { defineStage } from './stage.js';
import { lowerBound, lowerBoundBy } from '../bisect.js';

const PUNCT = /^[\p{P}\p{S}]+$/u;
const OPEN = new Set(['«', '“', '"', '‘', '„']);
const CLOSE = new Set(['»', '”', '"', '’', '“']);
const STOP_PUNCT = new Set(['.', '!', '?', ';', '…']);
const DASHES = new Set(['—', '―', '–', '-']);

interface SpeakerRef {
  mention: Mention | null;
  start: number;
  end: number;
  gender: Gender;
  /** Where a pronoun or relative stands for the speaker, when it was resolved from one. */
  via: Span | null;
}

interface Draft {
  kind: QuoteKind;
  content: Span;
  cue: CueMatch | null;
  cueSpan: Span | null;
  lemma: string | null;
  speaker: SpeakerRef | null;
  channel: string | null;
  addressee: string | null;
  sentence: number;
  /** Where scanning for cues resumes (after a statement running on past an incise). */
  skipTo?: number;
}

interface Ctx {
  v: TokenView;
  c: CueRules;
  mentions: Mention[];
  /** Mention index by first and last token. */
  mentionAtEnd: Map<number, Mention>;
  mentionAtStart: Map<number, Mention>;
  tokOfMention: Map<Mention, Span>;
  marks: QuoteMarks;
  determiners: Set<string>;
  femaleRoles: Set<string>;
  honorifics: Map<string, Gender>;
  last: SpeakerRef | null;
  lastSource: SpeakerRef | null;
  /** The last speaker who is a named person. */
  lastPer: SpeakerRef | null;
  pronounKeys: Set<string>;
  leadWords: Set<string>;
  coordinators: Set<string>;
  /** Sentences written in title case (headlines), where verbs are capitalised too. */
  titleCase: Uint8Array;
  turns?: Map<string, number>;
  /** Clause ends of the sentence being read, by the clause limit (see clauseIndex). */
  clauseIndexes: Map<number, ClauseIndex>;
  /** leadEnd by sentence start. */
  leadEnds: Map<number, number>;
  /** nextHardPunct by sentence. */
  hardPunct: Map<number, Int32Array>;
  /** Mentions by rank, for mentionIn (built on first use). */
  ranks?: MentionRanks;
  out: Draft[];
}

export function findQuotes(doc: ResolvedDocument, ann: Readonly<Annotations>): Quote[] {
  const v = buildView(doc.text, doc.lang, ann);
  const c = cueRules(doc.lang);
  const r = entityRules(doc.lang);
  const ctx: Ctx = {
    v, c, mentions: ann.mentions, mentionAtEnd: new Map(), mentionAtStart: new Map(), tokOfMention: new Map(),
    marks: findQuoteMarks(doc.text), determiners: r.determiners, femaleRoles: r.femaleRoles, honorifics: r.honorifics,
    last: null, lastSource: null, lastPer: null, out: [], pronounKeys: new Set([...c.pronouns.keys()].flatMap((k) => [k, '-' + k])), leadWords: c.leadWords, coordinators: c.coordinators, titleCase: titleCaseSentences(v), clauseIndexes: new Map(), leadEnds: new Map(), hardPunct: new Map(),
  };
  indexMentions(ctx);
  for (let s = 0; s < v.sentences.length; s++) {
    if (v.sentFirst[s] < 0) continue;
    ctx.clauseIndexes.clear();
    sentenceQuotes(ctx, s);
  }
  return toQuotes(ctx);
}

function titleCaseSentences(v: TokenView): Uint8Array {
  const out = new Uint8Array(v.sentences.length);
  for (let s = 0; s < v.sentences.length; s++) {
    let words = 0;
    let caps = 0;
    for (let k = v.sentFirst[s]; k >= 0 && k < v.sentEnd[s]; k++) {
      if (v.toks[k].kind !== 'word' || v.words[k].length < 4) continue;
      words++;
      if (/^\p{Lu}/u.test(v.words[k])) caps++;
    }
    out[s] = words >= 3 && caps >= 0.7 * words ? 1 : 0;
  }
  return out;
}

function indexMentions(ctx: Ctx): void {
  const { v } = ctx;
  let t = 0;
  for (const m of ctx.mentions) {
    while (t < v.toks.length && v.toks[t].end <= m.start) t++;
    const first = t;
    let last = t;
    while (last + 1 < v.toks.length && v.toks[last + 1].start < m.end) last++;
    if (first >= v.toks.length) break;
    ctx.mentionAtStart.set(first, m);
    ctx.mentionAtEnd.set(last, m);
    ctx.tokOfMention.set(m, { start: first, end: last + 1 });
  }
}

function genderOf(ctx: Ctx, m: Mention | null): Gender {
  if (!m) return 'x';
  const first = m.text.split(/\s+/u)[0];
  const h = ctx.honorifics.get(first);
  if (h) return h;
  if (m.role && ctx.femaleRoles.has(m.role.toLowerCase().split(/\s+/u)[0])) return 'f';
  return 'x';
}

function compatible(g: Gender, want: Gender): boolean {
  if (want === 'x' || g === 'x') return true;
  if (want === 'p') return g === 'p';
  return g === want;
}

function insideMarks(ctx: Ctx, pos: number): boolean {
  return ctx.marks.inside(pos);
}

function sentenceQuotes(ctx: Ctx, s: number): void {
  const { v, c } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  const found: Draft[] = [];
  const turn = speakerTurn(ctx, s);
  if (turn) {
    ctx.out.push(turn);
    if (turn.speaker) ctx.last = turn.speaker;
    return;
  }
  let k = a;
  while (k < b) {
    if (insideMarks(ctx, v.toks[k].start)) {
      k++;
      continue;
    }
    // "selon X", "according to X", "de même source"
    const same = longestMatch(c.sameSource, v.keys, k, b);
    if (same && (k === a || PUNCT.test(v.words[k - 1]))) {
      const d = according(ctx, s, k, k + same.len, true);
      if (d) found.push(d);
      k += same.len;
      continue;
    }
    const acc = longestMatch(c.according, v.keys, k, b);
    if (acc && (acc.entry.canonical !== 'pour' || k === a) && !(k > a && ctx.determiners.has(v.keys[k - 1])) && !(k + acc.len < b && c.relatives.has(v.keys[k + acc.len]))) {
      const d = according(ctx, s, k, k + acc.len, false, acc.entry.canonical);
      if (d) found.push(d);
      k += acc.len;
      continue;
    }
    const cue = cueAt(v.keys, k, c, b);
    if (cue && plausibleCue(ctx, cue, a)) {
      const d = fromCue(ctx, s, cue, found);
      if (d) found.push(d);
      k = Math.max(cue.to, d?.skipTo ?? 0);
      continue;
    }
    k++;
  }
  // channels named by "selon un communiqué" go to the sentence's other quote
  const verbal = found.filter((d) => d.kind !== 'according_to');
  const kept: Draft[] = [];
  for (const d of found) {
    if (d.kind === 'according_to' && !d.speaker?.mention && verbal.some((x) => x.cueSpan && x.cueSpan.start >= d.content.start && x.cueSpan.end <= d.content.end)) {
      for (const x of verbal) if (x.cueSpan && x.cueSpan.start >= d.content.start) x.channel ??= d.channel;
      continue;
    }
    if (d.kind === 'according_to' && d.speaker === null && d.channel && verbal.length) {
      for (const x of verbal) x.channel ??= d.channel;
      continue;
    }
    kept.push(d);
  }
  if (!kept.length) bareQuote(ctx, s);
  for (const d of kept) {
    if (d.speaker) ctx.last = d.speaker;
    if (d.speaker?.mention?.type === 'PER') ctx.lastPer = d.speaker;
    ctx.out.push(d);
  }
}

/** Rejects cue forms used as nouns or adjectives ("the said report", "un appel", "un village appelé"). */
function plausibleCue(ctx: Ctx, cue: CueMatch, a: number): boolean {
  const { v } = ctx;
  const k = cue.from;
  if (k > a && ctx.determiners.has(v.keys[k - 1])) return false;
  // "a swiftly called meeting": an adverb between an article and the form makes it an adjective
  if (k - 1 > a && ctx.determiners.has(v.keys[k - 2]) && ctx.c.adverbSuffix.test(v.keys[k - 1])) return false;
  // "the re-emergence of questions", "too many calls", "the most basic question": nouns
  if (cue.to - cue.from === 1 && ctx.c.nounForms.has(v.keys[k]) && k > a) {
    const p = v.keys[k - 1];
    const clauseNext = cue.to < v.keys.length && (ctx.c.comp.has(v.keys[cue.to]) || ctx.c.pronouns.has(v.keys[cue.to]));
    if (ctx.c.nounIntro.has(p) && !(ctx.c.quantifiers.has(p) && clauseNext)) return false;
    // "the administration's plans": after a possessive
    if (/['’]s$/u.test(v.words[k - 1]) || v.keys[k - 1] === "'s" || v.keys[k - 1] === '’s') return false;
    if (k - 1 > a && ctx.determiners.has(v.keys[k - 2]) && /^\p{Ll}/u.test(v.words[k - 1]) && ctx.c.adjectiveSuffix.test(p)) return false;
  }
  // "Speaking at a rally, X said …": a participle opening the sentence is adverbial
  if (cue.participle && k === a) return false;
  // a verb is written in lower case unless it opens the sentence ("United States" is no cue)
  if (!ctx.titleCase[ctx.v.sent[k]]) for (let j = cue.from; j < cue.to; j++) if (/^\p{Lu}/u.test(v.words[j]) && j !== a) return false;
  const form = v.keys[cue.to - 1 - (cue.pronoun === cue.to - 1 ? 1 : 0)];
  const hasAux = cue.to - cue.from > 1 && cue.pronoun !== cue.from + 1;
  // a bare French past participle is an adjective ("un village appelé X")
  if (!hasAux && cue.pronoun < 0 && /(?:é|ée|és|ées)$/u.test(form)) return false;
  // "to say", "pour dire": an infinitive is not a statement of its own
  if (k > a && (v.keys[k - 1] === 'to' || v.keys[k - 1] === 'pour' || v.keys[k - 1] === 'de')) return false;
  // "qu'il a déclaré" inside a relative clause about something else is still a statement; keep.
  return true;
}

/** Index of the first token at or after k that is not an adverb, addressee or channel phrase. */
function skipMaterial(ctx: Ctx, k: number, b: number, d: { channel: string | null; addressee: string | null }): number {
  const { v, c } = ctx;
  for (let guard = 0; guard < 6 && k < b; guard++) {
    const adv = longestMatch(c.adverbs, v.keys, k, b);
    if (adv) {
      k += adv.len;
      continue;
    }
    if (v.words[k] === ',' && k + 1 < b && !c.comp.has(v.keys[k + 1])) {
      // an incise: ", dans un SMS," / ", mercredi,"
      const save = k;
      const k2 = skipMaterial(ctx, k + 1, b, d);
      if (k2 > k + 1 && k2 < b && v.words[k2] === ',') {
        k = k2 + 1;
        continue;
      }
      k = save;
      break;
    }
    const ad = addresseeAt(ctx, k, b);
    if (ad) {
      d.addressee ??= ad.label;
      k = ad.end;
      continue;
    }
    const ch = channelAt(ctx, k, b);
    if (ch) {
      d.channel ??= ch.label;
      k = ch.end;
      continue;
    }
    break;
  }
  return k;
}

/** "à l'AFP", "à des journalistes", "to reporters", "auprès de l'AFP". */
function addresseeAt(ctx: Ctx, k: number, b: number): { label: string; end: number } | null {
  const { v, c } = ctx;
  let j: number;
  if (k + 1 < b && c.addresseeIntro.has(v.keys[k] + ' ' + v.keys[k + 1])) j = k + 2;
  else if (c.addresseeIntro.has(v.keys[k])) j = k + 1;
  else return null;
  if (j < b && v.keys[j] === 'de') j++;
  if (j < b && ctx.determiners.has(v.keys[j])) j++;
  const m = ctx.mentionAtStart.get(j);
  if (m && (m.type === 'ORG' || m.type === 'PER')) {
    const span = ctx.tokOfMention.get(m)!;
    return { label: m.text, end: span.end };
  }
  const w = longestMatch(c.addressees, v.keys, j, b);
  if (w) return { label: w.entry.canonical, end: j + w.len };
  return null;
}

/** "dans un SMS", "in a statement", "sur Twitter", "lors d'une conférence de presse". */
function channelAt(ctx: Ctx, k: number, b: number): { label: string; end: number } | null {
  const { v, c } = ctx;
  let j = k;
  const two = j + 1 < b ? v.keys[j] + ' ' + v.keys[j + 1] : '';
  if (c.channelIntro.has(two)) j += 2;
  else if (c.channelIntro.has(v.keys[j])) j++;
  else return null;
  if (j < b && (v.keys[j] === "d'" || v.keys[j] === 'de')) j++;
  return channelNoun(ctx, j, b);
}

function channelNoun(ctx: Ctx, j: number, b: number): { label: string; end: number } | null {
  const { v, c } = ctx;
  if (j < b && ctx.determiners.has(v.keys[j])) j++;
  // one adjective may stand before the noun ("une courte vidéo", "a brief statement")
  for (let pre = 0; pre < 2 && j < b; pre++) {
    const w = longestMatch(c.channels, v.keys, j, b);
    if (w) {
      let end = j + w.len;
      // one following adjective ("communiqué officiel")
      if (end < b && v.toks[end].kind === 'word' && /^\p{Ll}/u.test(v.words[end]) && !/(?:é|ée|és|ées|ise|is|ite|ed)$/u.test(v.keys[end])
        && !ctx.determiners.has(v.keys[end]) && !c.speakerStop.has(v.keys[end]) && !c.comp.has(v.keys[end]) && !c.forms.has(v.keys[end]) && !c.aux.has(v.keys[end]) && v.keys[end].length > 3 && ctx.v.lang === 'fr') end++;
      const label = end - j > w.len ? v.text.slice(v.toks[j].start, v.toks[end - 1].end) : w.entry.canonical;
      return { label, end };
    }
    j++;
  }
  return null;
}

/**
 * How token j may end a clause, seen from outside any quotation: 2 always (a comma opening
 * another cue or a source), 1 only when the clause began more than two tokens before (a
 * coordinated or subordinate clause with its own subject and cue), 0 never. Depends on j and
 * the clause's limit b, not on where the clause starts.
 */
function clauseStop(ctx: Ctx, j: number, b: number): 0 | 1 | 2 {
  const { v, c } = ctx;
  const w = v.words[j];
  if (w === ',' && j + 1 < b) {
    const cue = cueAt(v.keys, j + 1, c, b);
    if (cue && (cue.pronoun >= 0 || cue.participle)) return 2;
    // "…, experts say it …": a new clause with its own short subject and cue
    for (let x = j + 2; x < Math.min(b, j + 6); x++) {
      if (PUNCT.test(v.words[x]) || hasVerbLike(ctx, x, x + 1) && !c.forms.has(v.keys[x])) break;
      const cx = cueAt(v.keys, x, c, b);
      if (!cx) continue;
      if (!cx.participle && x + 1 < b && (c.comp.has(v.keys[cx.to]) || c.pronouns.has(v.keys[cx.to]))) return 2;
      break;
    }
    if (longestMatch(c.according, v.keys, j + 1, b) && v.keys[j + 1] !== 'pour' && v.keys[j + 1] !== 'per') return 2;
  }
  // "… and Democrats accused …": a coordinated clause with its own subject and cue
  // ("…, though he said …": after a comma a subordinate clause may also bring its own statement)
  if (c.coordinators.has(v.keys[j]) || c.clauseOpeners.has(v.keys[j]) && (v.words[j - 1] === ',' || isDash(v.words[j - 1])) || w === ';' || w === '(') {
    for (let x = j + 1; x < Math.min(b, j + 6); x++) {
      if (PUNCT.test(v.words[x])) break;
      if (x > j + 1 && cueAt(v.keys, x, c, b) && (ctx.mentionAtEnd.has(x - 1) || x === j + 2 && c.pronouns.has(v.keys[x - 1]) && v.toks[x - 1].kind !== 'clitic')) return 1;
    }
  }
  return 0;
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
  const hit = ctx.clauseIndexes.get(b);
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
function clauseEnd(ctx: Ctx, k: number, b: number): number {
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

function spanOf(ctx: Ctx, from: number, to: number): Span {
  return { start: ctx.v.toks[from].start, end: ctx.v.toks[to - 1].end };
}

/** Content over tokens [from, to): direct when quotation marks cover it, else indirect. */
function makeContent(ctx: Ctx, from: number, to: number): { span: Span; direct: boolean } | null {
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

/** The subject before token k: a mention, a pronoun to resolve, or a short noun phrase. */
function subjectBefore(ctx: Ctx, s: number, k: number): SpeakerRef | null {
  const { v, c } = ctx;
  const a = v.sentFirst[s];
  let j = k - 1;
  let dashed = false;
  // adverbs and a comma-delimited incise between subject and verb
  for (;;) {
    if (j >= a && (longestMatch(c.adverbs, v.keys, j, k) || c.adverbSuffix.test(v.keys[j]) && v.toks[j].kind === 'word' && /^\p{Ll}/u.test(v.words[j]) || v.keys[j] === 'ne' || v.keys[j] === "n'")) {
      j--;
      continue;
    }
    // a bracket after the name: "Sen. X (R-Ga.) said"
    if (j > a && v.words[j] === ')') {
      let o = j - 1;
      while (o > a && v.words[o] !== '(' && j - o < 12) o--;
      if (v.words[o] === '(') {
        j = o - 1;
        continue;
      }
    }
    // an apposition between dashes: "X -- the firm that owns Y -- said"
    if (j > a && isDash(v.words[j])) {
      let o = j - 1;
      while (o > a && v.words[o] === '-') o--;
      while (o > a && !isDash(v.words[o]) && !STOP_PUNCT.has(v.words[o]) && j - o < 40) o--;
      while (o > a && v.words[o - 1] === '-') o--;
      if (o > a && isDash(v.words[o])) {
        j = o - 1;
        dashed = true;
        continue;
      }
    }
    // "X, Y and Z all suggested": a floating quantifier after the subject
    if (j > a && c.quantifiers.has(v.keys[j]) && (ctx.mentionAtEnd.has(j - 1) || v.words[j - 1] === ')')) {
      j--;
      continue;
    }
    // "the city is demanding": the subject stands before the form of 'be'
    if (j === k - 1) {
      const be = beforeBe(ctx, a, k);
      if (be >= 0) {
        j = be - 1;
        continue;
      }
    }
    // a short time or place phrase: "prosecutors in May charged", "who in 2010 said"
    const adj = adjunctBefore(ctx, a, j);
    if (adj >= 0) {
      j = adj;
      continue;
    }
    break;
  }
  // "X, qui a déclaré" → X
  if (j >= a && c.relatives.has(v.keys[j])) {
    const rel = j;
    j--;
    if (j >= a && v.words[j] === ',') j--;
    const sp = subjectBefore(ctx, s, j + 1);
    const relSpan = spanOf(ctx, rel, rel + 1);
    return { mention: sp?.mention ?? null, start: relSpan.start, end: relSpan.end, gender: sp?.gender ?? 'x', via: relSpan };
  }
  if (j < a) return null;
  const pg = c.pronouns.get(v.keys[j]);
  if (pg !== undefined && v.toks[j].kind !== 'clitic') return resolvePronoun(ctx, s, j, pg);
  if (dashed && v.words[j] !== ',') {
    // "Name, the head of X -- … -- said": a description after the name's comma, closed otherwise
    const ch0 = chunkBack(ctx, a, j + 1);
    const q = ch0.start - 2;
    if (q >= a && v.words[q + 1] === ',' && ctx.determiners.has(v.keys[ch0.start])) {
      const m0 = ctx.mentionAtEnd.get(q);
      if (m0 && m0.type === 'PER') return ref(ctx, m0);
    }
  }
  // a mention ending right there, or an apposition ", role," / "Name, role," before the verb
  let m = ctx.mentionAtEnd.get(j);
  if (!m && v.words[j] === ',') {
    // "Le chef du conseil, Abdul Bek, a confirmé" / "Bek, chef du conseil, a confirmé"
    const inner = chunkBack(ctx, a, j);
    const before = inner.start - 1;
    // "<Name>, the agency that oversees the program, said": the name before the apposition's comma
    // (a country or a town in that place speaks for its government: "China, its only ally, said")
    let descr: SpeakerRef | null = null;
    let place: Mention | null = null;
    for (let p = j - 1, steps = 0; p > a && steps < 40; p--, steps++) {
      const w = v.words[p];
      if (w === '.' && (/^\p{Lu}$/u.test(v.words[p - 1]) || v.words[p + 1] === ',')) continue;
      if (STOP_PUNCT.has(w) || OPEN.has(w) || CLOSE.has(w) || w === ':') break;
      if (w !== ',') continue;
      let e = p - 1;
      if (v.words[e] === ')') {
        while (e > a && v.words[e] !== '(' && p - e < 12) e--;
        e--;
      }
      const m3 = ctx.mentionAtEnd.get(e);
      if (m3 && m3.type === 'PER') return ref(ctx, m3);
      // an organisation or a place there may only qualify a title ("le chef du conseil de X, <Nom>,")
      // (several appositions may follow the name: "X, the minister of Y, a member of Z, said")
      if (m3 && (m3.type === 'ORG' || m3.type === 'NORP' || m3.type === 'LOC')) {
        place ??= m3;
        continue;
      }
      // no name: a short description before the apposition ("The agency, which runs X, said")
      const outer = chunkBack(ctx, a, e + 1);
      const n = outer.end - outer.start;
      if (!place && n > 0 && n <= 6 && !hasVerbLike(ctx, outer.start, outer.end) && (ctx.determiners.has(v.keys[outer.start]) || /^\p{Lu}/u.test(v.words[outer.start]))) {
        const m5 = mentionIn(ctx, outer.start, outer.end);
        descr = m5 ? ref(ctx, m5) : { mention: null, start: v.toks[outer.start].start, end: v.toks[outer.end - 1].end, gender: 'x', via: null };
      }
      break;
    }
    // "X, R-Ky., said": a full stop before a comma closes an abbreviation
    const mEnd = ctx.mentionAtEnd.get(v.words[j - 1] === '.' ? j - 2 : j - 1);
    if (mEnd && mEnd.type === 'PER') return ref(ctx, mEnd);
    if (place && place.type !== 'LOC') return ref(ctx, place);
    if (mEnd && mEnd.type === 'ORG') return ref(ctx, mEnd);
    if (place) return ref(ctx, place);
    const mm = mentionIn(ctx, inner.start, j);
    if (mm) return ref(ctx, mm);
    if (before >= a && v.words[before] === ',') {
      const outer = chunkBack(ctx, a, before);
      const m2 = mentionIn(ctx, outer.start, before);
      if (m2) return ref(ctx, m2);
    }
    if (descr) return descr;
    // the sentence opens on the subject
    const m4 = ctx.mentionAtStart.get(a);
    if (m4 && (m4.type === 'PER' || m4.type === 'ORG')) return ref(ctx, m4);
    return null;
  }
  if (m) {
    // the mention may close a longer description ("le porte-parole de la police X")
    return ref(ctx, m);
  }
  // a description: the noun phrase back to the clause start ("un porte-parole de l'armée")
  const ch = chunkBack(ctx, a, j + 1);
  if (ch.end - ch.start === 0) return null;
  // a plain noun phrase, however long ("the former minister and current party leader said",
  // "elected officials from both parties say")
  const plain = ch.end - ch.start <= 16 && !hasVerbLike(ctx, ch.start, ch.end) && !(ch.end - ch.start > 1 && c.pronouns.has(v.keys[ch.start])) && !pastVerbIn(ctx, ch.start + 1, ch.end);
  if (plain) {
    const mm = mentionIn(ctx, ch.start, ch.end);
    if (mm && (mm.type === 'PER' || mm.type === 'ORG' || mm.type === 'NORP')) return ref(ctx, mm);
    return { mention: null, start: v.toks[ch.start].start, end: v.toks[ch.end - 1].end, gender: 'x', via: null };
  }
  if (ch.end - ch.start > 9) {
    // a long run: the noun phrase that ends it ("… all the experts I interviewed said")
    let d = ch.end - 1;
    while (d > ch.end - 7 && !ctx.determiners.has(v.keys[d])) d--;
    if (!ctx.determiners.has(v.keys[d])) return null;
    return { mention: null, start: v.toks[d].start, end: v.toks[ch.end - 1].end, gender: 'x', via: null };
  }
  const mm = mentionIn(ctx, ch.start, ch.end);
  if (mm && (mm.type === 'PER' || mm.type === 'ORG' || mm.type === 'NORP')) {
    // prefer the whole description when it ends on the mention's apposition
    return ref(ctx, mm);
  }
  // starts with a determiner or a capital: a noun phrase
  if (!ctx.determiners.has(v.keys[ch.start]) && !/^\p{Lu}/u.test(v.words[ch.start]) && ch.end - ch.start > 2) return null;
  return { mention: null, start: v.toks[ch.start].start, end: v.toks[ch.end - 1].end, gender: 'x', via: null };
}

/** The index of a form of 'be' (with a negation) right before token k, else -1. */
function beforeBe(ctx: Ctx, a: number, k: number): number {
  const { v, c } = ctx;
  let j = k - 1;
  if (j > a && (v.keys[j] === 'not' || v.keys[j] === "n't")) j--;
  return j >= a && c.passiveAux.has(v.keys[j]) ? j : -1;
}

/** A lower-case past form inside [from, to) ("Clinton restricted comments"): the stretch is a clause, not a subject. */
function pastVerbIn(ctx: Ctx, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (/^\p{Ll}+ed$/u.test(ctx.v.words[j]) || ctx.c.forms.has(ctx.v.keys[j]) || ctx.c.aux.has(ctx.v.keys[j])) return true;
  return false;
}

/** How many tokens of [from, to) stand inside brackets (with the brackets). */
function bracketed(ctx: Ctx, from: number, to: number): number {
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

function isDash(w: string): boolean {
  return DASHES.has(w) || w === '--';
}

/** A word of a verb or a clause inside tokens [from, to): cue forms, auxiliaries, pronouns, relatives. */
function hasVerbLike(ctx: Ctx, from: number, to: number): boolean {
  const { v, c } = ctx;
  for (let j = from; j < to; j++) {
    const k = v.keys[j];
    if (c.forms.has(k) || c.aux.has(k) || c.passiveAux.has(k) || c.comp.has(k) || c.relatives.has(k) || c.clauseOpeners.has(k)) return true;
    if (j > from && c.pronouns.has(k)) return true;
    if (PUNCT.test(v.words[j]) && v.words[j] !== '.' && v.words[j] !== '-' && v.words[j] !== "'" && v.words[j] !== '’' && v.words[j] !== '&') return true;
  }
  return false;
}

/**
 * "officials in May said", "who in 2010 said": when token j ends a short phrase opened by a
 * time or place preposition right after a subject, the index of that subject's last token; else -1.
 */
function adjunctBefore(ctx: Ctx, a: number, j: number): number {
  const { v, c } = ctx;
  for (let p = j; p > a && j - p < 4; p--) {
    const w = v.words[p];
    if (PUNCT.test(w) && !w.endsWith('.')) return -1;
    if (c.forms.has(v.keys[p]) || c.aux.has(v.keys[p])) return -1;
    if (!c.adjunctPreps.has(v.keys[p]) || p === j) continue;
    const q = p - 1;
    const kq = v.keys[q];
    if (c.relatives.has(kq) || c.pronouns.has(kq) || ctx.mentionAtEnd.has(q)) return q;
    if (v.toks[q].kind === 'word' && /^\p{Ll}/u.test(v.words[q]) && /s$/u.test(kq) && !ctx.determiners.has(kq) && !c.forms.has(kq)) return q;
    return -1;
  }
  return -1;
}

/** Tokens back from `end` (exclusive) to a comma, quotation mark, colon, "que"/"that" or the sentence start. */
function chunkBack(ctx: Ctx, a: number, end: number): Span {
  const { v, c } = ctx;
  let j = end - 1;
  while (j >= a) {
    const w = v.words[j];
    if (w === ')') {
      // "Sen. Jane Roe (D-Ore.) said": a bracket inside the subject
      let o = j - 1;
      while (o > a && v.words[o] !== '(' && j - o < 12) o--;
      if (v.words[o] === '(') {
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

/** The subject of a sentence's main clause: after a leading subordinate clause, a pronoun or a name. */
function mainSubject(ctx: Ctx, s: number, to: number): SpeakerRef | null {
  const { v, c } = ctx;
  let k = v.sentFirst[s];
  while (k < to && (PUNCT.test(v.words[k]) || c.leadWords.has(v.keys[k]))) k++;
  // "Meanwhile, it attacked …": a sentence adverb and its comma
  for (let n = 0; n < 2 && k + 2 < to && v.words[k + 1] === ',' && /^\p{L}\p{Ll}+$/u.test(v.words[k]) && !ctx.mentionAtStart.has(k) && !c.pronouns.has(v.keys[k]); n++) k += 2;
  if (k < to && (c.subordinators.has(v.keys[k]) || /^\p{Lu}\p{Ll}+(?:ing|ant)$/u.test(v.words[k]) && !ctx.mentionAtStart.has(k))) {
    // "When the court ruled, she said …": skip the clause up to its comma
    let j = k + 1;
    while (j < to && v.words[j] !== ',') j++;
    if (j < to) k = j + 1;
  }
  if (k >= to) return null;
  const pg = c.pronouns.get(v.keys[k]);
  if (pg !== undefined && v.toks[k].kind !== 'clitic') return resolvePronoun(ctx, s, k, pg);
  for (let j = k; j < Math.min(to, k + 4); j++) {
    if (j > k && (c.forms.has(v.keys[j]) || c.aux.has(v.keys[j]) || /(?:ed|é|ée|és|ées)$/u.test(v.keys[j]) && /^\p{Ll}/u.test(v.words[j]))) break;
    const m = ctx.mentionAtStart.get(j);
    if (m && m.type !== 'LOC') return ref(ctx, m);
  }
  // a description opening the clause ("Two Democratic speechwriters implored her …, arguing",
  // "A reporter for the local paper spotted her and reported …")
  if (v.toks[k].kind === 'word' && !ctx.mentionAtStart.has(k)) {
    let e = k + 1;
    while (e < to && e - k < 7 && !PUNCT.test(v.words[e]) && !c.forms.has(v.keys[e]) && !c.aux.has(v.keys[e]) && !c.passiveAux.has(v.keys[e]) && !c.comp.has(v.keys[e]) && !c.relatives.has(v.keys[e]) && !(e > k + 1 && /(?:ed|é|ée|és|ées)$/u.test(v.keys[e]))) {
      const m = ctx.mentionAtStart.get(e);
      e = m ? ctx.tokOfMention.get(m)!.end : e + 1;
    }
    if (e < to && (c.aux.has(v.keys[e]) || c.passiveAux.has(v.keys[e]) || c.forms.has(v.keys[e]) || /(?:ed|é|ée|és|ées)$/u.test(v.keys[e]))) {
      const m = mentionIn(ctx, k, e);
      if (m || ctx.determiners.has(v.keys[k]) || /^\p{Lu}/u.test(v.words[k]) || !hasVerbLike(ctx, k, e)) {
        return m ? ref(ctx, m) : { mention: null, start: v.toks[k].start, end: v.toks[e - 1].end, gender: 'x', via: null };
      }
    }
  }
  const m = mentionIn(ctx, k, to, true);
  return m ? ref(ctx, m) : null;
}

function rankOf(m: Mention): number {
  return m.type === 'PER' ? 3 : m.type === 'ORG' ? 2 : m.type === 'NORP' ? 1 : 0;
}

/**
 * The mentions by rank for mentionIn, so that a look-up costs a halving instead of a pass over
 * the stretch (a sentence of thousands of sources with no punctuation made every source read
 * the rest of it): for each rank, the last tokens of its mentions in order (a mention in
 * brackets after another, a gloss, kept apart by its first token: it counts only when the
 * stretch starts on it); and the first tokens of the persons, organisations and groups.
 */
interface MentionRanks {
  ends: number[][];
  glossAt: Map<number, Mention[]>;
  starts: number[];
}

function mentionRanks(ctx: Ctx): MentionRanks {
  if (ctx.ranks) return ctx.ranks;
  const ends: number[][] = [[], [], [], []];
  const glossAt = new Map<number, Mention[]>();
  for (const j of [...ctx.mentionAtEnd.keys()].sort((x, y) => x - y)) {
    const m = ctx.mentionAtEnd.get(j)!;
    const r = rankOf(m);
    if (!r) continue;
    const sp = ctx.tokOfMention.get(m)!;
    if (ctx.v.words[sp.start - 1] === '(' && ctx.v.words[sp.end] === ')') {
      const list = glossAt.get(sp.start);
      if (list) list.push(m);
      else glossAt.set(sp.start, [m]);
    } else ends[r].push(j);
  }
  const starts = [...ctx.mentionAtStart.entries()].filter(([, m]) => rankOf(m) > 0).map(([j]) => j).sort((x, y) => x - y);
  return (ctx.ranks = { ends, glossAt, starts });
}


/**
 * The mention of tokens [from, to) that names a speaker best: a person before an organisation
 * before a group, the last one of its rank; with firstOne, the first person, organisation or
 * group starting there.
 */
function mentionIn(ctx: Ctx, from: number, to: number, firstOne = false): Mention | null {
  const ix = mentionRanks(ctx);
  if (firstOne) {
    const i = lowerBound(ix.starts, from);
    return i < ix.starts.length && ix.starts[i] < to ? ctx.mentionAtStart.get(ix.starts[i])! : null;
  }
  for (let r = 3; r >= 1; r--) {
    let best: Mention | null = null;
    let bestEnd = -1;
    const ends = ix.ends[r];
    for (let i = lowerBound(ends, to) - 1; i >= 0 && ends[i] >= from; i--) {
      // (a mention reaching back before the stretch does not count; at most the one or two
      // that straddle its start are passed over)
      const m = ctx.mentionAtEnd.get(ends[i])!;
      if (ctx.tokOfMention.get(m)!.start < from) continue;
      best = m;
      bestEnd = ends[i];
      break;
    }
    // a gloss counts when the stretch starts on it
    for (const m of ix.glossAt.get(from) ?? []) {
      const end = ctx.tokOfMention.get(m)!.end - 1;
      if (rankOf(m) === r && end < to && end > bestEnd && ctx.mentionAtEnd.get(end) === m) {
        best = m;
        bestEnd = end;
      }
    }
    if (best) return best;
  }
  return null;
}

function ref(ctx: Ctx, m: Mention): SpeakerRef {
  return { mention: m, start: m.start, end: m.end, gender: genderOf(ctx, m), via: null };
}

/** "il", "she", "a-t-il": the last speaker whose gender fits, else the last person named nearby. */
function resolvePronoun(ctx: Ctx, s: number, j: number, want: Gender): SpeakerRef | null {
  // the speaker span is the pronoun as written ("elle" in "a-t-elle"); the mention says who it stands for
  const here = spanOf(ctx, j, j + 1);
  const word = ctx.v.words[j];
  const cut = Math.max(word.lastIndexOf('-'), word.lastIndexOf("'"), word.lastIndexOf('’'));
  if (cut >= 0) here.start += cut + 1;
  const unresolved: SpeakerRef = { mention: null, start: here.start, end: here.end, gender: want, via: null };
  const person = want === 'm' || want === 'f';
  for (const last of person ? [ctx.last, ctx.lastPer] : [ctx.last]) {
    if (!last?.mention || !compatible(last.gender, want)) continue;
    if (person && last.mention.type !== 'PER') continue;
    const lastSent = sentenceOfChar(ctx, last.start);
    if (s - lastSent <= 6) return { mention: last.mention, start: here.start, end: here.end, gender: last.gender, via: here };
  }
  if (want === 'x') return unresolved;
  // the last person named in this sentence (before the pronoun) or the previous one
  const from = ctx.v.toks[ctx.v.sentFirst[Math.max(0, s - 1)]].start;
  const to = ctx.v.toks[j].start;
  for (let x = ctx.mentions.length - 1; x >= 0; x--) {
    const m = ctx.mentions[x];
    if (m.start >= to) continue;
    if (m.start < from) break;
    if (want === 'p' ? m.type === 'ORG' || m.type === 'NORP' : m.type === 'PER' && compatible(genderOf(ctx, m), want)) {
      return { mention: m, start: here.start, end: here.end, gender: genderOf(ctx, m), via: here };
    }
  }
  return unresolved;
}

function sentenceOfChar(ctx: Ctx, pos: number): number {
  const ss = ctx.v.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ss[mid].start <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The speaker after an inverted cue: "a déclaré le gouverneur de X, <Name>", "said Smith". */
function subjectAfter(ctx: Ctx, s: number, k: number, b: number): { ref: SpeakerRef; end: number } | null {
  const { v, c } = ctx;
  if (k >= b) return null;
  // "said on Fox News": a preposition opens no subject
  if (c.speakerStop.has(v.keys[k]) || c.channelIntro.has(v.keys[k])) return null;
  let j = k;
  let end = j;
  while (end < b) {
    const w = v.words[end];
    if ((PUNCT.test(w) && w !== "'" && w !== '’' && w !== '-' && w !== '/' && !(w.length > 1 && w.endsWith('.'))) || (end > j && c.speakerStop.has(v.keys[end]))) break;
    if (end > j && (c.comp.has(v.keys[end]) || c.forms.has(v.keys[end]) && end > j + 1)) break;
    end++;
  }
  if (end === j) return null;
  const m = mentionIn(ctx, j, end);
  // "le gouverneur de X, <Name>," → the name in apposition
  if (end < b && v.words[end] === ',') {
    const m2 = ctx.mentionAtStart.get(end + 1);
    if (m2 && m2.type === 'PER' && m2.roleSpan && m2.roleSpan.start >= v.toks[j].start) {
      const sp = ctx.tokOfMention.get(m2)!;
      return { ref: ref(ctx, m2), end: sp.end };
    }
  }
  // a long stretch is a clause, not an inverted subject, unless it opens on the name
  if (m && (m.type === 'PER' || m.type === 'ORG' || m.type === 'NORP') && (end - j <= 8 || ctx.tokOfMention.get(m)!.start - j <= 2)) return { ref: ref(ctx, m), end };
  if (end - j > 8) return null;
  const pg = c.pronouns.get(v.keys[j]);
  if (pg !== undefined && end === j + 1) {
    const r = resolvePronoun(ctx, s, j, pg);
    return r ? { ref: r, end } : null;
  }
  if (!ctx.determiners.has(v.keys[j]) && !/^\p{Lu}/u.test(v.words[j])) return null;
  return { ref: { mention: null, start: v.toks[j].start, end: v.toks[end - 1].end, gender: 'x', via: null }, end };
}

function fromCue(ctx: Ctx, s: number, cue: CueMatch, earlier: Draft[]): Draft | null {
  const { v, c } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  // "the city is demanding", "the agency isn't offering": after a form of 'be' an -ing form is the main verb
  if (cue.participle && beforeBe(ctx, a, cue.from) >= 0) cue = { ...cue, participle: false };
  const d: Draft = {
    kind: 'indirect', content: { start: 0, end: 0 }, cue, cueSpan: spanOf(ctx, cue.from, cue.to), lemma: cue.lemma,
    speaker: null, channel: null, addressee: null, sentence: s,
  };
  // speaker given by an inverted pronoun ("a-t-il ajouté", "said he")
  let speaker: SpeakerRef | null = null;
  if (cue.pronoun >= 0) {
    const g = c.pronouns.get(v.keys[cue.pronoun]) ?? 'x';
    speaker = resolvePronoun(ctx, s, cue.pronoun, g);
    // "X a reçu des informations et précisé que …, a-t-il indiqué": the pronoun after a reported
    // clause whose subject is a person stands for that person
    if (speaker && (g === 'm' || g === 'f') && cue.from - 1 > a && v.words[cue.from - 1] === ',' && !insideMarks(ctx, v.toks[a].start) && !OPEN.has(v.words[a])) {
      const m0 = ctx.mentionAtStart.get(a);
      const sp0 = m0 ? ctx.tokOfMention.get(m0)! : null;
      const headed = m0 && m0.type === 'PER' && compatible(genderOf(ctx, m0), g) ? m0 : mainSubjectPerson(ctx, a, cue.from, g);
      const e = headed ? ctx.tokOfMention.get(headed)!.end : -1;
      if (headed && e < cue.from && (c.aux.has(v.keys[e]) || c.forms.has(v.keys[e]) || /^\p{Ll}/u.test(v.words[e]) && !ctx.determiners.has(v.keys[e])) && (!sp0 || sp0.end === e)) {
        speaker = { mention: headed, start: speaker.start, end: speaker.end, gender: g, via: speaker.via };
      }
    }
  }
  let postFrom = cue.to;
  if (c.objectAddressee.has(cue.lemma) && postFrom < b) {
    // "told Reuters that …": the addressee is the verb's object
    const m = ctx.mentionAtStart.get(postFrom) ?? (ctx.determiners.has(v.keys[postFrom]) ? ctx.mentionAtStart.get(postFrom + 1) : undefined);
    const w = longestMatch(c.addressees, v.keys, postFrom, b);
    const mEnd = m ? ctx.tokOfMention.get(m)!.end : -1;
    // "…, assure le ministère." — a name closing the sentence is the inverted subject, not the addressee
    let e = mEnd;
    while (e >= 0 && e < b && e - mEnd < 6 && !PUNCT.test(v.words[e]) && !c.comp.has(v.keys[e]) && !c.forms.has(v.keys[e])) e++;
    const closes = e >= b || e >= 0 && (STOP_PUNCT.has(v.words[e]) || v.words[e] === ',');
    const named = closes && before_(ctx, cue.from, a) ? subjectBefore(ctx, s, cue.from)?.mention : undefined;
    if (m && (m.type === 'ORG' || m.type === 'PER') && !(closes && before_(ctx, cue.from, a) && !(named && (named.type === 'PER' || named.type === 'ORG')))) {
      d.addressee = m.text;
      postFrom = mEnd;
    } else if (w) {
      d.addressee = w.entry.canonical;
      postFrom += w.len;
    } else {
      // "told the crowd, “…”", "told O'Hara that …": a short noun phrase before a clause or a quotation
      let e = postFrom;
      const opens = e < b && (ctx.determiners.has(v.keys[e]) || /^\p{Lu}/u.test(v.words[e]) && !c.pronouns.has(v.keys[e]));
      while (opens && e < b && e - postFrom < 5 && v.toks[e].kind !== 'punct' && !c.comp.has(v.keys[e]) && !c.forms.has(v.keys[e]) && !c.speakerStop.has(v.keys[e])) e++;
      const quoteNext = (x: number) => x < b && (OPEN.has(v.words[x]) || v.words[x] === "'");
      // (closing the sentence after a statement, it is the addressee only when a named subject stands before the cue)
      const namedBefore = () => {
        const n = subjectBefore(ctx, s, cue.from)?.mention;
        return !!n && (n.type === 'PER' || n.type === 'ORG');
      };
      const stops = c.comp.has(v.keys[e]) || v.words[e] === ':' || quoteNext(e) || v.words[e] === ',' && quoteNext(e + 1)
        || (e >= b || STOP_PUNCT.has(v.words[e]) || c.speakerStop.has(v.keys[e])) && (!before_(ctx, cue.from, a) || namedBefore());
      if (opens && e > postFrom && stops) {
        d.addressee = v.text.slice(v.toks[postFrom].start, v.toks[e - 1].end);
        postFrom = e;
      }
    }
  }
  const post = skipMaterial(ctx, postFrom, b, d);
  const before = cue.from - 1;
  if (s > 0 && (post >= b || post === b - 1 && STOP_PUNCT.has(v.words[post])) && !cue.participle) {
    // "“…?” \n Vitter demanded." — the sentence is only a subject and its cue
    const ch = chunkBack(ctx, a, cue.from);
    let lead = a;
    while (lead < ch.start && PUNCT.test(v.words[lead]) && !OPEN.has(v.words[lead])) lead++;
    const prevEnd = v.sentEnd[s - 1];
    if (prevEnd > 0 && lead === ch.start && ch.end > ch.start && !v.newlineBefore[a]) {
      let pe = prevEnd - 1;
      while (pe > 0 && STOP_PUNCT.has(v.words[pe])) pe--;
      const q = CLOSE.has(v.words[pe]) || v.words[pe] === "'" && v.words[pe - 1] === "'" ? ctx.marks.around(v.toks[pe - (v.words[pe] === "'" ? 1 : 0)].start - 1) : null;
      if (q) {
        const sp = speaker ?? subjectBefore(ctx, s, cue.from);
        const last = ctx.out.length ? ctx.out[ctx.out.length - 1] : null;
        if (last && last.content.start === q.cs && last.cue === null) ctx.out.pop();
        d.kind = 'direct';
        d.content = { start: q.cs, end: q.ce };
        d.speaker = sp;
        return d;
      }
    }
  }
  // 0. a passive with its agent: "the plan was rejected by the council" — the agent speaks about its subject
  const passive = passiveAgent(ctx, s, cue, earlier);
  if (passive) {
    d.speaker = passive.speaker;
    d.content = passive.content.span;
    d.kind = passive.content.direct ? 'direct' : 'indirect';
    return d;
  }
  // 1. content before: "«…», a déclaré X" / "…, X said" / "…, said X"
  let commaBefore = before >= a && isBoundary(ctx, before, a) ? before : -1;
  let leftSpeaker: SpeakerRef | null = null;
  let incise = false;
  let shortTail = b - post <= 6 && post < b && !ctx.determiners.has(v.keys[post]);
  for (let j = post; shortTail && j < b; j++) if (c.comp.has(v.keys[j]) || v.words[j] === ':' || OPEN.has(v.words[j]) || c.pronouns.has(v.keys[j])) shortTail = false;
  const endsHere = post >= b || STOP_PUNCT.has(v.words[post]) || v.words[post] === ',' || c.speakerStop.has(v.keys[post]) && !c.comp.has(v.keys[post]) || shortTail;
  if (commaBefore === before && before > a && !cue.participle && cue.pronoun < 0 && endsHere) {
    // "“…,” Scott Pruitt, the attorney general, said": the subject and its apposition sit
    // between the quotation and the cue
    const sp = subjectBefore(ctx, s, cue.from);
    const span = sp?.mention ? ctx.tokOfMention.get(sp.mention) : undefined;
    // (a title may stand before the name: "Senate Majority Leader X")
    const st = span ? chunkBack(ctx, a, span.start + 1).start : -1;
    if (sp && span && span.start > a && span.start < before && isBoundary(ctx, span.start - 1, a) && span.start - 1 > a) {
      leftSpeaker = sp;
      commaBefore = span.start - 1;
    } else if (sp && span && st > a + 1 && span.start - st <= 3 && span.start < before && isBoundary(ctx, st - 1, a)) {
      leftSpeaker = sp;
      commaBefore = st - 1;
    }
  }
  if (commaBefore < 0 && before >= a && !cue.participle) {
    // "…, X said" / "…,” he said": a short subject between a comma and the cue
    const ch = chunkBack(ctx, a, cue.from);
    if (ch.start > a && ch.end - ch.start - bracketed(ctx, ch.start, ch.end) <= 6 && ch.end > ch.start && isBoundary(ctx, ch.start - 1, a) && !pastVerbIn(ctx, ch.start + 1, ch.end) && (post >= b || STOP_PUNCT.has(v.words[post]) || v.words[post] === ',' || c.speakerStop.has(v.keys[post]) && !c.comp.has(v.keys[post]))) {
      leftSpeaker = subjectBefore(ctx, s, cue.from);
      if (leftSpeaker) {
        commaBefore = ch.start - 1;
        // "The bridge, the mayor said, will reopen in May": the statement runs on after the incise
        // (not when a participle follows: "“…,” X said, adding …")
        incise = v.words[post] === ',' && post + 1 < b && !STOP_PUNCT.has(v.words[post + 1]) && !cueAt(v.keys, post + 1, c, b)?.participle && !longestMatch(c.according, v.keys, post + 1, b);
      }
    }
  }
  if (cue.participle && commaBefore >= 0) {
    // "…, précisant que …" continues the speaker of the statement before it
    const prev = mainStatement(ctx, earlier);
    d.speaker = prev?.speaker ?? mainSubject(ctx, s, cue.from) ?? ctx.last;
    return contentAfter(ctx, d, post, b) ? d : null;
  }
  // "X, the agency, said it was …": a pronoun after the cue opens the reported clause
  if (commaBefore >= 0 && cue.pronoun < 0 && !leftSpeaker && post < b && c.pronouns.has(v.keys[post]) && v.toks[post].kind !== 'clitic' && !(post + 1 < b && (STOP_PUNCT.has(v.words[post + 1]) || v.words[post + 1] === ','))) commaBefore = -1;
  // "Le chef du conseil, <Name>, a confirmé …": the part before the comma is the subject, not content
  if (commaBefore >= 0 && cue.pronoun < 0 && !leftSpeaker && post < b && !STOP_PUNCT.has(v.words[post]) && v.words[post] !== ',' && appositiveSubject(ctx, a, commaBefore, post, b)) commaBefore = -1;
  if (commaBefore >= 0 && (cue.pronoun >= 0 || leftSpeaker || post >= b || STOP_PUNCT.has(v.words[post]) || v.words[post] === ',' || !c.comp.has(v.keys[post]))) {
    const startTok = contentStartBefore(ctx, a, commaBefore, earlier);
    if (startTok < commaBefore && (cue.pronoun >= 0 || leftSpeaker || !c.comp.has(v.keys[post]))) {
      const inciseEnd = incise ? clauseEnd(ctx, post + 1, b) : -1;
      const content = incise ? makeContent(ctx, startTok, inciseEnd) : makeContent(ctx, startTok, commaBefore);
      if (content && (content.direct || commaBefore - startTok >= 3 || incise && inciseEnd - startTok >= 5)) {
        // the statement runs on after the incise: its verbs are not cues of their own
        if (incise) d.skipTo = inciseEnd;
        let sp = speaker ?? leftSpeaker;
        let spEnd = post;
        if (!sp && cue.pronoun < 0) {
          const after = subjectAfter(ctx, s, post, b);
          if (after) {
            sp = after.ref;
            spEnd = after.end;
          }
        }
        const relativeSubject = !!leftSpeaker?.via && c.relatives.has(v.text.slice(leftSpeaker.via.start, leftSpeaker.via.end).toLowerCase());
        if (!relativeSubject && (sp || cue.pronoun >= 0 || content.direct) && (content.direct || cue.pronoun >= 0 || !c.quoteOnly.has(cue.lemma))) {
          d.content = content.span;
          d.kind = content.direct ? 'direct' : 'indirect';
          d.speaker = sp;
          // channel / addressee after the speaker ("…, a déclaré X, dans un SMS à des journalistes")
          skipMaterial(ctx, spEnd < b && v.words[spEnd] === ',' ? spEnd + 1 : spEnd, b, d);
          return d;
        }
      }
    }
  }
  // 2. content after: que/that clause, colon, quotation, or object
  const coordinated = cue.from - 1 > a && ctx.coordinators.has(v.keys[cue.from - 1]);
  if ((cue.participle || coordinated) && cue.from > a && !ctx.mentionAtEnd.has(cue.from - 1)) {
    // "X did this, even saying …", "X stressed this and said …": the subject of the main clause
    const prev = mainStatement(ctx, earlier);
    d.speaker = prev?.speaker ?? mainSubject(ctx, s, cue.from) ?? (cue.participle ? ctx.last : null);
    return contentAfter(ctx, d, post, b) ? d : null;
  }
  d.speaker = speaker ?? subjectBefore(ctx, s, cue.from);
  if (cue.pronoun >= 0 && !speaker) d.speaker = null;
  // "When he wrote his book, Smith said …": a subordinate clause reports up to its comma
  const limit = subordinateEnd(ctx, a, cue.from, post, b);
  if (!d.speaker && cue.pronoun < 0) {
    // no subject on the left: maybe an inverted one after the content ("X, a précisé le ministre" handled above)
    const after = subjectAfter(ctx, s, post, limit);
    if (after && ctx.determiners.has(v.keys[post]) === false && after.ref.mention) {
      d.speaker = after.ref;
      return contentAfter(ctx, d, skipMaterial(ctx, after.end, limit, d), limit) ? d : null;
    }
  }
  return contentAfter(ctx, d, post, limit) ? d : null;
}

/**
 * The statement of the sentence's main clause among the earlier ones: the last whose cue is not
 * inside another's content ("X told them that she believes A, saying B": X's, not she's).
 */
function mainStatement(ctx: Ctx, earlier: Draft[]): Draft | null {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const e = earlier[i];
    const inner = e.cueSpan && earlier.some((o) => o !== e && o.content.start <= e.cueSpan!.start && e.cueSpan!.end <= o.content.end);
    // "an architect who said …, saying": a relative clause's statement is not the main one
    const relative = e.speaker?.via && ctx.c.relatives.has(ctx.v.text.slice(e.speaker.via.start, e.speaker.via.end).toLowerCase());
    if (!inner && !relative) return e;
  }
  return null;
}

/** When the cue at `from` sits in a clause opened by "when", "lorsque"…, the comma closing that clause; else b. */
function subordinateEnd(ctx: Ctx, a: number, from: number, post: number, b: number): number {
  const { v, c } = ctx;
  // the clause opens the sentence: "When he wrote his book, …" (not "…, when she suggested that …")
  const open = Math.min(from, leadEnd(ctx, a));
  if (open >= from - 1 || from - open > 8 || !c.clauseOpeners.has(v.keys[open])) return b;
  for (let j = open; j < from; j++) if (PUNCT.test(v.words[j]) && !v.words[j].endsWith('.')) return b;
  for (let x = post; x < b; x++) {
    if (v.words[x] === ',' && !insideMarks(ctx, v.toks[x].start)) return x;
  }
  return b;
}

/**
 * The first token at or after k in sentence s that is a single punctuation mark other than an
 * apostrophe or a hyphen (or the sentence end): where a source's noun phrase stops. Kept per
 * sentence, as a sentence of thousands of "selon" with no punctuation made each read the rest.
 */
function nextHardPunct(ctx: Ctx, s: number, k: number): number {
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
function leadEnd(ctx: Ctx, a: number): number {
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

/** A person named at the head of the sentence, after a title ("Le Premier ministre X"). */
function mainSubjectPerson(ctx: Ctx, a: number, to: number, g: Gender): Mention | null {
  for (let j = a; j < Math.min(to, a + 6); j++) {
    const m = ctx.mentionAtStart.get(j);
    if (m) return m.type === 'PER' && compatible(genderOf(ctx, m), g) ? m : null;
    if (PUNCT.test(ctx.v.words[j]) || ctx.c.forms.has(ctx.v.keys[j]) || ctx.c.aux.has(ctx.v.keys[j])) return null;
  }
  return null;
}

/** A statement may stand before the cue: a comma or a closing quotation mark right before it. */
function before_(ctx: Ctx, from: number, a: number): boolean {
  return from - 1 > a && isBoundary(ctx, from - 1, a);
}

/** "X was denied by the ministry", "X a été démenti par Y": the agent, and the subject as content. */
function passiveAgent(ctx: Ctx, s: number, cue: CueMatch, earlier: Draft[]): { speaker: SpeakerRef; content: { span: Span; direct: boolean } } | null {
  const { v, c } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  // the form of 'be' before the cue, or opening it ("sont accusées par")
  const beInside = cue.to - cue.from >= 2 && c.passiveAux.has(v.keys[cue.from]);
  if (cue.pronoun >= 0 || cue.participle || cue.from <= a && !beInside || !beInside && !c.passiveAux.has(v.keys[cue.from - 1])) return null;
  let x = cue.to;
  while (x < b && longestMatch(c.adverbs, v.keys, x, b)) x++;
  if (x + 1 >= b || !c.agentMarkers.has(v.keys[x])) return null;
  const ag = subjectAfter(ctx, s, x + 1, b);
  let speaker = ag?.ref ?? null;
  if (!speaker) {
    // "by far fewer papers": a noun phrase up to a preposition or punctuation
    let e = x + 1;
    while (e < b && e - x < 8 && !PUNCT.test(v.words[e]) && !c.speakerStop.has(v.keys[e]) && !c.comp.has(v.keys[e])) e++;
    if (e === x + 1) return null;
    speaker = { mention: null, start: v.toks[x + 1].start, end: v.toks[e - 1].end, gender: 'x', via: null };
  }
  // the subject: from the clause start to the auxiliaries
  let auxStart = beInside ? cue.from : cue.from - 1;
  while (auxStart - 1 >= a && (c.aux.has(v.keys[auxStart - 1]) || c.passiveAux.has(v.keys[auxStart - 1]) || longestMatch(c.adverbs, v.keys, auxStart - 1, auxStart))) auxStart--;
  const start = contentStartBefore(ctx, a, auxStart, earlier);
  const ch = chunkBack(ctx, a, auxStart);
  const from = ch.end > ch.start && !OPEN.has(v.words[ch.start - 1] ?? '') && !CLOSE.has(v.words[ch.start - 1] ?? '') ? Math.max(start, ch.start) : start;
  if (from >= auxStart) return null;
  const content = makeContent(ctx, from, auxStart);
  return content ? { speaker, content } : null;
}

/** Token j ends a stretch of content: a comma, or a closing quotation mark after , ? ! or . */
function isBoundary(ctx: Ctx, j: number, a: number): boolean {
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

/** The comma-delimited chunk ending at `comma` is a name (with at most a few words around it). */
function appositiveSubject(ctx: Ctx, a: number, comma: number, post = -1, b = -1): boolean {
  if (post >= 0 && ctx.determiners.has(ctx.v.keys[post])) {
    // "…, a assuré le ministère de la Défense." — an inverted subject closes the sentence
    const after = subjectAfter(ctx, ctx.v.sent[comma], post, b);
    const sm = after?.ref.mention;
    if (after && sm && sm.type !== 'LOC' && sm.type !== 'MISC' && (after.end >= b || STOP_PUNCT.has(ctx.v.words[after.end]) || ctx.v.words[after.end] === ',')) return false;
  }
  const ch = chunkBack(ctx, a, comma);
  const m = mentionIn(ctx, ch.start, comma);
  const sp = m ? ctx.tokOfMention.get(m)! : null;
  if (sp && sp.end === comma && sp.start - ch.start <= 3) return true;
  // "Name, the former minister, stressed …", "Name, who heads X, said", "Name, role, role, said":
  // a name opening the sentence, then its appositions
  let start = ch.start;
  for (let hop = 0; hop < 3; hop++) {
    let c2 = start - 1;
    if (c2 > a && ctx.c.relatives.has(ctx.v.keys[c2])) c2--;
    if (!(c2 > a && ctx.v.words[c2] === ',' && !ctx.c.comp.has(ctx.v.keys[start]))) return false;
    const outer = chunkBack(ctx, a, c2);
    let e2 = c2 - 1;
    if (ctx.v.words[e2] === ')') {
      while (e2 > a && ctx.v.words[e2] !== '(' && c2 - e2 < 12) e2--;
      e2--;
    }
    const m2 = ctx.mentionAtEnd.get(e2);
    const sp2 = m2 ? ctx.tokOfMention.get(m2)! : null;
    if (m2 && sp2 && (m2.type === 'PER' || m2.type === 'ORG') && outer.start <= sp2.start && sp2.start - outer.start <= 2 && (outer.start === a || ctx.v.words[outer.start - 1] !== ',')) return true;
    if (outer.start >= start) return false;
    start = outer.start;
  }
  return false;
}

/** Where the content that a postposed cue closes begins: after the previous statement in the sentence. */
function contentStartBefore(ctx: Ctx, a: number, comma: number, earlier: Draft[]): number {
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
function afterDateline(ctx: Ctx, start: number, limit: number): number {
  const { v } = ctx;
  if (v.sent[start] !== 0 && !(start > 0 && v.newlineBefore[start])) return start;
  for (let j = start; j < Math.min(limit, start + 16); j++) {
    if (DASHES.has(v.words[j]) && j > start && v.words[j - 1] === ')') return j + 1;
  }
  return start;
}

function tokAtOrAfter(ctx: Ctx, pos: number): number {
  return lowerBoundBy(ctx.v.toks, pos, (t) => t.start);
}

function contentAfter(ctx: Ctx, d: Draft, post: number, b: number): boolean {
  const { v, c } = ctx;
  let k = post;
  if (k >= b) return false;
  let introduced = false;
  if (c.comp.has(v.keys[k])) {
    k++;
    introduced = true;
  } else if (v.words[k] === ':' || v.words[k] === ',' && k + 1 < b && (OPEN.has(v.words[k + 1]) || v.words[k + 1] === "'")) {
    k++;
    introduced = true;
  }
  if (k >= b || introduced && k === b - 1 && STOP_PUNCT.has(v.words[k])) {
    // "X said:" and the quotation in the next paragraph
    const s2 = d.sentence + 1;
    if (!introduced || s2 >= v.sentences.length) return false;
    const f = v.sentFirst[s2];
    const q = f >= 0 ? ctx.marks.at(v.toks[f].start) : null;
    if (!q) return false;
    d.content = { start: q.cs, end: q.ce };
    d.kind = 'direct';
    return true;
  }
  const startsQuote = OPEN.has(v.words[k]);
  if (!introduced && !startsQuote) {
    // object or bare clause: "a confirmé l'entrée des talibans", "said he would go"
    if (STOP_PUNCT.has(v.words[k]) || v.words[k] === ',' ) return false;
    if (v.keys[k] === 'for' || v.keys[k] === 'pour' || v.keys[k] === 'de' || v.keys[k] === 'to' && v.lang === 'en' && ctx.mentionAtStart.get(k + 1) === undefined) {
      // "called for", "appelé à": keep going, the object follows
    }
  }
  const end = clauseEnd(ctx, k, b);
  if (end <= k) return false;
  const content = makeContent(ctx, k, end);
  if (!content) return false;
  if (!introduced && !content.direct && end - k < 3) return false;
  // "qui a requis l'anonymat", "asked not to be named": a condition of the source, not a statement
  if (longestMatch(ctx.c.anonymity, v.keys, k, end)) return false;
  if (d.lemma && ctx.c.quoteOnly.has(d.lemma) && !content.direct && !(introduced && v.words[k - 1] !== ':')) return false;
  d.content = content.span;
  d.kind = content.direct ? 'direct' : 'indirect';
  return true;
}

/** "selon X, …" / "…, selon X" / "according to X, …" / "de même source, …". */
function according(ctx: Ctx, s: number, k: number, after: number, sameSource: boolean, marker = 'selon'): Draft | null {
  const { v, c } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  const d: Draft = {
    kind: 'according_to', content: { start: 0, end: 0 }, cue: null, cueSpan: spanOf(ctx, k, after), lemma: marker,
    speaker: null, channel: null, addressee: null, sentence: s,
  };
  let npEnd = after;
  if (sameSource) {
    d.speaker = ctx.lastSource ?? ctx.last;
    d.lemma = 'même source';
  } else {
    // the source noun phrase up to a comma or the end of the sentence
    npEnd = nextHardPunct(ctx, s, after);
    if (npEnd === after) return null;
    let ch = channelNoun(ctx, after, npEnd);
    // "according to show insiders": a channel word before a plural noun only qualifies it
    if (ch && ch.end < npEnd && v.toks[ch.end].kind === 'word' && /^\p{Ll}+s$/u.test(v.words[ch.end]) && !c.forms.has(v.keys[ch.end])) ch = null;
    const m = mentionIn(ctx, after, npEnd);
    if (m) d.speaker = ref(ctx, m);
    else if (ch && ch.end >= after) d.channel = ch.label;

    else {
      const pg = c.pronouns.get(v.keys[after]);
      if (pg !== undefined && npEnd === after + 1) d.speaker = resolvePronoun(ctx, s, after, pg);
      else if (npEnd - after <= 10) d.speaker = { mention: null, start: v.toks[after].start, end: v.toks[npEnd - 1].end, gender: 'x', via: null };
    }
    if (marker === 'pour' && !d.speaker) return null;
    if (marker === 'pour' && (npEnd >= b || v.words[npEnd] !== ',')) return null;
  }
  // content: the rest of the sentence on the other side
  let content: { span: Span; direct: boolean } | null = null;
  let lead = a;
  while (lead < k && (PUNCT.test(v.words[lead]) || ctx.leadWords.has(v.keys[lead]) || longestMatch(c.adverbs, v.keys, lead, k))) lead++;
  const atStart = lead === k;
  if (atStart || sameSource) {
    const from = sameSource ? after : npEnd;
    content = makeContent(ctx, from, clauseEnd(ctx, from + 1, b));
  } else {
    const comma = k - 1;
    if (comma >= a && v.words[comma] === ',') {
      content = makeContent(ctx, contentStartBefore(ctx, a, comma, []), comma);
    } else {
      // "… selon X" without a comma, or "selon X" mid-sentence: the sentence minus the source
      content = makeContent(ctx, afterDateline(ctx, a, k), k);
    }
  }
  if (!content) return null;
  d.content = content.span;
  if (d.speaker && !sameSource) ctx.lastSource = d.speaker;
  return d;
}

/**
 * A transcript turn: a paragraph opening with a speaker's name and a colon ("SMITH: …",
 * "Mr. Smith: …"); the content runs to the end of the paragraph.
 */
function speakerTurn(ctx: Ctx, s: number): Draft | null {
  const { v } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  let k = a;
  while (k < b && OPEN.has(v.words[k])) k++;
  if (k !== a && k - a > 1) return null;
  // at the start of a paragraph only
  if (a > 0 && !v.newlineBefore[a]) return null;
  let colon = -1;
  for (let j = k; j < Math.min(b, k + 5); j++) {
    if (v.words[j] === ':') {
      colon = j;
      break;
    }
    if (PUNCT.test(v.words[j]) && !v.words[j].endsWith('.')) return null;
    if (!/^\p{Lu}/u.test(v.words[j]) && !(v.toks[j].kind === 'abbrev')) return null;
  }
  if (colon <= k || colon + 1 >= b) return null;
  // the paragraph's end
  let last = s;
  while (last + 1 < v.sentences.length && v.sentFirst[last + 1] >= 0 && !v.newlineBefore[v.sentFirst[last + 1]]) last++;
  const endTok = v.sentEnd[last];
  const content = makeContent(ctx, colon + 1, endTok);
  if (!content) return null;
  const m = mentionIn(ctx, k, colon);
  for (const x of ctx.mentions) if (x.start >= v.toks[k].start && x.end <= v.toks[colon - 1].end && (x.type === 'LOC' || x.type === 'MISC')) return null;
  if (!m && !v.words.slice(k, colon).every((w) => /^[\p{Lu}\p{P}]+$/u.test(w))) return null;
  if (m && m.type !== 'PER') return null;
  if (!m) {
    // "SMITH:" in capitals: a person named elsewhere in the document, or a speaker of several turns
    const key = v.keys[colon - 1];
    if (!ctx.mentions.some((x) => x.type === 'PER' && x.text.toLowerCase().split(/\s+/u).pop() === key) && turnCount(ctx, key) < 2) return null;
  }
  if (endTok - colon < 6) return null;
  const speaker: SpeakerRef = m ? ref(ctx, m) : { mention: null, start: v.toks[k].start, end: v.toks[colon - 1].end, gender: 'x', via: null };
  return {
    kind: 'direct', content: { start: content.span.start, end: v.toks[endTok - 1].end }, cue: null, cueSpan: spanOf(ctx, colon, colon + 1), lemma: ':',
    speaker, channel: null, addressee: null, sentence: s,
  };
}

/** How many paragraphs open with "KEY:" (a transcript's speaker turns). */
function turnCount(ctx: Ctx, key: string): number {
  if (!ctx.turns) {
    ctx.turns = new Map();
    const re = /(?:^|\n)["“«]?\s*([\p{Lu}][\p{Lu}.' -]{1,40}):/gu;
    for (let m = re.exec(ctx.v.text); m; m = re.exec(ctx.v.text)) {
      const k = m[1].trim().toLowerCase().split(/\s+/u).pop() ?? '';
      ctx.turns.set(k, (ctx.turns.get(k) ?? 0) + 1);
    }
  }
  return ctx.turns.get(key) ?? 0;
}

/** A sentence that is a quotation and nothing else: carried to the previous speaker when there is one. */
function bareQuote(ctx: Ctx, s: number): void {
  const { v } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  let from = a;
  // (two apostrophes stand for a double quote in some wires)
  if (!OPEN.has(v.words[from]) && !(v.words[from] === "'" && v.words[from + 1] === "'")) return;
  const q = ctx.marks.at(v.toks[from].start);
  if (!q) return;
  const text = v.text.slice(q.cs, q.ce);
  if (text.split(/\s+/u).length < 4) return;
  // a quotation that closes in a later sentence with its own cue is that sentence's content
  if (q.ce > v.sentences[s].end) {
    const last = sentenceOfChar(ctx, q.ce);
    const from = tokAtOrAfter(ctx, q.closeEnd);
    for (let j = from; j < Math.min(v.sentEnd[last], from + 8); j++) if (cueAt(v.keys, j, ctx.c, v.sentEnd[last])) return;
  }
  // what follows the quotation is only punctuation, or a dash and a name ("“…” — Jane Doe")
  const after = tokAtOrAfter(ctx, q.closeEnd);
  let dashSpeaker: SpeakerRef | null = null;
  let dashSpan: Span | null = null;
  let bq = v.sentEnd[sentenceOfChar(ctx, Math.max(q.cs, q.ce - 1))];
  // "“…”― Name." may have been cut into a sentence of its own
  if (after >= bq && after < v.toks.length && DASHES.has(v.words[after]) && !v.newlineBefore[after]) bq = v.sentEnd[v.sent[after]];
  for (let j = after; j < bq; j++) {
    if (DASHES.has(v.words[j]) && j + 1 < bq) {
      const m = mentionIn(ctx, j + 1, bq, true);
      let e = bq;
      while (e > j + 1 && PUNCT.test(v.words[e - 1])) e--;
      if (e - (j + 1) <= 6 && e > j + 1) {
        dashSpeaker = m ? ref(ctx, m) : { mention: null, start: v.toks[j + 1].start, end: v.toks[e - 1].end, gender: 'x', via: null };
        dashSpan = spanOf(ctx, j, j + 1);
      }
      break;
    }
    if (!PUNCT.test(v.words[j])) return;
  }
  const prev = ctx.out.length ? ctx.out[ctx.out.length - 1] : null;
  const near = prev && s - prev.sentence <= 2 ? prev : null;
  // "“A,” she said. “B.”" in one paragraph: B continues the same statement
  if (!dashSpeaker && near && near.kind === 'direct' && near.cue && near.content.end < q.cs && !hasBreak(v.text, near.content.end, q.open)) {
    near.content = { start: near.content.start, end: q.ce };
    return;
  }
  ctx.out.push({
    kind: 'direct', content: { start: q.cs, end: q.ce }, cue: null, cueSpan: dashSpan, lemma: dashSpan ? v.words[after] : null,
    speaker: dashSpeaker ?? (near?.kind === 'direct' || near?.kind === 'indirect' ? near.speaker : null),
    channel: null, addressee: null, sentence: s,
  });
}

function hasBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

function toQuotes(ctx: Ctx): Quote[] {
  const out = ctx.out.filter((d) => d.content.end > d.content.start);
  out.sort((x, y) => x.content.start - y.content.start);
  return out.map((d, i) => {
    let start = d.content.start;
    let end = d.content.end;
    // the quotation marks belong to the attribution
    if (start > 0 && OPEN.has(ctx.v.text[start - 1])) start--;
    if (end < ctx.v.text.length && CLOSE.has(ctx.v.text[end])) end++;
    for (const sp of [d.cueSpan, d.speaker]) {
      if (!sp) continue;
      if (sentenceOfChar(ctx, sp.start) !== d.sentence) continue;
      start = Math.min(start, sp.start);
      end = Math.max(end, sp.end);
    }
    const q: Quote = {
      id: `q${i + 1}`,
      kind: d.kind,
      start,
      end,
      content: d.content,
      speaker: d.speaker
        ? { mention: d.speaker.mention?.id ?? null, start: d.speaker.start, end: d.speaker.end, text: ctx.v.text.slice(d.speaker.start, d.speaker.end) }
        : null,
      cue: d.cueSpan && d.lemma ? { start: d.cueSpan.start, end: d.cueSpan.end, lemma: d.lemma } : null,
      channel: d.channel,
      addressee: d.addressee,
    };
    return q;
  });
}

export const quotesStage = defineStage({
  name: 'quotes',
  produces: 'quotes',
  run: (doc, ann) => findQuotes(doc, ann),
});
