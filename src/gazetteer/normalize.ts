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
const FOLD_MAP: Record<string, string> = {
  tch: 'S', tsh: 'S', sch: 'S', ch: 'S', sh: 'S', dzh: 'j', dj: 'j', zh: 'j', kh: 'h', gh: 'g', ph: 'f',
  ck: 'k', ou: 'u', gu: 'g', ah: 'a', c: 'k', q: 'k', y: 'i', w: 'v',
};
// One left-to-right pass (longer groups first), then doubled letters, connectors and spaces.
const FOLD_ONE = /tch|tsh|sch|dzh|ch|sh|dj|zh|kh|gh|ph|ck|ou|gu(?=[ei])|ah(?= |$)|c(?=[aou]|$| )|q|y|w/g;
const DOUBLES = /([a-z])\1+/g;
const CONNECTORS = / (?:e|i|ye|ul|ol|al|el) /g;

export function foldKey(key: string): string {
  return key
    .replace(FOLD_ONE, (m) => FOLD_MAP[m] ?? m)
    .replace(DOUBLES, '$1')
    .replace(CONNECTORS, ' ')
    .replace(/ /g, '');
}

/** Latin script (with marks, digits and punctuation): the names Vigie can meet in fr/en text. */
export function isLatinName(s: string): boolean {
  return /^[\p{Script=Latin}\p{M}\p{N} \-'’‘`´ʻʼʿʾ.,()&/]+$/u.test(s) && /\p{L}/u.test(s);
}
