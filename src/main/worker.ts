/**
 * `htt worker`: a process that does jobs' chunks (docs/PERSISTENCE.md, "Jobs"). Any number may run on one
 * database, with the server or without it; each takes chunks from the queue (pg-boss on PostgreSQL, the chunk
 * table on SQLite), and a worker killed at any moment loses nothing: its chunk is taken again when the lease
 * runs out, and a chunk is done once.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { openRecordStore } from '../adapters/db/open-record-store.js';
import { openJobs } from '../adapters/jobs/open-jobs.js';
import { recoverUnqueued, runChunk } from '../app/jobs/jobs.js';
import { caseServicesFor, type CaseServices } from '../app/records/context.js';
import type { RecordStore } from '../app/ports/record-store.js';
import { defaultServices, prepareServices } from './services.js';

export interface RunningWorker {
  id: string;
  close(): Promise<void>;
}

/** Seconds between recovery sweeps (HTT_JOB_SWEEP_SECONDS, default 60). */
const sweepSeconds = (): number => Math.max(1, Number(process.env.HTT_JOB_SWEEP_SECONDS ?? 60) || 60);

/**
 * Work chunks of `cases.jobs` as worker `id` until close(). On start and every `sweepMs` the recovery sweep
 * enqueues jobs that were stored but never handed to the queue (recoverUnqueued).
 */
export async function workOn(
  cases: CaseServices,
  options: {
    id?: string;
    concurrency?: number;
    sweepMs?: number;
    log?: (msg: string, extra?: object) => void;
  } = {},
): Promise<RunningWorker> {
  const jobs = cases.jobs;
  if (!jobs) throw new Error('workOn needs job services');
  const id = options.id ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 6)}`;
  await jobs.queue.work(
    async (ref) => {
      try {
        const outcome = await runChunk(cases, ref, id);
        options.log?.('chunk', { ...ref, outcome });
      } catch (e) {
        options.log?.('chunk error', { ...ref, error: (e as Error).message });
        throw e;
      }
    },
    { concurrency: options.concurrency ?? 1 },
  );
  const sweep = async () => {
    try {
      const n = await recoverUnqueued(cases);
      if (n) options.log?.('recovered unqueued jobs', { jobs: n });
    } catch (e) {
      // the database away for a moment: the next sweep tries again
      options.log?.('recovery sweep error', { error: (e as Error).message });
    }
  };
  let sweeping = sweep();
  const timer = setInterval(
    () => {
      sweeping = sweeping.then(sweep);
    },
    options.sweepMs ?? sweepSeconds() * 1000,
  );
  timer.unref();
  return {
    id,
    close: async () => {
      clearInterval(timer);
      await sweeping;
      await jobs.queue.stop();
    },
  };
}

export async function startWorker(
  options: { concurrency?: number; quiet?: boolean } = {},
): Promise<RunningWorker & { store: RecordStore }> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? (options.quiet ? 'warn' : 'info') });
  await prepareServices();
  const store = await openRecordStore();
  const cases = caseServicesFor(store, defaultServices);
  cases.jobs = await openJobs(store);
  defaultServices.screener(); // load the lists before the first chunk
  const running = await workOn(cases, {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    log: (msg, extra) => logger.debug(extra, msg),
  });
  logger.info({ worker: running.id, queue: cases.jobs.queue.kind }, 'worker started');
  return {
    id: running.id,
    store,
    close: async () => {
      await running.close();
      await store.close();
    },
  };
}
