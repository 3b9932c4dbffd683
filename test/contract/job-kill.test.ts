/**
 * The job kill test, small (issue 14, item 6): a 20,000-name batch screen done by two `htt worker` processes
 * (dist/: run npm run build first), two of them SIGKILLed while they work and started again; every name is
 * answered once, in order, none lost. On SQLite (in-process runner) and, with TEST_DATABASE_URL, on
 * PostgreSQL (pg-boss). bench/job-kill.ts runs the large version.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../bench/job-harness.js';
import { createTestDatabase, pgBase } from '../support/pg-database.js';

const cases = [{ name: 'SQLite', pg: false }, ...(pgBase ? [{ name: 'PostgreSQL', pg: true }] : [])];

describe.each(cases)('jobs survive kill -9 of workers on $name', ({ pg }) => {
  it('answers each of 20,000 names once, in order, through 2 kills', async () => {
    const db = pg ? await createTestDatabase('htt_jobkill') : undefined;
    try {
      const r = await runBatch({
        where: db
          ? { databaseUrl: db.url }
          : { sqlitePath: join(mkdtempSync(join(tmpdir(), 'htt-jk-')), 'h.sqlite') },
        names: 20_000,
        workers: 2,
        kills: 2,
        leaseSeconds: 2,
        timeoutSeconds: 240,
      });
      console.log(
        `${pg ? 'PostgreSQL' : 'SQLite'}: ${r.names} names, ${r.kills} kills, ${r.seconds.toFixed(1)} s, chunks taken again ${r.chunksRetaken}`,
      );
      expect(r.job).toMatchObject({
        state: 'done',
        chunks: 40,
        chunksDone: 40,
        items: 20_000,
        itemsDone: 20_000,
      });
      expect({ lost: r.lost, duplicated: r.duplicated, misordered: r.misordered, kills: r.kills }).toEqual({
        lost: 0,
        duplicated: 0,
        misordered: 0,
        kills: 2,
      });
    } finally {
      await db?.drop();
    }
  }, 300_000);
});
