// Refiners run once every mention of a document is drafted: names listed together share their
// type ("Roosevelt et Churchill"), an acronym defined in brackets stands for its long form,
// shorter forms ("M. Keita", "Keita") stand for the fullest mention of the same person, and
// "le ministre" for the minister named before. Each writes its name into the drafts it changes.
import { lowerBound, lowerBoundBy } from '../bisect.js';
import { because, newDraft, type Draft } from './draft.js';
import type { EntityRules } from './rules.js';
import { isAllCaps, UPPER } from './shape.js';
import type { TokenView } from './view.js';

/**
 * Names listed together share their type: "Roosevelt et Churchill", "MM. Bertoni, Micheli et
 * Tissières" — an untyped name next to a person (or after a plural honorific) is a person.
 */
export function coordinate(v: TokenView, r: EntityRules, drafts: Draft[]): void {
  const linked = (a: Draft, b: Draft): boolean => {
    if (b.first <= a.last - 1) return false;
    for (let k = a.last; k < b.first; k++) if (v.words[k] !== ',' && !r.coordinators.has(v.keys[k])) return false;
    return b.first - a.last <= 2 && b.first > a.last;
  };
  // a long list ("A, B, C et Marc D") passes the type along until nothing changes
  for (let pass = 0, changed = true; changed && pass < 12; pass++) {
    changed = false;
    for (let d = 0; d + 1 < drafts.length; d++) {
      const a = drafts[d];
      const b = drafts[d + 1];
      if (!linked(a, b)) continue;
      const before = a.type + b.type + a.strong + b.strong;
      if (a.type === 'PER' && a.strong && !b.strong && b.type !== 'PER') listedPerson(b);
      else if (b.type === 'PER' && b.strong && !a.strong && a.type !== 'PER') listedPerson(a);
      if (a.type === 'PER' && !b.strong && b.type !== 'PER' && a.gender === 'p') listedPerson(b);
      if (a.gender === 'p') b.gender = 'p';
      // a name made a person by its neighbour passes it on
      if (a.type === 'PER' && b.type === 'PER' && (a.strong || b.strong)) a.strong = b.strong = true;
      if (before !== a.type + b.type + a.strong + b.strong) changed = true;
    }
  }
}

function listedPerson(d: Draft): void {
  d.type = 'PER';
  because(d, 'listed-with-person');
}

function nameKeys(v: TokenView, d: Draft): string[] {
  const out: string[] = [];
  for (let k = d.nameFirst; k < d.last; k++) if (UPPER.test(v.words[k]) || v.words[k].includes('-')) out.push(v.keys[k]);
  return out;
}

/**
 * The same lists of name keys, one array for each distinct list: the full names are kept while
 * the document's mentions are aliased, and a name written fifty thousand times made as many
 * arrays. The lists are read, never changed.
 */
function nameKeysShared(): (v: TokenView, d: Draft) => string[] {
  const lists = new Map<string, string[]>();
  return (v, d) => {
    const ks = nameKeys(v, d);
    const id = ks.join('\u0000');
    const hit = lists.get(id);
    if (hit) return hit;
    lists.set(id, ks);
    return ks;
  };
}

/**
 * "Front de libération (FDL)": an acronym in brackets right after an organisation stands for
 * it, and so do its later one-word uses ("le FDL a démenti"), which become organisations.
 */
export function acronymAliases(v: TokenView, drafts: Draft[]): void {
  // (the later one-word mentions of an acronym follow its first expansion; once they have, a
  // later expansion of the same acronym finds none left, so each acronym's list is read once)
  let single: Map<string, number[]> | null = null;
  const expanded = new Set<string>();
  for (let d = 0; d + 1 < drafts.length; d++) {
    const a = drafts[d];
    const b = drafts[d + 1];
    if (a.type === 'ORG' && b.last - b.first === 1 && b.first === a.last + 1 && v.words[a.last] === '(' && (isAllCaps(v.words[b.first]) || b.rules[0] === 'acronym-in-brackets')) {
      b.type = 'ORG';
      b.aliasOf = d;
      b.strong = true;
      because(b, 'acronym-defined');
      const key = v.keys[b.first];
      if (expanded.has(key)) continue;
      expanded.add(key);
      single ??= singleWordDrafts(v, drafts);
      const list = single.get(key)!;
      for (let i = lowerBound(list, d + 2); i < list.length; i++) {
        const later = drafts[list[i]];
        if (later.aliasOf >= 0) continue;
        later.aliasOf = d;
        later.type = 'ORG';
        later.strong = true;
        because(later, 'acronym-use');
      }
    }
  }
}

