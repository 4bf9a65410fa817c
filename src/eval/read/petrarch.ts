// PETRARCH2 records (openeventdata): `<Sentence id date category>` records, each with zero or more
// `<EventCoding eventcode sourcecode targetcode/>` (or `noevents="True"`, or `error=…` in the
// unit tests) and a `<Text>`. The files are not well-formed XML (the validation file closes most
// `<Sentence …/>` start tags at once and still ends them with `</Sentence>`; attributes have
// spaces around "="), so a record is read as everything from one `<Sentence` to the next.
// Only the part inside `<Sentences>` is read: the header mentions tags in its comments. A record
// whose <Text> is empty is rebuilt from its CoNLL-U <Parse>; a date that is not YYYYMMDD is dropped
// (the record then runs without a dateline).
//
// CAMEO event codes become PLOVER types through the CAMEO2PLOVER table (openeventdata/PLOVER):
// lines `code: TYPE, mode, context # comment`; a code missing from the table falls back to its
// longest listed prefix, down to the two-digit root. CAMEO 01 and 02 (statements, appeals) have
// no PLOVER type.
import { PLOVER_DRAFT_TO_V2 } from './plover.js';
import { decodeEntity, xmlAttributes } from './text.js';

export interface CameoCoding {
  /** CAMEO event code as written ("0841", "174L" in the unit tests). */
  event: string;
  source: string | null;
  target: string | null;
}

export interface PetrarchRecord {
  /** The record id; a repeated id gets "#2", "#3"… so that every record is its own document. */
  id: string;
  /** YYYY-MM-DD, from the record's YYYYMMDD date. */
  date: string | null;
  category: string | null;
  text: string;
  codings: CameoCoding[];
  /** The record says it holds no event (`noevents="True"`). */
  noEvents: boolean;
}

const decode = (s: string): string => s.replace(/&[#\w]+;/g, decodeEntity);

/** Strips the stray quotes some unit-test codes carry (sourcecode='"ARN"'). */
const code = (x: string | undefined): string | null => {
  const c = (x ?? '').replace(/["']/g, '').trim();
  return c || null;
};

function isoDate(d: string | undefined): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec((d ?? '').trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * The sentence rebuilt from a CoNLL-U parse (one token a line: index, form, …), for the record
 * whose <Text> is empty: one space between tokens, none before closing punctuation.
 */
export function textFromConll(parse: string): string {
  const forms = [...parse.matchAll(/^\d+\t([^\t]+)\t/gm)].map((m) => m[1]);
  return forms.join(' ').replace(/ ([.,;:!?)\]]|'s|n't)(?= |$)/g, '$1').replace(/([(\[]) /g, '$1');
}

function parseRecord(startTag: string, body: string): Omit<PetrarchRecord, 'id'> & { rawId: string } {
  const a = xmlAttributes(startTag);
  const codings: CameoCoding[] = [];
  let noEvents = false;
  for (const m of body.matchAll(/<EventCoding\b([^>]*)>/g)) {
    const c = xmlAttributes(m[1]);
    if (/^true$/i.test((c.noevents ?? '').trim())) noEvents = true;
    const event = code(c.eventcode);
    if (event) codings.push({ event, source: code(c.sourcecode), target: code(c.targetcode) });
  }
  let text = decode(/<Text>([\s\S]*?)<\/Text>/.exec(body)?.[1] ?? '').trim();
  if (!text) text = textFromConll(/<Parse>([\s\S]*?)<\/Parse>/.exec(body)?.[1] ?? '');
  return {
    rawId: (a.id ?? '').trim(),
    date: isoDate(a.date),
    category: a.category?.trim() || null,
    // The text is wrapped over several lines in the file: one space between words.
    text: text.replace(/\s+/g, ' ').trim(),
    codings,
    noEvents: noEvents && codings.length === 0,
  };
}

export function parsePetrarchRecords(xml: string): PetrarchRecord[] {
  const open = xml.search(/<Sentences\b/);
  const close = xml.lastIndexOf('</Sentences>');
  const part = xml.slice(open >= 0 ? open : 0, close > open ? close : xml.length);
  const starts = [...part.matchAll(/<Sentence\b[^>]*>/g)];
  const seen = new Map<string, number>();
  const out: PetrarchRecord[] = [];
  starts.forEach((m, i) => {
    const from = m.index! + m[0].length;
    const to = i + 1 < starts.length ? starts[i + 1].index! : part.length;
    const { rawId, ...r } = parseRecord(m[0], part.slice(from, to));
    if (!r.text) return;
    const base = rawId || `record-${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.push({ id: n > 1 ? `${base}#${n}` : base, ...r });
  });
  return out;
}

export interface PloverOfCameo {
  type: string;
  mode: string | null;
}

/** CAMEO code → PLOVER type and mode; the first line of a code wins (08 is listed twice). */
export type CameoPloverMap = Map<string, PloverOfCameo>;

export function parseCameoPlover(table: string): CameoPloverMap {
  const map: CameoPloverMap = new Map();
  for (const raw of table.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^(\d+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const [type, mode] = m[2].split(',').map((x) => x.trim());
    if (!type || map.has(m[1])) continue;
    const upper = type.toUpperCase();
    map.set(m[1], { type: PLOVER_DRAFT_TO_V2[upper] ?? upper, mode: mode || null });
  }
  return map;
}

/** The PLOVER type of a CAMEO code: the code itself, else its longest listed prefix (≥ 2 digits). */
export function ploverOfCameo(map: CameoPloverMap, cameo: string): PloverOfCameo | null {
  const digits = /^\d+/.exec(cameo.trim())?.[0] ?? '';
  for (let n = digits.length; n >= 2; n--) {
    const hit = map.get(digits.slice(0, n));
    if (hit) return hit;
  }
  return null;
}
