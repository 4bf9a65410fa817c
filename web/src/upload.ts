// A file chosen beside the paste box, read in the browser into a dispatch: a text file as it is,
// an HTML page by its main blocks. DOMParser builds an inert document — nothing in it runs and
// nothing is fetched — and only its text is kept. The text goes into the paste box, where the
// analyst reads it before extracting (or storing) it.
import { dayOf, joinBlocks } from '../../src/ui/spans.js';
import type { PostedDocument } from './api.js';

/** What the server refuses anyway (its size limit); read no further. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export class UploadProblem extends Error {
  constructor(readonly reason: 'notText' | 'tooBig' | 'noMainText') {
    super(reason);
  }
}

const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, blockquote, pre, figcaption, dt, dd, td, th';
const NOISE = 'script, style, noscript, template, nav, header, footer, aside, form, iframe, object, svg, button, select';

function isHtml(file: File, head: string): boolean {
  return /\.html?$/i.test(file.name) || file.type === 'text/html' || /^\s*(<!doctype html|<html)/i.test(head);
}

function isText(file: File): boolean {
  return file.type.startsWith('text/') || /\.(txt|text|md)$/i.test(file.name) || file.type === '';
}

/** The main text of a page and what its metadata says (title, language, day). */
export function readHtml(html: string): PostedDocument {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const meta = (names: string[]) => {
    for (const n of names) {
      const v = doc.querySelector(`meta[property="${n}"], meta[name="${n}"]`)?.getAttribute('content');
      if (v?.trim()) return v.trim();
    }
    return null;
  };
  const title = meta(['og:title', 'twitter:title']) ?? (doc.title.trim() || null);
  const published = dayOf(meta(['article:published_time', 'date', 'dc.date']) ?? doc.querySelector('time[datetime]')?.getAttribute('datetime'));
  const lang = doc.documentElement.getAttribute('lang')?.trim().toLowerCase().split(/[-_]/)[0] || null;
  doc.querySelectorAll(NOISE).forEach((n) => n.remove());
  const root = doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body;
  // The innermost blocks only: a paragraph inside a quote block is read once.
  const blocks = [...root.querySelectorAll(BLOCKS)].filter((b) => !b.querySelector(BLOCKS));
  const text = blocks.length ? joinBlocks(blocks.map((b) => b.textContent ?? '')) : joinBlocks((root.textContent ?? '').split(/\n\s*\n/));
  if (!text) throw new UploadProblem('noMainText');
  return { text, ...(title ? { title } : {}), ...(published ? { published } : {}), ...(lang === 'fr' || lang === 'en' ? { lang } : {}) };
}

/** A chosen file as a dispatch, or an UploadProblem saying why not. */
export async function readUpload(file: File): Promise<PostedDocument> {
  if (file.size > MAX_UPLOAD_BYTES) throw new UploadProblem('tooBig');
  const content = await file.text();
  if (isHtml(file, content.slice(0, 512))) return readHtml(content);
  if (!isText(file) || content.includes('\u0000')) throw new UploadProblem('notText');
  if (!content.trim()) throw new UploadProblem('noMainText');
  return { text: content };
}
