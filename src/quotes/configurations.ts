// What a cue verb reports, read from the words around it. Each configuration is a small named
// rule with its example; `fromCue` prepares the cue (its inverted pronoun, its object addressee,
// the adverbs, channel and addressee after it) and tries them in order: a configuration returns
// a statement, null when it decides there is none, or PASS when it does not apply.
import { longestMatch } from '../entities/rules.js';
import { endsWithAny, type CueMatch } from './cues.js';
import {
  CLOSE, OPEN, PUNCT, STOP_PUNCT, UPPER, compatible, cueOf, genderOf, insideMarks, isRelativeVia, newDraft, phrase, spanOf,
  type Ctx, type Draft, type SpeakerRef,
} from './context.js';
import {
  boundaryBefore, bracketed, chunkBack, clauseEnd, contentStartBefore, hasVerbLike, isBoundary, makeContent, pastVerbIn, subordinateEnd,
} from './clauses.js';
import { skipMaterial } from './material.js';
import { resolvePronoun } from './speakers.js';
import { appositiveSubject, beforeBe, mainSubject, mainSubjectPerson, subjectAfter, subjectBefore } from './subject.js';

export const PASS = Symbol('pass');
type Outcome = Draft | null | typeof PASS;

/** A cue being read: its sentence, the statement taking shape, and where its right side starts. */
interface CueState {
  s: number;
  a: number;
  b: number;
  cue: CueMatch;
  d: Draft;
  earlier: Draft[];
  /** The speaker an inverted pronoun gives ("a-t-il ajouté", "said he"), else null. */
  speaker: SpeakerRef | null;
  /** The first token after the cue and the material following it (adverbs, addressee, channel). */
  post: number;
}

interface CueConfiguration {
  name: string;
  read(ctx: Ctx, st: CueState): Outcome;
}

const CUE_CONFIGURATIONS: readonly CueConfiguration[] = [
  // "“…?” \n Vitter demanded.": the sentence is only a subject and its cue, after a quotation
  { name: 'quotation-then-subject-cue', read: (ctx, st) => quotationThenSubjectCue(ctx, st) },
  // "the plan was rejected by the council": the agent speaks about its subject
  { name: 'passive-agent', read: (ctx, st) => passiveStatement(ctx, st) },
  // "X was accused of fraud", "Les rebelles sont accusés de …": the subject is spoken of, not speaking; nobody is named
  { name: 'passive-without-agent', read: (ctx, st) => (isPassive(ctx, st) ? (contentAfter(ctx, st.d, st.post, st.b) ? st.d : null) : PASS) },
  // "…, précisant que …": a participle after a comma continues the statement before it
  { name: 'participle-continues', read: (ctx, st) => participleContinues(ctx, st) },
  // "«…», a déclaré X", "…, X said", "…, said X"
  { name: 'content-then-cue', read: (ctx, st) => contentThenCue(ctx, st) },
  // "X did this, even saying …", "X stressed this and said …": the main clause's subject
  { name: 'coordinated-cue', read: (ctx, st) => coordinatedCue(ctx, st) },
  // "X a affirmé que …", "X said: «…»", "X a confirmé l'attaque"
  { name: 'cue-then-content', read: (ctx, st) => cueThenContent(ctx, st) },
];

export function fromCue(ctx: Ctx, s: number, cue: CueMatch, earlier: Draft[]): Draft | null {
  const st = prepareCue(ctx, s, cue, earlier);
  for (const conf of CUE_CONFIGURATIONS) {
    const out = conf.read(ctx, st);
    if (out === PASS) continue;
    if (out) out.rules[0] = conf.name;
    return out;
  }
  return null;
}

