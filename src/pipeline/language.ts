// Language identification by function-word frequency. News prose in French or English is
// about a third function words, so a short list per language is enough to tell them apart.
// A short text (a headline, a two-line brief) holds few of them, so the evidence also counts
// the words of the language's time lexicon (months, weekdays: "Kaboul, 12 mars") and, for French,
// its accented letters. A text is `other` only on evidence of another language: more function
// words of a language we do not extract (src/lexicons/other/stopwords.json) than of French or
// English, or letters mostly outside the Latin script; otherwise the better of French and English
// is chosen, with a confidence that says how weak the evidence was.
// Lexicons: src/lexicons/<lang>/stopwords.json, src/lexicons/<lang>/time.json.
import { loadLexicon } from '../lexicons/load.js';
import type { Lang, LanguageGuess } from '../types.js';

export const SUPPORTED_LANGS = ['fr', 'en'] as const;

/** Below this share of function words the evidence is weak: the confidence says so. */
const MIN_SHARE = 0.08;
const MAX_WORDS = 3000;
/** Weight of a time word (month, weekday) against a function word. */
const TIME_WORD_WEIGHT = 0.5;
/** Weight of a word with an accent of the language (é, è, à, ç…) against a function word. */
const ACCENT_WEIGHT = 0.5;

interface Evidence {
  /** Function words of each supported language. */
  stop: Map<Lang, Set<string>>;
  /** Month and weekday words of each supported language. */
  time: Map<Lang, Set<string>>;
  /** Letters that mark a supported language ("éèêàçùûîôœ" for French). */
  accents: Map<Lang, RegExp>;
  /** Function words of each other language, less those shared with a supported one. */
  foreign: Map<string, Set<string>>;
}

let evidence: Evidence | null = null;

/** The word lists, read once. */
function lists(): Evidence {
  if (evidence) return evidence;
  const stop = new Map<Lang, Set<string>>();
  const time = new Map<Lang, Set<string>>();
  const accents = new Map<Lang, RegExp>();
  for (const lang of SUPPORTED_LANGS) {
    const lex = loadLexicon<{ words: string[]; accents?: string }>(lang, 'stopwords');
    if (lex) stop.set(lang, new Set(lex.words));
    if (lex?.accents) accents.set(lang, new RegExp(`[${lex.accents}]`, 'u'));
    time.set(lang, timeWords(lang));
  }
  const supported = new Set([...stop.values()].flatMap((s) => [...s]));
  const foreign = new Map<string, Set<string>>();
  const other = loadLexicon<{ languages: Record<string, string[]> }>('other', 'stopwords');
  for (const [lang, words] of Object.entries(other?.languages ?? {})) {
    foreign.set(lang, new Set(words.filter((w) => !supported.has(w))));
  }
  return (evidence = { stop, time, accents, foreign });
}

/** Single-word months and weekdays of a language's time lexicon ("mars", "Tuesday"). */
function timeWords(lang: string): Set<string> {
  const lex = loadLexicon<{ words: Record<string, Record<string, unknown>> }>(lang, 'time');
  const out = new Set<string>();
  for (const list of ['MONTH', 'WD']) {
    for (const w of Object.keys(lex?.words[list] ?? {})) if (/^\p{L}{3,}$/u.test(w)) out.add(w.toLowerCase());
  }
  return out;
}

/** Normalises a caller's language tag ("FR", "fr-FR", "french") to a Lang, or null if unknown. */
export function normaliseLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (t.startsWith('fr')) return 'fr';
  if (t.startsWith('en')) return 'en';
  return t ? 'other' : null;
}

interface Counts {
  words: number;
  /** Weighted evidence per supported language. */
  score: Map<Lang, number>;
  /** Function words per supported language (the strong evidence). */
  stopHits: Map<Lang, number>;
  /** The largest count of function words of one other language. */
  foreign: number;
  /** Letters outside the Latin script, and all letters. */
  nonLatin: number;
  letters: number;
}

/** Reads the first MAX_WORDS words of a text for the evidence of each language. */
function count(text: string): Counts {
  const ev = lists();
  const c: Counts = { words: 0, score: new Map(), stopHits: new Map(), foreign: 0, nonLatin: 0, letters: 0 };
  const foreign = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const word = /\p{L}+/gu;
  for (let m = word.exec(text); m && c.words < MAX_WORDS; m = word.exec(text)) {
    c.words++;
    const w = m[0].toLowerCase();
    c.letters += w.length;
    if (!/\p{Script=Latin}/u.test(w)) c.nonLatin += w.length;
    for (const lang of SUPPORTED_LANGS) {
      if (ev.stop.get(lang)?.has(w)) {
        add(c.score, lang, 1);
        add(c.stopHits, lang, 1);
      } else if (ev.time.get(lang)?.has(w)) add(c.score, lang, TIME_WORD_WEIGHT);
      if (ev.accents.get(lang)?.test(w)) add(c.score, lang, ACCENT_WEIGHT);
    }
    for (const [lang, set] of ev.foreign) if (set.has(w)) add(foreign, lang, 1);
  }
  c.foreign = Math.max(0, ...foreign.values());
  return c;
}

/** Evidence of a language we do not extract: its function words outnumber French and English
 *  ones, or most letters are outside the Latin script. */
function isOtherLanguage(c: Counts): boolean {
  if (c.letters > 0 && c.nonLatin / c.letters > 0.5) return true;
  const best = Math.max(0, ...c.stopHits.values());
  return c.foreign > best;
}

export function detectLanguage(text: string): LanguageGuess {
  const c = count(text);
  if (c.words === 0) return { lang: 'other', confidence: 0, method: 'detected' };
  if (isOtherLanguage(c)) return { lang: 'other', confidence: round(Math.min(0.95, 0.5 + c.foreign / (2 * c.words) + c.nonLatin / (2 * c.letters))), method: 'detected' };
  const ranked = SUPPORTED_LANGS.map((l) => [l, c.score.get(l) ?? 0] as const).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  // No evidence either way ("Goma : 3 morts" has none): the first supported language, unsure.
  if (best[1] === 0) return { lang: best[0], confidence: 0.5, method: 'detected' };
  // Margin over the runner-up, damped when few words decide or their share is low.
  const margin = best[1] / (best[1] + second[1]);
  const strength = Math.min(1, best[1] / 8) * Math.min(1, best[1] / c.words / MIN_SHARE);
  return { lang: best[0], confidence: round(0.5 + 0.5 * (2 * margin - 1) * strength), method: 'detected' };
}

export function resolveLanguage(text: string, given: string | null | undefined): LanguageGuess {
  const lang = normaliseLang(given);
  if (lang) return { lang, confidence: 1, method: 'given' };
  return detectLanguage(text);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
