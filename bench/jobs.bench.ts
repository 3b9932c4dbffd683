/**
 * npm run bench:jobs: names per second of a batch-screen job done by 1, 2 and 4 `htt worker` processes
 * (dist/: npm run build first), BENCH_JOB_NAMES names each (default 20,000), on PostgreSQL (pg-boss) with
 * DATABASE_URL, else on a SQLite file (the in-process runner in each worker). Timed from the job's start to
 * its last chunk, the workers already started (their start-up, loading the lists, is not counted). Prints
 * the load average: on a shared machine the figures say more about the neighbours than about htt.
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { runBatch } from './job-harness.js';

const names = Number(process.env.BENCH_JOB_NAMES ?? 20_000);
const databaseUrl = process.env.DATABASE_URL;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

console.log(
  `bench:jobs: ${names.toLocaleString('en-US')} names per run on ${databaseUrl ? 'PostgreSQL (pg-boss)' : 'SQLite (in-process runner)'}, ${cpus().length} cores, load average ${load()}`,
);
const rows: string[] = [];
let one = 0;
for (const workers of [1, 2, 4]) {
  const where = databaseUrl
    ? { databaseUrl }
    : { sqlitePath: join(mkdtempSync(join(tmpdir(), 'htt-bench-jobs-')), 'htt.sqlite') };
  const r = await runBatch({ where, names, workers, timeoutSeconds: 1800 });
  if (r.lost || r.duplicated || r.misordered || r.job.state !== 'done')
    throw new Error(`wrong results with ${workers} workers: ${JSON.stringify(r)}`);
  if (workers === 1) one = r.namesPerSecond;
  rows.push(
    `  ${workers} worker${workers > 1 ? 's' : ' '}: ${Math.round(r.namesPerSecond).toLocaleString('en-US').padStart(6)} names/s (${r.seconds.toFixed(1)} s; x${(r.namesPerSecond / one).toFixed(2)} of one worker; load average ${load()})`,
  );
  console.log(rows[rows.length - 1]);
}
