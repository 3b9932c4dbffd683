/**
 * Jobs on both dialects (issue 14, item 6): chunks leased one worker at a time, a chunk's result written once
 * (a second completion writes nothing), jobs visible to their organisation only, and the four kinds of job
 * run to their results by workers in this process (the in-process runner on SQLite, pg-boss on PostgreSQL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJobs } from '../../src/adapters/jobs/open-jobs.js';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import type { KyselyRecordStore } from '../../src/adapters/db/kysely-record-store.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import {
  getJob,
  jobResults,
  recoverUnqueued,
  runChunk,
  startAuditVerify,
  startBatchScreen,
  startCaseFile,
  startRescreen,
  type JobView,
} from '../../src/app/jobs/jobs.js';
import { SYSTEM, type Actor, type CaseServices } from '../../src/app/records/context.js';
import { actorFor, addUser, createOrganisation } from '../../src/app/records/organisations.js';
import { addCounterparty, createTransaction } from '../../src/app/records/transactions.js';
import type { ChunkRef } from '../../src/app/ports/job-queue.js';
import { buildScreener } from '../../src/core/screening/screener.js';
import { workOn, type RunningWorker } from '../../src/main/worker.js';
import { civilEndUse, listedEntity } from '../support/fixtures.js';
import { createTestDatabase, pgBase, type TestDatabase } from '../support/pg-database.js';

const rules = loadRules();
const snapshotA = () =>
  buildScreener([listedEntity('el-1', 'Huawei Technologies Co., Ltd.')], {
    snapshot: 'test@A',
    snapshotDate: '2024-01-01',
  });

describe.each([{ name: 'SQLite' }, ...(pgBase ? [{ name: 'PostgreSQL' }] : [])])(
  'jobs on $name',
  ({ name }) => {
    let s: CaseServices;
    let db: TestDatabase | undefined;
    const workers: RunningWorker[] = [];
    const a: Record<string, Actor> = {};
    let screener = snapshotA();

    beforeAll(async () => {
      db = name === 'PostgreSQL' ? await createTestDatabase('htt_jobs') : undefined;
      const store = await openRecordStore(db ? { databaseUrl: db.url } : { sqlitePath: ':memory:' });
      s = {
        store,
        checks: { rules: () => rules, screener: () => screener, today: () => '2024-06-03' },
        now: () => new Date().toISOString(),
        config: { eusTargetDays: 20 },
      };
      s.jobs = await openJobs(store, { ...(db ? { databaseUrl: db.url } : {}), leaseSeconds: 2 });
      for (const [key, org, type, role] of [
        ['exp', 'org-exp', 'exporter', 'compliance_officer'],
        ['other', 'org-other', 'exporter', 'compliance_officer'],
        ['bis', 'org-bis', 'bis', 'bis_officer'],
        ['auditor', 'org-aud', 'auditor', 'auditor'],
      ] as const) {
        if (!(await s.store.get('organisation', org)))
          await createOrganisation(s, SYSTEM, { name: org, type }, org);
        const u = await addUser(s, SYSTEM, { name: key, email: `${key}@${org}.example`, orgId: org, role });
        a[key] = await actorFor(s, u.id);
      }
    }, 60_000);
    afterAll(async () => {
      await Promise.all(workers.map((w) => w.close()));
      await s?.jobs?.queue.stop();
      await s?.store.close();
      await db?.drop();
    });

    const untilDone = async (job: JobView, actor: Actor): Promise<JobView> => {
      for (let i = 0; i < 600; i++) {
        const j = await getJob(s, actor, job.id);
        if (j.state === 'done' || j.state === 'failed') return j;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`job ${job.id} did not finish`);
    };

    it('leases a chunk to one worker at a time and keeps its first result only', async () => {
      const job = await startBatchScreen(s, a.exp!, { names: ['Huawei Technologies', 'Example Co.'] });
      const jobs = s.jobs!;
      const ref = { jobId: job.id, chunk: 0 };
      const claimed = await jobs.store.claim(ref, 'w1', 60_000);
      expect(claimed?.input).toEqual(['Huawei Technologies', 'Example Co.']);
      expect(await jobs.store.claim(ref, 'w2', 60_000)).toBeUndefined(); // leased
      expect(await jobs.store.complete(ref, 'w1', { n: 1 }, s.now())).toBe(true);
      expect(await jobs.store.complete(ref, 'w2', { n: 2 }, s.now())).toBe(false); // done once
      expect(await jobs.store.claim(ref, 'w2', 60_000)).toBeUndefined(); // done
      expect((await jobs.store.results(job.id, 0, 10)).map((r) => r.result)).toEqual([{ n: 1 }]);
      expect(await getJob(s, a.exp!, job.id)).toMatchObject({
        state: 'done',
        chunksDone: 1,
        itemsDone: 2,
        progress: 1,
      });
    });

    it('gives a chunk to another worker once the lease of a dead one runs out', async () => {
      const job = await startBatchScreen(s, a.exp!, { names: ['Example Co.'] });
      const ref = { jobId: job.id, chunk: 0 };
      expect(await s.jobs!.store.claim(ref, 'dead', 300)).toBeDefined();
      expect(await s.jobs!.store.claim(ref, 'alive', 60_000)).toBeUndefined();
      await new Promise((r) => setTimeout(r, 400));
      expect((await s.jobs!.store.claim(ref, 'alive', 60_000))?.attempts).toBe(2);
    });

    it('shows a job to its organisation only, and through the records the audit entry of who started it', async () => {
      const job = await startBatchScreen(s, a.exp!, { names: ['Example Co.'] });
      await expect(getJob(s, a.other!, job.id)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
      await expect(jobResults(s, a.other!, job.id)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
      const entries = await s.store.auditOf([{ kind: 'job', id: job.id }]);
      expect(entries.map((e) => [e.action, e.actor, e.reason])).toEqual([
        ['job.start', a.exp!.userId, 'screen.batch'],
      ]);
    });

    it('commits a re-screening chunk with its holds: a worker killed before the commit leaves nothing, the retry does it once', async () => {
      const name = 'Kill Window Optics Co., Ltd.';
      const cp = await addCounterparty(s, a.exp!, { name, country: 'CN' });
      const tx = await createTransaction(s, a.exp!, {
        reference: 'PO-KILL-WINDOW',
        check: {
          asOf: '2024-06-03',
          destination: 'CN',
          items: [{ eccn: 'EAR99', valueUsd: 1000 }],
          parties: [{ role: 'end_user', name, country: 'CN' }],
          endUse: civilEndUse,
        },
        counterpartyIds: [cp.id],
      });
      const before = screener;
      screener = buildScreener(
        [listedEntity('el-1', 'Huawei Technologies Co., Ltd.'), listedEntity('el-kw', name)],
        { snapshot: 'test@K', snapshotDate: '2024-06-02' },
      );
      const jobs = s.jobs!;
      const completeWith = jobs.store.completeWith.bind(jobs.store);
      try {
        const job = await startRescreen(s, a.bis!);
        const rescreens = async () =>
          (await s.store.auditOf([{ kind: 'counterparty', id: cp.id }])).filter(
            (e) => e.action === 'counterparty.rescreen',
          ).length;
        expect(await rescreens()).toBe(0);
        // the worker dies after screening its chunk and writing the holds, before the commit
        jobs.store.completeWith = (ref, worker, at, work) =>
          completeWith(ref, worker, at, async (t) => {
            await work(t);
            throw new Error('killed before the commit');
          });
        await expect(runChunk(s, { jobId: job.id, chunk: 0 }, 'w-killed')).rejects.toThrow('killed');
        jobs.store.completeWith = completeWith;
        expect(await s.store.list('hold', { where: { transactionId: tx.id } })).toHaveLength(0);
        expect(await rescreens()).toBe(0);
        expect(await getJob(s, a.bis!, job.id)).toMatchObject({ chunksDone: 0 });
        // its lease runs out (2 s here): another worker does the chunks, a late third one finds them done
        await new Promise((r) => setTimeout(r, 2_100));
        for (let chunk = 0; chunk < job.chunks; chunk++) {
          expect(await runChunk(s, { jobId: job.id, chunk }, 'w-next')).toBe('done');
          expect(await runChunk(s, { jobId: job.id, chunk }, 'w-late')).toBe('skipped');
        }
        const done = await getJob(s, a.bis!, job.id);
        expect(done).toMatchObject({ state: 'done', result: { holdsOpened: 1 } });
        expect((done.result as { newHits: number }).newHits).toBeGreaterThanOrEqual(1);
        expect(await s.store.list('hold', { where: { transactionId: tx.id } })).toHaveLength(1);
        expect(await rescreens()).toBe(1);
      } finally {
        jobs.store.completeWith = completeWith;
        screener = before;
      }
    }, 30_000);

    it('enqueues, once, a job stored but never handed to the queue (its starter died in between)', async () => {
      const jobs = s.jobs!;
      const handed: ChunkRef[] = [];
      const enqueue = jobs.queue.enqueue.bind(jobs.queue);
      jobs.queue.enqueue = (refs) => {
        handed.push(...refs);
        return enqueue(refs);
      };
      try {
        // the job's rows as startJob stores them, then the process is gone before it enqueues
        const stored = (id: string, names: string[][]) =>
          jobs.store.create({
            id,
            orgId: 'org-exp',
            type: 'screen.batch',
            createdBy: a.exp!.userId,
            at: s.now(),
            params: {},
            chunks: names,
          });
        const lost = `job-lost-${name}`;
        await stored(lost, [['Example A Co.'], ['Huawei Technologies'], ['Example B Co.']]);
        // three sweeps at once (three workers starting): the job is handed over once
        const swept = await Promise.all([recoverUnqueued(s), recoverUnqueued(s), recoverUnqueued(s)]);
        expect(swept.reduce((n, x) => n + x, 0)).toBe(1);
        expect(await recoverUnqueued(s)).toBe(0);
        expect(handed.filter((r) => r.jobId === lost).map((r) => r.chunk)).toEqual([0, 1, 2]);

        // a worker's periodic sweep finds one lost while it runs, and the job runs to its results
        // (the queue of this process is shared by its workers: the worker is closed with the others, at the end)
        workers.push(await workOn(s, { id: 'w-sweep', sweepMs: 100 }));
        {
          const later = `job-lost-later-${name}`;
          await stored(later, [['Huawei Technologies Co., Ltd.']]);
          const done = await untilDone({ id: later } as JobView, a.exp!);
          expect(done).toMatchObject({ state: 'done', chunksDone: 1 });
          expect(handed.filter((r) => r.jobId === later)).toHaveLength(1);
          expect(await untilDone({ id: lost } as JobView, a.exp!)).toMatchObject({
            state: 'done',
            chunksDone: 3,
          });
        }
      } finally {
        jobs.queue.enqueue = enqueue;
      }
    }, 60_000);

    it('runs a batch screen, a re-screening, a case file and an audit verification to their results', async () => {
      workers.push(await workOn(s, { id: 'w-a' }), await workOn(s, { id: 'w-b' }));
      const names = Array.from({ length: 1234 }, (_, i) =>
        i % 100 === 0 ? 'Huawei Technologies Co., Ltd.' : `Example ${i} Co.`,
      );
      const batch = await untilDone(await startBatchScreen(s, a.exp!, { names }), a.exp!);
      expect(batch).toMatchObject({ state: 'done', chunks: 3, items: 1234, itemsDone: 1234 });
      const pages = await jobResults(s, a.exp!, batch.id, 0, 100);
      const answers = pages.chunks.flatMap(
        (c) => (c.result as { results: { query: string; hits: unknown[] }[] }).results,
      );
      expect(answers.map((x) => x.query)).toEqual(names);
      expect(answers.filter((x) => x.hits.length).length).toBe(13);

      const cp = await addCounterparty(s, a.exp!, {
        name: 'Newly Listed Precision Co., Ltd.',
        country: 'CN',
      });
      const tx = await createTransaction(s, a.exp!, {
        reference: 'PO-JOB',
        check: {
          asOf: '2024-06-03',
          destination: 'CN',
          items: [{ eccn: 'EAR99', valueUsd: 1000 }],
          parties: [{ role: 'end_user', name: 'Newly Listed Precision Co., Ltd.', country: 'CN' }],
          endUse: civilEndUse,
        },
        counterpartyIds: [cp.id],
      });
      // a list update lists the counterparty: the re-screening job opens one hold, and a second run none
      screener = buildScreener(
        [
          listedEntity('el-1', 'Huawei Technologies Co., Ltd.'),
          listedEntity('el-2', 'Newly Listed Precision Co., Ltd.'),
        ],
        { snapshot: 'test@B', snapshotDate: '2024-06-01' },
      );
      const rescreen = await untilDone(await startRescreen(s, a.bis!), a.bis!);
      expect(rescreen.result).toMatchObject({ holdsOpened: 1 });
      const again = await untilDone(await startRescreen(s, a.bis!), a.bis!);
      expect(again.result).toMatchObject({ holdsOpened: 0 });
      expect(await s.store.list('hold', { where: { transactionId: tx.id } })).toHaveLength(1);

      const cf = await untilDone(await startCaseFile(s, a.exp!, tx.id), a.exp!);
      expect(cf.result).toMatchObject({ transaction: { id: tx.id }, generatedBy: a.exp!.userId, lang: 'en' });
      // in the reader's language, as GET /transactions/{id}/case-file?lang=zh builds it
      const zh = await untilDone(await startCaseFile(s, a.exp!, tx.id, 'zh'), a.exp!);
      expect(zh.result).toMatchObject({ transaction: { id: tx.id }, lang: 'zh' });
      const { buildCaseFile } = await import('../../src/app/records/case-file.js');
      const direct = await buildCaseFile(s, a.exp!, tx.id, 'zh');
      const strip = (f: unknown) => JSON.stringify(f).replace(/"generatedAt":"[^"]*"/g, '');
      expect(strip(zh.result)).toBe(strip(direct));
      expect(strip(zh.result)).not.toBe(strip(cf.result));
      await expect(startCaseFile(s, a.other!, tx.id)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });

      const verify = await untilDone(await startAuditVerify(s, a.auditor!, true), a.auditor!);
      expect(verify.result).toMatchObject({ ok: true, records: { ok: true } });
      const raw = (s.store as KyselyRecordStore).kysely;
      const dupes = await raw
        .selectFrom('job_chunks')
        .select(['job_id', 'chunk'])
        .where('state', '=', 'done')
        .where('result', 'is', null)
        .execute();
      expect(dupes).toEqual([]);
    }, 120_000);
  },
);
