// People, organisations, places and groups named in a dispatch, with their roles and aliases.
//
// One left-to-right pass over the tokens:
//  1. a capitalised run (with name particles: de, al-, bin, van…) or a lexicon entry (known
//     organisations and acronyms, countries, group nouns such as "talibans") is a candidate;
//     capitalised function words, weekdays and months ("Le", "Selon", "Mercredi") are dropped;
//  2. it is typed from the strongest evidence: lexicon entry, honorific or title before it
//     ("M.", "Mr.", "général"), organisation head words ("Ministère", "University"), a role in
//     apposition ("le gouverneur de X, <Name>", "<Name>, the group's chief negotiator"), place
//     context ("à", "in", "province de"), a first name, a cue verb after it ("<Name> a déclaré");
//  3. within the document, shorter forms ("M. Zarif", "Zarif", "le ministre") are aliased to the
//     fullest mention of the same entity, which lends them its canonical name and role.
// Every rule reads its words from the lexicons (titles, organisations, groups, nonentities,
// entitycues, cues); nothing here names a person, a place or a document.
import { loadLexicon } from '../lexicons/load.js';
import { entityRules, longestMatch, type EntityRules, type Gender } from '../entities/rules.js';
import { buildView, type TokenView } from '../entities/view.js';
import { cueAt, cueRules, type CueRules } from '../quotes/cues.js';
import type { Annotations, Lang, Mention, MentionType, ResolvedDocument, Span } from '../types.js';
import { defineStage } from './stage.js';

/** A mention with what the quotes stage and the aliasing need to know beyond the contract. */
interface Draft {
  first: number; // first token (title included)
  last: number; // one past the last token
  nameFirst: number; // first token of the name proper (after honorific / title)
  type: MentionType;
  canonical: string | null;
  role: string | null;
  roleSpan: Span | null;
  gender: Gender;
  strong: boolean; // typed by lexicon or explicit context, not by default
  nominal: boolean; // "le ministre": a description standing for a named mention
  aliasOf: number;
  /** The fuller mention this one stands for (set from aliasOf before sorting). */
  target?: Draft | null;
}

const UPPER = /^\p{Lu}/u;
const ALLCAPS = /^[\p{Lu}\p{N}.&-]+$/u;
const PUNCT = /^[\p{P}\p{S}]+$/u;

interface Settings {
  defaultSingleType: MentionType;
  possessiveOf: Record<string, string>;
}
const settingsCache = new Map<Lang, Settings>();
function settings(lang: Lang): Settings {
  const hit = settingsCache.get(lang);
  if (hit) return hit;
  const l = lang === 'other' ? 'en' : lang;
  const cues = loadLexicon<{ defaultSingleType?: MentionType }>(l, 'entitycues');
  const titles = loadLexicon<{ possessiveOf?: Record<string, string> }>(l, 'titles');
  const s = { defaultSingleType: cues?.defaultSingleType ?? 'MISC', possessiveOf: titles?.possessiveOf ?? {} };
  settingsCache.set(lang, s);
  return s;
}

function isCap(v: TokenView, r: EntityRules, i: number): boolean {
  const t = v.toks[i];
  if (t.kind !== 'word' && t.kind !== 'abbrev') return false;
  const w = v.words[i];
  if (UPPER.test(w)) return w.length > 1 || v.text[t.end] === '.' || i + 1 < v.toks.length && v.words[i + 1] === '.';
  return r.nameParticle !== null && r.nameParticle.test(w);
}

/** Token i opens its sentence (possibly after an opening quote, bracket or dash). */
function sentenceInitial(v: TokenView, i: number): boolean {
  const s = v.sent[i];
  let k = v.sentFirst[s];
  while (k < i && PUNCT.test(v.words[k])) k++;
  if (k === i) return true;
  // after a colon or an opening quote mark inside the sentence
  const prev = v.words[i - 1];
  return prev === '«' || prev === '“' || prev === '"' || prev === ':' || prev === '—' || prev === '(' || v.newlineBefore[i] === 1;
}

function isAllCaps(w: string): boolean {
  return ALLCAPS.test(w) && /\p{Lu}/u.test(w);
}

