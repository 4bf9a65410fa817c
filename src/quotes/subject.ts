// The speaker named before a cue (its subject), after it (an inverted subject), or at the head of
// the sentence (for participles and coordinated cues). `subjectBefore` is a chain of small
// named rules: first the skips step back over what may stand between a subject and its verb,
// then the matchers are tried in order, each deciding or passing to the next.
import { longestMatch } from '../entities/rules.js';
import type { Gender } from '../entities/rules.js';
import type { Mention } from '../types.js';
import { endsWithAny } from './cues.js';
import {
  CLOSE, LOWER, OPEN, PUNCT, STOP_PUNCT, UPPER, compatible, genderOf, isDash, phrase, ref, spanOf,
  type Ctx, type SpeakerRef,
} from './context.js';
import { chunkBack, hasVerbLike, isPastParticiple, mainClauseStart, openingBracket, pastVerbIn } from './clauses.js';
import { mentionIn, resolvePronoun } from './speakers.js';

/** Where the subject before the cue at k ends (token j), once the skips have stepped back. */
interface SubjectState {
  s: number;
  a: number;
  k: number;
  j: number;
  /** An apposition between dashes was passed ("X -- the firm that owns Y -- said"). */
  dashed: boolean;
}

/** A step back over words between a subject and its verb: the new last token of the subject, or -1. */
interface SubjectSkip {
  name: string;
  skip(ctx: Ctx, st: SubjectState): number;
}

const SUBJECT_SKIPS: readonly SubjectSkip[] = [
  // "X a également déclaré", "X n'a pas dit", "X publicly said"
  { name: 'adverb', skip: (ctx, { a, k, j }) => (j >= a && isAdverbOrNegation(ctx, j, k) ? j - 1 : -1) },
  // "Sen. X (R-Ga.) said"
  { name: 'bracket', skip: (ctx, { a, j }) => {
    if (!(j > a && ctx.v.words[j] === ')')) return -1;
    const o = openingBracket(ctx, a, j);
    return o >= 0 ? o - 1 : -1;
  } },
  // "X -- the firm that owns Y -- said"
  { name: 'dash-apposition', skip: (ctx, st) => {
    const o = dashAppositionStart(ctx, st.a, st.j);
    if (o < 0) return -1;
    st.dashed = true;
    return o - 1;
  } },
  // "X, Y and Z all suggested": a floating quantifier after the subject
  { name: 'floating-quantifier', skip: (ctx, { a, j }) => (j > a && ctx.c.quantifiers.has(ctx.v.keys[j]) && (ctx.mentionAtEnd.has(j - 1) || ctx.v.words[j - 1] === ')') ? j - 1 : -1) },
  // "the city is demanding": the subject stands before the form of 'be'
  { name: 'be-progressive', skip: (ctx, { a, k, j }) => {
    if (j !== k - 1) return -1;
    const be = beforeBe(ctx, a, k);
    return be >= 0 ? be - 1 : -1;
  } },
  // "prosecutors in May charged", "who in 2010 said"
  { name: 'adjunct-phrase', skip: (ctx, { a, j }) => adjunctBefore(ctx, a, j) },
];

function isAdverbOrNegation(ctx: Ctx, j: number, k: number): boolean {
  const { v, c } = ctx;
  return !!longestMatch(c.adverbs, v.keys, j, k) || c.adverbSuffix.test(v.keys[j]) && v.toks[j].kind === 'word' && LOWER.test(v.words[j]) || c.negations.has(v.keys[j]);
}

/** When token j closes an apposition between dashes, the opening dash; else -1. */
function dashAppositionStart(ctx: Ctx, a: number, j: number): number {
  const { v } = ctx;
  if (!(j > a && isDash(v.words[j]))) return -1;
  let o = j - 1;
  while (o > a && v.words[o] === '-') o--;
  while (o > a && !isDash(v.words[o]) && !STOP_PUNCT.has(v.words[o]) && j - o < 40) o--;
  while (o > a && v.words[o - 1] === '-') o--;
  return o > a && isDash(v.words[o]) ? o : -1;
}

