// "Selon X, …", "…, selon X", "according to X", "de même source, …": a source named by a marker
// rather than a verb; the content is the rest of the sentence on the other side.
import { longestMatch } from '../entities/rules.js';
import type { Mention } from '../types.js';
import { PUNCT, newDraft, phrase, ref, spanOf, type Ctx, type Draft, type SpeakerRef } from './context.js';
import { afterDateline, clauseEnd, contentStartBefore, makeContent, nextHardPunct, type Content } from './clauses.js';
import { channelNoun } from './material.js';
import { mentionIn, resolvePronoun } from './speakers.js';

/** "de même source, …": the last source again, the content after the marker. */
export function sameSource(ctx: Ctx, s: number, k: number, after: number): Draft | null {
  const d = newDraft('according_to', s, spanOf(ctx, k, after), ctx.c.sameSourceLemma, 'same-source');
  d.speaker = ctx.lastSource ?? ctx.last;
  const content = makeContent(ctx, after, clauseEnd(ctx, after + 1, ctx.v.sentEnd[s]));
  if (!content) return null;
  d.content = content.span;
  return d;
}

/** "selon X" / "according to X" at token k, the source's words from `after`. */
export function according(ctx: Ctx, s: number, k: number, after: number, marker: string): Draft | null {
  const { v, c } = ctx;
  const b = v.sentEnd[s];
  const d = newDraft('according_to', s, spanOf(ctx, k, after), marker, 'according-to');
  // the source noun phrase up to a comma or the end of the sentence
  let npEnd = nextHardPunct(ctx, s, after);
  if (npEnd === after) return null;
  // "de sources sécuritaires": the marker's last word heads the source
  readSource(ctx, s, c.endsOnSource.has(marker) ? after - 1 : after, npEnd, d);
  const named = apposedName(ctx, npEnd, b);
  if (named && d.speaker && !d.speaker.mention) {
    // "Selon le porte-parole de la police, Jean Moko, …": the name in apposition
    d.speaker = ref(ctx, named.mention, 'source-apposed-name');
    npEnd = named.end;
  }
  // "Pour X, …" names a source only at the start of a sentence, with a comma after the source
  if (c.openingOnly.has(marker) && (!d.speaker || npEnd >= b || v.words[npEnd] !== ',')) return null;
  const content = accordingContent(ctx, s, k, npEnd);
  if (!content) return null;
  d.content = content.span;
  if (d.speaker) ctx.lastSource = d.speaker;
  return d;
}

/** The source of tokens [after, npEnd): a mention, a channel ("selon un communiqué"), a pronoun, a description. */
function readSource(ctx: Ctx, s: number, after: number, npEnd: number, d: Draft): void {
  const { v, c } = ctx;
  let ch = channelNoun(ctx, after, npEnd);
  // "according to show insiders": a channel word before a plural noun only qualifies it
  if (ch && ch.end < npEnd && isPluralNoun(ctx, ch.end)) ch = null;
  const m = mentionIn(ctx, after, npEnd);
  if (m) d.speaker = ref(ctx, m, 'source-mention');
  else if (ch && ch.end >= after) {
    d.channel = ch.label;
    d.speaker = issuerOf(ctx, ch.end, npEnd);
  }
  else {
    const pg = c.pronouns.get(v.keys[after]) ?? c.sourcePronouns.get(v.keys[after]);
    if (pg !== undefined && npEnd === after + 1) d.speaker = resolvePronoun(ctx, s, after, pg);
    else if (npEnd - after <= 10) d.speaker = phrase(ctx, after, npEnd, 'source-description');
  }
}

/** ", Jean Moko," after a source's words: a person's name between commas (with its title), and the comma closing it. */
function apposedName(ctx: Ctx, comma: number, b: number): { mention: Mention; end: number } | null {
  const { v } = ctx;
  if (!(comma + 1 < b && v.words[comma] === ',')) return null;
  let j = comma + 1;
  if (ctx.determiners.has(v.keys[j])) j++;
  const m = mentionIn(ctx, j, Math.min(b, j + 6), true);
  const sp = m ? ctx.tokOfMention.get(m)! : null;
  if (!m || !sp || m.type !== 'PER' || sp.start > j + 1 || sp.end >= b || v.words[sp.end] !== ',') return null;
  return { mention: m, end: sp.end };
}

/** "un communiqué du ministère", "a statement from the army": who issued the channel, after it. */
function issuerOf(ctx: Ctx, j: number, npEnd: number): SpeakerRef | null {
  const { v, c } = ctx;
  if (!(j + 1 < npEnd && c.channelSources.has(v.keys[j]))) return null;
  const from = j + 1;
  if (npEnd - from > 8) return null;
  const sp = phrase(ctx, from, npEnd, 'source-of-channel');
  // "du ministère": the article merged with the link gives the gender
  if (sp.gender === 'x') sp.gender = c.genderedArticles.get(v.keys[j]) ?? 'x';
  return sp;
}

function isPluralNoun(ctx: Ctx, j: number): boolean {
  const { v, c } = ctx;
  const key = v.keys[j];
  return v.toks[j].kind === 'word' && /^\p{Ll}+$/u.test(v.words[j]) && c.plural.some((x) => key.endsWith(x) && key.length > x.length) && !c.forms.has(key);
}

/** The content of a source at token k: after it when it opens the sentence, else before it. */
function accordingContent(ctx: Ctx, s: number, k: number, npEnd: number): Content | null {
  const { v, c } = ctx;
  const a = v.sentFirst[s];
  let lead = a;
  while (lead < k && (PUNCT.test(v.words[lead]) || c.leadWords.has(v.keys[lead]) || longestMatch(c.adverbs, v.keys, lead, k))) lead++;
  if (lead === k) return makeContent(ctx, npEnd, clauseEnd(ctx, npEnd + 1, v.sentEnd[s]));
  const comma = k - 1;
  if (comma >= a && v.words[comma] === ',') return makeContent(ctx, contentStartBefore(ctx, a, comma, []), comma);
  // "… selon X" without a comma, or "selon X" mid-sentence: the sentence minus the source
  return makeContent(ctx, afterDateline(ctx, a, k), k);
}
