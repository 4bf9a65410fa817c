// Small text helpers shared by the gold readers.
import type { Span } from '../score/common.js';

const WORDCHAR = /[\p{L}\p{N}]/u;

/**
 * Every occurrence of `needle` in `text`, case-insensitively, that does not start or end inside
 * a word ("Iran" is not found in "iranien"). Gold files whose strings are "exact substrings, any
 * occurrence counts" are turned into spans this way.
 */
export function occurrences(text: string, needle: string | null | undefined): Span[] {
  if (!needle) return [];
  const hay = text.toLowerCase();
  const n = needle.toLowerCase();
  // toLowerCase keeps UTF-16 lengths for the scripts met here; fall back to exact search if not.
  const sameLength = hay.length === text.length && n.length === needle.length;
  const h = sameLength ? hay : text;
  const k = sameLength ? n : needle;
  const out: Span[] = [];
  const startsWord = WORDCHAR.test(k[0]);
  const endsWord = WORDCHAR.test(k[k.length - 1]);
  for (let i = h.indexOf(k); i >= 0; i = h.indexOf(k, i + 1)) {
    const before = i > 0 ? h[i - 1] : ' ';
    const after = i + k.length < h.length ? h[i + k.length] : ' ';
    if (startsWord && WORDCHAR.test(before)) continue;
    if (endsWord && WORDCHAR.test(after)) continue;
    out.push({ start: i, end: i + k.length });
  }
  return out;
}

/** Occurrences of several strings, concatenated. */
export function occurrencesOf(text: string, needles: readonly (string | null | undefined)[]): Span[] {
  return needles.flatMap((n) => occurrences(text, n));
}

/**
 * Offsets counted in Unicode code points (brat, Python tools) → UTF-16 code units (JavaScript).
 * Returns the identity when the text has no astral characters.
 */
export function codePointToUtf16(text: string): (cp: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (cp) => cp;
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (cp) => map[Math.min(cp, map.length - 1)];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntity(ent: string): string {
  const m = /^&(#x[0-9a-f]+|#\d+|\w+);$/i.exec(ent);
  if (!m) return ent;
  const body = m[1];
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : ent;
  }
  return ENTITIES[body.toLowerCase()] ?? ent;
}

/** Reads `name="value"` attributes of one XML start tag. */
export function xmlAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1]] = (m[2] ?? m[3] ?? '').replace(/&[#\w]+;/g, decodeEntity);
  }
  return out;
}
