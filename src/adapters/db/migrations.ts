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
  /**
   * Issue 14: determinations kept once by content (audit images reference them), and jobs: heavy work
   * (batch screening, re-screening, case files, audit verification) done in chunks by any number of worker
   * processes, each chunk's result written in the transaction that marks it done.
   */
  '0002_determinations_and_jobs': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('determinations')
        .addColumn('ref', 'text', (c) => c.primaryKey())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('params', 'text', (c) => c.notNull())
        .addColumn('chunks', 'integer', (c) => c.notNull())
        .addColumn('chunks_done', 'integer', (c) => c.notNull())
        .addColumn('items', 'integer', (c) => c.notNull())
        .addColumn('items_done', 'integer', (c) => c.notNull())
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('jobs_org').on('jobs').columns(['org_id', 'created_at']).execute();
      await db.schema
        .createTable('job_chunks')
        .addColumn('job_id', 'text', (c) => c.notNull())
        .addColumn('chunk', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('input', 'text', (c) => c.notNull())
        .addColumn('items', 'integer', (c) => c.notNull())
        .addColumn('result', 'text')
        .addColumn('lease_until', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('done_by', 'text')
        .addPrimaryKeyConstraint('job_chunks_pk', ['job_id', 'chunk'])
        .execute();
      await db.schema
        .createIndex('job_chunks_pending')
        .on('job_chunks')
        .columns(['state', 'lease_until'])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['job_chunks', 'jobs', 'determinations'])
        await db.schema.dropTable(table).execute();
    },
  },
  /**
   * Issue 14: state several server processes on one database share. Idempotency keys (organisation, user,
   * key) with the first answer's status and body and an expiry (src/adapters/http/idempotency.ts), and failed
   * sign-in and invitation attempts per throttling key (src/adapters/http/rate-limit.ts).
   */
  '0003_idempotency_and_throttling': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('org_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('body', 'text')
        .addColumn('lock_until', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['org_id', 'user_id', 'key'])
        .execute();
      await db.schema
        .createIndex('idempotency_keys_expiry')
        .on('idempotency_keys')
        .column('expires_at')
        .execute();
      await db.schema
        .createTable('throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('throttle_window').on('throttle').column('window_start').execute();
      // a job is handed to the queue once (jobs.ts, enqueueJob); jobs from before this migration were handed
      await db.schema
        .alterTable('jobs')
        .addColumn('enqueued', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .alterTable('jobs')
        .addColumn('enqueue_lease', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const table of ['throttle', 'idempotency_keys']) await db.schema.dropTable(table).execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
