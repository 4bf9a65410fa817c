// `example` and `fr-wire-dev`: every stage on hand-annotated dispatches; times also measured for
// the bare chrono-node baseline in the same run. Without --half, the main event figures are also
// given for each half of the documents, so that one run shows both.
import { chronoTimes } from '../baseline.js';
import { predEntities, predEvents, predPlaces, predQuotes, predTimes, VigieRunner } from '../predict.js';
import { readExample, readFrWire, type RichDoc } from '../read/rich.js';
import { Clock, f3, type EvalReport, type Table } from '../report.js';
import type { Acc, PRF } from '../score/common.js';
import { scoreEntities, type GoldEntity, type PredEntity } from '../score/entities.js';
import { scoreEvents, type EventScores, type GoldEvent, type PredEvent } from '../score/events.js';
import { scorePlaces, type PredPlace } from '../score/places.js';
import { CONTENT_MIN_COVER, scoreQuotes, type PredQuote } from '../score/quotes.js';
import { scoreTimes, type PredTime, type TimeScores } from '../score/times.js';
import {
  ACC_COLUMNS, accCells, assertExists, checkHalf, chooseSystems, halves, PRF_COLUMNS, prfCells, selectDocs, timeTables,
  type EvalOptions, type SystemName,
} from './common.js';

/** Events scored on some of the documents only (their gold, predictions, forbidden words). */
function scoreEventsOf(docs: readonly RichDoc[], pred: readonly PredEvent[]): EventScores {
  const ids = new Set(docs.map((d) => d.id));
  const gold: GoldEvent[] = docs.flatMap((d) => d.events);
  return scoreEvents(gold, pred.filter((p) => ids.has(p.doc ?? '')), docs.flatMap((d) => d.forbid),
    docs.filter((d) => d.negative).map((d) => d.id));
}

const accCell = (a: Acc): string => (a.n ? `${f3(a.acc)} (${a.correct}/${a.n})` : '-');
const prfCell = (p: PRF, x: 'p' | 'r' | 'f1'): string =>
  x === 'p' ? `${f3(p.p)} (${p.tpPred}/${p.nPred})` : x === 'r' ? `${f3(p.r)} (${p.tpGold}/${p.nGold})` : f3(p.f1);

/** The main event figures side by side: every document, half 1, half 2. */
function eventHalves(docs: readonly RichDoc[], pred: readonly PredEvent[]): { table: Table; halves: EventScores[] } {
  const [one, two] = halves(docs, (d) => d.id);
  const cols = [docs, one, two].map((ds) => scoreEventsOf(ds, pred));
  const row = (label: string, cell: (e: EventScores) => string): string[] => [label, ...cols.map(cell)];
  const table: Table = {
    title: `events by half (documents ordered by a hash of their id: half 1 = ${one.length} docs, half 2 = ${two.length}; study failures on half 1 only)`,
    columns: ['measure', 'all', 'half 1', 'half 2'],
    rows: [
      row('detection P', (e) => prfCell(e.detection, 'p')), row('detection R', (e) => prfCell(e.detection, 'r')),
      row('detection F1', (e) => prfCell(e.detection, 'f1')),
      row('ACLED event type', (e) => accCell(e.acledType)), row('ACLED sub-event type', (e) => accCell(e.acledSubType)),
      row('PLOVER type', (e) => accCell(e.plover)), row('date', (e) => accCell(e.date)),
      row('time precision', (e) => accCell(e.timePrecision)), row('fatalities', (e) => accCell(e.fatalities)),
      row('modality', (e) => accCell(e.modality)), row('actor1', (e) => accCell(e.actor1)), row('actor2', (e) => accCell(e.actor2)),
      row('attribution', (e) => accCell(e.attribution)), row('place within 161 km', (e) => accCell(e.place161)),
      row('asserted events on forbidden words', (e) => `${e.forbidViolations.violated}/${e.forbidViolations.n}`),
      row('asserted ACLED events in negative docs', (e) => `${e.negatives.assertedAcled} in ${e.negatives.docs} docs`),
    ],
  };
  return { table, halves: cols.slice(1) };
}

