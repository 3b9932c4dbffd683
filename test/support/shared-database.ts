/**
 * One database shared by several server processes, as the tests of cross-process behaviour need it
 * (idempotency keys, throttling): each dialect opens a fresh database (a SQLite file in a temporary directory,
 * or a PostgreSQL database when TEST_DATABASE_URL is set) and hands out a store opener, so each simulated
 * process gets its own store and connection on it. Stores and databases are closed and removed after the file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { createApp, type HttpDeps } from '../../src/adapters/http/app.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import type { RecordStore } from '../../src/app/ports/record-store.js';
import type { CaseServices } from '../../src/app/records/context.js';
import { seedDemo } from '../../src/app/records/demo.js';
import { createTestDatabase, pgBase } from './pg-database.js';

export interface SharedDialect {
  name: 'SQLite' | 'PostgreSQL';
  /** False when no PostgreSQL is there to test on (describe.skipIf(!d.available)). */
  available: boolean;
  /** A fresh database; the function opens one more store (one more "process") on it. */
  open(): Promise<() => Promise<RecordStore>>;
}

/** The two dialects, each database named after `prefix`; everything opened is closed after the test file. */
export function sharedDialects(prefix: string): SharedDialect[] {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  const tracked = (open: () => Promise<RecordStore>) => async () => {
    const store = await open();
    cleanups.push(() => store.close());
    return store;
  };
  return [
    {
      name: 'SQLite',
      available: true,
      open: () => {
        const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
        cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
        const sqlitePath = join(dir, 'htt.db');
        return Promise.resolve(tracked(() => openRecordStore({ sqlitePath })));
      },
    },
    {
      name: 'PostgreSQL',
      available: Boolean(pgBase),
      open: async () => {
        const db = await createTestDatabase(prefix.replace(/-/g, '_'));
        cleanups.push(() => db.drop());
        return tracked(() => openRecordStore({ databaseUrl: db.url }));
      },
    },
  ];
}

const rules = loadRules();

/** One server process on the shared database: its own store, the demo workspace seeded when asked. */
export async function serverOn(
  openStore: () => Promise<RecordStore>,
  options: { seedPassword?: string; app?: Partial<HttpDeps> } = {},
) {
  const store = await openStore();
  const cases: CaseServices = {
    store,
    checks: { rules: () => rules, screener: () => undefined, today: () => '2026-11-28' },
    now: () => new Date().toISOString(),
    config: { eusTargetDays: 20 },
  };
  if (options.seedPassword) await seedDemo(cases, options.seedPassword);
  return { store, app: createApp({ cases, logger: pino({ level: 'silent' }), ...options.app }) };
}
