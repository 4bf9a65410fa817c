// The dateline opening a dispatch: "KABOUL, 7 juillet 2021 (AFP) -", "NAIROBI, July 7 (Reuters) -",
// "Bamako (AFP) -", "PARIS, 3 mars (AFP) —". It gives the document its place of filing, its outlet
// and, when the source's metadata has none, its date — the anchor every relative date of the text
// ("hier", "last Tuesday") is resolved against, so it must be settled before extraction.
//
// A few small named rules, each one regex tried at the start of the first paragraphs; the words
// are data: month and weekday names from each language's time lexicon (src/lexicons/<lang>/time.json),
// outlets, place connectors and dashes from src/lexicons/datelines.json.
import { languagesWith, loadLexicon } from '../lexicons/load.js';
import type { Dateline, Document, PublishedFrom } from '../types.js';

interface DatelineLexicon {
  outlets: Record<string, string[]>;
  placeConnectors: string[];
  dashes: string[];
}

interface TimeWords {
  words: { MONTH: Record<string, number>; WD: Record<string, number> };
}

interface Rule {
  name: string;
  re: RegExp;
  /** A check the regex cannot express (e.g. the place written in capitals). */
  accept?: (m: RegExpExecArray) => boolean;
}

interface LangRules {
  rules: Rule[];
  months: Map<string, number>;
  outlets: Map<string, string>;
}

/** Paragraphs looked at: a feed item's text opens with its title, a page's with a standfirst. */
const MAX_PARAGRAPHS = 3;
const MAX_HEAD_CHARS = 2000;

// Under the u flag only syntax characters may be escaped ("\-" is an error outside a class).
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** "juillet" → juillet, Juillet, JUILLET: datelines write months in any of the three. */
function caseForms(word: string): string[] {
  const cap = word.charAt(0).toUpperCase() + word.slice(1);
  return [...new Set([word, cap, word.toUpperCase()])];
}

/** One alternation, longest first so "sept." is tried before "sept". */
function alternation(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join('|');
}

function datelineLexicon(): DatelineLexicon {
  const lex = loadLexicon<DatelineLexicon>('.', 'datelines');
  if (!lex) throw new Error('vigie: src/lexicons/datelines.json is missing');
  return lex;
}

const cache = new Map<string, LangRules | null>();

