// Speakers from mentions: the mention of a stretch that names a speaker best, and what a pronoun
// ("il", "she", "a-t-il") stands for.
import type { Gender } from '../entities/rules.js';
import { lowerBound } from '../bisect.js';
import type { Mention } from '../types.js';
import { compatible, genderOf, sentenceOfChar, spanOf, type Ctx, type MentionRanks, type SpeakerRef } from './context.js';

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

/** "il", "she", "a-t-il": the last speaker whose gender fits, else the last person named nearby. */
export function resolvePronoun(ctx: Ctx, s: number, j: number, want: Gender): SpeakerRef {
  // the speaker span is the pronoun as written ("elle" in "a-t-elle"); the mention says who it stands for
  const here = spanOf(ctx, j, j + 1);
  const word = ctx.v.words[j];
  const cut = Math.max(word.lastIndexOf('-'), word.lastIndexOf("'"), word.lastIndexOf('’'));
  if (cut >= 0) here.start += cut + 1;
  const unresolved: SpeakerRef = { mention: null, start: here.start, end: here.end, gender: want, via: null, rule: 'pronoun-unresolved' };
  const person = want === 'm' || want === 'f';
  const lasts: [SpeakerRef | null, string][] = person ? [[ctx.last, 'pronoun-last-speaker'], [ctx.lastPer, 'pronoun-last-person']] : [[ctx.last, 'pronoun-last-speaker']];
  for (const [last, rule] of lasts) {
    if (!last?.mention || !compatible(last.gender, want)) continue;
    if (person && last.mention.type !== 'PER') continue;
    const lastSent = sentenceOfChar(ctx, last.start);
    if (s - lastSent <= 6) return { mention: last.mention, start: here.start, end: here.end, gender: last.gender, via: here, rule };
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
      return { mention: m, start: here.start, end: here.end, gender: genderOf(ctx, m), via: here, rule: 'pronoun-nearby-' + (want === 'p' ? 'group' : 'person') };
    }
  }
  return unresolved;
}
