// The drafts of a document as the mentions of the output contract: ids in text order, the text
// and canonical name of each (an alias lends the canonical name and role of the mention it
// stands for), and the names of the rules that made it.
import type { Draft } from './draft.js';
import type { TokenView } from './view.js';
import type { Mention } from '../types.js';

export function toMentions(v: TokenView, drafts: Draft[]): Mention[] {
  const ids = drafts.map((d, k) => {
    d.order = k;
    return `m${k + 1}`;
  });
  const texts = sharedSlices(v.text);
  // a long document repeats a few combinations of rules thousands of times: one list each
  const rulesOf = drafts.length > 4096 ? sharedLists() : (list: string[]) => list;
  const canonicalOf = (d: Draft): string => d.canonical ?? texts(d.startChar ?? v.toks[d.nameFirst].start, d.endChar ?? v.toks[d.last - 1].end);
  return drafts.map((d) => {
    const start = d.startChar ?? v.toks[d.first].start;
    const end = d.endChar ?? v.toks[d.last - 1].end;
    let full = d.target;
    for (let hops = 0; full?.target && hops < 5; hops++) full = full.target;
    const m: Mention = {
      id: ids[d.order],
      start,
      end,
      text: texts(start, end),
      type: d.type,
      canonical: full ? canonicalOf(full) : canonicalOf(d),
      role: full && !d.role ? full.role : d.role,
      rules: rulesOf(d.rules),
    };
    if (d.roleSpan) m.roleSpan = d.roleSpan;
    if (full) m.aliasOf = ids[full.order];
    return m;
  });
}

/**
 * Slices of `text`, one string for each distinct content: the mentions of a document repeat a
 * few names, and their text and canonical name are kept with the annotations (up to
 * MAX_SHARED distinct ones; past that, each slice is its own).
 */
function sharedSlices(text: string): (start: number, end: number) => string {
  const MAX_SHARED = 1 << 16;
  const known = new Map<string, string>();
  return (start, end) => {
    const s = text.slice(start, end);
    const hit = known.get(s);
    if (hit !== undefined) return hit;
    if (known.size < MAX_SHARED) known.set(s, s);
    return s;
  };
}

/** One array for each distinct list of rule names (the lists are read, never changed). */
function sharedLists(): (list: string[]) => string[] {
  const known = new Map<string, string[]>();
  return (list) => {
    const key = list.join('\u0000');
    const hit = known.get(key);
    if (hit) return hit;
    known.set(key, list);
    return list;
  };
}
