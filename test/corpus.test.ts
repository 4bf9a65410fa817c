// The bundled demo corpus (corpus/demo/dispatches.jsonl): fictional wire dispatches written by the
// project. These tests check its shape, so that the demo, the benchmark and the examples can rely
// on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Walks up from this file to the folder that holds package.json (works from src and from dist). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      readFileSync(path.join(dir, 'package.json'));
      return dir;
    } catch {
      const up = path.dirname(dir);
      if (up === dir) throw new Error('package.json not found');
      dir = up;
    }
  }
}

interface DemoDispatch {
  id: string;
  lang: string;
  published: string;
  source: string;
  title: string;
  url?: string;
  text: string;
}

const file = path.join(projectRoot(), 'corpus', 'demo', 'dispatches.jsonl');
const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
const dispatches: DemoDispatch[] = lines.map((l) => JSON.parse(l) as DemoDispatch);

test('every line of the demo corpus is a JSON object with the document fields', () => {
  assert.ok(dispatches.length >= 16);
  for (const d of dispatches) {
    for (const key of ['id', 'lang', 'published', 'source', 'title', 'text'] as const) {
      assert.equal(typeof d[key], 'string', `${d.id ?? '?'}: ${key} should be a string`);
    }
    if (d.url !== undefined) assert.match(d.url, /^https:\/\/example\.org\//);
  }
});

test('the demo corpus has at least eight French and eight English dispatches', () => {
  const fr = dispatches.filter((d) => d.lang === 'fr').length;
  const en = dispatches.filter((d) => d.lang === 'en').length;
  assert.ok(fr >= 8, `only ${fr} French dispatches`);
  assert.ok(en >= 8, `only ${en} English dispatches`);
  assert.equal(fr + en, dispatches.length, 'every dispatch is either fr or en');
});

test('dispatch ids are unique', () => {
  const ids = new Set(dispatches.map((d) => d.id));
  assert.equal(ids.size, dispatches.length);
});

test('every dispatch is a real article-length text (at least 600 characters)', () => {
  for (const d of dispatches) assert.ok(d.text.length >= 600, `${d.id} is ${d.text.length} characters`);
});

test('published dates are valid calendar days', () => {
  for (const d of dispatches) {
    assert.match(d.published, /^\d{4}-\d{2}-\d{2}$/, d.id);
    const day = new Date(`${d.published}T00:00:00Z`);
    assert.ok(!Number.isNaN(day.getTime()), d.id);
    assert.equal(day.toISOString().slice(0, 10), d.published, `${d.id}: ${d.published} is not a real day`);
  }
});

test('a dispatch opens with a dateline: place, date and outlet', () => {
  // e.g. "Goma (RD Congo), 6 mars 2024 (AFP) - …" or "LAHORE, Pakistan, Oct 2 (Reuters) - …"
  for (const d of dispatches) {
    const head = d.text.slice(0, 80);
    assert.ok(head.includes(`(${d.source})`), `${d.id}: dateline should name ${d.source}`);
  }
});
