// The gold readers, on tiny samples written here: TimeML, brat (PolNeAR- and GeoWebNews-style),
// IOB, HIPE TSV; and `runEval` end to end on a small folder made in a temp dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTimeML } from '../src/eval/read/timeml.js';
import { parseBrat, readBratPair } from '../src/eval/read/brat.js';
import { polnearAttributions, readPolnear } from '../src/eval/read/polnear.js';
import { geoToponyms } from '../src/eval/read/geowebnews.js';
import { iobDocuments, parseIOB } from '../src/eval/read/iob.js';
import { parseHipe } from '../src/eval/read/hipe.js';
import { occurrences } from '../src/eval/read/text.js';
import { parsePloverGsr } from '../src/eval/read/plover.js';
import { EVAL_SETS, runEval } from '../src/eval/index.js';

const TIMEML = `<?xml version="1.0" ?>
<TimeML>
<DOCID>sample-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-06-12" functionInDocument="CREATION_TIME">2024-06-12</TIMEX3></DCT>
<TEXT>
The bridge <EVENT eid="e1" class="OCCURRENCE">reopened</EVENT> <TIMEX3 tid="t1" type="DATE" value="2024-06-11">yesterday</TIMEX3> after repairs &amp; tests.
Work lasted <TIMEX3 tid="t2" type="DURATION" value="P3M">three months</TIMEX3>.<TIMEX3 tid="t3" type="DATE" value="2024" />
</TEXT>
</TimeML>`;

test('TimeML: tags are stripped, offsets point into the stripped text, the DCT is the dateline', () => {
  const d = parseTimeML(TIMEML);
  assert.equal(d.id, 'sample-1');
  assert.equal(d.dct, '2024-06-12');
  assert.ok(!d.text.includes('<'));
  assert.ok(d.text.includes('repairs & tests'));
  assert.equal(d.timexes.length, 2, 'the DCT and the empty timex are not scored');
  const [y, m] = d.timexes;
  assert.equal(d.text.slice(y.start, y.end), 'yesterday');
  assert.deepEqual([y.type, y.value], ['DATE', '2024-06-11']);
  assert.equal(d.text.slice(m.start, m.end), 'three months');
  assert.equal(m.value, 'P3M');
});

const TXT = 'The mayor said the market would reopen. "It is safe," she added.\n';
const ANN = [
  'T1\tSource 0 9\tThe mayor',
  'T2\tCue 10 14\tsaid',
  'T3\tContent 15 38\tthe market would reopen',
  'T4\tAttribution 10 14\tsaid',
  'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  'T5\tContent 41 46;47 51\tIt is safe',
  'T6\tCue 58 63\tadded',
  'T7\tAttribution-no-source 58 63\tadded',
  'E2\tAttribution-no-source:T7 Content:T5 Cue:T6',
  '#1\tAnnotatorNotes T1\tthe speaker',
].join('\n');

test('brat: text-bound spans (also discontinuous), events and notes are read', () => {
  const d = parseBrat(ANN, TXT);
  assert.equal(d.spans.get('T1')?.type, 'Source');
  assert.deepEqual(d.spans.get('T5')?.fragments, [{ start: 41, end: 46 }, { start: 47, end: 51 }]);
  assert.equal(d.events.length, 2);
  assert.deepEqual(d.events[0].args.map((a) => a.role), ['Content', 'Cue', 'Source']);
  assert.equal(d.notes.get('T1'), 'the speaker');
});

test('brat: offsets counted in code points become UTF-16 offsets', () => {
  const text = '🙂 Lyon';
  const d = parseBrat('T1\tLiteral 2 6\tLyon', text);
  const s = d.spans.get('T1')!;
  assert.equal(text.slice(s.start, s.end), 'Lyon');
});

