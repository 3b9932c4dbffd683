/**
 * A database of its own on the throwaway PostgreSQL (TEST_DATABASE_URL) for tests that open several stores
 * on one database, as several server processes would: created on demand, dropped at the end.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export const pgBase = process.env.TEST_DATABASE_URL;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgBase });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface TestDatabase {
  /** The database's URL. */
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(pgBase as string);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
