// docs/output-contract.md documents every field a record can hold: the fields of real records
// (French and English dispatches written for this test, rich enough to fill most fields) must
// each be named in it, and the documented example must agree with the pipeline on its offsets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/lexicons/load.js';
import { extract } from '../src/pipeline/index.js';
import { settleDocument } from '../src/sources/dateline.js';

const DOC = readFileSync(join(packageRoot(), 'docs', 'output-contract.md'), 'utf8');

const TEXTS = [
  {
    id: 'fr', source: 'AFP',
    text: "BAMAKO, 14 mars 2024 (AFP) - Des hommes armés ont attaqué mardi soir un poste de gendarmerie près de Ségou, tuant deux gendarmes, a déclaré à l'AFP le porte-parole de l'armée, le colonel Souleymane Dembélé. «Les assaillants ont pris la fuite vers le nord», a-t-il précisé. Selon la police, trois suspects ont été arrêtés le lendemain. M. Dembélé a ajouté que le couvre-feu durerait deux semaines.",
  },
  {
    id: 'en', published: '2024-05-02',
    text: 'Police fired tear gas at hundreds of protesters in Nairobi on Tuesday, and at least three people were wounded, Kenya Red Cross said in a statement. "We will march again next week," organiser Jane Wambui told reporters.',
  },
];

/** Every key of every object in a value, recursively. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

test('every field of a record is named in docs/output-contract.md', () => {
  const keys = new Set<string>();
  // as the doors do: the dateline settles the date and the outlet before extraction
  for (const t of TEXTS) keysOf(extract({ ...settleDocument(t), id: t.id }), keys);
  // the texts fill the record: a change that empties them would make this test say nothing
  for (const k of ['dateline', 'roleSpan', 'aliasOf', 'speaker', 'channel', 'anchor', 'geonameId', 'evidence', 'why', 'fatalities']) {
    assert.ok(keys.has(k), `no record of the test texts has "${k}" any more`);
  }
  const missing = [...keys].filter((k) => !DOC.includes('`' + k + '`'));
  assert.deepEqual(missing, []);
});

test('the offsets of the documented example are those of the pipeline', () => {
  const text = /```\n(BAMAKO[^\n]+)\n```/.exec(DOC)?.[1];
  assert.ok(text, 'the example text is in the document');
  const r = extract({ ...settleDocument({ text }), id: 'segou' });
  const json = DOC.slice(DOC.indexOf('```json') + 7, DOC.lastIndexOf('```'));
  for (const m of json.matchAll(/"start": (\d+), "end": (\d+), "text": "([^"]+)"/g)) {
    assert.equal(text.slice(Number(m[1]), Number(m[2])), m[3]);
  }
  assert.deepEqual(r.times.map((t) => [t.start, t.end, t.value]), [[8, 20, '2024-03-14'], [58, 68, '2024-03-12TEV']]);
});
