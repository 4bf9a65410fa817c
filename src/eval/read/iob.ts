// IOB token files (one "token TAG" a line, Europeana NER): tokens, mention spans, and pseudo-
// documents. Without document boundaries, the corpus is cut into pseudo-documents of a fixed
// number of sentences (a sentence ends on a token . ! or ?). Text is rebuilt from tokens with a
// space between tokens except before closing punctuation and after opening punctuation or an
// apostrophe, and every token keeps its offsets in that text.
import type { Span } from '../score/common.js';

export interface IobToken {
  form: string;
  tag: string;
}

export interface TokenDoc {
  id: string;
  text: string;
  tokens: (Span & { form: string })[];
  /** Gold mentions, typed (PER, LOC, ORG…). */
  entities: (Span & { type: string })[];
  published?: string | null;
}

export function parseIOB(content: string): IobToken[] {
  const out: IobToken[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('-DOCSTART-')) continue;
    const i = line.lastIndexOf(' ') >= 0 ? line.lastIndexOf(' ') : line.lastIndexOf('\t');
    if (i <= 0) continue;
    out.push({ form: line.slice(0, i).trim(), tag: line.slice(i + 1).trim() });
  }
  return out;
}

const NO_SPACE_BEFORE = /^[.,)\]}%:;!?»]$|^'s$/;
const NO_SPACE_AFTER = /^[([{«]$|['’]$/;

/**
 * Lays tokens out as text; `noSpaceAfter[i]` (when given) says token i is glued to the next.
 * Returns the text and each token's span.
 */
export function layoutTokens(forms: readonly string[], noSpaceAfter?: readonly boolean[], newlineAfter?: readonly boolean[]): { text: string; spans: Span[] } {
  let text = '';
  const spans: Span[] = [];
  forms.forEach((f, i) => {
    if (i > 0) {
      const glue = noSpaceAfter
        ? noSpaceAfter[i - 1]
        : NO_SPACE_BEFORE.test(f) || NO_SPACE_AFTER.test(forms[i - 1]);
      if (!glue) text += newlineAfter?.[i - 1] ? '\n' : ' ';
    }
    spans.push({ start: text.length, end: text.length + f.length });
    text += f;
  });
  return { text, spans };
}

/** Mentions from IOB/BIO tags over token spans (I- after O or another type starts a mention). */
export function mentionsFromTags(tags: readonly string[], spans: readonly Span[]): (Span & { type: string })[] {
  const out: (Span & { type: string })[] = [];
  let cur: (Span & { type: string }) | null = null;
  tags.forEach((tag, i) => {
    const m = /^([BIE])-(.+)$/.exec(tag);
    if (!m) {
      cur = null;
      return;
    }
    const [, prefix, type] = m;
    if (cur && prefix !== 'B' && cur.type === type) {
      cur.end = spans[i].end;
    } else {
      cur = { start: spans[i].start, end: spans[i].end, type };
      out.push(cur);
    }
  });
  return out;
}

export function iobDocuments(tokens: readonly IobToken[], sentencesPerDoc = 50, idPrefix = 'chunk'): TokenDoc[] {
  const docs: TokenDoc[] = [];
  let start = 0;
  let sentences = 0;
  const flush = (end: number) => {
    if (end <= start) return;
    const part = tokens.slice(start, end);
    const { text, spans } = layoutTokens(part.map((t) => t.form));
    docs.push({
      id: `${idPrefix}-${docs.length + 1}`,
      text,
      tokens: spans.map((s, i) => ({ ...s, form: part[i].form })),
      entities: mentionsFromTags(part.map((t) => t.tag), spans),
    });
    start = end;
    sentences = 0;
  };
  tokens.forEach((t, i) => {
    if (/^[.!?]$/.test(t.form) && !/^[BI]-/.test(t.tag)) {
      sentences++;
      if (sentences >= sentencesPerDoc) flush(i + 1);
    }
  });
  flush(tokens.length);
  return docs;
}
