// Property-based fuzz test: seeded random dispatches (test/fuzz/generate.ts), most of them damaged,
// go through extract(); whatever the text, the record must keep the output contract (DESIGN.md):
//   1. no exception;
//   2. every span (any object with a numeric start or end, anywhere in the record) has integer
//      offsets with 0 ≤ start ≤ end ≤ text.length;
//   3. a span that carries `text` carries exactly text.slice(start, end);
//   4. the same input twice gives the same record (JSON-equal);
//   5. ids are unique per kind and every reference resolves: mention.aliasOf, quote.speaker.mention,
//      event actor mentions, event.place, event.time, event.attributedTo (quote ids, else the outlet);
//   6. every number in the record is finite (JSON would silently write NaN and Infinity as null).
//
// VIGIE_FUZZ_SEED (default 20240503) and VIGIE_FUZZ_RUNS (default 400) change the run; a failure
// prints the seed and the document's index, and VIGIE_FUZZ_ONLY=<index> replays that one document:
//   VIGIE_FUZZ_SEED=7 VIGIE_FUZZ_ONLY=123 node --test dist/test/fuzz.test.js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline/index.js';
import type { Document, ExtractRecord } from '../src/types.js';
import { generateCase, type FuzzCase } from './fuzz/generate.js';

const SEED = envInt('VIGIE_FUZZ_SEED', 20240503);
const RUNS = envInt('VIGIE_FUZZ_RUNS', 400);
const ONLY = process.env.VIGIE_FUZZ_ONLY ? envInt('VIGIE_FUZZ_ONLY', 0) : null;
/** Failures listed per property in an assertion message (all are counted). */
const SHOW = 5;

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name}=${raw}: expected a non-negative integer`);
  return n;
}

type Property = 'no exception' | 'offsets in bounds' | 'text is the slice' | 'deterministic' | 'references resolve' | 'finite numbers';
const PROPERTIES: Property[] = ['no exception', 'offsets in bounds', 'text is the slice', 'deterministic', 'references resolve', 'finite numbers'];

interface Failure {
  c: FuzzCase;
  what: string;
  /** Where in the text to show the input, when the failure is about a place in it. */
  at?: number;
}

/** The input, JSON-quoted and cut to about `max` characters (around `at` when given). */
function shorten(text: string, at: number | undefined, max = 400): string {
  if (text.length <= max) return JSON.stringify(text);
  const from = at === undefined ? 0 : Math.max(0, Math.min(text.length - max, at - max / 2));
  let piece = text.slice(from, from + max);
  // Never cut a surrogate pair in half in the message.
  piece = piece.replace(/^[\uDC00-\uDFFF]/, '').replace(/[\uD800-\uDBFF]$/, '');
  return `${from > 0 ? `…(${from} chars) ` : ''}${JSON.stringify(piece)}${from + max < text.length ? ` …(${text.length - from - max} more chars)` : ''}`;
}

function describe(f: Failure): string {
  const d = f.c.doc;
  const meta = { lang: d.lang, published: d.published, source: d.source, title: d.title, length: d.text.length };
  return [
    `  - ${f.what}`,
    `    replay: VIGIE_FUZZ_SEED=${f.c.seed} VIGIE_FUZZ_ONLY=${f.c.index} (recipe ${f.c.recipe.join(' → ')})`,
    `    doc: ${JSON.stringify(meta)}`,
    `    text: ${shorten(d.text, f.at)}`,
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Property checks on one record.

/** Every object of the record with its path, depth first. */
function* objects(value: unknown, path: string): Generator<[Record<string, unknown>, string]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* objects(value[i], `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    yield [o, path];
    for (const [k, v] of Object.entries(o)) yield* objects(v, `${path}.${k}`);
  }
}

function* numbers(value: unknown, path: string): Generator<[number, string]> {
  if (typeof value === 'number') yield [value, path];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* numbers(value[i], `${path}[${i}]`);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* numbers(v, `${path}.${k}`);
}

