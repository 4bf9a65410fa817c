// Quotations without a cue verb: a transcript's speaker turns ("SMITH: …") and a sentence that
// is a quotation and nothing else (carried to the speaker before it, or to a name after a dash).
import {
  DASHES, OPEN, PUNCT, UPPER, cueOf, hasBreak, newDraft, phrase, ref, sentenceOfChar, spanOf, tokAtOrAfter,
  type Ctx, type Draft, type SpeakerRef,
} from './context.js';
import { makeContent } from './clauses.js';
import { mentionIn, sentenceSubject } from './speakers.js';

/**
 * A transcript turn: a paragraph opening with a speaker's name and a colon ("SMITH: …",
 * "Mr. Smith: …"); the content runs to the end of the paragraph.
 */
export function speakerTurn(ctx: Ctx, s: number): Draft | null {
  const { v } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  let k = a;
  while (k < b && OPEN.has(v.words[k])) k++;
  if (k !== a && k - a > 1) return null;
  // at the start of a paragraph only
  if (a > 0 && !v.newlineBefore[a]) return null;
  const colon = turnColon(ctx, k, b);
  if (colon <= k || colon + 1 >= b) return null;
  // the paragraph's end
  let last = s;
  while (last + 1 < v.sentences.length && v.sentFirst[last + 1] >= 0 && !v.newlineBefore[v.sentFirst[last + 1]]) last++;
  const endTok = v.sentEnd[last];
  const content = makeContent(ctx, colon + 1, endTok);
  if (!content) return null;
  const headline = s === 0 && last === s;
  const speaker = headline ? headlineSpeaker(ctx, k, colon) : endTok - colon >= 6 ? turnSpeaker(ctx, k, colon) : null;
  if (!speaker) return null;
  const d = newDraft('direct', s, spanOf(ctx, colon, colon + 1), ':', headline ? 'headline-speaker' : 'speaker-turn');
  d.content = { start: content.span.start, end: v.toks[endTok - 1].end };
  d.speaker = speaker;
  return d;
}

/** The colon within the first five tokens after k, all capitalised before it; else -1. */
function turnColon(ctx: Ctx, k: number, b: number): number {
  const { v } = ctx;
  for (let j = k; j < Math.min(b, k + 5); j++) {
    if (v.words[j] === ':') return j;
    if (PUNCT.test(v.words[j]) && !v.words[j].endsWith('.')) return -1;
    if (!UPPER.test(v.words[j]) && !(v.toks[j].kind === 'abbrev')) return -1;
  }
  return -1;
}

/** The speaker of a turn: a person's mention, or a name in capitals met in several turns or named elsewhere. */
function turnSpeaker(ctx: Ctx, k: number, colon: number): SpeakerRef | null {
  const { v } = ctx;
  const m = mentionIn(ctx, k, colon);
  for (const x of ctx.mentions) if (x.start >= v.toks[k].start && x.end <= v.toks[colon - 1].end && (x.type === 'LOC' || x.type === 'MISC')) return null;
  if (!m && !v.words.slice(k, colon).every((w) => /^[\p{Lu}\p{P}]+$/u.test(w))) return null;
  if (m && m.type !== 'PER') return null;
  if (m) return ref(ctx, m, 'turn-name');
  // "SMITH:" in capitals: a person named elsewhere in the document, or a speaker of several turns
  const key = v.keys[colon - 1];
  if (!ctx.mentions.some((x) => x.type === 'PER' && x.text.toLowerCase().split(/\s+/u).pop() === key) && turnCount(ctx, key) < 2) return null;
  return phrase(ctx, k, colon, 'turn-capitals');
}

/**
 * "Police: Two Men Arrested After Shooting", "Trump Campaign: …": a headline opening on who says
 * it — a person, an organisation or a group, or words ending in a speaker noun.
 */
