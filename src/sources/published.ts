// Publication dates as sources write them — ISO 8601 in page metadata and Atom, RFC 822 in RSS
// ("Wed, 07 Jul 2021 08:15:00 +0200") — as the document's `published`: YYYY-MM-DD or an ISO
// timestamp. The offset the source wrote is kept, so the day stays the outlet's local day (an
// evening dispatch from Kabul must not move to the next day by going through UTC).
import { publishedProblem } from '../io/validate.js';

const RFC822_MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const RFC822_ZONES: Record<string, string> = {
  UT: '+00:00', UTC: '+00:00', GMT: '+00:00', Z: '+00:00', EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00',
  MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
};
const RFC822 = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,4}))?)?\s*$/;

const pad2 = (n: number | string) => String(n).padStart(2, '0');

/** "Wed, 07 Jul 2021 08:15:00 +0200" → "2021-07-07T08:15:00+02:00"; null when not that form. */
export function fromRfc822(value: string): string | null {
  const m = RFC822.exec(value.trim());
  if (!m) return null;
  const [, d, mon, y, hh, mm, ss, zone] = m;
  const month = RFC822_MONTHS[mon.toLowerCase()];
  if (!month) return null;
  const day = `${y}-${pad2(month)}-${pad2(d)}`;
  if (hh === undefined) return day;
  let offset = '';
  if (zone) {
    const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
    offset = numeric ? `${numeric[1]}${numeric[2]}:${numeric[3]}` : (RFC822_ZONES[zone.toUpperCase()] ?? '');
  }
  return `${day}T${pad2(hh)}:${mm}:${ss ?? '00'}${offset}`;
}

/**
 * A source's date as a `published` value the validator accepts, or null when it cannot be read
 * as a real day: a wrong date from metadata is worse than none (it would anchor every relative
 * date of the text), so it is dropped and the dateline, if any, decides.
 */
export function normalisePublished(value: string | null | undefined): string | null {
  if (!value) return null;
  const raw = value.trim();
  let candidate: string | null = raw;
  // "2021-07-07T08:15:00.000+0200", "2021-07-07 08:15": the validator's forms, give or take.
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(raw);
  if (iso) {
    const [, day, time, zone] = iso;
    const z = zone ? (zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')) : '';
    candidate = time ? `${day}T${time}${z}` : day;
  } else candidate = fromRfc822(raw);
  return candidate && publishedProblem(candidate) === null ? candidate : null;
}
