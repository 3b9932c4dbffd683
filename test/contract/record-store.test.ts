/**
 * The record store contract (record-store.contract.ts) on every adapter: SQLite in a file, SQLite in
 * memory, and PostgreSQL when TEST_DATABASE_URL is set (scripts/with-postgres.sh starts a throwaway one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe } from 'vitest';
import { KyselyRecordStore } from '../../src/adapters/db/kysely-record-store.js';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { createTestSchema } from '../support/pg-schema.js';
import { recordStoreContract } from './record-store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'htt-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

recordStoreContract('SQLite file', async () => {
  const path = join(dir, `store-${++n}.sqlite`);
  const store = await openRecordStore({ sqlitePath: path });
  return {
    store,
    // another connection on the same file, as another process would use
    rawSql: async (statement) => {
      const db = new Database(path, { timeout: 5000 });
      try {
        db.exec(statement);
      } finally {
        db.close();
      }
    },
  };
});

recordStoreContract('SQLite :memory:', async () => {
  const store = await openRecordStore({ sqlitePath: ':memory:' });
  if (!(store instanceof KyselyRecordStore)) throw new Error('expected the Kysely store');
  return {
    store,
    // the only connection there is to an in-memory database is the store's own
    rawSql: async (statement) => {
      await sql.raw(statement).execute(store.kysely);
    },
  };
});

const pgUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!pgUrl)('PostgreSQL (TEST_DATABASE_URL)', () => {
  recordStoreContract('PostgreSQL', async () => {
    const schema = await createTestSchema(pgUrl!);
    const store = await openRecordStore({ databaseUrl: schema.url });
    return {
      store,
      openAnother: () => openRecordStore({ databaseUrl: schema.url }),
      rawSql: (statement) => schema.sql(statement),
      dispose: () => schema.drop(),
    };
  });
});
