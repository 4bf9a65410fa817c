// What every quote rule reads: the token view, the cue and entity rules of the language, the
// mentions indexed by token, the quotation marks, and the speakers met so far in the document.
// Rules are small functions over this context; what they build is a Draft, turned into a Quote
// at the end (pipeline/quotes.ts).
import { entityRules, type Gender } from '../entities/rules.js';
import { buildView, type TokenView } from '../entities/view.js';
import { lowerBoundBy } from '../bisect.js';
import type { Annotations, Mention, QuoteKind, ResolvedDocument, Span } from '../types.js';
import { cueAt, cueRules, type CueMatch, type CueRules } from './cues.js';
import { findQuoteMarks, type QuoteMarks } from './marks.js';

export const PUNCT = /^[\p{P}\p{S}]+$/u;
export const OPEN = new Set(['«', '“', '"', '‘', '„']);
export const CLOSE = new Set(['»', '”', '"', '’', '“']);
export const STOP_PUNCT = new Set(['.', '!', '?', ';', '…']);
export const DASHES = new Set(['—', '―', '–', '-']);
export const UPPER = /^\p{Lu}/u;
export const LOWER = /^\p{Ll}/u;

export interface SpeakerRef {
  mention: Mention | null;
  start: number;
  end: number;
  gender: Gender;
  /** Where a pronoun or relative stands for the speaker, when it was resolved from one. */
  via: Span | null;
  /** The rule that found the speaker ("subject-mention", "pronoun-last-speaker"…). */
  rule: string;
}

export interface Draft {
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
  /** The configuration that read the statement, then the refiners that changed it. */
  rules: string[];
}

export interface Ctx {
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
  /** Sentences written in title case (headlines), where verbs are capitalised too. */
  titleCase: Uint8Array;
  turns?: Map<string, number>;
  /** Clause ends of the sentence being read, by the clause limit (see clauses.ts). */
  clauseIndexes: Map<number, ClauseIndexLike>;
  /** leadEnd by sentence start. */
  leadEnds: Map<number, number>;
  /** nextHardPunct by sentence. */
  hardPunct: Map<number, Int32Array>;
  /** Mentions by rank, for mentionIn (built on first use). */
  ranks?: MentionRanks;
  out: Draft[];
  /** Token j is a clitic written onto the word before it ("-ils" in "ont-ils"). */
  isClitic: (j: number) => boolean;
}

/** The clause index of clauses.ts, kept opaque here. */
export interface ClauseIndexLike {
  a: number;
  b: number;
}

/**
 * The mentions by rank for mentionIn: for each rank, the last tokens of its mentions in order (a
 * mention in brackets after another, a gloss, kept apart by its first token); and the first
 * tokens of the persons, organisations and groups.
 */
export interface MentionRanks {
  ends: number[][];
  glossAt: Map<number, Mention[]>;
  starts: number[];
}

export function makeContext(doc: ResolvedDocument, ann: Readonly<Annotations>): Ctx {
  const v = buildView(doc.text, doc.lang, ann);
  const r = entityRules(doc.lang);
  const ctx: Ctx = {
    v, c: cueRules(doc.lang), mentions: ann.mentions, mentionAtEnd: new Map(), mentionAtStart: new Map(), tokOfMention: new Map(),
    marks: findQuoteMarks(doc.text), determiners: r.determiners, femaleRoles: r.femaleRoles, honorifics: r.honorifics,
    last: null, lastSource: null, lastPer: null, out: [], titleCase: titleCaseSentences(v),
    clauseIndexes: new Map(), leadEnds: new Map(), hardPunct: new Map(), isClitic: (j) => v.toks[j].kind === 'clitic',
  };
  indexMentions(ctx);
  return ctx;
}

function titleCaseSentences(v: TokenView): Uint8Array {
  const out = new Uint8Array(v.sentences.length);
  for (let s = 0; s < v.sentences.length; s++) {
    let words = 0;
    let caps = 0;
    for (let k = v.sentFirst[s]; k >= 0 && k < v.sentEnd[s]; k++) {
      if (v.toks[k].kind !== 'word' || v.words[k].length < 4) continue;
      words++;
      if (UPPER.test(v.words[k])) caps++;
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

export function newDraft(kind: QuoteKind, s: number, cueSpan: Span | null, lemma: string | null, rule: string, cue: CueMatch | null = null): Draft {
  return {
    kind, content: { start: 0, end: 0 }, cue, cueSpan, lemma, speaker: null, channel: null, addressee: null, sentence: s, rules: [rule],
  };
}

export function genderOf(ctx: Ctx, m: Mention | null): Gender {
  if (!m) return 'x';
  const first = m.text.split(/\s+/u)[0];
  const h = ctx.honorifics.get(first);
  if (h) return h;
  if (m.role && ctx.femaleRoles.has(m.role.toLowerCase().split(/\s+/u)[0])) return 'f';
  // "la ministre X", "le ministère": the article before the name
  const sp = ctx.tokOfMention.get(m);
  return sp && sp.start > 0 ? ctx.c.genderedArticles.get(ctx.v.keys[sp.start - 1]) ?? 'x' : 'x';
}

export function compatible(g: Gender, want: Gender): boolean {
  if (want === 'x' || g === 'x') return true;
  if (want === 'p') return g === 'p';
  return g === want;
}

/** A speaker named by a mention. */
export function ref(ctx: Ctx, m: Mention, rule: string): SpeakerRef {
  return { mention: m, start: m.start, end: m.end, gender: genderOf(ctx, m), via: null, rule };
}

/** A speaker named by tokens [from, to) that no mention covers ("une source sécuritaire"). */
export function phrase(ctx: Ctx, from: number, to: number, rule: string): SpeakerRef {
  const gender = ctx.c.genderedArticles.get(ctx.v.keys[from]) ?? 'x';
  return { mention: null, start: ctx.v.toks[from].start, end: ctx.v.toks[to - 1].end, gender, via: null, rule };
}

/** The cue starting at token i, reading the tokens' kinds for pronouns written onto a verb ("ont-ils"). */
export function cueOf(ctx: Ctx, i: number, limit: number): CueMatch | null {
  return cueAt(ctx.v.keys, i, ctx.c, limit, ctx.isClitic);
}

export function insideMarks(ctx: Ctx, pos: number): boolean {
  return ctx.marks.inside(pos);
}

export function spanOf(ctx: Ctx, from: number, to: number): Span {
  return { start: ctx.v.toks[from].start, end: ctx.v.toks[to - 1].end };
}

export function tokAtOrAfter(ctx: Ctx, pos: number): number {
  return lowerBoundBy(ctx.v.toks, pos, (t) => t.start);
}

export function sentenceOfChar(ctx: Ctx, pos: number): number {
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

export function isDash(w: string): boolean {
  return DASHES.has(w) || w === '--';
}

export function hasBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** The word at token j is a relative pronoun standing for a speaker ("qui", "who"). */
export function isRelativeVia(ctx: Ctx, sp: SpeakerRef | null | undefined): boolean {
  return !!sp?.via && ctx.c.relatives.has(ctx.v.text.slice(sp.via.start, sp.via.end).toLowerCase());
}
