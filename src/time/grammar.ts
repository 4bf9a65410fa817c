// A language's time grammar is data (src/lexicons/<lang>/time.json): word lists ("WD" weekdays,
// "MONTH" months, "POD" parts of day…) and rules whose patterns name those lists as macros
// ({WD}, {MONTH}) beside a few built-in numeric macros ({DAY}, {YEAR}, {HOUR}…). Each rule names a
// language-neutral operation (src/time/ops.ts) that turns the captured pieces into a TIMEX3 value.
//
// All the rules of a language are compiled into ONE regular expression (an alternation, each rule
// wrapped in its own named group). At a given position the first rule listed wins, so lexicons
// list longer constructions first. Trying a sixty-branch alternation at every character of a
// dispatch costs about a millisecond, so it is tried (sticky) only at the few word starts just
// before a trigger word: a word of the lists that head time expressions, or a number.
import { loadLexicon } from '../lexicons/load.js';

export interface RuleSpec {
  /** Pattern: regex source where `{NAME}` is a macro, a space is one or more blanks (" ?" an optional one), `'` any apostrophe. */
  p: string;
  /** Operation name (see ops.ts). */
  op: string;
  [param: string]: unknown;
}

export interface TimeLexicon {
  _about: string;
  /** Word lists, each a map from the written form (lower case) to its meaning. */
  words: Record<string, Record<string, number | string>>;
  rules: RuleSpec[];
  /** Regex source: words of the clause around a weekday that put it in the future. */
  futureCue?: string;
  /** Regex source: what a chrono-node result's text must contain to be kept. */
  chronoAccept?: string;
  /** Regex source: chrono-node results whose text matches this are dropped. */
  chronoReject?: string;
  /** Regex source, tested on the text right after a bare year: a count, not a year ("2000 soldats"). */
  notYearAfter?: string;
  /** Regex source, tested on the text right before a bare year. */
  notYearBefore?: string;
  /** Month words that are also common words ("may", "march"): a bare one needs a cue before it. */
  ambiguousMonths?: string[];
  /** Regex source, tested on the text before an ambiguous bare month: the cue it needs. */
  ambiguousMonthCue?: string;
  /** Language tag of chrono-node's parser to use ("fr", "en"). */
  chrono?: string;
  /** Word lists whose words head a time expression: every expression holds one of them (or a
   *  digit, or one of `triggerWords`), so the grammar is only tried around such words. */
  triggerLists: string[];
  /** Other words that head an expression on their own ("veille", "tonight"). */
  triggerWords?: string[];
}

export interface CompiledRule {
  index: number;
  spec: RuleSpec;
  /** Group name per macro occurrence: macro name → list of group names in order. */
  groups: Map<string, string[]>;
}

export interface Grammar {
  lang: string;
  lex: TimeLexicon;
  re: RegExp;
  rules: CompiledRule[];
  maps: Map<string, Map<string, number | string>>;
  futureCue: RegExp | null;
  chronoAccept: RegExp | null;
  chronoReject: RegExp | null;
  notYearAfter: RegExp | null;
  notYearBefore: RegExp | null;
  ambiguousMonths: Set<string>;
  ambiguousMonthCue: RegExp | null;
  /** Words (lower case) around which the grammar is tried; digits always are. */
  triggers: Set<string>;
  /** Words (lower case) an expression can start with: the words of the rules and word lists. */
  leaders: Set<string>;
}

/** How far before its first trigger word an expression may start ("il y a environ deux ans"). */
export const MAX_LEAD = 32;

const BLANK = '[\\s\\u00a0\\u202f]+';

/** Built-in numeric macros (language-neutral). */
const BUILTIN: Record<string, string> = {
  DAY: '(?:[12]\\d|3[01]|0?[1-9])',
  DAY2: '(?:[12]\\d|3[01]|0[1-9])',
  MNUM: '(?:1[0-2]|0?[1-9])',
  MNUM2: '(?:1[0-2]|0[1-9])',
  YEAR: '(?:1[0-9]\\d\\d|20\\d\\d)',
  YY: '\\d\\d',
  HOUR: '(?:[01]?\\d|2[0-4])',
  MIN: '[0-5]\\d',
  SEC: '[0-5]\\d',
  INT: '\\d{1,3}',
  DEC: '\\d{1,3}(?:[.,]\\d{1,3})?',
  ROMAN: '[IVXLC]{1,6}',
};

