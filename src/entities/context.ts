// The words around a capitalised run that tell what it names: a title or head before it
// ("général de Gaulle", "canton de Vaud", "l'agence Reuters"), a place preposition ("à X"), a
// day of the month after it (a dateline), a cue verb or a role after a sentence-initial word.
import { cueAt, type CueRules } from '../quotes/cues.js';
import { placeRank } from './places.js';
import { roleAfterQuick } from './roles.js';
import type { EntityRules, Gender } from './rules.js';
import { adjacent, firstName, isAllCaps, LOWER, UPPER } from './shape.js';
import type { TokenView } from './view.js';

/**
 * The head word before a name when it belongs to the mention: "canton de Vaud", "agence Reuters"
 * (heads: the place heads or the organisation heads); the first token of the mention.
 */
export function headBefore(v: TokenView, r: EntityRules, s: number, heads: Set<string>): number {
  if (s >= 2 && r.headOf.has(v.keys[s - 1]) && heads.has(v.keys[s - 2]) && LOWER.test(v.words[s - 2]) && adjacent(v, s - 1)) return s - 2;
  // "le ministère de la Défense": an organisation head written in lower case, "de" and an article
  if (s >= 3 && heads === r.orgHeads && r.complementArticles.has(v.keys[s - 1]) && r.headOf.has(v.keys[s - 2]) && r.orgHeadsLower.has(v.keys[s - 3]) && LOWER.test(v.words[s - 3])
    && adjacent(v, s - 2) && adjacent(v, s - 1)) return s - 3;
  const loc = heads === r.locHeadsBefore;
  // "rue des Écoles", "quai du Rhône": a street head and its complement word
  if (s >= 2 && loc && r.complementWords.has(v.keys[s - 1]) && r.streetHeads.has(v.keys[s - 2]) && LOWER.test(v.words[s - 2]) && adjacent(v, s - 1)) return s - 2;
  // "mer Noire", "avenue Foch", "îles Féroé": a place head written right before the name
  if (s >= 1 && loc && r.locHeadsDirect.has(v.keys[s - 1]) && LOWER.test(v.words[s - 1]) && adjacent(v, s)) return s - 1;
  // "la firme Chevron": a lower-case organisation head right before the name
  if (s >= 1 && heads === r.orgHeads && heads.has(v.keys[s - 1]) && LOWER.test(v.words[s - 1]) && adjacent(v, s)) return s - 1;
  return s;
}

export interface TitleBefore {
  first: number;
  kind: 'PER' | 'ORG' | 'LOC';
  title: string | null;
  gender: Gender;
  descriptor?: boolean;
  rule: string;
}

/** Titles, descriptors and heads written before a capitalised run that belong to its mention. */
export function titleBefore(v: TokenView, r: EntityRules, i: number): TitleBefore | null {
  let p = i - 1;
  // "prés. A. Rey", "dir. M. Favre": an abbreviated title with its full stop
  if (p >= 1 && v.words[p] === '.' && v.toks[p].start === v.toks[p - 1].end && r.titleAbbreviations.has(v.keys[p - 1]) && !v.newlineBefore[i]) {
    return { first: p - 1, kind: 'PER', title: v.text.slice(v.toks[p - 1].start, v.toks[p].end), gender: 'x', rule: 'title-abbreviation' };
  }
  if (p < 0 || !adjacent(v, i)) return null;
  // "général de Gaulle", "M. de Gaulle": a name particle between title and name
  let particle = false;
  if (r.titleParticles.has(v.keys[p]) && p >= 1) {
    particle = true;
    p--;
  }
  const loc = headBefore(v, r, i, r.locHeadsBefore);
  if (loc < i) return { first: loc, kind: 'LOC', title: null, gender: 'x', rule: 'place-head-before' };
  const org = headBefore(v, r, i, r.orgHeads);
  if (org < i && !particle) return { first: org, kind: 'ORG', title: null, gender: 'x', rule: 'org-head-before' };
  // "le maire de Dinan", "l'évêque de Lyon": a title of a known place, not a person's name ("le comte de X" is one)
  if (particle && !r.nobleTitles.has(v.keys[p]) && placeRank(v.words[i]) > 0) return null;
  const t = titleWords(v, r, p, particle);
  if (!t) return null;
  let first = t.first;
  const title = v.text.slice(v.toks[first].start, v.toks[p].end);
  // "M. le président X": an honorific and an article before the title
  let g: Gender = r.femaleRoles.has(v.keys[first]) ? 'f' : 'x';
  if (first >= 2 && r.determiners.has(v.keys[first - 1]) && r.honorifics.has(v.words[first - 2])) {
    first -= 2;
    g = r.honorifics.get(v.words[first]) ?? g;
  } else if (first >= 1 && r.honorifics.has(v.words[first - 1]) && first - 1 !== p) {
    first -= 1;
    g = r.honorifics.get(v.words[first]) ?? g;
  }
  return { first, kind: 'PER', title: r.honorifics.has(v.words[first]) && title === v.words[first] ? null : title, gender: g, descriptor: t.descriptor, rule: t.rule };
}

