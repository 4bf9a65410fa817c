// The web UI in a real browser: the machine's Chromium driven by playwright-core, against the
// server on a free port with a temporary SQLite store holding part of the demo corpus. It filters
// by type, clicks a point on the map, reads the dispatch with its highlights, pastes a dispatch of
// its own, and checks that the page asked nothing of any other host.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/server/app.js';
import { defaultWebRoot } from '../src/server/static.js';
import { openStore, type Store } from '../src/store/index.js';
import { extract } from '../src/pipeline/index.js';
import { packageRoot } from '../src/lexicons/load.js';
import type { Document } from '../src/types.js';

const CHROMIUM = '/usr/bin/chromium';
/** Demo dispatches stored: enough for several types and places, few enough to stay quick. */
const DEMO_DOCS = 12;

// A dispatch of our own, with markup in it that must come out as text.
const PASTED =
  "Bamako, 14 mars 2024 (Essai) - Des hommes armés ont attaqué mercredi un poste de gendarmerie près de Ségou, " +
  "tuant quatre gendarmes, a annoncé l'armée malienne dans un communiqué. " +
  "« Les assaillants ont été repoussés », a déclaré un officier. Un lecteur avait écrit <script>window.__pwned = 1</script> sur le mur.";

interface PageNode {
  textContent: string | null;
  classList?: { contains(name: string): boolean };
}

/** Polls from the test's side (the page's CSP forbids the eval behind string predicates). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The server on a free port over `store`, and Chromium on it with every other host refused. */
async function openDesk(store: Store, dir: string, token: string) {
  const { chromium } = await import('playwright-core');
  const app = await buildApp({ store, token });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const requests: string[] = [];
  const elsewhere: string[] = [];
  // Anything not for this server is refused and remembered: the tests fail on it.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    elsewhere.push(url);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (r) => requests.push(r.url()));
  const problems: string[] = [];
  page.on('console', (m) => {
    // A refusal the test asks for (a wrong token) is logged by the browser as a failed load.
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.setViewportSize({ width: 1400, height: 1000 });
  // VIGIE_SCREENSHOTS=docs/screenshots refreshes the README's pictures from this very run.
  const shot = async (name: string) => {
    const folder = process.env.VIGIE_SCREENSHOTS;
    if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: false });
  };
  const close = async () => {
    await context.close();
    await app.close();
  };
  return { page, context, origin, requests, elsewhere, problems, shot, close };
}

/** Skips the test (with the reason) when the browser or the built UI is missing. */
function cannotRun(t: TestContext): boolean {
  if (!existsSync(CHROMIUM)) {
    t.skip(`${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`);
    return true;
  }
  if (!existsSync(join(defaultWebRoot(), 'index.html'))) {
    t.skip('the web UI is not built (npm run build:web)');
    return true;
  }
  return false;
}