function checkNumbers(c: FuzzCase, rec: ExtractRecord, out: Failure[]): void {
  for (const [n, path] of numbers(rec, 'record')) {
    if (!Number.isFinite(n)) out.push({ c, what: `${path} = ${n} (not a finite number; JSON writes it as null)` });
  }
}

function checkSpans(c: FuzzCase, rec: ExtractRecord, bounds: Failure[], slices: Failure[]): void {
  const text = c.doc.text;
  for (const [o, path] of objects(rec, 'record')) {
    const hasStart = 'start' in o && o.start !== undefined;
    const hasEnd = 'end' in o && o.end !== undefined;
    if (!hasStart && !hasEnd) continue;
    const { start, end } = o;
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)
      || start < 0 || start > end || end > text.length) {
      bounds.push({ c, what: `${path}: start ${String(start)}, end ${String(end)}, text length ${text.length}`, at: typeof start === 'number' ? start : undefined });
      continue;
    }
    if ('text' in o && o.text !== undefined && o.text !== text.slice(start, end)) {
      slices.push({
        c, at: start,
        what: `${path}: text ${JSON.stringify(o.text)} but text.slice(${start}, ${end}) = ${JSON.stringify(text.slice(start, end))}`,
      });
    }
  }
}

function checkReferences(c: FuzzCase, rec: ExtractRecord, out: Failure[]): void {
  const ids = (kind: string, items: { id: string }[]): Set<string> => {
    const seen = new Set<string>();
    for (const x of items) {
      if (typeof x.id !== 'string' || !x.id) out.push({ c, what: `${kind}: an item without an id (${JSON.stringify(x).slice(0, 200)})` });
      else if (seen.has(x.id)) out.push({ c, what: `${kind}: id ${x.id} used twice` });
      seen.add(x.id);
    }
    return seen;
  };
  const mentions = ids('mentions', rec.mentions);
  const quotes = ids('quotes', rec.quotes);
  const times = ids('times', rec.times);
  const places = ids('places', rec.places);
  ids('events', rec.events);
  const want = (set: Set<string>, id: string | null | undefined, where: string, kind: string): void => {
    if (id !== null && id !== undefined && !set.has(id)) out.push({ c, what: `${where} = ${JSON.stringify(id)}: no ${kind} has that id` });
  };
  rec.mentions.forEach((m, i) => want(mentions, m.aliasOf, `mentions[${i}].aliasOf`, 'mention'));
  rec.quotes.forEach((q, i) => want(mentions, q.speaker?.mention, `quotes[${i}].speaker.mention`, 'mention'));
  rec.events.forEach((e, i) => {
    const where = `events[${i}]`;
    want(places, e.place, `${where}.place`, 'place');
    want(times, e.time, `${where}.time`, 'time');
    want(mentions, e.actor1?.mention, `${where}.actor1.mention`, 'mention');
    want(mentions, e.actor2?.mention, `${where}.actor2.mention`, 'mention');
    e.assocActor1.forEach((a, j) => want(mentions, a.mention, `${where}.assocActor1[${j}].mention`, 'mention'));
    e.assocActor2.forEach((a, j) => want(mentions, a.mention, `${where}.assocActor2[${j}].mention`, 'mention'));
    // "Quote ids whose content holds the event; else the outlet (document source), else []" (types.ts).
    const outlet = c.doc.source ?? null;
    const viaQuotes = e.attributedTo.every((a) => quotes.has(a));
    const viaOutlet = e.attributedTo.length === 1 && outlet !== null && e.attributedTo[0] === outlet;
    const none = e.attributedTo.length === 0;
    if (!(viaQuotes || viaOutlet || none)) {
      out.push({ c, what: `${where}.attributedTo = ${JSON.stringify(e.attributedTo)}: neither quote ids nor the outlet ${JSON.stringify(outlet)}` });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// One pass over the generated documents, shared by the tests below (one test per property).

interface Outcome {
  docs: number;
  chars: number;
  ms: number;
  slowest: { ms: number; c: FuzzCase } | null;
  failures: Map<Property, Failure[]>;
}

let outcome: Outcome | null = null;

function run(): Outcome {
  if (outcome) return outcome;
  const failures = new Map<Property, Failure[]>(PROPERTIES.map((p) => [p, []]));
  const push = (p: Property, f: Failure[]): void => void failures.get(p)!.push(...f);
  const indices = ONLY !== null ? [ONLY] : Array.from({ length: RUNS }, (_, i) => i);
  let chars = 0;
  let slowest: Outcome['slowest'] = null;
  // Lexicons and the gazetteer load on first use: not the time of any generated document.
  extract({ id: 'fuzz-warm-up', text: 'PARIS, 3 mai 2021 (AFP) - « Rien », a dit Jean Martin. Gunmen killed 2 people in Kano.' });
  const t0 = performance.now();
  for (const index of indices) {
    const c = generateCase(SEED, index);
    chars += c.doc.text.length;
    let first: ExtractRecord;
    let second: ExtractRecord;
    const t = performance.now();
    try {
      first = extract(copy(c.doc));
    } catch (e) {
      push('no exception', [{ c, what: `extract threw: ${(e as Error)?.stack ?? String(e)}` }]);
      continue;
    }
    const ms = performance.now() - t;
    if (!slowest || ms > slowest.ms) slowest = { ms, c };
    try {
      second = extract(copy(c.doc));
    } catch (e) {
      push('no exception', [{ c, what: `extract threw on the second run only: ${(e as Error)?.stack ?? String(e)}` }]);
      continue;
    }
    const bounds: Failure[] = [];
    const slices: Failure[] = [];
    checkSpans(c, first, bounds, slices);
    push('offsets in bounds', bounds);
    push('text is the slice', slices);
    const a = JSON.stringify(first);
    const b = JSON.stringify(second);
    if (a !== b) {
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      push('deterministic', [{ c, what: `the two records differ from JSON character ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 80), i + 80))} vs ${JSON.stringify(b.slice(Math.max(0, i - 80), i + 80))}` }]);
    }
    const refs: Failure[] = [];
    checkReferences(c, first, refs);
    push('references resolve', refs);
    const nums: Failure[] = [];
    checkNumbers(c, first, nums);
    push('finite numbers', nums);
  }
  outcome = { docs: indices.length, chars, ms: performance.now() - t0, slowest, failures };
  return outcome;
}

/** A fresh copy for each call, so that a stage mutating its input cannot hide behind the first run. */
function copy(doc: Document): Document {
  return { ...doc };
}

function report(p: Property): string {
  const o = run();
  const list = o.failures.get(p)!;
  const docs = new Set(list.map((f) => f.c.index)).size;
  return [
    `property "${p}" fails on ${docs} of ${o.docs} documents (${list.length} failures; seed ${SEED}, runs ${RUNS}${ONLY !== null ? `, only ${ONLY}` : ''})`,
    ...list.slice(0, SHOW).map(describe),
    list.length > SHOW ? `  … and ${list.length - SHOW} more` : '',
  ].filter(Boolean).join('\n');
}

test(`fuzz: ${ONLY !== null ? `document ${ONLY}` : `${RUNS} documents`} of seed ${SEED} go through extract()`, (t) => {
  const o = run();
  const slow = o.slowest ? `, slowest ${o.slowest.ms.toFixed(0)} ms (index ${o.slowest.c.index}, ${o.slowest.c.doc.text.length} chars)` : '';
  t.diagnostic(`${o.docs} documents, ${(o.chars / 1000).toFixed(0)} k chars, ${(o.ms / 1000).toFixed(1)} s (two runs each)${slow}`);
  assert.ok(o.docs > 0);
});

for (const p of PROPERTIES) {
  test(`fuzz property: ${p}`, () => {
    assert.equal(run().failures.get(p)!.length, 0, report(p));
  });
}
