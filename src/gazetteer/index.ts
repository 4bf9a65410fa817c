// The gazetteer in memory: entries (parsed on first use), a Map from normalised name to entries and
// a second Map from transliteration-folded name to entries (fallback). Loaded once per process
// from the generated file (built on first use when missing), plus the hand-made alias files
// src/lexicons/<lang>/places-aliases.json (names GeoNames lacks, supranational regions).
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { isUtf8 } from 'node:buffer';
import { buildGazetteer, gazetteerPath, lowerHeadKeys, lowerHeadsPath } from './build.js';
import { languagesWith, loadLexicon } from '../lexicons/load.js';
import { foldKey, normKey } from './normalize.js';
import { readOverlay } from './overlay.js';

export interface GazEntry {
  index: number;
  featureCode: string;
  geonameId: number | null;
  country: string | null;
  admin1Code: string;
  admin2Code: string;
  population: number;
  lat: number;
  lon: number;
  name: string;
}

interface AliasItem {
  names: string[];
  /** Attach the names to an existing entry: its country, feature code (prefix) and a name. */
  target?: { country: string; featureCode: string; name: string };
  /** Or a new entry. */
  name?: string;
  featureCode?: string;
  country?: string | null;
  lat?: number;
  lon?: number;
  population?: number;
  /** Adjectives or demonyms of the place ("European"). */
  demonyms?: string[];
}

interface AliasLexicon {
  aliases: AliasItem[];
}

// Memory layout. The file holds ~250k entries and ~640k name keys; as JS strings in Maps (one
// sliced string per line and per key) it cost ~140 MB per process, and every worker thread loads
// its own copy. So the file stays as ONE Buffer (UTF-8, off the JS heap, no per-line object), an
// entry is a byte offset of its line (parsed into a GazEntry on first use, as before), and the
// two key → entries indexes are open-addressing hash tables in typed arrays whose slots point at
// the keys' bytes inside that same Buffer: no key is ever copied. Keys added after the file (the
// alias lexicons, addKeys) are the exception: few, kept as strings.

const TAB = 9;
const NL = 10;
const BAR = 124; // '|', between the keys of one column
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a gives poor low bits on short keys and the table masks the low bits: mix them. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** A key being looked up, encoded once to UTF-8 so it compares with the file's bytes. */
class Probe {
  bytes = new Uint8Array(256);
  length = 0;
  hash = 0;
  str = '';
  /**
   * False when no key of the file can equal it: a lone surrogate (the file is valid UTF-8 written
   * from well-formed strings) or a separator byte inside it (file keys end at the first one).
   */
  inFile = true;
  /** False with a lone surrogate: it cannot equal text decoded from valid UTF-8. */
  wellFormed = true;

  set(key: string): this {
    const n = key.length;
    if (this.bytes.length < n * 3) this.bytes = new Uint8Array(n * 3 + 64);
    const b = this.bytes;
    let h = FNV_OFFSET;
    let len = 0;
    let inFile = true;
    let wellFormed = true;
    for (let i = 0; i < n; i++) {
      let c = key.charCodeAt(i);
      if (c < 0x80) {
        if (c === BAR || c === TAB || c === NL) inFile = false;
        b[len++] = c;
        h = Math.imul(h ^ c, FNV_PRIME);
        continue;
      }
      // Hand-rolled UTF-8 (same bytes as Buffer.from(key)): no allocation on the lookup path.
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? key.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else {
          c = 0xfffd; // what the encoder writes; only the hash uses it (extra keys compare as strings)
          inFile = false;
          wellFormed = false;
        }
      }
      const start = len;
      if (c < 0x800) {
        b[len++] = 0xc0 | (c >> 6);
      } else if (c < 0x10000) {
        b[len++] = 0xe0 | (c >> 12);
        b[len++] = 0x80 | ((c >> 6) & 63);
      } else {
        b[len++] = 0xf0 | (c >> 18);
        b[len++] = 0x80 | ((c >> 12) & 63);
        b[len++] = 0x80 | ((c >> 6) & 63);
      }
      b[len++] = 0x80 | (c & 63);
      for (let j = start; j < len; j++) h = Math.imul(h ^ b[j], FNV_PRIME);
    }
    this.length = len;
    this.hash = finish(h);
    this.str = key;
    this.inFile = inFile;
    this.wellFormed = wellFormed;
    return this;
  }
}

/**
 * Open-addressing (linear probing) table: key → value, the value encoded as in Gazetteer (entry
 * index ≥ 0, or -(1 + list index)). A slot holds 1 + a key reference: below `file.length`, the
 * byte offset of a key in the file (it ends at '|', tab, newline or the end); from there on, an
 * index into `extra` (string keys added after the file).
 */