export function findMentions(doc: ResolvedDocument, ann: Readonly<Annotations>): Mention[] {
  const v = buildView(doc.text, doc.lang, ann);
  const r = entityRules(doc.lang);
  const c = cueRules(doc.lang);
  const set = settings(doc.lang);
  const n = v.toks.length;
  const drafts: Draft[] = [];
  const keys = v.keys;

  let i = 0;
  while (i < n) {
    // lower-case group nouns and collective actors: "les talibans", "security forces"
    if (!isCap(v, r, i) && v.toks[i].kind === 'word') {
      const g = longestMatch(r.groups, keys, i, Math.min(n, i + 4));
      if (g) {
        drafts.push(plain(i, i + g.len, g.entry.type, g.entry.canonical, true));
        i += g.len;
        continue;
      }
      // "les forces afghanes", "l'armée américaine": a government head and a demonym
      if (r.govHeads.has(keys[i]) && i + 1 < n && r.demonyms.has(keys[i + 1]) && !UPPER.test(v.words[i + 1])) {
        drafts.push(plain(i, i + 2, 'ORG', null, true));
        i += 2;
        continue;
      }
    }
    const honor = r.honorifics.get(v.words[i]);
    if (!isCap(v, r, i) && !(honor && i + 1 < n && isCap(v, r, i + 1))) {
      i++;
      continue;
    }
    // the capitalised run
    let e = i + 1;
    while (e < n && !v.newlineBefore[e] && v.sent[e] === v.sent[i]) {
      if (isCap(v, r, e) && adjacent(v, e)) e++;
      else if (r.particles.has(keys[e]) && e + 1 < n && isCap(v, r, e + 1) && adjacent(v, e) && adjacent(v, e + 1) && !r.nonEntities.has(keys[e + 1])) e += 2;
      else break;
    }
    let s = i;
    // drop capitalised function words in front ("Le", "Selon", "Mercredi") unless a lexicon entry starts there
    while (s < e && (r.nonEntities.has(keys[s]) || r.particles.has(keys[s])) && !longestMatch(r.names, keys, s, n) && !r.honorifics.has(v.words[s])) s++;
    if (s >= e) {
      i = e;
      continue;
    }
    // a lexicon entry (organisation, acronym, country) at s
    const lex = longestMatch(r.names, keys, s, n);
    if (lex && (!lex.entry.acronym || isAllCaps(v.words[s])) && (s + lex.len >= e || lex.entry.type === 'ORG' || !isCap(v, r, s + lex.len))) {
      const end = Math.max(s + lex.len, lex.entry.type === 'ORG' ? s + lex.len : e);
      drafts.push(plain(s, end, lex.entry.type, lex.entry.canonical, true));
      i = end;
      continue;
    }
    // a capitalised group noun ("Talibans")
    const grp = longestMatch(r.groups, keys, s, e);
    if (grp && s + grp.len === e) {
      drafts.push(plain(s, e, grp.entry.type, grp.entry.canonical, true));
      i = e;
      continue;
    }
    // sentence-initial single word that the document also writes in lower case: an ordinary word
    if (e - s === 1 && sentenceInitial(v, s) && v.lowerSeen.has(keys[s])) {
      i = e;
      continue;
    }
    // honorifics and titles at the head of the run or just before it
    let first = s;
    let nameFirst = s;
    let gender: Gender = 'x';
    let person = false;
    let title: string | null = null;
    while (nameFirst < e - 1) {
      const h = r.honorifics.get(v.words[nameFirst]);
      if (h) {
        gender = h;
        person = true;
        nameFirst++;
        continue;
      }
      const t2 = nameFirst + 1 < e - 1 ? keys[nameFirst] + ' ' + keys[nameFirst + 1] : '';
      if (t2 && r.preNameTitles.has(t2)) {
        title = v.text.slice(v.toks[nameFirst].start, v.toks[nameFirst + 1].end);
        person = true;
        nameFirst += 2;
        continue;
      }
      if (r.preNameTitles.has(keys[nameFirst])) {
        title = v.words[nameFirst];
        person = true;
        nameFirst++;
        continue;
      }
      break;
    }
    if (r.honorifics.has(v.words[nameFirst]) && nameFirst === e - 1) {
      i = e;
      continue;
    }
    // a lower-case title or honorific just before ("général Ferrari", "le président Kim")
    if (first === i && s === i) {
      const p1 = i - 1;
      if (p1 >= 0 && adjacent(v, i)) {
        const two = p1 >= 1 && adjacent(v, p1) ? keys[p1 - 1] + ' ' + keys[p1] : '';
        if (two && r.preNameTitles.has(two)) {
          first = p1 - 1;
          title = v.text.slice(v.toks[p1 - 1].start, v.toks[p1].end);
          person = true;
        } else if (r.preNameTitles.has(keys[p1]) && !UPPER.test(v.words[p1])) {
          first = p1;
          title = v.words[p1];
          person = true;
        }
        if (first > 0 && r.honorifics.has(v.words[first - 1]) && adjacent(v, first)) {
          first--;
          gender = r.honorifics.get(v.words[first])!;
        }
      }
    }
    if (title && r.femaleRoles.has(title.toLowerCase())) gender = 'f';

    let type: MentionType | null = null;
    let strong = false;
    let canonical: string | null = null;
    const len = e - nameFirst;
    if (person) {
      type = 'PER';
      strong = true;
    } else if (r.orgHeads.has(keys[s]) || (len > 1 && (r.orgHeads.has(keys[e - 1]) || r.tailHeads.has(keys[e - 1])))) {
      type = 'ORG';
      strong = true;
    } else if (len === 1 && r.demonyms.has(keys[s])) {
      type = 'NORP';
      strong = true;
      canonical = v.words[s];
    } else if (locContext(v, r, s)) {
      type = 'LOC';
      strong = true;
      if (len > 1 && r.firstNames.has(v.words[s])) type = 'PER';
    } else if (len > 1 && r.firstNames.has(v.words[s])) {
      type = 'PER';
      strong = true;
    }
    // a cue verb after the name: "<Name> a déclaré", "<Name> said"
    if (!type || type === 'LOC') {
      if (e < n && !v.newlineBefore[e] && cueAt(keys, e, c, Math.min(n, e + 5)) && !locContext(v, r, s)) {
        type = 'PER';
        strong = len > 1;
      }
    }
    if (!type && len === 1 && s > 0 && r.determiners.has(keys[s - 1])) type = 'MISC';
    const d: Draft = {
      first, last: e, nameFirst, type: type ?? (len > 1 ? 'PER' : isAllCaps(v.words[s]) && v.words[s].length <= 6 ? 'ORG' : set.defaultSingleType),
      canonical, role: title, roleSpan: title ? { start: v.toks[first].start, end: v.toks[nameFirst > first ? nameFirst - 1 : first].end } : null,
      gender, strong, nominal: false, aliasOf: -1,
    };
    if (d.role && d.roleSpan && title) d.roleSpan = spanOfText(v, first, title);
    // roles in apposition
    if (d.type === 'PER' || d.type === set.defaultSingleType || !strong) {
      const role = roleBefore(v, r, c, first) ?? roleAfter(v, r, c, e);
      if (role && !(strong && d.type !== 'PER')) {
        d.type = 'PER';
        d.role = role.text;
        d.roleSpan = role.span;
        d.strong = true;
        if (role.gender !== 'x' && d.gender === 'x') d.gender = role.gender;
        if (role.possessive) d.role = resolvePossessive(v, drafts, role, set) ?? d.role;
      }
    }
    drafts.push(d);
    i = e;
  }

  aliasDrafts(v, r, drafts);
  nominalAliases(v, r, drafts);
  for (const d of drafts) d.target = d.aliasOf >= 0 ? drafts[d.aliasOf] : null;
  drafts.sort((a, b) => a.first - b.first);
  return toMentions(v, drafts);
}

