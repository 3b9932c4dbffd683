/**
 * Worker processes against one database, for the job kill test (bench/job-kill.ts, test/contract/
 * job-kill.test.ts) and npm run bench:jobs: start a batch-screen job of N synthetic names, run `htt worker`
 * processes (the built CLI, dist/), optionally SIGKILL random workers and start them again, wait for the
 * job, then check every chunk's answers against the input: each name answered once, in order, nothing lost
 * or doubled. Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { openRecordStore } from '../src/adapters/db/open-record-store.js';
import { openJobs } from '../src/adapters/jobs/open-jobs.js';
import { getJob, startBatchScreen, type JobView } from '../src/app/jobs/jobs.js';
import { SYSTEM, caseServicesFor } from '../src/app/records/context.js';
import { defaultServices, prepareServices } from '../src/main/services.js';
import type { KyselyRecordStore } from '../src/adapters/db/kysely-record-store.js';

const root = join(import.meta.dirname, '..');

export interface Where {
  /** PostgreSQL URL; else the SQLite file. */
  databaseUrl?: string;
  sqlitePath?: string;
}

/** Names that look like a customer master: mostly unlisted firms, some listed ones (hits to write). */
export function syntheticNames(n: number): string[] {
  const listed = [
    'Huawei Technologies Co., Ltd.',
    'Sugon',
    '哈尔滨工业大学',
    'Beijing University of Aeronautics and Astronautics',
  ];
  const cities = ['Shenzhen', 'Suzhou', 'Ningbo', 'Wuxi', 'Dongguan', 'Chengdu', 'Xiamen', 'Hefei'];
  const trades = [
    'Precision Machinery',
    'Electronic Components',
    'Optical Instruments',
    'Trading',
    'Semiconductor Materials',
  ];
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      i % 97 === 0
        ? (listed[i % listed.length] as string)
        : `${cities[i % cities.length]} ${trades[(i >> 3) % trades.length]} ${i} Co., Ltd.`,
    );
  return out;
}

function env(where: Where, leaseSeconds: number): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    HTT_JOB_LEASE_SECONDS: String(leaseSeconds),
  };
  delete e.DATABASE_URL;
  delete e.HTT_DB;
  if (where.databaseUrl) e.DATABASE_URL = where.databaseUrl;
  else e.HTT_DB = where.sqlitePath;
  return e;
}

export class WorkerPool {
  private procs = new Map<number, ChildProcess>();
  started = 0;
  killed = 0;
  constructor(
    private readonly where: Where,
    private readonly leaseSeconds: number,
  ) {}

  /** Start a worker; resolves once it says it started. */
  spawn(): Promise<number> {
    const child = spawn(process.execPath, [join(root, 'bin/htt.js'), 'worker'], {
      env: env(this.where, this.leaseSeconds),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pid = child.pid as number;
    this.procs.set(pid, child);
    this.started++;
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.on('exit', () => this.procs.delete(pid));
    return new Promise((ok, fail) => {
      // a worker that has not started in 3 minutes is reported with what it wrote to stderr
      const timer = setTimeout(() => fail(new Error(`worker ${pid} did not start: ${err}`)), 180_000);
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('started')) {
          clearTimeout(timer);
          ok(pid);
        }
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (signal !== 'SIGKILL') fail(new Error(`worker exited ${code ?? signal}: ${err}`));
        else ok(pid);
      });
    });
  }

  /** SIGKILL one live worker at random and start another in its place. */
  async killOne(): Promise<void> {
    const pids = [...this.procs.keys()];
    const pid = pids[Math.floor(Math.random() * pids.length)];
    if (pid === undefined) return;
    const child = this.procs.get(pid);
    await new Promise<void>((done) => {
      child?.once('exit', () => done());
      process.kill(pid, 'SIGKILL');
    });
    this.killed++;
    await this.spawn();
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.procs.values()].map(
        (c) =>
          new Promise<void>((done) => {
            c.once('exit', () => done());
            c.kill('SIGTERM');
          }),
      ),
    );
  }
}