function eventTables(e: EventScores): Table[] {
  const tables: Table[] = [
    { title: 'events: detection (trigger overlap; P over predicted asserted events)', columns: ['', ...PRF_COLUMNS], rows: [['events', ...prfCells(e.detection)]] },
    {
      title: 'events: on matched events', columns: ['', ...ACC_COLUMNS],
      rows: [
        ['ACLED event type', ...accCells(e.acledType)], ['ACLED sub-event type', ...accCells(e.acledSubType)],
        ['PLOVER type', ...accCells(e.plover)], ['date', ...accCells(e.date)], ['time precision', ...accCells(e.timePrecision)],
        ['fatalities', ...accCells(e.fatalities)], ['modality', ...accCells(e.modality)], ['actor1', ...accCells(e.actor1)],
        ['actor2', ...accCells(e.actor2)], ['attribution', ...accCells(e.attribution)], ['place within 161 km', ...accCells(e.place161)],
      ],
    },
  ];
  if (e.forbidViolations.n) {
    tables.push({ title: 'events: forbidden triggers', columns: ['', 'n_forbid', 'violated'],
      rows: [['asserted event on forbidden words', String(e.forbidViolations.n), String(e.forbidViolations.violated)]] });
  }
  tables.push({ title: 'events: negative documents (the gold says: no event)', columns: ['', 'n_docs', 'asserted ACLED events'],
    rows: [['predicted in negative documents', String(e.negatives.docs), String(e.negatives.assertedAcled)]] });
  return tables;
}

