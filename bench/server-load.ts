// `npm run bench:server [-- --seconds S --clients N --hostile NAME --mb M]`
//
// Does the server keep answering under load and under attack? Starts `vigie serve` (the real
// launcher, a store of its own in a temporary folder), then runs two phases of S seconds each:
//   A. N clients posting ordinary dispatches (the demo corpus) to /api/extract, one after another;
//   B. the same, plus one hostile M MB document (bench/adversarial.ts) posted once, a second in.
// The server it starts gives a posted document --request-timeout ms (default 2000, so that the
// hostile document ends in its timeout rather than in a result).
// Throughout, one more client asks /api/health every 20 ms. Reported: ordinary requests/s in each
// phase and their ratio, /api/health p50/p99/max latency, what the hostile requests got (status,
// time), then the time `vigie serve` takes to exit on SIGTERM. Results also go to
// .bench/server-load.json. Not a test: figures for the closing note.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ADVERSARIAL } from './adversarial.js';
import { projectRoot } from './corpus.js';

interface Options { seconds: number; clients: number; hostile: string; mb: number; requestTimeoutMs: number }

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { seconds: 20, clients: 20, hostile: 'one-line-prose', mb: 1, requestTimeoutMs: 2000 };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case '--seconds': o.seconds = Number(v); i++; break;
      case '--clients': o.clients = Number(v); i++; break;
      case '--hostile': o.hostile = String(v); i++; break;
      case '--mb': o.mb = Number(v); i++; break;
      case '--request-timeout': o.requestTimeoutMs = Number(v); i++; break;
      default: throw new Error(`unknown option ${argv[i]} (options: --seconds S --clients N --hostile NAME --mb M --request-timeout MS)`);
    }
  }
  return o;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] : 0;
};

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const root = projectRoot();
  const hostile = ADVERSARIAL.find((a) => a.name === opts.hostile);
  if (!hostile) throw new Error(`no adversarial input ${opts.hostile}`);
  const docs = readFileSync(path.join(root, 'corpus', 'demo', 'dispatches.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; text: string; lang?: string; published?: string });
  const hostileBody = JSON.stringify({ id: `hostile-${hostile.name}`, text: hostile.make(opts.mb * 1e6), lang: hostile.lang });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigie-load-'));
  const port = 21000 + Math.floor(Math.random() * 20000);
  const server = spawn(process.execPath, ['--no-regexp-tier-up', path.join(root, 'bin', 'vigie.js'), 'serve', '--port', String(port)], {
    env: { ...process.env, VIGIE_DATABASE_URL: `sqlite:${path.join(dir, 'load.db')}`, VIGIE_REQUEST_TIMEOUT_MS: String(opts.requestTimeoutMs) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  server.stderr.on('data', (b) => (log += b));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300 && !/serving/.test(log); i++) await sleep(100);
  if (!/serving/.test(log)) throw new Error(`the server did not start:\n${log}`);

  const post = async (body: string) => {
    const t = performance.now();
    const res = await fetch(`${base}/api/extract`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = await res.text();
    const detail = res.status === 200 ? '' : String((JSON.parse(answer) as { detail?: string }).detail ?? answer.slice(0, 200));
    return { status: res.status, ms: performance.now() - t, detail };
  };

  // warm the pool's workers (they load the gazetteer on start)
  await Promise.all(Array.from({ length: os.availableParallelism() * 2 }, (_, i) => post(JSON.stringify(docs[i % docs.length]))));

  async function phase(withHostile: boolean) {
    const end = performance.now() + opts.seconds * 1000;
    let ordinary = 0;
    const statuses: Record<number, number> = {};
    const health: number[] = [];
    const hostileRuns: { status: number; ms: number; detail: string }[] = [];
    const client = async (k: number) => {
      for (let i = k; performance.now() < end; i += opts.clients) {
        const r = await post(JSON.stringify({ ...docs[i % docs.length], id: `load-${k}-${i}` }));
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 200) ordinary++;
      }
    };
    const healthClient = async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const res = await fetch(`${base}/api/health`);
        await res.arrayBuffer();
        health.push(performance.now() - t);
        await sleep(20);
      }
    };
    // One hostile request, sent once the ordinary load runs.
    const hostileClient = async () => {
      await sleep(1000);
      const r = await post(hostileBody);
      hostileRuns.push({ status: r.status, ms: Math.round(r.ms), detail: r.detail });
    };
    const t = performance.now();
    await Promise.all([...Array.from({ length: opts.clients }, (_, k) => client(k)), healthClient(), ...(withHostile ? [hostileClient()] : [])]);
    const seconds = (performance.now() - t) / 1000;
    return {
      ordinaryPerSecond: Math.round((ordinary / seconds) * 10) / 10,
      statuses,
      health: { n: health.length, p50: Math.round(pct(health, 0.5)), p99: Math.round(pct(health, 0.99)), max: Math.round(Math.max(0, ...health)) },
      hostile: withHostile ? hostileRuns : undefined,
    };
  }

  const a = await phase(false);
  const b = await phase(true);
  const t = performance.now();
  const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
  server.kill('SIGTERM');
  const code = await Promise.race([exited, sleep(10_000).then(() => 'still running' as const)]);
  const sigtermMs = Math.round(performance.now() - t);
  if (code === 'still running') server.kill('SIGKILL');

  const result = {
    generatedAt: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.availableParallelism(), node: process.version },
    options: opts,
    ordinary: a,
    underAttack: b,
    throughputKept: Math.round((b.ordinaryPerSecond / Math.max(0.001, a.ordinaryPerSecond)) * 100) / 100,
    sigterm: { exitCode: code, ms: sigtermMs },
  };
  const lines = [
    `  clients ${opts.clients}, ${opts.seconds} s per phase, request timeout ${opts.requestTimeoutMs} ms, hostile: ${hostile.name} ${opts.mb} MB (${hostile.about})`,
    `  ordinary requests/s        ${a.ordinaryPerSecond}  →  under attack ${b.ordinaryPerSecond}  (kept ${Math.round(result.throughputKept * 100)} %)`,
    `  /api/health p50/p99/max    ${a.health.p50}/${a.health.p99}/${a.health.max} ms  →  under attack ${b.health.p50}/${b.health.p99}/${b.health.max} ms`,
    `  statuses                   ${JSON.stringify(a.statuses)}  →  ${JSON.stringify(b.statuses)}`,
    `  hostile requests           ${(b.hostile ?? []).map((h) => `${h.status} in ${h.ms} ms${h.detail ? ` (${h.detail})` : ''}`).join(', ') || 'none finished'}`,
    `  SIGTERM                    exit ${code} after ${sigtermMs} ms`,
  ];
  console.log(lines.join('\n'));
  console.log(JSON.stringify(result));
  const out = path.join(root, '.bench');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'server-load.json'), JSON.stringify(result, null, 2) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