class KeyTable {
  private slots: Uint32Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(
    private readonly file: Uint8Array,
    private readonly extra: string[],
    capacity = 1 << 16,
  ) {
    this.slots = new Uint32Array(capacity);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Slot of the probed key, or ~(the empty slot where it would go). */
  find(p: Probe): number {
    const { slots, file, mask } = this;
    const fileLen = file.length;
    const q = p.bytes;
    const len = p.length;
    let s = p.hash & mask;
    for (let ref = slots[s]; ref !== 0; s = (s + 1) & mask, ref = slots[s]) {
      const at = ref - 1;
      if (at >= fileLen) {
        if (this.extra[at - fileLen] === p.str) return s;
        continue;
      }
      if (!p.inFile || at + len > fileLen) continue;
      let j = 0;
      while (j < len && file[at + j] === q[j]) j++;
      if (j < len) continue;
      const end = at + len === fileLen ? BAR : file[at + len];
      if (end === BAR || end === TAB || end === NL) return s;
    }
    return ~s;
  }

  /** Same as find for a key of the file at [at, at + len) whose hash is known (load path). */
  findFileKey(at: number, len: number, hash: number): number {
    const { slots, file, mask } = this;
    const fileLen = file.length;
    let s = hash & mask;
    for (let ref = slots[s]; ref !== 0; s = (s + 1) & mask, ref = slots[s]) {
      const o = ref - 1;
      if (o >= fileLen) {
        // A string key: compare through its bytes (rare: only keys added before the file).
        const str = this.extra[o - fileLen];
        if (Buffer.byteLength(str) === len && Buffer.from(str).equals(file.subarray(at, at + len))) return s;
        continue;
      }
      if (o + len > fileLen) continue;
      let j = 0;
      while (j < len && file[o + j] === file[at + j]) j++;
      if (j < len) continue;
      const end = o + len === fileLen ? BAR : file[o + len];
      if (end === BAR || end === TAB || end === NL) return s;
    }
    return ~s;
  }

  /** The table as arrays, for the index snapshot (and back: restore). */
  state(): { slots: Uint32Array; values: Int32Array; count: number } {
    return { slots: this.slots, values: this.values, count: this.count };
  }

  restore(slots: Uint32Array, values: Int32Array, count: number): void {
    this.slots = slots;
    this.values = values;
    this.count = count;
    this.mask = slots.length - 1;
  }

  value(slot: number): number {
    return this.values[slot];
  }

  setValue(slot: number, v: number): void {
    this.values[slot] = v;
  }

  /** Fill the empty slot `~find()` returned (slot numbers change if the table grows). */
  insert(emptySlot: number, ref: number, v: number): void {
    this.slots[emptySlot] = ref + 1;
    this.values[emptySlot] = v;
    // Grown at 5/8 full: a miss (most lookups of the matcher) then probes about 3 slots at most
    // on average, and the table stays ~2 × 4 bytes per slot.
    if (++this.count * 8 > this.slots.length * 5) this.grow();
  }

  private grow(): void {
    const { slots: old, values: oldValues } = this;
    const cap = old.length * 2;
    this.slots = new Uint32Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    const fileLen = this.file.length;
    const p = new Probe();
    for (let s = 0; s < old.length; s++) {
      const ref = old[s];
      if (ref === 0) continue;
      const h = ref - 1 < fileLen ? this.fileKeyHash(ref - 1) : p.set(this.extra[ref - 1 - fileLen]).hash;
      let t = h & this.mask;
      while (this.slots[t] !== 0) t = (t + 1) & this.mask;
      this.slots[t] = ref;
      this.values[t] = oldValues[s];
    }
  }

  private fileKeyHash(at: number): number {
    const file = this.file;
    let h = FNV_OFFSET;
    for (let k = at; k < file.length; k++) {
      const b = file[k];
      if (b === BAR || b === TAB || b === NL) break;
      h = Math.imul(h ^ b, FNV_PRIME);
    }
    return finish(h);
  }
}

/**
 * Districts (ADM2, 47k) by code "country.admin1.admin2" → the line that names it, last line
 * wins (as Map.set did). The code is never built as a string at load: it is hashed and compared
 * from the line's columns 2–4, and the name (column 8) is decoded when asked for. As a Map of
 * strings it was ~5 MB, and building those strings grew the young generation by ~14 MB.
 */
class DistrictTable {
  private slots: Uint32Array = new Uint32Array(1 << 16);
  private count = 0;

  constructor(private readonly file: Uint8Array) {}

  /** Byte ranges of columns 0..4 and 8 of the line at `at`: [start, end) pairs. */
  private cols(at: number, out: Int32Array): void {
    const f = this.file;
    let col = 0;
    let start = at;
    for (let k = at; col <= 8; k++) {
      const c = k < f.length ? f[k] : NL;
      if (c !== TAB && c !== NL) continue;
      out[2 * col] = start;
      out[2 * col + 1] = k;
      col++;
      start = k + 1;
      if (c === NL) break;
    }
    for (; col <= 8; col++) out[2 * col] = out[2 * col + 1] = start - 1; // short line: empty
  }

  private readonly c1 = new Int32Array(18);
  private readonly c2 = new Int32Array(18);