function prepareCue(ctx: Ctx, s: number, cue: CueMatch, earlier: Draft[]): CueState {
  const { v, c } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  // "the city is demanding", "the agency isn't offering": after a form of 'be' an -ing form is the main verb
  if (cue.participle && beforeBe(ctx, a, cue.from) >= 0) cue = { ...cue, participle: false };
  const d = newDraft('indirect', s, spanOf(ctx, cue.from, cue.to), cue.lemma, '', cue);
  const st: CueState = { s, a, b, cue, d, earlier, speaker: null, post: cue.to };
  if (cue.pronoun >= 0) st.speaker = invertedPronoun(ctx, st);
  const postFrom = c.objectAddressee.has(cue.lemma) && cue.to < b ? objectAddressee(ctx, st) : cue.to;
  st.post = skipMaterial(ctx, postFrom, b, d);
  return st;
}

/**
 * "a-t-il ajouté", "said he": the last speaker; but "X a reçu des informations et précisé que …,
 * a-t-il indiqué": after a reported clause whose subject is a person, that person.
 */
function invertedPronoun(ctx: Ctx, { s, a, cue }: CueState): SpeakerRef {
  const { v, c } = ctx;
  const g = c.pronouns.get(v.keys[cue.pronoun]) ?? 'x';
  const speaker = resolvePronoun(ctx, s, cue.pronoun, g);
  if (!((g === 'm' || g === 'f') && cue.from - 1 > a && v.words[cue.from - 1] === ',' && !insideMarks(ctx, v.toks[a].start) && !OPEN.has(v.words[a]))) return speaker;
  const m0 = ctx.mentionAtStart.get(a);
  const sp0 = m0 ? ctx.tokOfMention.get(m0)! : null;
  const headed = m0 && m0.type === 'PER' && compatible(genderOf(ctx, m0), g) ? m0 : mainSubjectPerson(ctx, a, cue.from, g);
  const e = headed ? ctx.tokOfMention.get(headed)!.end : -1;
  if (headed && e < cue.from && (c.aux.has(v.keys[e]) || c.forms.has(v.keys[e]) || /^\p{Ll}/u.test(v.words[e]) && !ctx.determiners.has(v.keys[e])) && (!sp0 || sp0.end === e)) {
    return { mention: headed, start: speaker.start, end: speaker.end, gender: g, via: speaker.via, rule: 'pronoun-sentence-subject' };
  }
  return speaker;
}

/** "told Reuters that …": the addressee is the verb's object; returns where the right side goes on. */
function objectAddressee(ctx: Ctx, st: CueState): number {
  const { v, c } = ctx;
  const { s, a, b, cue, d } = st;
  const postFrom = cue.to;
  const m = ctx.mentionAtStart.get(postFrom) ?? (ctx.determiners.has(v.keys[postFrom]) ? ctx.mentionAtStart.get(postFrom + 1) : undefined);
  const w = longestMatch(c.addressees, v.keys, postFrom, b);
  const mEnd = m ? ctx.tokOfMention.get(m)!.end : -1;
  // "…, assure le ministère." — a name closing the sentence is the inverted subject, not the addressee
  let e = mEnd;
  while (e >= 0 && e < b && e - mEnd < 6 && !PUNCT.test(v.words[e]) && !c.comp.has(v.keys[e]) && !c.forms.has(v.keys[e])) e++;
  const closes = e >= b || e >= 0 && (STOP_PUNCT.has(v.words[e]) || v.words[e] === ',');
  const named = closes && boundaryBefore(ctx, cue.from, a) ? subjectBefore(ctx, s, cue.from)?.mention : undefined;
  if (m && (m.type === 'ORG' || m.type === 'PER') && !(closes && boundaryBefore(ctx, cue.from, a) && !(named && (named.type === 'PER' || named.type === 'ORG')))) {
    d.addressee = m.text;
    return mEnd;
  }
  if (w) {
    d.addressee = w.entry.canonical;
    return postFrom + w.len;
  }
  return addresseePhrase(ctx, st);
}

