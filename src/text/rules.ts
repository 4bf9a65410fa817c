// The segmentation rules of a language, built once from its segmentation lexicon
// (src/lexicons/<lang>/segmentation.json): title and other abbreviations, elided prefixes,
// enclitic pronouns and suffixes, pairs of quotation marks. Sentences and tokens share them.
import { languageInfo, lexiconGeneration, loadLexicon } from '../lexicons/load.js';
import type { Lang } from '../types.js';

interface SegmentationLexicon {
  titleAbbreviations: string[];
  otherAbbreviations: string[];
  elisionPrefixes: string[];
  encliticPronouns: string[];
  encliticSuffixes?: string[];
  quotePairs: [string, string][];
}

export interface SegmentationRules {
  titles: Set<string>;
  others: Set<string>;
  elision: RegExp | null;
  enclitic: RegExp | null;
  suffix: RegExp | null;
  opens: Map<string, string>;
  closes: Set<string>;
  locale: string;
  /** Length of the longest abbreviation, and at least of an initial ("J."). */
  longest: number;
}

const rulesCache = new Map<Lang, SegmentationRules>();

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let cacheGeneration = 0;

export function segmentationRules(lang: Lang): SegmentationRules {
  if (cacheGeneration !== lexiconGeneration()) {
    rulesCache.clear();
    cacheGeneration = lexiconGeneration();
  }
  const cached = rulesCache.get(lang);
  if (cached) return cached;
  // A language without its own lexicon segments with ICU alone plus the quote/parenthesis repairs.
  const lex = loadLexicon<SegmentationLexicon>(lang, 'segmentation') ?? {
    titleAbbreviations: [], otherAbbreviations: [], elisionPrefixes: [], encliticPronouns: [], quotePairs: [['«', '»'], ['“', '”']],
  };
  const byLength = (a: string, b: string) => b.length - a.length;
  const rules: SegmentationRules = {
    titles: new Set(lex.titleAbbreviations),
    others: new Set(lex.otherAbbreviations),
    elision: lex.elisionPrefixes.length
      ? new RegExp(`^(?:${[...lex.elisionPrefixes].sort(byLength).map(escape).join('|')})['’](?=\\p{L})`, 'iu')
      : null,
    enclitic: lex.encliticPronouns.length
      ? new RegExp(`-(?:${[...lex.encliticPronouns].sort(byLength).map(escape).join('|')})$`, 'u')
      : null,
    suffix: lex.encliticSuffixes?.length
      ? new RegExp(`(?:${[...lex.encliticSuffixes].sort(byLength).map(escape).join('|')})$`, 'iu')
      : null,
    opens: new Map(lex.quotePairs.map(([o, c]) => [o, c])),
    closes: new Set(lex.quotePairs.map(([, c]) => c)),
    // ICU's sentence rules hardly differ between languages: English's for a text in none of ours
    locale: languageInfo(lang)?.locale ?? 'en',
    longest: Math.max(3, ...lex.titleAbbreviations.map((a) => a.length), ...lex.otherAbbreviations.map((a) => a.length)),
  };
  rulesCache.set(lang, rules);
  return rules;
}