  /** FNV-1a over the bytes of "cc.a1.a2" as they lie in columns 2, 3, 4. */
  private hash(c: Int32Array): number {
    const f = this.file;
    let h = FNV_OFFSET;
    for (let col = 2; col <= 4; col++) {
      if (col > 2) h = Math.imul(h ^ 46, FNV_PRIME); // '.'
      for (let k = c[2 * col]; k < c[2 * col + 1]; k++) h = Math.imul(h ^ f[k], FNV_PRIME);
    }
    return finish(h);
  }

  /** Does the code of the line whose columns are `c` equal `bytes[0, len)`? */
  private equals(c: Int32Array, bytes: Uint8Array, len: number): boolean {
    const f = this.file;
    let j = 0;
    for (let col = 2; col <= 4; col++) {
      if (col > 2 && bytes[j++] !== 46) return false;
      for (let k = c[2 * col]; k < c[2 * col + 1]; k++) if (j >= len || bytes[j++] !== f[k]) return false;
    }
    return j === len;
  }

  /** Slot of the code (same bytes as columns `c`), or ~empty slot. */
  private findCols(c: Int32Array, bytes: Uint8Array, len: number, hash: number): number {
    const mask = this.slots.length - 1;
    let s = hash & mask;
    for (let ref = this.slots[s]; ref !== 0; s = (s + 1) & mask, ref = this.slots[s]) {
      this.cols(ref - 1, this.c2);
      if (this.equals(this.c2, bytes, len)) return s;
    }
    return ~s;
  }

  /** Record the ADM2 line at `at` (its admin1 column is not empty). */
  add(at: number): void {
    const c = this.c1;
    this.cols(at, c);
    // The line's own code as bytes, to compare with the lines already there.
    const f = this.file;
    const len = c[5] - c[4] + 1 + c[7] - c[6] + 1 + c[9] - c[8];
    const bytes = new Uint8Array(len);
    bytes.set(f.subarray(c[4], c[5]), 0);
    bytes[c[5] - c[4]] = 46;
    bytes.set(f.subarray(c[6], c[7]), c[5] - c[4] + 1);
    bytes[len - (c[9] - c[8]) - 1] = 46;
    bytes.set(f.subarray(c[8], c[9]), len - (c[9] - c[8]));
    const s = this.findCols(c, bytes, len, this.hash(c));
    if (s >= 0) {
      this.slots[s] = at + 1; // last line wins
      return;
    }
    this.slots[~s] = at + 1;
    if (++this.count * 8 > this.slots.length * 5) {
      const old = this.slots;
      this.slots = new Uint32Array(old.length * 2);
      const mask = this.slots.length - 1;
      for (const ref of old) {
        if (ref === 0) continue;
        this.cols(ref - 1, c);
        let t = this.hash(c) & mask;
        while (this.slots[t] !== 0) t = (t + 1) & mask;
        this.slots[t] = ref;
      }
    }
  }

  state(): { slots: Uint32Array; count: number } {
    return { slots: this.slots, count: this.count };
  }

  restore(slots: Uint32Array, count: number): void {
    this.slots = slots;
    this.count = count;
  }

