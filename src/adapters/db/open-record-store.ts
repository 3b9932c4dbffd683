/**
 * Opening the record store: PostgreSQL when a database URL is given (option or DATABASE_URL), else SQLite
 * in a file (option, HTT_DB, or .htt/htt.sqlite under the working directory). Runs the migrations, then
 * returns the store. docs/PERSISTENCE.md explains the choices.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import type { RecordStore } from '../../app/ports/record-store.js';
import { HttError } from '../../core/errors.js';
import { KyselyRecordStore, asDbError } from './kysely-record-store.js';
import { migrationProvider } from './migrations.js';
import type { HttDatabase } from './schema.js';
import { immediateSqliteDialect } from './sqlite-dialect.js';

export interface OpenRecordStoreOptions {
  /** postgres://... ; default: DATABASE_URL. When set, PostgreSQL is used. */
  databaseUrl?: string;
  /** SQLite file, or ":memory:"; default: HTT_DB, else .htt/htt.sqlite under the working directory. */
  sqlitePath?: string;
  /** Milliseconds a writer waits for another's lock before DB.UNAVAILABLE (default 10 000). */
  busyTimeoutMs?: number;
}

export const DEFAULT_SQLITE_PATH = '.htt/htt.sqlite';

/** Where the store would be opened, without opening it (for messages). */
export function storeLocation(options: OpenRecordStoreOptions = {}): {
  dialect: 'sqlite' | 'postgres';
  where: string;
} {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (url) return { dialect: 'postgres', where: redact(url) };
  const path = options.sqlitePath ?? process.env.HTT_DB ?? DEFAULT_SQLITE_PATH;
  return { dialect: 'sqlite', where: path === ':memory:' ? path : resolve(path) };
}

export async function openRecordStore(options: OpenRecordStoreOptions = {}): Promise<RecordStore> {
  const busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  let db: Kysely<HttDatabase>;
  let dialect: 'sqlite' | 'postgres';
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new HttError({
        code: 'DB.UNAVAILABLE',
        message: `DATABASE_URL must be a postgres:// URL, not ${redact(url)}`,
      });
    }
    // loaded only when PostgreSQL is used: SQLite users (and the CLI's start-up) do not pay for it
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: busyTimeoutMs,
    });
    // An idle client losing its connection must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    db = new Kysely<HttDatabase>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
  } else {
    const path = options.sqlitePath ?? process.env.HTT_DB ?? DEFAULT_SQLITE_PATH;
    db = new Kysely<HttDatabase>({ dialect: immediateSqliteDialect(openSqlite(path, busyTimeoutMs)) });
    dialect = 'sqlite';
  }
  try {
    // On PostgreSQL the migration tables are named with the current schema: Kysely otherwise finds them by
    // name in any schema of the database and would skip creating them in ours.
    const migrationTableSchema =
      dialect === 'postgres'
        ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
        : undefined;
    const { error } = await new Migrator({
      db,
      provider: migrationProvider,
      ...(migrationTableSchema ? { migrationTableSchema } : {}),
    }).migrateToLatest();
    if (error) throw error;
  } catch (e) {
    await db.destroy().catch(() => undefined);
    const mapped = asDbError(e);
    if (mapped instanceof HttError) throw mapped;
    throw new HttError({
      code: 'DB.UNAVAILABLE',
      message: `the database could not be migrated: ${(e as Error)?.message ?? String(e)}`,
    });
  }
  return new KyselyRecordStore(db, dialect);
}

/**
 * A better-sqlite3 connection set up for records that must survive a crash:
 * - journal_mode=WAL: readers do not block the writer, and a commit is one append to the WAL;
 * - synchronous=FULL: the WAL is fsynced at every commit, so a committed transaction survives power loss
 *   and OS crashes, not only the process being killed (NORMAL would be safe against SIGKILL but could lose
 *   the last commits on power loss: not acceptable for Part 762 records and their audit log);
 * - busy_timeout: a writer waits for another's lock instead of failing at once;
 * - foreign_keys=ON;
 * - the file, its -wal and its -shm are mode 0600 (ownerOnly).
 */
function openSqlite(path: string, busyTimeoutMs: number): Database.Database {
  try {
    if (path !== ':memory:') ownerOnly(path);
    const database = new Database(path, { timeout: busyTimeoutMs });
    database.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
    if (path !== ':memory:') {
      database.pragma('journal_mode = WAL');
      // SQLite gives its -wal and -shm files the database file's mode; older ones are narrowed here too
      for (const side of ['-wal', '-shm']) if (existsSync(path + side)) chmodSync(path + side, 0o600);
    }
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    return database;
  } catch (e) {
    throw new HttError({
      code: 'DB.UNAVAILABLE',
      message: `cannot open the SQLite database ${path}: ${(e as Error).message}`,
    });
  }
}

/**
 * The records are trade secrets and personal data: the database file (and so its -wal and -shm, which SQLite
 * creates with the file's mode) is readable by its owner only, whatever the umask; a new directory too.
 */
function ownerOnly(path: string): void {
  const dir = dirname(resolve(path));
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
