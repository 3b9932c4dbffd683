/**
 * The job kill test (issue 14, item 6): a batch screen of KILL_NAMES names (default 1,000,000) done by
 * KILL_WORKERS `htt worker` processes (default 2), of which KILL_COUNT (default 20) are SIGKILLed at random
 * moments and started again; then every answer is checked against the input: none lost, none doubled, all in
 * order. On PostgreSQL with DATABASE_URL (pg-boss), else on a SQLite file in a temporary directory.
 *   npm run build && DATABASE_URL=postgres://... npx tsx bench/job-kill.ts
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from './job-harness.js';

const names = Number(process.env.KILL_NAMES ?? 1_000_000);
const workers = Number(process.env.KILL_WORKERS ?? 2);
const kills = Number(process.env.KILL_COUNT ?? 20);
const databaseUrl = process.env.DATABASE_URL;
const where = databaseUrl
  ? { databaseUrl }
  : { sqlitePath: join(mkdtempSync(join(tmpdir(), 'htt-kill-')), 'htt.sqlite') };

const r = await runBatch({
  where,
  names,
  workers,
  kills,
  leaseSeconds: Number(process.env.HTT_JOB_LEASE_SECONDS ?? 5),
  log: (s) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${s}`),
});
console.log(
  `job kill test on ${databaseUrl ? 'PostgreSQL (pg-boss)' : 'SQLite (in-process runner)'}: ${r.names.toLocaleString('en-US')} names, ${r.workers} workers, ${r.kills} kills -9, ${r.seconds.toFixed(1)} s (${Math.round(r.namesPerSecond)} names/s, load average ${(
    await import('node:os')
  )
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')})`,
);
console.log(
  `  job ${r.job.state}: ${r.job.chunksDone}/${r.job.chunks} chunks, ${r.job.itemsDone} items; chunks taken again ${r.chunksRetaken}; lost ${r.lost}, duplicated ${r.duplicated}, out of order ${r.misordered}`,
);
process.exit(
  r.job.state === 'done' && r.lost === 0 && r.duplicated === 0 && r.misordered === 0 && r.kills === kills
    ? 0
    : 1,
);