  /** The name (column 8) of the district whose code is the probed string, or undefined. */
  name(p: Probe): string | undefined {
    if (!p.wellFormed || this.count === 0) return undefined;
    const mask = this.slots.length - 1;
    let s = p.hash & mask;
    for (let ref = this.slots[s]; ref !== 0; s = (s + 1) & mask, ref = this.slots[s]) {
      this.cols(ref - 1, this.c2);
      if (this.equals(this.c2, p.bytes, p.length)) {
        return Buffer.prototype.toString.call(this.file, 'utf8', this.c2[16], this.c2[17]);
      }
    }
    return undefined;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const NONE: readonly GazEntry[] = Object.freeze([]);

const INDEX_MAGIC = 0x5a414756; // "VGAZ"
const INDEX_VERSION = 1;

interface IndexHeader {
  version: number;
  stamp: string;
  count: number;
  exactCount: number;
  foldedCount: number;
  lists: number;
  nodes: number;
  districtCount: number;
  maxWords: number;
  admin1Names: [string, string][];
  admin1Entry: [string, number][];
  countryEntry: [string, number][];
  arrays: { name: string; signed: boolean; offset: number; length: number }[];
}

/** Beside the gazetteer file: its index snapshot. */
export function indexPath(tsv: string): string {
  return tsv.replace(/\.tsv$/, '') + '.index.bin';
}

/** Size and modification time of the file the snapshot was made from. */
function fileStamp(path: string): string {
  const st = statSync(path);
  return `${st.size}:${Math.round(st.mtimeMs)}`;
}
/** Answers kept by a gazetteer before it forgets them all (a few MB at most). */
const MAX_ANSWERS = 100_000;

export class Gazetteer {
  /** The gazetteer file, UTF-8 (empty until loadFile). */
  private file: Buffer = Buffer.alloc(0);
  /** Entry i of the file ↔ byte offset of its line (entries after the file have none). */
  private lineAt = new Uint32Array(1024);
  /** Entries of the file: lineAt[0, fileEntries). */
  private fileEntries = 0;
  private count = 0;
  /**
   * Parsed entries: those looked up so far, and those added by the alias lexicons. Kept, so that
   * entry(i) is the same object every time (the alias lexicons move some entries' coordinates).
   */
  private readonly parsed = new Map<number, GazEntry>();
  /** Keys added as strings (alias lexicons, addKeys): KeyTable references past the file. */
  private readonly extraKeys: string[] = [];
  // key → entry index (≥ 0) or -(1 + L) for list L (below) when several entries share it.
  private exact = new KeyTable(this.file, this.extraKeys);
  private folded = new KeyTable(this.file, this.extraKeys);
  // Several entries under one key (55k keys, 162k entries: "san jose"…): linked lists in typed
  // arrays, list L = nodes listHead[L] → nodeNext… in insertion order. As number[][] they cost
  // ~7 MB of small arrays (each push over-allocates) and grew the young generation while loading.
  private listHead = new Int32Array(1024);
  private listTail = new Int32Array(1024);
  private lists = 0;
  private nodeEntry = new Int32Array(4096);
  private nodeNext = new Int32Array(4096);
  private nodes = 0;
  private readonly probe = new Probe();
  private readonly admin1Names = new Map<string, string>();
  /** Districts from lines the string path read (rare): looked up before `districts`. */
  private readonly admin2Names = new Map<string, string>();
  private districts = new DistrictTable(this.file);
  private readonly admin1Entry = new Map<string, number>();
  private readonly countryEntry = new Map<string, number>();
  /** Keys given by the hand-made alias lexicons (curated, as good as a primary name). */
  readonly aliasKeys = new Set<string>();
  /** key → entries the alias lexicons give it. */
  private readonly aliasTargets = new Map<string, Set<number>>();
  /** Demonyms of alias entries (regions): key → entry index. */
  readonly demonyms = new Map<string, number>();
  /** Longest name in words, to bound the matcher's look-ahead. */
  maxWords = 1;
  /**
   * Keys after which an area's name goes on with a lower-case word ("arabie" for "Arabie
   * saoudite", "emirats arabes" for "Émirats arabes unis"), from the build (lowerHeadsPath) and
   * the alias lexicons; null when the build wrote none (an older file): then any may.
   */
  private lowerHeads: Set<string> | null = null;
  /**
   * Answers of lookup and lookupFolded, misses included: a document's capitalised words are mostly
   * the same few hundred across documents ("The", "Monday", "President"), and each look-up encodes
   * and hashes its key and builds a list. Emptied whenever keys are added.
   */
  private readonly answers = new Map<string, readonly GazEntry[]>();

  /** Add entry i under the key found at `slot` (or the empty slot ~slot, filled with key `ref`). */
  private addAt(table: KeyTable, slot: number, ref: number, i: number): void {
    if (slot < 0) {
      table.insert(~slot, ref, i);
      return;
    }
    const cur = table.value(slot);
    if (cur >= 0) {
      if (cur !== i) {
        const l = this.newList(cur);
        this.append(l, i);
        table.setValue(slot, -1 - l);
      }
    } else {
      const l = -1 - cur;
      for (let n = this.listHead[l]; n >= 0; n = this.nodeNext[n]) if (this.nodeEntry[n] === i) return;
      this.append(l, i);
    }
  }

  private newList(first: number): number {
    const l = this.lists++;
    if (l >= this.listHead.length) {
      this.listHead = grow(this.listHead);
      this.listTail = grow(this.listTail);
    }
    const n = this.newNode(first);
    this.listHead[l] = n;
    this.listTail[l] = n;
    return l;
  }

  private append(l: number, i: number): void {
    const n = this.newNode(i);
    this.nodeNext[this.listTail[l]] = n;
    this.listTail[l] = n;
  }

  private newNode(i: number): number {
    const n = this.nodes++;
    if (n >= this.nodeEntry.length) {
      this.nodeEntry = grow(this.nodeEntry);
      this.nodeNext = grow(this.nodeNext);
    }
    this.nodeEntry[n] = i;
    this.nodeNext[n] = -1;
    return n;
  }

  private addString(table: KeyTable, key: string, i: number): void {
    this.answers.clear();
    const slot = table.find(this.probe.set(key));
    if (slot >= 0) {
      this.addAt(table, slot, 0, i);
      return;
    }
    this.extraKeys.push(key);
    table.insert(~slot, this.file.length + this.extraKeys.length - 1, i);
  }

  private get(table: KeyTable, key: string): number[] {
    const slot = table.find(this.probe.set(key));
    if (slot < 0) return [];
    const cur = table.value(slot);
    if (cur >= 0) return [cur];
    const out: number[] = [];
    for (let n = this.listHead[-1 - cur]; n >= 0; n = this.nodeNext[n]) out.push(this.nodeEntry[n]);
    return out;
  }

  private noteWords(len: number, spaces: number): void {
    // Same rule as ever (it depends on the order of the keys): long keys always count, short
    // ones only while the bound is below 3.
    if (len > 12) {
      if (spaces + 1 > this.maxWords) this.maxWords = spaces + 1;
    } else if (this.maxWords < 3 && spaces > 0) this.maxWords = Math.max(this.maxWords, spaces + 1);
  }

  addKeys(i: number, exact: string[], folded: string[]): void {
    for (const k of exact) {
      if (!k) continue;
      this.addString(this.exact, k, i);
      let spaces = 0;
      for (let p = k.indexOf(' '); p >= 0; p = k.indexOf(' ', p + 1)) spaces++;
      this.noteWords(k.length, spaces);
    }
    for (const k of folded) if (k) this.addString(this.folded, k, i);
  }

  /** The keys of one column of the file, [from, to): '|'-separated, empty ones skipped. */
  private addFileKeys(table: KeyTable, from: number, to: number, i: number, exact: boolean): void {
    const b = this.file;
    let start = from;
    let h = FNV_OFFSET;
    let len16 = 0; // length in UTF-16 units, as String.length (the maxWords rule uses it)
    let spaces = 0;
    for (let k = from; k <= to; k++) {
      const c = k < to ? b[k] : BAR;
      if (c !== BAR) {
        h = Math.imul(h ^ c, FNV_PRIME);
        if ((c & 0xc0) !== 0x80) len16 += c >= 0xf0 ? 2 : 1; // a 4-byte sequence is a surrogate pair
        if (c === 32) spaces++;
        continue;
      }
      if (k > start) {
        this.addAt(table, table.findFileKey(start, k - start, finish(h)), start, i);
        if (exact) this.noteWords(len16, spaces);
      }
      start = k + 1;
      h = FNV_OFFSET;
      len16 = 0;
      spaces = 0;
    }
  }

  loadFile(path: string): void {
    const buf = readFileSync(path);
    if (this.count > 0 || this.extraKeys.length > 0 || !isUtf8(buf)) {
      // Not the case the compact layout is for (a second file, or bytes that decode to U+FFFD and
      // so would not compare byte for byte): the string path gives the same answers.
      this.loadText(buf.toString('utf8'));
      return;
    }
    this.file = buf;
    this.districts = new DistrictTable(buf);
    this.exact = new KeyTable(buf, this.extraKeys, 1 << 20);
    this.folded = new KeyTable(buf, this.extraKeys, 1 << 18);
    const stamp = fileStamp(path);
    if (this.readIndex(indexPath(path), stamp)) return;
    this.indexLines(buf);
    this.writeIndex(indexPath(path), stamp);
  }

  /** Entries and keys of every line of the file (the compact path), as loadFile's first reading. */
  private indexLines(buf: Buffer): void {
    const tabs = new Int32Array(12);
    const n = buf.length;
    let from = 0;
    while (from < n) {
      let nt = 0;
      let to = from;
      for (; to < n; to++) {
        const c = buf[to];
        if (c === NL) break;
        if (c === TAB && nt < 12) tabs[nt++] = to;
      }
      if (to > from) {
        if (nt === 10) this.addFileLine(from, to, tabs);
        else this.addLine(buf.toString('utf8', from, to)); // malformed: the string path
      }
      from = to + 1;
    }
  }

  // The index snapshot. Hashing the file's 640k keys into the tables takes about half a second,
  // the better part of a cold start (`vigie extract` of one short text), and gives the same
  // tables every time: so the first load writes them beside the file (indexPath) and later loads
  // read them back, checked against the file's size and time (fileStamp). A snapshot that cannot
  // be written (read-only install) or read (stale, truncated, another version) is only a cost:
  // the tables are built from the file as before.

  private readIndex(path: string, stamp: string): boolean {
    let bin: Buffer;
    try {
      if (!existsSync(path)) return false;
      bin = readFileSync(path);
    } catch {
      return false;
    }
    try {
      if (bin.length < 8 || bin.readUInt32LE(0) !== INDEX_MAGIC) return false;
      const headerLen = bin.readUInt32LE(4);
      const h = JSON.parse(bin.toString('utf8', 8, 8 + headerLen)) as IndexHeader;
      if (h.version !== INDEX_VERSION || h.stamp !== stamp) return false;
      const arrays = new Map<string, Uint32Array<ArrayBuffer> | Int32Array<ArrayBuffer>>();
      for (const a of h.arrays) {
        if (a.offset + a.length * 4 > bin.length) return false;
        const Type = a.signed ? Int32Array : Uint32Array;
        const at = bin.byteOffset + a.offset;
        // a view when aligned (readFileSync gives a buffer of its own), else a copy
        arrays.set(a.name, at % 4 === 0 ? new Type(bin.buffer as ArrayBuffer, at, a.length) : new Type(new Uint8Array(bin.subarray(a.offset, a.offset + a.length * 4)).buffer));
      }
      const get = <T extends Uint32Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(name: string): T => {
        const a = arrays.get(name);
        if (!a) throw new Error(`index: no ${name}`);
        return a as T;
      };
      this.lineAt = get<Uint32Array<ArrayBuffer>>('lineAt');
      this.count = this.fileEntries = h.count;
      this.exact.restore(get<Uint32Array<ArrayBuffer>>('exactSlots'), get<Int32Array<ArrayBuffer>>('exactValues'), h.exactCount);
      this.folded.restore(get<Uint32Array<ArrayBuffer>>('foldedSlots'), get<Int32Array<ArrayBuffer>>('foldedValues'), h.foldedCount);
      this.listHead = get<Int32Array<ArrayBuffer>>('listHead');
      this.listTail = get<Int32Array<ArrayBuffer>>('listTail');
      this.nodeEntry = get<Int32Array<ArrayBuffer>>('nodeEntry');
      this.nodeNext = get<Int32Array<ArrayBuffer>>('nodeNext');
      this.lists = h.lists;
      this.nodes = h.nodes;
      this.districts.restore(get<Uint32Array<ArrayBuffer>>('districts'), h.districtCount);
      for (const [k, v] of h.admin1Names) this.admin1Names.set(k, v);
      for (const [k, v] of h.admin1Entry) this.admin1Entry.set(k, v);
      for (const [k, v] of h.countryEntry) this.countryEntry.set(k, v);
      this.maxWords = h.maxWords;
      return true;
    } catch {
      return false;
    }
  }

  private writeIndex(path: string, stamp: string): void {
    // only what the compact path alone builds: nothing added as strings yet
    if (this.extraKeys.length || this.admin2Names.size || this.parsed.size) return;
    const ex = this.exact.state();
    const fo = this.folded.state();
    const di = this.districts.state();
    const parts: [string, Uint32Array | Int32Array][] = [
      ['lineAt', this.lineAt.subarray(0, this.count)],
      ['exactSlots', ex.slots], ['exactValues', ex.values],
      ['foldedSlots', fo.slots], ['foldedValues', fo.values],
      ['listHead', this.listHead.subarray(0, this.lists)], ['listTail', this.listTail.subarray(0, this.lists)],
      ['nodeEntry', this.nodeEntry.subarray(0, this.nodes)], ['nodeNext', this.nodeNext.subarray(0, this.nodes)],
      ['districts', di.slots],
    ];
    const header: IndexHeader = {
      version: INDEX_VERSION, stamp, count: this.count, exactCount: ex.count, foldedCount: fo.count,
      lists: this.lists, nodes: this.nodes, districtCount: di.count, maxWords: this.maxWords,
      admin1Names: [...this.admin1Names], admin1Entry: [...this.admin1Entry], countryEntry: [...this.countryEntry],
      arrays: [],
    };
    // the header's length depends on the offsets it lists: lay the arrays out after a header
    // padded to a multiple of 8 bytes, recomputed until it fits
    let room = 4096;
    for (;;) {
      let offset = 8 + room;
      header.arrays = parts.map(([name, a]) => {
        const at = offset;
        offset += a.byteLength + ((8 - (a.byteLength % 8)) % 8);
        return { name, signed: a instanceof Int32Array, offset: at, length: a.length };
      });
      const json = Buffer.from(JSON.stringify(header), 'utf8');
      if (json.length > room) {
        room = json.length + 1024 - (json.length % 8);
        continue;
      }
      const bin = Buffer.alloc(offset);
      bin.writeUInt32LE(INDEX_MAGIC, 0);
      bin.writeUInt32LE(json.length, 4);
      json.copy(bin, 8);
      for (const [k, [, a]] of parts.entries()) {
        bin.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), header.arrays[k].offset);
      }
      const tmp = `${path}.${process.pid}.${threadId}.tmp`;
      try {
        writeFileSync(tmp, bin);
        renameSync(tmp, path);
      } catch {
        try {
          rmSync(tmp, { force: true });
        } catch {
          // nothing more to do: the next load builds the tables again
        }
      }
      return;
    }
  }

