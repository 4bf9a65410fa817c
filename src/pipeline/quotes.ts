// Quotes and their speakers: who says what, with the cue, the channel and the addressee.
//
// Per sentence, in text order:
//  - cues are found from the cue lexicon (every inflected form → lemma, auxiliaries, inverted
//    pronouns "a-t-il", participles "précisant"), and "according to" markers ("selon X");
//  - each cue reads its configuration (quotes/configurations.ts): content after it (que/that
//    clause, colon, quotation, object), or before it ("«…», a déclaré X", "…, X said", "…, said
//    X"); the speaker is the subject on the other side (quotes/subject.ts: a mention when there
//    is one, else the noun phrase itself);
//  - pronoun cues take the last speaker (gender permitting), participles continue the
//    sentence's speaker, "de même source" repeats the last source, a bare quoted paragraph after
//    a quote is carried to that quote's speaker; nothing found stays null;
//  - quotation marks turn a content into a direct quote (content without the marks).
// Every quote lists the rules that made it: the configuration first, then its refiners, then
// the rule that found the speaker.
import { longestMatch } from '../entities/rules.js';
import type { Annotations, Quote, ResolvedDocument } from '../types.js';
import { according, sameSource } from '../quotes/according.js';
import type { CueMatch } from '../quotes/cues.js';
import { fromCue } from '../quotes/configurations.js';
import { CLOSE, OPEN, PUNCT, cueOf, insideMarks, makeContext, sentenceOfChar, type Ctx, type Draft } from '../quotes/context.js';
import { bareQuote, speakerTurn } from '../quotes/uncued.js';
import { channelAt } from '../quotes/material.js';
import { quotedFragments } from '../quotes/fragments.js';
import { defineStage } from './stage.js';

export function findQuotes(doc: ResolvedDocument, ann: Readonly<Annotations>): Quote[] {
  const ctx = makeContext(doc, ann);
  const { v } = ctx;
  for (let s = 0; s < v.sentences.length; s++) {
    if (v.sentFirst[s] < 0) continue;
    ctx.clauseIndexes.clear();
    sentenceQuotes(ctx, s);
  }
  return toQuotes(ctx);
}

function sentenceQuotes(ctx: Ctx, s: number): void {
  const turn = speakerTurn(ctx, s);
  if (turn) {
    ctx.out.push(turn);
    if (turn.speaker) ctx.last = turn.speaker;
    return;
  }
  const kept = sourcesNamingChannels(scanSentence(ctx, s));
  channelOpeningSentence(ctx, s, kept);
  if (!kept.length) bareQuote(ctx, s);
  kept.push(...quotedFragments(ctx, s, kept));
  for (const d of kept) {
    if (d.speaker) ctx.last = d.speaker;
    if (d.speaker?.mention?.type === 'PER') ctx.lastPer = d.speaker;
    ctx.out.push(d);
  }
}

/** The statements of sentence s: its sources ("selon X", "de même source") and its cues, in text order. */
function scanSentence(ctx: Ctx, s: number): Draft[] {
  const { v, c } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  const found: Draft[] = [];
  let k = a;
  while (k < b) {
    if (insideMarks(ctx, v.toks[k].start)) {
      k++;
      continue;
    }
    const same = longestMatch(c.sameSource, v.keys, k, b);
    if (same && (k === a || PUNCT.test(v.words[k - 1]))) {
      const d = sameSource(ctx, s, k, k + same.len);
      if (d) found.push(d);
      k += same.len;
      continue;
    }
    const acc = longestMatch(c.according, v.keys, k, b);
    if (acc && sourceMarkerAt(ctx, a, b, k, acc.len, acc.entry.canonical)) {
      const d = according(ctx, s, k, k + acc.len, acc.entry.canonical);
      if (d) found.push(d);
      k += acc.len;
      continue;
    }
    const cue = cueOf(ctx, k, b);
    if (cue && plausibleCue(ctx, cue, a)) {
      const d = fromCue(ctx, s, cue, found);
      if (d) found.push(d);
      k = Math.max(cue.to, d?.skipTo ?? 0);
      continue;
    }
    k++;
  }
  return found;
}

/** "selon X" at k: not after an article ("le selon"), nor before a relative, "Pour X" only opening the sentence. */
function sourceMarkerAt(ctx: Ctx, a: number, b: number, k: number, len: number, marker: string): boolean {
  const { v, c } = ctx;
  if (c.openingOnly.has(marker) && k !== a) return false;
  if (k > a && ctx.determiners.has(v.keys[k - 1])) return false;
  return !(k + len < b && c.relatives.has(v.keys[k + len]));
}

/**
 * Refiner: a source that is a channel ("selon un communiqué") or an unnamed source around another
 * statement of the sentence gives that statement its channel, and is no statement of its own.
 */
