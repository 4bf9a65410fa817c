// The event lexicons test themselves: every trigger entry and every refiner carries an example
// sentence of our own, and that sentence must yield an event made by that entry (its name in the
// event's `why`). The lexicons must also cover ACLED's 25 sub-event types (src/lexicons/acled.json) and PLOVER's 16 types
// in each language, and every pattern must compile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extract } from '../src/pipeline/index.js';
import { loadLexicon } from '../src/lexicons/load.js';
import { acledOf, acledTaxonomy, eventLexicon, type RefinerEntry, type TriggerEntry } from '../src/events/lexicon.js';
import { parsePattern } from '../src/events/patterns.js';

const PLOVER_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT',
  'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];

interface EventsFile {
  triggers: TriggerEntry[];
  refiners: RefinerEntry[];
}

for (const lang of ['fr', 'en'] as const) {
  const file = loadLexicon<EventsFile>(lang, 'events');

  test(`${lang}: the event lexicon compiles, with unique entry names`, () => {
    assert.ok(file, `src/lexicons/${lang}/events.json is missing`);
    assert.ok(eventLexicon(lang));
    const names = [...file.triggers.map((t) => t.name), ...file.refiners.map((r) => r.name)];
    assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
    for (const t of file.triggers) for (const p of t.patterns) assert.doesNotThrow(() => parsePattern(p, t, 0), `${t.name}: ${p}`);
  });

  test(`${lang}: every ACLED sub-event type and every PLOVER type has triggers or refiners`, () => {
    assert.ok(file);
    const types = new Set([...file.triggers, ...file.refiners].flatMap((e) => (e.acled ? [e.acled] : [])));
    const missing = Object.keys(acledTaxonomy().subEventTypes).filter((t) => !types.has(t));
    assert.deepEqual(missing, [], `ACLED sub-event types without triggers in ${lang}`);
    const plover = new Set([...file.triggers.map((t) => t.plover), ...file.refiners.flatMap((r) => (r.plover ? [r.plover] : []))]);
    assert.deepEqual(PLOVER_TYPES.filter((t) => !plover.has(t)), [], `PLOVER types without triggers in ${lang}`);
  });

  for (const entry of file?.triggers ?? []) {
    test(`${lang} trigger ${entry.name}: «${entry.example}»`, () => {
      const r = extract({ id: 'x', text: entry.example, lang, published: '2024-03-06' });
      const made = r.events.filter((e) => e.why.includes(`trigger:${entry.name}`));
      assert.ok(made.length > 0, `no event from trigger ${entry.name}; events: ${JSON.stringify(r.events.map((e) => [e.trigger.text, e.why.slice(0, 2)]))}`);
    });
  }

  for (const entry of file?.refiners ?? []) {
    test(`${lang} refiner ${entry.name}: «${entry.example}»`, () => {
      const r = extract({ id: 'x', text: entry.example, lang, published: '2024-03-06' });
      const refined = r.events.filter((e) => e.why.includes(`refiner:${entry.name}`));
      assert.ok(refined.length > 0, `refiner ${entry.name} did not apply; events: ${JSON.stringify(r.events.map((e) => [e.trigger.text, e.acled, e.why]))}`);
      if (entry.acled) assert.ok(refined.some((e) => e.acled?.subEventType === acledOf(entry.acled)?.subEventType || e.why.indexOf(`refiner:${entry.name}`) < e.why.length - 1));
    });
  }
}
