/**
 * The job queue on PostgreSQL: pg-boss 10 (a maintained queue on the same database, in its own schema
 * `pgboss`; version 10 because 11 and later need Node 22). One pg-boss job per chunk reference. A worker that
 * is killed leaves its pg-boss job active until it expires (the lease), then pg-boss's maintenance fails it
 * and retries it on another worker; the job store's conditional completion makes a retried chunk that did
 * finish write nothing twice.
 */
import PgBoss from 'pg-boss';
import type { ChunkRef, JobQueue } from '../../app/ports/job-queue.js';

export const CHUNK_QUEUE = 'htt-chunks';

export class PgBossJobQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private started: Promise<void> | undefined;

  constructor(
    private readonly boss: PgBoss,
    private readonly leaseSeconds: number,
  ) {
    // a lost connection is reported on the next call; it must not crash the process
    boss.on('error', () => undefined);
  }

  static create(connectionString: string, leaseSeconds: number): PgBossJobQueue {
    const boss = new PgBoss({
      connectionString,
      max: 4,
      // expired chunks (their worker died) are failed and retried within a couple of seconds of the lease
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(leaseSeconds / 2))),
      monitorStateIntervalSeconds: 60,
    });
    return new PgBossJobQueue(boss, leaseSeconds);
  }

  private start(): Promise<void> {
    return (this.started ??= (async () => {
      await this.boss.start();
      await this.boss.createQueue(CHUNK_QUEUE, {
        name: CHUNK_QUEUE,
        retryLimit: 1000,
        retryDelay: 0,
        expireInSeconds: this.leaseSeconds,
      });
    })());
  }

  async enqueue(refs: ChunkRef[]): Promise<void> {
    await this.start();
    for (let i = 0; i < refs.length; i += 1000)
      await this.boss.insert(
        refs.slice(i, i + 1000).map((data) => ({
          name: CHUNK_QUEUE,
          data,
          retryLimit: 1000,
          retryDelay: 0,
          expireInSeconds: this.leaseSeconds,
        })),
      );
  }

  async work(
    handler: (ref: ChunkRef) => Promise<void>,
    options: { concurrency?: number } = {},
  ): Promise<void> {
    await this.start();
    const concurrency = Math.max(1, options.concurrency ?? 1);
    for (let i = 0; i < concurrency; i++)
      await this.boss.work<ChunkRef>(
        CHUNK_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: 0.5 },
        async ([job]) => {
          if (job) await handler(job.data);
        },
      );
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.started.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
