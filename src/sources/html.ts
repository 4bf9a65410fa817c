// HTML as documents: the main text of a page (Mozilla's Readability over linkedom's DOM) with the
// page's metadata — title, byline, publication time, language, site — and the plain text of an
// HTML fragment (a feed item's description), with paragraphs kept as blank-line-separated blocks
// so the dateline, the sentences and the headlines stay where a reader sees them.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { InputProblem } from '../io/validate.js';
import { normalisePublished } from './published.js';

/** Below this much main text a page is not an article (a home page, a login wall, an index). */
export const MIN_ARTICLE_CHARS = 80;

export interface PageRead {
  text: string;
  title: string | null;
  byline: string | null;
  /** YYYY-MM-DD or ISO timestamp, checked; null when the page gives none (or none that is a real day). */
  published: string | null;
  /** The page's declared language tag, as written ("fr-FR"); the caller maps it to ours. */
  lang: string | null;
  siteName: string | null;
}

// Minimal views of the DOM nodes we walk: linkedom's types are the DOM's, which this project's
// TypeScript (no DOM lib) does not know.
interface DomNode {
  nodeType: number;
  nodeValue: string | null;
  localName?: string;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  parentNode: DomNode | null;
}
interface DomElement extends DomNode {
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  textContent: string | null;
}
interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement | null;
  title: string;
  querySelector(sel: string): DomElement | null;
  querySelectorAll(sel: string): Iterable<DomElement>;
}

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'aside', 'main', 'blockquote', 'pre', 'ul', 'ol', 'li', 'dl', 'dt',
  'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'td', 'th', 'figure', 'figcaption', 'hr', 'br', 'address',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'canvas', 'head', 'button', 'select']);

/**
 * The text of a DOM subtree as paragraphs separated by a blank line, blanks inside a paragraph
 * collapsed. Iterative: a page nested a hundred thousand deep must not overflow the stack.
 */
function blockText(root: DomNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) paragraphs.push(t);
    current = '';
  };
  // Depth-first without recursion: each element is visited, then its children, then its end.
  const stack: { node: DomNode; leaving: boolean }[] = [];
  pushChildren(stack, root);
  while (stack.length) {
    const { node, leaving } = stack.pop()!;
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = node.localName ?? '';
    if (SKIP.has(tag)) continue;
    const block = BLOCK.has(tag);
    if (leaving) {
      if (block) flush();
      continue;
    }
    if (block) flush();
    stack.push({ node, leaving: true });
    pushChildren(stack, node);
  }
  flush();
  return paragraphs.join('\n\n');
}

/** The children of a node onto the stack, last first, so they come off in document order. */
function pushChildren(stack: { node: DomNode; leaving: boolean }[], node: DomNode): void {
  const kids: DomNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) kids.push(c);
  for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], leaving: false });
}

function parseDocument(html: string): DomDocument {
  return parseHTML(html).document as unknown as DomDocument;
}

/** The plain text of an HTML fragment (a feed description); text without tags comes back as is,
 *  entities decoded, blanks collapsed within paragraphs. */
export function htmlToText(fragment: string): string {
  if (!/[<&]/.test(fragment)) return fragment.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n\n');
  const doc = parseDocument(`<!DOCTYPE html><html><head></head><body>${fragment}</body></html>`);
  return doc.body ? blockText(doc.body) : '';
}

/** meta tags by their property, name or itemprop (lower case), the first of each kept. */
function metaTags(doc: DomDocument): Map<string, string> {
  const tags = new Map<string, string>();
  for (const el of doc.querySelectorAll('meta')) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !tags.has(key)) tags.set(key, content);
    }
  }
  return tags;
}

function firstOf(tags: Map<string, string>, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = tags.get(k);
    if (v) return v;
  }
  return null;
}

/** Every object of the page's JSON-LD blocks (top level, arrays and @graph), unreadable blocks skipped. */
function jsonLdObjects(doc: DomDocument): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const o = v as Record<string, unknown>;
    out.push(o);
    if (o['@graph']) visit(o['@graph'], depth + 1);
  };
  for (const el of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(el.textContent ?? ''), 0);
    } catch {
      // a broken JSON-LD block says nothing; the other metadata still may
    }
  }
  return out;
}