/** The one-token drafts by key, in draft order. */
function singleWordDrafts(v: TokenView, drafts: Draft[]): Map<string, number[]> {
  const single = new Map<string, number[]>();
  for (let x = 0; x < drafts.length; x++) {
    if (drafts[x].last - drafts[x].first !== 1) continue;
    const k = v.keys[drafts[x].first];
    const list = single.get(k);
    if (list) list.push(x);
    else single.set(k, [x]);
  }
  return single;
}

/** "M. Keita", "Keita" → the fullest mention whose name ends with (or contains) the same word. */
export function aliasDrafts(v: TokenView, drafts: Draft[]): void {
  const full: FullName[] = [];
  const isFull = new Uint8Array(drafts.length);
  const keysOf = nameKeysShared();
  for (let d = 0; d < drafts.length; d++) {
    const m = drafts[d];
    if (m.type === 'PER') {
      const ks = keysOf(v, m);
      // a full name, or a surname made a person by its honorific or title ("M. Ador", "le général Dufour")
      if (ks.length >= 2 || ks.length === 1 && m.nameFirst > m.first && !m.nominal) {
        full.push({ d, keys: ks });
        isFull[d] = 1;
      }
    }
  }
  if (!full.length) return;
  const ix = fullNameIndex(full);
  for (let d = 0; d < drafts.length; d++) {
    const m = drafts[d];
    if (m.aliasOf >= 0) continue;
    if (m.type !== 'PER' && m.strong && !m.ctxLoc) continue;
    const ks = nameKeys(v, m);
    if (!ks.length || ks.length >= 2 && m.type === 'PER' && isFull[d]) {
      if (ks.length < 2) continue;
      // the same full name again, or the tail of a longer one ("Ali Keita" after "Moussa Ali Keita")
      const best = sameOrLonger(ix, full, d, ks);
      if (best >= 0) {
        m.aliasOf = best;
        because(m, 'same-full-name');
      }
      continue;
    }
    // the nearest full name with the same last word (or containing the single word), one before
    // the mention preferred to one after it unless the one after is more than 1000 mentions closer
    const list = ks.length === 1 ? ix.containing.get(ks[0]) : ix.byLast.get(ks[ks.length - 1]);
    if (!list) continue;
    const at = lowerBound(list, d);
    const before = at > 0 ? list[at - 1] : -1;
    const after = at < list.length && list[at] === d ? at + 1 : at;
    const next = after < list.length ? list[after] : -1;
    let best = before;
    if (next >= 0 && (before < 0 || next - d + 1000 < d - before)) best = next;
    if (best >= 0) {
      m.aliasOf = best;
      m.type = 'PER';
      because(m, 'surname-of-full-name');
    }
  }
}

interface FullName {
  d: number;
  keys: string[];
}

/**
 * The full names of a document indexed three ways, so that aliasing reads a few entries per
 * mention instead of every full name (a name repeated thousands of times made it quadratic):
 * the draft numbers (ascending) by last word, by each word they contain, and by each of their
 * endings (a hash of the last L words, L = 1…length; entries in draft order, those longer than
 * the ending also kept apart).
 */
interface FullNameIndex {
  byLast: Map<string, number[]>;
  containing: Map<string, number[]>;
  endings: Map<string, Ending>;
  /** The entry of each full name's whole key list (null: no keys), by position in `full`. */
  whole: (Ending | null)[];
}

interface Ending {
  all: number[];
  longer: number[];
}

function fullNameIndex(full: FullName[]): FullNameIndex {
  const byLast = new Map<string, number[]>();
  const containing = new Map<string, number[]>();
  const endings = new Map<string, Ending>();
  const ids = new Map<string, number>();
  const whole: (Ending | null)[] = [];
  const push = (m: Map<string, number[]>, k: string, d: number) => {
    const list = m.get(k);
    if (!list) m.set(k, [d]);
    else if (list[list.length - 1] !== d) list.push(d);
  };
  for (const f of full) {
    const ks = f.keys;
    if (!ks.length) {
      whole.push(null);
      continue;
    }
    push(byLast, ks[ks.length - 1], f.d);
    for (const k of ks) push(containing, k, f.d);
    let h1 = 0;
    let h2 = 0;
    let e: Ending | undefined;
    for (let L = 1; L <= ks.length; L++) {
      let id = ids.get(ks[ks.length - L]);
      if (id === undefined) ids.set(ks[ks.length - L], (id = ids.size + 1));
      [h1, h2] = hashStep(h1, h2, id);
      const key = L + ':' + h1 + ':' + h2;
      e = endings.get(key);
      if (!e) endings.set(key, (e = { all: [], longer: [] }));
      e.all.push(f.d);
      if (ks.length > L) e.longer.push(f.d);
    }
    whole.push(e!);
  }
  return { byLast, containing, endings, whole };
}

