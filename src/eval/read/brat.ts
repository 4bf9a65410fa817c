// brat standoff reader: text-bound annotations (T), events (E) and annotator notes (#).
// brat offsets count Unicode code points; they are converted to UTF-16 (JavaScript) offsets.
// A discontinuous annotation ("0 5;9 14") keeps its fragments.
import { readFile } from 'node:fs/promises';
import type { Span } from '../score/common.js';
import { codePointToUtf16 } from './text.js';

export interface BratSpan {
  id: string;
  type: string;
  /** Fragments, in order; at least one. */
  fragments: Span[];
  /** Covering span of the fragments. */
  start: number;
  end: number;
  text: string;
}

export interface BratEvent {
  id: string;
  type: string;
  trigger: string;
  args: { role: string; ref: string }[];
}

export interface BratDoc {
  text: string;
  spans: Map<string, BratSpan>;
  events: BratEvent[];
  /** Notes by the id of the annotation they are about. */
  notes: Map<string, string>;
}

export function parseBrat(ann: string, text: string): BratDoc {
  const conv = codePointToUtf16(text);
  const spans = new Map<string, BratSpan>();
  const events: BratEvent[] = [];
  const notes = new Map<string, string>();
  for (const raw of ann.split(/\r?\n/)) {
    if (!raw.trim()) continue;
    const cols = raw.split('\t');
    const id = cols[0];
    if (id.startsWith('T')) {
      const m = /^(\S+)\s+(.*)$/.exec(cols[1] ?? '');
      if (!m) continue;
      const fragments: Span[] = [];
      for (const part of m[2].split(';')) {
        const [a, b] = part.trim().split(/\s+/).map(Number);
        if (Number.isFinite(a) && Number.isFinite(b)) fragments.push({ start: conv(a), end: conv(b) });
      }
      if (fragments.length === 0) continue;
      const start = Math.min(...fragments.map((f) => f.start));
      const end = Math.max(...fragments.map((f) => f.end));
      spans.set(id, { id, type: m[1], fragments, start, end, text: cols[2] ?? text.slice(start, end) });
    } else if (id.startsWith('E')) {
      const parts = (cols[1] ?? '').trim().split(/\s+/).filter(Boolean);
      const [head, ...rest] = parts;
      if (!head) continue;
      const [type, trigger] = head.split(':');
      events.push({
        id, type, trigger: trigger ?? '',
        args: rest.map((a) => {
          const [role, ref] = a.split(':');
          return { role: role.replace(/\d+$/, ''), ref: ref ?? '' };
        }),
      });
    } else if (id.startsWith('#')) {
      const ref = (cols[1] ?? '').trim().split(/\s+/)[1];
      if (ref) notes.set(ref, (cols[2] ?? '').trim());
    }
  }
  return { text, spans, events, notes };
}

export async function readBratPair(annPath: string, txtPath: string): Promise<BratDoc> {
  const [ann, text] = await Promise.all([readFile(annPath, 'utf8'), readFile(txtPath, 'utf8')]);
  return parseBrat(ann, text);
}