function jsonLdString(objects: Record<string, unknown>[], key: string, sub?: string): string | null {
  for (const o of objects) {
    let v = o[key];
    if (Array.isArray(v)) v = v[0];
    if (sub && v && typeof v === 'object') v = (v as Record<string, unknown>)[sub];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return null;
}

// Meta keys, most specific first (Open Graph article, schema.org, Dublin Core, common CMS tags).
const PUBLISHED_KEYS = [
  'article:published_time', 'og:article:published_time', 'datepublished', 'dc.date.issued', 'dcterms.issued',
  'dcterms.created', 'dc.date', 'date', 'pubdate', 'publishdate', 'publish-date', 'parsely-pub-date', 'sailthru.date',
];
const AUTHOR_KEYS = ['author', 'article:author', 'dc.creator', 'byl', 'parsely-author', 'sailthru.author'];
const TITLE_KEYS = ['og:title', 'twitter:title', 'dc.title'];
const SITE_KEYS = ['og:site_name', 'application-name'];
const LANG_KEYS = ['content-language', 'dc.language', 'og:locale'];

/** The day the page says it was published: meta tags, then JSON-LD, then a <time datetime>. */
function pagePublished(doc: DomDocument, tags: Map<string, string>, ld: Record<string, unknown>[]): string | null {
  const candidates = [
    firstOf(tags, PUBLISHED_KEYS),
    jsonLdString(ld, 'datePublished'),
    ...['time[pubdate][datetime]', 'time[itemprop="datePublished"][datetime]', 'article time[datetime]', 'time[datetime]']
      .map((sel) => doc.querySelector(sel)?.getAttribute('datetime') ?? null),
  ];
  for (const c of candidates) {
    const day = normalisePublished(c);
    if (day) return day;
  }
  return null;
}

const clean = (s: string | null | undefined) => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

/** A byline that is a profile URL says nothing a reader can use. */
const notUrl = (s: string | null) => (s && !/^https?:\/\//i.test(s) ? s : null);

/**
 * A page's main text and metadata, or an InputProblem saying why it is not an article. The
 * metadata is read before Readability runs: it prunes the document it is given.
 */
export function readHtmlPage(html: string): PageRead {
  let doc: DomDocument;
  try {
    doc = parseDocument(html);
  } catch (e) {
    throw new InputProblem(`not readable as HTML (${(e as Error).message})`);
  }
  if (!doc.documentElement || !doc.body) throw new InputProblem('not an HTML page (no <html> or <body>)');
  const tags = metaTags(doc);
  const ld = jsonLdObjects(doc);
  const published = pagePublished(doc, tags, ld);
  const lang = clean(doc.documentElement.getAttribute('lang')) ?? clean(firstOf(tags, LANG_KEYS)) ?? clean(jsonLdString(ld, 'inLanguage'));
  const metaTitle = clean(firstOf(tags, TITLE_KEYS)) ?? clean(jsonLdString(ld, 'headline'));
  const byline = clean(notUrl(firstOf(tags, AUTHOR_KEYS))) ?? clean(jsonLdString(ld, 'author', 'name')) ?? clean(jsonLdString(ld, 'author'));
  const siteName = clean(firstOf(tags, SITE_KEYS)) ?? clean(jsonLdString(ld, 'publisher', 'name'));
  let article;
  try {
    article = new Readability(doc as unknown as ConstructorParameters<typeof Readability>[0], {
      serializer: (node) => node as unknown as DomNode,
    }).parse();
  } catch (e) {
    throw new InputProblem(`the main text could not be read (${(e as Error).message})`);
  }
  const text = article?.content ? blockText(article.content) : '';
  if (text.length < MIN_ARTICLE_CHARS) {
    throw new InputProblem(
      text ? `no article text (${text.length} characters of main text; not an article page?)` : 'no main text found (not an article page?)',
    );
  }
  return {
    text,
    title: metaTitle ?? clean(article?.title) ?? clean(doc.title),
    byline: byline ?? clean(notUrl(article?.byline ?? null)),
    published: published ?? normalisePublished(article?.publishedTime),
    lang: lang ?? clean(article?.lang),
    siteName: siteName ?? clean(article?.siteName),
  };
}
