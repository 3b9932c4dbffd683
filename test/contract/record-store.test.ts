/**
 * The record store contract (record-store.contract.ts) on every adapter: SQLite in a file, SQLite in
 * memory, and PostgreSQL when TEST_DATABASE_URL is set (scripts/with-postgres.sh starts a throwaway one).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
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

describe('a database that cannot be used is DB.UNAVAILABLE', () => {
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'opened',
      (e: { code?: string }) => e.code,
    );

  it('PostgreSQL that does not answer', async () => {
    // port 1 on loopback: nothing listens there
    expect(await code(openRecordStore({ databaseUrl: 'postgres://nobody@127.0.0.1:1/htt' }))).toBe(
      'DB.UNAVAILABLE',
    );
  });

  it('a URL that is not postgres://', async () => {
    expect(await code(openRecordStore({ databaseUrl: 'mysql://x@127.0.0.1/htt' }))).toBe('DB.UNAVAILABLE');
  });

  it('a SQLite file that cannot be created', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a directory');
    expect(await code(openRecordStore({ sqlitePath: join(file, 'htt.sqlite') }))).toBe('DB.UNAVAILABLE');
  });

  it('a SQLite file another process keeps locked past the busy timeout', async () => {
    const path = join(dir, 'locked.sqlite');
    const store = await openRecordStore({ sqlitePath: path, busyTimeoutMs: 50 });
    const other = new Database(path);
    other.exec('begin immediate');
    try {
      const write = store.transaction((tx) =>
        tx.insert(
          { kind: 'organisation', id: 'o', orgIds: ['o'], state: '', data: {}, retainUntil: null },
          { actor: 'user:a', action: 'organisation.create', at: '2026-01-01T00:00:00.000Z' },
        ),
      );
      expect(await code(write)).toBe('DB.UNAVAILABLE');
    } finally {
      other.exec('rollback');
      other.close();
    }
    // and works again once the lock is gone
    await store.transaction((tx) =>
      tx.insert(
        { kind: 'organisation', id: 'o', orgIds: ['o'], state: '', data: {}, retainUntil: null },
        { actor: 'user:a', action: 'organisation.create', at: '2026-01-01T00:00:00.000Z' },
      ),
    );
    expect((await store.auditLog()).length).toBe(1);
    await store.close();
  });
});
