/**
 * The job store on Kysely, for SQLite and PostgreSQL (docs/PERSISTENCE.md, "Jobs"): jobs, their chunks and
 * the chunks' results, in the tables of migration 0002. A chunk is leased by a conditional update (pending
 * and its lease run out), and marked done with its result by a conditional update in the transaction that
 * also counts it in the job: whoever writes first wins, any later completion of the same chunk writes
 * nothing, so a result is neither lost (the chunk stays pending until a completion commits) nor doubled.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { RecordWriter } from '../../app/ports/record-store.js';
import type {
  ChunkRef,
  ClaimedChunk,
  JobInfo,
  JobState,
  JobStore,
  JobType,
  NewJob,
} from '../../app/ports/job-queue.js';
import { guard, inWriterTransaction, type KyselyRecordStore } from './kysely-record-store.js';
import type { HttDatabase, JobsTable } from './schema.js';

/** Rows per insert statement (PostgreSQL allows 65 535 parameters; a chunk row has 8). */
const INSERT_BATCH = 500;

/** Thrown inside completeWith's transaction to roll it back: another worker completed the chunk first. */
class AlreadyDone extends Error {}

export class KyselyJobStore implements JobStore {
  constructor(
    private readonly db: Kysely<HttDatabase>,
    /** The record store on the same database (completeWith writes records and the chunk together). */
    private readonly records?: KyselyRecordStore,
  ) {}

  create(job: NewJob): Promise<JobInfo> {
    return guard(() =>
      this.db.transaction().execute(async (trx) => {
        const items = job.chunks.reduce((n, c) => n + c.length, 0);
        const row: JobsTable = {
          id: job.id,
          org_id: job.orgId,
          type: job.type,
          state: 'queued',
          created_by: job.createdBy,
          created_at: job.at,
          updated_at: job.at,
          params: JSON.stringify(job.params),
          chunks: job.chunks.length,
          chunks_done: 0,
          items,
          items_done: 0,
          error: null,
          enqueued: 0,
          enqueue_lease: 0,
        };
        await trx.insertInto('jobs').values(row).execute();
        for (let i = 0; i < job.chunks.length; i += INSERT_BATCH) {
          await trx
            .insertInto('job_chunks')
            .values(
              job.chunks.slice(i, i + INSERT_BATCH).map((input, k) => ({
                job_id: job.id,
                chunk: i + k,
                state: 'pending',
                input: JSON.stringify(input),
                items: input.length,
                result: null,
                lease_until: 0,
                attempts: 0,
                done_by: null,
              })),
            )
            .execute();
        }
        return toInfo(row);
      }),
    );
  }

  get(id: string): Promise<JobInfo | undefined> {
    return guard(async () => {
      const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toInfo(row) : undefined;
    });
  }

  list(orgId: string, limit: number): Promise<JobInfo[]> {
    return guard(async () =>
      (
        await this.db
          .selectFrom('jobs')
          .selectAll()
          .where('org_id', '=', orgId)
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(limit)
          .execute()
      ).map(toInfo),
    );
  }

  claim(ref: ChunkRef, worker: string, leaseMs: number): Promise<ClaimedChunk | undefined> {
    return guard(async () => {
      const now = Date.now();
      const leased = await this.db
        .updateTable('job_chunks')
        .set({ lease_until: now + leaseMs, attempts: sql`attempts + 1`, done_by: worker })
        .where('job_id', '=', ref.jobId)
        .where('chunk', '=', ref.chunk)
        .where('state', '=', 'pending')
        .where('lease_until', '<', now)
        .returning(['input', 'attempts'])
        .executeTakeFirst();
      if (!leased) return undefined;
      const job = await this.db.selectFrom('jobs').selectAll().where('id', '=', ref.jobId).executeTakeFirst();
      if (!job || job.state === 'failed') return undefined;
      if (job.state === 'queued')
        await this.db
          .updateTable('jobs')
          .set({ state: 'running' })
          .where('id', '=', ref.jobId)
          .where('state', '=', 'queued')
          .execute();
      return {
        ...ref,
        type: job.type as JobType,
        params: JSON.parse(job.params) as Record<string, unknown>,
        createdBy: job.created_by,
        orgId: job.org_id,
        input: JSON.parse(leased.input) as unknown[],
        attempts: Number(leased.attempts),
      };
    });
  }

  complete(ref: ChunkRef, worker: string, result: unknown, at: string): Promise<boolean> {
    return guard(() => this.db.transaction().execute((trx) => completeIn(trx, ref, worker, result, at)));
  }

  async completeWith(
    ref: ChunkRef,
    worker: string,
    at: () => string,
    work: (tx: RecordWriter) => Promise<unknown>,
  ): Promise<boolean> {
    if (!this.records) throw new Error('completeWith needs the record store of the job store database');
    try {
      await this.records.transaction(async (tx) => {
        const result = await work(tx);
        const done = await inWriterTransaction(tx, (trx) => completeIn(trx, ref, worker, result, at()));
        if (!done) throw new AlreadyDone(`chunk ${ref.chunk} of ${ref.jobId} is already done`);
      });
      return true;
    } catch (e) {
      if (e instanceof AlreadyDone) return false;
      throw e;
    }
  }

