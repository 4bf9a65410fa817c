// The matchers of the mentions stage, tried in order at each token: each is a small named
// function with its example, that either drafts mentions and says where reading goes on, or
// returns -1. The capitalised-run matcher reads the run once, then tries the run matchers
// (two places joined by a hyphen, a name the lexicons know, a group noun, a sentence-initial
// ordinary word, a title in quotation marks) before typing the run with the rules of typing.ts.
import type { CueRules } from '../quotes/cues.js';
import { headBefore, initialEvidence, placePair, titleBefore } from './context.js';
import { definedAcronym } from './organisations.js';
import { because, newDraft, type Draft } from './draft.js';
import { lexAt } from './lexicon.js';
import { placeRank } from './places.js';
import { resolvePossessive, roleAfter, roleBefore } from './roles.js';
import { longestMatch, type EntityRules, type Gender } from './rules.js';
import { readRun, startsName, trimRun } from './run.js';
import { adjacent, firstName, honorAt, isCap, isInitial, QUOTE_CLOSE, QUOTE_OPEN, sentenceInitial, spanOfText, UPPER } from './shape.js';
import { typeCandidate, type Candidate } from './typing.js';
import type { TokenView } from './view.js';
import type { MentionType } from '../types.js';

/** What the matchers read and write: the document's tokens, the rules of its language, the drafts so far. */
export interface Scan {
  v: TokenView;
  r: EntityRules;
  c: CueRules;
  drafts: Draft[];
  /** The candidate typedName sets anew for each run. */
  candidate?: Candidate;
}

/** A matcher at token i: the token where reading goes on (> i) when it drafted or skipped something, else -1. */
export type Matcher = (x: Scan, i: number) => number;

/** "les talibans", "security forces": a lower-case group noun or collective actor. */
export function groupNoun(x: Scan, i: number): number {
  const { v, r } = x;
  if (v.toks[i].kind !== 'word' || isCap(v, r, i)) return -1;
  const g = longestMatch(r.groups, v.keys, i, Math.min(v.toks.length, i + 4));
  if (!g) return -1;
  x.drafts.push(newDraft(i, i + g.len, g.entry.type, g.entry.canonical, true, 'group-noun'));
  return i + g.len;
}

/** "les forces afghanes", "l'armée américaine": a government head and a demonym. */
export function forcesOfNation(x: Scan, i: number): number {
  const { v, r } = x;
  if (v.toks[i].kind !== 'word' || isCap(v, r, i) || i + 1 >= v.toks.length) return -1;
  if (!r.govHeads.has(v.keys[i]) || !r.demonyms.has(v.keys[i + 1]) || UPPER.test(v.words[i + 1])) return -1;
  x.drafts.push(newDraft(i, i + 2, 'ORG', null, true, 'government-head-demonym'));
  return i + 2;
}

/** A capitalised run: read it, try the run matchers, else type it. */
export function capitalisedRun(x: Scan, i: number): number {
  const { v, r } = x;
  if (!startsName(v, r, i)) return -1;
  const e = readRun(v, r, i);
  const s = trimRun(v, r, i, e);
  if (s >= e) return e;
  for (const m of RUN_MATCHERS) {
    const next = m(x, i, s, e);
    if (next >= 0) return next;
  }
  return typedName(x, i, s, e);
}

type RunMatcher = (x: Scan, i: number, s: number, e: number) => number;

/** "Arosa-Lausanne", "France-Brésil": two places joined by a hyphen (a match, a stage) are two places. */
function placePairRun(x: Scan, i: number, s: number, e: number): number {
  const pair = placePair(x.v, s, e);
  if (!pair) return -1;
  const a = newDraft(s, pair.k + 1, 'LOC', null, true, 'place-pair');
  a.endChar = pair.at;
  const b = newDraft(pair.k, e, 'LOC', null, true, 'place-pair');
  b.startChar = pair.at + 1;
  x.drafts.push(a, b);
  return e;
}

/**
 * "l'ONU", "la Banque mondiale", "au Burkina Faso": a name the lexicons know (organisation,
 * acronym, country, region), with the head before it ("la province du Kivu", "l'agence Reuters")
 * and a regional adjective after it ("Suisse romande").
 */