function plain(first: number, last: number, type: MentionType, canonical: string | null, strong: boolean): Draft {
  return { first, last, nameFirst: first, type, canonical, role: null, roleSpan: null, gender: 'x', strong, nominal: false, aliasOf: -1 };
}

/** Tokens i-1 and i are separated by spaces only (no punctuation, no line break). */
function adjacent(v: TokenView, i: number): boolean {
  if (v.newlineBefore[i]) return false;
  const prev = v.words[i - 1];
  return !PUNCT.test(prev) || prev.endsWith('.') && prev.length > 1;
}

function spanOfText(v: TokenView, from: number, s: string): Span {
  const start = v.toks[from].start;
  return { start, end: start + s.length };
}

/** "à Kaboul", "in Kabul", "la province de Badghis", "près de Mossoul". */
function locContext(v: TokenView, r: EntityRules, s: number): boolean {
  if (s === 0) return false;
  const p = v.keys[s - 1];
  if (r.locPrepSingle.has(p)) return true;
  if ((p === 'de' || p === "d'" || p === 'of' || p === 'du') && s >= 2 && r.locHeadsBefore.has(v.keys[s - 2])) return true;
  if (r.locHeadsBefore.has(p) && !UPPER.test(v.words[s - 1])) return true;
  return false;
}

