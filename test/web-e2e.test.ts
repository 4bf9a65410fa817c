// The web UI in a real browser: the machine's Chromium driven by playwright-core, against the
// server on a free port with a temporary SQLite store holding part of the demo corpus. It filters
// by type, clicks a point on the map, reads the dispatch with its highlights, pastes a dispatch of
// its own, and checks that the page asked nothing of any other host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/server/app.js';
import { defaultWebRoot } from '../src/server/static.js';
import { openStore } from '../src/store/index.js';
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

function demoDocuments(n: number): Document[] {
  const lines = readFileSync(join(packageRoot(), 'corpus', 'demo', 'dispatches.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  return lines.slice(0, n).map((l) => JSON.parse(l) as Document);
}

test('the UI in Chromium: filter by type, click a map point, read the dispatch with its words lit, paste a dispatch; nothing leaves the machine', { timeout: 180_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it)`);
    return;
  }
  if (!existsSync(join(defaultWebRoot(), 'index.html'))) {
    t.skip('the web UI is not built (npm run build:web)');
    return;
  }
  const { chromium } = await import('playwright-core');
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

  const app = await buildApp({ store, token: '' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const requests: string[] = [];
    const elsewhere: string[] = [];
    // Anything not for this server is refused and remembered: the test fails on it below.
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
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.setViewportSize({ width: 1400, height: 1000 });
    // VIGIE_SCREENSHOTS=docs/screenshots refreshes the README's pictures from this very run.
    const shot = async (name: string) => {
      const folder = process.env.VIGIE_SCREENSHOTS;
      if (folder) await page.screenshot({ path: join(folder, `${name}.png`), fullPage: false });
    };

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
    await context.close();
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