  /** The string path (one JS string per line), for files the compact path does not take. */
  private loadText(text: string): void {
    let from = 0;
    while (from < text.length) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = text.length;
      if (to > from) this.addLine(text.slice(from, to));
      from = to + 1;
    }
  }

  private newEntry(lineAt: number): number {
    const i = this.count++;
    if (lineAt >= 0) {
      if (i >= this.lineAt.length) {
        const grown = new Uint32Array(Math.max(1024, this.lineAt.length * 2));
        grown.set(this.lineAt);
        this.lineAt = grown;
      }
      this.lineAt[i] = lineAt;
      this.fileEntries = i + 1;
    }
    return i;
  }

  private startsWith(from: number, prefix: string): boolean {
    for (let k = 0; k < prefix.length; k++) if (this.file[from + k] !== prefix.charCodeAt(k)) return false;
    return true;
  }

  /** A well-formed line of the file (11 columns), tabs at tabs[0..9]. */
  private addFileLine(from: number, to: number, tabs: Int32Array): void {
    const b = this.file;
    if (this.startsWith(from, 'PPL') || this.startsWith(from, 'STLMT')) {
      // Keys are the last two columns: no need to read the rest now.
      const i = this.newEntry(from);
      this.addFileKeys(this.exact, tabs[8] + 1, tabs[9], i, true);
      this.addFileKeys(this.folded, tabs[9] + 1, to, i, false);
      return;
    }
    const hasKeys = tabs[9] > tabs[8] + 1;
    if (this.startsWith(from, 'ADM2\t') && tabs[3] > tabs[2] + 1) {
      this.districts.add(from);
      // A later line has the last word, whatever path read the earlier one.
      if (this.admin2Names.size) {
        this.admin2Names.delete(`${b.toString('utf8', tabs[1] + 1, tabs[2])}.${b.toString('utf8', tabs[2] + 1, tabs[3])}.${b.toString('utf8', tabs[3] + 1, tabs[4])}`);
      }
      if (!hasKeys) return; // named, but no coordinates: not a match target
    }
    const field = (k: number): string => b.toString('utf8', k === 0 ? from : tabs[k - 1] + 1, tabs[k]);
    const fcode = field(0);
    const cc = field(2);
    if (fcode === 'ADM1') {
      const a1 = field(3);
      if (a1) {
        this.admin1Names.set(`${cc}.${a1}`, field(8));
        if (!hasKeys) return; // named, but no coordinates: not a match target
      }
    }
    // Other kinds (provinces, countries, districts) are parsed lazily too: same values, less memory.
    const i = this.newEntry(from);
    if (fcode === 'ADM1') this.admin1Entry.set(`${cc}.${field(3)}`, i);
    else if (fcode === 'PCLI' || fcode === 'PCLD') this.countryEntry.set(cc, i);
    this.addFileKeys(this.exact, tabs[8] + 1, tabs[9], i, true);
    this.addFileKeys(this.folded, tabs[9] + 1, to, i, false);
  }

