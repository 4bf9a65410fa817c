// Tokens with offsets into the original text: one compiled regex, then per-language repairs from
// the segmentation lexicon: elisions (l', qu'), enclitic pronouns (a-t-il, dit-elle), English
// clitics ('s, n't) and abbreviations that keep their full stop.
import type { Lang, Token } from '../types.js';
import { segmentationRules, type SegmentationRules } from './rules.js';

// Abbreviations with inner dots (U.S., J.-C.), grouped numbers (1 200, 2,5), words with inner
// hyphens or apostrophes (Port-au-Prince, aujourd'hui, l'ennemi before repair), then any single
// non-space character.
const TOKEN = /(?:\p{Lu}\.-?){2,}|\p{N}{1,3}(?:[\u00A0\u202F ]\p{N}{3})+(?:[.,]\p{N}+)?(?!\p{N})|\p{N}+(?:[.,:]\p{N}+)*|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[-'’][\p{L}\p{M}\p{N}]+)*|\S/gu;

export function tokenize(text: string, lang: Lang): Token[] {
  const rules = segmentationRules(lang);
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    const s = m[0];
    const end = start + s.length;
    const c = s.charCodeAt(0);
    if (/^\p{N}/u.test(s)) out.push({ start, end, kind: 'number' });
    else if (/^\p{L}/u.test(s) && s.length > 1 && /\.$/u.test(s)) out.push({ start, end, kind: 'abbrev' });
    else if (/^[\p{L}\p{M}]/u.test(s)) pushWord(out, text, start, end, rules);
    else out.push({ start, end, kind: /\p{P}/u.test(s) || c === 0x2019 ? 'punct' : 'symbol' });
  }
  return joinAbbreviations(out, text, rules);
}

function pushWord(out: Token[], text: string, start: number, end: number, rules: SegmentationRules): void {
  // Elided articles and conjunctions in front: l'ennemi, qu'au, jusqu'à.
  while (rules.elision) {
    const m = rules.elision.exec(text.slice(start, end));
    if (!m || m[0].length >= end - start) break;
    out.push({ start, end: start + m[0].length, kind: 'clitic' });
    start += m[0].length;
  }
  const word = text.slice(start, end);
  // Inverted subject pronouns after a verb: a-t-il, précise-t-on, dit-elle (verb in lower case).
  const enc = rules.enclitic?.exec(word);
  if (enc && enc.index > 0 && /^\p{Ll}/u.test(word)) {
    out.push({ start, end: start + enc.index, kind: 'word' });
    out.push({ start: start + enc.index, end, kind: 'clitic' });
    return;
  }
  const suf = rules.suffix?.exec(word);
  if (suf && suf.index > 0) {
    out.push({ start, end: start + suf.index, kind: 'word' });
    out.push({ start: start + suf.index, end, kind: 'clitic' });
    return;
  }
  out.push({ start, end, kind: 'word' });
}

/** "M" + "." → "M." when the pair is a known abbreviation of the language. */
function joinAbbreviations(tokens: Token[], text: string, rules: SegmentationRules): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const dot = tokens[i + 1];
    if (t.kind === 'word' && dot && dot.start === t.end && text[dot.start] === '.' && dot.end === dot.start + 1) {
      const candidate = text.slice(t.start, dot.end);
      if (rules.titles.has(candidate) || rules.others.has(candidate)) {
        out.push({ start: t.start, end: dot.end, kind: 'abbrev' });
        i++;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}
