// The words of the event and actor lexicons, numbered once for the whole process, so that a
// document's tokens are looked up by string once each and every lexicon after that compares
// numbers. Without it the events stage spent most of its time hashing the same token strings in a
// dozen pattern indexes and five actor tries.
import type { TokenView } from '../entities/view.js';

class Vocabulary<K> {
  private ids = new Map<K, number>();
  get size(): number {
    return this.ids.size;
  }
  intern(key: K): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }
  idOf(key: K): number {
    return this.ids.get(key) ?? -1;
  }
}

/** Whole words (folded keys) of any lexicon. */
const WORDS = new Vocabulary<string>();
/** Stem heads: the first letters of stems, packed into a number when they are ASCII. */
const HEADS = new Vocabulary<string | number>();

export const internWord = (key: string): number => WORDS.intern(key);
export const wordId = (key: string): number => WORDS.idOf(key);
export const wordCount = (): number => WORDS.size;
export const headCount = (): number => HEADS.size;

/** The first `length` letters of a key as a number (7 bits a letter) when they are ASCII, else as the string. */
function packHead(key: string, length: number): string | number {
  let n = 0;
  for (let i = 0; i < length; i++) {
    const c = key.charCodeAt(i);
    if (c > 127) return key.slice(0, length);
    n = (n << 7) | c;
  }
  return n;
}

export const internHead = (key: string, length: number): number => HEADS.intern(packHead(key, length));
export const headId = (key: string, length: number): number => key.length < length ? -1 : HEADS.idOf(packHead(key, length));

// Ids of a view's folded keys, kept with the view; computed again if a lexicon compiled since
// added words (an id of -1 might then be stale).
const viewIds = new WeakMap<TokenView, { words: number; ids: Int32Array }>();

/** Word ids of the view's folded keys (-1: in no lexicon). */
export function foldIds(v: TokenView): Int32Array {
  const hit = viewIds.get(v);
  if (hit && hit.words === WORDS.size) return hit.ids;
  const ids = new Int32Array(v.fold.length);
  for (let i = 0; i < ids.length; i++) ids[i] = WORDS.idOf(v.fold[i]);
  viewIds.set(v, { words: WORDS.size, ids });
  return ids;
}
