/**
 * The job services of a process on an open record store: the job store on the same database, and the queue
 * its dialect calls for (pg-boss on PostgreSQL, the in-process runner on SQLite). docs/PERSISTENCE.md, "Jobs".
 */
import type { RecordStore } from '../../app/ports/record-store.js';
import type { JobServices } from '../../app/records/context.js';
import { KyselyJobStore } from '../db/kysely-job-store.js';
import { KyselyRecordStore } from '../db/kysely-record-store.js';
import { InProcessJobQueue } from './in-process-queue.js';

/** Seconds a worker holds a chunk before another may take it (HTT_JOB_LEASE_SECONDS, default 60). */
export const leaseSeconds = (): number => Math.max(1, Number(process.env.HTT_JOB_LEASE_SECONDS ?? 60) || 60);

export async function openJobs(
  store: RecordStore,
  options: { databaseUrl?: string; leaseSeconds?: number } = {},
): Promise<JobServices> {
  if (!(store instanceof KyselyRecordStore))
    throw new Error('jobs need the Kysely record store (the job tables live in its database)');
  const jobStore = new KyselyJobStore(store.kysely, store);
  const lease = options.leaseSeconds ?? leaseSeconds();
  if (store.dialect === 'postgres') {
    const url = options.databaseUrl ?? process.env.DATABASE_URL;
    if (!url) throw new Error('the PostgreSQL job queue needs the database URL');
    const { PgBossJobQueue } = await import('./pg-boss-queue.js');
    return { store: jobStore, queue: PgBossJobQueue.create(url, lease), leaseMs: lease * 1000 };
  }
  return { store: jobStore, queue: new InProcessJobQueue(jobStore), leaseMs: lease * 1000 };
}