test('PolNeAR: each attribution gives its content, source and cue spans', async () => {
  const atts = polnearAttributions(ANN, TXT);
  assert.equal(atts.length, 2);
  assert.equal(TXT.slice(atts[0].content.start, atts[0].content.end), 'the market would reopen');
  assert.equal(TXT.slice(atts[0].source[0].start, atts[0].source[0].end), 'The mayor');
  assert.deepEqual(atts[1].source, [], 'no source');
  assert.equal(TXT.slice(atts[1].content.start, atts[1].content.end), 'It is safe');

  const dir = await mkdtemp(join(tmpdir(), 'vigie-polnear-'));
  await mkdir(join(dir, 'text'));
  await mkdir(join(dir, 'attributions'));
  await writeFile(join(dir, 'text', 'a-doc.txt'), TXT);
  await writeFile(join(dir, 'attributions', 'a-doc_00ff.ann'), ANN);
  await writeFile(join(dir, 'attributions', 'a-doc_11aa.ann'), ANN); // second annotator: ignored
  const docs = await readPolnear(dir);
  assert.equal(docs.length, 1);
  assert.equal(docs[0].attributions.length, 2);
  const pair = await readBratPair(join(dir, 'attributions', 'a-doc_00ff.ann'), join(dir, 'text', 'a-doc.txt'));
  assert.equal(pair.spans.size, 7);
});

test('GeoWebNews: place names are toponyms, common nouns are not, demonyms are neutral; notes give ids or coordinates', () => {
  const text = 'Flooding hit the city of Lyon and French villages near Grenoble.';
  const ann = [
    'T1\tLiteral_Expression 17 21\tcity',
    'T2\tLiteral 25 29\tLyon',
    'T3\tDemonym 34 40\tFrench',
    'T4\tLiteral 55 63\tGrenoble',
    '#1\tAnnotatorNotes T2\t2996944',
    '#2\tAnnotatorNotes T4\t45.19, 5.72',
  ].join('\n');
  const g = geoToponyms(ann, text);
  assert.deepEqual(g.toponyms.map((t) => t.text), ['Lyon', 'Grenoble']);
  assert.equal(g.toponyms[0].geonameId, 2996944);
  assert.deepEqual([g.toponyms[1].lat, g.toponyms[1].lon], [45.19, 5.72]);
  assert.deepEqual(g.neutral, [{ start: 34, end: 40 }]);
});

test('IOB: tokens are laid out as text with offsets, entities become spans, sentences are grouped', () => {
  const iob = ['M. I-PER', 'Martin I-PER', 'arrive O', 'à O', 'Nantes I-LOC', '. O', 'Il O', 'part O', '. O', 'Fin O'].join('\n');
  const tokens = parseIOB(iob);
  assert.equal(tokens.length, 10);
  const docs = iobDocuments(tokens, 1);
  assert.equal(docs.length, 3, 'one sentence a document, the last one unterminated');
  const d = docs[0];
  assert.equal(d.text, 'M. Martin arrive à Nantes.');
  assert.deepEqual(d.entities.map((e) => [d.text.slice(e.start, e.end), e.type]), [['M. Martin', 'PER'], ['Nantes', 'LOC']]);
  assert.equal(iobDocuments(tokens, 50).length, 1);
});

test('HIPE TSV: documents split on document_id, NoSpaceAfter glues tokens, coarse literal tags give entities', () => {
  const rows = [
    'TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tMISC',
    '# language = fr',
    '# date = 1901-02-03',
    '# document_id = doc-a',
    'Le\tO\tO\t_',
    'préfet\tO\tO\t_',
    'de\tO\tO\t_',
    'Brest\tB-loc\tO\tNoSpaceAfter',
    ',\tO\tO\t_',
    'Jean\tB-pers\tO\t_',
    'Morel\tI-pers\tO\tNoSpaceAfter|EndOfLine',
    '.\tO\tO\t_',
    '# date = 1901-02-04',
    '# document_id = doc-b',
    '#\tO\tO\t_',
    'Ville\tB-org\tO\t_',
  ];
  const docs = parseHipe(rows.join('\n'));
  assert.equal(docs.length, 2);
  assert.equal(docs[0].text, 'Le préfet de Brest, Jean Morel.');
  assert.equal(docs[0].published, '1901-02-03');
  assert.deepEqual(docs[0].entities.map((e) => [docs[0].text.slice(e.start, e.end), e.type]), [['Brest', 'loc'], ['Jean Morel', 'pers']]);
  assert.equal(docs[1].text, '# Ville', 'a "#" token is a token, not a comment');
});

