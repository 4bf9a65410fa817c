// Reading dispatches from files, folders, JSON Lines, stdin, HTML pages and RSS/Atom feeds (files
// or http(s) URLs: src/sources/). Bad input never stops a batch:
// every problem becomes an InputError that names the document (file, or file:line), and the
// caller goes on with the rest. What makes a document acceptable is decided in validate.ts, the
// same module the API uses; this file only knows about bytes, lines and folders.
import { createReadStream } from 'node:fs';
import { readdir, stat, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Document } from '../types.js';
import { fetchSource, isUrl } from '../sources/fetch.js';
import { normalisePublished } from '../sources/published.js';
import { FEED_EXTENSIONS, finishDocument, HTML_EXTENSIONS, readSourceBody, sniffKind } from '../sources/read.js';
import { declaredId, DEFAULT_MAX_BYTES, formatBytes, InputProblem, tooLarge, validateDocument } from './validate.js';

export { DEFAULT_MAX_BYTES, InputProblem } from './validate.js';

export interface InputDocument {
  kind: 'document';
  origin: string;
  doc: Document;
  /** Identity of the item in its source (a feed item's guid, a page's URL, a file's path), which
   *  `vigie watch` remembers to tell new items from updated ones. */
  key?: string;
  /** Id of the stored document this one is a newer version of (watch: an updated feed item). */
  replaces?: string | null;
}

export interface InputError {
  kind: 'error';
  origin: string;
  message: string;
  /** Identity of the failed item in its source, when it has one (a feed item's guid). */
  key?: string;
}

export type InputItem = InputDocument | InputError;

export interface ReadOptions {
  /** Values applied to documents that do not carry their own. */
  defaults?: Pick<Document, 'lang' | 'published' | 'source'>;
  maxBytes?: number;
  /** Read '-' from this stream instead of process.stdin (tests). */
  stdin?: NodeJS.ReadableStream;
  /** Time limit of one URL (default 20 s). */
  fetchTimeoutMs?: number;
}

/** A feed carries many documents: its transport limit is this many times one document's. */
export const FEED_SIZE_FACTOR = 4;

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);
/** What a folder walk picks up: texts, JSON Lines, pages and feeds. */
const DOCUMENT_EXTENSIONS = new Set([...TEXT_EXTENSIONS, '.jsonl', '.ndjson', ...HTML_EXTENSIONS, ...FEED_EXTENSIONS]);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

/** Decodes bytes as UTF-8 text or explains, in a sentence, why they are not a text document. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new InputProblem('empty file');
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  let control = 0;
  for (const b of head) {
    if (b === 0) throw new InputProblem('binary content (NUL bytes), not a text document');
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (control > head.length * 0.1) throw new InputProblem('binary content (control characters), not a text document');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputProblem(`not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)}); convert it to UTF-8 first`);
  }
  return text;
}

/** Byte offset of the first malformed UTF-8 sequence, for the error message. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}

/** "afp-kaboul.fr.txt" → "afp-kaboul": the id of a document read from a file. */
export function idFromPath(path: string): string {
  let name = basename(path);
  name = name.slice(0, name.length - extname(name).length);
  return name.replace(/\.(fr|en)$/i, '') || name;
}

function problem(origin: string, e: unknown): InputError {
  return { kind: 'error', origin, message: e instanceof InputProblem ? e.message : `unreadable: ${(e as Error).message}` };
}

/** The batch's values where the document has none, its dateline read (src/sources/read.ts). */
function withDefaults(doc: Document, opts: ReadOptions): Document {
  return finishDocument(doc, opts);
}

