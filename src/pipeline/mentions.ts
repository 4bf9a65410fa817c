// People, organisations, places and groups named in a dispatch, with their roles and aliases.
//
// One left-to-right pass over the tokens:
//  1. a capitalised run (with name particles: de, al-, bin, van…) or a lexicon entry (known
//     organisations and acronyms, countries, group nouns such as "talibans") is a candidate;
//     capitalised function words, weekdays and months ("Le", "Selon", "Mercredi") are dropped;
//  2. it is typed from the strongest evidence: lexicon entry, honorific or title before it
//     ("M.", "Mr.", "général"), organisation head words ("Ministère", "University"), a role in
//     apposition ("le gouverneur de X, <Name>", "<Name>, the group's chief negotiator"), place
//     context ("à", "in", "province de"), a first name, a cue verb after it ("<Name> a déclaré");
//  3. within the document, shorter forms ("M. Keita", "Keita", "le ministre") are aliased to the
//     fullest mention of the same entity, which lends them its canonical name and role.
// Every rule reads its words from the lexicons (titles, organisations, groups, nonentities,
// entitycues, cues); nothing here names a person, a place or a document.
import { loadLexicon } from '../lexicons/load.js';
import { entityRules, longestMatch, type Entry, type EntityRules, type Gender } from '../entities/rules.js';
import { buildView, type TokenView } from '../entities/view.js';
import { placeRank } from '../entities/places.js';
import { cueAt, cueRules, type CueRules } from '../quotes/cues.js';
import type { Annotations, Lang, Mention, MentionType, ResolvedDocument, Span } from '../types.js';
import { defineStage } from './stage.js';
import { lowerBound, lowerBoundBy } from '../bisect.js';

/** A mention with what the quotes stage and the aliasing need to know beyond the contract. */
interface Draft {
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
}

