// Speakers from mentions: the mention of a stretch that names a speaker best, and what a pronoun
// ("il", "she", "a-t-il") stands for.
import type { Gender } from '../entities/rules.js';
import { lowerBound } from '../bisect.js';
import type { Mention, Span } from '../types.js';
import { mainClauseStart } from './clauses.js';
import { CLOSE, OPEN, STOP_PUNCT, compatible, genderOf, phrase, ref, sentenceOfChar, spanOf, type Ctx, type MentionRanks, type SpeakerRef } from './context.js';

function rankOf(m: Mention): number {
  return m.type === 'PER' ? 3 : m.type === 'ORG' ? 2 : m.type === 'NORP' ? 1 : 0;
}

/**
 * The mentions by rank, so that a look-up costs a halving instead of a pass over the stretch
 * (a sentence of thousands of sources with no punctuation made every source read the rest of
 * it).
 */
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
export function mentionIn(ctx: Ctx, from: number, to: number, firstOne = false): Mention | null {
  const ix = mentionRanks(ctx);
  if (firstOne) {
    const i = lowerBound(ix.starts, from);
    return i < ix.starts.length && ix.starts[i] < to ? ctx.mentionAtStart.get(ix.starts[i])! : null;
  }
  for (let r = 3; r >= 1; r--) {
    const best = lastOfRank(ctx, ix, r, from, to);
    if (best) return best;
  }
  return null;
}

function lastOfRank(ctx: Ctx, ix: MentionRanks, r: number, from: number, to: number): Mention | null {
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
  return best;
}

/**
 * "il", "she", "a-t-il": who a pronoun stands for, by the first of these rules that finds a
 * mention whose gender fits (the speaker span stays the pronoun as written):
 *  - pronoun-last-speaker: the speaker of this sentence or the previous one
 *    ("«…», a déclaré X. «…», a-t-il ajouté");
 *  - pronoun-last-description: a description that has just spoken, whose article agrees with the
 *    pronoun ("«…», a déclaré une source policière. «…», a-t-elle ajouté");
 *  - pronoun-previous-subject: for "il", "elle", "ils", the subject of the previous sentence, a
 *    person, or an organisation, group or description whose article agrees ("Le général X s'est
 *    rendu sur place. Il a affirmé …", "Le ministère a annoncé … Il précise …", "Les habitants
 *    ont fui … ont-ils raconté");
 *  - pronoun-last-speaker, pronoun-last-person: a speaker of the last six sentences;
 *  - pronoun-nearby-person (-group for "ils"): the last one named in this or the previous sentence.
 */
export function resolvePronoun(ctx: Ctx, s: number, j: number, want: Gender): SpeakerRef {
  const here = pronounSpan(ctx, j);
  const unresolved: SpeakerRef = { mention: null, start: here.start, end: here.end, gender: want, via: null, rule: 'pronoun-unresolved' };
  if (ctx.c.impersonal.has(ctx.v.keys[j])) return unresolved;
  const person = want === 'm' || want === 'f';
  // a pronoun of known gender or number may stand for a description whose article agrees
  const agrees = want !== 'x';
  const recent = lastSpeakerFits(ctx, ctx.last, s, 1, want, false);
  if (recent) return standFor(recent, here, 'pronoun-last-speaker');
  // a description that has just spoken, whose article gives the same gender ("«…», a déclaré une
  // source policière. «…», a-t-elle ajouté", "selon un communiqué du ministère. Il précise …")
  const described = agrees ? lastSpeakerFits(ctx, ctx.last, s, 1, want, true) : null;
  if (described) return standFor(described, here, 'pronoun-last-description');
  if (agrees && s > 0) {
    const subj = sentenceSubject(ctx, s - 1, want);
    if (subj) return standFor(subj, here, 'pronoun-previous-subject');
  }
  // the speakers of the last six sentences: the last one (named, or a description of that gender), the last person
  const last = lastSpeakerFits(ctx, ctx.last, s, 6, want, false) ?? (agrees ? lastSpeakerFits(ctx, ctx.last, s, 6, want, true) : null);
  if (last) return standFor(last, here, last.mention ? 'pronoun-last-speaker' : 'pronoun-last-description');
  const lastPer = person ? lastSpeakerFits(ctx, ctx.lastPer, s, 6, want, false) : null;
  if (lastPer) return standFor(lastPer, here, 'pronoun-last-person');
  if (want === 'x') return unresolved;
  const near = nearbyMention(ctx, s, j, want);
  return near ? standFor(ref(ctx, near, ''), here, 'pronoun-nearby-' + (want === 'p' ? 'group' : 'person')) : unresolved;
}

/**
 * The pronoun at `here` standing for `who`: a mention keeps the pronoun as the speaker's words
 * (the mention names it); a description without a mention is itself the speaker's words, as a
 * bare pronoun names nobody.
 */