/**
 * A rule naming the subject that ends at st.j: a speaker, null when it decides there is none,
 * undefined when it does not apply.
 */
interface SubjectMatcher {
  name: string;
  match(ctx: Ctx, st: SubjectState): SpeakerRef | null | undefined;
}

const SUBJECT_MATCHERS: readonly SubjectMatcher[] = [
  // "X, qui a déclaré" → X, through the relative
  { name: 'relative-antecedent', match: (ctx, st) => (st.j >= st.a && ctx.c.relatives.has(ctx.v.keys[st.j]) ? relativeSubject(ctx, st) : undefined) },
  { name: 'none', match: (_ctx, st) => (st.j < st.a ? null : undefined) },
  // "il a déclaré", "she said"
  { name: 'pronoun', match: (ctx, { s, j }) => {
    const pg = ctx.c.pronouns.get(ctx.v.keys[j]);
    return pg !== undefined && ctx.v.toks[j].kind !== 'clitic' ? resolvePronoun(ctx, s, j, pg) : undefined;
  } },
  // "Name, the head of X -- … -- said": a description after the name's comma
  { name: 'name-before-dashes', match: (ctx, st) => (st.dashed && ctx.v.words[st.j] !== ',' ? nameBeforeDashes(ctx, st) : undefined) },
  // "Le chef du conseil, Abdul Bek, a confirmé" / "Bek, chef du conseil, a confirmé"
  { name: 'apposition', match: (ctx, { a, j }) => (!ctx.mentionAtEnd.has(j) && ctx.v.words[j] === ',' ? commaSubject(ctx, a, j) : undefined) },
  // "le porte-parole de la police X a dit": the mention closing the subject
  { name: 'subject-mention', match: (ctx, { j }) => {
    const m = ctx.mentionAtEnd.get(j);
    return m ? ref(ctx, m, 'subject-mention') : undefined;
  } },
  // "un porte-parole de l'armée a dit": the noun phrase back to the clause start
  { name: 'subject-description', match: (ctx, { a, j }) => descriptionSubject(ctx, a, j) },
];

/** The subject before token k: a mention, a pronoun to resolve, or a short noun phrase. */
export function subjectBefore(ctx: Ctx, s: number, k: number): SpeakerRef | null {
  const st: SubjectState = { s, a: ctx.v.sentFirst[s], k, j: k - 1, dashed: false };
  for (let moved = true; moved;) {
    moved = false;
    for (const rule of SUBJECT_SKIPS) {
      const j = rule.skip(ctx, st);
      if (j < 0) continue;
      st.j = j;
      moved = true;
      break;
    }
  }
  for (const rule of SUBJECT_MATCHERS) {
    const sp = rule.match(ctx, st);
    if (sp !== undefined) return sp;
  }
  return null;
}

/**
 * "X, qui a déclaré": the relative stands for X — a mention (the speaker's words stay the
 * relative), else a description headed by a speaker noun ("le porte-parole de l'armée, qui a
 * précisé"), which is then itself the speaker's words.
 */
function relativeSubject(ctx: Ctx, st: SubjectState): SpeakerRef {
  const rel = st.j;
  let j = rel - 1;
  if (j >= st.a && ctx.v.words[j] === ',') j--;
  const relSpan = spanOf(ctx, rel, rel + 1);
  // "Marie Lenoir, directrice de l'ONG X, qui a décrit …": the person before the apposition
  const person = personBeforeApposition(ctx, st.a, j + 1);
  if (person) return { mention: person, start: relSpan.start, end: relSpan.end, gender: genderOf(ctx, person), via: relSpan, rule: 'relative-apposed-person' };
  const sp = subjectBefore(ctx, st.s, j + 1);
  if (!sp?.mention) {
    const np = antecedentPhrase(ctx, st.a, j + 1);
    if (np) return { ...np, via: relSpan, rule: 'relative-antecedent' };
  }
  return { mention: sp?.mention ?? null, start: relSpan.start, end: relSpan.end, gender: sp?.gender ?? 'x', via: relSpan, rule: 'relative-antecedent' };
}