/** "told the crowd, “…”", "told O'Hara that …": a short noun phrase before a clause or a quotation. */
function addresseePhrase(ctx: Ctx, { s, a, b, cue, d }: CueState): number {
  const { v, c } = ctx;
  const postFrom = cue.to;
  let e = postFrom;
  const opens = e < b && (ctx.determiners.has(v.keys[e]) || UPPER.test(v.words[e]) && !c.pronouns.has(v.keys[e]));
  while (opens && e < b && e - postFrom < 5 && v.toks[e].kind !== 'punct' && !c.comp.has(v.keys[e]) && !c.forms.has(v.keys[e]) && !c.speakerStop.has(v.keys[e])) e++;
  const quoteNext = (x: number) => x < b && (OPEN.has(v.words[x]) || v.words[x] === "'");
  // (closing the sentence after a statement, it is the addressee only when a named subject stands before the cue)
  const namedBefore = () => {
    const n = subjectBefore(ctx, s, cue.from)?.mention;
    return !!n && (n.type === 'PER' || n.type === 'ORG');
  };
  const stops = c.comp.has(v.keys[e]) || v.words[e] === ':' || quoteNext(e) || v.words[e] === ',' && quoteNext(e + 1)
    || (e >= b || STOP_PUNCT.has(v.words[e]) || c.speakerStop.has(v.keys[e])) && (!boundaryBefore(ctx, cue.from, a) || namedBefore());
  if (opens && e > postFrom && stops) {
    d.addressee = v.text.slice(v.toks[postFrom].start, v.toks[e - 1].end);
    return e;
  }
  return postFrom;
}

/** "“…?” \n Vitter demanded.": a sentence that is only a subject and its cue takes the quotation before it. */
function quotationThenSubjectCue(ctx: Ctx, st: CueState): Outcome {
  const { v } = ctx;
  const { s, a, b, cue, d, post } = st;
  if (!(s > 0 && (post >= b || post === b - 1 && STOP_PUNCT.has(v.words[post])) && !cue.participle)) return PASS;
  const ch = chunkBack(ctx, a, cue.from);
  let lead = a;
  while (lead < ch.start && PUNCT.test(v.words[lead]) && !OPEN.has(v.words[lead])) lead++;
  const prevEnd = v.sentEnd[s - 1];
  if (!(prevEnd > 0 && lead === ch.start && ch.end > ch.start && !v.newlineBefore[a])) return PASS;
  let pe = prevEnd - 1;
  while (pe > 0 && STOP_PUNCT.has(v.words[pe])) pe--;
  const q = CLOSE.has(v.words[pe]) || v.words[pe] === "'" && v.words[pe - 1] === "'" ? ctx.marks.around(v.toks[pe - (v.words[pe] === "'" ? 1 : 0)].start - 1) : null;
  if (!q) return PASS;
  const sp = st.speaker ?? subjectBefore(ctx, s, cue.from);
  const last = ctx.out.length ? ctx.out[ctx.out.length - 1] : null;
  if (last && last.content.start === q.cs && last.cue === null) ctx.out.pop();
  d.kind = 'direct';
  d.content = { start: q.cs, end: q.ce };
  d.speaker = sp;
  return d;
}