/** One JSON Lines line → a document or the reason it is not one. */
export function parseJsonlLine(line: Uint8Array | string, origin: string, fallbackId: string, opts: ReadOptions): InputItem {
  try {
    const text = typeof line === 'string' ? line : decodeText(line);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new InputProblem(`not JSON (${(e as Error).message})`);
    }
    let doc;
    try {
      doc = validateDocument(value, { maxBytes: opts.maxBytes });
    } catch (e) {
      // The line number is in the origin; the id, when the line has one, is what the user searches for.
      const id = declaredId(value);
      if (e instanceof InputProblem && id) throw new InputProblem(`document ${JSON.stringify(id)}: ${e.message}`, e.field, e.kind);
      throw e;
    }
    const { id, ...rest } = doc;
    return { kind: 'document', origin, doc: withDefaults({ ...rest, id: id ?? fallbackId }, opts) };
  } catch (e) {
    return problem(origin, e);
  }
}

/** Splits a byte stream into lines without decoding, so one bad line cannot spoil the next. */
async function* byteLines(stream: NodeJS.ReadableStream, maxBytes: number): AsyncGenerator<Buffer | Error> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10)) {
      const part = buf.subarray(0, nl);
      if (overlong) yield new Error(`line longer than ${maxBytes} bytes`);
      else yield pending.length ? Buffer.concat([...pending, part]) : part;
      pending = [];
      pendingBytes = 0;
      overlong = false;
      buf = buf.subarray(nl + 1);
    }
    if (buf.length && !overlong) {
      pendingBytes += buf.length;
      if (pendingBytes > maxBytes) {
        overlong = true;
        pending = [];
      } else pending.push(Buffer.from(buf));
    }
  }
  if (overlong) yield new Error(`line longer than ${maxBytes} bytes`);
  else if (pending.length) yield Buffer.concat(pending);
}

export async function* readJsonl(stream: NodeJS.ReadableStream, name: string, opts: ReadOptions): AsyncGenerator<InputItem> {
  let n = 0;
  for await (const line of byteLines(stream, opts.maxBytes ?? DEFAULT_MAX_BYTES)) {
    n++;
    const origin = `${name}:${n}`;
    if (line instanceof Error) {
      yield { kind: 'error', origin, message: line.message };
      continue;
    }
    if (line.length === 0 || /^\s*$/.test(line.toString('latin1'))) continue;
    yield parseJsonlLine(line, origin, `${idFromPath(name)}-${n}`, opts);
  }
}

/**
 * One file: a text, a page or a feed, told apart by the extension and by what it starts with (a
 * .txt holding a saved page is read as a page). Feeds may be larger than one document.
 */
async function* readFileBody(path: string, opts: ReadOptions): AsyncGenerator<InputItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  let mtime: Date;
  try {
    const info = await stat(path);
    const ext = extname(path).toLowerCase();
    const limit = FEED_EXTENSIONS.has(ext) ? maxBytes * FEED_SIZE_FACTOR : maxBytes;
    if (info.size > limit) {
      throw limit === maxBytes ? tooLarge(info.size, maxBytes)
        : new InputProblem(`${formatBytes(info.size)} is over the ${formatBytes(limit)} limit for one feed (${FEED_SIZE_FACTOR} × --max-bytes)`, 'text', 'too-large');
    }
    bytes = await readFile(path);
    mtime = info.mtime;
  } catch (e) {
    yield problem(path, e);
    return;
  }
  yield* readSourceBody(
    { bytes, origin: path, id: idFromPath(path), hints: { ext: extname(path).toLowerCase() }, contextDate: dayOf(mtime) },
    opts,
  );
}

/** A file's modification day: the year of a dateline without one, when nothing better says it. */
function dayOf(d: Date): string | null {
  return Number.isFinite(d.getTime()) ? d.toISOString().slice(0, 10) : null;
}