interface RoleFound {
  text: string;
  span: Span;
  gender: Gender;
  possessive: string | null;
  at: number;
}

/** A word that can head a noun phrase before "des" ("ministre des Affaires"), not a verb or a preposition. */
function isNounLike(v: TokenView, k: number): boolean {
  return v.toks[k].kind === 'word' && /^\p{Ll}/u.test(v.words[k]);
}

function hasRoleHead(v: TokenView, r: EntityRules, from: number, to: number): Gender | null {
  for (let k = from; k < Math.min(to, from + 4); k++) {
    for (let w = r.roleMaxWords; w >= 1; w--) {
      if (k + w > to) continue;
      let key = v.keys[k];
      for (let x = k + 1; x < k + w; x++) key += ' ' + v.keys[x];
      if (r.roleHeads.has(key)) return r.femaleRoles.has(key) ? 'f' : 'x';
    }
  }
  return null;
}

/** "le gouverneur de la province, <Name>" / "Republican nominee <Name>": the role before a name. */
function roleBefore(v: TokenView, r: EntityRules, c: CueRules, first: number): RoleFound | null {
  if (first < 1) return null;
  const sentStart = v.sentFirst[v.sent[first]];
  let end = first; // one past the last role token
  const comma = v.words[first - 1] === ',';
  if (comma) end = first - 1;
  let k = end - 1;
  let start = -1;
  let possessive: string | null = null;
  while (k >= sentStart && end - k <= 12) {
    const key = v.keys[k];
    if (r.determiners.has(key) && !(k > sentStart && r.particles.has(v.keys[k - 1])) && !(key === 'des' && k > sentStart && !PUNCT.test(v.words[k - 1]) && !r.determiners.has(v.keys[k - 1]) && !cueAt(v.keys, k - 1, c, end) && k - 1 > sentStart && !r.honorifics.has(v.words[k - 1]) && isNounLike(v, k - 1))) {
      start = k + 1;
      possessive = r.possessives.has(key) ? key : null;
      break;
    }
    if (PUNCT.test(v.words[k]) && v.words[k] !== "'" || cueAt(v.keys, k, c, end) || (!comma && UPPER.test(v.words[k]) && k < end - 1 && false)) {
      start = k + 1;
      break;
    }
    if (k === sentStart) {
      start = k;
      break;
    }
    k--;
  }
  if (start < 0 || start >= end) return null;
  // without a comma the role must end right before the name and be short ("nominee Mike Pence")
  if (!comma && end - start > 6) return null;
  // a role does not end on a preposition ("gouverneur de <Place>" is not the role of the place)
  if (r.particles.has(v.keys[end - 1]) || v.toks[end - 1].kind === 'clitic') return null;
  const g = hasRoleHead(v, r, start, end);
  if (g === null) return null;
  const span = { start: v.toks[start].start, end: v.toks[end - 1].end };
  return { text: v.text.slice(span.start, span.end), span, gender: g, possessive, at: start };
}