/** "X was denied by the ministry", "X a été démenti par Y": the agent, and the subject as content. */
function passiveStatement(ctx: Ctx, st: CueState): Outcome {
  const { v, c } = ctx;
  const { s, a, b, cue, d } = st;
  // the form of 'be' before the cue, or opening it ("sont accusées par")
  const beInside = cue.to - cue.from >= 2 && c.passiveAux.has(v.keys[cue.from]);
  if (cue.pronoun >= 0 || cue.participle || cue.from <= a && !beInside || !beInside && !c.passiveAux.has(v.keys[cue.from - 1])) return PASS;
  let x = cue.to;
  while (x < b && longestMatch(c.adverbs, v.keys, x, b)) x++;
  if (x + 1 >= b || !c.agentMarkers.has(v.keys[x])) return PASS;
  const speaker = subjectAfter(ctx, s, x + 1, b)?.ref ?? agentPhrase(ctx, x + 1, b);
  if (!speaker) return PASS;
  // the subject: from the clause start to the auxiliaries
  let auxStart = beInside ? cue.from : cue.from - 1;
  while (auxStart - 1 >= a && (c.aux.has(v.keys[auxStart - 1]) || c.passiveAux.has(v.keys[auxStart - 1]) || longestMatch(c.adverbs, v.keys, auxStart - 1, auxStart))) auxStart--;
  const start = contentStartBefore(ctx, a, auxStart, st.earlier);
  const ch = chunkBack(ctx, a, auxStart);
  const from = ch.end > ch.start && !OPEN.has(v.words[ch.start - 1] ?? '') && !CLOSE.has(v.words[ch.start - 1] ?? '') ? Math.max(start, ch.start) : start;
  if (from >= auxStart) return PASS;
  const content = makeContent(ctx, from, auxStart);
  if (!content) return PASS;
  d.speaker = speaker;
  d.content = content.span;
  d.kind = content.direct ? 'direct' : 'indirect';
  return d;
}

/** A cue participle after a form of 'be' (before it or in it), not pronominal, not an -ing form. */
function isPassive(ctx: Ctx, { a, cue }: CueState): boolean {
  const { v, c } = ctx;
  if (cue.participle || cue.pronoun >= 0) return false;
  const form = v.keys[cue.to - 1];
  if (endsWithAny(form, c.presentParticiple)) return false;
  let be = false;
  for (let j = cue.from; j < cue.to - 1; j++) {
    if (c.reflexives.has(v.keys[j])) return false;
    if (c.passiveBe.has(v.keys[j]) || c.passiveAux.has(v.keys[j])) be = true;
  }
  if (cue.from > a && c.reflexives.has(v.keys[cue.from - 1])) return false;
  return be || beforeBe(ctx, a, cue.from) >= 0;
}

/** "by far fewer papers": an agent that is a plain noun phrase up to a preposition or punctuation. */
function agentPhrase(ctx: Ctx, from: number, b: number): SpeakerRef | null {
  const { v, c } = ctx;
  let e = from;
  while (e < b && e - from < 7 && !PUNCT.test(v.words[e]) && !c.speakerStop.has(v.keys[e]) && !c.comp.has(v.keys[e])) e++;
  return e === from ? null : phrase(ctx, from, e, 'passive-agent');
}

/** "…, précisant que …" continues the speaker of the statement before it. */
function participleContinues(ctx: Ctx, st: CueState): Outcome {
  const { s, a, b, cue, d, post } = st;
  const before = cue.from - 1;
  if (!(cue.participle && before >= a && isBoundary(ctx, before, a))) return PASS;
  d.speaker = mainStatement(ctx, st.earlier)?.speaker ?? mainSubject(ctx, s, cue.from) ?? ctx.last;
  return contentAfter(ctx, d, post, b) ? d : null;
}

/** What stands left of a postposed cue: the comma closing the content, the subject between, an incise. */
interface LeftSide {
  comma: number;
  speaker: SpeakerRef | null;
  /** "The bridge, the mayor said, will reopen in May": the statement runs on after the incise. */
  incise: boolean;
}

function leftSide(ctx: Ctx, st: CueState): LeftSide {
  const { v, c } = ctx;
  const { a, b, cue, post } = st;
  const before = cue.from - 1;
  const left: LeftSide = { comma: before >= a && isBoundary(ctx, before, a) ? before : -1, speaker: null, incise: false };
  let shortTail = b - post <= 6 && post < b && !ctx.determiners.has(v.keys[post]);
  for (let j = post; shortTail && j < b; j++) if (c.comp.has(v.keys[j]) || v.words[j] === ':' || OPEN.has(v.words[j]) || c.pronouns.has(v.keys[j])) shortTail = false;
  const endsHere = post >= b || STOP_PUNCT.has(v.words[post]) || v.words[post] === ',' || c.speakerStop.has(v.keys[post]) && !c.comp.has(v.keys[post]) || shortTail;
  if (left.comma === before && before > a && cue.pronoun < 0 && endsHere) subjectBetweenCommas(ctx, st, left);
  if (left.comma < 0 && before >= a) shortSubjectAfterComma(ctx, st, left);
  return left;
}