/** The title (or descriptor) ending at token p, with the titles and modifier stacked before it. */
function titleWords(v: TokenView, r: EntityRules, p: number, particle: boolean): { first: number; descriptor: boolean; rule: string } | null {
  let first = -1;
  let descriptor = false;
  let rule = 'title-before';
  const two = p >= 1 && adjacent(v, p) ? v.keys[p - 1] + ' ' + v.keys[p] : '';
  if (two && r.preNameTitles.has(two)) first = p - 1;
  else if (r.preNameTitles.has(v.keys[p]) && !UPPER.test(v.words[p])) first = p;
  else if (r.honorifics.has(v.words[p])) first = p;
  else if ((first = titleAcrossAdjectives(v, r, p)) >= 0) {
    // "le président français X", "le juge cantonal X"
    rule = 'title-adjectives-before';
  } else if (r.descriptorBeforeName && !particle && p >= 1 && r.determiners.has(v.keys[p - 1]) && v.toks[p].kind === 'word' && /^\p{Ll}{3,}$/u.test(v.words[p]) && !r.nonEntities.has(v.keys[p]) && !r.particles.has(v.keys[p]) && !r.locHeadsBefore.has(v.keys[p])) {
    // "le jeune X", "le rappeur X", "l'accusé X": a descriptor between the article and the name
    first = p;
    descriptor = !r.roleHeads.has(v.keys[p]) && !r.preNameTitles.has(v.keys[p]);
    rule = 'descriptor-before';
  }
  if (first < 0) return null;
  // "l'empereur don Pedro", "le lieutenant-général prince X": titles stacked before the name
  while (!descriptor && first >= 1 && adjacent(v, first) && r.preNameTitles.has(v.keys[first - 1]) && !UPPER.test(v.words[first - 1])) first--;
  // "l'ancien juge X", "le fameux comte de X": a modifier before the title
  if (!descriptor && first >= 1 && r.preModifiers.has(v.keys[first - 1]) && adjacent(v, first)) first--;
  return { first, descriptor, rule };
}

/** A title followed by one or two lower-case adjectives ending at token p; the title's first token or -1. */
function titleAcrossAdjectives(v: TokenView, r: EntityRules, p: number): number {
  let q = p;
  let adj = 0;
  while (adj < 2 && q >= 1 && adjacent(v, q) && v.toks[q].kind === 'word' && LOWER.test(v.words[q]) && r.adjectiveSuffix.test(v.keys[q]) && !r.nonEntities.has(v.keys[q]) && !r.preNameTitles.has(v.keys[q])) {
    q--;
    adj++;
  }
  if (adj === 0 || UPPER.test(v.words[q])) return -1;
  if (q >= 1 && adjacent(v, q) && r.preNameTitles.has(v.keys[q - 1] + ' ' + v.keys[q])) return q - 1;
  return r.preNameTitles.has(v.keys[q]) ? q : -1;
}

