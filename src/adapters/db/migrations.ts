/**
 * The migrations, in code (no files read at run time), the same for SQLite and PostgreSQL: only column types
 * both understand (text, integer, bigint) and no dialect-specific DDL. Add a migration by adding an entry
 * with a name that sorts after the last; never edit one that has shipped.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { GENESIS_HASH } from '../../core/audit/chain.js';

export const migrations: Record<string, Migration> = {
  '0001_records_and_audit_log': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('records')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_ids', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('retain_until', 'text')
        .addPrimaryKeyConstraint('records_pk', ['kind', 'id'])
        .execute();
      await db.schema.createIndex('records_kind_state').on('records').columns(['kind', 'state']).execute();
      await db.schema
        .createIndex('records_kind_created')
        .on('records')
        .columns(['kind', 'created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('records_kind_updated')
        .on('records')
        .columns(['kind', 'updated_at', 'id'])
        .execute();

      await db.schema
        .createTable('record_orgs')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('record_orgs_pk', ['kind', 'id', 'org_id'])
        .addForeignKeyConstraint('record_orgs_record_fk', ['kind', 'id'], 'records', ['kind', 'id'], (fk) =>
          fk.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('record_orgs_org')
        .on('record_orgs')
        .columns(['kind', 'org_id', 'id'])
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('record_id', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_log_record')
        .on('audit_log')
        .columns(['kind', 'record_id'])
        .execute();

      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await sql`insert into audit_head (id, seq, hash) values (1, 0, ${GENESIS_HASH})`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['audit_head', 'audit_log', 'record_orgs', 'records']) {
        await db.schema.dropTable(table).execute();
      }
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