/**
 * "“…,” Scott Pruitt, the attorney general, said": the subject and its apposition sit between
 * the quotation and the cue (a title may stand before the name: "Senate Majority Leader X").
 */
function subjectBetweenCommas(ctx: Ctx, { s, a, cue }: CueState, left: LeftSide): void {
  const before = cue.from - 1;
  const sp = subjectBefore(ctx, s, cue.from);
  const span = sp?.mention ? ctx.tokOfMention.get(sp.mention) : undefined;
  if (!sp || !span) return;
  const st = chunkBack(ctx, a, span.start + 1).start;
  if (span.start > a && span.start < before && isBoundary(ctx, span.start - 1, a) && span.start - 1 > a) {
    left.speaker = sp;
    left.comma = span.start - 1;
  } else if (st > a + 1 && span.start - st <= 3 && span.start < before && isBoundary(ctx, st - 1, a)) {
    left.speaker = sp;
    left.comma = st - 1;
  }
}

/** "…, X said" / "…,” he said": a short subject between a comma and the cue. */
function shortSubjectAfterComma(ctx: Ctx, { s, a, b, cue, post }: CueState, left: LeftSide): void {
  const { v, c } = ctx;
  const ch = chunkBack(ctx, a, cue.from);
  const short = ch.start > a && ch.end - ch.start - bracketed(ctx, ch.start, ch.end) <= 6 && ch.end > ch.start && isBoundary(ctx, ch.start - 1, a) && !pastVerbIn(ctx, ch.start + 1, ch.end);
  if (!short || !(post >= b || STOP_PUNCT.has(v.words[post]) || v.words[post] === ',' || c.speakerStop.has(v.keys[post]) && !c.comp.has(v.keys[post]))) return;
  left.speaker = subjectBefore(ctx, s, cue.from);
  if (!left.speaker) return;
  left.comma = ch.start - 1;
  // (not when a participle follows: "“…,” X said, adding …")
  left.incise = v.words[post] === ',' && post + 1 < b && !STOP_PUNCT.has(v.words[post + 1]) && !cueOf(ctx, post + 1, b)?.participle && !longestMatch(c.according, v.keys, post + 1, b);
}

/** "«…», a déclaré X" / "…, X said" / "…, said X": the content before the cue. */
function contentThenCue(ctx: Ctx, st: CueState): Outcome {
  const { v, c } = ctx;
  const { a, b, cue, post } = st;
  if (cue.participle) return PASS;
  const left = leftSide(ctx, st);
  const opensClause = post < b && !STOP_PUNCT.has(v.words[post]) && v.words[post] !== ',';
  // "X, the agency, said it was …": a pronoun after the cue opens the reported clause
  if (left.comma >= 0 && cue.pronoun < 0 && !left.speaker && post < b && c.pronouns.has(v.keys[post]) && v.toks[post].kind !== 'clitic' && !(post + 1 < b && (STOP_PUNCT.has(v.words[post + 1]) || v.words[post + 1] === ','))) return PASS;
  // "Le chef du conseil, <Name>, a confirmé …": the part before the comma is the subject, not content
  if (left.comma >= 0 && cue.pronoun < 0 && !left.speaker && opensClause && appositiveSubject(ctx, a, left.comma, post, b)) return PASS;
  if (!(left.comma >= 0 && (cue.pronoun >= 0 || left.speaker || post >= b || STOP_PUNCT.has(v.words[post]) || v.words[post] === ',' || !c.comp.has(v.keys[post])))) return PASS;
  const startTok = contentStartBefore(ctx, a, left.comma, st.earlier);
  if (!(startTok < left.comma && (cue.pronoun >= 0 || left.speaker || !c.comp.has(v.keys[post])))) return PASS;
  const inciseEnd = left.incise ? clauseEnd(ctx, post + 1, b) : -1;
  const content = left.incise ? makeContent(ctx, startTok, inciseEnd) : makeContent(ctx, startTok, left.comma);
  if (!(content && (content.direct || left.comma - startTok >= 3 || left.incise && inciseEnd - startTok >= 5))) return PASS;
  // "On the campaign trail, Clinton has promised …": an opening phrase of circumstance is no content
  if (!content.direct && !left.incise && openingAdverbial(ctx, startTok, left.comma)) return PASS;
  // the statement runs on after the incise: its verbs are not cues of their own
  if (left.incise) st.d.skipTo = inciseEnd;
  return statementBeforeCue(ctx, st, left, content);
}