/**
 * When the comma at c1 closes an apposition ("…, directrice de l'ONG X,") that follows a person's
 * name and its comma, that person.
 */
function personBeforeApposition(ctx: Ctx, a: number, c1: number): Mention | null {
  const { v, c } = ctx;
  if (v.words[c1] !== ',') return null;
  let c0 = c1 - 1;
  while (c0 > a && c1 - c0 <= 12 && v.words[c0] !== ',' && !STOP_PUNCT.has(v.words[c0])) c0--;
  if (!(c0 > a && v.words[c0] === ',') || c1 - c0 < 2 || hasVerbLike(ctx, c0 + 1, c1)) return null;
  const first = v.keys[c0 + 1];
  if (!ctx.determiners.has(first) && !c.speakerNouns.has(first)) return null;
  const m = ctx.mentionAtEnd.get(c0 - 1);
  return m && m.type === 'PER' ? m : null;
}

/** The outermost description headed by a speaker noun ending at `end`, within eight words ("le porte-parole de l'armée"). */
function antecedentPhrase(ctx: Ctx, a: number, end: number): SpeakerRef | null {
  const { v, c } = ctx;
  let best = -1;
  for (let p = end - 2; p >= a && end - p <= 8; p--) {
    if (PUNCT.test(v.words[p]) || c.aux.has(v.keys[p]) || c.forms.has(v.keys[p])) break;
    if (ctx.determiners.has(v.keys[p]) && c.speakerNouns.has(v.keys[p + 1])) best = p;
  }
  return best >= 0 ? phrase(ctx, best, end, 'relative-antecedent') : null;
}

function nameBeforeDashes(ctx: Ctx, { a, j }: SubjectState): SpeakerRef | undefined {
  const { v } = ctx;
  const ch0 = chunkBack(ctx, a, j + 1);
  const q = ch0.start - 2;
  if (q >= a && v.words[q + 1] === ',' && ctx.determiners.has(v.keys[ch0.start])) {
    const m0 = ctx.mentionAtEnd.get(q);
    if (m0 && m0.type === 'PER') return ref(ctx, m0, 'name-before-dashes');
  }
  return undefined;
}

/** The names and descriptions met going back from a comma closing appositions. */
interface Appositions {
  person: Mention | null;
  /** An organisation, group or place there, which may only qualify a title. */
  place: Mention | null;
  /** A short description before the appositions ("The agency, which runs X, said"). */
  descr: SpeakerRef | null;
}

/**
 * "<Name>, the agency that oversees the program, said": the name before the apposition's comma
 * (a country or a town in that place speaks for its government: "China, its only ally, said");
 * several appositions may follow the name ("X, the minister of Y, a member of Z, said").
 */
function scanAppositions(ctx: Ctx, a: number, j: number): Appositions {
  const { v } = ctx;
  const found: Appositions = { person: null, place: null, descr: null };
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
    if (m3 && m3.type === 'PER') {
      found.person = m3;
      return found;
    }
    if (m3 && (m3.type === 'ORG' || m3.type === 'NORP' || m3.type === 'LOC')) {
      found.place ??= m3;
      continue;
    }
    const outer = chunkBack(ctx, a, e + 1);
    const n = outer.end - outer.start;
    if (!found.place && n > 0 && n <= 6 && !hasVerbLike(ctx, outer.start, outer.end) && (ctx.determiners.has(v.keys[outer.start]) || UPPER.test(v.words[outer.start]))) {
      const m5 = mentionIn(ctx, outer.start, outer.end);
      found.descr = m5 ? ref(ctx, m5, 'apposition-description') : phrase(ctx, outer.start, outer.end, 'apposition-description');
    }
    break;
  }
  return found;
}

