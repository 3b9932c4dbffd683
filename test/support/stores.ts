/**
 * The store adapters a suite runs against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set (each
 * store in a fresh database, dropped afterwards).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import type { RecordStore } from '../../src/app/ports/record-store.js';

export interface StoreFactory {
  name: 'sqlite' | 'postgres';
  open(): Promise<RecordStore>;
}

async function freshPostgres(base: string): Promise<RecordStore> {
  const name = `htt_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const store = await openRecordStore({ databaseUrl: url.toString() });
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      await close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  });
}

export const storeFactories: StoreFactory[] = [
  { name: 'sqlite', open: () => openRecordStore({ sqlitePath: ':memory:' }) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres' as const, open: () => freshPostgres(process.env.TEST_DATABASE_URL as string) }]
    : []),
];
