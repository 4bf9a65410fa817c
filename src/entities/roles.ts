// Roles read in apposition to a name: "le gouverneur de la province, <Name>" (before),
// "<Name>, ancien vice-président du pays," (after), "Republican nominee <Name>"; a role read
// with a possessive ("leur porte-parole") names its owner once the owner is known.
import { lowerBound } from '../bisect.js';
import { cueAt, type CueRules } from '../quotes/cues.js';
import type { Draft } from './draft.js';
import type { EntityRules, Gender } from './rules.js';
import { PUNCT } from './shape.js';
import type { TokenView } from './view.js';
import type { Span } from '../types.js';

export interface RoleFound {
  text: string;
  span: Span;
  gender: Gender;
  possessive: string | null;
  at: number;
}

/** A role head among the tokens [from, to) (its first four), with the gender it gives; null when none. */
function hasRoleHead(v: TokenView, r: EntityRules, from: number, to: number): Gender | null {
  for (let k = from; k < Math.min(to, from + 4); k++) {
    for (let w = r.roleMaxWords; w >= 1; w--) {
      if (k + w > to) continue;
      let key = v.keys[k];
      for (let x = k + 1; x < k + w; x++) key += ' ' + v.keys[x];
      if (r.roleHeads.has(key)) return r.femaleRoles.has(key) ? 'f' : 'x';
    }
  }
  return null;
}

/** A word that can head a noun phrase before "des" ("ministre des Affaires"), not a verb or a preposition. */
function isNounLike(v: TokenView, k: number): boolean {
  return v.toks[k].kind === 'word' && /^\p{Ll}/u.test(v.words[k]);
}

/**
 * "des" after a noun is a preposition and an article ("le ministre des Affaires"), so it does not
 * open the role there.
 */
function complementArticle(v: TokenView, r: EntityRules, c: CueRules, k: number, sentStart: number, end: number): boolean {
  return r.nounComplementArticles.has(v.keys[k]) && k > sentStart && !PUNCT.test(v.words[k - 1]) && !r.determiners.has(v.keys[k - 1])
    && !cueAt(v.keys, k - 1, c, end) && k - 1 > sentStart && !r.honorifics.has(v.words[k - 1]) && isNounLike(v, k - 1);
}

/** "le gouverneur de la province, <Name>" / "Republican nominee <Name>": the role before a name. */
export function roleBefore(v: TokenView, r: EntityRules, c: CueRules, first: number): RoleFound | null {
  if (first < 1) return null;
  const sentStart = v.sentFirst[v.sent[first]];
  const comma = v.words[first - 1] === ',';
  const end = comma ? first - 1 : first; // one past the last role token
  let k = end - 1;
  let start = -1;
  let possessive: string | null = null;
  while (k >= sentStart && end - k <= 12) {
    const key = v.keys[k];
    if (r.determiners.has(key) && !(k > sentStart && r.particles.has(v.keys[k - 1])) && !complementArticle(v, r, c, k, sentStart, end)) {
      start = k + 1;
      possessive = r.possessives.has(key) ? key : null;
      break;
    }
    if (PUNCT.test(v.words[k]) && v.words[k] !== "'" || cueAt(v.keys, k, c, end)) {
      start = k + 1;
      break;
    }
    if (k === sentStart) {
      start = k;
      break;
    }
    k--;
  }
  if (start < 0 || start >= end) return null;
  // without a comma the role must end right before the name and be short ("nominee Mike Pence")
  if (!comma && end - start > 6) return null;
  // a role does not end on a preposition ("gouverneur de <Place>" is not the role of the place)
  if (r.particles.has(v.keys[end - 1]) || v.toks[end - 1].kind === 'clitic') return null;
  const g = hasRoleHead(v, r, start, end);
  if (g === null) return null;
  const span = { start: v.toks[start].start, end: v.toks[end - 1].end };
  return { text: v.text.slice(span.start, span.end), span, gender: g, possessive, at: start };
}

