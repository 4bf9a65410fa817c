// Exports of stored events (ACLED CSV, GeoJSON, JSON Lines), written row by row to a stream; the
// `vigie export` command; the events of `--format pretty`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openStore, type EventQuery, type Store, type StoredEvent } from '../src/store/index.js';
import {
  ACLED_COLUMNS, acledDate, acledFields, csvField, exportQuery, writeAcledCsv, writeEvents, writeGeojson, writeJsonl,
  type ExportFormat,
} from '../src/export/events.js';
import { formatPretty } from '../src/format.js';
import { packageRoot } from '../src/lexicons/load.js';
import { actor, bulkFixture, fixtures, makeEvent } from './event-fixtures.js';

async function storeWithFixtures(url = 'sqlite::memory:'): Promise<Store> {
  const store = await openStore(url);
  for (const f of fixtures()) await store.putDocument(f.doc, f.record);
  return store;
}

/** A Writable keeping what it is given, as text. */
class Sink extends Writable {
  chunks: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.chunks.push(chunk.toString('utf8'));
    done();
  }
  get text(): string {
    return this.chunks.join('');
  }
}

async function exported(format: ExportFormat, query: EventQuery = {}, all = false): Promise<string> {
  const store = await storeWithFixtures();
  const sink = new Sink();
  await writeEvents(format, store.iterateEvents(exportQuery(format, query, all)), sink);
  await store.close();
  return sink.text;
}

