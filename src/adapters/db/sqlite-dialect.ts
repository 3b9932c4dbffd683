/**
 * Kysely's SQLite dialect with two changes: transactions start with BEGIN IMMEDIATE (the write lock is
 * taken up front, so concurrent writers, in this process or another, queue on the busy timeout instead of
 * failing with SQLITE_BUSY when a read transaction tries to upgrade), and DDL runs inside transactions
 * (SQLite supports it), so a migration interrupted by a crash leaves nothing behind. And prepared statements
 * are kept and reused by their SQL (Kysely's driver prepares every query afresh, which was a tenth of a
 * /screen request's time: issue 14, item 7).
 */
import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Kysely,
  type SqliteDatabase,
} from 'kysely';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** How many distinct statements a connection keeps prepared (the oldest is dropped beyond it). */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely's driver sees it, with its statements kept by SQL text. A kept statement that is
 * busy (a streamed query still iterating it) is not shared: that query gets a statement of its own. SQLite
 * prepares a kept statement again by itself when the schema changes.
 */
export function withStatementCache(
  database: Database.Database,
  size = STATEMENT_CACHE_SIZE,
): SqliteDatabase & { readonly cached: number } {
  const kept = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      const found = kept.get(sql);
      if (found && !found.busy) return found;
      const statement = database.prepare(sql);
      if (!found) {
        if (kept.size >= size) kept.delete(kept.keys().next().value as string);
        kept.set(sql, statement);
      }
      return statement;
    },
    get cached() {
      return kept.size;
    },
  };
}

export function immediateSqliteDialect(database: Database.Database): Dialect {
  const connection = withStatementCache(database);
  return {
    createAdapter: () => new TransactionalDdlSqliteAdapter(),
    createDriver: () => new ImmediateSqliteDriver({ database: connection }),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