test('gold strings are found at every occurrence, whatever the case, but not inside a word', () => {
  const text = 'Mardi, le Mali. Le mardi suivant, les Maliens.';
  assert.deepEqual(occurrences(text, 'mardi'), [{ start: 0, end: 5 }, { start: 19, end: 24 }]);
  assert.deepEqual(occurrences(text, 'Mali'), [{ start: 10, end: 14 }]);
});

test('runEval: lists the sets on an unknown one, names a missing path, and scores a small TimeML folder', async () => {
  assert.ok(EVAL_SETS.some((s) => s.name === 'timebank-fr'));
  await assert.rejects(runEval('nope', '.', {}), /Unknown evaluation set "nope"[\s\S]*polnear/);
  await assert.rejects(runEval('polnear', '/no/such/folder', {}), /not found: \/no\/such\/folder/);
  const dir = await mkdtemp(join(tmpdir(), 'vigie-tml-'));
  await writeFile(join(dir, 'a.tml'), TIMEML);
  const text = await runEval('tempeval3-en', dir, {});
  assert.match(text, /^vigie\s/m);
  assert.match(text, /^chrono\s+2\s/m, 'both systems, 2 gold timexes');
  const json = JSON.parse(await runEval('tempeval3-en', dir, { json: true, system: 'chrono' }));
  assert.deepEqual(json.systems, ['chrono']);
  assert.equal(json.metrics.times.chrono.strict.nGold, 2);
  await assert.rejects(runEval('polnear', dir, { system: 'chrono' }), /only produces times/);
});

test('PLOVER records: the documentation record is skipped and draft types become PLOVER 2.0 types', () => {
  const json = JSON.stringify([
    { id: 'doc', event: 'DOCUMENT', eventText: 'about this file' },
    { id: 'r1', event: 'DEMAND', date: '2001-05-02', language: 'en', text: 'The union demanded higher wages.' },
    { id: 'r2', event: 'PROTEST', date: '2001-05-03', language: 'en', text: 'Farmers marched on the capital.' },
  ]);
  const r = parsePloverGsr(json);
  assert.deepEqual(r.map((x) => [x.id, x.codedType, x.type]), [['r1', 'DEMAND', 'REQUEST'], ['r2', 'PROTEST', 'PROTEST']]);
});

test('gold country lookup: a shared demonym goes to the independent country', async () => {
  const { countryByName } = await import('../src/eval/read/geonames.js');
  assert.deepEqual(countryByName('American'), { lat: 38, lon: -97 });
  assert.deepEqual(countryByName('French'), { lat: 46, lon: 2 });
});

// PETRARCH2-style records, written here (fictional sentences): a header whose comments mention
// tags, self-closed <Sentence …/> start tags still ended by </Sentence>, spaces around "=", quoted
// codes, a "no event" record, an error coding and a repeated id.
const PETR_XML = `<?xml version='1.0' encoding='utf-8'?>
<Validation>
# header: each record is <Sentence> then <EventCoding...> lines
<Environment><Verbfile>verbs.txt</Verbfile></Environment>
<Sentences>
<Sentence category="WIRE" date="20190304" id="W_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="ESL" targetcode="NRD" />
<EventCoding eventcode="0362" sourcecode="NRD" targetcode="ESL" />
<Text>
The envoy of Eslandia arrived in Nordmark
on Monday for talks &amp; a dinner.
</Text>
<Parse>(ROOT (S ...))</Parse>
</Sentence>

<Sentence date = "20190305" id ="W_2" category="WIRE" sentence="true">
<EventCoding noevents = "True" />
<Text>Markets in Nordmark were calm.</Text>
</Sentence>
<Sentence date="20190305" id="W_3" category="WIRE">
<EventCoding sourcecode='"ESL"' targetcode="NRD" eventcode="015"></EventCoding>
<EventCoding error="no verb"></EventCoding>
<Text>Eslandia said it was ready.</Text>
</Sentence>
<Sentence date="20190306" id="W_3" category="WIRE">
<EventCoding sourcecode="NRD" targetcode="ESL" eventcode="1934"></EventCoding>
<Text>Nordmark troops shelled a border post.</Text>
</Sentence>
</Sentences>
</Validation>`;