/** The subject when a comma stands right before the verb: a name with its appositions. */
function commaSubject(ctx: Ctx, a: number, j: number): SpeakerRef | null {
  const { v } = ctx;
  const inner = chunkBack(ctx, a, j);
  const before = inner.start - 1;
  const { person, place, descr } = scanAppositions(ctx, a, j);
  if (person) return ref(ctx, person, 'apposition-name');
  // "X, R-Ky., said": a full stop before a comma closes an abbreviation
  const mEnd = ctx.mentionAtEnd.get(v.words[j - 1] === '.' ? j - 2 : j - 1);
  if (mEnd && mEnd.type === 'PER') return ref(ctx, mEnd, 'apposed-name');
  if (place && place.type !== 'LOC') return ref(ctx, place, 'apposition-organisation');
  if (mEnd && mEnd.type === 'ORG') return ref(ctx, mEnd, 'apposed-name');
  if (place) return ref(ctx, place, 'apposition-place');
  const mm = mentionIn(ctx, inner.start, j);
  if (mm) return ref(ctx, mm, 'apposed-name');
  if (before >= a && v.words[before] === ',') {
    const outer = chunkBack(ctx, a, before);
    const m2 = mentionIn(ctx, outer.start, before);
    if (m2) return ref(ctx, m2, 'apposition-name');
  }
  if (descr) return descr;
  // the sentence opens on the subject
  const m4 = ctx.mentionAtStart.get(a);
  if (m4 && (m4.type === 'PER' || m4.type === 'ORG')) return ref(ctx, m4, 'sentence-subject');
  return null;
}

/** A noun phrase as subject: "un porte-parole de l'armée", "the former minister and current party leader". */
function descriptionSubject(ctx: Ctx, a: number, j: number): SpeakerRef | null {
  const { v, c } = ctx;
  const ch = chunkBack(ctx, a, j + 1);
  const n = ch.end - ch.start;
  if (n === 0) return null;
  const speakerMention = (): Mention | null => {
    const mm = mentionIn(ctx, ch.start, ch.end);
    return mm && (mm.type === 'PER' || mm.type === 'ORG' || mm.type === 'NORP') ? mm : null;
  };
  // a plain noun phrase, however long ("elected officials from both parties say")
  const plain = n <= 16 && !hasVerbLike(ctx, ch.start, ch.end) && !(n > 1 && c.pronouns.has(v.keys[ch.start])) && !pastVerbIn(ctx, ch.start + 1, ch.end);
  if (plain) {
    const mm = speakerMention();
    return mm ? ref(ctx, mm, 'subject-mention') : phrase(ctx, ch.start, ch.end, 'subject-description');
  }
  const beforeRelative = subjectBeforeRelative(ctx, ch.start, ch.end);
  if (beforeRelative) return beforeRelative;
  if (n > 9) {
    // a long run: the noun phrase that ends it ("… all the experts I interviewed said")
    let d = ch.end - 1;
    while (d > ch.end - 7 && !ctx.determiners.has(v.keys[d])) d--;
    if (!ctx.determiners.has(v.keys[d])) return null;
    return phrase(ctx, d, ch.end, 'subject-tail');
  }
  const mm = speakerMention();
  if (mm) return ref(ctx, mm, 'subject-mention');
  // starts with a determiner or a capital: a noun phrase
  if (!ctx.determiners.has(v.keys[ch.start]) && !UPPER.test(v.words[ch.start]) && n > 2) return null;
  return phrase(ctx, ch.start, ch.end, 'subject-description');
}

/**
 * "A police official who requested anonymity said", "un officier qui a requis l'anonymat a
 * dit": the noun phrase before the relative clause is the speaker (its person, if one is named).
 */
function subjectBeforeRelative(ctx: Ctx, from: number, to: number): SpeakerRef | null {
  const { v, c } = ctx;
  let r = from + 1;
  while (r < to && !c.relatives.has(v.keys[r])) r++;
  if (r >= to || r - from > 6 || hasVerbLike(ctx, from, r)) return null;
  if (!ctx.determiners.has(v.keys[from]) && !UPPER.test(v.words[from])) return null;
  const m = mentionIn(ctx, from, r);
  return m && m.type === 'PER' ? ref(ctx, m, 'subject-before-relative') : phrase(ctx, from, r, 'subject-before-relative');
}

