// How far an organisation's name runs: over lower-case adjectives and complements after its
// head ("Conseil fédéral", "Union des producteurs suisses de lait"), up to its acronym in
// brackets ("Front uni de libération (FUL)").
import { cueAt, type CueRules } from '../quotes/cues.js';
import type { EntityRules } from './rules.js';
import { adjacent, isAllCaps, LOWER, PUNCT } from './shape.js';
import type { TokenView } from './view.js';

/** After an organisation head ending at e: lower-case adjectives and up to three "de …" complements; the new end. */
export function orgTail(v: TokenView, r: EntityRules, c: CueRules, e: number): number {
  let k = adjectivesAfter(v, r, c, e, 3);
  // up to three complements, each with its adjectives: "Union des entreprises suisses de transport",
  // "Caisse d'épargne et de prêts", "Conseil de l'École polytechnique de Zurich"
  for (let rep = 0; rep < 3; rep++) {
    const j = complementAt(v, r, c, k, rep > 0);
    if (j < 0) break;
    k = adjectivesAfter(v, r, c, j + 1, 2);
  }
  return k;
}

/** Up to `max` lower-case adjectives from token k ("fédéral", "suisses"); the token after them. */
function adjectivesAfter(v: TokenView, r: EntityRules, c: CueRules, k: number, max: number): number {
  const n = v.toks.length;
  let adj = 0;
  while (adj < max && k < n && adjacent(v, k) && v.toks[k].kind === 'word' && LOWER.test(v.words[k]) && r.adjectiveSuffix.test(v.keys[k])
    && !r.nonEntities.has(v.keys[k]) && !cueAt(v.keys, k, c, Math.min(n, k + 3))) {
    k++;
    adj++;
  }
  return k;
}

/**
 * A complement from token k ("de transport", "des producteurs", "de l'École", "et de prêts"
 * when `coordinated`): the token of its noun, or -1 when none starts there.
 */
function complementAt(v: TokenView, r: EntityRules, c: CueRules, k: number, coordinated: boolean): number {
  const n = v.toks.length;
  const of = (x: number): boolean => x + 1 < n && r.complementWords.has(v.keys[x]) && adjacent(v, x) && adjacent(v, x + 1);
  let p = k;
  if (coordinated && r.coordinators.has(v.keys[p]) && of(p + 1) && adjacent(v, p)) p++;
  if (!of(p)) return -1;
  let j = p + 1;
  if (r.complementArticles.has(v.keys[j]) && j + 1 < n && adjacent(v, j + 1)) j++;
  const w = v.words[j];
  if (v.toks[j].kind !== 'word' || !/^\p{L}{3,}/u.test(w) || r.nonEntities.has(v.keys[j]) || cueAt(v.keys, j, c, Math.min(n, j + 3))) return -1;
  // an infinitive ends the name: "autorisé l'Action nationale de modifier"
  if (LOWER.test(w) && r.infinitive.test(v.keys[j])) return -1;
  return j;
}

/**
 * "Front uni de libération (FUL)": an acronym in brackets within seven tokens after e, with no
 * punctuation before it; the token of the opening bracket, or -1.
 */
export function acronymAhead(v: TokenView, e: number): number {
  const n = v.toks.length;
  for (let k = e; k < Math.min(n, e + 7); k++) {
    if (v.words[k] === '(' && k + 2 < n && isAllCaps(v.words[k + 1]) && v.words[k + 2] === ')') return k;
    if (PUNCT.test(v.words[k]) && v.words[k] !== "'" && v.words[k] !== '’') return -1;
  }
  return -1;
}