/** "<Name>, ancien vice-président du pays," / "<Name>, the group's chief negotiator". */
function roleAfter(v: TokenView, r: EntityRules, c: CueRules, e: number): RoleFound | null {
  const n = v.toks.length;
  if (e >= n || v.words[e] !== ',' ) return null;
  const sentEnd = v.sentEnd[v.sent[e]];
  let start = e + 1;
  let possessive: string | null = null;
  if (start < sentEnd && r.determiners.has(v.keys[start])) {
    possessive = r.possessives.has(v.keys[start]) ? v.keys[start] : null;
    start++;
  }
  let k = start;
  while (k < sentEnd && k - start < 12) {
    const w = v.words[k];
    if ((PUNCT.test(w) && w !== "'" && w !== '’' && w !== '-') || c.relatives.has(v.keys[k]) || cueAt(v.keys, k, c, sentEnd)) break;
    k++;
  }
  if (k === start || k - start >= 12) return null;
  const g = hasRoleHead(v, r, start, k);
  if (g === null) return null;
  const span = { start: v.toks[start].start, end: v.toks[k - 1].end };
  return { text: v.text.slice(span.start, span.end), span, gender: g, possessive, at: start };
}

/** "leur négociateur en chef" → "négociateur en chef des <group>" when the group is named before. */
function resolvePossessive(v: TokenView, drafts: Draft[], role: RoleFound, set: Settings): string | null {
  const kind = v.keys[role.at - 1] ? v.keys[role.at - 1] : '';
  void kind;
  const plural = /^(leur|leurs|their)$/u.test(role.possessive ?? '');
  const tpl = set.possessiveOf[plural ? 'p' : 's'];
  if (!tpl) return null;
  const sent = v.sent[role.at];
  for (let d = drafts.length - 1; d >= 0; d--) {
    const m = drafts[d];
    if (v.sent[m.first] < sent - 1) break;
    if (plural ? m.type === 'ORG' || m.type === 'NORP' : m.type === 'ORG') {
      const owner = v.text.slice(v.toks[m.first].start, v.toks[m.last - 1].end);
      return role.text + ' ' + tpl.replace('{x}', owner);
    }
  }
  return null;
}

function nameKeys(v: TokenView, d: Draft): string[] {
  const out: string[] = [];
  for (let k = d.nameFirst; k < d.last; k++) if (UPPER.test(v.words[k]) || v.words[k].includes('-')) out.push(v.keys[k]);
  return out;
}

/** "M. Zarif", "Zarif" → the fullest mention whose name ends with (or contains) the same word. */
function aliasDrafts(v: TokenView, r: EntityRules, drafts: Draft[]): void {
  const full: { d: number; keys: string[] }[] = [];
  for (let d = 0; d < drafts.length; d++) {
    const m = drafts[d];
    if (m.type === 'PER') {
      const ks = nameKeys(v, m);
      if (ks.length >= 2) full.push({ d, keys: ks });
    }
  }
  // acronyms in brackets after an organisation: "Front de libération (FDL)"
  for (let d = 0; d + 1 < drafts.length; d++) {
    const a = drafts[d];
    const b = drafts[d + 1];
    if (a.type === 'ORG' && b.last - b.first === 1 && b.first === a.last + 1 && v.words[a.last] === '(' && isAllCaps(v.words[b.first])) {
      b.type = 'ORG';
      b.aliasOf = d;
      b.strong = true;
      for (let x = d + 2; x < drafts.length; x++) if (drafts[x].aliasOf < 0 && drafts[x].last - drafts[x].first === 1 && v.keys[drafts[x].first] === v.keys[b.first]) drafts[x].aliasOf = d;
    }
  }
  if (!full.length) return;
  for (let d = 0; d < drafts.length; d++) {
    const m = drafts[d];
    if (m.aliasOf >= 0) continue;
    if (m.type !== 'PER' && m.strong) continue;
    const ks = nameKeys(v, m);
    if (!ks.length || ks.length >= 2 && m.type === 'PER' && full.some((f) => f.d === d)) {
      if (ks.length < 2) continue;
      // the same full name again, or the tail of a longer one ("Aziz Bek" after "Abdul Aziz Bek")
      let best = -1;
      for (const f of full) {
        if (f.d === d || best >= 0) continue;
        if ((f.keys.length > ks.length && endsWith(f.keys, ks)) || (f.d < d && f.keys.length === ks.length && endsWith(f.keys, ks))) best = f.d;
      }
      if (best >= 0) m.aliasOf = best;
      continue;
    }
    let best = -1;
    let bestDist = Infinity;
    for (const f of full) {
      if (f.d === d) continue;
      if (f.keys[f.keys.length - 1] === ks[ks.length - 1] || (ks.length === 1 && f.keys.includes(ks[0]))) {
        const dist = Math.abs(f.d - d) + (f.d > d ? 1000 : 0);
        if (dist < bestDist) {
          bestDist = dist;
          best = f.d;
        }
      }
    }
    if (best >= 0) {
      m.aliasOf = best;
      m.type = 'PER';
    }
  }
  void r;
}

