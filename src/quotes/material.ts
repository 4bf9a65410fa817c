// What may stand between a cue and its content without being either: adverbs, an incise between
// commas, the addressee ("à l'AFP", "to reporters") and the channel ("dans un communiqué", "on
// Twitter").
import { longestMatch } from '../entities/rules.js';
import { endsWithAny } from './cues.js';
import { LOWER, type Ctx } from './context.js';

export interface Material {
  channel: string | null;
  addressee: string | null;
}

/** Index of the first token at or after k that is not an adverb, addressee or channel phrase. */
export function skipMaterial(ctx: Ctx, k: number, b: number, d: Material): number {
  const { v, c } = ctx;
  for (let guard = 0; guard < 6 && k < b; guard++) {
    const adv = longestMatch(c.adverbs, v.keys, k, b);
    if (adv) {
      k += adv.len;
      continue;
    }
    if (v.words[k] === ',' && k + 1 < b && !c.comp.has(v.keys[k + 1])) {
      // an incise: ", dans un SMS," / ", mercredi,"
      const k2 = skipMaterial(ctx, k + 1, b, d);
      if (k2 > k + 1 && k2 < b && v.words[k2] === ',') {
        k = k2 + 1;
        continue;
      }
      break;
    }
    const ad = addresseeAt(ctx, k, b);
    if (ad) {
      d.addressee ??= ad.label;
      k = ad.end;
      continue;
    }
    const ch = channelAt(ctx, k, b);
    if (ch) {
      d.channel ??= ch.label;
      k = ch.end;
      continue;
    }
    break;
  }
  return k;
}

/** "à l'AFP", "à des journalistes", "to reporters", "auprès de l'AFP". */
function addresseeAt(ctx: Ctx, k: number, b: number): { label: string; end: number } | null {
  const { v, c } = ctx;
  let j: number;
  if (k + 1 < b && c.addresseeIntro.has(v.keys[k] + ' ' + v.keys[k + 1])) j = k + 2;
  else if (c.addresseeIntro.has(v.keys[k])) j = k + 1;
  else return null;
  if (j < b && c.addresseeLinks.has(v.keys[j])) j++;
  if (j < b && ctx.determiners.has(v.keys[j])) j++;
  const m = ctx.mentionAtStart.get(j);
  if (m && (m.type === 'ORG' || m.type === 'PER')) {
    const span = ctx.tokOfMention.get(m)!;
    return { label: m.text, end: span.end };
  }
  const w = longestMatch(c.addressees, v.keys, j, b);
  if (w) return { label: w.entry.canonical, end: j + w.len };
  return null;
}

/** "dans un SMS", "in a statement", "sur Twitter", "lors d'une conférence de presse". */
export function channelAt(ctx: Ctx, k: number, b: number): { label: string; end: number } | null {
  const { v, c } = ctx;
  let j = k;
  const two = j + 1 < b ? v.keys[j] + ' ' + v.keys[j + 1] : '';
  if (c.channelIntro.has(two)) j += 2;
  else if (c.channelIntro.has(v.keys[j])) j++;
  else return null;
  if (j < b && c.channelLinks.has(v.keys[j])) j++;
  return channelNoun(ctx, j, b);
}

/** A channel noun at j, after an article and at most one adjective ("une courte vidéo", "a brief statement"). */
export function channelNoun(ctx: Ctx, j: number, b: number): { label: string; end: number } | null {
  const { v, c } = ctx;
  if (j < b && ctx.determiners.has(v.keys[j])) j++;
  for (let pre = 0; pre < 2 && j < b; pre++) {
    const w = longestMatch(c.channels, v.keys, j, b);
    if (w) {
      let end = j + w.len;
      if (end < b && adjectiveAfterChannel(ctx, end)) end++;
      const label = end - j > w.len ? v.text.slice(v.toks[j].start, v.toks[end - 1].end) : w.entry.canonical;
      return { label, end };
    }
    j++;
  }
  return null;
}

/** "communiqué officiel": one lower-case adjective after the channel noun, where the language puts them there. */
function adjectiveAfterChannel(ctx: Ctx, k: number): boolean {
  const { v, c } = ctx;
  const adj = c.channelAdjective;
  const key = v.keys[k];
  return !!adj && v.toks[k].kind === 'word' && LOWER.test(v.words[k]) && !endsWithAny(key, adj.notEnding)
    && !ctx.determiners.has(key) && !c.speakerStop.has(key) && !c.comp.has(key) && !c.forms.has(key) && !c.aux.has(key)
    && key.length >= adj.minLength;
}