/** The index of a form of 'be' (with a negation) right before token k, else -1. */
export function beforeBe(ctx: Ctx, a: number, k: number): number {
  const { v, c } = ctx;
  let j = k - 1;
  if (j > a && c.negations.has(v.keys[j])) j--;
  return j >= a && c.passiveAux.has(v.keys[j]) ? j : -1;
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
    if (v.toks[q].kind === 'word' && LOWER.test(v.words[q]) && endsWithAny(kq, c.plural) && !ctx.determiners.has(kq) && !c.forms.has(kq)) return q;
    return -1;
  }
  return -1;
}

/** The speaker after an inverted cue: "a déclaré le gouverneur de X, <Name>", "said Smith". */
export function subjectAfter(ctx: Ctx, s: number, k: number, b: number): { ref: SpeakerRef; end: number } | null {
  const { v, c } = ctx;
  if (k >= b) return null;
  // "said on Fox News": a preposition opens no subject
  if (c.speakerStop.has(v.keys[k]) || c.channelIntro.has(v.keys[k])) return null;
  const j = k;
  let end = j;
  while (end < b) {
    const w = v.words[end];
    if ((PUNCT.test(w) && w !== "'" && w !== '’' && w !== '-' && w !== '/' && !(w.length > 1 && w.endsWith('.'))) || (end > j && c.speakerStop.has(v.keys[end]))) break;
    if (end > j && (c.comp.has(v.keys[end]) || c.relatives.has(v.keys[end]) || c.forms.has(v.keys[end]) && end > j + 1)) break;
    end++;
  }
  if (end === j) return null;
  const m = mentionIn(ctx, j, end);
  // "le gouverneur de X, <Name>," → the name in apposition
  if (end < b && v.words[end] === ',') {
    const m2 = ctx.mentionAtStart.get(end + 1);
    if (m2 && m2.type === 'PER' && m2.roleSpan && m2.roleSpan.start >= v.toks[j].start) {
      const sp = ctx.tokOfMention.get(m2)!;
      return { ref: ref(ctx, m2, 'inverted-apposed-name'), end: sp.end };
    }
  }
  // a long stretch is a clause, not an inverted subject, unless it opens on the name
  if (m && (m.type === 'PER' || m.type === 'ORG' || m.type === 'NORP') && (end - j <= 8 || ctx.tokOfMention.get(m)!.start - j <= 2)) return { ref: ref(ctx, m, 'inverted-subject'), end };
  if (end - j > 8) return null;
  const pg = c.pronouns.get(v.keys[j]);
  if (pg !== undefined && end === j + 1) return { ref: resolvePronoun(ctx, s, j, pg), end };
  if (!ctx.determiners.has(v.keys[j]) && !UPPER.test(v.words[j])) return null;
  return { ref: phrase(ctx, j, end, 'inverted-description'), end };
}

/** The subject of a sentence's main clause: after a leading subordinate clause, a pronoun or a name. */
export function mainSubject(ctx: Ctx, s: number, to: number): SpeakerRef | null {
  const { v, c } = ctx;
  const k = mainClauseStart(ctx, s, to);
  if (k >= to) return null;
  const pg = c.pronouns.get(v.keys[k]);
  if (pg !== undefined && v.toks[k].kind !== 'clitic') return resolvePronoun(ctx, s, k, pg);
  for (let j = k; j < Math.min(to, k + 4); j++) {
    if (j > k && (c.forms.has(v.keys[j]) || c.aux.has(v.keys[j]) || isPastParticiple(ctx, j))) break;
    const m = ctx.mentionAtStart.get(j);
    if (m && m.type !== 'LOC') return ref(ctx, m, 'main-subject');
  }
  const descr = mainDescription(ctx, k, to);
  if (descr) return descr;
  const m = mentionIn(ctx, k, to, true);
  return m ? ref(ctx, m, 'main-clause-mention') : null;
}

