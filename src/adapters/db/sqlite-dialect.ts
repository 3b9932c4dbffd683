/**
 * Kysely's SQLite dialect with two changes: transactions start with BEGIN IMMEDIATE (the write lock is
 * taken up front, so concurrent writers, in this process or another, queue on the busy timeout instead of
 * failing with SQLITE_BUSY when a read transaction tries to upgrade), and DDL runs inside transactions
 * (SQLite supports it), so a migration interrupted by a crash leaves nothing behind.
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

export function immediateSqliteDialect(database: Database.Database): Dialect {
  return {
    createAdapter: () => new TransactionalDdlSqliteAdapter(),
    createDriver: () => new ImmediateSqliteDriver({ database }),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}