  /** A populated place of the user's overlay (src/gazetteer/overlay.ts), in the file's line format. */
  addOverlayLine(line: string): void {
    if (line.startsWith('PPL') || line.startsWith('STLMT')) this.addLine(line);
    else if (line.startsWith('ID\t')) this.setAreaId(line.split('\t'));
  }

  /** "ID", GeoNames id, PCL or ADM1, country, admin1 code, lat, lon: a country's or province's id. */
  private setAreaId(f: string[]): void {
    const i = f[2] === 'PCL' ? this.countryEntry.get(f[3]) : this.admin1Entry.get(`${f[3]}.${f[4]}`);
    if (i === undefined) return;
    const e = this.entry(i);
    e.geonameId = Number(f[1]);
    e.lat = Number(f[5]);
    e.lon = Number(f[6]);
  }

  /** A line as a string (fallback path: malformed lines, or a file that is not valid UTF-8). */
  private addLine(line: string): void {
    if (line.startsWith('PPL') || line.startsWith('STLMT')) {
      const t10 = line.lastIndexOf('\t');
      const t9 = line.lastIndexOf('\t', t10 - 1);
      const i = this.newEntry(-1);
      this.parsed.set(i, Gazetteer.parse(line.split('\t'), i));
      const keys = line.slice(t9 + 1, t10);
      const folds = line.slice(t10 + 1);
      this.addKeys(i, keys ? keys.split('|') : [], folds ? folds.split('|') : []);
      return;
    }
    const f = line.split('\t');
    const fcode = f[0];
    const cc = f[2];
    if ((fcode === 'ADM1' || fcode === 'ADM2') && f[3]) {
      const code = fcode === 'ADM1' ? `${cc}.${f[3]}` : `${cc}.${f[3]}.${f[4]}`;
      (fcode === 'ADM1' ? this.admin1Names : this.admin2Names).set(code, f[8]);
      if (!f[9]) return;
    }
    const i = this.newEntry(-1);
    this.parsed.set(i, Gazetteer.parse(f, i));
    if (fcode === 'ADM1') this.admin1Entry.set(`${cc}.${f[3]}`, i);
    else if (fcode === 'PCLI' || fcode === 'PCLD') this.countryEntry.set(cc, i);
    this.addKeys(i, f[9] ? f[9].split('|') : [], f[10] ? f[10].split('|') : []);
  }