/**
 * A description opening the clause ("Two Democratic speechwriters implored her …, arguing",
 * "A reporter for the local paper spotted her and reported …"): the words up to its verb.
 */
function mainDescription(ctx: Ctx, k: number, to: number): SpeakerRef | null {
  const { v, c } = ctx;
  if (v.toks[k].kind !== 'word' || ctx.mentionAtStart.has(k)) return null;
  let e = k + 1;
  while (e < to && e - k < 7 && !PUNCT.test(v.words[e]) && !c.forms.has(v.keys[e]) && !c.aux.has(v.keys[e]) && !c.passiveAux.has(v.keys[e]) && !c.comp.has(v.keys[e]) && !c.relatives.has(v.keys[e]) && !(e > k + 1 && endsWithPast(ctx, e))) {
    const m = ctx.mentionAtStart.get(e);
    e = m ? ctx.tokOfMention.get(m)!.end : e + 1;
  }
  if (!(e < to && (c.aux.has(v.keys[e]) || c.passiveAux.has(v.keys[e]) || c.forms.has(v.keys[e]) || endsWithPast(ctx, e)))) return null;
  const m = mentionIn(ctx, k, e);
  if (!(m || ctx.determiners.has(v.keys[k]) || UPPER.test(v.words[k]) || !hasVerbLike(ctx, k, e))) return null;
  return m ? ref(ctx, m, 'main-description') : phrase(ctx, k, e, 'main-description');
}

function endsWithPast(ctx: Ctx, j: number): boolean {
  return endsWithAny(ctx.v.keys[j], ctx.c.pastSuffix);
}

/** A person named at the head of the sentence, after a title ("Le Premier ministre X"). */
export function mainSubjectPerson(ctx: Ctx, a: number, to: number, g: Gender): Mention | null {
  for (let j = a; j < Math.min(to, a + 6); j++) {
    const m = ctx.mentionAtStart.get(j);
    if (m) return m.type === 'PER' && compatible(genderOf(ctx, m), g) ? m : null;
    if (PUNCT.test(ctx.v.words[j]) || ctx.c.forms.has(ctx.v.keys[j]) || ctx.c.aux.has(ctx.v.keys[j])) return null;
  }
  return null;
}

/** The comma-delimited chunk ending at `comma` is a name (with at most a few words around it). */
export function appositiveSubject(ctx: Ctx, a: number, comma: number, post = -1, b = -1): boolean {
  const { v, c } = ctx;
  if (post >= 0 && ctx.determiners.has(v.keys[post])) {
    // "…, a assuré le ministère de la Défense." — an inverted subject closes the sentence
    const after = subjectAfter(ctx, v.sent[comma], post, b);
    const sm = after?.ref.mention;
    if (after && sm && sm.type !== 'LOC' && sm.type !== 'MISC' && (after.end >= b || STOP_PUNCT.has(v.words[after.end]) || v.words[after.end] === ',')) return false;
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
    if (c2 > a && c.relatives.has(v.keys[c2])) c2--;
    if (!(c2 > a && v.words[c2] === ',' && !c.comp.has(v.keys[start]))) return false;
    const outer = chunkBack(ctx, a, c2);
    const m2 = nameBeforeComma(ctx, a, c2);
    const sp2 = m2 ? ctx.tokOfMention.get(m2)! : null;
    if (m2 && sp2 && (m2.type === 'PER' || m2.type === 'ORG') && outer.start <= sp2.start && sp2.start - outer.start <= 2 && (outer.start === a || v.words[outer.start - 1] !== ',')) return true;
    if (outer.start >= start) return false;
    start = outer.start;
  }
  return false;
}

/** The mention ending right before the comma at c2 (past a bracketed gloss). */
function nameBeforeComma(ctx: Ctx, a: number, c2: number): Mention | undefined {
  let e2 = c2 - 1;
  if (ctx.v.words[e2] === ')') {
    while (e2 > a && ctx.v.words[e2] !== '(' && c2 - e2 < 12) e2--;
    e2--;
  }
  return ctx.mentionAtEnd.get(e2);
}