/** "à Kaboul", "in Kabul", "la province de Badghis", "près de Mossoul". */
export function locContext(v: TokenView, r: EntityRules, s: number): boolean {
  if (s === 0) return false;
  const p = v.keys[s - 1];
  if (r.locPrepSingle.has(p)) return true;
  if (r.locOf.has(p) && s >= 2 && r.locHeadsBefore.has(v.keys[s - 2])) return true;
  return r.locHeadsBefore.has(p) && !UPPER.test(v.words[s - 1]);
}

/** "…, 21 août", "… 3 juin": a day of the month right after token e-1 (a dateline). */
export function datelineAfter(v: TokenView, r: EntityRules, e: number): boolean {
  let k = e;
  if (k < v.toks.length && v.words[k] === ',') k++;
  if (k + 1 >= v.toks.length || !/^\d{1,2}$/u.test(v.words[k])) return false;
  const m = v.keys[k + 1];
  // old prints: a long s read as f ("Auguft")
  return r.months.has(m) || r.months.has(m.replace(/f/gu, 's'));
}

/**
 * "Liestal, 7 (ATS)", "NAIROBI, 7 juillet 2021 (AFP)", "Berne, 3 mai (Reuter)": the word alone in
 * brackets [s, e) right after the date of a dateline (a place, a comma, a day, a month or a year).
 */
export function datelineAgency(v: TokenView, r: EntityRules, s: number, e: number): boolean {
  if (s < 4 || e >= v.toks.length || v.words[s - 1] !== '(' || v.words[e] !== ')') return false;
  let k = s - 2;
  let date = 0;
  while (k >= 0 && s - k <= 6 && (/^\d{1,4}$/u.test(v.words[k]) || r.months.has(v.keys[k]))) {
    k--;
    date++;
  }
  return date > 0 && k >= 1 && v.words[k] === ',' && UPPER.test(v.words[k - 1]);
}

/** Evidence that a sentence-initial word is a name: a title, a cue verb or a first name. */
export function initialEvidence(v: TokenView, r: EntityRules, c: CueRules, s: number, e: number): boolean {
  if (firstName(r, v.words[s]) || r.demonyms.has(v.keys[s])) return true;
  if (placeRank(v.words[s]) === 2) return true;
  if (e < v.toks.length && v.words[e] === ',' && roleAfterQuick(v, r, e)) return true;
  if (placeRank(v.words[s]) === 0 && bracketTag(v, e)) return true;
  if (datelineAfter(v, r, e)) return true;
  return e < v.toks.length && cueAt(v.keys, e, c, Math.min(v.toks.length, e + 4)) !== null;
}

/** A hyphen inside the run [s, e) between two known places (the whole being none); its token and offset. */
export function placePair(v: TokenView, s: number, e: number): { k: number; at: number } | null {
  for (let k = s; k < e; k++) {
    const w = v.words[k];
    const h = w.indexOf('-');
    if (h <= 0 || h !== w.lastIndexOf('-') || !UPPER.test(w.slice(h + 1))) continue;
    const at = v.toks[k].start + h;
    const from = v.toks[s].start;
    const to = v.toks[e - 1].end;
    if (placeRank(v.text.slice(from, to)) > 0) return null;
    if (isAllCaps(w)) return null;
    const left = placeRank(v.text.slice(from, at));
    const right = placeRank(v.text.slice(at + 1, to));
    if (left > 0 && right > 0 && left + right >= 3) return { k, at };
    return null;
  }
  return null;
}

/**
 * "Dupont (Vaud)", "Moreau (Fr)", "Rey (Be, 8 s)": a party or canton initial, a country code or
 * a known place in brackets after a name, as politicians and athletes are named.
 */
export function bracketTag(v: TokenView, e: number): boolean {
  const n = v.toks.length;
  if (e + 2 >= n || v.words[e] !== '(') return false;
  let x = e + 1;
  while (x < n && x - e < 5 && v.words[x] !== ')') x++;
  const inner = v.words.slice(e + 1, x);
  if (v.words[x] !== ')' || !inner.length) return false;
  if ((inner.length === 1 || inner[1] === ',') && /^\p{Lu}\p{Ll}{0,2}\.?$/u.test(inner[0])) return true;
  return placeRank(inner.join(' ')) > 0;
}
