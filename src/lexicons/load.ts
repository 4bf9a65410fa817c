// Lexicons are data: JSON files under src/lexicons/<lang>/ (one folder per language, see
// languages.ts and docs/adding-a-language.md) and a few shared files at src/lexicons/ itself.
// They are read from the source tree (shipped with the package) rather than imported, so compiled
// code in any output folder finds them, and adding a language means adding a folder, not code.
//
// Lexicons are looked for in a list of roots, first match wins: the folders of the environment
// variable VIGIE_LEXICONS (separated like PATH), then those added with addLexiconRoot(), then the
// package's own src/lexicons. A root of one's own can so add a language, or replace one file of a
// language the package ships, without touching the package.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

let root: string | null = null;

/** The package root: the nearest folder above this module holding our package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && /"name":\s*"vigie"/.test(readFileSync(pkg, 'utf8'))) return (root = dir);
    const up = dirname(dir);
    if (up === dir) {
      // Compiled somewhere outside the tree: fall back to the working directory.
      const cwd = process.cwd();
      if (existsSync(join(cwd, 'src', 'lexicons'))) return (root = cwd);
      throw new Error('vigie: cannot find the package root from ' + import.meta.url);
    }
    dir = up;
  }
}

/** Roots added at run time (addLexiconRoot), most recent first. */
const addedRoots: string[] = [];
const cache = new Map<string, unknown>();
let generation = 0;

/** Where lexicons are looked for, in order: VIGIE_LEXICONS, added roots, the package's. */
export function lexiconRoots(): string[] {
  const fromEnv = (process.env.VIGIE_LEXICONS ?? '').split(delimiter).filter(Boolean).map((d) => resolve(d));
  return [...fromEnv, ...addedRoots, join(packageRoot(), 'src', 'lexicons')];
}

/**
 * Adds a folder of lexicons (laid out like src/lexicons: one folder per language) before the
 * package's own. What was read before is forgotten, so the next look-up sees the new files; code
 * that keeps its own compiled rules per language compares `lexiconGeneration()`.
 */
export function addLexiconRoot(dir: string): void {
  addedRoots.unshift(resolve(dir));
  cache.clear();
  generation++;
}

/** A number that changes whenever the roots change (a key for caches built from lexicons). */
export function lexiconGeneration(): number {
  return generation;
}

/** The file of a lexicon: in the first root that has it, else where the package would keep it. */
export function lexiconPath(lang: string, name: string): string {
  for (const r of lexiconRoots()) {
    const path = join(r, lang, `${name}.json`);
    if (existsSync(path)) return path;
  }
  return join(packageRoot(), 'src', 'lexicons', lang, `${name}.json`);
}

/** Reads <root>/<lang>/<name>.json once; null when that language has no such lexicon. `lang` '.'
 *  (or '') reads a shared file at the root (acled.json, datelines.json). */
export function loadLexicon<T>(lang: string, name: string): T | null {
  const key = `${lang}/${name}`;
  if (cache.has(key)) return cache.get(key) as T | null;
  const path = lexiconPath(lang, name);
  const value = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
  cache.set(key, value);
  return value;
}

// --------------------------------------------------------------------------------------------
// The languages: a folder of a root is a language when it holds language.json (the folders
// `other`, for the evidence of languages Vigie does not read, and `shared`, for lists common to
// all, hold none).

const LanguageFile = z.object({
  code: z.string().regex(/^[a-z]{2,3}$/, 'a two- or three-letter ISO 639 code'),
  name: z.string().min(1),
  tags: z.array(z.string()).default([]),
  locale: z.string().optional(),
  iso639_3: z.string().regex(/^[a-z]{3}$/).optional(),
  preference: z.number().default(100),
});

/** A language Vigie reads, from its language.json. */
export interface LanguageInfo {
  /** ISO 639 code, the name of its folder: the `lang` of documents and records. */
  code: string;
  name: string;
  /** Other tags and names a caller may give for it (lower case): "fra", "french"… */
  tags: string[];
  /** The locale for Intl (sentence segmentation): the code unless said. */
  locale: string;
  /** ISO 639-3 code, the key of the language in data keyed that way (world-countries'
   *  translations of country names); null when not given. */
  iso639_3: string | null;
  /** Lower first: the language chosen when a text gives no evidence of any. */
  preference: number;
  /** Its folder (the first root that has it). */
  dir: string;
}

let languagesCache: { generation: number; list: LanguageInfo[] } | null = null;

function readLanguage(dir: string, folder: string): LanguageInfo {
  const path = join(dir, 'language.json');
  const parsed = LanguageFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`vigie: ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const f = parsed.data;
  if (f.code !== folder) throw new Error(`vigie: ${path}: code "${f.code}" is not the folder's name "${folder}"`);
  return { code: f.code, name: f.name, tags: f.tags.map((t) => t.toLowerCase()), locale: f.locale ?? f.code, iso639_3: f.iso639_3 ?? null, preference: f.preference, dir };
}

/** Every language of the roots (the first root having a code wins), by preference then code. */
export function languages(): readonly LanguageInfo[] {
  if (languagesCache?.generation === generation) return languagesCache.list;
  const byCode = new Map<string, LanguageInfo>();
  for (const r of lexiconRoots()) {
    if (!existsSync(r)) continue;
    for (const entry of readdirSync(r, { withFileTypes: true })) {
      const dir = join(r, entry.name);
      if (!entry.isDirectory() || byCode.has(entry.name) || !existsSync(join(dir, 'language.json'))) continue;
      byCode.set(entry.name, readLanguage(dir, entry.name));
    }
  }
  const list = [...byCode.values()].sort((a, b) => a.preference - b.preference || a.code.localeCompare(b.code));
  languagesCache = { generation, list };
  return list;
}

/** The codes of the languages Vigie reads ("fr", "en", and any added). */
export function languageCodes(): string[] {
  return languages().map((l) => l.code);
}

/** One language by its code; undefined for 'other' and codes of no folder. */
export function languageInfo(code: string): LanguageInfo | undefined {
  return languages().find((l) => l.code === code);
}

/**
 * The language whose lexicon `name` serves a text in `lang`: its own when it has that file, else
 * `fallback` (English by default: for 'other', and for a language that has not written that
 * lexicon yet). Stages call this instead of comparing `lang` with a code.
 */
export function lexiconLang(lang: string, name: string, fallback = 'en'): string {
  return lang !== 'other' && existsSync(lexiconPath(lang, name)) ? lang : fallback;
}

/** Languages (by default every language of the registry) that have the given lexicon. */
export function languagesWith(name: string, langs: readonly string[] = languageCodes()): string[] {
  return langs.filter((l) => existsSync(lexiconPath(l, name)));
}
