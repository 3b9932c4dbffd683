/**
 * The demonstration workspace only when asked (issue 14): `htt demo seed` and `htt serve --demo` seed an
 * empty SQLite database, `htt serve` never does, `--demo` never seeds PostgreSQL; the sign-ins go to a file
 * readable by its owner only, never to stdout.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { main } from '../../src/main/cli.js';
import { startServer } from '../../src/main/server.js';

const tmp = mkdtempSync(join(tmpdir(), 'htt-demo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const PASSWORD = 'demo seed passphrase 2026';

async function organisations(db: string): Promise<number> {
  const store = await openRecordStore({ sqlitePath: db });
  try {
    return (await store.list('organisation')).length;
  } finally {
    await store.close();
  }
}

/** Run with environment variables set for the call; stdout and stderr captured. */
async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

describe('the demonstration workspace', () => {
  it('htt demo seed writes the sign-ins to a 0600 file and prints no password', async () => {
    const db = join(tmp, 'seed', 'htt.sqlite');
    const out: string[] = [];
    const code = await withEnv({ HTT_DB: db, HTT_DEMO_PASSWORD: PASSWORD, DATABASE_URL: '' }, () =>
      main(['node', 'htt', 'demo', 'seed'], { out: (s) => out.push(s), err: (s) => out.push(s) }),
    );
    expect(code).toBe(0);
    const file = join(tmp, 'seed', 'demo-sign-ins.txt');
    expect(out.join('\n')).toContain(file);
    expect(out.join('\n')).not.toContain(PASSWORD);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`admin@demo\\.htt\\s+${PASSWORD}`));
    expect(await organisations(db)).toBeGreaterThan(5);
    // a second seed changes nothing and says where the sign-ins are
    const again: string[] = [];
    await withEnv({ HTT_DB: db, DATABASE_URL: '' }, () =>
      main(['node', 'htt', 'demo', 'seed'], { out: (s) => again.push(s), err: (s) => again.push(s) }),
    );
    expect(again.join('\n')).toMatch(/already has organisations: nothing seeded/);
    expect(again.join('\n')).not.toContain(PASSWORD);
  }, 60_000);

  it('htt serve seeds only with --demo, and prints where the sign-ins are, not the passwords', async () => {
    const plain = join(tmp, 'plain.sqlite');
    const logs: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void logs.push(a.join(' '));
    try {
      await withEnv({ HTT_DB: plain, HTT_DEMO_PASSWORD: PASSWORD, DATABASE_URL: '' }, async () => {
        await (await startServer({ port: 0 })).close();
      });
      expect(await organisations(plain)).toBe(0);
      const demo = join(tmp, 'demo', 'htt.sqlite');
      await withEnv({ HTT_DB: demo, HTT_DEMO_PASSWORD: PASSWORD, DATABASE_URL: '' }, async () => {
        await (await startServer({ port: 0, demo: true })).close();
      });
      expect(await organisations(demo)).toBeGreaterThan(5);
      expect(logs.join('\n')).toContain(
        `users) in ${join(tmp, 'demo', 'demo-sign-ins.txt')}, readable by you only`,
      );
      expect(logs.join('\n')).not.toContain(PASSWORD);
    } finally {
      console.log = log;
    }
  }, 60_000);

  it.runIf(process.env.TEST_DATABASE_URL)(
    'htt serve --demo never seeds PostgreSQL',
    async () => {
      const base = process.env.TEST_DATABASE_URL as string;
      const name = `htt_demo_${process.pid}_${Date.now() % 100000}`;
      const pg = (await import('pg')).default;
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(base);
      url.pathname = `/${name}`;
      const logs: string[] = [];
      const log = console.log;
      console.log = (...a: unknown[]) => void logs.push(a.join(' '));
      try {
        await withEnv({ DATABASE_URL: url.toString(), HTT_DEMO_PASSWORD: PASSWORD }, async () => {
          await (await startServer({ port: 0, demo: true })).close();
        });
        expect(logs.join('\n')).toContain('--demo: not seeded, the database is PostgreSQL');
        const store = await openRecordStore({ databaseUrl: url.toString() });
        expect(await store.list('organisation')).toEqual([]);
        await store.close();
      } finally {
        console.log = log;
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    },
    60_000,
  );
});