/** "<Name>, ancien vice-président du pays," / "<Name>, the group's chief negotiator". */
export function roleAfter(v: TokenView, r: EntityRules, c: CueRules, e: number): RoleFound | null {
  if (e >= v.toks.length || v.words[e] !== ',') return null;
  const sentEnd = v.sentEnd[v.sent[e]];
  let start = e + 1;
  let possessive: string | null = null;
  if (start < sentEnd && r.determiners.has(v.keys[start])) {
    possessive = r.possessives.has(v.keys[start]) ? v.keys[start] : null;
    start++;
  }
  let k = start;
  while (k < sentEnd && k - start < 12) {
    const w = v.words[k];
    if ((PUNCT.test(w) && w !== "'" && w !== '’' && w !== '-') || c.relatives.has(v.keys[k]) || cueAt(v.keys, k, c, sentEnd)) break;
    k++;
  }
  if (k === start || k - start >= 12) return null;
  const g = hasRoleHead(v, r, start, k);
  if (g === null) return null;
  const span = { start: v.toks[start].start, end: v.toks[k - 1].end };
  return { text: v.text.slice(span.start, span.end), span, gender: g, possessive, at: start };
}

/** "<Name>, spokesman …": a role head within five words after a comma (for a sentence-initial name). */
export function roleAfterQuick(v: TokenView, r: EntityRules, e: number): boolean {
  let k = e + 1;
  if (k < v.toks.length && r.determiners.has(v.keys[k])) k++;
  let end = k;
  while (end < v.toks.length && end - k < 5 && !PUNCT.test(v.words[end])) end++;
  return hasRoleHead(v, r, k, end) !== null;
}

/** "leur négociateur en chef" → "négociateur en chef des <group>" when the group is named before. */
export function resolvePossessive(v: TokenView, r: EntityRules, drafts: Draft[], role: RoleFound): string | null {
  const plural = role.possessive !== null && r.possessives.get(role.possessive) === 'p';
  const tpl = r.possessiveOf[plural ? 'p' : 's'];
  if (!tpl) return null;
  const sent = v.sent[role.at];
  // reading back from the last draft, the first that is an owner of the right kind, unless a
  // draft of an older sentence comes first
  const ix = ownerIndex(v, drafts);
  const d = plural ? ix.lastGroup : ix.lastOrg;
  if (d < 0 || d <= ix.lastBefore(sent - 1)) return null;
  const m = drafts[d];
  const owner = v.text.slice(v.toks[m.first].start, v.toks[m.last - 1].end);
  return role.text + ' ' + tpl.replace('{x}', owner);
}

/**
 * The drafts read so far, for resolvePossessive, which used to read back through a sentence's
 * drafts for every possessive role: the last organisation, the last organisation or group, and
 * the last draft in a sentence before a given one. Drafts are not changed once pushed during
 * the pass, so each is entered once. For the last one, a stack keeps the drafts whose sentence
 * is lower than that of every later draft (sentences rising from bottom to top): the last draft
 * of a sentence below s is the highest entry of the stack below s.
 */
interface OwnerIndex {
  used: number;
  lastOrg: number;
  lastGroup: number;
  stack: number[];
  stackSent: number[];
  lastBefore(s: number): number;
}
const ownerIndexes = new WeakMap<Draft[], OwnerIndex>();

function ownerIndex(v: TokenView, drafts: Draft[]): OwnerIndex {
  let ix = ownerIndexes.get(drafts);
  if (!ix) {
    const stack: number[] = [];
    const stackSent: number[] = [];
    ix = {
      used: 0, lastOrg: -1, lastGroup: -1, stack, stackSent,
      lastBefore(s: number): number {
        const at = lowerBound(stackSent, s) - 1;
        return at >= 0 ? stack[at] : -1;
      },
    };
    ownerIndexes.set(drafts, ix);
  }
  for (; ix.used < drafts.length; ix.used++) {
    const d = ix.used;
    const m = drafts[d];
    if (m.type === 'ORG') ix.lastOrg = d;
    if (m.type === 'ORG' || m.type === 'NORP') ix.lastGroup = d;
    const s = v.sent[m.first];
    while (ix.stackSent.length && ix.stackSent[ix.stackSent.length - 1] >= s) {
      ix.stack.pop();
      ix.stackSent.pop();
    }
    ix.stack.push(d);
    ix.stackSent.push(s);
  }
  return ix;
}
