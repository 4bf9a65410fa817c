// A read-only view over the tokens of a document that the mentions and quotes stages share:
// each token's text and lower-case key, the sentence it belongs to, and whether a line break
// stands before it. Built once per stage run in one pass.
import { splitSentences, tokenize } from '../text/index.js';
import type { Annotations, Lang, Span, Token } from '../types.js';

export interface TokenView {
  text: string;
  lang: Lang;
  toks: Token[];
  words: string[];
  keys: string[];
  /** Sentence index of each token. */
  sent: Int32Array;
  /** First and one-past-last token of each sentence. */
  sentFirst: Int32Array;
  sentEnd: Int32Array;
  sentences: Span[];
  /** A line break stands between token i-1 and token i. */
  newlineBefore: Uint8Array;
  /** Keys without diacritics (for name lexicons: "Etats-Unis" finds "États-Unis"). */
  fold: string[];
  /** Keys of words written in lower case somewhere in the document. */
  lowerSeen: Set<string>;
  /** Keys of capitalised words seen somewhere other than at the start of a sentence. */
  capSeenMid: Set<string>;
  /** How often each such key is seen capitalised there. */
  capCount: Map<string, number>;
}

const NON_ASCII = /[^\x00-\x7f]/u;
export function foldKey(k: string): string {
  return NON_ASCII.test(k) ? k.normalize('NFD').replace(/\p{M}/gu, '') : k;
}

const UPPER = /^\p{Lu}/u;

// One view per document: mentions, quotes and events read the same tokens, so the view is kept
// with the token array it was built from (a WeakMap: it goes when the annotations go). Readers
// never change a view.
const views = new WeakMap<readonly Token[], { text: string; lang: Lang; sentences: readonly Span[]; view: TokenView }>();

/** A spelling of a token and what the view derives from it: its key, as a word and as a clitic, and its folded key. */
interface Spelling {
  word: string;
  key: string;
  cliticKey: string;
  fold: string;
  cliticFold: string;
}

/**
 * The spellings of a document, each kept once: a text repeats its words, and a view held for a
 * whole document kept a copy of every token's text, key and folded key (on a name repeated fifty
 * thousand times, megabytes that outlived the stage that built them). Past MAX_SPELLINGS
 * distinct spellings (a text of unique words) the rest are derived each time, not kept.
 */
class Spellings {
  private static readonly MAX_SPELLINGS = 1 << 16;
  private readonly known = new Map<string, Spelling>();

  of(word: string): Spelling {
    const hit = this.known.get(word);
    if (hit) return hit;
    const key = word.toLowerCase().replace(/’/g, "'");
    // "-t-il" → "t-il"
    const cliticKey = key.charCodeAt(0) === 45 ? key.slice(1) : key;
    const fold = foldKey(key);
    const sp: Spelling = { word, key, cliticKey, fold, cliticFold: cliticKey === key ? fold : foldKey(cliticKey) };
    if (this.known.size < Spellings.MAX_SPELLINGS) this.known.set(word, sp);
    return sp;
  }
}

export function buildView(text: string, lang: Lang, ann: Readonly<Annotations>): TokenView {
  if (!ann.tokens.length || !ann.sentences.length) return makeView(text, lang, ann);
  const hit = views.get(ann.tokens);
  if (hit && hit.text === text && hit.lang === lang && hit.sentences === ann.sentences) return hit.view;
  const view = makeView(text, lang, ann);
  views.set(ann.tokens, { text, lang, sentences: ann.sentences, view });
  return view;
}

function makeView(text: string, lang: Lang, ann: Readonly<Annotations>): TokenView {
  const toks = ann.tokens.length ? ann.tokens : tokenize(text, lang);
  const sentences = ann.sentences.length ? ann.sentences : splitSentences(text, lang);
  const n = toks.length;
  const words = new Array<string>(n);
  const keys = new Array<string>(n);
  const sent = new Int32Array(n);
  const newlineBefore = new Uint8Array(n);
  const lowerSeen = new Set<string>();
  const capSeenMid = new Set<string>();
  const capCount = new Map<string, number>();
  const fold = new Array<string>(n);
  const sentFirst = new Int32Array(sentences.length).fill(-1);
  const sentEnd = new Int32Array(sentences.length).fill(-1);
  const spellings = new Spellings();
  let s = 0;
  for (let i = 0; i < n; i++) {
    const t = toks[i];
    const sp = spellings.of(text.slice(t.start, t.end));
    const w = sp.word;
    words[i] = w;
    const clitic = t.kind === 'clitic';
    const k = clitic ? sp.cliticKey : sp.key;
    keys[i] = k;
    fold[i] = clitic ? sp.cliticFold : sp.fold;
    if ((t.kind === 'word' || t.kind === 'clitic') && !UPPER.test(w)) lowerSeen.add(k);
    while (s < sentences.length - 1 && t.start >= sentences[s].end) s++;
    sent[i] = s;
    if (sentFirst[s] < 0) sentFirst[s] = i;
    sentEnd[s] = i + 1;
    if (sentFirst[s] !== i && t.kind === 'word' && UPPER.test(w) && !/^[\p{P}\p{S}]/u.test(words[i - 1])) {
      capSeenMid.add(k);
      capCount.set(k, (capCount.get(k) ?? 0) + 1);
    }
    if (i > 0) {
      const prevEnd = toks[i - 1].end;
      for (let c = prevEnd; c < t.start; c++) {
        const ch = text.charCodeAt(c);
        if (ch === 10 || ch === 13 || ch === 0x2028 || ch === 0x2029) {
          newlineBefore[i] = 1;
          break;
        }
      }
    }
  }
  return { text, lang, toks, words, keys, fold, sent, sentFirst, sentEnd, sentences, newlineBefore, lowerSeen, capSeenMid, capCount };
}
