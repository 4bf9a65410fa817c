// Benchmark corpora: the bundled demo dispatches, a large synthetic corpus derived from them by
// deterministic variation, or the caller's own documents (a JSONL file, a JSON file, or a folder of
// .txt / .json / .jsonl files).
//
// The synthetic corpus keeps the texts realistic (wire prose, datelines, quotes, names) while making
// every document different, so that nothing in the pipeline can profit from seeing the same string
// twice: each document starts from one demo dispatch, borrows paragraphs from other dispatches of
// the same language until it reaches a drawn length (about 3 KB on average), shuffles its body
// paragraphs and the sentences inside quote-free paragraphs, and swaps names, places and numbers
// with others seen in the same language. Same seed, same corpus.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Document } from '../src/types.js';

/** Folder holding package.json, found by walking up from this file (works from bench/ and dist/bench/). */
export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      statSync(path.join(dir, 'package.json'));
      return dir;
    } catch {
      const up = path.dirname(dir);
      if (up === dir) return process.cwd();
      dir = up;
    }
  }
}

export const DEMO_CORPUS = path.join('corpus', 'demo', 'dispatches.jsonl');

/** mulberry32: a tiny, fast, seedable PRNG giving floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function shuffle<T>(rand: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

function toDocument(raw: unknown, fallbackId: string): Document | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  if (typeof o.text !== 'string' || o.text.trim() === '') return null;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    id: str(o.id) ?? fallbackId,
    text: o.text,
    lang: str(o.lang),
    published: str(o.published),
    source: str(o.source),
    title: str(o.title),
    url: str(o.url),
  };
}

function readJsonl(file: string): Document[] {
  const docs: Document[] = [];
  const base = path.basename(file);
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const doc = toDocument(JSON.parse(line), `${base}:${i + 1}`);
    if (doc) docs.push(doc);
  });
  return docs;
}

function readJson(file: string): Document[] {
  const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const items = Array.isArray(data) ? data : [data];
  const base = path.basename(file);
  return items.flatMap((item, i) => toDocument(item, items.length > 1 ? `${base}:${i}` : base) ?? []);
}

/** Reads documents from a JSONL or JSON file, or from every .txt/.json/.jsonl file under a folder. */
export function readDocuments(target: string): Document[] {
  const st = statSync(target);
  if (st.isDirectory()) {
    const docs: Document[] = [];
    for (const name of readdirSync(target).sort()) {
      const full = path.join(target, name);
      if (statSync(full).isDirectory()) docs.push(...readDocuments(full));
      else if (/\.(jsonl|json|txt)$/i.test(name)) docs.push(...readDocuments(full));
    }
    return docs;
  }
  if (/\.jsonl$/i.test(target)) return readJsonl(target);
  if (/\.json$/i.test(target)) return readJson(target);
  return [{ id: path.basename(target), text: readFileSync(target, 'utf8') }];
}

export function loadDemoCorpus(root = projectRoot()): Document[] {
  return readJsonl(path.join(root, DEMO_CORPUS));
}