  fail(ref: ChunkRef, error: string, at: string): Promise<void> {
    return guard(async () => {
      await this.db
        .updateTable('jobs')
        .set({ state: 'failed', error: `chunk ${ref.chunk}: ${error}`.slice(0, 2000), updated_at: at })
        .where('id', '=', ref.jobId)
        .where('state', '!=', 'done')
        .execute();
    });
  }

  results(jobId: string, fromChunk: number, limit: number) {
    return guard(async () =>
      (
        await this.db
          .selectFrom('job_chunks')
          .select(['chunk', 'result'])
          .where('job_id', '=', jobId)
          .where('state', '=', 'done')
          .where('chunk', '>=', fromChunk)
          .orderBy('chunk')
          .limit(limit)
          .execute()
      ).map((r) => ({ chunk: Number(r.chunk), result: JSON.parse(r.result ?? 'null') as unknown })),
    );
  }

  claimEnqueue(jobId: string, leaseMs: number): Promise<boolean> {
    return guard(async () => {
      const now = Date.now();
      const taken = await this.db
        .updateTable('jobs')
        .set({ enqueue_lease: now + leaseMs })
        .where('id', '=', jobId)
        .where('enqueued', '=', 0)
        .where('enqueue_lease', '<', now)
        .returning('id')
        .executeTakeFirst();
      return taken !== undefined;
    });
  }

  markEnqueued(jobId: string): Promise<void> {
    return guard(async () => {
      await this.db.updateTable('jobs').set({ enqueued: 1 }).where('id', '=', jobId).execute();
    });
  }

  unqueued(limit: number): Promise<string[]> {
    return guard(async () =>
      (
        await this.db
          .selectFrom('jobs')
          .select('id')
          .where('enqueued', '=', 0)
          .where('enqueue_lease', '<', Date.now())
          .where('state', 'in', ['queued', 'running'])
          .orderBy('created_at')
          .orderBy('id')
          .limit(limit)
          .execute()
      ).map((r) => r.id),
    );
  }

  pendingChunks(jobId: string): Promise<ChunkRef[]> {
    return guard(async () =>
      (
        await this.db
          .selectFrom('job_chunks')
          .select('chunk')
          .where('job_id', '=', jobId)
          .where('state', '=', 'pending')
          .orderBy('chunk')
          .execute()
      ).map((r) => ({ jobId, chunk: Number(r.chunk) })),
    );
  }

  available(limit: number): Promise<ChunkRef[]> {
    return guard(async () =>
      (
        await this.db
          .selectFrom('job_chunks')
          .innerJoin('jobs', 'jobs.id', 'job_chunks.job_id')
          .select(['job_chunks.job_id', 'job_chunks.chunk'])
          .where('job_chunks.state', '=', 'pending')
          .where('job_chunks.lease_until', '<', Date.now())
          .where('jobs.state', '!=', 'failed')
          .orderBy('jobs.created_at')
          .orderBy('job_chunks.job_id')
          .orderBy('job_chunks.chunk')
          .limit(limit)
          .execute()
      ).map((r) => ({ jobId: r.job_id, chunk: Number(r.chunk) })),
    );
  }
}

/** Mark the chunk done with its result and count it in its job, on `trx`; false if it was done already. */
async function completeIn(
  trx: Transaction<HttDatabase>,
  ref: ChunkRef,
  worker: string,
  result: unknown,
  at: string,
): Promise<boolean> {
  const done = await trx
    .updateTable('job_chunks')
    .set({ state: 'done', result: JSON.stringify(result ?? null), done_by: worker })
    .where('job_id', '=', ref.jobId)
    .where('chunk', '=', ref.chunk)
    .where('state', '=', 'pending')
    .returning('items')
    .executeTakeFirst();
  if (!done) return false;
  await trx
    .updateTable('jobs')
    .set({
      chunks_done: sql`chunks_done + 1`,
      items_done: sql`items_done + ${Number(done.items)}`,
      state: sql`case when chunks_done + 1 >= chunks then 'done' else 'running' end`,
      updated_at: at,
    })
    .where('id', '=', ref.jobId)
    .where('state', '!=', 'failed')
    .execute();
  return true;
}

function toInfo(row: JobsTable): JobInfo {
  return {
    id: row.id,
    orgId: row.org_id,
    type: row.type as JobType,
    state: row.state as JobState,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    params: JSON.parse(row.params) as Record<string, unknown>,
    chunks: Number(row.chunks),
    chunksDone: Number(row.chunks_done),
    items: Number(row.items),
    itemsDone: Number(row.items_done),
    error: row.error,
  };
}
