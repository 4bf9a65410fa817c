// One validation for every door. A document reaches the pipeline from files, JSON Lines, stdin
// (the CLI) or a POST body (the API); each door used to have its own idea of what a document is,
// so the API took NUL bytes, binary junk and numbers as text that the CLI refused. Every door
// now asks this module, and a refusal reads the same wherever it came from.
//
// Messages name the field in words ("published 2021-02-30 is not a calendar date …") and say
// what would be accepted; the caller adds which document it was (file, file:line, id).
import { z } from 'zod';
import { SUPPORTED_LANGS } from '../pipeline/language.js';
import type { Document } from '../types.js';

/** Largest single document accepted; a wire dispatch is a few KB, a long report a few hundred. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Bound of the metadata strings, so a runaway value cannot fill the store's indexes. */
export const MAX_ID_LENGTH = 300;
export const MAX_SOURCE_LENGTH = 200;

/** A document that cannot go through, and why. `field` is the offending field, if one is to blame. */
export class InputProblem extends Error {
  constructor(
    message: string,
    readonly field: string | null = null,
    /** 'too-large' lets the API answer 413 instead of 400; everything else is plain bad input. */
    readonly kind: 'invalid' | 'too-large' = 'invalid',
  ) {
    super(message);
  }
}

/** "12.3 MB", "2.0 KB", "900 bytes": a limit of a few bytes (tests, --max-bytes 500) must not read "0 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1048576).toFixed(1)} MB`;
}

export function tooLarge(size: number, maxBytes: number): InputProblem {
  return new InputProblem(`${formatBytes(size)} is over the ${formatBytes(maxBytes)} limit for one document (--max-bytes)`, 'text', 'too-large');
}

// With the u flag \p{Cs} matches only unpaired surrogates: a well-formed pair is one code point.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The text of a document, whatever door it came through: refused when blank, over the limit, or
 * holding what no dispatch holds (NUL, a lone surrogate that UTF-8 cannot even encode, a run of
 * control characters). Files are also checked as bytes first (decodeText); this is the check on
 * the decoded string, which a JSON "\u0000" escape or a POST body reaches without any bytes.
 */
export function checkText(text: string, maxBytes: number = DEFAULT_MAX_BYTES): void {
  if (!text.trim()) throw new InputProblem('empty document (no text)', 'text');
  // Cheap bound first: UTF-8 needs at least one byte per UTF-16 unit and at most three.
  if (text.length * 3 > maxBytes) {
    const size = Buffer.byteLength(text, 'utf8');
    if (size > maxBytes) throw tooLarge(size, maxBytes);
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) throw new InputProblem(`binary content (NUL character at index ${nul}), not a text document`, 'text');
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const hex = lone[0].charCodeAt(0).toString(16).toUpperCase();
    throw new InputProblem(`text is not valid Unicode (lone surrogate \\u${hex} at index ${lone.index})`, 'text');
  }
  // Same share as decodeText's byte check, so a file and its JSON Lines copy get the same answer.
  const head = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c < 0x09 || (c > 0x0d && c < 0x20)) control++;
  }
  if (control > head.length * 0.1) throw new InputProblem('binary content (control characters), not a text document', 'text');
}

const DATE_OR_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/i;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const PUBLISHED_FORMS = 'YYYY-MM-DD or a full ISO 8601 timestamp (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM])';

/**
 * Why a dateline is refused, or null when it is a real day (and time). A date that only looks
 * right (2021-02-30) would be read by the time stage as an anchor for "hier", "mardi", and shift
 * every relative date of the dispatch to a day that never was.
 */
export function publishedProblem(value: string): string | null {
  const m = DATE_OR_TIMESTAMP.exec(value.trim());
  if (!m) return `expected ${PUBLISHED_FORMS}`;
  const [, y, mo, d, hh, mm, ss, , oh, om] = m;
  const month = Number(mo);
  if (month < 1 || month > 12) return `not a calendar date (there is no month ${mo})`;
  // Day 0 of the next month is the last day of this one (UTC, so no time zone shifts it).
  const last = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  const day = Number(d);
  if (day < 1 || day > last) return `not a calendar date (${MONTHS[month - 1]} ${y} has ${last} days)`;
  if (hh !== undefined && (Number(hh) > 23 || Number(mm) > 59 || (ss !== undefined && Number(ss) > 59))) {
    return `not a time of day (expected ${PUBLISHED_FORMS})`;
  }
  if (oh !== undefined && (Number(oh) > 14 || Number(om) > 59)) return 'not a UTC offset (at most ±14:00)';
  return null;
}