// A run of capitalised words ("Jean-Baptiste Kambale", "Nord-Kivu", "El Fasher"), not preceded by
// sentence-final punctuation: a cheap stand-in for "a name", good enough to swap names around.
const NAME = /(?<![.!?»”"]\s|^)(?<!\p{L})\p{Lu}[\p{L}’'-]+(?:[ -]\p{Lu}[\p{L}’'-]+)*/gmu;
const NUMBER = /\d+(?:[.,\u202f\u00a0]\d+)*/g;

type NameKind = 'place' | 'person';

/** Context-based guess of what a capitalised run is, so that swaps keep places among places. */
function nameKind(text: string, start: number, name: string): NameKind | null {
  if (name.length < 4 || name === name.toUpperCase()) return null; // acronyms, outlets
  const before = text.slice(Math.max(0, start - 12), start);
  const after = text.slice(start + name.length, start + name.length + 2);
  if (/(?:^|\s)(?:à|au|de|d'|d’|du|vers|près de|in|at|near|to|from|of)\s?$/i.test(before)) return 'place';
  const words = name.split(/[ ]/).length;
  if (words >= 2 && words <= 4 && (after.startsWith(',') || /,\s$/.test(before) || /\b(?:said|told)\s$/.test(before))) return 'person';
  return null;
}

interface LangPool {
  docs: Document[];
  names: Record<NameKind, string[]>;
  kindOf: Map<string, NameKind>;
}

function buildPools(demo: readonly Document[]): Map<string, LangPool> {
  const pools = new Map<string, LangPool>();
  for (const doc of demo) {
    const lang = doc.lang ?? 'other';
    let pool = pools.get(lang);
    if (!pool) pools.set(lang, (pool = { docs: [], names: { place: [], person: [] }, kindOf: new Map() }));
    pool.docs.push(doc);
    // The dateline paragraph is kept as is; names are collected from the body.
    const body = doc.text.slice(doc.text.indexOf('\n') + 1);
    for (const m of body.matchAll(NAME)) {
      const kind = nameKind(body, m.index ?? 0, m[0]);
      if (!kind || pool.kindOf.has(m[0])) continue;
      pool.kindOf.set(m[0], kind);
      pool.names[kind].push(m[0]);
    }
  }
  return pools;
}

function paragraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '');
}

/** Shuffles the sentences of a paragraph that carries no quotation marks (quotes keep their cues). */
function shuffleSentences(rand: () => number, para: string): string {
  if (/[«»“”"]/.test(para)) return para;
  const sentences = para.match(/[^.!?]+[.!?]+(?:\s+|$)/g);
  if (!sentences || sentences.length < 2 || sentences.join('').length !== para.length) return para;
  return shuffle(rand, sentences.map((s) => s.trim())).join(' ');
}

/** Replaces about half of the known names of a paragraph by another name of the same kind. */
function swapNames(rand: () => number, pool: LangPool, para: string): string {
  const chosen = new Map<string, string>();
  return para.replace(NAME, (name) => {
    const kind = pool.kindOf.get(name);
    if (!kind) return name;
    let to = chosen.get(name);
    if (to === undefined) {
      to = rand() < 0.5 ? pick(rand, pool.names[kind]) : name;
      chosen.set(name, to);
    }
    return to;
  });
}

/** Scales most small counts (casualties, ages, hours) by 0.5–1.5; years and long figures stay. */
function swapNumbers(rand: () => number, para: string): string {
  return para.replace(NUMBER, (digits) => {
    if (!/^\d{1,3}$/.test(digits) || rand() < 0.4) return digits;
    return String(Math.max(1, Math.round(Number(digits) * (0.5 + rand()))));
  });
}

export interface GenerateOptions {
  /** Number of documents to produce. */
  count: number;
  seed?: number;
  /** Mean target size in characters (each document draws between 0.65× and 1.35× of it). */
  targetChars?: number;
}

/** Derives `count` distinct documents from the demo dispatches, deterministically for a seed. */
export function generateCorpus(demo: readonly Document[], options: GenerateOptions): Document[] {
  const { count, seed = 20240515, targetChars = 3000 } = options;
  if (demo.length === 0) throw new Error('generateCorpus: empty demo corpus');
  const rand = prng(seed);
  const pools = buildPools(demo);
  const seen = new Set<string>();
  const out: Document[] = [];
  for (let i = 0; out.length < count; i++) {
    if (i > count * 20 + 1000) throw new Error(`generateCorpus: could not make ${count} distinct texts`);
    const base = demo[i % demo.length];
    const lang = base.lang ?? 'other';
    const pool = pools.get(lang)!;
    const [lead, ...body] = paragraphs(base.text);
    const target = targetChars * (0.65 + 0.7 * rand());
    let size = base.text.length;
    while (size < target && pool.docs.length > 1) {
      const donor = pick(rand, pool.docs);
      if (donor === base) continue;
      const extra = paragraphs(donor.text).slice(1);
      if (extra.length === 0) break;
      const para = pick(rand, extra);
      body.push(para);
      size += para.length + 2;
    }
    const varied = shuffle(rand, body).map((p) =>
      swapNumbers(rand, swapNames(rand, pool, shuffleSentences(rand, p))));
    const text = [lead, ...varied].join('\n\n');
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({
      id: `${base.id}~${out.length}`,
      text,
      lang: base.lang,
      published: base.published,
      source: base.source,
      title: base.title,
    });
  }
  return out;
}