/** One step of two polynomial hashes over word numbers, read from the end of a name. */
function hashStep(h1: number, h2: number, id: number): [number, number] {
  return [(h1 * 1000003 + id) % 2147483629, (h2 * 999983 + id) % 2147483587];
}

/**
 * The first full name (in document order) other than d that ends with ks and is longer, or is
 * as long and comes before d. d is itself a full name, so the ending of ks is in the index: the
 * first entry of its list, when before d, is the answer; otherwise every entry is at or after d
 * and the answer is the first longer one other than d. A hash collision (the words differ) falls
 * back to reading every full name.
 */
function sameOrLonger(ix: FullNameIndex, full: FullName[], d: number, ks: string[]): number {
  const f = lowerBoundBy(full, d, (f) => f.d);
  const e = f < full.length && full[f].d === d ? ix.whole[f] : null;
  const fits = (x: number): boolean => {
    const g = full[lowerBoundBy(full, x, (f) => f.d)];
    return !!g && g.d === x && endsWith(g.keys, ks);
  };
  if (e) {
    const first = e.all[0];
    if (first < d) {
      if (fits(first)) return first;
    } else {
      let i = 0;
      while (i < e.longer.length && e.longer[i] === d) i++;
      if (i >= e.longer.length) return -1;
      if (fits(e.longer[i])) return e.longer[i];
    }
  }
  for (const g of full) {
    if (g.d === d) continue;
    if ((g.keys.length > ks.length && endsWith(g.keys, ks)) || (g.d < d && g.keys.length === ks.length && endsWith(g.keys, ks))) return g.d;
  }
  return -1;
}

function endsWith(a: string[], b: string[]): boolean {
  if (b.length > a.length) return false;
  for (let k = 1; k <= b.length; k++) if (a[a.length - k] !== b[b.length - k]) return false;
  return true;
}

/** "le ministre" standing for the person whose role begins with that word. */
export function nominalAliases(v: TokenView, r: EntityRules, drafts: Draft[]): void {
  const withRole = drafts.filter((d) => d.type === 'PER' && d.role && d.aliasOf < 0);
  if (!withRole.length) return;
  const taken = new Uint8Array(v.toks.length);
  for (const d of drafts) for (let k = d.first; k < d.last; k++) taken[k] = 1;
  const ix = roleIndex(r, drafts, withRole);
  const added: Draft[] = [];
  for (let k = 0; k + 1 < v.toks.length; k++) {
    if (taken[k] || taken[k + 1]) continue;
    const det = v.keys[k];
    if (!r.determiners.has(det) || r.possessives.has(det)) continue;
    const head = v.keys[k + 1];
    if (!r.roleHeads.has(head)) continue;
    // not an apposition ("le ministre X", "le ministre, X") nor a description with complements
    const next = k + 2 < v.toks.length ? v.words[k + 2] : '.';
    if (UPPER.test(next) || next === ',' && k + 3 < v.toks.length && UPPER.test(v.words[k + 3])) continue;
    if (!r.nominalDeterminers.has(det)) continue;
    // the last person with that role head among those read before the first one starting at or
    // after k (in draft order): found by halving instead of reading every person each time
    const list = ix.byHead.get(head);
    if (!list) continue;
    const stop = lowerBound(ix.maxFirst, k);
    const at = lowerBound(list, stop) - 1;
    if (at < 0) continue;
    const m = newDraft(k, k + 2, 'PER', null, true, 'nominal-role');
    m.nominal = true;
    m.aliasOf = ix.draftIndex[list[at]];
    added.push(m);
  }
  drafts.push(...added);
}

/**
 * The persons with a role, for nominalAliases: by the first word of the role (its modifier
 * "ancien", "former" dropped), their positions in `withRole` ascending; the running maximum of
 * their first tokens (so "the first one starting at or after k" is found by halving); and each
 * one's index among the drafts.
 */
function roleIndex(r: EntityRules, drafts: Draft[], withRole: Draft[]): { byHead: Map<string, number[]>; maxFirst: number[]; draftIndex: number[] } {
  const byHead = new Map<string, number[]>();
  const maxFirst: number[] = [];
  const draftIndex: number[] = [];
  const where = new Map<Draft, number>();
  for (let x = drafts.length - 1; x >= 0; x--) where.set(drafts[x], x);
  withRole.forEach((d, i) => {
    const words = d.role!.toLowerCase().split(/\s+/u);
    const rk = words.length > 1 && r.roleModifiers.has(words[0]) ? words[1] : words[0];
    const list = byHead.get(rk);
    if (list) list.push(i);
    else byHead.set(rk, [i]);
    maxFirst.push(Math.max(d.first, i > 0 ? maxFirst[i - 1] : -Infinity));
    draftIndex.push(where.get(d)!);
  });
  return { byHead, maxFirst, draftIndex };
}