export interface KillRun {
  names: number;
  workers: number;
  kills: number;
  seconds: number;
  namesPerSecond: number;
  job: JobView;
  /** Chunks taken more than once (their worker was killed holding them, or the lease ran out). */
  chunksRetaken: number;
  lost: number;
  duplicated: number;
  misordered: number;
}

/**
 * Run a batch screen of `names` names with `workers` worker processes, killing `kills` of them at random
 * moments (spread over the expected run), and check the results.
 */
export async function runBatch(options: {
  where: Where;
  names: number;
  workers: number;
  kills?: number;
  leaseSeconds?: number;
  timeoutSeconds?: number;
  log?: (s: string) => void;
}): Promise<KillRun> {
  const log = options.log ?? (() => undefined);
  const lease = options.leaseSeconds ?? 3;
  await prepareServices();
  const store = await openRecordStore(options.where);
  const cases = caseServicesFor(store, defaultServices);
  cases.jobs = await openJobs(store, {
    ...(options.where.databaseUrl ? { databaseUrl: options.where.databaseUrl } : {}),
    leaseSeconds: lease,
  });
  const pool = new WorkerPool(options.where, lease);
  try {
    const input = syntheticNames(options.names);
    // the first worker alone (it may install pg-boss's schema), then the others together
    await pool.spawn();
    await Promise.all(Array.from({ length: options.workers - 1 }, () => pool.spawn()));
    log(
      `${options.workers} workers started; starting a batch screen of ${input.length.toLocaleString('en-US')} names`,
    );
    const t0 = performance.now();
    const started = await startBatchScreen(cases, SYSTEM, { names: input });
    const kills = options.kills ?? 0;
    let job = started;
    const deadline = t0 + (options.timeoutSeconds ?? 3600) * 1000;
    while (job.state !== 'done' && job.state !== 'failed') {
      if (performance.now() > deadline)
        throw new Error(`the job did not finish in time: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 50));
      // the kills are spread over the job's progress (k / (kills + 1) of the chunks done), not over time, so a
      // fast machine finishing early cannot skip them
      if (pool.killed < kills && job.progress >= (pool.killed + 1) / (kills + 1)) {
        await pool.killOne();
        log(`kill ${pool.killed}/${kills} at ${Math.round(job.progress * 100)}%`);
      }
      job = await getJob(cases, SYSTEM, started.id);
    }
    const seconds = (performance.now() - t0) / 1000;
    // check every answer against the input: once each, in order
    const db = (store as KyselyRecordStore).kysely;
    const rows = await db
      .selectFrom('job_chunks')
      .select(['chunk', 'state', 'result', 'attempts'])
      .where('job_id', '=', started.id)
      .orderBy('chunk')
      .execute();
    let lost = 0;
    let duplicated = 0;
    let misordered = 0;
    let at = 0;
    const seen = new Map<number, number>();
    for (const row of rows) {
      if (row.state !== 'done' || row.result === null) {
        lost += 500;
        continue;
      }
      const answers = (JSON.parse(row.result) as { results: { query: string }[] }).results;
      for (const a of answers) {
        const i = at++;
        if (a.query !== input[i]) misordered++;
        seen.set(i, (seen.get(i) ?? 0) + 1);
      }
    }
    for (let i = 0; i < input.length; i++) {
      const n = seen.get(i) ?? 0;
      if (n === 0) lost++;
      if (n > 1) duplicated += n - 1;
    }
    if (at > input.length) duplicated += at - input.length;
    return {
      names: input.length,
      workers: options.workers,
      kills: pool.killed,
      seconds,
      namesPerSecond: input.length / seconds,
      job,
      chunksRetaken: rows.filter((r) => Number(r.attempts) > 1).length,
      lost,
      duplicated,
      misordered,
    };
  } finally {
    await pool.stop();
    await cases.jobs.queue.stop();
    await store.close();
  }
}
