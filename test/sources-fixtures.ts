// A local HTTP server for the sources tests (127.0.0.1, port 0: no outside network) and pages and
// feeds of our own. Routes answer with ETag / Last-Modified and honour conditional requests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  body?: string | Buffer;
  type?: string;
  status?: number;
  etag?: string;
  lastModified?: string;
  /** Custom handling (redirects, hanging, huge bodies). */
  handle?: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface TestServer {
  url: (path: string) => string;
  routes: Map<string, Route>;
  /** Requests by path, and how many were answered 304. */
  hits: Map<string, number>;
  notModified: Map<string, number>;
  close: () => Promise<void>;
}

export async function startServer(routes: Record<string, Route> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const hits = new Map<string, number>();
  const notModified = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const r = table.get(path);
    if (!r) {
      res.writeHead(404).end('not found');
      return;
    }
    if (r.handle) return r.handle(req, res);
    const fresh = (r.etag && req.headers['if-none-match'] === r.etag) ||
      (!r.etag && r.lastModified && req.headers['if-modified-since'] === r.lastModified);
    const headers: Record<string, string> = { 'content-type': r.type ?? 'text/html; charset=utf-8' };
    if (r.etag) headers.etag = r.etag;
    if (r.lastModified) headers['last-modified'] = r.lastModified;
    if (fresh) {
      notModified.set(path, (notModified.get(path) ?? 0) + 1);
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(r.status ?? 200, headers).end(r.body ?? '');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    routes: table,
    hits,
    notModified,
    close: () => new Promise((done) => {
      server.closeAllConnections();
      server.close(() => done());
    }),
  };
}

export function page(opts: { lang: string; title: string; published?: string; site?: string; author?: string; paragraphs: string[] }): string {
  const meta = [
    opts.published ? `<meta property="article:published_time" content="${opts.published}">` : '',
    opts.site ? `<meta property="og:site_name" content="${opts.site}">` : '',
    opts.author ? `<meta name="author" content="${opts.author}">` : '',
  ].join('');
  return `<!DOCTYPE html><html lang="${opts.lang}"><head><meta charset="utf-8"><title>${opts.title}</title>${meta}</head>
<body><header><nav><a href="/">Home</a> · <a href="/world">World</a> · <a href="/sport">Sport</a></nav></header>
<main><article><h1>${opts.title}</h1>${opts.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main>
<footer><p>© The paper · <a href="/about">About</a></p></footer></body></html>`;
}

export interface FeedItemSpec {
  guid: string;
  title: string;
  description: string;
  pubDate?: string;
  link?: string;
}

export function rss(title: string, items: FeedItemSpec[], lang = 'fr'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>http://example.invalid/</link><language>${lang}</language>
${items.map((i) => `<item><title>${esc(i.title)}</title><link>${i.link ?? `http://example.invalid/${i.guid}`}</link><guid isPermaLink="false">${i.guid}</guid>${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}<description>${esc(i.description)}</description></item>`).join('\n')}
</channel></rss>`;
}

export function atom(title: string, entries: { id: string; title: string; html: string; published?: string }[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>${esc(title)}</title><id>urn:test:feed</id><updated>2023-04-02T12:00:00Z</updated>
${entries.map((e) => `<entry><id>${e.id}</id><title>${esc(e.title)}</title><link href="http://example.invalid/${encodeURIComponent(e.id)}"/>${e.published ? `<published>${e.published}</published>` : ''}<updated>2023-04-02T12:00:00Z</updated><content type="html">${esc(e.html)}</content></entry>`).join('\n')}
</feed>`;
}
