/**
 * Heavy work as jobs (issue 14, item 6): a batch screen, a re-screening after a list update, a case file, an
 * audit verification. A job is cut into chunks when it starts; any number of worker processes on one database
 * take chunks, and each chunk's result is written in the same database transaction that marks it done, once
 * (a chunk done twice by two workers, or again after a worker was killed, keeps the first result only).
 *
 * Two ports: `JobStore` keeps jobs, chunks and results in the database (one adapter on Kysely for SQLite and
 * PostgreSQL), and `JobQueue` hands chunk references to workers (pg-boss on PostgreSQL; an in-process runner
 * that polls the chunk table on the embedded SQLite default). docs/PERSISTENCE.md, "Jobs".
 */

import type { RecordWriter } from './record-store.js';

export const jobTypes = ['screen.batch', 'lists.rescreen', 'case_file.build', 'audit.verify'] as const;
export type JobType = (typeof jobTypes)[number];
export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface ChunkRef {
  jobId: string;
  chunk: number;
}

export interface JobInfo {
  id: string;
  orgId: string;
  type: JobType;
  state: JobState;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  params: Record<string, unknown>;
  chunks: number;
  chunksDone: number;
  items: number;
  itemsDone: number;
  error: string | null;
}

export interface NewJob {
  id: string;
  orgId: string;
  type: JobType;
  createdBy: string;
  at: string;
  params: Record<string, unknown>;
  /** The items of each chunk, in order (chunk 0, 1, ...). */
  chunks: unknown[][];
}

export interface ClaimedChunk extends ChunkRef {
  type: JobType;
  params: Record<string, unknown>;
  createdBy: string;
  orgId: string;
  input: unknown[];
  attempts: number;
}

export interface JobStore {
  /** The job, its chunks and their inputs, in one transaction. */
  create(job: NewJob): Promise<JobInfo>;
  get(id: string): Promise<JobInfo | undefined>;
  list(orgId: string, limit: number): Promise<JobInfo[]>;
  /**
   * Lease a pending chunk for `leaseMs` if nobody holds a live lease on it; undefined when it is done, leased
   * by another worker or its job failed.
   */
  claim(ref: ChunkRef, worker: string, leaseMs: number): Promise<ClaimedChunk | undefined>;
  /**
   * Mark the chunk done with its result and count it in the job, in one transaction; false (and nothing
   * written) if it was already done, by this worker or another.
   */
  complete(ref: ChunkRef, worker: string, result: unknown, at: string): Promise<boolean>;
  /**
   * Run `work` and mark the chunk done with its result in one database transaction with the records `work`
   * writes: a worker killed before the commit leaves nothing of the chunk, and if another worker completed it
   * first, `work`'s writes are rolled back and the answer is false.
   */
  completeWith(
    ref: ChunkRef,
    worker: string,
    at: () => string,
    work: (tx: RecordWriter) => Promise<unknown>,
  ): Promise<boolean>;
  /** The job failed for good (a chunk's input can never succeed); chunks stop being handed out. */
  fail(ref: ChunkRef, error: string, at: string): Promise<void>;
  /** Results of done chunks in chunk order, from `fromChunk`. */
  results(jobId: string, fromChunk: number, limit: number): Promise<{ chunk: number; result: unknown }[]>;
  /**
   * Take the job's hand-over to the queue for `leaseMs`: true for exactly one caller while the job is not yet
   * marked enqueued and nobody else holds the hand-over (a hand-over whose process died is taken again after
   * its lease).
   */
  claimEnqueue(jobId: string, leaseMs: number): Promise<boolean>;
  /** The job's chunks were handed to the queue. */
  markEnqueued(jobId: string): Promise<void>;
  /** Jobs stored but not handed to the queue (their starter died between the two), oldest first. */
  unqueued(limit: number): Promise<string[]>;
  /** The job's chunks not yet done. */
  pendingChunks(jobId: string): Promise<ChunkRef[]>;
  /** Pending chunks that no live lease holds, oldest job first (how the in-process runner finds work). */
  available(limit: number): Promise<ChunkRef[]>;
}

export interface JobQueue {
  readonly kind: 'pg-boss' | 'in-process';
  /** Hand these chunks to workers. */
  enqueue(refs: ChunkRef[]): Promise<void>;
  /** Work chunks as they come with `handler`, `concurrency` at a time, until stop(). */
  work(handler: (ref: ChunkRef) => Promise<void>, options?: { concurrency?: number }): Promise<void>;
  stop(): Promise<void>;
}