function standFor(who: SpeakerRef, here: Span, rule: string): SpeakerRef {
  if (who.mention) return { mention: who.mention, start: here.start, end: here.end, gender: who.gender, via: here, rule };
  return { mention: null, start: who.start, end: who.end, gender: who.gender, via: here, rule };
}

/** The pronoun as written ("elle" in "a-t-elle"). */
function pronounSpan(ctx: Ctx, j: number): Span {
  const here = spanOf(ctx, j, j + 1);
  const word = ctx.v.words[j];
  const cut = Math.max(word.lastIndexOf('-'), word.lastIndexOf("'"), word.lastIndexOf('’'));
  if (cut >= 0) here.start += cut + 1;
  return here;
}

/**
 * A speaker of the last `within` sentences before s whose gender fits: named by a mention (a
 * person for "il"/"she"), or with `described`, a description whose article gives that gender.
 */
function lastSpeakerFits(ctx: Ctx, last: SpeakerRef | null, s: number, within: number, want: Gender, described: boolean): SpeakerRef | null {
  if (!last || !compatible(last.gender, want)) return null;
  if (described ? last.mention || last.gender !== want || last.rule === 'pronoun-unresolved' || last.rule === 'relative-antecedent' : !last.mention) return null;
  if (last.mention && (want === 'm' || want === 'f') && last.mention.type !== 'PER') return null;
  return s - sentenceOfChar(ctx, last.start) <= within ? last : null;
}

/**
 * A person fits "il"/"elle" unless its gender says otherwise; an organisation or a description only
 * when its article says it fits; with no pronoun to fit (null), any of them.
 */
function subjectFits(who: SpeakerRef, want: Gender | null): boolean {
  if (want === null) return true;
  if (who.mention?.type === 'PER') return want !== 'p' && compatible(who.gender, want);
  return (!who.mention || who.mention.type === 'ORG' || who.mention.type === 'NORP' && want === 'p') && who.gender === want;
}

/** The last person (or organisation or group, for "ils") named in this sentence before token j, or in the previous one. */
function nearbyMention(ctx: Ctx, s: number, j: number, want: Gender): Mention | null {
  const from = ctx.v.toks[ctx.v.sentFirst[Math.max(0, s - 1)]].start;
  const to = ctx.v.toks[j].start;
  for (let x = ctx.mentions.length - 1; x >= 0; x--) {
    const m = ctx.mentions[x];
    if (m.start >= to) continue;
    if (m.start < from) break;
    if (want === 'p' ? m.type === 'ORG' || m.type === 'NORP' : m.type === 'PER' && compatible(genderOf(ctx, m), want)) return m;
  }
  return null;
}

/**
 * The subject of sentence s, if its gender fits `want` (any when null): the best speaker mention (a person before an organisation) between
 * the start of the main clause and its first verb, outside quotations ("Le général X, chef de la
 * gendarmerie, s'est rendu …" → X); else a description headed by a speaker noun ("Le syndicat
 * des enseignants a rejeté …").
 */
export function sentenceSubject(ctx: Ctx, s: number, want: Gender | null): SpeakerRef | null {
  const { v } = ctx;
  if (v.sentFirst[s] < 0) return null;
  const b = v.sentEnd[s];
  const k = mainClauseStart(ctx, s, b);
  if (k >= b || ctx.marks.inside(v.toks[k].start)) return null;
  const end = subjectStretchEnd(ctx, k, b);
  if (end <= k) return null;
  const m = mentionIn(ctx, k, end);
  const named = m ? ref(ctx, m, 'sentence-subject') : null;
  if (named && subjectFits(named, want)) return named;
  // "Le syndicat des enseignants": an article, a speaker noun, its complement up to a comma
  if (!(k + 1 < end && ctx.c.speakerNouns.has(v.keys[k + 1]) && ctx.determiners.has(v.keys[k]))) return null;
  let e = k + 2;
  while (e < end && v.words[e] !== ',' && e - k < 8) e++;
  const descr = phrase(ctx, k, e, 'sentence-subject');
  return subjectFits(descr, want) ? descr : null;
}

/** The first token after k that is a verb, a pronoun, a relative or a stop: where a subject ends. */
function subjectStretchEnd(ctx: Ctx, k: number, b: number): number {
  const { v, c } = ctx;
  let end = k;
  while (end < b && end - k < 16) {
    const w = v.words[end];
    const key = v.keys[end];
    if (c.aux.has(key) || c.passiveAux.has(key) || c.forms.has(key) || c.comp.has(key) || c.relatives.has(key) || c.pronouns.has(key)) break;
    if (STOP_PUNCT.has(w) || OPEN.has(w) || CLOSE.has(w) || w === ':' || w === ';') break;
    end++;
  }
  return end;
}
