// Reported speech. A predicted quote matches a gold quote when its content span covers at least
// half of the gold content (overlap length / GOLD content length >= 0.5, for any acceptable gold
// span). On matched pairs: the speaker (predicted speaker span overlaps a gold speaker span, or
// its text agrees with a gold speaker name), the cue (span overlap, and lemma when the gold gives
// one), the kind, the channel and the addressee.
import {
  type Acc, type Keyed, type PRF, type Span,
  bestCoverOf, matchAll, normText, overlapsAny, prf, tallyAcc, textsAgree,
} from './common.js';

export const CONTENT_MIN_COVER = 0.5;

export interface GoldQuote extends Keyed {
  /** Acceptable spans of the reported words. */
  content: Span[];
  /** Spans naming the speaker (any occurrence of the name or of an alternative). */
  speakerSpans?: Span[] | null;
  /** Names of the speaker (full form, aliases): a predicted speaker text agreeing with one is right. */
  speakerNames?: string[] | null;
  cueSpans?: Span[] | null;
  cueLemma?: string | null;
  /** 'direct' | 'indirect' | 'according_to' | 'not_direct' (indirect or according_to). */
  kind?: string | null;
  channel?: string | null;
  addressee?: string | null;
}

export interface PredQuote extends Keyed {
  content: Span;
  speaker: Span | null;
  /** Texts standing for the predicted speaker (surface form, canonical name of its mention). */
  speakerTexts?: string[];
  cue: Span | null;
  cueLemma?: string | null;
  kind?: string | null;
  channel?: string | null;
  addressee?: string | null;
}

export interface QuoteScores {
  content: PRF;
  speaker: Acc;
  cue: Acc;
  cueLemma: Acc;
  kind: Acc;
  channel: Acc;
  addressee: Acc;
}

export function kindAgrees(gold: string, pred: string | null | undefined): boolean {
  if (gold === 'not_direct') return pred === 'indirect' || pred === 'according_to';
  return gold === pred;
}

export function scoreQuotes(gold: readonly GoldQuote[], pred: readonly PredQuote[]): QuoteScores {
  const m = matchAll(gold, pred, (g, p) => {
    const c = bestCoverOf(g.content, p.content);
    return c >= CONTENT_MIN_COVER ? c : 0;
  });
  const matched = m.goldBest;
  const content = prf(gold.length, pred.length,
    matched.filter((x) => x !== null).length, m.predHit.filter(Boolean).length);
  const onMatched = (f: (g: GoldQuote, p: PredQuote) => boolean | null): Acc =>
    tallyAcc(gold.map((g, i) => {
      const p = matched[i];
      return p ? f(g, p) : null;
    }));
  const speaker = onMatched((g, p) => {
    const hasGold = (g.speakerSpans?.length ?? 0) > 0 || (g.speakerNames?.length ?? 0) > 0;
    if (!hasGold) return null;
    if (overlapsAny(g.speakerSpans, p.speaker)) return true;
    const names = g.speakerNames ?? [];
    return (p.speakerTexts ?? []).some((t) => names.some((n) => textsAgree(n, t)));
  });
  const cue = onMatched((g, p) => ((g.cueSpans?.length ?? 0) > 0 ? overlapsAny(g.cueSpans, p.cue) : null));
  const cueLemma = onMatched((g, p) => (g.cueLemma ? normText(g.cueLemma) === normText(p.cueLemma) : null));
  const kind = onMatched((g, p) => (g.kind ? kindAgrees(g.kind, p.kind) : null));
  const channel = onMatched((g, p) => (g.channel ? textsAgree(g.channel, p.channel) : null));
  const addressee = onMatched((g, p) => (g.addressee ? textsAgree(g.addressee, p.addressee) : null));
  return { content, speaker, cue, cueLemma, kind, channel, addressee };
}