/** Lower case, one kind of apostrophe and hyphen, single spaces, no trailing full stop. */
export function normWord(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[‑–]/g, '-')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/\.$/, '');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation for a word list: longest first, blanks and apostrophes made flexible. */
function alternation(words: string[]): string {
  const forms = [...new Set(words)].sort((a, b) => b.length - a.length);
  return forms
    .map((w) => escapeRe(w).replace(/ /g, BLANK).replace(/'/g, "['’]").replace(/-/g, '[-‑–]'))
    .join('|');
}

function compilePattern(rule: CompiledRule, words: Record<string, Record<string, number | string>>): string {
  const p = rule.spec.p;
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      // escapes are copied as they are; \p{L} keeps its braces
      const n = p[i + 1] === 'p' || p[i + 1] === 'P' ? p.indexOf('}', i) + 1 - i : 2;
      out += p.slice(i, i + n);
      i += n - 1;
      continue;
    }
    if (c === '{' && /[A-Z]/.test(p[i + 1] ?? '')) {
      const close = p.indexOf('}', i);
      const name = p.slice(i + 1, close);
      i = close;
      let body: string;
      if (name in BUILTIN) body = BUILTIN[name];
      else if (name === 'N') body = `\\d{1,3}(?:[.,]\\d{1,2})?|${alternation(Object.keys(words.NUM ?? {}))}`;
      else if (name in words) body = alternation(Object.keys(words[name]));
      else throw new Error(`time grammar: unknown macro {${name}} in rule ${rule.index}`);
      const list = rule.groups.get(name) ?? [];
      const g = `${name}${list.length}_${rule.index}`;
      list.push(g);
      rule.groups.set(name, list);
      out += `(?<${g}>${body})`;
      continue;
    }
    if (c === ' ' && p[i + 1] === '?') {
      out += '[\\s\\u00a0\\u202f]*'; // " ?" is an optional blank
      i++;
    } else if (c === ' ') out += BLANK;
    else if (c === "'") out += "['’]";
    else out += c;
  }
  return out;
}

const cache = new Map<string, Grammar | null>();

export function grammarFor(lang: string): Grammar | null {
  if (cache.has(lang)) return cache.get(lang) ?? null;
  const lex = loadLexicon<TimeLexicon>(lang, 'time');
  if (!lex) {
    cache.set(lang, null);
    return null;
  }
  const rules: CompiledRule[] = lex.rules.map((spec, index) => ({ index, spec, groups: new Map() }));
  const body = rules.map((r) => `(?<r${r.index}>${compilePattern(r, lex.words)})`).join('|');
  // sticky: the pass tries it at chosen word starts only (see index.ts)
  const re = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${body})(?![\\p{L}\\p{N}_])`, 'iuy');
  const maps = new Map<string, Map<string, number | string>>();
  for (const [name, list] of Object.entries(lex.words)) {
    maps.set(name, new Map(Object.entries(list).map(([k, v]) => [normWord(k), v])));
  }
  const rx = (s: string | undefined, flags = 'iu') => (s ? new RegExp(s, flags) : null);
  const triggers = new Set<string>((lex.triggerWords ?? []).map((w) => w.toLowerCase()));
  for (const name of lex.triggerLists) {
    for (const key of Object.keys(lex.words[name] ?? {})) {
      // the longest word of a key stands for it ("hier" for "avant-hier", "moment" for "en ce moment")
      const parts = key.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
      if (parts.length) triggers.add(parts.reduce((a, b) => (b.length > a.length ? b : a)));
    }
  }
  const leaders = new Set<string>(triggers);
  const words = (str: string) => str.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  for (const list of Object.values(lex.words)) for (const key of Object.keys(list)) for (const w of words(key)) leaders.add(w);
  for (const r of lex.rules) {
    const literal = r.p.replace(/\\[pP]\{[^}]*\}|\{[A-Z0-9]+\}|\\./g, ' ');
    for (const w of words(literal)) leaders.add(w);
  }
  const g: Grammar = {
    lang,
    lex,
    re,
    rules,
    maps,
    futureCue: rx(lex.futureCue),
    chronoAccept: rx(lex.chronoAccept),
    chronoReject: rx(lex.chronoReject),
    notYearAfter: rx(lex.notYearAfter),
    notYearBefore: rx(lex.notYearBefore),
    ambiguousMonths: new Set((lex.ambiguousMonths ?? []).map(normWord)),
    ambiguousMonthCue: rx(lex.ambiguousMonthCue),
    triggers,
    leaders,
  };
  cache.set(lang, g);
  return g;
}
