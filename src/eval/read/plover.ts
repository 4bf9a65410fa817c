// PLOVER gold standard records (openeventdata/PLOVER, PLOVER_GSR_CAMEO.txt): a JSON array of
// records {id, date, event, text, language, source, target…}; the "DOCUMENT" record is not an
// event. The records were coded with an early PLOVER draft; its types are mapped to the 16
// PLOVER 2.0 types Vigie uses (DEMAND → REQUEST, DISAPPROVE and INVESTIGATE → ACCUSE,
// FIGHT → ASSAULT; the others keep their names).
export const PLOVER_DRAFT_TO_V2: Record<string, string> = {
  DEMAND: 'REQUEST',
  DISAPPROVE: 'ACCUSE',
  INVESTIGATE: 'ACCUSE',
  FIGHT: 'ASSAULT',
};

export interface PloverRecord {
  id: string;
  date: string | null;
  text: string;
  lang: string;
  /** Type as coded in the file. */
  codedType: string;
  /** PLOVER 2.0 type. */
  type: string;
}

export function parsePloverGsr(json: string): PloverRecord[] {
  const data = JSON.parse(json) as Record<string, unknown>[];
  const out: PloverRecord[] = [];
  for (const r of data) {
    const event = typeof r.event === 'string' ? r.event : '';
    if (!event || event === 'DOCUMENT' || typeof r.text !== 'string') continue;
    out.push({
      id: String(r.id ?? `record-${out.length + 1}`),
      date: typeof r.date === 'string' ? r.date : null,
      text: r.text,
      lang: typeof r.language === 'string' ? r.language : 'en',
      codedType: event,
      type: PLOVER_DRAFT_TO_V2[event] ?? event,
    });
  }
  return out;
}
