// Events: what happened, coded in ACLED's taxonomy and in PLOVER, with actors, place, date,
// fatalities, modality and attribution, every field with the words behind it and the names of
// the rules that set it. The stage knows no word of any language: triggers, refiners and the
// grammar around them are data (src/lexicons/<lang>/events.json, event-words.json; LEXICON.md).
//
//   triggers (patterns)  →  drafts (type refiners, modality, date, place, actors)
//   → figures attached (deaths, counts) → actor refiners and ACLED defaults → merged per happening
import { findActorCandidates } from './actors.js';
import { buildContext } from './context.js';
import { buildView } from '../entities/view.js';
import { draftOf, markMainVerbs } from './draft.js';
import { findFigures } from './figures.js';
import { eventLexicon } from './lexicon.js';
import { attachFigures, mergeDrafts, riotContext, settleActors, toEvent } from './merge.js';
import { findTriggers } from './triggers.js';
import { datelineEnd, mainPlace } from './where.js';
import type { Annotations, ResolvedDocument, VEvent } from '../types.js';
import { defineStage } from '../pipeline/stage.js';

export function findEvents(doc: ResolvedDocument, ann: Readonly<Annotations>): VEvent[] {
  const lex = eventLexicon(doc.lang);
  if (!lex || !ann.tokens.length) return [];
  const view = buildView(doc.text, doc.lang, ann);
  const ctx = buildContext(doc, ann, lex, view);
  const hits = findTriggers(ctx);
  if (!hits.length) return [];
  // The dateline names where the dispatch was filed, not who acted.
  const dateline = datelineEnd(ctx);
  const cands = findActorCandidates(doc, ann, view).filter((c) => c.firstToken > dateline);
  const main = mainPlace(ctx);
  const withTriggers = new Set<number>();
  for (const h of hits) for (let k = 0; k <= 2; k++) withTriggers.add(ctx.sent[h.first] + k);
  const figures = findFigures(ctx, withTriggers);
  const none = figures.filter((f) => f.kind === 'none').sort((a, b) => a.start - b.start);
  const drafts = hits
    .filter((h) => !inside(none, h.span))
    .map((h) => draftOf(ctx, h, cands, main));
  markMainVerbs(ctx, drafts);
  attachFigures(ctx, drafts, figures);
  const merged = mergeDrafts(ctx, drafts);
  riotContext(merged);
  for (const d of merged) settleActors(d, d.place?.country ?? main?.country ?? null, ann.places);
  return merged.map((d, i) => toEvent(ctx, d, i));
}

/** Whether the span lies inside one of the spans, sorted by start and not nested ("aucune victime"
 *  statements): the last one starting at or before it is the only candidate. */
function inside(spans: readonly { start: number; end: number }[], s: { start: number; end: number }): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= s.start) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && s.end <= spans[lo - 1].end;
}

export const eventsStage = defineStage({
  name: 'events',
  produces: 'events',
  run: (doc, ann) => findEvents(doc, ann),
});
