// TimeML reader (French TimeBank, TempEval-3). The text is the content of <TEXT> with every tag
// removed and XML entities decoded; TIMEX3 offsets are computed on that stripped text. The
// document creation time (the <DCT> TIMEX3) lies outside <TEXT>, so it is the dateline and is
// never itself a scored expression. Empty TIMEX3 elements (no words) are left out.
import { decodeEntity, xmlAttributes } from './text.js';

export interface TimeMLTimex {
  tid: string;
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
}

export interface TimeMLDoc {
  id: string;
  /** Value of the DCT timex, YYYY-MM-DD when it is a day, else as given (null when absent). */
  dct: string | null;
  text: string;
  timexes: TimeMLTimex[];
}

export function parseTimeML(xml: string, fallbackId = 'doc'): TimeMLDoc {
  const id = /<DOCID>\s*([^<]*?)\s*<\/DOCID>/.exec(xml)?.[1] ?? fallbackId;
  const dctBlock = /<DCT>([\s\S]*?)<\/DCT>/.exec(xml)?.[1] ?? '';
  const dctTag = /<TIMEX3\b[^>]*>/.exec(dctBlock)?.[0];
  const dctValue = dctTag ? xmlAttributes(dctTag).value ?? null : null;
  const dct = dctValue ? (/^\d{4}-\d{2}-\d{2}/.exec(dctValue)?.[0] ?? dctValue) : null;

  const bodyMatch = /<TEXT\b[^>]*>([\s\S]*?)<\/TEXT>/.exec(xml);
  const body = bodyMatch ? bodyMatch[1] : xml;
  let text = '';
  const timexes: TimeMLTimex[] = [];
  let open: { attrs: Record<string, string>; start: number } | null = null;
  let last = 0;
  const re = /<!--[\s\S]*?-->|<[^>]+>|&[#\w]+;/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    text += body.slice(last, m.index);
    last = m.index + m[0].length;
    const tok = m[0];
    if (tok[0] === '&') {
      text += decodeEntity(tok);
      continue;
    }
    if (/^<TIMEX3\b/.test(tok)) {
      const attrs = xmlAttributes(tok);
      if (tok.endsWith('/>')) continue;
      open = { attrs, start: text.length };
    } else if (/^<\/TIMEX3\s*>/.test(tok) && open) {
      if (text.length > open.start) {
        timexes.push({
          tid: open.attrs.tid ?? '',
          start: open.start,
          end: text.length,
          text: text.slice(open.start, text.length),
          type: open.attrs.type ?? '',
          value: open.attrs.value ?? '',
        });
      }
      open = null;
    }
  }
  text += body.slice(last);
  return { id, dct, text, timexes };
}
