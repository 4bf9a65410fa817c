// Bytes of a page, a feed or a text — from a URL, a file or stdin — as input items. What they are
// is decided by what they say first (`<rss`, `<feed`, `<html`), helped by the file's extension or
// the response's Content-Type when the start is ambiguous; how they are decoded by their declared
// charset (HTTP header, <meta charset>, XML declaration), UTF-8 when none.
import { decodeText, type InputItem, type ReadOptions } from '../io/input.js';
import { checkText, DEFAULT_MAX_BYTES, InputProblem, knownLang, tooLarge } from '../io/validate.js';
import type { Document } from '../types.js';
import { settleDocument } from './dateline.js';
// The feed and HTML readers (rss-parser, linkedom, Readability) are loaded when a feed or a page
// first comes: a command that reads only texts (`vigie extract note.txt`) starts without them.
const feedReader = () => import('./feed.js');
const htmlReader = () => import('./html.js');

export type SourceKind = 'feed' | 'html' | 'text';

export const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);
export const FEED_EXTENSIONS = new Set(['.rss', '.atom', '.xml']);

export interface SourceHints {
  /** File extension, lower case with its dot. */
  ext?: string | null;
  contentType?: string | null;
}

/**
 * What a body is, from its first kilobytes: a feed root (`<rss`, `<feed`, `<rdf:RDF`), an HTML
 * page (`<!DOCTYPE html`, `<html`, or a body of tags served as text/html), else plain text.
 */
export function sniffKind(head: string, hints: SourceHints = {}): SourceKind {
  const start = head.slice(0, 4096).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (!start.startsWith('<')) return 'text';
  // past the XML declaration, comments and processing instructions
  const body = start.replace(/^(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*)*/, '');
  if (/^<(?:rss|feed|rdf:rdf)[\s>]/.test(body)) return 'feed';
  if (/^<!doctype\s+html|^<html[\s>]/.test(body)) return 'html';
  const type = hints.contentType?.toLowerCase() ?? '';
  if (/(rss|atom)\+xml/.test(type) || FEED_EXTENSIONS.has(hints.ext ?? '')) return /<(?:rss|feed|rdf:rdf)[\s>]/.test(start) ? 'feed' : 'html';
  if (type.includes('text/html') || HTML_EXTENSIONS.has(hints.ext ?? '')) return 'html';
  // Tags a reader would call a page (<head>, <body>, <p>, <div>…) without a doctype.
  return /<(?:head|body|article|p|div|h1)[\s>]/.test(body.slice(0, 1024)) ? 'html' : 'text';
}

/** The charset a body declares: Content-Type, then <meta charset>, then the XML declaration. */
export function declaredCharset(bytes: Uint8Array, contentType?: string | null): string | null {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader.toLowerCase();
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1];
  return meta ? meta.toLowerCase() : null;
}

/** Bytes as text in their declared charset; UTF-8 bytes get decodeText's checks (binary, invalid). */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  const charset = declaredCharset(bytes, contentType);
  if (!charset || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii') return decodeText(bytes);
  if (bytes.length === 0) throw new InputProblem('empty file');
  if (bytes.subarray(0, 8192).includes(0)) throw new InputProblem('binary content (NUL bytes), not a text document');
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    throw new InputProblem(`declares the charset ${JSON.stringify(charset)}, which this reader does not know; convert it to UTF-8 first`);
  }
  return decoder.decode(bytes);
}

/**
 * A document as it enters the pipeline: its language (or the batch's), its dateline read and its
 * date and outlet settled (src/sources/dateline.ts), its text checked like any other door's.
 */
export function finishDocument(doc: Document, opts: ReadOptions, contextDate: string | null = null): Document {
  checkText(doc.text, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  return settleDocument({ ...doc, lang: doc.lang ?? opts.defaults?.lang ?? null }, { batch: opts.defaults, contextDate });
}

export interface SourceBody {
  bytes: Uint8Array;
  /** The name messages give (path, URL). */
  origin: string;
  /** The document's id when it is one document (page, text). */
  id: string;
  url?: string | null;
  hints?: SourceHints;
  /** A date the body was published around (HTTP Last-Modified): the year of a dateline without one. */
  contextDate?: string | null;
}

function problemItem(origin: string, e: unknown): InputItem & { kind: 'error' } {
  return { kind: 'error', origin, message: e instanceof InputProblem ? e.message : `unreadable: ${(e as Error).message}` };
}

/** The documents of one body: the items of a feed, the article of a page, or the text itself. */
export async function* readSourceBody(src: SourceBody, opts: ReadOptions): AsyncGenerator<InputItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let text: string;
  let kind: SourceKind;
  try {
    text = decodeBody(src.bytes, src.hints?.contentType);
    kind = sniffKind(text, src.hints);
    // A feed holds many documents, each checked on its own; one page or text is one document.
    if (kind !== 'feed' && src.bytes.length > maxBytes) throw tooLarge(src.bytes.length, maxBytes);
  } catch (e) {
    yield problemItem(src.origin, e);
    return;
  }
  if (kind === 'feed') {
    let feed;
    try {
      feed = await (await feedReader()).readFeed(text, src.origin);
    } catch (e) {
      yield problemItem(src.origin, e);
      return;
    }
    if (feed.items.length === 0) yield { kind: 'error', origin: src.origin, message: 'feed without items' };
    for (const item of feed.items) {
      if (!item.doc) {
        yield { kind: 'error', origin: item.origin, message: item.error ?? 'unreadable item', key: item.key };
        continue;
      }
      try {
        yield { kind: 'document', origin: item.origin, key: item.key, doc: finishDocument(item.doc, opts, item.contextDate ?? src.contextDate ?? null) };
      } catch (e) {
        yield { ...problemItem(item.origin, e), key: item.key };
      }
    }
    return;
  }
  const readHtmlPage = kind === 'html' ? (await htmlReader()).readHtmlPage : null;
  try {
    let doc: Document;
    if (readHtmlPage) {
      const page = readHtmlPage(text);
      doc = {
        id: src.id, text: page.text, title: page.title, url: src.url ?? null, published: page.published,
        lang: page.lang ? knownLang(page.lang) : null, source: page.siteName, byline: page.byline,
      };
    } else doc = { id: src.id, text, url: src.url ?? null };
    yield { kind: 'document', origin: src.origin, key: src.url ?? src.origin, doc: finishDocument(doc, opts, src.contextDate ?? null) };
  } catch (e) {
    yield problemItem(src.origin, e);
  }
}
