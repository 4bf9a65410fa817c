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
  const of = (x: number): boolean => x + 1 < n && r.orgComplementWords.has(v.keys[x]) && adjacent(v, x) && adjacent(v, x + 1);
  let p = k;
  if (coordinated && r.coordinators.has(v.keys[p]) && of(p + 1) && adjacent(v, p)) p++;
  if (!of(p)) return -1;
  let j = p + 1;
  if (r.orgComplementArticles.has(v.keys[j]) && j + 1 < n && adjacent(v, j + 1)) j++;
  else if (r.orgComplementsNeedingArticle.has(v.keys[p])) return -1;
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

const ACRONYM = /^\p{Lu}[\p{L}\p{N}&.-]{1,11}$/u;
const UPPERS = /\p{Lu}/gu;

/** The letters an acronym spells, lower case without diacritics ("MINUSMA" → minusma, "Mujao" → mujao, "MoU" → mu); null when it is none. */
function acronymLetters(w: string): string | null {
  if (!ACRONYM.test(w)) return null;
  const folded = foldLetters(w);
  const caps = w.match(UPPERS)?.length ?? 0;
  // mixed case with several capitals ("MoU", "NoC"): the capitals are the letters
  const letters = caps >= 2 && caps < folded.length ? foldLetters((w.match(UPPERS) ?? []).join('')) : folded;
  return letters.length >= 2 ? letters : null;
}

function foldLetters(w: string): string {
  return w.normalize('NFD').replace(/[^\p{L}]/gu, '').toLowerCase();
}

/**
 * The words of tokens [from, to), hyphenated ones in parts, each with whether it may be left out
 * of an acronym: function words, and short lower-case words of another language ("and", "of").
 */
function acronymWords(v: TokenView, r: EntityRules, from: number, to: number): { initial: string; skip: boolean }[] | null {
  const out: { initial: string; skip: boolean }[] = [];
  for (let k = from; k < to; k++) {
    const t = v.toks[k];
    if (t.kind === 'punct' || t.kind === 'symbol') {
      if (v.words[k] === '-') continue;
      return null;
    }
    const key = v.keys[k];
    const skip = t.kind === 'clitic' || r.nonEntities.has(key) || r.particles.has(key) || r.complementWords.has(key) || r.orgComplementWords.has(key)
      || r.determiners.has(key) || r.coordinators.has(key) || key.length <= 3 && LOWER.test(v.words[k]);
    for (const part of v.words[k].split('-')) if (part) out.push({ initial: foldLetters(part), skip });
  }
  return out;
}

/** Content words an acronym may leave out ("Mission multidimensionnelle intégrée des Nations unies …" → Minusma). */
const MAX_LEFT_OUT = 2;

/**
 * Tokens [from, to) spell the acronym: read from the left, each word gives the next letters by
 * its start ("Mission … des Nations unies pour la stabilisation au Mali" → MI-N-U-S-MA), a
 * function word or at most two content words give none, and the first word gives the first.
 */
function spellsAcronym(v: TokenView, r: EntityRules, from: number, to: number, letters: string): boolean {
  const words = acronymWords(v, r, from, to);
  if (!words || !words.length || words.length > 2 * letters.length + 6) return false;
  const m = words.length;
  const p = letters.length;
  // cost[i][j]: the fewest content words left out so that words i… spell letters j…
  const cost: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(p + 1).fill(Infinity));
  cost[m][p] = 0;
  for (let i = m - 1; i >= 0; i--) {
    for (let j = p; j >= 0; j--) {
      let best = cost[i + 1][j] + (words[i].skip ? 0 : 1);
      for (let t = 1; j + t <= p && t <= words[i].initial.length; t++) {
        if (words[i].initial.charCodeAt(t - 1) !== letters.charCodeAt(j + t - 1)) break;
        best = Math.min(best, cost[i + 1][j + t]);
      }
      cost[i][j] = best;
    }
  }
  // the first word must give the first letter
  const first = words[0];
  for (let t = 1; t <= p && t <= first.initial.length; t++) {
    if (first.initial.charCodeAt(t - 1) !== letters.charCodeAt(t - 1)) break;
    if (cost[1][t] <= MAX_LEFT_OUT) return true;
  }
  return false;
}

/**
 * "Mouvement pour l'unicité et le jihad (Mujao)", "Securities and Exchange Commission (SEC)":
 * the words from token s up to an acronym in brackets that they spell; the bracket's token, or -1.
 */
export function definedAcronym(v: TokenView, r: EntityRules, s: number): number {
  const k = nextOpenBracket(v)[s];
  if (k < 0 || k - s >= 24 || k + 2 >= v.toks.length || v.words[k + 2] !== ')' || v.sent[k] !== v.sent[s]) return -1;
  const letters = acronymLetters(v.words[k + 1]);
  // most runs before a bracket do not start with the acronym's first letter: no more to read
  if (!letters || foldLetters(v.words[s].charAt(0)) !== letters.charAt(0)) return -1;
  for (let x = s + 1; x < k; x++) {
    const w = v.words[x];
    if (PUNCT.test(w) && w !== "'" && w !== '’' && w !== '-') return -1;
  }
  return spellsAcronym(v, r, s, k, letters) ? k : -1;
}

/** For each token, the next "(" token after it (-1: none); computed once per document (the last one is kept). */
function nextOpenBracket(v: TokenView): Int32Array {
  if (openOf.view === v) return openOf.next;
  const n = v.toks.length;
  const next = new Int32Array(n);
  let at = -1;
  for (let i = n - 1; i >= 0; i--) {
    next[i] = at;
    if (v.words[i] === '(') at = i;
  }
  openOf = { view: v, next };
  return next;
}

let openOf: { view: TokenView | null; next: Int32Array } = { view: null, next: new Int32Array(0) };
