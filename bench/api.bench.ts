/**
 * npm run bench:api: the server under sustained load on loopback (autocannon), POST /api/v1/screen and
 * POST /api/v1/checks, each for BENCH_SECONDS (default 60) with CONNECTIONS connections (default 10).
 * Prints throughput, p50/p99 latency and errors, beside the same work measured in-process (no HTTP) in
 * this run. Goals on a 2-core machine: >= 1,000 screening requests/s with p99 <= 20 ms and 0 errors.
 * WORKERS=N runs `htt serve --workers N` (default 1: one server process). The server's own CPU time per
 * request (from /proc, Linux) is printed too: on a shared machine it moves less than the rates do.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadDefaultScreener } from '../src/adapters/lists/default-screener.js';
import { loadRules } from '../src/adapters/regulations/load-rules.js';
import { runCheck } from '../src/app/check.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const connections = Number(process.env.CONNECTIONS ?? 10);
const workers = Number(process.env.WORKERS ?? 1);
const root = join(import.meta.dirname, '..');
const check = JSON.parse(readFileSync(join(root, 'examples/demo-check.json'), 'utf8'));
const names = [
  '哈尔滨工业大学',
  'Huawei Technologies Co., Ltd.',
  'Shenzhen Example Precision Manufacturing Co., Ltd.',
  'Beijing University of Aeronautics and Astronautics',
  'Tsinghua University',
];

const freePort = () =>
  new Promise<number>((ok) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
  });

function inProcess(label: string, ms: number, fn: (i: number) => void): number {
  for (let i = 0; i < 500; i++) fn(i);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) for (let k = 0; k < 50; k++) fn(n++);
  const rate = n / ((performance.now() - start) / 1000);
  console.log(`  in-process ${label}: ${Math.round(rate).toLocaleString('en-US')}/s`);
  return rate;
}

function run(url: string, token: string, path: string, bodies: string[], duration: number) {
  let i = 0;
  return autocannon({
    url: `${url}${path}`,
    method: 'POST',
    connections,
    duration,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (req: autocannon.Request) => ({ ...req, body: bodies[i++ % bodies.length] as string }),
      },
    ],
  });
}

/** CPU time (ms) used so far by a process and its children still running (Linux /proc; 0 elsewhere). */
function cpuMs(pid: number): number {
  const of = (p: number): number => {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      return 0;
    }
  };
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    // no /proc
  }
  return of(pid) + children.reduce((sum, c) => sum + of(c), 0);
}

async function load(url: string, token: string, path: string, bodies: string[]) {
  // 2 s of warm-up (the JIT, the lists' first use in each process), not counted
  await run(url, token, path, bodies, 2);
  const cpu0 = cpuMs(server.pid!);
  const result = await run(url, token, path, bodies, seconds);
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    total: result.requests.total,
    cpuPerRequest: (cpuMs(server.pid!) - cpu0) / Math.max(1, result.requests.total),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'htt-bench-'));
const port = await freePort();
const password = 'benchmark password 2026';
const server = spawn(
  process.execPath,
  [join(root, 'bin/htt.js'), 'serve', '--demo', '--port', String(port), '--workers', String(workers)],
  {
    env: {
      ...process.env,
      HTT_DB: join(dir, 'htt.sqlite'),
      HTT_DEMO_PASSWORD: password,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = `http://127.0.0.1:${port}`;
try {
  for (let t = 0; ; t++) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      if (t > 300) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const signIn = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'exporter@demo.htt', password }),
  });
  const { token } = (await signIn.json()) as { token: string };

  const loadAvg = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(
    `bench:api — ${workers} server process${workers > 1 ? 'es' : ''} on ${url}, ${connections} connections, ${seconds}s per route; ${cpus().length} cores, load average ${loadAvg()} (the server alone would be about 1)`,
  );
  const screen = await load(
    url,
    token,
    '/api/v1/screen',
    names.map((name) => JSON.stringify({ name })),
  );
  const checks = await load(url, token, '/api/v1/checks', [JSON.stringify(check)]);

  console.log('\nthe same work in this process, without HTTP:');
  const screener = loadDefaultScreener();
  const screenRate = inProcess('screenings', 3000, (i) =>
    screener.screen({ name: names[i % names.length] as string }),
  );
  const rules = loadRules();
  const checkRate = inProcess('checks (with screening)', 3000, () =>
    runCheck({ rules, screener, today: () => '2026-11-28' }, check),
  );

  const row = (label: string, r: Awaited<ReturnType<typeof load>>, inproc: number) =>
    console.log(
      `${label.padEnd(22)} ${Math.round(r.rps).toLocaleString('en-US').padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors} of ${r.total}  server CPU ${r.cpuPerRequest.toFixed(2)} ms/request  (in-process ${Math.round(inproc).toLocaleString('en-US')}/s; HTTP keeps ${((r.rps / inproc) * 100).toFixed(0)}%)`,
    );
  console.log('');
  row('POST /api/v1/screen', screen, screenRate);
  row('POST /api/v1/checks', checks, checkRate);
  console.log(`load average at the end: ${loadAvg()}`);
  const met = (r: Awaited<ReturnType<typeof load>>) =>
    r.rps >= 1000 && r.p99 <= 20 && r.errors === 0 ? 'met' : 'NOT met';
  console.log(
    `\ngoal (>= 1,000 req/s, p99 <= 20 ms, 0 errors): /screen ${met(screen)}, /checks ${met(checks)}`,
  );
} finally {
  server.kill('SIGTERM');
}
