// A capitalised run: where a name may start, how far it goes (names, particles between them,
// initials, honorifics written with their full stop), and the function words and numerals
// dropped from its front.
import { lexAt } from './lexicon.js';
import { placeRank } from './places.js';
import type { EntityRules } from './rules.js';
import { adjacent, firstName, honorAt, hyphenCut, isAllCaps, isCap, isInitial, lineBreakHyphen, ROMAN, UPPER } from './shape.js';
import type { TokenView } from './view.js';

/** A name may start at token i: a capitalised word, an honorific before one, or a surname particle ("van Gogh"). */
export function startsName(v: TokenView, r: EntityRules, i: number): boolean {
  if (isCap(v, r, i)) return true;
  const n = v.toks.length;
  const honor = honorAt(v, r, i);
  if (honor && i + honor.len < n && isCap(v, r, i + honor.len)) return true;
  return r.nameStartParticles.has(v.words[i]) && i + 1 < n && isCap(v, r, i + 1) && adjacent(v, i + 1) && !(i > 0 && isCap(v, r, i - 1) && adjacent(v, i));
}

/** One past the last token of the capitalised run starting at i ("J. R. Smith", "Jan van der Berg", "Marine Le Pen"). */
export function readRun(v: TokenView, r: EntityRules, i: number): number {
  const n = v.toks.length;
  const honor = honorAt(v, r, i);
  let e = i + 1;
  // the token right after an initial or an honorific written with its full stop ("J. J. Rey", "Mad. X")
  let afterPrefix = -1;
  if (isInitial(v, i)) afterPrefix = e = i + 2;
  else if (honor && honor.len > 1) afterPrefix = e = i + honor.len;
  while (e < n && !v.newlineBefore[e] && (v.sent[e] === v.sent[i] || e === afterPrefix)) {
    const glued = e === afterPrefix;
    if (isCap(v, r, e) && (adjacent(v, e) || glued)) {
      if (endsRun(v, r, i, e)) break;
      if (isInitial(v, e)) afterPrefix = e += 2;
      else e++;
    } else {
      const step = joinerAt(v, r, e, glued);
      if (!step) break;
      e += step;
    }
  }
  return e;
}

/** The capitalised token e does not continue the run begun at i. */
function endsRun(v: TokenView, r: EntityRules, i: number, e: number): boolean {
  const { keys, words } = v;
  const n = v.toks.length;
  // "Marine Le Pen", "M. Le Troquer": a capitalised article inside a name after a given name or an honorific
  const article = r.determiners.has(keys[e]) && e + 1 < n && isCap(v, r, e + 1) && adjacent(v, e + 1) && !r.nonEntities.has(keys[e + 1])
    && (firstName(r, words[e - 1]) || honorAt(v, r, e - 1) !== null || e >= 2 && honorAt(v, r, e - 2)?.len === 2);
  // a function word, or an honorific after the first token, ends the run
  if (r.nonEntities.has(keys[e]) && !r.particles.has(keys[e]) && !article && !isInitial(v, e)) return true;
  if (r.honorifics.has(words[e]) && e > i && !r.honorifics.has(words[e - 1])) return true;
  // capitals then mixed case ends a headline; "Jean DUPONT" (first name, surname in capitals) stays whole
  if (words[e - 1].length > 1 && words[e].length > 1 && isAllCaps(words[e - 1]) !== isAllCaps(words[e]) && !words[e - 1].endsWith('.')
    && !(firstName(r, words[e - 1]) && isAllCaps(words[e]))) return true;
  if (hyphenCut(v, r, e - 1) >= 0) return true;
  // a word written twice in a row is not one name ("Berne Berne, 15 septembre": a running head
  // and its dateline; OCR repeating a word)
  return keys[e] === keys[e - 1];
}

/**
 * Lower-case or glued tokens that join the parts of a name at token e, and how many they take:
 * particles ("Jan van der Berg"), a line-end hyphen ("Ber- lin"), a regnal number ("Louis XIV"),
 * a capitalised elided article ("Jeanne D'Arc"); 0 when none.
 */
function joinerAt(v: TokenView, r: EntityRules, e: number, glued: boolean): number {
  const { keys, words } = v;
  const n = v.toks.length;
  if (r.particles.has(keys[e]) && e + 1 < n && isCap(v, r, e + 1) && (adjacent(v, e) || glued) && adjacent(v, e + 1) && !r.nonEntities.has(keys[e + 1]) && hyphenCut(v, r, e - 1) < 0) return 2;
  if (lineBreakHyphen(v, r, e)) return 2;
  if (ROMAN.test(words[e]) && firstName(r, words[e - 1]) && adjacent(v, e)) return 1;
  if (v.toks[e].kind === 'clitic' && UPPER.test(words[e]) && e + 1 < n && v.toks[e + 1].start === v.toks[e].end && isCap(v, r, e + 1) && adjacent(v, e)) return 2;
  if (r.particles.has(keys[e]) && e + 2 < n && r.particles.has(keys[e + 1]) && isCap(v, r, e + 2) && adjacent(v, e) && adjacent(v, e + 1) && adjacent(v, e + 2)) return 3;
  return 0;
}

/**
 * The first token of the run [i, e) that may open a name: capitalised function words ("Le",
 * "Selon", "Mercredi") and roman numerals ("chapitre II") are dropped, unless a lexicon entry
 * starts there or a place's name opens with its article ("La Chaux-de-Fonds").
 */
export function trimRun(v: TokenView, r: EntityRules, i: number, e: number): number {
  const { keys } = v;
  let s = i;
  while (s < e && (r.nonEntities.has(keys[s]) || r.particles.has(keys[s])) && !lexAt(v, r, s) && !r.honorifics.has(v.words[s]) && !isInitial(v, s)
    && !(s + 1 < e && r.determiners.has(keys[s]) && UPPER.test(v.words[s]) && placeRank(v.text.slice(v.toks[s].start, v.toks[e - 1].end)) > 0)) s++;
  while (s < e && ROMAN.test(v.words[s]) && !isInitial(v, s)) s++;
  return s;
}
