// Names the lexicons know, read at a token: organisations known by name and their acronyms,
// countries and historic regions (src/lexicons/shared/organisations.json, regions.json, the
// world-countries package), compiled into a token trie by rules.ts.
import { longestMatch, type Entry, type EntityRules } from './rules.js';
import { UPPER } from './shape.js';
import type { TokenView } from './view.js';

/** The longest lexicon entry at token s, written capitalised (an acronym only as the lexicon writes it). */
export function lexAt(v: TokenView, r: EntityRules, s: number): { len: number; entry: Entry } | null {
  const m = longestMatch(r.names, v.fold, s, v.toks.length);
  if (!m) return null;
  if (m.entry.acronym && !m.entry.written?.includes(v.text.slice(v.toks[s].start, v.toks[s + m.len - 1].end))) return null;
  if (!UPPER.test(v.words[s])) return null;
  return m;
}