function knownNameRun(x: Scan, i: number, s: number, e: number): number {
  const { v, r } = x;
  const lex = lexAt(v, r, s);
  if (!lex) return -1;
  const type = lex.entry.type;
  // "Kenya Airways", "Mali Police Force": a place opening an organisation's name
  if (type === 'LOC' && s + lex.len < e && (r.orgHeads.has(v.keys[e - 1]) || r.tailHeads.has(v.keys[e - 1]))) return -1;
  let end = s + lex.len;
  if (type === 'LOC' && end === e && end < v.toks.length && adjacent(v, end) && r.placeAdjectives.has(v.keys[end])) end++;
  const from = type === 'LOC' ? headBefore(v, r, s, r.locHeadsBefore) : type === 'ORG' ? headBefore(v, r, s, r.orgHeads) : s;
  const d = newDraft(from, end, type, lex.entry.canonical, true, type === 'ORG' ? 'known-organisation' : 'known-place');
  d.nameFirst = s;
  if (from < s) because(d, type === 'ORG' ? 'org-head-before' : 'place-head-before');
  x.drafts.push(d);
  return end;
}

/** "Talibans", "Kurdes": a capitalised group noun. */
function capitalisedGroupRun(x: Scan, i: number, s: number, e: number): number {
  const grp = longestMatch(x.r.groups, x.v.keys, s, e);
  if (!grp || s + grp.len !== e) return -1;
  x.drafts.push(newDraft(s, e, grp.entry.type, grp.entry.canonical, true, 'group-noun'));
  return e;
}

/**
 * "Durant la nuit, …": a sentence-initial single word is a name only if the document also
 * writes it capitalised elsewhere or something types it; an ordinary word if it is also written
 * in lower case. Skipped, no mention.
 */
function ordinaryInitialWord(x: Scan, i: number, s: number, e: number): number {
  const { v, r } = x;
  if (e - s !== 1 || !sentenceInitial(v, s) || bracketed(v, s, e)) return -1;
  const k = v.keys[s];
  return v.lowerSeen.has(k) || r.commonSuffix.test(k) || !v.capSeenMid.has(k) && !initialEvidence(v, r, x.c, s, e) ? e : -1;
}

/** "(AGIP)", "(Reuter)": a word alone in brackets, a credit or a source, opens no sentence as an ordinary word would. */
function bracketed(v: TokenView, s: number, e: number): boolean {
  return s > 0 && e < v.toks.length && v.words[s - 1] === '(' && v.words[e] === ')';
}

/** «Le Petit Journal»: a title between quotation marks is a work or a newspaper. */
function quotedTitle(x: Scan, i: number, s: number, e: number): number {
  const { v } = x;
  if (s === 0 || e >= v.toks.length || !QUOTE_OPEN.test(v.words[s - 1]) || !QUOTE_CLOSE.test(v.words[e])) return -1;
  x.drafts.push(newDraft(s, e, 'MISC', null, true, 'quoted-title'));
  return e;
}

/**
 * "le Mouvement pour l'unicité et le jihad en Afrique de l'Ouest (Mujao)", "the Securities and
 * Exchange Commission (SEC)": words that spell the acronym in brackets after them are an
 * organisation's name, and the acronym stands for it.
 */
function acronymLongFormRun(x: Scan, i: number, s0: number, e: number): number {
  const { v, r } = x;
  // "La Mission …": a capitalised article kept by trimRun (a town is called "La Mission") is not spelt
  const s = r.determiners.has(v.keys[s0]) && s0 + 1 < e ? s0 + 1 : s0;
  const k = definedAcronym(v, r, s);
  if (k < 0) return -1;
  const lex = lexAt(v, r, s);
  const known = lex && s + lex.len === k && lex.entry.type === 'ORG' ? lex.entry : null;
  if (!known && !r.orgHeads.has(v.keys[s]) && capitalisedWords(v, s, k) < 2) return -1;
  x.drafts.push(newDraft(s, k, 'ORG', known?.canonical ?? null, true, known ? 'known-organisation' : 'acronym-long-form'));
  x.drafts.push(newDraft(k + 1, k + 2, 'ORG', null, true, 'acronym-in-brackets'));
  return k + 3;
}

function capitalisedWords(v: TokenView, from: number, to: number): number {
  let caps = 0;
  for (let k = from; k < to; k++) if (v.toks[k].kind === 'word' && UPPER.test(v.words[k])) caps++;
  return caps;
}

const RUN_MATCHERS: readonly RunMatcher[] = [acronymLongFormRun, placePairRun, knownNameRun, capitalisedGroupRun, ordinaryInitialWord, quotedTitle];

