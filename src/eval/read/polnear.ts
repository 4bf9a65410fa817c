// PolNeAR reader (brat): `<dir>/text/<name>.txt` and `<dir>/attributions/<name>_<hash>.ann`.
// Each E line (Attribution or Attribution-no-source) links a Content, a Cue and (maybe) a Source.
// A discontinuous content is scored by its covering span (the gap is usually the interrupting
// "he said"). When a text has several annotation files (two annotators), the first in name
// order is used so that no attribution is counted twice.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Span } from '../score/common.js';
import { parseBrat } from './brat.js';

export interface PolnearAttribution {
  content: Span;
  source: Span[];
  cue: Span[];
}

export interface PolnearDoc {
  id: string;
  text: string;
  attributions: PolnearAttribution[];
}

export function polnearAttributions(ann: string, text: string): PolnearAttribution[] {
  const doc = parseBrat(ann, text);
  const out: PolnearAttribution[] = [];
  for (const e of doc.events) {
    if (!e.type.startsWith('Attribution')) continue;
    const get = (role: string) =>
      e.args.filter((a) => a.role === role).map((a) => doc.spans.get(a.ref)).filter((s) => s !== undefined);
    const contents = get('Content');
    if (contents.length === 0) continue;
    out.push({
      content: { start: Math.min(...contents.map((c) => c.start)), end: Math.max(...contents.map((c) => c.end)) },
      source: get('Source').flatMap((s) => s.fragments),
      cue: get('Cue').flatMap((s) => s.fragments),
    });
  }
  return out;
}

export async function readPolnear(dir: string, limit?: number): Promise<PolnearDoc[]> {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  const texts = (await readdir(textDir)).filter((f) => f.endsWith('.txt')).sort();
  const anns = (await readdir(annDir)).filter((f) => f.endsWith('.ann')).sort();
  const docs: PolnearDoc[] = [];
  for (const t of texts) {
    if (limit !== undefined && docs.length >= limit) break;
    const base = t.slice(0, -4);
    const ann = anns.find((a) => a.startsWith(base + '_') && /^_[0-9a-f]+\.ann$/i.test(a.slice(base.length)));
    if (!ann) continue;
    const [text, annText] = await Promise.all([readFile(join(textDir, t), 'utf8'), readFile(join(annDir, ann), 'utf8')]);
    docs.push({ id: base, text, attributions: polnearAttributions(annText, text) });
  }
  return docs;
}