/** The languages the pipeline has lexicons for: the list lives with the language stage. */
export const ACCEPTED_LANGS: readonly string[] = SUPPORTED_LANGS;

/**
 * A caller's language as one of ours ("fr", "FR", "fr-CA", "en_GB" → fr / en), or null. Anything
 * else is refused rather than run as 'other': the stages have no lexicon for it, so the record
 * would come back empty and look like a dispatch where nothing happened.
 */
export function knownLang(value: string): string | null {
  const m = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/i.exec(value.trim());
  const primary = m?.[1].toLowerCase();
  return primary && ACCEPTED_LANGS.includes(primary) ? primary : null;
}

export function langProblem(): string {
  return `not a language Vigie reads (accepted: ${ACCEPTED_LANGS.join(', ')})`;
}

// Zod at the edge: the shape and the types of a posted or JSON Lines document. zod's own words
// ("Expected string, received number") are replaced by ones that name the field.
function typeMessage(field: string) {
  return (issue: z.ZodIssueOptionalMessage, ctx: { defaultError: string }) => {
    if (issue.code !== z.ZodIssueCode.invalid_type) return { message: `${field}: ${ctx.defaultError}` };
    if (issue.received === 'undefined') return { message: `${field} is missing` };
    return { message: `${field} must be a string, not ${issue.received === 'null' ? 'null' : issue.received}` };
  };
}

/** Optional metadata: absent, null or "" all mean "not given" (feeds write all three). */
function optionalString(field: string, max: number) {
  return z
    .string({ errorMap: typeMessage(field) })
    .max(max, `${field} is longer than ${max} characters`)
    .nullish()
    .transform((s) => (s === '' || s == null ? null : s));
}

export const DocumentInput = z.object({
  text: z.string({ errorMap: typeMessage('text') }),
  id: z
    .string({ errorMap: typeMessage('id') })
    .min(1, 'id is empty (leave it out to get one)')
    .max(MAX_ID_LENGTH, `id is longer than ${MAX_ID_LENGTH} characters`)
    .nullish(),
  lang: optionalString('lang', 40).superRefine((v, ctx) => {
    if (v !== null && !knownLang(v)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `lang ${JSON.stringify(v)}: ${langProblem()}` });
  }).transform((v) => (v === null ? null : knownLang(v))),
  published: optionalString('published', 40).superRefine((v, ctx) => {
    const why = v === null ? null : publishedProblem(v);
    if (why) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `published ${JSON.stringify(v)}: ${why}` });
  }),
  source: optionalString('source', MAX_SOURCE_LENGTH),
  url: optionalString('url', 4000),
  title: optionalString('title', 2000),
});

export interface ValidateOptions {
  maxBytes?: number;
}

/** The id a document declares, if it declares a usable one: to name it in a refusal. */
export function declaredId(value: unknown): string | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const id = (value as { id?: unknown }).id;
    if (typeof id === 'string' && id && id.length <= MAX_ID_LENGTH) return id;
  }
  return null;
}

/**
 * A value parsed from JSON (a JSON Lines line, a POST body) as a document, or an InputProblem
 * naming the first thing wrong with it. The id is left undefined when the document has none:
 * each door has its own fallback (file-line, "posted").
 */
export function validateDocument(value: unknown, opts: ValidateOptions = {}): Omit<Document, 'id'> & { id?: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : value === undefined ? 'nothing' : `a ${typeof value}`;
    throw new InputProblem(`expected a JSON object {"text", "id?", "lang?", "published?", "source?"}, not ${got}`, 'body');
  }
  const parsed = DocumentInput.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new InputProblem(first.message, String(first.path[0] ?? 'body'));
  }
  checkText(parsed.data.text, opts.maxBytes);
  const { id, ...rest } = parsed.data;
  return id == null ? rest : { ...rest, id };
}

/**
 * The values given once for a whole batch (--lang, --published, --source), checked before any
 * file is read: a typo there would otherwise fail every document the same way.
 * Returns the problem as "--flag value: reason", or null.
 */
export function defaultsProblem(d: { lang?: string | null; published?: string | null; source?: string | null }): string | null {
  if (d.lang != null && !knownLang(d.lang)) return `--lang ${d.lang}: ${langProblem()}`;
  if (d.published != null) {
    const why = publishedProblem(d.published);
    if (why) return `--published ${d.published}: ${why}`;
  }
  if (d.source != null && d.source.length > MAX_SOURCE_LENGTH) return `--source: longer than ${MAX_SOURCE_LENGTH} characters`;
  return null;
}
