// People, organisations, places and groups named in a dispatch, with their roles and aliases.
//
// One left-to-right pass over the tokens tries the matchers of src/entities/matchers.ts at each
// token (a lower-case group noun, a government head and a demonym, a capitalised run typed by
// the rules of src/entities/typing.ts); then the refiners of src/entities/aliases.ts run over
// the document's drafts (names listed together, acronyms defined in brackets, shorter forms of
// a person's name, "le ministre"). Every mention carries the names of the rules that made it.
// Every rule reads its words from the lexicons (src/lexicons/<lang>/ and shared/); nothing here
// names a person, a place or a document.
import { acronymAliases, aliasDrafts, coordinate, nominalAliases } from '../entities/aliases.js';
import type { Draft } from '../entities/draft.js';
import { capitalisedRun, forcesOfNation, groupNoun, type Matcher, type Scan } from '../entities/matchers.js';
import { toMentions } from '../entities/output.js';
import { entityRules } from '../entities/rules.js';
import { buildView } from '../entities/view.js';
import { cueRules } from '../quotes/cues.js';
import type { Annotations, Mention, ResolvedDocument } from '../types.js';
import { defineStage } from './stage.js';

/** The matchers, in the order they are tried at a token. */
const MATCHERS: readonly Matcher[] = [groupNoun, forcesOfNation, capitalisedRun];

/** The refiners, in the order they run over the whole document's drafts. */
const REFINERS: readonly ((x: Scan) => void)[] = [
  (x) => coordinate(x.v, x.r, x.drafts),
  (x) => acronymAliases(x.v, x.drafts),
  (x) => aliasDrafts(x.v, x.drafts),
  (x) => nominalAliases(x.v, x.r, x.drafts),
];

export function findMentions(doc: ResolvedDocument, ann: Readonly<Annotations>): Mention[] {
  const x: Scan = { v: buildView(doc.text, doc.lang, ann), r: entityRules(doc.lang), c: cueRules(doc.lang), drafts: [] };
  const n = x.v.toks.length;
  let i = 0;
  while (i < n) i = matchAt(x, i);
  for (const refine of REFINERS) refine(x);
  for (const d of x.drafts) d.target = d.aliasOf >= 0 ? x.drafts[d.aliasOf] : null;
  const drafts: Draft[] = x.drafts.sort((a, b) => a.first - b.first);
  return toMentions(x.v, drafts);
}

/** The first matcher that reads something at token i says where to go on; else the next token. */
function matchAt(x: Scan, i: number): number {
  for (const m of MATCHERS) {
    const next = m(x, i);
    if (next > i) return next;
  }
  return i + 1;
}

export const mentionsStage = defineStage({
  name: 'mentions',
  produces: 'mentions',
  run: (doc, ann) => findMentions(doc, ann),
});