/** The rules of one language, compiled once; null when it has no time lexicon (no month names). */
function rulesFor(lang: string): LangRules | null {
  if (cache.has(lang)) return cache.get(lang)!;
  const time = loadLexicon<TimeWords>(lang, 'time');
  if (!time) {
    cache.set(lang, null);
    return null;
  }
  const lex = datelineLexicon();
  const months = new Map<string, number>();
  for (const [w, n] of Object.entries(time.words.MONTH)) for (const f of caseForms(w)) months.set(f, n);
  const outlets = new Map<string, string>();
  for (const [name, forms] of Object.entries(lex.outlets)) for (const f of forms) outlets.set(f, name);
  const weekdays = Object.keys(time.words.WD).flatMap(caseForms);

  const S = '[ \\t]+';
  const word = "\\p{Lu}[\\p{L}\\p{M}'’.]*(?:-\\p{L}[\\p{L}\\p{M}'’.]*)*";
  const conn = `(?:${alternation(lex.placeConnectors)})`;
  const place = `${word}(?:${S}(?:${conn}${S})?${word}){0,3}`;
  const month = `(?:${alternation(months.keys())})(?![\\p{L}])`;
  const date =
    `(?:(?:${alternation(weekdays)})${S})?` +
    `(?:(?<day1>\\d{1,2})(?:er|st|nd|rd|th)?${S}(?<mon1>${month})|(?<mon2>${month})${S}(?<day2>\\d{1,2})(?:st|nd|rd|th)?(?!\\d))` +
    `(?:,?${S}(?<year>\\d{4}))?(?!\\d)`;
  const outletName = `(?:${alternation(outlets.keys())})`;
  const outlet = `\\((?<outlet>${outletName})(?:[ \\t]*[/,][ \\t]*${outletName})*\\)`;
  // With a date before it, the shape itself says "dateline": any capitalised name in parentheses
  // is the outlet ("(Agence Méridienne)", a paper's own name), not only the agencies listed.
  const anyOutlet = `\\((?<anyOutlet>\\p{Lu}[\\p{L}\\p{M}'’.&-]*(?:[ \\t]+(?:${conn}[ \\t]+)?\\p{Lu}[\\p{L}\\p{M}'’.&-]*){0,4})\\)`;
  // "Goma (RD Congo), …": the country or region the wire adds in parentheses after the place.
  const aside = `(?:[ \\t]*\\([^()\\n]{1,40}\\))?`;
  const dash = `(?:${alternation(lex.dashes)})`;
  const region = `(?:,${S}${place})?`;
  const rule = (name: string, body: string, accept?: Rule['accept']): Rule => ({ name, re: new RegExp(body, 'duy'), accept });
  const rules = [
    // "KABOUL, 7 juillet 2021 (AFP) -", "NAIROBI, July 7 (Reuters) -", "KABUL, Afghanistan, July 7 (AP) —"
    // "Goma (RD Congo), 6 mars 2024 (Agence Méridienne) -"
    rule('place-date-outlet', `(?<place>${place})${aside}${region},${S}(?<date>${date})[ \\t]*(?:${outlet}|${anyOutlet})[ \\t]*${dash}`),
    // "Bamako (AFP) -", "KABUL, Afghanistan (AP) —", "Goma (RD Congo) (AFP) -"
    rule('place-outlet', `(?<place>${place})${aside}${region}[ \\t]*${outlet}[ \\t]*${dash}`),
    // "BEIRUT, July 7 —": without an outlet only a place in capitals says "dateline"; "Paris, 3
    // mars — une exposition…" may be a title or a list.
    rule('capitals-date', `(?<place>${place}),${S}(?<date>${date})[ \\t]*${dash}`, (m) => writtenInCapitals(m.groups!.place)),
  ];
  const compiled = { rules, months, outlets };
  cache.set(lang, compiled);
  return compiled;
}

function writtenInCapitals(s: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
}

/** Where the first paragraphs begin (after their leading blanks). */
function paragraphStarts(text: string): number[] {
  const starts: number[] = [];
  let i = 0;
  while (i < text.length && i < MAX_HEAD_CHARS && starts.length < MAX_PARAGRAPHS) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length || i >= MAX_HEAD_CHARS) break;
    starts.push(i);
    const nl = text.indexOf('\n', i);
    if (nl === -1) break;
    i = nl + 1;
  }
  return starts;
}

const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The year of a day and month written without one, from a context date: the nearest such day,
 * one ahead of the context counting double (a dispatch reports what happened, and is filed after).
 * "30 décembre" read on 2 January is last year's.
 */
export function yearNear(month: number, day: number, context: { y: number; m: number; d: number }): number {
  const ref = Date.UTC(context.y, context.m - 1, context.d);
  let best = context.y;
  let bestCost = Infinity;
  for (const y of [context.y - 1, context.y, context.y + 1]) {
    if (day > daysInMonth(y, month)) continue;
    const delta = (Date.UTC(y, month - 1, day) - ref) / DAY_MS;
    const cost = delta > 0 ? delta * 2 : -delta;
    if (cost < bestCost) (best = y), (bestCost = cost);
  }
  return best;
}

function parseDay(value: string | null | undefined): { y: number; m: number; d: number } | null {
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim()) : null;
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export interface DatelineOptions {
  /** Language of the text when known: its rules are tried first. */
  lang?: string | null;
  /** A date the text was published around (source, batch): the year of a dateline without one. */
  context?: string | null;
  /** Today, for a dateline without year and without context (tests fix it). */
  today?: Date;
}