function sourcesNamingChannels(found: Draft[]): Draft[] {
  const verbal = found.filter((d) => d.kind !== 'according_to');
  const kept: Draft[] = [];
  for (const d of found) {
    if (d.kind === 'according_to' && !d.speaker?.mention && verbal.some((x) => x.cueSpan && x.cueSpan.start >= d.content.start && x.cueSpan.end <= d.content.end)) {
      for (const x of verbal) if (x.cueSpan && x.cueSpan.start >= d.content.start) giveChannel(x, d.channel, 'channel-from-source');
      continue;
    }
    if (d.kind === 'according_to' && (d.speaker === null || d.speaker.rule === 'source-of-channel') && d.channel && verbal.length) {
      for (const x of verbal) giveChannel(x, d.channel, 'channel-from-source');
      continue;
    }
    kept.push(d);
  }
  return kept;
}

/** Refiner: "Sur Twitter, le président a dénoncé …", "In a statement, the ministry said …": the opening channel is the statements'. */
function channelOpeningSentence(ctx: Ctx, s: number, kept: Draft[]): void {
  const { v } = ctx;
  if (!kept.some((d) => d.cue && d.channel === null)) return;
  const b = v.sentEnd[s];
  let k = v.sentFirst[s];
  while (k < b && ctx.c.leadWords.has(v.keys[k])) k++;
  const ch = channelAt(ctx, k, b);
  if (!ch || v.words[ch.end] !== ',') return;
  for (const d of kept) if (d.cue && d.cueSpan && d.cueSpan.start > v.toks[ch.end].start) giveChannel(d, ch.label, 'channel-opening-phrase');
}

function giveChannel(d: Draft, channel: string | null, rule: string): void {
  if (d.channel !== null || channel === null) return;
  d.channel = channel;
  d.rules.push(rule);
}

/** Rejects cue forms used as nouns or adjectives ("the said report", "un appel", "un village appelé"). */
function plausibleCue(ctx: Ctx, cue: CueMatch, a: number): boolean {
  const { v, c } = ctx;
  const k = cue.from;
  if (k > a && ctx.determiners.has(v.keys[k - 1])) return false;
  // "a swiftly called meeting": an adverb between an article and the form makes it an adjective
  if (k - 1 > a && ctx.determiners.has(v.keys[k - 2]) && c.adverbSuffix.test(v.keys[k - 1])) return false;
  if (cue.to - cue.from === 1 && c.nounForms.has(v.keys[k]) && k > a && isNounUse(ctx, cue, a)) return false;
  // "backed away": a particle makes it another verb
  if (cue.to < v.keys.length && c.phrasalNotSpeech.get(cue.lemma)?.has(v.keys[cue.to])) return false;
  // "Speaking at a rally, X said …": a participle opening the sentence is adverbial
  if (cue.participle && k === a) return false;
  // a verb is written in lower case unless it opens the sentence ("United States" is no cue)
  if (!ctx.titleCase[v.sent[k]]) for (let j = cue.from; j < cue.to; j++) if (/^\p{Lu}/u.test(v.words[j]) && j !== a) return false;
  const form = v.keys[cue.to - 1 - (cue.pronoun === cue.to - 1 ? 1 : 0)];
  const hasAux = cue.to - cue.from > 1 && cue.pronoun !== cue.from + 1;
  // a bare past participle is an adjective ("un village appelé X")
  if (!hasAux && cue.pronoun < 0 && c.adjectivalParticiple.some((x) => form.endsWith(x))) return false;
  // "to say", "pour dire": an infinitive is not a statement of its own; "ne commente pas": a negated cue reports nothing
  return !(k > a && (c.infinitiveMarkers.has(v.keys[k - 1]) || c.negations.has(v.keys[k - 1])));
}

/** "the re-emergence of questions", "too many calls", "the most basic question", "the council's plans": nouns. */
function isNounUse(ctx: Ctx, cue: CueMatch, a: number): boolean {
  const { v, c } = ctx;
  const k = cue.from;
  const p = v.keys[k - 1];
  const clauseNext = cue.to < v.keys.length && (c.comp.has(v.keys[cue.to]) || c.pronouns.has(v.keys[cue.to]));
  if (c.nounIntro.has(p) && !(c.quantifiers.has(p) && clauseNext)) return true;
  if (c.possessiveEndings.some((x) => v.words[k - 1].endsWith(x) || p === x)) return true;
  return k - 1 > a && ctx.determiners.has(v.keys[k - 2]) && /^\p{Ll}/u.test(v.words[k - 1]) && c.adjectiveSuffix.test(p);
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
    return {
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
      rules: d.speaker ? [...d.rules, d.speaker.rule] : [...d.rules],
    };
  });
}

export const quotesStage = defineStage({
  name: 'quotes',
  produces: 'quotes',
  run: (doc, ann) => findQuotes(doc, ann),
});
