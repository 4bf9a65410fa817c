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
  /** Regex source: past-tense words of a clause ("ont éclaté", "was killed"); a future cue counts
   *  only when nearer to the expression than any of them. */
  pastCue?: string;
  /** What comes before / after a number of years that is an age (regex sources, tested on the 40
   *  characters before and the 20 after): an age is no duration. */
  ages?: Array<{ before?: string; after?: string }>;
  /** Regex source: what a chrono-node result's text must contain to be kept. */
  chronoAccept?: string;
  /** Regex source: every chrono-node result kept holds a match of it not right after an ASCII
   *  letter (the month words of `chronoAccept`); paragraphs without one, and not next to one
   *  that has one, are left out of what chrono-node reads (offsets mapped back). */
  chronoSeed?: string;
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
  /** The rule's name, carried by what it finds: `name` in the lexicon, else made from its
   *  operation and the literal words of its pattern ("veille:le-lendemain"). */
  name: string;
  spec: RuleSpec;
  /** Group name per macro occurrence: macro name → list of group names in order. */
  groups: Map<string, string[]>;
}

export interface Grammar {
  lang: string;
  lex: TimeLexicon;
  re: RegExp;
  rules: CompiledRule[];
  /** Name of each rule's group in `re` ("r0", "r1"…), by rule index. */
  ruleGroups: string[];
  /** The rules' compiled sources, each in its named group `r<index>`. */
  bodies: string[];
  /** What each rule's matches can start with (see firstChars). */
  firsts: FirstChars[];
  /** Per first character (lower case): the rules that can start with it, as one regex. */
  byFirst: Map<string, RegExp>;
  maps: Map<string, Map<string, number | string>>;
  futureCue: RegExp | null;
  pastCue: RegExp | null;
  ages: Array<{ before: RegExp | null; after: RegExp | null }>;
  chronoAccept: RegExp | null;
  chronoSeed: RegExp | null;
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

function wholeRegex(bodies: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${bodies.join('|')})(?![\\p{L}\\p{N}_])`, 'iuy');
}

// --------------------------------------------------------------------------------------------
// First characters. Sixty rules tried at every candidate word start cost most of the grammar's
// time, though at a given start only the few rules that can begin with its first letter can
// match. So each rule's source is read once for the characters its matches can start with, and
// a word start is tried with the alternation of those rules only, kept in their order: the first
// rule listed that matches is the same as with all of them.

/** Lower-case characters a match can start with; `any` when they cannot be listed. */
export interface FirstChars {
  chars: Set<string>;
  any: boolean;
  /** The pattern can match the empty string (then what follows it counts too). */
  nullable: boolean;
}

/** Nothing listed: the answer that is always safe. */
const anyFirst = (): FirstChars => ({ chars: new Set(), any: true, nullable: false });

/** One character, in both cases (case-insensitive matching). */
const literalFirst = (c: string): FirstChars => ({
  chars: new Set([c.toLowerCase(), c.toUpperCase().toLowerCase()]), any: false, nullable: false,
});

/** No character: a blank (never a word's first) or, when `nullable`, a zero-width piece. */
const noFirst = (nullable: boolean): FirstChars => ({ chars: new Set(), any: false, nullable });

/** Either of two alternatives: "a|b" starts with a or b. */
const unionFirst = (a: FirstChars, b: FirstChars): FirstChars => ({
  chars: new Set([...a.chars, ...b.chars]), any: a.any || b.any, nullable: a.nullable || b.nullable,
});

/** An escape that matches no character ("\b", "\B"). */
const ZERO_WIDTH = 'zero';

/**
 * A one-pass reader of a regex source for its first characters, a small recursive-descent
 * parser: alternation → sequence → quantified atom → group, class, escape or character. `i` is
 * the reading position; each method consumes what it reads.
 */
class FirstCharsReader {
  private i = 0;

  constructor(private readonly src: string) {}

  read(): FirstChars {
    const r = this.alternation();
    return this.i < this.src.length ? anyFirst() : r; // not read to the end: do not trust it
  }

  /** "a|b|c": the union of the branches. */
  private alternation(): FirstChars {
    let acc = this.sequence();
    while (this.src[this.i] === '|') {
      this.i++;
      acc = unionFirst(acc, this.sequence());
    }
    return acc;
  }

  /** "abc": the first atom's characters, and the next one's too while those before can be empty. */
  private sequence(): FirstChars {
    const { src } = this;
    const acc = noFirst(true);
    while (this.i < src.length && src[this.i] !== '|' && src[this.i] !== ')') {
      const a = this.quantified();
      if (acc.nullable) {
        for (const x of a.chars) acc.chars.add(x);
        acc.any ||= a.any;
        acc.nullable = a.nullable;
      }
    }
    return acc;
  }

  /** An atom and its quantifier ("x?", "x*", "x+", "x{0,2}", lazy or not): empty when it may repeat zero times. */
  private quantified(): FirstChars {
    const { src } = this;
    const a = this.atom();
    let min = 1;
    if (src[this.i] === '?' || src[this.i] === '*') {
      min = 0;
      this.i++;
    } else if (src[this.i] === '+') this.i++;
    else if (src[this.i] === '{') {
      const close = src.indexOf('}', this.i);
      min = parseInt(src.slice(this.i + 1, close), 10);
      this.i = close + 1;
    }
    if (min !== 1 && src[this.i] === '?') this.i++; // lazy
    return min === 0 ? { ...a, nullable: true } : a;
  }

  /** A group, a class, an escape, ".", an anchor or one character. */
  private atom(): FirstChars {
    const c = this.src[this.i];
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const e = this.escape();
      return e === ZERO_WIDTH ? noFirst(true) : e;
    }
    if (c === '.') {
      this.i++;
      return anyFirst();
    }
    if (c === '^' || c === '$') {
      this.i++;
      return noFirst(true);
    }
    const ch = String.fromCodePoint(this.src.codePointAt(this.i)!);
    this.i += ch.length;
    return literalFirst(ch);
  }

  /** "(…)", "(?:…)", "(?<name>…)": the inside; look-arounds "(?=…)", "(?<!…)" are zero-width. */
  private group(): FirstChars {
    const { src } = this;
    this.i++; // '('
    let zero = false;
    if (src[this.i] === '?') {
      const [k1, k2] = [src[this.i + 1], src[this.i + 2]];
      if (k1 === ':') this.i += 2;
      else if (k1 === '=' || k1 === '!') [this.i, zero] = [this.i + 2, true];
      else if (k1 === '<' && (k2 === '=' || k2 === '!')) [this.i, zero] = [this.i + 3, true];
      else if (k1 === '<') this.i = src.indexOf('>', this.i) + 1;
      else return anyFirst();
    }
    const inner = this.alternation();
    this.i++; // ')'
    return zero ? noFirst(true) : inner;
  }

  /** An escape at the backslash: "\d" digits, "\s" no first character, "\b" zero-width, "\u00e9"
   *  and "\u{e9}" one character, "\." the character itself; "\p{…}", "\w" and the like: not listed. */
  private escape(): FirstChars | typeof ZERO_WIDTH {
    const { src } = this;
    const e = src[this.i + 1];
    this.i += 2;
    if (e === 'd') return { chars: new Set('0123456789'), any: false, nullable: false };
    if (e === 's') return noFirst(false); // blanks: never the first character of a word
    if (e === 'b' || e === 'B') return ZERO_WIDTH;
    if (e === 'p' || e === 'P') {
      this.i = src.indexOf('}', this.i) + 1;
      return anyFirst();
    }
    if (e === 'u' && src[this.i] === '{') {
      const close = src.indexOf('}', this.i);
      const c = String.fromCodePoint(parseInt(src.slice(this.i + 1, close), 16));
      this.i = close + 1;
      return literalFirst(c);
    }
    if (e === 'u') {
      const c = String.fromCharCode(parseInt(src.slice(this.i, this.i + 4), 16));
      this.i += 4;
      return literalFirst(c);
    }
    if (/[A-Za-z0-9]/.test(e ?? '')) return anyFirst(); // \w \W \S \D \k \x \1…: not listed
    return literalFirst(e);
  }

  /** "[abc]", "[a-z]", "[\d-]": its characters; a negated class, or one too wide to list, is `any`. */
  private charClass(): FirstChars {
    const { src } = this;
    this.i++; // '['
    const negated = src[this.i] === '^';
    if (negated) this.i++;
    const out = noFirst(false);
    let prev: string | null = null;
    while (this.i < src.length && src[this.i] !== ']') {
      if (src[this.i] === '-' && prev !== null && src[this.i + 1] !== ']') {
        if (!this.classRange(prev, out.chars)) return this.skipClass();
        prev = null;
        continue;
      }
      if (src[this.i] === '\\') {
        const e = this.escape();
        if (e === ZERO_WIDTH || e.any) return this.skipClass();
        for (const x of e.chars) out.chars.add(x);
        prev = e.chars.size === 1 ? [...e.chars][0] : null;
        if (e.chars.size === 2) prev = src[this.i - 1]; // a letter escaped: its own form
        continue;
      }
      const c = String.fromCodePoint(src.codePointAt(this.i)!);
      this.i += c.length;
      for (const x of literalFirst(c).chars) out.chars.add(x);
      prev = c;
    }
    this.i++; // ']'
    return negated ? anyFirst() : out;
  }

  /** The range "-hi" after `lo` in a class, its characters added to `into`; false when the range
   *  is too wide (over 400 code points) or its end is no single character. */
  private classRange(lo: string, into: Set<string>): boolean {
    const { src } = this;
    this.i++; // '-'
    let hi: string;
    if (src[this.i] === '\\') {
      const e = this.escape();
      if (e === ZERO_WIDTH || e.any || e.chars.size === 0) return false;
      hi = [...e.chars][0];
    } else hi = src[this.i++];
    const a = lo.codePointAt(0)!;
    const b = hi.codePointAt(0)!;
    if (b - a > 400) return false;
    for (let c = a; c <= b; c++) for (const x of literalFirst(String.fromCodePoint(c)).chars) into.add(x);
    return true;
  }

  /** The rest of a class left unread: `any`. */
  private skipClass(): FirstChars {
    const { src } = this;
    while (this.i < src.length && src[this.i] !== ']') this.i += src[this.i] === '\\' ? 2 : 1;
    this.i++;
    return anyFirst();
  }
}

/** First characters of a regex source (u flag syntax, matched case-insensitively). Reads
 *  sequences, alternations, groups, look-arounds (zero-width), classes, escapes, quantifiers;
 *  anything else makes the answer `any`, which is always safe. */
export function firstChars(src: string): FirstChars {
  return new FirstCharsReader(src).read();
}

/** The regex to try at a word start whose first character is `ch`: the rules that can start
 *  with it (all of them for a character outside ASCII, whose case folding is not worth reading). */
export function regexFor(g: Grammar, ch: string): RegExp {
  const key = ch.toLowerCase();
  let re = g.byFirst.get(key);
  if (re) return re;
  if (ch.charCodeAt(0) > 127 || key.length !== 1) re = g.re;
  else {
    const keep = g.bodies.filter((_, k) => g.firsts[k].any || g.firsts[k].nullable || g.firsts[k].chars.has(key));
    re = keep.length === g.bodies.length ? g.re : wholeRegex(keep.length ? keep : ['(?!)']);
  }
  g.byFirst.set(key, re);
  return re;
}

/** "fr.veille:le-lendemain": the language, the operation and the pattern's literal words (macros
 *  as their names: "fr.weekday:WD-POD"), or the lexicon's own `name`. */
export function ruleName(lang: string, spec: RuleSpec): string {
  if (typeof spec.name === 'string') return `${lang}.${spec.name}`;
  const words = spec.p
    .replace(/\(\?<?[=!][^)]*\)/g, ' ') // look-arounds: context, not the expression
    .replace(/\\[pP]\{[^}]*\}|\\./g, ' ')
    .match(/\{[A-Z0-9]+\}|[\p{L}'-]+/gu) ?? [];
  const parts = words.map((w) => w.replace(/[{}]/g, '')).filter((w, i, a) => a.indexOf(w) === i).slice(0, 4);
  return `${lang}.${spec.op}${parts.length ? ':' + parts.join('-') : ''}`;
}

const cache = new Map<string, Grammar | null>();

export function grammarFor(lang: string): Grammar | null {
  if (cache.has(lang)) return cache.get(lang) ?? null;
  const lex = loadLexicon<TimeLexicon>(lang, 'time');
  if (!lex) {
    cache.set(lang, null);
    return null;
  }
  const rules: CompiledRule[] = lex.rules.map((spec, index) => ({ index, name: ruleName(lang, spec), spec, groups: new Map() }));
  const bodies = rules.map((r) => `(?<r${r.index}>${compilePattern(r, lex.words)})`);
  // sticky: the pass tries it at chosen word starts only (see index.ts)
  const re = wholeRegex(bodies);
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
    ruleGroups: rules.map((r) => `r${r.index}`),
    bodies,
    firsts: bodies.map((b) => firstChars(b)),
    byFirst: new Map(),
    maps,
    futureCue: rx(lex.futureCue, 'giu'),
    pastCue: rx(lex.pastCue, 'giu'),
    ages: (lex.ages ?? []).map((a) => ({ before: rx(a.before), after: rx(a.after) })),
    chronoAccept: rx(lex.chronoAccept),
    chronoSeed: rx(lex.chronoSeed, 'giu'),
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
