// Short quotations inside a sentence that no cue introduces: "Le ministre a « condamné fermement
// ces violences »", "X a qualifié l'attaque d'« acte lâche et barbare »". They are the words of
// the sentence's speaker.
import { newDraft, type Ctx, type Draft, type SpeakerRef } from './context.js';
import { sentenceSubject } from './speakers.js';

/** Fewer words than this in quotation marks is a scare quote or a name ("la « sale guerre »"). */
const MIN_WORDS = 3;

/**
 * Refiner 'quoted-fragment': each quotation of at least three words inside sentence s (not
 * opening it), outside the content of every statement, becomes a direct quote of the sentence's
 * speaker: the speaker of one of its statements, else the subject of its main clause when that
 * names a speaker (a person, an organisation, a description headed by a speaker noun). Only in
 * languages whose news prose quotes so (the cue lexicon's 'quotedFragments').
 */
export function quotedFragments(ctx: Ctx, s: number, kept: readonly Draft[]): Draft[] {
  const { v } = ctx;
  const a = v.sentFirst[s];
  const b = v.sentEnd[s];
  const out: Draft[] = [];
  if (!ctx.c.quotedFragments) return out;
  let speaker: SpeakerRef | null | undefined;
  for (const q of ctx.marks.within(v.toks[a].start, v.toks[b - 1].end)) {
    if (q.close < 0 || q.open <= v.toks[a].start) continue;
    const words = v.text.slice(q.cs, q.ce);
    if (words.split(/\s+/u).length < MIN_WORDS || isTitle(words)) continue;
    if (kept.some((d) => d.content.start < q.ce && q.cs < d.content.end) || spokenBefore(ctx, q.cs, q.ce)) continue;
    speaker ??= kept.find((d) => d.speaker)?.speaker ?? sentenceSubject(ctx, s, null);
    if (!speaker) return out;
    const d = newDraft('direct', s, null, null, 'quoted-fragment');
    d.content = { start: q.cs, end: q.ce };
    d.speaker = speaker;
    out.push(d);
  }
  return out;
}

/** "Larry King Now", "Bouclier du Sahel": capitalised words, short ones aside, are a title or a name. */
function isTitle(words: string): boolean {
  return words.replace(/[.,;:!?]+$/u, '').split(/\s+/u).every((w, i) => /^[\p{Lu}\p{N}]/u.test(w) || i > 0 && w.length <= 3);
}

/** The words [cs, ce) are already the content of a statement of an earlier sentence. */
function spokenBefore(ctx: Ctx, cs: number, ce: number): boolean {
  for (let i = ctx.out.length - 1; i >= 0 && i >= ctx.out.length - 4; i--) {
    const c = ctx.out[i].content;
    if (c.start < ce && cs < c.end) return true;
  }
  return false;
}