/** Tokens [from, to) are a short phrase opened by a preposition of time, place or circumstance, with no verb. */
function openingAdverbial(ctx: Ctx, from: number, to: number): boolean {
  return to - from <= 8 && ctx.c.adverbialOpeners.has(ctx.v.keys[from]) && !hasVerbLike(ctx, from, to);
}

/** The statement of contentThenCue, once its content is known: its speaker, left or after the cue. */
function statementBeforeCue(ctx: Ctx, st: CueState, left: LeftSide, content: { span: { start: number; end: number }; direct: boolean }): Outcome {
  const { v, c } = ctx;
  const { s, b, cue, d, post } = st;
  let sp = st.speaker ?? left.speaker;
  let spEnd = post;
  if (!sp && cue.pronoun < 0) {
    const after = subjectAfter(ctx, s, post, b);
    if (after) {
      sp = after.ref;
      spEnd = after.end;
    }
  }
  if (isRelativeVia(ctx, left.speaker)) return PASS;
  if (!(sp || cue.pronoun >= 0 || content.direct) || !(content.direct || cue.pronoun >= 0 || !c.quoteOnly.has(cue.lemma))) return PASS;
  d.content = content.span;
  d.kind = content.direct ? 'direct' : 'indirect';
  d.speaker = sp;
  // channel / addressee after the speaker ("…, a déclaré X, dans un SMS à des journalistes")
  skipMaterial(ctx, spEnd < b && v.words[spEnd] === ',' ? spEnd + 1 : spEnd, b, d);
  return d;
}

/** "X did this, even saying …", "X stressed this and said …": the subject of the main clause. */
function coordinatedCue(ctx: Ctx, st: CueState): Outcome {
  const { s, a, b, cue, d, post } = st;
  const coordinated = cue.from - 1 > a && ctx.c.coordinators.has(ctx.v.keys[cue.from - 1]);
  if (!((cue.participle || coordinated) && cue.from > a && !ctx.mentionAtEnd.has(cue.from - 1))) return PASS;
  d.speaker = mainStatement(ctx, st.earlier)?.speaker ?? mainSubject(ctx, s, cue.from) ?? (cue.participle ? ctx.last : null);
  return contentAfter(ctx, d, post, b) ? d : null;
}