function demoDocuments(n: number): Document[] {
  const lines = readFileSync(join(packageRoot(), 'corpus', 'demo', 'dispatches.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  return lines.slice(0, n).map((l) => JSON.parse(l) as Document);
}

test('the UI in Chromium: filter by type, click a map point, read the dispatch with its words lit, paste a dispatch; nothing leaves the machine', { timeout: 180_000 }, async (t) => {
  if (cannotRun(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-e2e-'));
  const store = await openStore(`sqlite:${join(dir, 'vigie.db')}`);
  for (const doc of demoDocuments(DEMO_DOCS)) await store.putDocument(doc, extract(doc));
  // The most common type among placed events: the filter must keep several points.
  const all = await store.listEvents({ limit: 1000 });
  const tally = new Map<string, number>();
  for (const e of all.items) if (e.acled && e.location?.lat != null) tally.set(e.acled.eventType, (tally.get(e.acled.eventType) ?? 0) + 1);
  const [type] = [...tally.entries()].sort((a, b) => b[1] - a[1])[0];
  const ofType = (await store.listEvents({ eventType: type, limit: 1000 })).total;
  assert.ok(ofType >= 2 && ofType < all.total, `the demo documents hold several ${type} events among others`);

  const desk = await openDesk(store, dir, '');
  const { page, origin, requests, elsewhere, problems, shot } = desk;
  try {

    await page.goto(`${origin}/`);
    await page.waitForSelector('#map path.ev-point, #map path.ev-cluster');
    await page.waitForSelector('#events-table tbody tr');
    assert.equal(await page.locator('#events-table tbody tr').count(), Math.min(all.total, 500));
    assert.ok((await page.locator('#timeline g.day[role=button]').count()) >= 1, 'the timeline has days');
    // The basemap is drawn from the bundled country shapes, not from tiles.
    assert.ok((await page.locator('#map .leaflet-overlay-pane path').count()) > 100);
    assert.equal(await page.locator('#map img.leaflet-tile').count(), 0);

    // Filter by type: the table holds only that type, as many as the store has.
    await page.selectOption('#f-type', type);
    await until(async () => (await page.locator('#events-table tbody tr').count()) === ofType, 'the table shows the filtered events');
    t.diagnostic(`${all.total} events stored, ${ofType} of type ${type}`);
    await shot('desk');
    const types = await page.locator('#events-table tbody tr td:nth-child(2)').allTextContents();
    assert.ok(types.every((x) => x === type), `every row is ${type}: ${types.join(', ')}`);
    const pointTypes = await page.locator('#map path.ev-point').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-type')));
    assert.ok(pointTypes.every((x) => x === type));

    // Click a point on the map (zooming into a cluster first when they are all gathered).
    for (let i = 0; i < 6 && (await page.locator('#map path.ev-point').count()) === 0; i++) {
      await page.locator('#map path.ev-cluster').first().click();
    }
    const point = page.locator('#map path.ev-point').first();
    const key = await point.getAttribute('data-key');
    assert.ok(key);
    await point.click();
    t.diagnostic(`clicked the point of ${key}`);
    // The reader opens on that event's dispatch with its trigger lit, and the row is selected.
    await page.waitForSelector('#reader-body .reader-event.selected');
    const [docId, eventId] = key.split('/');
    assert.equal(await page.locator('#reader-body .reader-event.selected').getAttribute('data-event'), eventId);
    const stored = await store.getDocument(docId);
    const event = stored!.record.events.find((e) => e.id === eventId)!;
    const lit = await page.locator('#reader-body .reader-text .hl-evidence').allTextContents();
    assert.ok(lit.join('').includes(event.trigger.text), `the trigger "${event.trigger.text}" is lit: ${lit.join('|')}`);
    assert.equal(await page.locator('#events-table tbody tr.selected').getAttribute('data-key'), key);
    // The text shown is the dispatch itself, every character, whatever the highlights.
    const shown = await page.locator('#reader-body .reader-text').evaluate((el) => {
      // Typed by hand: this project compiles without the DOM's types.
      const nodes = Array.from((el as unknown as { childNodes: ArrayLike<PageNode> }).childNodes);
      return nodes.filter((n) => !n.classList?.contains('speaker-tag')).map((n) => n.textContent).join('');
    });
    assert.equal(shown, stored!.text);
    assert.ok((await page.locator('#reader-body .hl-mention').count()) > 0, 'mentions are highlighted');
    // Another field of the event: its own words are lit instead.
    const other = event.evidence.find((x) => x.field !== 'trigger' && x.text.trim() && !event.trigger.text.includes(x.text));
    t.diagnostic(other ? `then its ${other.field}: "${other.text}"` : 'the event has no field beyond its trigger');
    if (other) {
      await page.locator(`#reader-body .reader-event.selected button.field[data-field="${other.field}"]`).click();
      await until(async () => (await page.locator('#reader-body .hl-evidence').allTextContents()).join('').includes(other.text), `the ${other.field} words are lit`);
      assert.equal(await page.locator(`#reader-body .reader-event.selected button.field[data-field="${other.field}"]`).getAttribute('aria-pressed'), 'true');
    }
    await shot('reader');

    // The keyboard alone: a row focused and Enter opens its event; points and days take the focus too.
    const rowKeys = await page.locator('#events-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
    const rowIndex = rowKeys.findIndex((k) => k.split('/')[1] !== eventId);
    assert.ok(rowIndex >= 0, 'another event to open');
    const row = page.locator('#events-table tbody tr').nth(rowIndex);
    const rowKey = rowKeys[rowIndex];
    await row.focus();
    await page.keyboard.press('Enter');
    await until(async () => (await page.locator('#reader-body .reader-event.selected').getAttribute('data-event')) === rowKey.split('/')[1], 'Enter on a row opens its event');
    assert.equal(await page.locator('#map path.ev-point').first().getAttribute('tabindex'), '0');
    assert.equal(await page.locator('#timeline g.day[role=button]').first().getAttribute('tabindex'), '0');

    // A day chosen on the timeline narrows the table (and the map) to it; chosen again, it lets go.
    const day = page.locator('#timeline g.day[role=button]').first();
    const date = (await day.getAttribute('data-day'))!;
    const thatDay = (await store.listEvents({ eventType: type, from: date, to: date, limit: 1000 })).items.filter((e) => e.date === date).length;
    assert.ok(thatDay >= 1 && thatDay < ofType, `${thatDay} of the ${ofType} events on ${date}`);
    await day.click();
    await until(async () => (await page.locator('#events-table tbody tr').count()) === thatDay, `the table holds the ${thatDay} events of ${date}`);
    assert.ok((await page.locator('#events-table tbody tr td:first-child').allTextContents()).every((d) => d === date));
    assert.equal(await page.locator('#timeline g.day.chosen').getAttribute('data-day'), date);
    await page.locator(`#timeline g.day[data-day="${date}"]`).click();
    await until(async () => (await page.locator('#events-table tbody tr').count()) === ofType, 'the day filter is lifted');

    // The interface speaks English on demand.
    await page.click('#lang-toggle');
    assert.equal(await page.locator('#map-title').textContent(), (await page.locator('html').getAttribute('lang')) === 'en' ? 'Map' : 'Carte');
    await page.click('#lang-toggle');

    // Paste a dispatch of our own: its events appear at once, its markup shows as text.
    await page.fill('#paste-text', PASTED);
    await page.selectOption('#paste-lang', 'fr');
    await page.fill('#paste-published', '2024-03-14');
    await page.click('#paste-form button[type=submit]');
    await until(async () => ((await page.locator('#reader-body .reader-text').textContent()) ?? '').includes('Ségou'), 'the pasted dispatch is in the reader');
    const pastedEvents = await page.locator('#reader-body .reader-event').count();
    assert.ok(pastedEvents >= 1, 'the pasted dispatch has events');
    t.diagnostic(`the pasted dispatch has ${pastedEvents} event(s)`);
    await shot('pasted');
    assert.ok((await page.locator('#reader-body .reader-text .hl-trigger').count()) >= 1);
    assert.match((await page.locator('#reader-body .reader-text').textContent())!, /<script>window\.__pwned = 1<\/script>/);
    assert.equal(await page.locator('#reader-body script').count(), 0);
    assert.equal(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned), undefined);

    assert.deepEqual(elsewhere, [], 'no request left the machine');
    assert.ok(requests.length > 3);
    for (const u of requests) assert.ok(u.startsWith(`${origin}/`), u);
    assert.ok(requests.some((u) => u.includes('/api/events')) && requests.some((u) => u.includes('/api/extract')));
    // No CSP refusal, no script error: the page lives within its own policy.
    assert.deepEqual(problems, []);
  } finally {
    await desk.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// A page of our own, with what a page carries besides its article: navigation, a footer, a script.
const PAGE_HTML = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Crue à Mopti — Essai</title>
<meta property="og:title" content="Crue à Mopti"><meta property="article:published_time" content="2024-08-20T09:00:00Z">
<script>window.__pwned = 2</script></head><body><nav><a href="/">Accueil</a> · <a href="/monde">Monde</a></nav>
<article><h1>Crue à Mopti</h1>
<p>Mopti, 20 août 2024 (Essai) - Des centaines de manifestants ont bloqué mardi le pont de Mopti pour réclamer des digues contre la crue, a déclaré Oumar Cissé, un responsable de la commune.</p>
<p>« Nous attendons ces travaux depuis deux ans », a-t-il ajouté. Un habitant avait écrit &lt;script&gt;alert(3)&lt;/script&gt; sur une pancarte.</p>
</article><footer>Tous droits réservés</footer></body></html>`;

test('the desk in Chromium: who speaks and their quotes, incidents on the map, exports, a page loaded and stored with the token, in English too', { timeout: 180_000 }, async (t) => {
  if (cannotRun(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'vigie-e2e-desk-'));
  const store = await openStore(`sqlite:${join(dir, 'vigie.db')}`);
  for (const doc of demoDocuments(DEMO_DOCS)) await store.putDocument(doc, extract(doc));
  // A speaker of the demo dispatches to whom events are attributed.
  const speakers = (await store.listSpeakers({ named: true, limit: 100 })).items;
  const speaker = (await Promise.all(speakers.map(async (s) => ({ s, n: (await store.listEvents({ speaker: s.name })).total })))).find((x) => x.n > 0);
  assert.ok(speaker, 'a named speaker with events in the demo dispatches');
  const quotes = (await store.listQuotes({ name: speaker.s.name })).items;
  const placedIncidents = (await store.listIncidents({ limit: 200 })).items.filter((i) => i.place?.lat != null).length;
  assert.ok(placedIncidents >= 1);
  const desk = await openDesk(store, dir, 'e2e-token');
  const { page, context, origin, elsewhere, problems, shot } = desk;
  try {
    await page.goto(`${origin}/`);
    await page.waitForSelector('#events-table tbody tr');

    // Incidents are rings on the map, under the event points; they can be hidden, and reached by keyboard.
    await until(async () => (await page.locator('#map path.inc-ring').count()) === placedIncidents, `${placedIncidents} incident rings`);
    const ring = page.locator('#map path.inc-ring').first();
    assert.equal(await ring.getAttribute('tabindex'), '0');
    const incidentId = (await ring.getAttribute('data-incident'))!;
    const incident = (await store.getIncident(incidentId))!.incident;
    await ring.focus();
    await page.keyboard.press('Enter');
    await until(async () => (await page.locator('#reader-body .reader-event.selected').getAttribute('data-event')) === incident.events[0].eventId, 'Enter on a ring opens its first event');
    await page.uncheck('#show-incidents');
    await until(async () => (await page.locator('#map path.inc-ring').count()) === 0, 'the rings hidden');
    await page.check('#show-incidents');
    await until(async () => (await page.locator('#map path.inc-ring').count()) === placedIncidents, 'the rings back');

    // Who speaks: the named speaker's quotes, each one a step from its dispatch, the quote lit.
    await page.waitForSelector('#speakers button.speaker');
    await page.check('#speakers-named');
    await page.fill('#speakers-name', speaker.s.name);
    await page.click('#speakers-form button[type=submit]');
    await until(async () => (await page.locator('#speakers button.speaker').allTextContents()).includes(speaker.s.name), `${speaker.s.name} listed`);
    // By keyboard: focus the speaker, Enter lists their quotes and moves there.
    await page.locator(`#speakers button.speaker[data-name="${speaker.s.name}"]`).focus();
    await page.keyboard.press('Enter');
    await until(async () => (await page.locator('#quotes .quote-list li').count()) === Math.min(quotes.length, 20), 'their quotes listed');
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className), 'quotes-title');
    assert.deepEqual(await page.locator('#quotes .quote-text').allTextContents(), quotes.slice(0, 20).map((q) => q.text));
    await shot('speakers');
    await page.locator('#quotes button.read-quote').first().click();
    await until(async () => (await page.locator('#reader-body .hl-evidence').allTextContents()).join('') === quotes[0].text, 'the quote lit in its dispatch');
    // Their events: the filters narrow to them.
    await page.click('#quotes button.events-of');
    await until(async () => (await page.locator('#events-table tbody tr').count()) === speaker.n, `the ${speaker.n} events attributed to ${speaker.s.name}`);
    assert.equal(await page.inputValue('#f-speaker'), speaker.s.name);

    // Exports follow the filters and are downloads.
    const href = (await page.locator('#export-events-geojson').getAttribute('href'))!;
    assert.match(href, /^\/api\/events\/export\?/);
    assert.ok(new URL(href, origin).searchParams.get('speaker') === speaker.s.name && new URL(href, origin).searchParams.get('format') === 'geojson');
    const download = await context.request.get(`${origin}${href}`);
    assert.match(download.headers()['content-disposition'], /^attachment; filename="vigie-events\.geojson"$/);
    const placedOfSpeaker = (await store.listEvents({ speaker: speaker.s.name })).items.filter((e) => e.location?.lat != null).length;
    assert.equal((await download.json()).features.length, placedOfSpeaker);
    await page.click('#filters button[type=reset]');
    await until(async () => (await page.locator('#events-table tbody tr').count()) > speaker.n, 'the filters cleared');

    // Load a page from a file: its article's text in the box, its title, day and language read; nothing of it runs.
    await page.setInputFiles('#upload-file', { name: 'crue.html', mimeType: 'text/html', buffer: Buffer.from(PAGE_HTML) });
    await until(async () => (await page.inputValue('#paste-text')).startsWith('Crue à Mopti'), 'the page text in the box');
    const loaded = await page.inputValue('#paste-text');
    assert.ok(loaded.includes('Oumar Cissé') && loaded.includes('<script>alert(3)</script>'), loaded);
    assert.ok(!/Accueil|Tous droits|__pwned/.test(loaded), 'navigation, footer and script left out');
    assert.equal(await page.inputValue('#paste-published'), '2024-08-20');
    assert.equal(await page.inputValue('#paste-lang'), 'fr');
    // Store it: the server has a token, so the desk asks for it; a wrong one is refused and stores nothing.
    const before = (await store.listDocuments()).total;
    assert.equal(await page.isDisabled('#store-it'), false);
    await page.check('#store-it');
    assert.equal(await page.isVisible('#store-token'), true);
    await page.fill('#store-token', 'not-the-token');
    await page.click('#paste-form button[type=submit]');
    await until(async () => /401|token/i.test((await page.textContent('#status')) ?? ''), 'the wrong token refused');
    assert.equal((await store.listDocuments()).total, before);
    await page.fill('#store-token', 'e2e-token');
    await page.click('#paste-form button[type=submit]');
    await until(async () => (await store.listDocuments()).total === before + 1, 'the page stored');
    const stored = (await store.listDocuments({ q: 'digues crue' })).items[0];
    assert.equal(stored.title, 'Crue à Mopti');
    assert.equal(stored.published, '2024-08-20');
    await until(async () => (await page.locator('#events-table tbody tr').count()) === Math.min((await store.listEvents({ limit: 1000 })).total, 500), 'the table reloaded with its events');
    assert.equal(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned), undefined);
    await shot('stored');

    // In English.
    await page.click('#lang-toggle');
    if ((await page.locator('html').getAttribute('lang')) !== 'en') await page.click('#lang-toggle');
    assert.equal(await page.locator('#speakers-title').textContent(), 'Who speaks');
    assert.equal(await page.locator('#paste-title').textContent(), 'Paste or load a dispatch');

    assert.deepEqual(elsewhere, [], 'no request left the machine');
    assert.deepEqual(problems, []);
  } finally {
    await desk.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
