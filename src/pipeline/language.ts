// Language identification by function-word frequency. News prose in French or English is
// about a third function words, so a short list per language is enough to tell them apart and
// to say "other" when neither list matches. Lexicons: src/lexicons/<lang>/stopwords.json.
import { loadLexicon } from '../lexicons/load.js';
import type { Lang, LanguageGuess } from '../types.js';

export const SUPPORTED_LANGS = ['fr', 'en'] as const;

/** Below this share of function words a text is not taken for a supported language. */
const MIN_SHARE = 0.08;
const MAX_WORDS = 3000;

let stopwordSets: Map<Lang, Set<string>> | null = null;

function sets(): Map<Lang, Set<string>> {
  if (stopwordSets) return stopwordSets;
  stopwordSets = new Map();
  for (const lang of SUPPORTED_LANGS) {
    const lex = loadLexicon<{ words: string[] }>(lang, 'stopwords');
    if (lex) stopwordSets.set(lang, new Set(lex.words));
  }
  return stopwordSets;
}

/** Normalises a caller's language tag ("FR", "fr-FR", "french") to a Lang, or null if unknown. */
export function normaliseLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const t = tag.trim().toLowerCase();
  if (t.startsWith('fr')) return 'fr';
  if (t.startsWith('en')) return 'en';
  return t ? 'other' : null;
}

export function detectLanguage(text: string): LanguageGuess {
  const counts = new Map<Lang, number>();
  let words = 0;
  const word = /\p{L}+/gu;
  const langSets = sets();
  for (let m = word.exec(text); m && words < MAX_WORDS; m = word.exec(text)) {
    words++;
    const w = m[0].toLowerCase();
    for (const [lang, set] of langSets) if (set.has(w)) counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = [ranked[0], ranked[1]];
  if (!best || words === 0) return { lang: 'other', confidence: words === 0 ? 0 : 0.5, method: 'detected' };
  const share = best[1] / words;
  if (share < MIN_SHARE) {
    return { lang: 'other', confidence: round(1 - share / MIN_SHARE / 2), method: 'detected' };
  }
  // Margin over the runner-up, damped for very short texts where a few words decide.
  const margin = best[1] / (best[1] + (second?.[1] ?? 0));
  const evidence = Math.min(1, best[1] / 8);
  return { lang: best[0], confidence: round(0.5 + 0.5 * (2 * margin - 1) * evidence), method: 'detected' };
}

export function resolveLanguage(text: string, given: string | null | undefined): LanguageGuess {
  const lang = normaliseLang(given);
  if (lang) return { lang, confidence: 1, method: 'given' };
  return detectLanguage(text);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