const CAMEO_MAP = `# CAMEO to PLOVER conversion table (a sample written for the tests)
03: AGREE
036: AGREE,  , diplomatic # Express intent to meet
04: CONSULT
042: CONSULT, visit,   # Make a visit
08: CONCEDE
08: RETREAT
0841: RETREAT, release, legal # Return, release person(s)
11: DISAPPROVE
19: ASSAULT
193: ASSAULT, firearms, military # Fight with small arms
~~~~~
`;

test('PETRARCH2 records: malformed records are read one by one, codes and dates kept, repeated ids made unique', async () => {
  const { parsePetrarchRecords } = await import('../src/eval/read/petrarch.js');
  const r = parsePetrarchRecords(PETR_XML);
  assert.deepEqual(r.map((x) => x.id), ['W_1', 'W_2', 'W_3', 'W_3#2']);
  assert.equal(r[0].date, '2019-03-04');
  assert.equal(r[0].category, 'WIRE');
  assert.equal(r[0].text, 'The envoy of Eslandia arrived in Nordmark on Monday for talks & a dinner.');
  assert.deepEqual(r[0].codings, [{ event: '042', source: 'ESL', target: 'NRD' }, { event: '0362', source: 'NRD', target: 'ESL' }]);
  assert.equal(r[1].noEvents, true);
  assert.deepEqual(r[1].codings, []);
  assert.deepEqual(r[2].codings, [{ event: '015', source: 'ESL', target: 'NRD' }], 'quotes stripped, the error coding skipped');
  assert.equal(r[2].noEvents, false);
});

test('CAMEO → PLOVER: exact code, else the longest listed prefix; the first line of a code wins; draft names become PLOVER 2.0', async () => {
  const { parseCameoPlover, ploverOfCameo } = await import('../src/eval/read/petrarch.js');
  const map = parseCameoPlover(CAMEO_MAP);
  assert.deepEqual(ploverOfCameo(map, '042'), { type: 'CONSULT', mode: 'visit' });
  assert.equal(ploverOfCameo(map, '0362')?.type, 'AGREE', '0362 → 036');
  assert.equal(ploverOfCameo(map, '1934')?.type, 'ASSAULT', '1934 → 193');
  assert.equal(ploverOfCameo(map, '085')?.type, 'CONCEDE', 'root 08: the first line');
  assert.equal(ploverOfCameo(map, '0841')?.type, 'RETREAT');
  assert.equal(ploverOfCameo(map, '112')?.type, 'ACCUSE', 'DISAPPROVE is a draft name');
  assert.equal(ploverOfCameo(map, '174L'), null, 'no 17 in this map');
  assert.equal(ploverOfCameo(map, '015'), null, 'CAMEO 01 has no PLOVER type');
});

test('halves: ordered by a hash of the id, half 1 is the first ceil(n/2), each half keeps the input order; --half is checked', async () => {
  const { checkHalf, halves, selectDocs } = await import('../src/eval/sets/common.js');
  const ids = ['d', 'a', 'e', 'c', 'b'];
  assert.deepEqual(halves(ids, (x) => x), [['d', 'a', 'e'], ['c', 'b']]);
  assert.deepEqual(halves([], (x: string) => x), [[], []]);
  const one = selectDocs(ids, (x) => x, { half: '1', limit: 2 });
  assert.deepEqual(one.docs, ['d', 'a']);
  assert.match(one.notes.join(' '), /Half 1 of the set: 3 of 5/);
  assert.deepEqual(selectDocs(ids, (x) => x, { half: 2 }).docs, ['c', 'b']);
  assert.deepEqual(selectDocs(ids, (x) => x, {}).docs, ids);
  assert.equal(checkHalf(undefined), undefined);
  assert.throws(() => checkHalf('3'), /--half 3: expected 1 or 2/);
  await assert.rejects(runEval('petrarch2', '.', { half: 0 }), /--half 0/);
});

