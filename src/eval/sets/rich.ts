// `example` and `fr-wire-dev`: every stage on hand-annotated dispatches; times also measured for
// the bare chrono-node baseline in the same run.
import { chronoTimes } from '../baseline.js';
import { predEntities, predEvents, predPlaces, predQuotes, predTimes, VigieRunner } from '../predict.js';
import { readExample, readFrWire, type RichDoc } from '../read/rich.js';
import { Clock, f3, type EvalReport, type Table } from '../report.js';
import { scoreEntities, type GoldEntity, type PredEntity } from '../score/entities.js';
import { scoreEvents, type EventScores, type PredEvent } from '../score/events.js';
import { scorePlaces, type PredPlace } from '../score/places.js';
import { CONTENT_MIN_COVER, scoreQuotes, type PredQuote } from '../score/quotes.js';
import { scoreTimes, type PredTime, type TimeScores } from '../score/times.js';
import { ACC_COLUMNS, accCells, assertExists, chooseSystems, PRF_COLUMNS, prfCells, timeTables, type EvalOptions, type SystemName } from './common.js';

function runRich(set: string, path: string, docs: RichDoc[], opts: EvalOptions, clock: Clock): EvalReport {
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
    events: docs.flatMap((d) => d.events), forbid: docs.flatMap((d) => d.forbid),
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
    const e: EventScores = scoreEvents(gold.events, pred.events, gold.forbid);
    metrics.events = e;
    tables.push({ title: 'events: detection (trigger overlap; P over predicted asserted events)', columns: ['', ...PRF_COLUMNS], rows: [['events', ...prfCells(e.detection)]] });
    tables.push({
      title: 'events: on matched events', columns: ['', ...ACC_COLUMNS],
      rows: [
        ['ACLED event type', ...accCells(e.acledType)], ['ACLED sub-event type', ...accCells(e.acledSubType)],
        ['PLOVER type', ...accCells(e.plover)], ['date', ...accCells(e.date)], ['fatalities', ...accCells(e.fatalities)],
        ['modality', ...accCells(e.modality)], ['actor1', ...accCells(e.actor1)], ['place within 161 km', ...accCells(e.place161)],
      ],
    });
    if (e.forbidViolations.n) {
      tables.push({ title: 'events: forbidden triggers', columns: ['', 'n_forbid', 'violated'],
        rows: [['asserted event on forbidden words', String(e.forbidViolations.n), String(e.forbidViolations.violated)]] });
    }
    overall.push(['events (detection F1)', f3(e.detection.f1)]);
  }
  tables.push({ title: 'overall', columns: ['measure', 'value'], rows: overall });
  const missing = docs.flatMap((d) => d.missing);
  return {
    set, path, systems, docs: docs.length, seconds: clock.elapsed(), systemSeconds: clock.spent,
    tables, metrics,
    notes: [
      ...vigieRunner.notes(),
      'Gold strings become every occurrence in the text (case-insensitive, word boundaries); a prediction matching any occurrence counts.',
      'Recall counts gold items found; precision counts predictions matching some gold item.',
      `Quotes: a prediction matches when its content covers >= ${CONTENT_MIN_COVER * 100}% of the gold content string; speaker right when its span overlaps an occurrence of the gold speaker (or an alternative), or its text/mention agrees with the gold name.`,
      'Times: value exact (case-insensitive) on relaxed-matched pairs.',
      ...(missing.length ? [`${missing.length} gold string(s) not found in the text: ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? '…' : ''}`] : []),
    ],
  };
}

export async function runExample(path: string, opts: EvalOptions): Promise<EvalReport> {
  const clock = new Clock();
  const doc = await readExample(path);
  return runRich('example', path, [doc], opts, clock);
}

export async function runFrWire(path: string, opts: EvalOptions): Promise<EvalReport> {
  await assertExists(path, 'fr-wire-dev folder');
  const clock = new Clock();
  const docs = await readFrWire(path, opts.limit);
  return runRich('fr-wire-dev', path, docs, opts, clock);
}
