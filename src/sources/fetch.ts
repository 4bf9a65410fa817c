// Fetching a page or a feed over HTTP(S) with Node's fetch, bounded: a time limit for the whole
// exchange (headers and body), a size limit read as the body arrives (a 30 MB page or an endless
// stream stops at the limit, it is not buffered first), a bounded number of redirects followed by
// hand (a feed that redirects forever is an error naming where it went), and conditional requests
// (If-None-Match / If-Modified-Since) for `vigie watch`. Every failure is an InputProblem whose
// message says what happened in words.
import { formatBytes, InputProblem } from '../io/validate.js';

export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface FetchOptions {
  timeoutMs?: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  maxRedirects?: number;
  /** Validators from the previous fetch: the server may answer 304 Not Modified. */
  etag?: string | null;
  lastModified?: string | null;
  /** Stops the request (watch stopping on SIGINT). */
  signal?: AbortSignal;
}

export interface Fetched {
  /** 200 with a body, or 304: nothing changed since the validators given. */
  status: 200 | 304;
  /** Where the body came from, after redirects. */
  url: string;
  body: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
}

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

const USER_AGENT = 'vigie (news dispatch reader; +https://github.com/)';

/** The body of a response, refused as soon as it passes `maxBytes`. */
async function boundedBody(res: Response, maxBytes: number, url: string): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new InputProblem(`${url}: ${formatBytes(declared)} is over the ${formatBytes(maxBytes)} limit (--max-bytes)`, 'text', 'too-large');
  }
  if (!res.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new InputProblem(`${url}: more than ${formatBytes(maxBytes)} (--max-bytes); stopped reading`, 'text', 'too-large');
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, size);
}

function networkReason(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ENOTFOUND') return 'no such host';
  if (cause?.code === 'ECONNRESET') return 'connection reset';
  return cause?.message ?? err.message;
}

/** GET `url`, following at most `maxRedirects` redirects, within the time and size limits. */
export async function fetchSource(url: string, opts: FetchOptions): Promise<Fetched> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout.signal, opts.signal]) : timeout.signal;
  let current = url;
  try {
    for (let hops = 0; ; hops++) {
      const headers: Record<string, string> = {
        'user-agent': USER_AGENT,
        accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9, text/plain;q=0.8, */*;q=0.5',
      };
      if (opts.etag) headers['if-none-match'] = opts.etag;
      if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
      let res: Response;
      try {
        res = await fetch(current, { headers, redirect: 'manual', signal });
      } catch (e) {
        throw failure(e, timeout.signal, opts.signal, timeoutMs, current);
      }
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel().catch(() => {});
        const location = res.headers.get('location');
        if (!location) throw new InputProblem(`${current}: HTTP ${res.status} redirect without a Location`);
        if (hops >= maxRedirects) throw new InputProblem(`${url}: more than ${maxRedirects} redirects (last to ${new URL(location, current).href})`);
        current = new URL(location, current).href;
        if (!isUrl(current)) throw new InputProblem(`${url}: redirected to ${current}, not an http(s) address`);
        continue;
      }
      const validators = { etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
      if (res.status === 304) {
        await res.body?.cancel().catch(() => {});
        return { status: 304, url: current, body: Buffer.alloc(0), contentType: null, ...validators };
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        throw new InputProblem(`${current}: HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`);
      }
      let body: Buffer;
      try {
        body = await boundedBody(res, opts.maxBytes, current);
      } catch (e) {
        if (e instanceof InputProblem) throw e;
        throw failure(e, timeout.signal, opts.signal, timeoutMs, current);
      }
      return { status: 200, url: current, body, contentType: res.headers.get('content-type'), ...validators };
    }
  } finally {
    clearTimeout(timer);
  }
}

function failure(e: unknown, timeout: AbortSignal, stop: AbortSignal | undefined, timeoutMs: number, url: string): InputProblem {
  if (stop?.aborted) return new InputProblem(`${url}: stopped`);
  if (timeout.aborted) return new InputProblem(`${url}: no complete answer within ${Math.round(timeoutMs / 100) / 10} s (timed out)`);
  return new InputProblem(`${url}: could not be fetched (${networkReason(e)})`);
}