const UPPER = /^\p{Lu}/u;
const ALLCAPS = /^[\p{Lu}\p{N}.&-]+$/u;
const PUNCT = /^[\p{P}\p{S}]+$/u;
const ROMAN = /^[IVXLC]+$/u;
const QUOTE_OPEN = /^[«“"<‹]$/u;
const QUOTE_CLOSE = /^[»”">›]$/u;

interface Settings {
  defaultSingleType: MentionType;
  possessiveOf: Record<string, string>;
  /** Capitalised words may modify a following noun ("Republican nominee"): then they are no names. */
  capitalisedModifiers: boolean;
}
const settingsCache = new Map<Lang, Settings>();
function settings(lang: Lang): Settings {
  const hit = settingsCache.get(lang);
  if (hit) return hit;
  const l = lang === 'other' ? 'en' : lang;
  const cues = loadLexicon<{ defaultSingleType?: MentionType; capitalisedModifiers?: boolean }>(l, 'entitycues');
  const titles = loadLexicon<{ possessiveOf?: Record<string, string> }>(l, 'titles');
  const s = { defaultSingleType: cues?.defaultSingleType ?? 'MISC', possessiveOf: titles?.possessiveOf ?? {}, capitalisedModifiers: cues?.capitalisedModifiers ?? false };
  settingsCache.set(lang, s);
  return s;
}

function isCap(v: TokenView, r: EntityRules, i: number): boolean {
  const t = v.toks[i];
  if (t.kind !== 'word' && t.kind !== 'abbrev') return false;
  const w = v.words[i];
  if (UPPER.test(w)) return w.length > 1 || v.text[t.end] === '.' || i + 1 < v.toks.length && v.words[i + 1] === '.';
  return r.nameParticle !== null && r.nameParticle.test(w);
}

/** Token i opens its sentence (possibly after an opening quote, bracket or dash). */
function sentenceInitial(v: TokenView, i: number): boolean {
  if (leadingPunctEnd(v, v.sent[i]) >= i) return true;
  // after a colon or an opening quote mark inside the sentence
  const prev = v.words[i - 1];
  // after a quotation that ended its own sentence ("… partir. » Retour en ville")
  if (QUOTE_CLOSE.test(prev) && i >= 2 && /^[.!?…]+$/u.test(v.words[i - 2])) return true;
  if (QUOTE_CLOSE.test(prev) && prev !== '"' || prev === ')' || prev === '(') return v.newlineBefore[i] === 1;
  if (prev === '"' && i >= 2 && v.words[i - 2] === ',') return false;
  return (PUNCT.test(prev) && prev !== ',' && prev !== "'" && prev !== '’' && prev !== '-' && !(prev.length > 1 && prev.endsWith('.'))) || v.newlineBefore[i] === 1;
}

/**
 * The first token of sentence s that is not punctuation (or the sentence end), kept per view:
 * a sentence opening on thousands of brackets would otherwise be read again for every name in it.
 */
const leadEnds = new WeakMap<TokenView, Int32Array>();
function leadingPunctEnd(v: TokenView, s: number): number {
  let ends = leadEnds.get(v);
  if (!ends) leadEnds.set(v, (ends = new Int32Array(v.sentences.length).fill(-1)));
  if (ends[s] < 0) {
    let k = v.sentFirst[s];
    const b = v.sentEnd[s];
    while (k < b && PUNCT.test(v.words[k])) k++;
    ends[s] = k;
  }
  return ends[s];
}

function isAllCaps(w: string): boolean {
  return ALLCAPS.test(w) && /\p{Lu}/u.test(w);
}

export function findMentions(doc: ResolvedDocument, ann: Readonly<Annotations>): Mention[] {
  const v = buildView(doc.text, doc.lang, ann);
  const r = entityRules(doc.lang);
  const c = cueRules(doc.lang);
  const set = settings(doc.lang);
  const n = v.toks.length;
  const drafts: Draft[] = [];
  const keys = v.keys;

  let i = 0;
  while (i < n) {
    // lower-case group nouns and collective actors: "les talibans", "security forces"
    if (!isCap(v, r, i) && v.toks[i].kind === 'word') {
      const g = longestMatch(r.groups, keys, i, Math.min(n, i + 4));
      if (g) {
        drafts.push(plain(i, i + g.len, g.entry.type, g.entry.canonical, true));
        i += g.len;
        continue;
      }
      // "les forces afghanes", "l'armée américaine": a government head and a demonym
      if (r.govHeads.has(keys[i]) && i + 1 < n && r.demonyms.has(keys[i + 1]) && !UPPER.test(v.words[i + 1])) {
        drafts.push(plain(i, i + 2, 'ORG', null, true));
        i += 2;
        continue;
      }
    }
    const honor = honorAt(v, r, i);
    const particleStart = r.nameStartParticles.has(v.words[i]) && i + 1 < n && isCap(v, r, i + 1) && adjacent(v, i + 1) && !(i > 0 && isCap(v, r, i - 1) && adjacent(v, i));
    if (!isCap(v, r, i) && !(honor && i + honor.len < n && isCap(v, r, i + honor.len)) && !particleStart) {
      i++;
      continue;
    }
    // the capitalised run: names, particles between them, initials ("J. R. Smith")
    let e = i + 1;
    // the token right after an initial or an honorific written with its full stop ("J. J. Rey", "Mad. X")
    let afterPrefix = -1;
    if (isInitial(v, i)) afterPrefix = e = i + 2;
    else if (honor && honor.len > 1) afterPrefix = e = i + honor.len;
    while (e < n && !v.newlineBefore[e] && (v.sent[e] === v.sent[i] || e === afterPrefix)) {
      if (isCap(v, r, e) && (adjacent(v, e) || e === afterPrefix)) {
        // a function word, an honorific or a switch from capitals to mixed case ends the run
        // "Marine Le Pen", "M. Le Troquer": a capitalised article inside a name after a given name or an honorific
        const article = r.determiners.has(keys[e]) && e + 1 < n && isCap(v, r, e + 1) && adjacent(v, e + 1) && !r.nonEntities.has(keys[e + 1])
          && (firstName(r, v.words[e - 1]) || honorAt(v, r, e - 1) !== null || e >= 2 && honorAt(v, r, e - 2)?.len === 2);
        if (r.nonEntities.has(keys[e]) && !r.particles.has(keys[e]) && !article && !isInitial(v, e) || r.honorifics.has(v.words[e]) && e > i && !r.honorifics.has(v.words[e - 1])) break;
        // capitals then mixed case ends a headline; "Jean DUPONT" (first name, surname in capitals) stays whole
        if (v.words[e - 1].length > 1 && v.words[e].length > 1 && isAllCaps(v.words[e - 1]) !== isAllCaps(v.words[e]) && !v.words[e - 1].endsWith('.')
          && !(firstName(r, v.words[e - 1]) && isAllCaps(v.words[e]))) break;
        if (hyphenCut(v, r, e - 1) >= 0) break;
        // "Berne Berne, 15 septembre": a heading word repeated by a dateline is two mentions
        if (keys[e] === keys[e - 1]) break;
        if (isInitial(v, e)) afterPrefix = e += 2;
        else e++;
      } else if (r.particles.has(keys[e]) && e + 1 < n && isCap(v, r, e + 1) && (adjacent(v, e) || e === afterPrefix) && adjacent(v, e + 1) && !r.nonEntities.has(keys[e + 1]) && hyphenCut(v, r, e - 1) < 0) e += 2;
      // "Ber- lin", "Lamar- tine": a name broken at a line end by a hyphen
      else if (lineBreakHyphen(v, r, e)) e += 2;
      // "Georges V", "Frédéric III": a regnal number after a given name
      else if (ROMAN.test(v.words[e]) && firstName(r, v.words[e - 1]) && adjacent(v, e)) e++;
      // "Emile L'Eplattenier", "Jeanne D'Arc": a capitalised elided article glued to the next name
      else if (v.toks[e].kind === 'clitic' && UPPER.test(v.words[e]) && e + 1 < n && v.toks[e + 1].start === v.toks[e].end && isCap(v, r, e + 1) && adjacent(v, e)) e += 2;
      else if (r.particles.has(keys[e]) && e + 2 < n && r.particles.has(keys[e + 1]) && isCap(v, r, e + 2) && adjacent(v, e) && adjacent(v, e + 1) && adjacent(v, e + 2)) e += 3;
      else break;
    }
    let s = i;
    // drop capitalised function words in front ("Le", "Selon", "Mercredi") unless a lexicon entry starts there
    // … but a place whose name opens with its article keeps it ("La Chaux-de-Fonds", "Le Locle")
    while (s < e && (r.nonEntities.has(keys[s]) || r.particles.has(keys[s])) && !lexAt(v, r, s) && !r.honorifics.has(v.words[s]) && !isInitial(v, s)
      && !(s + 1 < e && r.determiners.has(keys[s]) && UPPER.test(v.words[s]) && placeRank(v.text.slice(v.toks[s].start, v.toks[e - 1].end)) > 0)) s++;
    // roman numerals alone ("chapitre II") are not names
    while (s < e && ROMAN.test(v.words[s]) && !isInitial(v, s)) s++;
    if (s >= e) {
      i = e;
      continue;
    }
    // "Arosa-Lausanne", "France-Brésil": two places joined by a hyphen (a match, a stage) are two places
    const pair = placePair(v, s, e);
    if (pair) {
      const a = plain(s, pair.k + 1, 'LOC', null, true);
      a.endChar = pair.at;
      const b = plain(pair.k, e, 'LOC', null, true);
      b.startChar = pair.at + 1;
      drafts.push(a, b);
      i = e;
      continue;
    }
    // a lexicon entry (organisation, acronym, country) at s; a place name followed by other
    // capitalised words stands on its own ("Suisse Chirac" in a headline)
    const lex = lexAt(v, r, s);
    if (lex && (s + lex.len >= e || lex.entry.type !== 'PER' || !isCap(v, r, s + lex.len))) {
      let end = s + lex.len;
      if (lex.entry.type === 'ORG' && end < e && !r.orgHeads.has(keys[s])) end = s + lex.len;
      // "Suisse romande", "Amérique méridionale": a region named by a place and a lower-case adjective
      if (lex.entry.type === 'LOC' && end === e && end < n && adjacent(v, end) && r.placeAdjectives.has(keys[end])) end++;
      let from = s;
      if (lex.entry.type === 'LOC') from = headBefore(v, r, s, r.locHeadsBefore);
      if (lex.entry.type === 'ORG') from = headBefore(v, r, s, r.orgHeads);
      const dd = plain(from, end, lex.entry.type, lex.entry.canonical, true);
      dd.nameFirst = s;
      drafts.push(dd);
      i = end;
      continue;
    }
    // a capitalised group noun ("Talibans")
    const grp = longestMatch(r.groups, keys, s, e);
    if (grp && s + grp.len === e) {
      drafts.push(plain(s, e, grp.entry.type, grp.entry.canonical, true));
      i = e;
      continue;
    }
    // a sentence-initial single word: a name only if the document also writes it capitalised
    // elsewhere, or something below types it; an ordinary word if it is also written in lower case
    if (e - s === 1 && sentenceInitial(v, s) && (v.lowerSeen.has(keys[s]) || r.commonSuffix.test(keys[s]) || !v.capSeenMid.has(keys[s]) && !initialEvidence(v, r, c, s, e))) {
      i = e;
      continue;
    }
    // a title between quotation marks («Le Petit Journal»): a work or a newspaper
    if (s > 0 && e < n && QUOTE_OPEN.test(v.words[s - 1]) && QUOTE_CLOSE.test(v.words[e])) {
      drafts.push(plain(s, e, 'MISC', null, true));
      i = e;
      continue;
    }
    // honorifics and titles at the head of the run or just before it
    let first = s;
    let nameFirst = s;
    let gender: Gender = 'x';
    let person = false;
    let title: string | null = null;
    while (nameFirst < e - 1) {
      const h = honorAt(v, r, nameFirst);
      if (h && nameFirst + h.len < e) {
        gender = h.g;
        person = true;
        nameFirst += h.len;
        continue;
      }
      const t2 = nameFirst + 1 < e - 1 ? keys[nameFirst] + ' ' + keys[nameFirst + 1] : '';
      if (t2 && r.preNameTitles.has(t2)) {
        title = v.text.slice(v.toks[nameFirst].start, v.toks[nameFirst + 1].end);
        person = true;
        nameFirst += 2;
        continue;
      }
      if (r.preNameTitles.has(keys[nameFirst])) {
        title = v.words[nameFirst];
        person = true;
        nameFirst++;
        continue;
      }
      break;
    }
    if (r.honorifics.has(v.words[nameFirst]) && nameFirst === e - 1) {
      i = e;
      continue;
    }
    // a lower-case title, descriptor or honorific just before ("général de Gaulle", "le jeune X",
    // "M. le président X", "l'agence Reuters", "le canton de Vaud")
    let kind: 'PER' | 'ORG' | 'LOC' | null = null;
    let kindOverride: MentionType | null = null;
    if (first === i && s === i) {
      let pre = titleBefore(v, r, i);
      // a descriptor before a single word seen once may be an adjective capitalised by OCR ("ami Intime")
      if (pre && pre.kind === 'PER' && pre.descriptor && e - i === 1 && (v.capCount.get(keys[i]) ?? 0) < 2 && !firstName(r, v.words[i])) {
        pre = null;
        kindOverride = placeRank(v.words[i]) === 2 ? null : 'MISC';
      }
      if (pre) {
        first = pre.first;
        kind = pre.kind;
        if (pre.kind === 'PER') {
          person = true;
          title = pre.title;
          if (pre.gender !== 'x') gender = pre.gender;
        }
      }
    }
    if (title && r.femaleRoles.has(title.toLowerCase())) gender = 'f';

    let type: MentionType | null = null;
    let strong = false;
    let ctxLoc = false;
    let canonical: string | null = null;
    const len = e - nameFirst;
    if (isInitial(v, nameFirst)) person = true;
    if (kindOverride && !person) {
      type = kindOverride;
      strong = true;
    } else if (person) {
      type = 'PER';
      strong = true;
    } else if (kind) {
      type = kind;
      strong = true;
    } else if (r.orgHeads.has(keys[s]) || (len > 1 && (r.orgHeads.has(keys[e - 1]) || r.tailHeads.has(keys[e - 1])))) {
      type = 'ORG';
      strong = true;
    } else if (len === 1 && r.demonyms.has(keys[s])) {
      type = 'NORP';
      strong = true;
      canonical = v.words[s];
    } else if (locContext(v, r, s)) {
      type = 'LOC';
      strong = true;
      ctxLoc = placeRank(v.text.slice(v.toks[s].start, v.toks[e - 1].end)) === 0;
      if (len > 1 && firstName(r, v.words[s])) type = 'PER';
    } else if (len > 1 && firstName(r, v.words[s])) {
      type = 'PER';
      strong = true;
    }
    // a well-known place is a place even before a verb ("Kaboul a annoncé" stands for a government)
    const placeKnown = !type && placeRank(v.text.slice(v.toks[s].start, v.toks[e - 1].end)) === 2;
    if (placeKnown) {
      type = 'LOC';
      strong = true;
    }
    // a cue verb after the name: "<Name> a déclaré", "<Name> said"
    if ((!type || type === 'LOC') && !placeKnown) {
      if (e < n && !v.newlineBefore[e] && cueAt(keys, e, c, Math.min(n, e + 5)) && !locContext(v, r, s)) {
        type = 'PER';
        strong = len > 1;
      }
    }
    // "Grande-Russie", "Haute-Saône": a place prefix
    if (!type && len === 1 && r.placePrefix.test(v.words[s])) {
      type = 'LOC';
      strong = true;
    }
    // "les Affaires étrangères": a capitalised common noun inside a noun phrase
    if (!type && len === 1 && s > 0 && r.determiners.has(keys[s - 1]) && !isAllCaps(v.words[s]) && e < n && v.toks[e].kind === 'word' && /^\p{Ll}/u.test(v.words[e]) && !r.nonEntities.has(keys[e]) && !cueAt(keys, e, c, Math.min(n, e + 4))) type = 'MISC';
    // "Vaguement", "Inséparables": a word seen once, capitalised by OCR, with the ending of an ordinary word
    if (!type && len === 1 && r.commonSuffix.test(keys[s]) && (v.capCount.get(keys[s]) ?? 0) < 2 && !firstName(r, v.words[s]) && placeRank(v.words[s]) === 0 && !isAllCaps(v.words[s])) type = 'MISC';
    // "les Helvètes", "entre Juifs et Arabes": a capitalised plural after a plural article is a group
    if (!type && len === 1 && s > 0 && r.pluralMarkers.has(keys[s - 1]) && /[sx]$/u.test(keys[s]) && placeRank(v.words[s]) === 0) type = 'NORP';
    // "la Centrale", "du Carnaval": after an article, a word that is no known place is no place
    if (!type && len === 1 && s > 0 && r.determiners.has(keys[s - 1]) && !r.possessives.has(keys[s - 1]) && !isAllCaps(v.words[s]) && placeRank(v.words[s]) === 0 && !v.capSeenMid.has(keys[s] + '#name')) type = 'MISC';
    // organisations run on over lower-case adjectives and one complement ("Conseil fédéral", "Société des nations")
    if (type === 'ORG' && r.orgHeads.has(keys[s])) e = orgTail(v, r, c, e);
    // "Front uni de libération (FUL)": an organisation's name runs up to its acronym in brackets
    if (type === 'ORG' || !type && r.orgHeads.has(keys[s])) {
      for (let k = e; k < Math.min(n, e + 7); k++) {
        if (v.words[k] === '(' && k + 2 < n && isAllCaps(v.words[k + 1]) && v.words[k + 2] === ')') {
          e = k;
          type = 'ORG';
          strong = true;
          break;
        }
        if (PUNCT.test(v.words[k]) && v.words[k] !== "'" && v.words[k] !== '’') break;
      }
    }
    const cut = hyphenCut(v, r, e - 1);
    // "Dupont (Vaud)", "Moreau (Fr)": a name followed by its canton, party or country in brackets
    if (!type && placeRank(v.words[s]) === 0 && (bracketTag(v, e) || rankedItem(v, s, e))) type = 'PER';
    // a dateline: "Rastadt, 21 août." — a name before a day of the month
    if (!type && len === 1 && datelineAfter(v, r, e)) {
      type = 'LOC';
      strong = true;
    }
    if (!type) {
      const rank = placeRank(v.text.slice(v.toks[s].start, cut >= 0 ? cut : v.toks[e - 1].end));
      if (rank === 2 || rank === 1 && len > 1) {
        type = 'LOC';
        strong = rank === 2;
      }
    }
    // "Tour d'Italie", "Presse de Vienne": a capitalised common head and a well-known place; only the place is a name
    if (!type && len > 2 && first === s && nameFirst === s && !firstName(r, v.words[s]) && !isAllCaps(v.words[s])) {
      for (let k = s + 1; k < e - 1; k++) {
        if (!r.complementWords.has(keys[k])) continue;
        if (k === s + 1 && placeRank(v.text.slice(v.toks[k + 1].start, v.toks[e - 1].end)) === 2) {
          first = nameFirst = k + 1;
          type = 'LOC';
          strong = true;
        }
        break;
      }
    }
    // "FAITS DIVERS", "NOUVELLES ÉTRANGÈRES": a heading in capitals is no name
    if (!type && len > 1) {
      let caps = true;
      let given = false;
      for (let k = nameFirst; k < e; k++) {
        if (!isAllCaps(v.words[k]) && !r.particles.has(keys[k])) caps = false;
        if (firstName(r, v.words[k].charAt(0) + v.words[k].slice(1).toLowerCase())) given = true;
      }
      if (caps && !given) type = 'MISC';
    }
    // "Republican presidential nominee", "Obama administration": a capitalised modifier before a noun
    if (!type && len === 1 && set.capitalisedModifiers && e < n && v.toks[e].kind === 'word' && /^\p{Ll}/u.test(v.words[e]) && adjacent(v, e)
      && !r.nonEntities.has(keys[e]) && !cueAt(keys, e, c, Math.min(n, e + 4)) && !/(?:ed|s)$/u.test(keys[e])) type = 'MISC';
    if (type === 'LOC' && cut < 0 && e < n && adjacent(v, e) && r.placeAdjectives.has(keys[e])) e++;
    const d: Draft = {
      first, last: e, nameFirst, endChar: cut >= 0 ? cut : undefined, type: type ?? (len > 1 ? 'PER' : isAllCaps(v.words[s]) && v.words[s].length <= 6 ? 'ORG' : set.defaultSingleType),
      canonical, role: title, roleSpan: title ? { start: v.toks[first].start, end: v.toks[nameFirst > first ? nameFirst - 1 : first].end } : null,
      gender, strong, nominal: false, aliasOf: -1, ctxLoc, target: null, order: -1,
    };
    if (d.role && d.roleSpan && title) d.roleSpan = spanOfText(v, first, title);
    // roles in apposition
    if (d.type === 'PER' || d.type === set.defaultSingleType || !strong) {
      const role = roleBefore(v, r, c, first) ?? roleAfter(v, r, c, e);
      if (role && !(strong && d.type !== 'PER')) {
        d.type = 'PER';
        d.role = role.text;
        d.roleSpan = role.span;
        d.strong = true;
        if (role.gender !== 'x' && d.gender === 'x') d.gender = role.gender;
        if (role.possessive) d.role = resolvePossessive(v, drafts, role, set) ?? d.role;
      }
    }
    drafts.push(d);
    i = e;
  }

  coordinate(v, r, drafts);
  aliasDrafts(v, r, drafts);
  nominalAliases(v, r, drafts);
  for (const d of drafts) d.target = d.aliasOf >= 0 ? drafts[d.aliasOf] : null;
  drafts.sort((a, b) => a.first - b.first);
  return toMentions(v, drafts);
}

/** A lexicon entry at token s (an acronym only when written in capitals). */
function lexAt(v: TokenView, r: EntityRules, s: number): { len: number; entry: Entry } | null {
  const m = longestMatch(r.names, v.fold, s, v.toks.length);
  if (!m) return null;
  if (m.entry.acronym && !isAllCaps(v.words[s])) return null;
  if (!UPPER.test(v.words[s])) return null;
  return m;
}

/**
 * An honorific at token i and how many tokens it takes: "M.", "Mme", "Mad." (word and full stop),
 * or an abbreviation whose full stop OCR read as another mark ("M, Dupont", "M° Rey").
 */
function honorAt(v: TokenView, r: EntityRules, i: number): { g: Gender; len: number } | null {
  const w = v.words[i];
  const n = v.toks.length;
  let g = r.honorifics.get(w);
  let len = 1;
  const glued = i + 1 < n && v.toks[i + 1].start === v.toks[i].end;
  if (g === undefined && glued && v.words[i + 1] === '.') {
    g = r.honorifics.get(w + '.');
    len = 2;
  } else if (g !== undefined && !w.endsWith('.') && r.honorifics.has(w + '.') && i + 1 < n && r.ocrStops.has(v.words[i + 1]) && !v.newlineBefore[i + 1]) {
    len = 2;
    while (len < 3 && i + len < n && r.ocrStops.has(v.words[i + len])) len++;
  }
  return g === undefined ? null : { g, len };
}

/** A hyphen inside the run [s, e) between two known places (the whole being none); its token and offset. */
function placePair(v: TokenView, s: number, e: number): { k: number; at: number } | null {
  for (let k = s; k < e; k++) {
    const w = v.words[k];
    const h = w.indexOf('-');
    if (h <= 0 || h !== w.lastIndexOf('-') || !/^\p{Lu}/u.test(w.slice(h + 1))) continue;
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

/** Token e is a hyphen glued to the capitalised word before it, then a space and a lower-case word fragment. */
function lineBreakHyphen(v: TokenView, r: EntityRules, e: number): boolean {
  if (e + 1 >= v.toks.length || v.words[e] !== '-' || v.toks[e].start !== v.toks[e - 1].end || v.toks[e + 1].start !== v.toks[e].end + 1) return false;
  if (!UPPER.test(v.words[e - 1]) || v.toks[e + 1].kind !== 'word' || !/^\p{Ll}+$/u.test(v.words[e + 1])) return false;
  return !r.nonEntities.has(v.keys[e + 1]) && !v.newlineBefore[e];
}

/** A single capital letter followed by its full stop: an initial. */
function isInitial(v: TokenView, i: number): boolean {
  return i + 1 < v.toks.length && v.words[i].length === 1 && UPPER.test(v.words[i]) && v.words[i + 1] === '.' && v.toks[i + 1].start === v.toks[i].end;
}

/** "Cotti-le", "Chirac-qui": OCR glued a dash and a lower-case word to a name; the offset of the dash. */
function hyphenCut(v: TokenView, r: EntityRules, i: number): number {
  const w = v.words[i];
  const h = w.lastIndexOf('-');
  if (h <= 0 || h === w.length - 1) return -1;
  const tail = w.slice(h + 1);
  if (!/^\p{Ll}/u.test(tail) || !/^\p{Lu}/u.test(w)) return -1;
  // "Qala-i-Naw", "al-Assad", "Saint-Jean-de-Luz" keep their inner lower-case parts
  if (!r.nonEntities.has(tail.toLowerCase()) && !/['’]/u.test(tail) && !(tail.length > 4 && r.commonSuffix.test(tail))) return -1;
  return v.toks[i].start + h;
}

/** "…, 21 août", "… 3 juin": a day of the month right after token e-1. */
function datelineAfter(v: TokenView, r: EntityRules, e: number): boolean {
  let k = e;
  if (k < v.toks.length && v.words[k] === ',') k++;
  if (k + 1 >= v.toks.length || !/^\d{1,2}$/u.test(v.words[k])) return false;
  const m = v.keys[k + 1];
  return r.months.has(m) || r.months.has(m.replace(/f/gu, 's'));
}

/** Evidence that a sentence-initial word is a name: a title, a cue verb or a first name. */
function initialEvidence(v: TokenView, r: EntityRules, c: CueRules, s: number, e: number): boolean {
  if (firstName(r, v.words[s]) || r.demonyms.has(v.keys[s])) return true;
  if (placeRank(v.words[s]) === 2) return true;
  if (e < v.toks.length && v.words[e] === ',' && roleAfterQuick(v, r, e)) return true;
  if (placeRank(v.words[s]) === 0 && (bracketTag(v, e) || rankedItem(v, s, e))) return true;
  if (datelineAfter(v, r, e)) return true;
  return e < v.toks.length && cueAt(v.keys, e, c, Math.min(v.toks.length, e + 4)) !== null;
}

/**
 * "Dupont (Vaud)", "Moreau (Fr)", "Rey (Esp)": a canton, party or country tag in brackets after
 * the name, as in lists of deputies and results.
 */
function bracketTag(v: TokenView, e: number): boolean {
  const n = v.toks.length;
  if (e + 2 >= n || v.words[e] !== '(') return false;
  let x = e + 1;
  while (x < n && x - e < 5 && v.words[x] !== ')') x++;
  const inner = v.words.slice(e + 1, x);
  if (v.words[x] !== ')' || !inner.length) return false;
  // a party or canton initial, or a short country code ("Rey (Be, 8 s)")
  if ((inner.length === 1 || inner[1] === ',') && /^\p{Lu}\p{Ll}{0,2}\.?$/u.test(inner[0])) return true;
  return placeRank(inner.join(' ')) > 0;
}

/**
 * "12. Keller à 2'24", "3. Rossi m. t.": a name after a rank number in a results list, followed by
 * a time, a gap or the end of the item.
 */
function rankedItem(v: TokenView, s: number, e: number): boolean {
  if (s < 2 || v.words[s - 1] !== '.' || !/^\d{1,3}$/u.test(v.words[s - 2]) || v.toks[s - 1].start !== v.toks[s - 2].end) return false;
  if (e >= v.toks.length) return true;
  const next = v.words[e];
  return /^(?:[.,;(]|\d)/u.test(next) || e + 1 < v.toks.length && /^\d/u.test(v.words[e + 1]) && next.length <= 2;
}

function roleAfterQuick(v: TokenView, r: EntityRules, e: number): boolean {
  let k = e + 1;
  if (k < v.toks.length && r.determiners.has(v.keys[k])) k++;
  let end = k;
  while (end < v.toks.length && end - k < 5 && !PUNCT.test(v.words[end])) end++;
  return hasRoleHead(v, r, k, end) !== null;
}

/** The head word before a name when it belongs to the mention: "canton de Vaud", "agence Reuters". */
function headBefore(v: TokenView, r: EntityRules, s: number, heads: Set<string>): number {
  if (s >= 2 && (v.keys[s - 1] === 'de' || v.keys[s - 1] === "d'" || v.keys[s - 1] === 'of') && heads.has(v.keys[s - 2]) && /^\p{Ll}/u.test(v.words[s - 2]) && adjacent(v, s - 1)) return s - 2;
  // "rue des Écoles", "quai du Rhône": a street head and its complement word
  if (s >= 2 && heads === r.locHeadsBefore && r.complementWords.has(v.keys[s - 1]) && r.streetHeads.has(v.keys[s - 2]) && /^\p{Ll}/u.test(v.words[s - 2]) && adjacent(v, s - 1)) return s - 2;
  // "mer Noire", "avenue Foch", "îles Féroé": a place head written right before the name
  if (s >= 1 && heads === r.locHeadsBefore && r.locHeadsDirect.has(v.keys[s - 1]) && /^\p{Ll}/u.test(v.words[s - 1]) && adjacent(v, s)) return s - 1;
  if (s >= 1 && heads === r.orgHeads && heads.has(v.keys[s - 1]) && /^\p{Ll}/u.test(v.words[s - 1]) && adjacent(v, s)) return s - 1;
  return s;
}

/** Titles, descriptors and heads written before a capitalised run that belong to its mention. */
function titleBefore(v: TokenView, r: EntityRules, i: number): { first: number; kind: 'PER' | 'ORG' | 'LOC'; title: string | null; gender: Gender; descriptor?: boolean } | null {
  let p = i - 1;
  // "prés. A. Rey", "dir. M. Favre": an abbreviated title with its full stop
  if (p >= 1 && v.words[p] === '.' && v.toks[p].start === v.toks[p - 1].end && r.titleAbbreviations.has(v.keys[p - 1]) && !v.newlineBefore[i]) {
    return { first: p - 1, kind: 'PER', title: v.text.slice(v.toks[p - 1].start, v.toks[p].end), gender: 'x' };
  }
  if (p < 0 || !adjacent(v, i)) return null;
  // "général de Gaulle", "M. de Gaulle": a name particle between title and name
  let particle = false;
  if ((v.keys[p] === 'de' || v.keys[p] === "d'" || v.keys[p] === 'van' || v.keys[p] === 'von') && p >= 1) {
    particle = true;
    p--;
  }
  const loc = headBefore(v, r, i, r.locHeadsBefore);
  if (loc < i) return { first: loc, kind: 'LOC', title: null, gender: 'x' };
  const org = headBefore(v, r, i, r.orgHeads);
  if (org < i && !particle) return { first: org, kind: 'ORG', title: null, gender: 'x' };
  // "le maire de Dinan", "l'évêque de Lyon": a title of a known place, not a person's name ("le comte de X" is one)
  if (particle && !r.nobleTitles.has(v.keys[p]) && placeRank(v.words[i]) > 0) return null;
  let first = -1;
  let title: string | null = null;
  let descriptor = false;
  const two = p >= 1 && adjacent(v, p) ? v.keys[p - 1] + ' ' + v.keys[p] : '';
  if (two && r.preNameTitles.has(two)) first = p - 1;
  else if (r.preNameTitles.has(v.keys[p]) && !UPPER.test(v.words[p])) first = p;
  else if (r.honorifics.has(v.words[p])) first = p;
  else if ((first = titleAcrossAdjectives(v, r, p)) >= 0) {
    // "le président français X", "le juge cantonal X"
  } else if (r.descriptorBeforeName && !particle && p >= 1 && r.determiners.has(v.keys[p - 1]) && v.toks[p].kind === 'word' && /^\p{Ll}{3,}$/u.test(v.words[p]) && !r.nonEntities.has(v.keys[p]) && !r.particles.has(v.keys[p]) && !r.locHeadsBefore.has(v.keys[p])) {
    // "le jeune X", "le rappeur X", "l'accusé X": a descriptor between the article and the name
    first = p;
    descriptor = !r.roleHeads.has(v.keys[p]) && !r.preNameTitles.has(v.keys[p]);
  }
  if (first < 0) return null;
  // "l'empereur don Pedro", "le lieutenant-général prince X": titles stacked before the name
  while (!descriptor && first >= 1 && adjacent(v, first) && r.preNameTitles.has(v.keys[first - 1]) && !UPPER.test(v.words[first - 1])) first--;
  // "l'ancien juge X", "le fameux comte de X": a modifier before the title
  if (!descriptor && first >= 1 && r.preModifiers.has(v.keys[first - 1]) && adjacent(v, first)) first--;
  title = v.text.slice(v.toks[first].start, v.toks[p].end);
  // "M. le président X": an honorific and an article before the title
  let g: Gender = r.femaleRoles.has(v.keys[first]) ? 'f' : 'x';
  if (first >= 2 && r.determiners.has(v.keys[first - 1]) && r.honorifics.has(v.words[first - 2])) {
    first -= 2;
    g = r.honorifics.get(v.words[first]) ?? g;
  } else if (first >= 1 && r.honorifics.has(v.words[first - 1]) && first - 1 !== p) {
    first -= 1;
    g = r.honorifics.get(v.words[first]) ?? g;
  }
  if (r.honorifics.has(v.words[first]) && title === v.words[first]) title = null;
  return { first, kind: 'PER', title, gender: g, descriptor };
}

/** A title followed by one or two lower-case adjectives ending at token p; the title's first token or -1. */
function titleAcrossAdjectives(v: TokenView, r: EntityRules, p: number): number {
  let q = p;
  let adj = 0;
  while (adj < 2 && q >= 1 && adjacent(v, q) && v.toks[q].kind === 'word' && /^\p{Ll}/u.test(v.words[q]) && r.adjectiveSuffix.test(v.keys[q]) && !r.nonEntities.has(v.keys[q]) && !r.preNameTitles.has(v.keys[q])) {
    q--;
    adj++;
  }
  if (adj === 0 || /^\p{Lu}/u.test(v.words[q])) return -1;
  if (q >= 1 && adjacent(v, q) && r.preNameTitles.has(v.keys[q - 1] + ' ' + v.keys[q])) return q - 1;
  return r.preNameTitles.has(v.keys[q]) ? q : -1;
}

/** After an organisation head: lower-case adjectives and one "de …" complement. */
function orgTail(v: TokenView, r: EntityRules, c: CueRules, e: number): number {
  const n = v.toks.length;
  const isAdj = (k: number): boolean => k < n && adjacent(v, k) && v.toks[k].kind === 'word' && /^\p{Ll}/u.test(v.words[k]) && r.adjectiveSuffix.test(v.keys[k])
    && !r.nonEntities.has(v.keys[k]) && !cueAt(v.keys, k, c, Math.min(n, k + 3));
  const of = (k: number): boolean => k + 1 < n && r.complementWords.has(v.keys[k]) && adjacent(v, k) && adjacent(v, k + 1);
  let k = e;
  let adj = 0;
  while (adj < 3 && isAdj(k)) {
    k++;
    adj++;
  }
  // up to three complements, each with its adjectives: "Union des entreprises suisses de transport",
  // "Caisse d'épargne et de prêts", "Conseil de l'École polytechnique de Zurich"
  for (let rep = 0; rep < 3; rep++) {
    let p = k;
    if (rep > 0 && r.coordinators.has(v.keys[p]) && of(p + 1) && adjacent(v, p)) p++;
    if (!of(p)) break;
    let j = p + 1;
    if (r.complementArticles.has(v.keys[j]) && j + 1 < n && adjacent(v, j + 1)) j++;
    const w = v.words[j];
    if (v.toks[j].kind !== 'word' || !/^\p{L}{3,}/u.test(w) || r.nonEntities.has(v.keys[j]) || cueAt(v.keys, j, c, Math.min(n, j + 3))) break;
    // an infinitive ends the name: "autorisé l'Action nationale de modifier"
    if (/^\p{Ll}/u.test(w) && r.infinitive.test(v.keys[j])) break;
    k = j + 1;
    adj = 0;
    while (adj < 2 && isAdj(k)) {
      k++;
      adj++;
    }
  }
  return k;
}

function plain(first: number, last: number, type: MentionType, canonical: string | null, strong: boolean): Draft {
  // every field the later passes set is there from the start: one shape for all drafts, and no
  // property store added to each of them afterwards
  return { first, last, nameFirst: first, type, canonical, role: null, roleSpan: null, gender: 'x', strong, nominal: false, aliasOf: -1, startChar: undefined, endChar: undefined, ctxLoc: false, target: null, order: -1 };
}

/** Tokens i-1 and i are separated by spaces only (no punctuation, no line break). */
function adjacent(v: TokenView, i: number): boolean {
  if (v.newlineBefore[i]) return false;
  const prev = v.words[i - 1];
  return !PUNCT.test(prev) || prev.endsWith('.') && prev.length > 1;
}

function spanOfText(v: TokenView, from: number, s: string): Span {
  const start = v.toks[from].start;
  return { start, end: start + s.length };
}

/** "à Kaboul", "in Kabul", "la province de Badghis", "près de Mossoul". */
function locContext(v: TokenView, r: EntityRules, s: number): boolean {
  if (s === 0) return false;
  const p = v.keys[s - 1];
  if (r.locPrepSingle.has(p)) return true;
  if ((p === 'de' || p === "d'" || p === 'of' || p === 'du') && s >= 2 && r.locHeadsBefore.has(v.keys[s - 2])) return true;
  if (r.locHeadsBefore.has(p) && !UPPER.test(v.words[s - 1])) return true;
  return false;
}

interface RoleFound {
  text: string;
  span: Span;
  gender: Gender;
  possessive: string | null;
  at: number;
}

/** A word that can head a noun phrase before "des" ("ministre des Affaires"), not a verb or a preposition. */
function isNounLike(v: TokenView, k: number): boolean {
  return v.toks[k].kind === 'word' && /^\p{Ll}/u.test(v.words[k]);
}

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

/** "le gouverneur de la province, <Name>" / "Republican nominee <Name>": the role before a name. */
function roleBefore(v: TokenView, r: EntityRules, c: CueRules, first: number): RoleFound | null {
  if (first < 1) return null;
  const sentStart = v.sentFirst[v.sent[first]];
  let end = first; // one past the last role token
  const comma = v.words[first - 1] === ',';
  if (comma) end = first - 1;
  let k = end - 1;
  let start = -1;
  let possessive: string | null = null;
  while (k >= sentStart && end - k <= 12) {
    const key = v.keys[k];
    if (r.determiners.has(key) && !(k > sentStart && r.particles.has(v.keys[k - 1])) && !(key === 'des' && k > sentStart && !PUNCT.test(v.words[k - 1]) && !r.determiners.has(v.keys[k - 1]) && !cueAt(v.keys, k - 1, c, end) && k - 1 > sentStart && !r.honorifics.has(v.words[k - 1]) && isNounLike(v, k - 1))) {
      start = k + 1;
      possessive = r.possessives.has(key) ? key : null;
      break;
    }
    if (PUNCT.test(v.words[k]) && v.words[k] !== "'" || cueAt(v.keys, k, c, end) || (!comma && UPPER.test(v.words[k]) && k < end - 1 && false)) {
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
function roleAfter(v: TokenView, r: EntityRules, c: CueRules, e: number): RoleFound | null {
  const n = v.toks.length;
  if (e >= n || v.words[e] !== ',' ) return null;
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

/** "leur négociateur en chef" → "négociateur en chef des <group>" when the group is named before. */
function resolvePossessive(v: TokenView, drafts: Draft[], role: RoleFound, set: Settings): string | null {
  const kind = v.keys[role.at - 1] ? v.keys[role.at - 1] : '';
  void kind;
  const plural = /^(leur|leurs|their)$/u.test(role.possessive ?? '');
  const tpl = set.possessiveOf[plural ? 'p' : 's'];
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

/**
 * Names listed together share their type: "Roosevelt et Churchill", "MM. Bertoni, Micheli et
 * Tissières" — an untyped name next to a person (or after a plural honorific) is a person.
 */
function coordinate(v: TokenView, r: EntityRules, drafts: Draft[]): void {
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
      if (a.type === 'PER' && a.strong && !b.strong && b.type !== 'PER') b.type = 'PER';
      else if (b.type === 'PER' && b.strong && !a.strong && a.type !== 'PER') a.type = 'PER';
      if (a.type === 'PER' && !b.strong && b.type !== 'PER' && a.gender === 'p') b.type = 'PER';
      if (a.gender === 'p') b.gender = 'p';
      // a name made a person by its neighbour passes it on
      if (a.type === 'PER' && b.type === 'PER' && (a.strong || b.strong)) a.strong = b.strong = true;
      if (before !== a.type + b.type + a.strong + b.strong) changed = true;
    }
  }
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

/** "M. Keita", "Keita" → the fullest mention whose name ends with (or contains) the same word. */
function aliasDrafts(v: TokenView, r: EntityRules, drafts: Draft[]): void {
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
  // acronyms in brackets after an organisation: "Front de libération (FDL)"
  // (the later one-word mentions of an acronym follow its first expansion; once they have, a
  // later expansion of the same acronym finds none left, so each acronym's list is read once)
  let single: Map<string, number[]> | null = null;
  const expanded = new Set<string>();
  for (let d = 0; d + 1 < drafts.length; d++) {
    const a = drafts[d];
    const b = drafts[d + 1];
    if (a.type === 'ORG' && b.last - b.first === 1 && b.first === a.last + 1 && v.words[a.last] === '(' && isAllCaps(v.words[b.first])) {
      b.type = 'ORG';
      b.aliasOf = d;
      b.strong = true;
      const key = v.keys[b.first];
      if (expanded.has(key)) continue;
      expanded.add(key);
      if (!single) {
        single = new Map();
        for (let x = 0; x < drafts.length; x++) {
          if (drafts[x].last - drafts[x].first !== 1) continue;
          const k = v.keys[drafts[x].first];
          const list = single.get(k);
          if (list) list.push(x);
          else single.set(k, [x]);
        }
      }
      const list = single.get(key)!;
      for (let i = lowerBound(list, d + 2); i < list.length; i++) if (drafts[list[i]].aliasOf < 0) drafts[list[i]].aliasOf = d;
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
      if (best >= 0) m.aliasOf = best;
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
    }
  }
  void r;
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
function nominalAliases(v: TokenView, r: EntityRules, drafts: Draft[]): void {
  const withRole = drafts.filter((d) => d.type === 'PER' && d.role && d.aliasOf < 0);
  if (!withRole.length) return;
  const taken = new Uint8Array(v.toks.length);
  for (const d of drafts) for (let k = d.first; k < d.last; k++) taken[k] = 1;
  const ix = roleIndex(drafts, withRole);
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
    if (!/^(le|la|l'|the|ce|cette|this)$/u.test(det)) continue;
    // the last person with that role head among those read before the first one starting at or
    // after k (in draft order): found by halving instead of reading every person each time
    const list = ix.byHead.get(head);
    if (!list) continue;
    const stop = lowerBound(ix.maxFirst, k);
    const at = lowerBound(list, stop) - 1;
    if (at < 0) continue;
    const m = plain(k, k + 2, 'PER', null, true);
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
function roleIndex(drafts: Draft[], withRole: Draft[]): { byHead: Map<string, number[]>; maxFirst: number[]; draftIndex: number[] } {
  const byHead = new Map<string, number[]>();
  const maxFirst: number[] = [];
  const draftIndex: number[] = [];
  const where = new Map<Draft, number>();
  for (let x = drafts.length - 1; x >= 0; x--) where.set(drafts[x], x);
  withRole.forEach((d, i) => {
    const rk = d.role!.toLowerCase().replace(/^(ancien|ancienne|former|ex-)\s+/u, '').split(/\s+/u)[0];
    const list = byHead.get(rk);
    if (list) list.push(i);
    else byHead.set(rk, [i]);
    maxFirst.push(Math.max(d.first, i > 0 ? maxFirst[i - 1] : -Infinity));
    draftIndex.push(where.get(d)!);
  });
  return { byHead, maxFirst, draftIndex };
}

function toMentions(v: TokenView, drafts: Draft[]): Mention[] {
  const ids = drafts.map((d, k) => {
    d.order = k;
    return `m${k + 1}`;
  });
  const texts = sharedSlices(v.text);
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

export const mentionsStage = defineStage({
  name: 'mentions',
  produces: 'mentions',
  run: (doc, ann) => findMentions(doc, ann),
});

/** A given name, or a hyphenated one whose parts are given names ("Jean-Baptiste", "José-Maria"). */
function firstName(r: EntityRules, w: string): boolean {
  if (r.firstNames.has(w)) return true;
  if (!w.includes('-')) return false;
  const parts = w.split('-');
  return parts.length <= 3 && parts.every((p) => r.firstNames.has(p));
}