function runRich(set: string, path: string, docs: RichDoc[], opts: EvalOptions, clock: Clock, selectionNotes: string[]): EvalReport {
  const systems = chooseSystems(opts, true, set);
  const vigie = systems.includes('vigie');
  const vigieRunner = new VigieRunner();
  const pred = {
    entities: [] as PredEntity[], quotes: [] as PredQuote[], places: [] as PredPlace[], events: [] as PredEvent[],
    times: { vigie: [] as PredTime[], chrono: [] as PredTime[] },
  };
  for (const d of docs) {
    if (vigie) {
      const rec = clock.time('vigie', () => vigieRunner.run({ id: d.id, text: d.text, lang: d.lang, published: d.published }));
      pred.entities.push(...predEntities(rec, d.id));
      pred.quotes.push(...predQuotes(rec, d.id));
      pred.times.vigie.push(...predTimes(rec, d.id));
      pred.places.push(...predPlaces(rec, d.id));
      pred.events.push(...predEvents(rec, d.id));
    }
    if (systems.includes('chrono')) {
      pred.times.chrono.push(...clock.time('chrono', () => chronoTimes(d.text, d.lang, d.published, d.id)));
    }
  }
  const gold = {
    quotes: docs.flatMap((d) => d.quotes), times: docs.flatMap((d) => d.times), places: docs.flatMap((d) => d.places),
  };
  const tables: Table[] = [];
  const metrics: Record<string, unknown> = {};
  const overall: string[][] = [];

  const goldEntities: GoldEntity[] | null = docs.some((d) => d.entities) ? docs.flatMap((d) => d.entities ?? []) : null;
  if (vigie && goldEntities) {
    const types = [...new Set(goldEntities.map((e) => e.type))].sort();
    const s = scoreEntities(goldEntities, pred.entities, { types });
    metrics.entities = s;
    tables.push({
      title: 'entities: relaxed (overlap with any occurrence, same type)',
      columns: ['type', ...PRF_COLUMNS],
      rows: [...types.map((t) => [t, ...prfCells(s.relaxed.perType[t])]), ['micro', ...prfCells(s.relaxed.micro)],
        ['micro strict', ...prfCells(s.strict.micro)], ['untyped', ...prfCells(s.untyped)]],
    });
    tables.push({ title: 'entities: role on matched entities', columns: ['', ...ACC_COLUMNS], rows: [['role', ...accCells(s.role)]] });
    overall.push(['entities (relaxed micro F1)', f3(s.relaxed.micro.f1)]);
  }
  if (vigie) {
    const q = scoreQuotes(gold.quotes, pred.quotes);
    metrics.quotes = q;
    tables.push({ title: 'quotes: content', columns: ['', ...PRF_COLUMNS], rows: [['content', ...prfCells(q.content)]] });
    const rows: string[][] = [['speaker', ...accCells(q.speaker)]];
    if (q.cue.n || !q.cueLemma.n) rows.push(['cue (span)', ...accCells(q.cue)]);
    if (q.cueLemma.n) rows.push(['cue lemma', ...accCells(q.cueLemma)]);
    rows.push(['kind', ...accCells(q.kind)]);
    if (q.channel.n) rows.push(['channel', ...accCells(q.channel)]);
    if (q.addressee.n) rows.push(['addressee', ...accCells(q.addressee)]);
    tables.push({ title: 'quotes: on matched quotes', columns: ['', ...ACC_COLUMNS], rows });
    overall.push(['quotes (content F1)', f3(q.content.f1)], ['quotes (speaker acc)', q.speaker.n ? f3(q.speaker.acc) : '-']);
  }
  const ts: Partial<Record<SystemName, TimeScores>> = {};
  for (const sys of systems) ts[sys] = scoreTimes(gold.times, pred.times[sys]);
  metrics.times = ts;
  tables.push(...timeTables(ts));
  for (const sys of systems) overall.push([`times ${sys} (value F1)`, f3(ts[sys]!.valueF1.f1)]);
  if (vigie) {
    const p = scorePlaces(gold.places, pred.places);
    metrics.places = p;
    tables.push({ title: 'places: detection (overlap with any occurrence)', columns: ['', ...PRF_COLUMNS], rows: [['places', ...prfCells(p.detection)]] });
    tables.push({
      title: 'places: on matched places', columns: ['', ...ACC_COLUMNS],
      rows: [['country', ...accCells(p.country)], ['within 161 km', ...accCells(p.within161)], ['within 25 km', ...accCells(p.within25)],
        ['end-to-end recall 161 km', ...accCells(p.endToEnd161)], ['median error km', String(p.nDistances), '', f3(p.medianKm)]],
    });
    overall.push(['places (detection F1)', f3(p.detection.f1)], ['places (within 161 km)', p.within161.n ? f3(p.within161.acc) : '-']);
    const e = scoreEventsOf(docs, pred.events);
    metrics.events = e;
    tables.push(...eventTables(e));
    if (checkHalf(opts.half) === undefined) {
      const byHalf = eventHalves(docs, pred.events);
      tables.push(byHalf.table);
      metrics.eventsByHalf = { half1: byHalf.halves[0], half2: byHalf.halves[1] };
    }
    overall.push(['events (detection F1)', f3(e.detection.f1)], ['events (attribution acc)', e.attribution.n ? f3(e.attribution.acc) : '-'],
      ['events: asserted ACLED events in negative docs', String(e.negatives.assertedAcled)]);
  }
  tables.push({ title: 'overall', columns: ['measure', 'value'], rows: overall });
  const missing = docs.flatMap((d) => d.missing);
  return {
    set, path, systems, docs: docs.length, half: checkHalf(opts.half), seconds: clock.elapsed(), systemSeconds: clock.spent,
    tables, metrics,
    notes: [
      ...vigieRunner.notes(),
      ...selectionNotes,
      'Gold strings become every occurrence in the text (case-insensitive, word boundaries); a prediction matching any occurrence counts.',
      'Recall counts gold items found; precision counts predictions matching some gold item.',
      `Quotes: a prediction matches when its content covers >= ${CONTENT_MIN_COVER * 100}% of the gold content string; speaker right when its span overlaps an occurrence of the gold speaker (or an alternative), or its text/mention agrees with the gold name.`,
      'Times: value exact (case-insensitive) on relaxed-matched pairs.',
      'Events: date exact (YYYY, YYYY-MM or YYYY-MM-DD: the precision must agree); actor2 and attribution scored where the gold states them, null included (null = no actor2 / the outlet asserts it); a slash in a gold actor name gives alternatives; attribution right when some attributed quote\'s speaker (text, mention, canonical) agrees with the gold phrase or overlaps an occurrence of it.',
      ...(missing.length ? [`${missing.length} gold string(s) not found in the text: ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? '…' : ''}`] : []),
    ],
  };
}

export async function runExample(path: string, opts: EvalOptions): Promise<EvalReport> {
  const clock = new Clock();
  const selection = selectDocs([await readExample(path)], (d) => d.id, opts);
  return runRich('example', path, selection.docs, opts, clock, selection.notes);
}

export async function runFrWire(path: string, opts: EvalOptions): Promise<EvalReport> {
  await assertExists(path, 'fr-wire-dev folder');
  const clock = new Clock();
  const selection = selectDocs(await readFrWire(path), (d) => d.id, opts);
  return runRich('fr-wire-dev', path, selection.docs, opts, clock, selection.notes);
}