/** "X a affirmé que …", "X said: «…»", "X a confirmé l'attaque", or an inverted subject after the content. */
function cueThenContent(ctx: Ctx, st: CueState): Outcome {
  const { v } = ctx;
  const { s, a, b, cue, d, post } = st;
  d.speaker = st.speaker ?? subjectBefore(ctx, s, cue.from);
  if (cue.pronoun >= 0 && !st.speaker) d.speaker = null;
  // "When he wrote his book, Smith said …": a subordinate clause reports up to its comma
  const limit = subordinateEnd(ctx, a, cue.from, post, b);
  if (!d.speaker && cue.pronoun < 0) {
    // no subject on the left: maybe an inverted one after the content
    const after = subjectAfter(ctx, s, post, limit);
    if (after && !ctx.determiners.has(v.keys[post]) && after.ref.mention) {
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
    if (!inner && !isRelativeVia(ctx, e.speaker)) return e;
  }
  return null;
}

/** The content on the right of a cue: a que/that clause, a colon, a quotation, or an object. */
export function contentAfter(ctx: Ctx, d: Draft, post: number, b: number): boolean {
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
  if (k >= b || introduced && k === b - 1 && STOP_PUNCT.has(v.words[k])) return introduced && quotationInNextSentence(ctx, d);
  // object or bare clause: "a confirmé l'entrée des talibans", "said he would go"
  if (!introduced && !OPEN.has(v.words[k]) && (STOP_PUNCT.has(v.words[k]) || v.words[k] === ',')) return false;
  if (OPEN.has(v.words[k]) && quotationPastSentence(ctx, d, k, b)) return true;
  const end = clauseEnd(ctx, k, b);
  if (end <= k) return false;
  const content = makeContent(ctx, k, end);
  if (!content) return false;
  if (!introduced && !content.direct && end - k < 3) return false;
  // "qui a requis l'anonymat", "asked not to be named": a condition of the source, not a statement
  if (longestMatch(c.anonymity, v.keys, k, end)) return false;
  if (d.lemma && c.quoteOnly.has(d.lemma) && !content.direct && !(introduced && v.words[k - 1] !== ':')) return false;
  // "released figures showing …" reports; "released the hostages" does not
  if (d.lemma && c.evidenceVerbs.has(d.lemma) && !content.direct && !evidenceObject(ctx, k, end)) return false;
  // "a demandé une rançon", "a appelé la population au calme": what is asked for is no statement
  if (d.lemma && c.objectNotSpeech.has(d.lemma) && !content.direct && !introduced && !infinitiveWithin(ctx, k, end)) return false;
  d.content = content.span;
  d.kind = content.direct ? 'direct' : 'indirect';
  return true;
}

/** "a lancé : « Assez! Nous partons »": a quotation opened here and closed in a later sentence is the content, whole. */
function quotationPastSentence(ctx: Ctx, d: Draft, k: number, b: number): boolean {
  const q = ctx.marks.at(ctx.v.toks[k].start);
  if (!q || q.close < 0 || q.ce <= ctx.v.toks[b - 1].end) return false;
  d.content = { start: q.cs, end: q.ce };
  d.kind = 'direct';
  d.rules.push('quotation-past-sentence');
  return true;
}

/** The object starting at k is evidence: one of the evidence nouns among its first four words ("new figures", "a video"). */
function evidenceObject(ctx: Ctx, k: number, end: number): boolean {
  for (let j = k; j < Math.min(end, k + 4); j++) if (ctx.c.evidenceNouns.has(ctx.v.keys[j])) return true;
  return false;
}

/** "aux habitants de rester chez eux": a link word and an infinitive among the first words of [k, end). */
function infinitiveWithin(ctx: Ctx, k: number, end: number): boolean {
  const { v, c } = ctx;
  for (let j = k; j + 1 < Math.min(end, k + 6); j++) {
    if (c.infinitiveLinks.has(v.keys[j]) && c.infinitiveSuffix.some((x) => v.keys[j + 1].endsWith(x) && v.keys[j + 1].length > x.length + 2)) return true;
  }
  return false;
}

/** "X said:" and the quotation in the next paragraph. */
function quotationInNextSentence(ctx: Ctx, d: Draft): boolean {
  const { v } = ctx;
  const s2 = d.sentence + 1;
  if (s2 >= v.sentences.length) return false;
  const f = v.sentFirst[s2];
  const q = f >= 0 ? ctx.marks.at(v.toks[f].start) : null;
  if (!q) return false;
  d.content = { start: q.cs, end: q.ce };
  d.kind = 'direct';
  return true;
}
