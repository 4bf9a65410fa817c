// Language identification by function-word frequency. News prose in French or English is
// about a third function words, so a short list per language is enough to tell them apart.
// A short text (a headline, a two-line brief) holds few of them, so the evidence also counts
// the words of the language's time lexicon (months, weekdays: "Kaboul, 12 mars") and the
// accented letters its stopwords lexicon lists. A text is `other` only on evidence of another
// language: more function words of a language we do not extract (src/lexicons/other/stopwords.json)
// than of any language we read, or letters mostly outside the Latin script; otherwise the best of
// the languages we read is chosen, with a confidence that says how weak the evidence was.
// The languages are those of the lexicon registry (src/lexicons/load.ts: every folder with a
// language.json), each with src/lexicons/<lang>/stopwords.json and time.json.
import { languageCodes, languages, lexiconGeneration, loadLexicon } from '../lexicons/load.js';
import type { Lang, LanguageGuess } from '../types.js';

/** The languages read when the process started ("fr", "en", and those of VIGIE_LEXICONS), by
 *  preference; the doors (src/io/validate.ts) accept these. */
export const SUPPORTED_LANGS: readonly string[] = languageCodes();

/** Below this share of function words the evidence is weak: the confidence says so. */
const MIN_SHARE = 0.08;
const MAX_WORDS = 3000;
/** Weight of a time word (month, weekday) against a function word. */
const TIME_WORD_WEIGHT = 0.5;
/** Weight of a word with an accent of the language (é, è, à, ç…) against a function word. */
const ACCENT_WEIGHT = 0.5;

interface Evidence {
  /** The languages read, by preference (ties go to the first). */
  langs: readonly string[];
  /** Function words of each supported language. */
  stop: Map<Lang, Set<string>>;
  /** Month and weekday words of each supported language. */
  time: Map<Lang, Set<string>>;
  /** Letters that mark a supported language ("éèêàçùûîôœ" for French). */
  accents: Map<Lang, RegExp>;
  /** Function words of each other language, less those shared with a supported one. */
  foreign: Map<string, Set<string>>;
}

let evidence: (Evidence & { generation: number }) | null = null;

/** The word lists, read once (again when lexicon roots are added). */
function lists(): Evidence {
  if (evidence?.generation === lexiconGeneration()) return evidence;
  const langs = languageCodes();
  const stop = new Map<Lang, Set<string>>();
  const time = new Map<Lang, Set<string>>();
  const accents = new Map<Lang, RegExp>();
  for (const lang of langs) {
    const lex = loadLexicon<{ words: string[]; accents?: string }>(lang, 'stopwords');
    if (lex) stop.set(lang, new Set(lex.words));
    if (lex?.accents) accents.set(lang, new RegExp(`[${lex.accents}]`, 'u'));
    time.set(lang, timeWords(lang));
  }
  const supported = new Set([...stop.values()].flatMap((s) => [...s]));
  const foreign = new Map<string, Set<string>>();
  const other = loadLexicon<{ languages: Record<string, string[]> }>('other', 'stopwords');
  for (const [lang, words] of Object.entries(other?.languages ?? {})) {
    // a language we read is no evidence against itself
    if (!langs.includes(lang)) foreign.set(lang, new Set(words.filter((w) => !supported.has(w))));
  }
  evidence = { generation: lexiconGeneration(), langs, stop, time, accents, foreign };
  return evidence;
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

/** Normalises a caller's language tag ("FR", "fr-FR", "fra", "french") to a language of the
 *  registry by its first part, or 'other'; null when no tag is given. */
export function normaliseLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (!t) return null;
  const primary = t.split(/[-_\s]/)[0];
  const found = languages().find((l) => l.code === primary || l.tags.includes(primary) || l.tags.includes(t));
  return found ? found.code : 'other';
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
    for (const lang of ev.langs) {
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

/** Evidence of a language we do not extract: its function words outnumber those of every
 *  language we read, or most letters are outside the Latin script. */
function isOtherLanguage(c: Counts): boolean {
  if (c.letters > 0 && c.nonLatin / c.letters > 0.5) return true;
  const best = Math.max(0, ...c.stopHits.values());
  return c.foreign > best;
}

export function detectLanguage(text: string): LanguageGuess {
  const c = count(text);
  if (c.words === 0 || !lists().langs.length) return { lang: 'other', confidence: 0, method: 'detected' };
  if (isOtherLanguage(c)) return { lang: 'other', confidence: round(Math.min(0.95, 0.5 + c.foreign / (2 * c.words) + c.nonLatin / (2 * c.letters))), method: 'detected' };
  const ranked = lists().langs.map((l) => [l, c.score.get(l) ?? 0] as const).sort((a, b) => b[1] - a[1]);
  const best = ranked[0];
  const second = ranked[1]?.[1] ?? 0;
  // No evidence either way ("Goma : 3 morts" has none): the preferred language, unsure.
  if (best[1] === 0) return { lang: best[0], confidence: 0.5, method: 'detected' };
  // Margin over the runner-up, damped when few words decide or their share is low.
  const margin = best[1] / (best[1] + second);
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
