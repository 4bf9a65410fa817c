// CLEF HIPE TSV reader: a header line of column names, "# key = value" comment lines (a new
// "# document_id" starts a document; "# date" is its dateline), then one token a line. The MISC
// column's NoSpaceAfter flag glues a token to the next, so the text is rebuilt as printed;
// EndOfLine becomes a space (a printed line break, not a sentence break). Entities come from the
// coarse literal column (NE-COARSE-LIT), typed by its lower-case labels (pers, loc, org, prod, time).
import { layoutTokens, mentionsFromTags, type TokenDoc } from './iob.js';

interface RawDoc {
  id: string;
  date: string | null;
  forms: string[];
  tags: string[];
  glue: boolean[];
}

export function parseHipe(tsv: string): TokenDoc[] {
  const lines = tsv.split(/\r?\n/);
  let cols: string[] = [];
  const raws: RawDoc[] = [];
  let cur: RawDoc | null = null;
  let pendingDate: string | null = null;
  for (const line of lines) {
    if (!line.trim()) continue;
    if (cols.length === 0 && line.startsWith('TOKEN\t')) {
      cols = line.split('\t');
      continue;
    }
    const meta = /^#\s*([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (meta) {
      const [, key, value] = meta;
      if (key === 'date') pendingDate = value.trim();
      if (key === 'document_id') {
        cur = { id: value.trim(), date: pendingDate, forms: [], tags: [], glue: [] };
        raws.push(cur);
      }
      continue;
    }
    if (!cur) {
      cur = { id: `doc-${raws.length + 1}`, date: pendingDate, forms: [], tags: [], glue: [] };
      raws.push(cur);
    }
    const f = line.split('\t');
    const col = (name: string, fallback: number) => {
      const i = cols.indexOf(name);
      return f[i >= 0 ? i : fallback] ?? '';
    };
    cur.forms.push(f[0]);
    cur.tags.push(col('NE-COARSE-LIT', 1));
    cur.glue.push(/(^|\|)NoSpaceAfter(\||$)/.test(col('MISC', f.length - 1)));
  }
  return raws.map((r) => {
    const { text, spans } = layoutTokens(r.forms, r.glue);
    return {
      id: r.id,
      text,
      published: r.date,
      tokens: spans.map((s, i) => ({ ...s, form: r.forms[i] })),
      entities: mentionsFromTags(r.tags, spans),
    };
  });
}