function headlineSpeaker(ctx: Ctx, k: number, colon: number): SpeakerRef | null {
  const m = mentionIn(ctx, k, colon);
  if (m) return ref(ctx, m, 'headline-name');
  return ctx.c.speakerNouns.has(ctx.v.keys[colon - 1]) ? phrase(ctx, k, colon, 'headline-description') : null;
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
export function bareQuote(ctx: Ctx, s: number): void {
  const { v } = ctx;
  const a = v.sentFirst[s];
  // (two apostrophes stand for a double quote in some wires)
  if (!OPEN.has(v.words[a]) && !(v.words[a] === "'" && v.words[a + 1] === "'")) return;
  const q = ctx.marks.at(v.toks[a].start);
  if (!q) return;
  const text = v.text.slice(q.cs, q.ce);
  if (text.split(/\s+/u).length < 4) return;
  if (closesOnOwnCue(ctx, s, q.ce, q.closeEnd)) return;
  const dash = dashedName(ctx, q);
  if (dash === false) return;
  const prev = ctx.out.length ? ctx.out[ctx.out.length - 1] : null;
  const near = prev && s - prev.sentence <= 2 ? prev : null;
  // "“A,” she said. “B.”" in one paragraph: B continues the same statement
  if (!dash && near && near.kind === 'direct' && near.cue && near.content.end < q.cs && !hasBreak(v.text, near.content.end, q.open)) {
    near.content = { start: near.content.start, end: q.ce };
    near.rules.push('quotation-continues');
    return;
  }
  const d = newDraft('direct', s, dash?.span ?? null, dash ? v.text.slice(dash.span.start, dash.span.end) : null, dash ? 'quotation-dash-name' : 'bare-quotation');
  d.content = { start: q.cs, end: q.ce };
  d.speaker = dash?.speaker ?? null;
  if (!dash && (near?.kind === 'direct' || near?.kind === 'indirect')) {
    // "«A», a dit X. Le maire Y a lui aussi réagi. «B.»": a person introduced in between speaks
    const between = near.sentence < s - 1 ? sentenceSubject(ctx, s - 1, null) : null;
    const introduced = between?.mention && (between.mention.type === 'PER' || between.mention.type === 'ORG') && between.mention !== near.speaker?.mention;
    d.speaker = introduced ? between : near.speaker;
    if (d.speaker) d.rules.push(introduced ? 'introduced-speaker' : 'previous-speaker');
  }
  ctx.out.push(d);
}

/** A quotation that closes in a later sentence with its own cue is that sentence's content. */
function closesOnOwnCue(ctx: Ctx, s: number, ce: number, closeEnd: number): boolean {
  const { v } = ctx;
  if (ce <= v.sentences[s].end) return false;
  const last = sentenceOfChar(ctx, ce);
  const from = tokAtOrAfter(ctx, closeEnd);
  for (let j = from; j < Math.min(v.sentEnd[last], from + 8); j++) if (cueOf(ctx, j, v.sentEnd[last])) return true;
  return false;
}

/**
 * What follows the quotation: only punctuation (null), or a dash and a name ("“…” — Jane Doe");
 * false when other words follow.
 */
function dashedName(ctx: Ctx, q: { cs: number; ce: number; closeEnd: number }): { speaker: SpeakerRef; span: { start: number; end: number } } | null | false {
  const { v } = ctx;
  const after = tokAtOrAfter(ctx, q.closeEnd);
  let bq = v.sentEnd[sentenceOfChar(ctx, Math.max(q.cs, q.ce - 1))];
  // "“…”― Name." may have been cut into a sentence of its own
  if (after >= bq && after < v.toks.length && DASHES.has(v.words[after]) && !v.newlineBefore[after]) bq = v.sentEnd[v.sent[after]];
  for (let j = after; j < bq; j++) {
    if (DASHES.has(v.words[j]) && j + 1 < bq) {
      const m = mentionIn(ctx, j + 1, bq, true);
      let e = bq;
      while (e > j + 1 && PUNCT.test(v.words[e - 1])) e--;
      if (e - (j + 1) <= 6 && e > j + 1) {
        return { speaker: m ? ref(ctx, m, 'dash-name') : phrase(ctx, j + 1, e, 'dash-name'), span: spanOf(ctx, j, j + 1) };
      }
      return null;
    }
    if (!PUNCT.test(v.words[j])) return false;
  }
  return null;
}