/** RFC 4180 read back: records of fields, quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const ACLED_HEADER = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type', 'actor1',
  'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting', 'iso', 'region',
  'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale',
  'notes', 'fatalities', 'tags', 'timestamp',
];

test('ACLED CSV: a BOM, then ACLED\'s header in ACLED\'s order, CRLF line ends', async () => {
  const csv = await exported('acled-csv');
  assert.equal(csv.charCodeAt(0), 0xfeff);
  assert.ok(csv.slice(1).startsWith(ACLED_HEADER.join(',') + '\r\n'));
  assert.deepEqual([...ACLED_COLUMNS], ACLED_HEADER);
  // Outside quoted fields every line ends in CRLF (a tag of segou-e1 holds a bare LF, quoted).
  const unquoted = csv.replace(/"(?:[^"]|"")*"/g, '');
  assert.equal(/(?<!\r)\n/.test(unquoted), false);
  assert.ok(/"[^"]*\n[^"]*"/.test(csv), 'the quoted line break is there');
  assert.ok(csv.endsWith('\r\n'));
});

test('ACLED CSV keeps asserted events with an ACLED type, unless asked for all modalities', async () => {
  const ids = (text: string) => csvRecords(text).map((r) => r.event_id_cnty).sort();
  // herat-e2 is planned, mopti-e2 is denied and PLOVER-only.
  assert.deepEqual(ids(await exported('acled-csv')), ['herat-e1', 'mopti-e1', 'segou-e1', 'segou-e2']);
  assert.deepEqual(ids(await exported('acled-csv', {}, true)), ['herat-e1', 'herat-e2', 'mopti-e1', 'segou-e1', 'segou-e2']);
  assert.deepEqual(ids(await exported('acled-csv', { modality: 'planned' })), ['herat-e2']);
  assert.deepEqual(ids(await exported('acled-csv', { country: 'AF' })), ['herat-e1']);
});

test('ACLED CSV rows follow ACLED\'s conventions', async () => {
  const rows = new Map(csvRecords(await exported('acled-csv', {}, true)).map((r) => [r.event_id_cnty, r]));
  const clash = rows.get('herat-e1');
  assert.ok(clash);
  assert.equal(clash.event_date, '2024-03-11');
  assert.equal(clash.year, '2024');
  assert.equal(clash.time_precision, '1');
  assert.equal(clash.disorder_type, 'Political violence');
  assert.equal(clash.inter1, '2');
  assert.equal(clash.inter2, '1');
  assert.equal(clash.interaction, '12'); // smaller code first
  assert.equal(clash.civilian_targeting, '');
  assert.equal(clash.country, 'Afghanistan');
  assert.equal(clash.location, 'Herat');
  assert.equal(clash.latitude, '34.35');
  assert.equal(clash.longitude, '62.2');
  assert.equal(clash.fatalities, '3');
  assert.equal(clash.source, 'Wire');
  assert.match(clash.notes, /^"combats" in Herat, according to un responsable local\.$/);
  assert.match(clash.timestamp, /^\d{10}$/);

  const attack = rows.get('mopti-e1');
  assert.ok(attack);
  assert.equal(attack.event_date, '2024-03-01'); // a month: its first day, precision 3
  assert.equal(attack.time_precision, '3');
  assert.equal(attack.interaction, '37');
  assert.equal(attack.civilian_targeting, 'Civilian targeting');
  assert.equal(attack.country, 'Mali');
  assert.equal(attack.geo_precision, '2');

  const protest = rows.get('herat-e2');
  assert.ok(protest);
  assert.equal(protest.disorder_type, 'Demonstrations');
  assert.equal(protest.interaction, '60'); // no actor2: 10 × inter1
  assert.equal(protest.inter2, '0');
  assert.match(protest.notes, /\(planned\)\.$/);

  const riot = rows.get('segou-e1');
  assert.ok(riot);
  assert.equal(riot.assoc_actor_1, 'Jeunes du quartier Médine');
  assert.equal(riot.admin1, 'Ségou');
  assert.equal(riot.fatalities, '0');

  const agreement = rows.get('segou-e2');
  assert.ok(agreement);
  assert.equal(agreement.disorder_type, 'Strategic developments');
  assert.equal(agreement.event_date, '2023-01-01');
  assert.equal(agreement.time_precision, '3');
  assert.equal(agreement.country, '');
  assert.equal(agreement.latitude, '');
});

test('CSV fields holding a comma, a quote or a line break are quoted, quotes doubled', async () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "no"'), '"say ""no"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(0), '0');
  const csv = await exported('acled-csv', { docId: 'segou' });
  assert.ok(csv.includes(',"Radio ""Kledu"", Bamako",'), 'the outlet, quoted');
  const riot = csvRecords(csv).find((r) => r.event_id_cnty === 'segou-e1');
  assert.equal(riot?.source, 'Radio "Kledu", Bamako');
  assert.equal(riot?.tags, 'vehicles burned, "several"; power cuts\nfor days');
  assert.equal(csvRecords(csv).every((r) => Object.keys(r).length === ACLED_HEADER.length), true);
});

test('GeoJSON: a FeatureCollection with one Point a located event, [lon, lat]', async () => {
  const geo = JSON.parse(await exported('geojson')) as {
    type: string;
    features: { type: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[];
  };
  assert.equal(geo.type, 'FeatureCollection');
  // Six events, one without a place (segou-e2).
  assert.equal(geo.features.length, 5);
  const herat = geo.features.find((f) => f.properties.event_id_cnty === 'herat-e1');
  assert.ok(herat);
  assert.equal(herat.geometry.type, 'Point');
  assert.deepEqual(herat.geometry.coordinates, [62.2, 34.35]);
  assert.equal(herat.properties.plover_type, 'ASSAULT');
  assert.equal(herat.properties.modality, 'asserted');
  assert.equal(herat.properties.attributed_to, 'Wire');
  assert.equal(herat.properties.doc_id, 'herat');
  assert.equal(herat.properties.event_type, 'Battles');
  assert.ok(Object.values(herat.properties).every((v) => v === null || typeof v !== 'object'), 'flat properties');
  const denied = geo.features.find((f) => f.properties.event_id_cnty === 'mopti-e2');
  assert.equal(denied?.properties.modality, 'denied');
  assert.equal(denied?.properties.event_type, null);
});

test('GeoJSON of no events is still a valid FeatureCollection', async () => {
  const geo = JSON.parse(await exported('geojson', { country: 'FR' }));
  assert.deepEqual(geo, { type: 'FeatureCollection', features: [] });
});

test('JSON Lines: one stored event a line, with its document and place', async () => {
  const lines = (await exported('jsonl', { country: 'ML' })).trimEnd().split('\n').map((l) => JSON.parse(l) as StoredEvent);
  assert.deepEqual(lines.map((e) => `${e.docId}-${e.id}`), ['mopti-e2', 'mopti-e1', 'segou-e1']);
  assert.equal(lines[1].location?.name, 'Mopti');
  assert.equal(lines[1].document.source, 'Courier');
  assert.equal(lines[1].acled?.subEventType, 'Attack');
});

/** A sink that takes its time (a slow disk, a slow client) and keeps only counts. */
class SlowSink extends Writable {
  bytes = 0;
  writes = 0;
  maxBuffered = 0;
  constructor() {
    super({ highWaterMark: 1024 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.bytes += chunk.length;
    this.writes++;
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    setImmediate(done);
  }
}

test('5,000 events stream through a slow sink: written as they come, never buffered whole', async () => {
  const [f] = fixtures();
  const base = { ...f.record.events[0], docId: 'vol', location: { name: 'Herat', lat: 34.35, lon: 62.2, country: 'AF', admin1: 'Herat', admin2: null }, document: { lang: 'fr', source: 'Wire', published: null, url: null, title: null, ingestedAt: null } } satisfies StoredEvent;
  for (const format of ['jsonl', 'acled-csv', 'geojson'] as const) {
    let pulled = 0;
    let pulledAtFirstWrite = -1;
    const sink = new SlowSink();
    sink.once('drain', () => {
      if (pulledAtFirstWrite < 0) pulledAtFirstWrite = pulled;
    });
    async function* source(): AsyncGenerator<StoredEvent> {
      for (let i = 0; i < 5000; i++) {
        pulled++;
        yield { ...base, id: `e${i}` };
      }
    }
    const n = await writeEvents(format, source(), sink);
    assert.equal(n, 5000, format);
    assert.equal(pulled, 5000);
    // The writer waited for the sink long before the source was drained…
    assert.ok(pulledAtFirstWrite > 0 && pulledAtFirstWrite < 100, `${format}: first drain after ${pulledAtFirstWrite} events`);
    // …and never let more than about one row pile up past the sink's mark.
    assert.ok(sink.maxBuffered < 1024 + 4096, `${format}: ${sink.maxBuffered} bytes buffered`);
    assert.ok(sink.bytes > 5000 * 100, format);
  }
});

test('5,000 stored events export from a file store, every one of them', async () => {
  const store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'vigie-export-')), 'v.db')}`);
  for (let i = 0; i < 50; i++) {
    const f = bulkFixture(i, 100);
    await store.putDocument(f.doc, f.record);
  }
  assert.equal((await store.listEvents({})).total, 5000);
  const sink = new SlowSink();
  assert.equal(await writeAcledCsv(store.iterateEvents(exportQuery('acled-csv', {})), sink), 5000);
  assert.ok(sink.maxBuffered < 1024 + 4096);
  const lines = new Sink();
  assert.equal(await writeJsonl(store.iterateEvents({ docId: 'bulk-7' }), lines), 100);
  assert.equal(lines.text.split('\n').filter(Boolean).length, 100);
  await store.close();
});

test('a reader gone mid-export stops the export with an error, not a hang', async () => {
  const store = await storeWithFixtures();
  const out = new Writable({ highWaterMark: 1, write: (_c, _e, done) => setTimeout(done, 5) });
  setImmediate(() => out.destroy());
  await assert.rejects(writeGeojson(store.iterateEvents({}), out), /closed|destroyed/);
  // The stream was released: the in-memory store's only connection can write again.
  await store.replaceRecord('herat', { ...fixtures()[0].record, events: [] });
  await store.close();
});

test('acledFields of an event without actors leaves the inter codes and interaction empty', () => {
  const [f] = fixtures();
  const e: StoredEvent = {
    ...makeEvent(f.doc.text, 'combats', { id: 'x1', acled: { eventType: 'Explosions/Remote violence', subEventType: 'Air/drone strike' }, actor2: actor('Civilians (Afghanistan)', 7) }),
    docId: 'd', location: null, document: { lang: 'fr', source: null, published: null, url: null, title: null, ingestedAt: null },
  };
  const row = acledFields(e);
  assert.equal(row.inter1, null);
  assert.equal(row.interaction, null);
  assert.equal(row.civilian_targeting, 'Civilian targeting');
  assert.equal(row.disorder_type, 'Political violence');
  assert.equal(row.event_date, null);
  assert.equal(row.fatalities, 0);
});

test('ACLED dates: a month or a year is its first day at time_precision 3, whatever the event says', () => {
  assert.deepEqual(acledDate('2024-03', 1), { date: '2024-03-01', year: 2024, precision: 3 });
  assert.deepEqual(acledDate('2023', null), { date: '2023-01-01', year: 2023, precision: 3 });
  assert.deepEqual(acledDate('2024-03-05', 2), { date: '2024-03-05', year: 2024, precision: 2 });
  assert.deepEqual(acledDate('2024-03-05', null), { date: '2024-03-05', year: 2024, precision: 1 });
  assert.equal(acledDate('soon', 1), null);
  assert.equal(acledDate(null, null), null);
});

const BIN = join(packageRoot(), 'bin', 'vigie.js');

function vigie(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('vigie export writes a file in each format, with the filters as flags', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-export-'));
  const env = { VIGIE_DATABASE_URL: `sqlite:${join(dir, 'v.db')}` };
  await (await storeWithFixtures(env.VIGIE_DATABASE_URL)).close();
  const csvPath = join(dir, 'out.csv');
  const csv = vigie(['export', '--format', 'acled-csv', '--out', csvPath, '--country', 'ML'], env);
  assert.equal(csv.code, 0, csv.err);
  assert.match(csv.err, /exported 2 event\(s\)/);
  const text = readFileSync(csvPath, 'utf8');
  assert.deepEqual(csvRecords(text).map((r) => r.event_id_cnty), ['mopti-e1', 'segou-e1']);
  const all = vigie(['export', '--format', 'acled-csv', '--all', '--from', '2024-03-14', '--to', '2024-03'], env);
  assert.deepEqual(csvRecords(all.out).map((r) => r.event_id_cnty), ['herat-e2', 'mopti-e1']);
  const geo = vigie(['export', '--format', 'geojson', '--actor', 'taliban'], env);
  assert.equal(JSON.parse(geo.out).features.length, 1);
  const jsonl = vigie(['export', '--type', 'Riots', '--lang', 'fr', '--source', 'Radio "Kledu", Bamako'], env);
  assert.deepEqual(jsonl.out.trim().split('\n').map((l) => JSON.parse(l).id), ['e1']);
  const planned = vigie(['export', '--plover', 'PROTEST', '--modality', 'planned', '--sub-type', 'Peaceful protest'], env);
  assert.equal(planned.out.trim().split('\n').length, 1);
});

test('vigie export refuses a bad date or format with exit 2 and the reason', () => {
  const env = { VIGIE_DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'vigie-cli-export-bad-')), 'v.db')}` };
  const date = vigie(['export', '--from', '2024-02-30'], env);
  assert.equal(date.code, 2);
  assert.match(date.err, /--from 2024-02-30: not a date/);
  const format = vigie(['export', '--format', 'xlsx'], env);
  assert.equal(format.code, 2);
  assert.match(format.err, /--format xlsx: expected jsonl, acled-csv, geojson/);
});

test('--format pretty: one line an event, then the rules behind it', () => {
  const [f] = fixtures();
  const doc = { ...f.doc, lang: 'fr' as const, published: '2024-03-12' };
  const ann = {
    language: { lang: 'fr' as const, confidence: 1, method: 'given' as const }, sentences: [], tokens: [], mentions: [],
    quotes: [], times: [], places: f.record.places, events: f.record.events,
  };
  const lines = formatPretty({ doc, ann }).split('\n');
  const i = lines.findIndex((l) => l.startsWith('  e1 '));
  assert.ok(i > 0, 'an e1 line');
  const line = lines[i];
  for (const part of ['"combats"', 'Battles / Armed clash', 'PLOVER ASSAULT/firearms', 'Taliban → Military Forces of Afghanistan', '@ Herat', '2024-03-11 (day)', 'fatalities 3', 'asserted', 'per Wire']) {
    assert.ok(line.includes(part), `${part} in ${line}`);
  }
  assert.equal(lines[i + 1], '      why: trigger:combat, actors:opposer');
  assert.ok(lines.some((l) => l.startsWith('  e2 ') && l.includes('@ Kabul') && l.includes('planned') && !l.includes('fatalities')));
  assert.ok(lines.includes('## 2 events'));
});
