// Lexicons are data: JSON files under src/lexicons/<lang>/. They are read from the source tree
// (shipped with the package) rather than imported, so compiled code in any output folder finds
// them, and adding a language means adding a folder, not code.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const cache = new Map<string, unknown>();

export function lexiconPath(lang: string, name: string): string {
  return join(packageRoot(), 'src', 'lexicons', lang, `${name}.json`);
}

/** Reads src/lexicons/<lang>/<name>.json once; null when that language has no such lexicon. */
export function loadLexicon<T>(lang: string, name: string): T | null {
  const key = `${lang}/${name}`;
  if (cache.has(key)) return cache.get(key) as T | null;
  const path = lexiconPath(lang, name);
  const value = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
  cache.set(key, value);
  return value;
}

/** Languages that have a lexicon folder with the given lexicon. */
export function languagesWith(name: string, langs: readonly string[] = ['fr', 'en']): string[] {
  return langs.filter((l) => existsSync(lexiconPath(l, name)));
}
