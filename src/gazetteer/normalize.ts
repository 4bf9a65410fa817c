// Keys under which place names are stored and looked up. Both the build script and the matcher
// use these functions, so a name written "Qala-i-Naw", "Qal'ah-ye Now" or "QALA I NAW" meets the
// GeoNames entry whatever its accents, case, hyphens, dots or apostrophes.

const SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', ı: 'i', þ: 'th', ħ: 'h', ŧ: 't',
};
const SPECIAL_RE = /[ßæœøłđðıþħŧ]/g;
// Apostrophes, ayin/hamza marks and backticks vanish (Qal'ah = Qal`ah = Qalah); hyphens, dots,
// slashes, underscores and spaces become one space.
const VANISH = /['’‘`´ʻʼʿʾ′]/g;
const SEPARATORS = /[\s\-‐‑–—._/]+/g;

/** Accent-, case-, hyphen- and apostrophe-insensitive key. */
export function normKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .replace(VANISH, '')
    .replace(SEPARATORS, ' ')
    .trim();
}

// Transliteration folding, used only as a fallback when the exact key is unknown: French and
// English transliterate the same Persian, Arabic or Russian sounds differently (ou/u, ch/sh,
// dj/j, kh/h, doubled letters, "-e-"/"-i-" connectors), so Koundouz meets Kunduz and
// Mazar-e Charif meets Mazar-e Sharif.
const FOLDS: [RegExp, string][] = [
  [/ou/g, 'u'],
  [/gu(?=[ei])/g, 'g'],
  [/ah(?= |$)/g, 'a'],
  [/tch|tsh|ch|sh|sch/g, 'S'],
  [/dj|dzh|zh/g, 'j'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/q/g, 'k'],
  [/c(?=[aou]|$| )/g, 'k'],
  [/ck/g, 'k'],
  [/y/g, 'i'],
  [/w/g, 'v'],
  [/ph/g, 'f'],
  [/([a-z])\1+/g, '$1'],
  [/ (?:e|i|ye|ul|ol|al|el) /g, ' '],
  [/ /g, ''],
];

export function foldKey(key: string): string {
  let s = key;
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  return s;
}

/** Latin script (with marks, digits and punctuation): the names Vigie can meet in fr/en text. */
export function isLatinName(s: string): boolean {
  return /^[\p{Script=Latin}\p{M}\p{N} \-'’‘`´ʻʼʿʾ.,()&/]+$/u.test(s) && /\p{L}/u.test(s);
}