/** A page or a feed at an http(s) address. */
async function* readUrl(url: string, opts: ReadOptions): AsyncGenerator<InputItem> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let fetched;
  try {
    fetched = await fetchSource(url, { maxBytes: maxBytes * FEED_SIZE_FACTOR, timeoutMs: opts.fetchTimeoutMs });
  } catch (e) {
    yield problem(url, e);
    return;
  }
  yield* readSourceBody(
    {
      bytes: fetched.body, origin: url, id: idFromUrlPath(fetched.url), url: fetched.url,
      hints: { contentType: fetched.contentType, ext: extname(new URL(fetched.url).pathname).toLowerCase() },
      contextDate: normalisePublished(fetched.lastModified)?.slice(0, 10) ?? null,
    },
    opts,
  );
}

/** "https://news.example/monde/2023/crue.html" → "crue": a page's id, like a file's. */
export function idFromUrlPath(url: string): string {
  try {
    const u = new URL(url);
    const last = u.pathname.split('/').filter(Boolean).pop();
    return (last ? idFromPath(decodeURIComponent(last)) : u.hostname) || u.hostname;
  } catch {
    return url;
  }
}

/**
 * The document files under a folder, depth first. A folder that cannot be listed (no permission,
 * removed meanwhile) comes out as an error for that folder: one locked subfolder of an archive must
 * not end the batch, nor hide the files next to it.
 */
export async function* walk(dir: string): AsyncGenerator<string | InputError> {
  let entries;
  try {
    entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  } catch (e) {
    yield { kind: 'error', origin: dir, message: `unreadable folder: ${fsReason(e)}` };
    return;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (DOCUMENT_EXTENSIONS.has(extname(e.name).toLowerCase())) yield p;
  }
}

/** "permission denied (EACCES)" rather than a stack-trace-looking "EACCES: permission denied, scandir '…'". */
function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM') return `permission denied (${err.code})`;
  return err.code ? `${err.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')} (${err.code})` : err.message;
}

async function* readStdin(opts: ReadOptions): AsyncGenerator<InputItem> {
  const stream = opts.stdin ?? process.stdin;
  const chunks: Buffer[] = [];
  let size = 0;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  for await (const c of stream as AsyncIterable<Buffer | string>) {
    const b = typeof c === 'string' ? Buffer.from(c) : c;
    chunks.push(b);
    size += b.length;
  }
  const all = Buffer.concat(chunks);
  const firstChar = all.toString('latin1', 0, Math.min(all.length, 64)).trimStart()[0];
  if (firstChar === '{') {
    const { Readable } = await import('node:stream');
    yield* readJsonl(Readable.from([all]), 'stdin', opts);
    return;
  }
  if (firstChar !== '<' && size > maxBytes) {
    yield problem('stdin', tooLarge(size, maxBytes));
    return;
  }
  // A text, or a page or a feed piped in (curl … | vigie ingest -).
  yield* readSourceBody({ bytes: all, origin: 'stdin', id: 'stdin' }, opts);
}

/** Every document named by the arguments: files, folders (recursively), JSON Lines, pages and
 *  feeds (files or http(s) URLs), '-' for stdin. */
export async function* readInputs(paths: readonly string[], opts: ReadOptions = {}): AsyncGenerator<InputItem> {
  for (const path of paths) {
    if (path === '-') {
      yield* readStdin(opts);
      continue;
    }
    if (isUrl(path)) {
      yield* readUrl(path, opts);
      continue;
    }
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR';
      yield { kind: 'error', origin: path, message: missing ? 'no such file or folder' : `unreadable: ${fsReason(e)}` };
      continue;
    }
    if (info.isDirectory()) {
      for await (const file of walk(path)) {
        if (typeof file === 'string') yield* readFileItems(file, opts);
        else yield file;
      }
    } else yield* readFileItems(path, opts);
  }
}

export async function* readFileItems(path: string, opts: ReadOptions): AsyncGenerator<InputItem> {
  if (JSONL_EXTENSIONS.has(extname(path).toLowerCase())) {
    try {
      yield* readJsonl(createReadStream(path), path, opts);
    } catch (e) {
      yield problem(path, e);
    }
  } else yield* readFileBody(path, opts);
}

export { sniffKind };
