/**
 * Fresh PostgreSQL schemas for tests: each gets its own schema in the TEST_DATABASE_URL database (reached
 * through search_path in the connection URL), dropped afterwards, so reruns start clean.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestSchema {
  name: string;
  /** TEST_DATABASE_URL with search_path set to the schema. */
  url: string;
  /** Run one statement in the schema. */
  sql(statement: string): Promise<void>;
  drop(): Promise<void>;
}

export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function createTestSchema(baseUrl: string, prefix = 'htt_test'): Promise<TestSchema> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create schema ${name}`);
  } finally {
    await admin.end();
  }
  const url = withSearchPath(baseUrl, name);
  return {
    name,
    url,
    async sql(statement) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    },
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`drop schema if exists ${name} cascade`);
      } finally {
        await client.end();
      }
    },
  };
}
