/**
 * The job queue on the embedded SQLite default: no broker, the chunk table is the queue. `work` polls the
 * job store for chunks nobody holds a live lease on and runs them in this process; `enqueue` only wakes the
 * poller. Several processes on one SQLite file share the work the same way (a chunk is leased by a
 * conditional update under SQLite's write lock), and a chunk whose worker died is taken again when its lease
 * runs out.
 */
import type { ChunkRef, JobQueue, JobStore } from '../../app/ports/job-queue.js';

export class InProcessJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private stopped = false;
  private wake: (() => void) | undefined;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly store: JobStore,
    private readonly pollMs = 500,
  ) {}

  enqueue(_refs: ChunkRef[]): Promise<void> {
    this.wake?.();
    return Promise.resolve();
  }

  work(handler: (ref: ChunkRef) => Promise<void>, options: { concurrency?: number } = {}): Promise<void> {
    this.stopped = false;
    const concurrency = Math.max(1, options.concurrency ?? 1);
    for (let i = 0; i < concurrency; i++) this.loops.push(this.loop(handler, i, concurrency));
    return Promise.resolve();
  }

  private async loop(handler: (ref: ChunkRef) => Promise<void>, slot: number, slots: number): Promise<void> {
    while (!this.stopped) {
      // the database away for a moment: try again after the pause
      const refs: ChunkRef[] = await this.store.available(slots * 4).catch(() => []);
      // each slot tries the candidates from its own offset, so slots rarely race for the same chunk
      const mine = refs.slice(slot).concat(refs.slice(0, slot));
      let worked = false;
      for (const ref of mine) {
        if (this.stopped) break;
        try {
          await handler(ref);
        } catch {
          // the chunk stays pending: it is taken again when its lease runs out (the handler reports it)
        }
        worked = true;
        break;
      }
      if (!worked && !this.stopped) await this.pause();
      else await new Promise((r) => setImmediate(r)); // let requests in between chunks
    }
  }

  private pause(): Promise<void> {
    return new Promise((done) => {
      const t = setTimeout(() => {
        this.wake = undefined;
        done();
      }, this.pollMs);
      this.wake = () => {
        clearTimeout(t);
        this.wake = undefined;
        done();
      };
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await Promise.all(this.loops);
    this.loops = [];
  }
}