function endsWith(a: string[], b: string[]): boolean {
  if (b.length > a.length) return false;
  for (let k = 1; k <= b.length; k++) if (a[a.length - k] !== b[b.length - k]) return false;
  return true;
}

/** "le ministre" standing for the person whose role begins with that word. */
function nominalAliases(v: TokenView, r: EntityRules, drafts: Draft[]): void {
  const withRole = drafts.filter((d) => d.type === 'PER' && d.role && d.aliasOf < 0);
  if (!withRole.length) return;
  const taken = new Uint8Array(v.toks.length);
  for (const d of drafts) for (let k = d.first; k < d.last; k++) taken[k] = 1;
  const added: Draft[] = [];
  for (let k = 0; k + 1 < v.toks.length; k++) {
    if (taken[k] || taken[k + 1]) continue;
    const det = v.keys[k];
    if (!r.determiners.has(det) || r.possessives.has(det)) continue;
    const head = v.keys[k + 1];
    if (!r.roleHeads.has(head)) continue;
    // not an apposition ("le ministre X", "le ministre, X") nor a description with complements
    const next = k + 2 < v.toks.length ? v.words[k + 2] : '.';
    if (UPPER.test(next) || next === ',' && k + 3 < v.toks.length && UPPER.test(v.words[k + 3])) continue;
    if (!/^(le|la|l'|the|ce|cette|this)$/u.test(det)) continue;
    let best: Draft | null = null;
    for (const d of withRole) {
      if (d.first >= k) break;
      const rk = d.role!.toLowerCase().replace(/^(ancien|ancienne|former|ex-)\s+/u, '').split(/\s+/u)[0];
      if (rk === head) best = d;
    }
    if (!best) continue;
    const m = plain(k, k + 2, 'PER', null, true);
    m.nominal = true;
    m.aliasOf = drafts.indexOf(best);
    added.push(m);
  }
  drafts.push(...added);
}

function toMentions(v: TokenView, drafts: Draft[]): Mention[] {
  const ids = new Map<Draft, string>();
  drafts.forEach((d, k) => ids.set(d, `m${k + 1}`));
  const canonicalOf = (d: Draft): string => d.canonical ?? v.text.slice(v.toks[d.nameFirst].start, v.toks[d.last - 1].end);
  return drafts.map((d) => {
    const start = v.toks[d.first].start;
    const end = v.toks[d.last - 1].end;
    let full = d.target;
    for (let hops = 0; full?.target && hops < 5; hops++) full = full.target;
    const m: Mention = {
      id: ids.get(d)!,
      start,
      end,
      text: v.text.slice(start, end),
      type: d.type,
      canonical: full ? canonicalOf(full) : canonicalOf(d),
      role: full && !d.role ? full.role : d.role,
    };
    if (d.roleSpan) m.roleSpan = d.roleSpan;
    if (full) m.aliasOf = ids.get(full)!;
    return m;
  });
}

export const mentionsStage = defineStage({
  name: 'mentions',
  produces: 'mentions',
  run: (doc, ann) => findMentions(doc, ann),
});