  private static parse(f: string[], i: number): GazEntry {
    return {
      index: i,
      featureCode: f[0],
      geonameId: f[1] ? Number(f[1]) : null,
      country: f[2] || null,
      admin1Code: f[3],
      admin2Code: f[4],
      population: Number(f[5]) || 0,
      lat: Number(f[6]),
      lon: Number(f[7]),
      name: f[8],
    };
  }

  /** Entry number i. */
  entry(i: number): GazEntry {
    let e = this.parsed.get(i);
    if (e) return e;
    if (!(i >= 0 && i < this.fileEntries)) return undefined as unknown as GazEntry; // as store[i] did
    const at = this.lineAt[i];
    let end = this.file.indexOf(NL, at);
    if (end < 0) end = this.file.length;
    e = Gazetteer.parse(this.file.toString('utf8', at, end).split('\t'), i);
    this.parsed.set(i, e);
    return e;
  }

  addAliases(lex: AliasLexicon): void {
    for (const item of lex.aliases ?? []) {
      const keys = item.names.map(normKey).filter((k) => k.length >= 2);
      let target: number | undefined;
      if (item.target) {
        const { country, featureCode, name } = item.target;
        target = this.lookup(normKey(name)).find(
          (e) => e.country === country && e.featureCode.startsWith(featureCode),
        )?.index;
        if (target === undefined) continue;
        if (item.lat !== undefined && item.lon !== undefined) {
          this.entry(target).lat = item.lat;
          this.entry(target).lon = item.lon;
        }
      } else if (item.name && item.lat !== undefined && item.lon !== undefined) {
        target = this.newEntry(-1);
        this.parsed.set(target, {
          index: target, featureCode: item.featureCode ?? 'RGN', geonameId: null, country: item.country ?? null,
          admin1Code: '', admin2Code: '', population: item.population ?? 0, lat: item.lat, lon: item.lon, name: item.name,
        });
      } else continue;
      if (this.lowerHeads && !this.entry(target).featureCode.startsWith('PPL')) {
        for (const name of item.names) for (const k of lowerHeadKeys(name)) this.lowerHeads.add(k);
      }
      this.addKeys(target, keys, keys.filter((k) => k.length >= 5).map(foldKey));
      for (const d of item.demonyms ?? []) this.demonyms.set(normKey(d), target);
      for (const k of keys) {
        this.aliasKeys.add(k);
        let set = this.aliasTargets.get(k);
        if (!set) this.aliasTargets.set(k, (set = new Set()));
        set.add(target);
      }
    }
  }

