/**
 * The server: the README's main job. Opens the store (embedded SQLite by default, PostgreSQL with
 * DATABASE_URL), seeds the demonstration workspace when asked (`htt serve --demo`, which `npm start` passes;
 * never unasked, never into PostgreSQL) and says which file holds its sign-ins (mode 0600, not printed),
 * loads the rules and the lists, and serves the API (and the web desk, once built) until SIGINT/SIGTERM, finishing the requests in flight before it exits.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { pino } from 'pino';
import { openRecordStore, storeLocation } from '../adapters/db/open-record-store.js';
import { createApp } from '../adapters/http/app.js';
import { seedDemoWorkspace } from '../adapters/db/demo-workspace.js';
import { caseServicesFor } from '../app/records/context.js';
import { defaultServices, prepareServices, useLiveSnapshots } from './services.js';
import { LiveSnapshots } from '../adapters/lists/live-snapshots.js';
import { defaultListsDir } from '../adapters/lists/snapshot-store.js';
import { loadScreenerAt } from '../adapters/lists/default-screener.js';
import { openJobs } from '../adapters/jobs/open-jobs.js';
import { workOn } from './worker.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  options: {
    port?: number;
    host?: string;
    quiet?: boolean;
    demo?: boolean;
    /** Print where the server is (default true; a worker of `htt serve --workers N` leaves it to the primary). */
    banner?: boolean;
  } = {},
): Promise<RunningServer> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? (options.quiet ? 'warn' : 'info') });
  await prepareServices();
  const store = await openRecordStore();
  const cases = caseServicesFor(store, defaultServices);
  cases.jobs = await openJobs(store);
  // on the embedded SQLite the server does the jobs itself (between requests, a chunk at a time); on
  // PostgreSQL the `htt worker` processes do, unless HTT_SERVER_WORKER=1
  const inProcess = (process.env.HTT_SERVER_WORKER ?? (store.dialect === 'sqlite' ? '1' : '0')) === '1';
  const worker = inProcess ? await workOn(cases) : undefined;
  const location = storeLocation();
  const rules = defaultServices.rules();
  // the list snapshot the database names, switched without a restart (htt lists update), one per request
  const live = new LiveSnapshots({
    store,
    listsDir: defaultListsDir(),
    load: loadScreenerAt,
    onError: (e) => logger.error({ err: { message: (e as Error).message } }, 'list snapshot not loaded'),
  });
  const screener = await live.resolve();
  useLiveSnapshots(live);

  // the demonstration workspace only when asked, and never into PostgreSQL (htt demo seed does that)
  const demo = !options.demo
    ? { seeded: false, notes: '' }
    : location.dialect === 'postgres'
      ? {
          seeded: false,
          notes:
            '  --demo: not seeded, the database is PostgreSQL (to seed it anyway: htt demo seed with DATABASE_URL)',
        }
      : await seedDemoWorkspace(cases, process.env.HTT_DEMO_PASSWORD);

  const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  const app = createApp({
    cases,
    logger,
    webRoot,
    trustProxy: process.env.HTT_TRUST_PROXY === '1',
    aroundRequest: (fn) => live.run(fn),
  });
  const port = options.port ?? Number(process.env.PORT ?? 8080);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const server: ServerType = await new Promise((ok) => {
    const srv = serve({ fetch: app.fetch, port, hostname: host }, () => ok(srv));
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  if (!options.quiet && options.banner !== false) {
    console.log(`htt server at ${url}`);
    console.log(
      `  web desk ${existsSync(join(webRoot, 'index.html')) ? url : '(not built: npm run build:web)'}`,
    );
    console.log(
      `  API reference ${url}/api/v1/docs · OpenAPI ${url}/api/v1/openapi.json · health ${url}/api/v1/health`,
    );
    console.log(
      `  database: ${location.dialect} ${location.where}; rules ${rules.hash}; lists ${screener?.snapshot ?? 'none loaded'}`,
    );
    if (demo.seeded) console.log('  demonstration workspace seeded');
    if (demo.notes) console.log(demo.notes);
  }
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= new Promise<void>((done) => {
      // stop accepting, finish the requests in flight, then release the database
      server.close(() => {
        useLiveSnapshots(undefined);
        void (worker ? worker.close() : cases.jobs!.queue.stop())
          .catch(() => undefined)
          .then(() => store.close())
          .then(done, done);
      });
      (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    }));
  return { url, close };
}
