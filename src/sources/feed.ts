// RSS and Atom feeds as documents (rss-parser over xml2js). Each item is one document: its title
// and its body (content:encoded, else the description or Atom content, else the summary), HTML
// stripped by the same reader as pages, the link as its URL, its date as `published`, the feed's
// title as the outlet. An item without text is an error for that item; a feed that does not parse
// is one error for the feed.
import Parser from 'rss-parser';
import { createHash } from 'node:crypto';
import { InputProblem, knownLang } from '../io/validate.js';
import type { Document } from '../types.js';
import { htmlToText } from './html.js';
import { normalisePublished } from './published.js';

interface ItemExtras {
  contentEncoded?: string;
  published?: string;
  updated?: string;
  id?: string;
  creator?: string;
  author?: string | { name?: string[] | string };
  dcDate?: string;
}
interface FeedExtras {
  language?: string;
  lastBuildDate?: string;
  updated?: string;
}

const parser = new Parser<FeedExtras, ItemExtras>({
  customFields: {
    feed: ['language', 'lastBuildDate', 'updated'],
    // Atom's <published> as written: rss-parser's pubDate turns it into UTC and loses the day the
    // outlet gave (an evening dispatch west of Greenwich moves to the next day).
    item: [['content:encoded', 'contentEncoded'], 'published', 'updated', ['dc:date', 'dcDate'], 'author'],
  },
});

export interface FeedItem {
  /** The item's identity in its feed: guid, Atom id, else link, else a hash of title and date. */
  key: string;
  /** "feed.xml item 3 <http://…/a>": what a message names. */
  origin: string;
  /** The document, not yet settled (no dateline read, no defaults applied), or why there is none. */
  doc: Document | null;
  error: string | null;
  /** The feed's date, for the year of a dateline without one. */
  contextDate: string | null;
}

export interface FeedRead {
  title: string | null;
  items: FeedItem[];
}

/** "https://news.example/2023/03/flood.html" → "news.example-2023-03-flood": a readable id. */
export function idFromUrl(url: string): string {
  let s = url.trim();
  try {
    const u = new URL(s);
    s = `${u.hostname}${u.pathname}${u.search}`;
  } catch {
    // a guid that is no URL ("urn:uuid:…", "item-12") is an id as it is
  }
  s = s.replace(/\.(s?html?|php|aspx?)$/i, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  if (s.length > 120) s = `${s.slice(0, 100)}-${createHash('sha256').update(url).digest('hex').slice(0, 8)}`;
  return s || createHash('sha256').update(url).digest('hex').slice(0, 16);
}

function authorName(a: ItemExtras['author']): string | null {
  if (!a) return null;
  if (typeof a === 'string') return a.trim() || null;
  const n = Array.isArray(a.name) ? a.name[0] : a.name;
  return typeof n === 'string' && n.trim() ? n.trim() : null;
}

/** The xml:lang of an Atom feed's root, which rss-parser does not report. */
function atomLang(xml: string): string | null {
  return /<feed\b[^>]*\bxml:lang\s*=\s*["']([^"']+)["']/i.exec(xml.slice(0, 4096))?.[1] ?? null;
}

/** A feed's items as documents; throws an InputProblem when the feed as a whole cannot be read. */
export async function readFeed(xml: string, origin: string): Promise<FeedRead> {
  let feed;
  try {
    feed = await parser.parseString(xml);
  } catch (e) {
    const why = String((e as Error).message ?? e).split('\n')[0];
    throw new InputProblem(`not a readable RSS or Atom feed (${why})`);
  }
  const title = feed.title?.replace(/\s+/g, ' ').trim() || null;
  const lang = knownLang(feed.language ?? atomLang(xml) ?? '') ?? null;
  const feedDate = normalisePublished(feed.lastBuildDate) ?? normalisePublished(feed.updated);
  const items = (feed.items ?? []).map((item, i): FeedItem => {
    const n = i + 1;
    const link = item.link?.trim() || null;
    const guid = (typeof item.guid === 'string' ? item.guid : null) ?? item.id ?? null;
    const itemTitle = item.title?.replace(/\s+/g, ' ').trim() || null;
    const date = item.published ?? item.pubDate ?? item.dcDate ?? item.isoDate ?? null;
    const key = guid?.trim() || link || `sha256:${createHash('sha256').update(`${itemTitle}\n${date}`).digest('hex').slice(0, 32)}`;
    const named = `${origin} item ${n}${guid || link ? ` <${guid || link}>` : ''}`;
    try {
      const bodyHtml = item.contentEncoded || item.content || item.summary || '';
      const body = htmlToText(bodyHtml);
      const text = [itemTitle, body].filter(Boolean).join('\n\n');
      if (!text.trim()) throw new InputProblem('feed item without title or text');
      const doc: Document = {
        id: idFromUrl(guid || link || key),
        text,
        title: itemTitle,
        url: link,
        published: normalisePublished(date) ?? normalisePublished(item.isoDate),
        source: title,
        lang,
        byline: authorName(item.author) ?? item.creator?.trim() ?? null,
      };
      return { key, origin: named, doc, error: null, contextDate: feedDate };
    } catch (e) {
      return { key, origin: named, doc: null, error: e instanceof InputProblem ? e.message : `unreadable item: ${(e as Error).message}`, contextDate: feedDate };
    }
  });
  return { title, items };
}
