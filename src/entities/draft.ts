// A mention while the mentions stage builds it: token bounds, type, role and alias, what the
// aliasing needs beyond the output contract, and the names of the rules that made it.
import type { Gender } from './rules.js';
import type { MentionType, Span } from '../types.js';

export interface Draft {
  first: number; // first token (title included)
  last: number; // one past the last token
  nameFirst: number; // first token of the name proper (after honorific / title)
  type: MentionType;
  canonical: string | null;
  role: string | null;
  roleSpan: Span | null;
  gender: Gender;
  strong: boolean; // typed by lexicon or explicit context, not by default
  nominal: boolean; // "le ministre": a description standing for a named mention
  aliasOf: number;
  /** The mention starts inside its first token ("Lausanne" in "Arosa-Lausanne"). */
  startChar?: number;
  /** The mention ends inside its last token ("Cotti-le" written for "Cotti - le"). */
  endChar?: number;
  /** Typed a place only by a preposition before it ("à X"), X being no known place. */
  ctxLoc?: boolean;
  /** The fuller mention this one stands for (set from aliasOf before sorting). */
  target: Draft | null;
  /** Position after sorting (set by toMentions). */
  order: number;
  /** Names of the rules that found, typed, extended or aliased it, in the order they did. */
  rules: string[];
}

/** A draft over tokens [first, last), made by `rule`. */
export function newDraft(first: number, last: number, type: MentionType, canonical: string | null, strong: boolean, rule: string): Draft {
  // every field the later passes set is there from the start: one shape for all drafts, and no
  // property store added to each of them afterwards
  return {
    first, last, nameFirst: first, type, canonical, role: null, roleSpan: null, gender: 'x', strong, nominal: false, aliasOf: -1,
    startChar: undefined, endChar: undefined, ctxLoc: false, target: null, order: -1, rules: [rule],
  };
}

/** Records that `rule` changed the draft (once). */
export function because(d: Draft, rule: string): void {
  if (!d.rules.includes(rule)) d.rules.push(rule);
}