/** The dateline opening `text`, or null. Offsets are into `text`. */
export function readDateline(text: string, opts: DatelineOptions = {}): Dateline | null {
  const langs = languagesWith('time');
  const order = opts.lang && langs.includes(opts.lang) ? [opts.lang, ...langs.filter((l) => l !== opts.lang)] : langs;
  const starts = paragraphStarts(text);
  for (const at of starts) {
    for (const lang of order) {
      const lr = rulesFor(lang);
      if (!lr) continue;
      for (const rule of lr.rules) {
        rule.re.lastIndex = at;
        const m = rule.re.exec(text);
        if (!m || (rule.accept && !rule.accept(m))) continue;
        return datelineFrom(text, m, rule.name, lr, opts);
      }
    }
  }
  return null;
}

function datelineFrom(text: string, m: RegExpExecArray, rule: string, lr: LangRules, opts: DatelineOptions): Dateline {
  const idx = m.indices!.groups!;
  const span = (name: string) => {
    const [start, end] = idx[name]!;
    return { start, end, text: text.slice(start, end) };
  };
  const g = m.groups!;
  const outlet = g.outlet
    ? { ...span('outlet'), name: lr.outlets.get(g.outlet) ?? g.outlet }
    : g.anyOutlet ? { ...span('anyOutlet'), name: g.anyOutlet } : null;
  let date: Dateline['date'] = null;
  if (g.date) {
    const month = lr.months.get(g.mon1 ?? g.mon2)!;
    const day = Number(g.day1 ?? g.day2);
    let year: number;
    let yearFrom: 'text' | 'context' | 'current';
    const context = parseDay(opts.context);
    if (g.year) (year = Number(g.year)), (yearFrom = 'text');
    else if (context) (year = yearNear(month, day, context)), (yearFrom = 'context');
    else {
      const today = opts.today ?? new Date();
      year = yearNear(month, day, { y: today.getUTCFullYear(), m: today.getUTCMonth() + 1, d: today.getUTCDate() });
      yearFrom = 'current';
    }
    if (day >= 1 && day <= daysInMonth(year, month)) {
      date = { ...span('date'), value: `${year}-${pad2(month)}-${pad2(day)}`, yearFrom };
    }
  }
  return { start: m.index, end: m.index + m[0].length, text: m[0], place: span('place'), outlet, date, rule };
}

export interface SettleContext {
  /** The batch's --published and --source: used when neither the source nor the text say. */
  batch?: { published?: string | null; source?: string | null };
  /** A date the document was published around, from its container (a feed's date, an HTTP
   *  Last-Modified): the year of a dateline without one. */
  contextDate?: string | null;
  today?: Date;
}

/**
 * The document's date and outlet, settled before extraction. The date: the source's (document
 * field, feed item, page metadata), else the dateline's, else the batch's --published, else
 * unknown. The outlet: the source's (feed title, site name), else the batch's --source, else the
 * dateline's agency. The dateline itself is kept on the document either way.
 */
export function settleDocument<D extends Omit<Document, 'id'>>(doc: D, ctx: SettleContext = {}): D & Pick<Document, 'lang' | 'published' | 'publishedFrom' | 'source' | 'dateline'> {
  const own = doc.published || null;
  const batchPublished = ctx.batch?.published || null;
  const dateline = readDateline(doc.text, { lang: doc.lang, context: own ?? ctx.contextDate ?? batchPublished, today: ctx.today });
  let published: string | null;
  let from: PublishedFrom;
  if (own) (published = own), (from = 'source');
  else if (dateline?.date) (published = dateline.date.value), (from = 'dateline');
  else if (batchPublished) (published = batchPublished), (from = 'batch');
  else (published = null), (from = 'unknown');
  const source = doc.source || ctx.batch?.source || dateline?.outlet?.name || null;
  return { ...doc, lang: doc.lang ?? null, published, publishedFrom: from, source, dateline };
}
