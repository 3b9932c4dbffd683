/**
 * The server: the README's main job. Opens the store (embedded SQLite by default, PostgreSQL with
 * DATABASE_URL), seeds the demonstration workspace when asked (`htt serve --demo`, which `npm start` passes;
 * never unasked) and prints its sign-ins, loads the rules and the lists, and serves the API (and the web
 * desk, once built) until SIGINT/SIGTERM, finishing the requests in flight before it exits.
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
import { defaultServices, prepareServices } from './services.js';
import { openJobs } from '../adapters/jobs/open-jobs.js';
import { workOn } from './worker.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  options: { port?: number; host?: string; quiet?: boolean; demo?: boolean } = {},
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
  const screener = defaultServices.screener();

  const demo = options.demo
    ? await seedDemoWorkspace(cases, process.env.HTT_DEMO_PASSWORD)
    : { seeded: false, notes: '' };

  const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');
  const app = createApp({ cases, logger, webRoot, trustProxy: process.env.HTT_TRUST_PROXY === '1' });
  const port = options.port ?? Number(process.env.PORT ?? 8080);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const server: ServerType = await new Promise((ok) => {
    const srv = serve({ fetch: app.fetch, port, hostname: host }, () => ok(srv));
  });
  const address = server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  if (!options.quiet) {
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
      server.close(
        () =>
          void (worker ? worker.close() : cases.jobs!.queue.stop())
            .catch(() => undefined)
            .then(() => store.close())
            .then(done, done),
      );
      (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    }));
  return { url, close };
}
