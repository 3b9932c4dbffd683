/**
 * `htt serve --workers N` (issue 14, item 7): N server processes share the port through node:cluster, so
 * that the API uses more than one core. The primary prepares the database once (its migrations, and the
 * demonstration workspace when --demo asks for it) before it starts the workers, restarts a worker that
 * dies, and on SIGINT/SIGTERM lets each finish its requests in flight. Every worker is a whole server on
 * the same database (SQLite in WAL mode, or PostgreSQL): a write is committed before it is answered, and
 * the list snapshot is read from the database by each. What each process keeps in memory is its own (see
 * docs/SECURITY.md): sign-in throttling counts per process, a session ended or a screening decision made
 * through one worker is seen by the others within HTT_SESSION_CACHE_MS (default 1 s), and an
 * Idempotency-Key is remembered by the worker that answered it.
 */
import cluster, { type Worker } from 'node:cluster';

export interface ClusterOptions {
  workers: number;
  port?: number;
  host?: string;
  demo?: boolean;
}

/** In a worker of `htt serve --workers N`: true. */
export const isClusterWorker = (): boolean => cluster.isWorker && process.env.HTT_CLUSTER_WORKER === '1';

/**
 * The primary: prepare the database, start the workers, and resolve with a close() that stops them. Each
 * worker runs `htt serve` again (the same arguments) and starts a server without the banner or the seeding.
 */
export async function startCluster(
  options: ClusterOptions,
  out: (line: string) => void,
): Promise<{ close(): Promise<void> }> {
  const { prepareServices, defaultServices } = await import('./services.js');
  const { openRecordStore, storeLocation } = await import('../adapters/db/open-record-store.js');
  const { caseServicesFor } = await import('../app/records/context.js');
  await prepareServices();
  // migrations run once, here, before any worker opens the database
  const store = await openRecordStore();
  try {
    if (options.demo) {
      if (storeLocation().dialect === 'postgres')
        out(
          '  --demo: not seeded, the database is PostgreSQL (to seed it anyway: htt demo seed with DATABASE_URL)',
        );
      else {
        const { seedDemoWorkspace } = await import('../adapters/db/demo-workspace.js');
        const demo = await seedDemoWorkspace(
          caseServicesFor(store, defaultServices),
          process.env.HTT_DEMO_PASSWORD,
        );
        if (demo.seeded) out('  demonstration workspace seeded');
        if (demo.notes) out(demo.notes);
      }
    }
  } finally {
    await store.close();
  }

  let closing = false;
  const fork = (): Worker => cluster.fork({ HTT_CLUSTER_WORKER: '1' });
  const listening = new Promise<string>((ok) => {
    let ready = 0;
    cluster.on('listening', (_w, address) => {
      if (++ready === options.workers)
        ok(`http://${options.host ?? process.env.HOST ?? '127.0.0.1'}:${address.port}`);
    });
  });
  cluster.on('exit', (worker, code, signal) => {
    if (closing) return;
    out(`worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    fork();
  });
  for (let i = 0; i < options.workers; i++) fork();
  out(`htt server at ${await listening} (${options.workers} worker processes)`);
  return {
    close: () => {
      closing = true;
      const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      return Promise.all(
        running.map(
          (w) =>
            new Promise<void>((done) => {
              w.once('exit', () => done());
              // the worker's own SIGTERM handler finishes its requests in flight and releases the database
              w.process.kill('SIGTERM');
            }),
        ),
      ).then(() => undefined);
    },
  };
}