test('runEval petrarch2: the map is found beside the folder, records are scored by PLOVER type, halves split the records', async () => {
  const root = await mkdtemp(join(tmpdir(), 'vigie-petr-'));
  await mkdir(join(root, 'petrarch2'));
  await mkdir(join(root, 'plover-gsr'));
  await writeFile(join(root, 'petrarch2', 'PETR2_GSR_validation.xml'), PETR_XML);
  await writeFile(join(root, 'plover-gsr', 'CAMEO2PLOVER-2021.txt'), CAMEO_MAP);
  const text = await runEval('petrarch2', join(root, 'petrarch2'), {});
  assert.match(text, /validation: PLOVER type per record/);
  assert.match(text, /^CONSULT\s+1\s/m);
  assert.match(text, /^ASSAULT\s+1\s/m);
  const json = JSON.parse(await runEval('petrarch2', join(root, 'petrarch2', 'PETR2_GSR_validation.xml'), { json: true }));
  assert.equal(json.metrics.validation.eventTypes.any.n, 2, 'W_1 and W_3#2 carry PLOVER events');
  assert.equal(json.metrics.validation.quiet.n, 1);
  assert.equal(json.metrics.validation.outsidePlover, 1);
  assert.deepEqual(json.metrics.validation.unmappedCodes, { '015': 1 });
  const h2 = JSON.parse(await runEval('petrarch2', join(root, 'petrarch2'), { json: true, half: 2 }));
  assert.equal(h2.half, 2);
  assert.equal(h2.docs, 2, 'W_3 and W_3#2');
  await assert.rejects(runEval('petrarch2', join(root, 'petrarch2'), { map: join(root, 'nope.txt') }), /CAMEO→PLOVER map/);
  await assert.rejects(runEval('petrarch2', join(root, 'petrarch2'), { unit: true }), /unit-test records not found/);
});

test('runEval fr-wire-dev: the events are also reported for each half, and negative documents are counted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-frwire-'));
  await writeFile(join(dir, 'b-crue.txt'), 'La rivière a débordé mardi à Valcourt, selon la préfecture.\n');
  await writeFile(join(dir, 'a-match.txt'), "L'équipe locale a battu ses rivaux samedi.\n");
  await writeFile(join(dir, 'gold.json'), JSON.stringify({
    docs: {
      'b-crue': {
        dct: '2025-03-05', negative: false, quotes: [], times: [], places: [],
        events: [{ trigger: 'débordé', acled: null, plover: 'COERCE', actor1: null, actor2: null, modality: 'asserted', attributed_to: 'la préfecture', date: '2025-03-04' }],
        forbid: [],
      },
      'a-match': { dct: '2025-03-02', negative: true, quotes: [], times: [], places: [], events: [], forbid: ['battu'] },
    },
  }));
  const text = await runEval('fr-wire-dev', dir, {});
  assert.match(text, /## events by half/);
  assert.match(text, /^measure\s+all\s+half 1\s+half 2$/m);
  assert.match(text, /## events: negative documents/);
  assert.match(text, /^attribution\s/m);
  const half = await runEval('fr-wire-dev', dir, { half: 1 });
  assert.doesNotMatch(half, /events by half/, 'one half asked: no side-by-side table');
  assert.match(half, /docs: 1 \(half 1\)/);
  const json = JSON.parse(await runEval('fr-wire-dev', dir, { json: true, half: 2 }));
  assert.equal(json.metrics.events.detection.nGold, 1, 'half 2 is b-crue');
  assert.equal(json.metrics.events.negatives.docs, 0);
});

test('PETRARCH2 records: an empty <Text> is rebuilt from the CoNLL-U parse', async () => {
  const { parsePetrarchRecords, textFromConll } = await import('../src/eval/read/petrarch.js');
  const conll = ['1\tRebels\trebel\tNOUN', '2\tattacked\tattack\tVERB', '3\tthe\tthe\tDET', '4\tdepot\tdepot\tNOUN', '5\t,\t,\tPUNCT',
    '6\tofficials\tofficial\tNOUN', '7\tsaid\tsay\tVERB', '8\t.\t.\tPUNCT'].join('\n');
  assert.equal(textFromConll(conll), 'Rebels attacked the depot, officials said.');
  const xml = `<Sentences><Sentence date="20200101" id="P_1"/>\n<EventCoding eventcode="190" sourcecode="A" targetcode="B" />\n<Text>\n</Text>\n<Parse>\n${conll}\n</Parse>\n</Sentence></Sentences>`;
  assert.equal(parsePetrarchRecords(xml)[0].text, 'Rebels attacked the depot, officials said.');
});