  /** The entries named `key` (a normKey). The list is shared: callers must not change it. */
  lookup(key: string): readonly GazEntry[] {
    const hit = this.answers.get(key);
    if (hit) return hit;
    const ids = this.get(this.exact, key);
    return this.remember(key, ids.length ? ids.map((i) => this.entry(i)) : NONE);
  }

  /** Transliteration fallback: the folded form of the key among folded and exact keys. */
  lookupFolded(key: string): readonly GazEntry[] {
    const id = '\u0000' + key;
    const hit = this.answers.get(id);
    if (hit) return hit;
    const f = foldKey(key);
    const ids = new Set([...this.get(this.folded, f), ...this.get(this.exact, f)]);
    return this.remember(id, ids.size ? [...ids].map((i) => this.entry(i)) : NONE);
  }

  private remember(id: string, entries: readonly GazEntry[]): readonly GazEntry[] {
    if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
    this.answers.set(id, entries);
    return entries;
  }

  /** May an area's name go on with a lower-case word after the words whose key is `key`? */
  readsOnLower(key: string): boolean {
    return this.lowerHeads === null || this.lowerHeads.has(key);
  }

  /** The keys of lowerHeadsPath (one a line), when the build wrote that file. */
  loadLowerHeads(path: string): void {
    if (!existsSync(path)) return;
    const heads = (this.lowerHeads ??= new Set());
    for (const k of readFileSync(path, 'utf8').split('\n')) if (k) heads.add(k);
  }

  /** Is `key` a name the alias lexicons give to this entry? */
  isAliasOf(key: string, e: GazEntry): boolean {
    return this.aliasTargets.get(key)?.has(e.index) ?? false;
  }

  hasKey(key: string): boolean {
    return this.exact.find(this.probe.set(key)) >= 0;
  }

  admin1Name(e: GazEntry): string | null {
    if (e.featureCode === 'ADM1') return e.name;
    return e.country && e.admin1Code ? this.admin1Names.get(`${e.country}.${e.admin1Code}`) ?? null : null;
  }

  admin2Name(e: GazEntry): string | null {
    if (e.featureCode === 'ADM2') return e.name;
    return e.country && e.admin1Code && e.admin2Code
      ? this.admin2NameOf(`${e.country}.${e.admin1Code}.${e.admin2Code}`)
      : null;
  }

  private admin2NameOf(code: string): string | null {
    return this.admin2Names.get(code) ?? this.districts.name(this.probe.set(code)) ?? null;
  }

  countryOf(cc: string): GazEntry | null {
    const i = this.countryEntry.get(cc);
    return i === undefined ? null : this.entry(i);
  }

  admin1Of(e: GazEntry): GazEntry | null {
    const i = e.country ? this.admin1Entry.get(`${e.country}.${e.admin1Code}`) : undefined;
    return i === undefined ? null : this.entry(i);
  }

  get size(): number {
    return this.count;
  }
}

let instance: Gazetteer | null = null;

/** The process-wide gazetteer, loaded on first call (and built first if the file is missing). */
export function getGazetteer(): Gazetteer {
  if (instance) return instance;
  const path = gazetteerPath();
  if (!existsSync(path)) buildGazetteer(path);
  const g = new Gazetteer();
  g.loadFile(path);
  g.loadLowerHeads(lowerHeadsPath(path));
  // Localities the user added from GeoNames dumps (`vigie gazetteer add`).
  for (const line of readOverlay()) g.addOverlayLine(line);
  for (const lang of languagesWith('places-aliases')) {
    const lex = loadLexicon<AliasLexicon>(lang, 'places-aliases');
    if (lex) g.addAliases(lex);
  }
  return (instance = g);
}