/** A name typed by the rules of typing.ts, with its title, honorific and role in apposition. */
function typedName(x: Scan, i: number, s: number, e: number): number {
  const { v, r } = x;
  const k = candidate(x, s, e);
  if (r.honorifics.has(v.words[k.nameFirst]) && k.nameFirst === e - 1) return e;
  if (s === i) titleOf(k, i);
  if (k.title && r.femaleRoles.has(k.title.toLowerCase())) k.gender = 'f';
  k.len = e - k.nameFirst;
  if (isInitial(v, k.nameFirst)) {
    k.person = true;
    k.rules.push('initial');
  }
  const type = typeCandidate(k);
  const d = newDraft(k.first, k.e, type, k.canonical, k.strong, '');
  d.nameFirst = k.nameFirst;
  d.endChar = k.cut >= 0 ? k.cut : undefined;
  d.role = k.title;
  d.roleSpan = k.title ? spanOfText(v, k.first, k.title) : null;
  d.gender = k.gender;
  d.ctxLoc = k.ctxLoc;
  d.rules = k.rules;
  // "le ministère de la Défense": an organisation named by its head and a complement is named whole
  if (k.kind === 'ORG' && type === 'ORG' && k.first < k.s - 1) d.canonical = v.text.slice(v.toks[k.first].start, v.toks[k.e - 1].end);
  roleInApposition(x, d, k.e, r.defaultSingleType);
  x.drafts.push(d);
  return k.e;
}

/**
 * The candidate for run [s, e), with the honorifics and titles at its head read ("M. le juge
 * Rey"). One object per scan, set anew for each run (a document reads thousands of runs).
 */
function candidate(x: Scan, s: number, e: number): Candidate {
  const { v, r } = x;
  const k = (x.candidate ??= {
    v, r, c: x.c, s, e, first: s, nameFirst: s, len: 0, person: false, kind: null, kindOverride: null, title: null, gender: 'x',
    type: null, strong: false, ctxLoc: false, canonical: null, placeKnown: false, cut: -1, rules: [],
  });
  k.s = k.first = k.nameFirst = s;
  k.e = e;
  k.len = 0;
  k.person = k.strong = k.ctxLoc = k.placeKnown = false;
  k.kind = k.kindOverride = k.type = null;
  k.title = k.canonical = null;
  k.gender = 'x';
  k.cut = -1;
  k.rules = ['capitalised-run'];
  while (k.nameFirst < e - 1) {
    const at = k.nameFirst;
    const h = honorAt(v, r, at);
    if (h && at + h.len < e) {
      k.gender = h.g;
      k.person = true;
      k.nameFirst += h.len;
      k.rules.push('honorific');
      continue;
    }
    const two = at + 1 < e - 1 && r.preNameTitles.has(v.keys[at] + ' ' + v.keys[at + 1]) ? 2 : 0;
    const len = two || (r.preNameTitles.has(v.keys[at]) ? 1 : 0);
    // "Democratic Alliance": a title before an organisation's head is part of its name
    if (!len || r.orgHeads.has(v.keys[at + len])) break;
    k.title = len === 2 ? v.text.slice(v.toks[at].start, v.toks[at + 1].end) : v.words[at];
    k.person = true;
    k.nameFirst += len;
    k.rules.push('title');
  }
  return k;
}

/**
 * A lower-case title, descriptor or head just before the run ("général de Gaulle", "le jeune
 * X", "M. le président X", "l'agence Reuters", "le canton de Vaud").
 */
function titleOf(k: Candidate, i: number): void {
  const { v, r } = k;
  let pre = titleBefore(v, r, i);
  // a descriptor before a single word seen once may be an adjective capitalised by OCR ("ami Intime")
  if (pre && pre.kind === 'PER' && pre.descriptor && k.e - i === 1 && (v.capCount.get(v.keys[i]) ?? 0) < 2 && !firstName(r, v.words[i])) {
    pre = null;
    k.kindOverride = placeRank(v.words[i]) === 2 ? null : 'MISC';
  }
  if (!pre) return;
  k.first = pre.first;
  k.kind = pre.kind;
  k.rules.push(pre.rule);
  if (pre.kind !== 'PER') return;
  k.person = true;
  k.title = pre.title;
  if (pre.gender !== 'x') k.gender = pre.gender;
}

/** "le gouverneur de la province, X" / "X, ancien ministre de …,": a role before or after a name makes it a person. */
function roleInApposition(x: Scan, d: Draft, e: number, defaultSingleType: MentionType): void {
  const { v, r, c } = x;
  if (!(d.type === 'PER' || d.type === defaultSingleType || !d.strong)) return;
  const before = roleBefore(v, r, c, d.first);
  const role = before ?? roleAfter(v, r, c, e);
  if (!role || d.strong && d.type !== 'PER') return;
  d.type = 'PER';
  d.role = role.text;
  d.roleSpan = role.span;
  d.strong = true;
  because(d, before ? 'role-before' : 'role-after');
  const g: Gender = role.gender;
  if (g !== 'x' && d.gender === 'x') d.gender = g;
  if (role.possessive) d.role = resolvePossessive(v, r, x.drafts, role) ?? d.role;
}
