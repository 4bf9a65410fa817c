// A server that always answers: extraction in the pool, budgets, a bounded queue, user search
// expressions that cannot hurt, and a clean stop on SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/server/app.js';
import { openStore } from '../src/store/index.js';
import { ExtractionPool } from '../src/pool/pool.js';

const SHORT = 'Mardi, des soldats ont repoussé une attaque contre un poste près de Gao, a indiqué le ministre.';
const LONG = 'Le conseil municipal a voté jeudi un budget en hausse, a déclaré la maire devant la presse. '.repeat(3300);

async function appWith(pool: ExtractionPool) {
  const store = await openStore('sqlite::memory:');
  return buildApp({ store, pool });
}

test('/api/health answers while a long document is being extracted', async () => {
  const pool = new ExtractionPool({ size: 1, timeoutMs: 60_000 });
  const app = await appWith(pool);
  try {
    const long = app.inject({ method: 'POST', url: '/api/extract', payload: { id: 'long', text: LONG } });
    let longDone = false;
    void long.then(() => (longDone = true));
    await new Promise((r) => setTimeout(r, 50));
    const health = await app.inject({ url: '/api/health' });
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().ok, true);
    assert.equal(longDone, false, 'health waited for the extraction');
    assert.equal((await long).statusCode, 200);
  } finally {
    await app.close();
    await pool.destroy();
  }
});

test('a posted document over its time budget: 422 problem+json naming it; the next request is served', async () => {
  const pool = new ExtractionPool({ size: 1, timeoutMs: 50 });
  const app = await appWith(pool);
  try {
    const res = await app.inject({ method: 'POST', url: '/api/extract', payload: { id: 'too-long', text: LONG } });
    assert.equal(res.statusCode, 422);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    const body = res.json();
    assert.equal(body.status, 422);
    assert.match(body.detail, /^too-long: .*time budget/);
  } finally {
    await app.close();
    await pool.destroy();
  }
  const pool2 = new ExtractionPool({ size: 1 });
  const app2 = await appWith(pool2);
  try {
    const ok = await app2.inject({ method: 'POST', url: '/api/extract', payload: { id: 'short', text: SHORT } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.json().id, 'short');
  } finally {
    await app2.close();
    await pool2.destroy();
  }
});

test('a full queue: 503 with Retry-After, at once', async () => {
  const pool = new ExtractionPool({ size: 1, timeoutMs: 60_000, maxQueue: 0 });
  const app = await appWith(pool);
  try {
    const busy = app.inject({ method: 'POST', url: '/api/extract', payload: { id: 'busy', text: LONG } });
    await new Promise((r) => setTimeout(r, 20));
    const refused = await app.inject({ method: 'POST', url: '/api/extract', payload: { id: 'refused', text: SHORT } });
    assert.equal(refused.statusCode, 503);
    assert.ok(Number(refused.headers['retry-after']) > 0);
    assert.match(refused.json().detail, /queue full/);
    await pool.destroy();
    await busy;
  } finally {
    await app.close();
    await pool.destroy();
  }
});

test('raw search expressions: syntax errors and unbounded ones are 400s with the reason, never 500s', async () => {
  const pool = new ExtractionPool({ size: 1 });
  const app = await appWith(pool);
  try {
    const prefixes = Array.from({ length: 20 }, (_, i) => `mot${i}*`).join(' OR ');
    for (const q of ['=*', '="', '=a:b:c', '=(((', '=NEAR(', `=${prefixes}`, '=a*', '=' + 'x '.repeat(40)]) {
      const res = await app.inject({ url: `/api/documents?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, 400, `${q}: ${res.body}`);
      assert.match(res.json().error, /search/, q);
    }
    const fine = await app.inject({ url: `/api/documents?q=${encodeURIComponent('=conseil OR budg*')}` });
    assert.equal(fine.statusCode, 200);
  } finally {
    await app.close();
    await pool.destroy();
  }
});

test('vigie serve stops on SIGTERM within 5 s, exit code 0', async () => {
  const bin = fileURLToPath(new URL('../../bin/vigie.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'vigie-sigterm-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port)], {
    env: { ...process.env, VIGIE_DATABASE_URL: `sqlite:${join(dir, 'v.db')}` }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  for (let i = 0; i < 200 && !/serving/.test(err); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(err, /serving/, err);
  const health = await fetch(`http://127.0.0.1:${port}/api/health`);
  assert.equal(health.status, 200);
  const t = Date.now();
  child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 8000))]);
  if (code === 'late') child.kill('SIGKILL');
  assert.equal(code, 0, err);
  assert.ok(Date.now() - t < 5000, `took ${Date.now() - t} ms`);
});
