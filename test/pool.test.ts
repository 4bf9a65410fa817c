// The extraction pool: budgets per document, cancelling, a bounded queue, workers that cannot
// start, and results kept in input order.
import assert from 'node:assert/strict';
import test from 'node:test';
import { DocumentFailed, ExtractionPool, PoolBusy } from '../src/pool/pool.js';
import { inOrder } from '../src/pool/ordered.js';

const SHORT = { id: 'short', lang: 'fr', text: 'Mardi, des soldats ont repoussé une attaque contre un poste près de Gao, a indiqué le ministre.' };
// About 300 KB of ordinary prose: far more than a 50 ms budget on any machine.
const LONG = {
  id: 'long',
  lang: 'fr',
  text: 'Le conseil municipal a voté jeudi un budget en hausse, a déclaré la maire devant la presse. '.repeat(3300),
};

async function failure(p: Promise<unknown>): Promise<DocumentFailed> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DocumentFailed, `expected DocumentFailed, got ${String(e)}`);
    return e;
  }
  assert.fail('the document should have failed');
}

test('a document over its time budget fails, naming itself; the next one goes through', async () => {
  const pool = new ExtractionPool({ size: 1, timeoutMs: 50 });
  try {
    const slow = await failure(pool.extract(LONG));
    assert.equal(slow.reason, 'timeout');
    assert.equal(slow.docId, 'long');
    assert.match(slow.message, /^long: .*time budget of 0\.05 s/);
    // its worker was ended; a new one takes the next document, with a budget it can meet
    const pool2 = new ExtractionPool({ size: 1, timeoutMs: 60_000 });
    try {
      const rec = await pool2.extract(SHORT);
      assert.equal(rec.id, 'short');
      assert.ok(rec.events.length >= 1);
    } finally {
      await pool2.destroy();
    }
  } finally {
    await pool.destroy();
  }
});

test('after a timeout the same pool goes on with a fresh worker', async () => {
  const pool = new ExtractionPool({ size: 1, timeoutMs: 60_000 });
  try {
    const [slow, short] = await Promise.allSettled([pool.extract(LONG, undefined, 20), pool.extract(SHORT)]);
    assert.equal(slow.status, 'rejected');
    assert.equal((slow as PromiseRejectedResult).reason.reason, 'timeout');
    assert.equal(short.status, 'fulfilled');
    assert.equal((short as PromiseFulfilledResult<{ id: string }>).value.id, 'short');
  } finally {
    await pool.destroy();
  }
});

test('cancelling: a running document stops, a waiting one never starts', async () => {
  const pool = new ExtractionPool({ size: 1, timeoutMs: 60_000 });
  try {
    const running = new AbortController();
    const waiting = new AbortController();
    const a = pool.extract(LONG, running.signal);
    const b = pool.extract({ ...SHORT, id: 'waiting' }, waiting.signal);
    waiting.abort();
    const bFail = await failure(b);
    assert.equal(bFail.reason, 'cancelled');
    running.abort();
    const aFail = await failure(a);
    assert.equal(aFail.reason, 'cancelled');
    assert.equal(pool.stats.running, 0);
    assert.equal(pool.stats.queued, 0);
  } finally {
    await pool.destroy();
  }
});

test('a full queue refuses the next document at once (PoolBusy)', async () => {
  const pool = new ExtractionPool({ size: 1, timeoutMs: 60_000, maxQueue: 1 });
  try {
    const first = failure(pool.extract(LONG));
    const second = failure(pool.extract({ ...SHORT, id: 'second' }));
    await assert.rejects(pool.extract({ ...SHORT, id: 'third' }), PoolBusy);
    await pool.destroy();
    assert.equal((await first).reason, 'closed');
    assert.equal((await second).reason, 'closed');
  } finally {
    await pool.destroy();
  }
});

test('workers that cannot even load (a memory budget too small) fail the documents with the reason, no hang', async () => {
  const pool = new ExtractionPool({ size: 1, memoryMb: 8 });
  try {
    const f = await failure(pool.extract(SHORT));
    assert.match(f.message, /^short: not processed/);
    assert.ok(f.reason === 'crash' || f.reason === 'memory', f.reason);
  } finally {
    await pool.destroy();
  }
});

test('close() lets the documents taken finish before stopping', async () => {
  const pool = new ExtractionPool({ size: 2 });
  const results = [pool.extract(SHORT), pool.extract({ ...SHORT, id: 'other' })];
  await pool.close();
  const ids = (await Promise.all(results)).map((r) => r.id);
  assert.deepEqual(ids, ['short', 'other']);
  await assert.rejects(pool.extract(SHORT), /shutting down/);
});

test('inOrder: results are taken in input order whatever order they finish in', async () => {
  async function* items() {
    for (const ms of [30, 1, 20, 0, 10]) yield ms;
  }
  const taken: number[] = [];
  await inOrder(items(), 3, (ms) => new Promise<number>((r) => setTimeout(() => r(ms), ms)), (ms) => {
    taken.push(ms);
  });
  assert.deepEqual(taken, [30, 1, 20, 0, 10]);
});
