/**
 * The record store on Kysely, one implementation for SQLite and PostgreSQL (docs/PERSISTENCE.md).
 *
 * Every write runs inside `transaction(fn)` and appends exactly one audit entry in the same database
 * transaction. Appends are serialised by the single chain-head row `audit_head`: on PostgreSQL the first
 * write of a transaction locks it (SELECT ... FOR UPDATE) before touching any record, so concurrent writers
 * (in one process or in several sharing the database) append one after the other and cannot deadlock on
 * record rows; on SQLite every transaction starts with BEGIN IMMEDIATE (see sqlite-dialect.ts), which takes
 * the database's single write lock up front.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import {
  recordKinds,
  type AuditContext,
  type AuditEntry,
  type RecordFilter,
  type RecordKind,
  type RecordStore,
  type RecordWriter,
  type StoredRecord,
} from '../../app/ports/record-store.js';
import { chainEntry, type ChainEntry } from '../../core/audit/chain.js';
import { compactImage } from '../../core/audit/content-address.js';
import { redactSecrets } from '../../core/audit/redact.js';
import type { ChainPoint } from '../../core/audit/verify.js';
import { HttError } from '../../core/errors.js';
import { holdCovers, type LegalHoldScope } from '../../core/workflows/retention.js';
import type { AuditLogTable, HttDatabase, RecordsTable } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';
type Db = Kysely<HttDatabase> | Transaction<HttDatabase>;
type NewRecord<T> = Omit<StoredRecord<T>, 'version' | 'createdAt' | 'updatedAt'>;

const kindSet = new Set<string>(recordKinds);
/** Keys usable in RecordFilter.where: plain identifiers, so they can go into a JSON path safely. */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class KyselyRecordStore implements RecordStore {
  constructor(
    private readonly db: Kysely<HttDatabase>,
    readonly dialect: Dialect,
  ) {}

  /** The Kysely instance underneath, for tools and tests (not part of the port). */
  get kysely(): Kysely<HttDatabase> {
    return this.db;
  }

  get<T>(kind: RecordKind, id: string): Promise<StoredRecord<T> | undefined> {
    return guard(() => getRecord<T>(this.db, kind, id));
  }

  list<T>(kind: RecordKind, filter?: RecordFilter): Promise<StoredRecord<T>[]> {
    return guard(() => listRecords<T>(this.db, this.dialect, kind, filter));
  }

  transaction<R>(fn: (tx: RecordWriter) => Promise<R>): Promise<R> {
    return guard(() => this.db.transaction().execute((trx) => fn(new KyselyRecordWriter(trx, this.dialect))));
  }

  auditLog(fromSeq = 1, limit?: number): Promise<AuditEntry[]> {
    return guard(async () => {
      let q = this.db.selectFrom('audit_log').selectAll().where('seq', '>=', fromSeq).orderBy('seq');
      if (limit !== undefined) q = q.limit(limit);
      return (await q.execute()).map(toAuditEntry);
    });
  }

  /** The audit entries about these records, in seq order (the index on kind and record id). */
  auditOf(records: { kind: RecordKind; id: string }[]): Promise<AuditEntry[]> {
    return guard(async () => {
      if (records.length === 0) return [];
      records.forEach((r) => checkKind(r.kind));
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where((eb) =>
          eb.or(records.map((r) => eb.and([eb('kind', '=', r.kind), eb('record_id', '=', r.id)]))),
        )
        .orderBy('seq')
        .execute();
      return rows.map(toAuditEntry);
    });
  }

  /** A determination body by its content address (what audit images reference), or undefined. */
  determination(ref: string): Promise<unknown> {
    return guard(async () => {
      const row = await this.db
        .selectFrom('determinations')
        .select('body')
        .where('ref', '=', ref)
        .executeTakeFirst();
      return row ? (JSON.parse(row.body) as unknown) : undefined;
    });
  }

  /** The chain head as the store keeps it (seq 0 and the genesis hash when the log is empty). */
  auditHead(): Promise<ChainPoint> {
    return guard(async () => {
      const row = await this.db
        .selectFrom('audit_head')
        .select(['seq', 'hash'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return { seq: Number(row.seq), hash: row.hash };
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/**
 * Run `op` inside the database transaction of a record writer of this adapter: another table's write (a job
 * chunk's completion) commits or rolls back with the records'.
 */
export function inWriterTransaction<R>(
  tx: RecordWriter,
  op: (trx: Transaction<HttDatabase>) => Promise<R>,
): Promise<R> {
  if (!(tx instanceof KyselyRecordWriter)) throw new Error('not a transaction of the Kysely record store');
  return tx.withTransaction(op);
}

class KyselyRecordWriter implements RecordWriter {
  private head: ChainPoint | undefined;
  /** Writes of one transaction run one at a time even if `fn` starts them together. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly trx: Transaction<HttDatabase>,
    private readonly dialect: Dialect,
  ) {}

  private serial<R>(op: () => Promise<R>): Promise<R> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Run `op` on this transaction's Kysely transaction, in turn with its record writes (the job store). */
  withTransaction<R>(op: (trx: Transaction<HttDatabase>) => Promise<R>): Promise<R> {
    return this.serial(() => op(this.trx));
  }

  get<T>(kind: RecordKind, id: string): Promise<StoredRecord<T> | undefined> {
    return this.serial(() => getRecord<T>(this.trx, kind, id));
  }

  list<T>(kind: RecordKind, filter?: RecordFilter): Promise<StoredRecord<T>[]> {
    return this.serial(() => listRecords<T>(this.trx, this.dialect, kind, filter));
  }

  insert<T>(record: NewRecord<T>, audit: AuditContext): Promise<StoredRecord<T>> {
    return this.serial(async () => {
      checkRecord(record);
      checkAudit(audit);
      await this.lockHead();
      if (await exists(this.trx, record.kind, record.id)) {
        throw conflict(`${record.kind} ${record.id} already exists`);
      }
      const stored = asJson<StoredRecord<T>>({
        kind: record.kind,
        id: record.id,
        orgIds: record.orgIds,
        state: record.state,
        data: record.data,
        version: 1,
        createdAt: audit.at,
        updatedAt: audit.at,
        retainUntil: record.retainUntil ?? null,
      });
      await this.trx.insertInto('records').values(toRow(stored)).execute();
      await this.writeOrgs(stored);
      await this.append(audit, stored.kind, stored.id, null, stored);
      return stored;
    });
  }

  update<T>(record: NewRecord<T>, expectedVersion: number, audit: AuditContext): Promise<StoredRecord<T>> {
    return this.serial(async () => {
      checkRecord(record);
      checkAudit(audit);
      await this.lockHead();
      const current = await getRecord<unknown>(this.trx, record.kind, record.id);
      if (!current) throw notFound(record.kind, record.id);
      if (current.version !== expectedVersion) {
        throw conflict(
          `${record.kind} ${record.id} is at version ${current.version}, not ${expectedVersion}: it changed since it was read`,
        );
      }
      const stored = asJson<StoredRecord<T>>({
        kind: record.kind,
        id: record.id,
        orgIds: record.orgIds,
        state: record.state,
        data: record.data,
        version: current.version + 1,
        createdAt: current.createdAt,
        updatedAt: audit.at,
        retainUntil: record.retainUntil ?? null,
      });
      const row = toRow(stored);
      const result = await this.trx
        .updateTable('records')
        .set({
          org_ids: row.org_ids,
          state: row.state,
          data: row.data,
          version: row.version,
          updated_at: row.updated_at,
          retain_until: row.retain_until,
        })
        .where('kind', '=', record.kind)
        .where('id', '=', record.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        throw conflict(`${record.kind} ${record.id} changed since it was read`);
      }
      if (JSON.stringify(current.orgIds) !== JSON.stringify(stored.orgIds)) {
        await this.trx
          .deleteFrom('record_orgs')
          .where('kind', '=', record.kind)
          .where('id', '=', record.id)
          .execute();
        await this.writeOrgs(stored);
      }
      await this.append(audit, stored.kind, stored.id, current, stored);
      return stored;
    });
  }

  delete(kind: RecordKind, id: string, audit: AuditContext): Promise<void> {
    return this.serial(async () => {
      checkKind(kind);
      checkAudit(audit);
      await this.lockHead();
      const current = await getRecord<unknown>(this.trx, kind, id);
      if (!current) throw notFound(kind, id);
      // §762.6(b): a record an agency asked for (or under investigation) is kept whatever its date
      const holds = await listRecords<{ scope: LegalHoldScope }>(this.trx, this.dialect, 'legal_hold', {
        state: 'open',
      });
      const heldBy = holds.filter((h) => holdCovers(h.data.scope, current)).map((h) => h.id);
      if (heldBy.length)
        throw new HttError({
          code: 'CASE.RETENTION',
          message: `${kind} ${id} is under legal hold ${heldBy.join(', ')} (15 CFR 762.6(b): not to be destroyed without the written authorization of the agency concerned)`,
          details: { kind, id, retainUntil: current.retainUntil, at: audit.at, legalHolds: heldBy },
        });
      const today = audit.at.slice(0, 10);
      if (current.retainUntil === null || !(current.retainUntil.slice(0, 10) < today)) {
        throw new HttError({
          code: 'CASE.RETENTION',
          message:
            current.retainUntil === null
              ? `${kind} ${id} has no retention date yet (15 CFR 762.6: kept five years from the latest event)`
              : `${kind} ${id} must be kept until ${current.retainUntil} (15 CFR 762.6)`,
          details: { kind, id, retainUntil: current.retainUntil, at: audit.at },
        });
      }
      await this.trx.deleteFrom('record_orgs').where('kind', '=', kind).where('id', '=', id).execute();
      await this.trx.deleteFrom('records').where('kind', '=', kind).where('id', '=', id).execute();
      await this.append(audit, kind, id, current, null);
    });
  }

  async lockWrites(): Promise<void> {
    await this.lockHead();
  }

  /** Take the chain head (and, on PostgreSQL, its row lock until commit) before the first write. */
  private async lockHead(): Promise<void> {
    if (this.head) return;
    let q = this.trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1);
    if (this.dialect === 'postgres') q = q.forUpdate();
    const row = await q.executeTakeFirstOrThrow();
    this.head = { seq: Number(row.seq), hash: row.hash };
  }

  private async writeOrgs(record: StoredRecord<unknown>): Promise<void> {
    const orgIds = [...new Set(record.orgIds)];
    if (orgIds.length === 0) return;
    await this.trx
      .insertInto('record_orgs')
      .values(orgIds.map((org_id) => ({ kind: record.kind, id: record.id, org_id })))
      .execute();
  }

  private async append(
    audit: AuditContext,
    kind: RecordKind,
    recordId: string,
    storedBefore: StoredRecord<unknown> | null,
    storedAfter: StoredRecord<unknown> | null,
  ): Promise<void> {
    // secrets (password hashes, session hashes, tokens) never enter the log; the chain hashes the redacted
    // image, in which every frozen determination is a reference to its body, kept once by content
    const before = storedBefore === null ? null : auditImage(storedBefore);
    const after = storedAfter === null ? null : auditImage(storedAfter);
    const bodies = new Map([...(before?.bodies ?? []), ...(after?.bodies ?? [])]);
    if (bodies.size) {
      await this.trx
        .insertInto('determinations')
        .values([...bodies].map(([ref, body]) => ({ ref, body })))
        .onConflict((oc) => oc.column('ref').doNothing())
        .execute();
    }
    const head = this.head;
    if (!head) throw new Error('audit append without the chain head');
    const entry: ChainEntry = chainEntry(head, {
      at: audit.at,
      actor: audit.actor,
      action: audit.action,
      reason: audit.reason ?? null,
      kind,
      recordId,
      before: before?.image ?? null,
      after: after?.image ?? null,
    });
    await this.trx
      .insertInto('audit_log')
      .values({
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        reason: entry.reason,
        kind: entry.kind,
        record_id: entry.recordId,
        before: before === null ? null : JSON.stringify(before.image),
        after: after === null ? null : JSON.stringify(after.image),
        prev_hash: entry.prevHash,
        hash: entry.hash,
      })
      .execute();
    await this.trx
      .updateTable('audit_head')
      .set({ seq: entry.seq, hash: entry.hash })
      .where('id', '=', 1)
      .execute();
    this.head = { seq: entry.seq, hash: entry.hash };
  }
}

async function exists(db: Db, kind: RecordKind, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('records')
    .select('version')
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

async function getRecord<T>(db: Db, kind: RecordKind, id: string): Promise<StoredRecord<T> | undefined> {
  checkKind(kind);
  const row = await db
    .selectFrom('records')
    .selectAll()
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? fromRow<T>(row) : undefined;
}

async function listRecords<T>(
  db: Db,
  dialect: Dialect,
  kind: RecordKind,
  filter: RecordFilter = {},
): Promise<StoredRecord<T>[]> {
  checkKind(kind);
  let q = db.selectFrom('records').selectAll('records').where('records.kind', '=', kind);
  if (filter.orgId !== undefined) {
    const orgId = filter.orgId;
    q = q.where(({ exists: ex, selectFrom }) =>
      ex(
        selectFrom('record_orgs')
          .select('record_orgs.org_id')
          .whereRef('record_orgs.kind', '=', 'records.kind')
          .whereRef('record_orgs.id', '=', 'records.id')
          .where('record_orgs.org_id', '=', orgId),
      ),
    );
  }
  if (filter.state !== undefined) {
    if (Array.isArray(filter.state)) {
      if (filter.state.length === 0) return [];
      q = q.where('records.state', 'in', filter.state);
    } else {
      q = q.where('records.state', '=', filter.state);
    }
  }
  for (const [field, value] of Object.entries(filter.where ?? {})) {
    if (!FIELD.test(field)) {
      throw new HttError({
        code: 'INPUT.INVALID',
        message: `"${field}" cannot be used in a record filter: use a top-level field name of letters, digits and _`,
        field: `where.${field}`,
      });
    }
    q = q.where(jsonFieldEquals(dialect, field, value));
  }
  const order = filter.orderBy === 'updatedAt' ? 'records.updated_at' : 'records.created_at';
  if (filter.after) {
    const { at, id } = filter.after;
    q = q.where((eb) => eb.or([eb(order, '>', at), eb.and([eb(order, '=', at), eb('records.id', '>', id)])]));
  }
  q = q.orderBy(order).orderBy('records.id');
  if (filter.limit !== undefined) q = q.limit(Math.max(0, Math.floor(filter.limit)));
  return (await q.execute()).map((row) => fromRow<T>(row));
}

/**
 * Equality on a top-level field of the JSON document, type-exact on both dialects (the string "1" does not
 * match the number 1): json_extract + json_type on SQLite, jsonb -> on PostgreSQL.
 */
function jsonFieldEquals(dialect: Dialect, field: string, value: string | number | boolean) {
  if (dialect === 'postgres') {
    return sql<boolean>`(records.data::jsonb -> ${field}) = ${JSON.stringify(value)}::jsonb`;
  }
  const path = `$.${field}`;
  if (typeof value === 'boolean') {
    return sql<boolean>`json_type(records.data, ${path}) = ${value ? 'true' : 'false'}`;
  }
  if (typeof value === 'number') {
    return sql<boolean>`(json_type(records.data, ${path}) in ('integer', 'real') and json_extract(records.data, ${path}) = ${value})`;
  }
  return sql<boolean>`(json_type(records.data, ${path}) = 'text' and json_extract(records.data, ${path}) = ${value})`;
}

function toRow(record: StoredRecord<unknown>): RecordsTable {
  return {
    kind: record.kind,
    id: record.id,
    org_ids: JSON.stringify(record.orgIds),
    state: record.state,
    data: JSON.stringify(record.data),
    version: record.version,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    retain_until: record.retainUntil,
  };
}

function fromRow<T>(row: RecordsTable): StoredRecord<T> {
  return {
    kind: row.kind as RecordKind,
    id: row.id,
    orgIds: JSON.parse(row.org_ids) as string[],
    state: row.state,
    data: JSON.parse(row.data) as T,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    retainUntil: row.retain_until,
  };
}

/** The record image the audit log keeps: secrets redacted, determinations by reference. */
export function auditImage(record: StoredRecord<unknown>) {
  return compactImage(redactSecrets(record));
}

function toAuditEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    reason: row.reason,
    kind: row.kind as RecordKind,
    recordId: row.record_id,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The value as it will read back from the database: what is stored, returned and hashed is the same JSON
 * (undefined properties dropped, dates as strings, no NaN).
 */
function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function checkKind(kind: string): void {
  if (!kindSet.has(kind)) {
    throw new HttError({ code: 'INPUT.INVALID', message: `unknown record kind "${kind}"`, field: 'kind' });
  }
}

function checkRecord(record: NewRecord<unknown>): void {
  checkKind(record.kind);
  const invalid = (field: string, message: string) => new HttError({ code: 'INPUT.INVALID', message, field });
  if (typeof record.id !== 'string' || record.id === '') throw invalid('id', 'a record needs an id');
  if (!Array.isArray(record.orgIds) || !record.orgIds.every((o) => typeof o === 'string' && o !== '')) {
    throw invalid('orgIds', 'orgIds must be a list of organisation ids');
  }
  if (typeof record.state !== 'string') throw invalid('state', 'state must be a string ("" for none)');
  if (record.data === undefined) throw invalid('data', 'a record needs data');
}

function checkAudit(audit: AuditContext): void {
  const invalid = (field: string, message: string) =>
    new HttError({ code: 'INPUT.INVALID', message, field: `audit.${field}` });
  if (!audit.actor) throw invalid('actor', 'every change names who made it');
  if (!audit.action) throw invalid('action', 'every change names its action');
  if (!audit.at || Number.isNaN(Date.parse(audit.at)))
    throw invalid('at', 'audit.at must be an ISO timestamp');
}

const conflict = (message: string) => new HttError({ code: 'CASE.CONFLICT', message });
const notFound = (kind: string, id: string) =>
  new HttError({ code: 'CASE.NOT_FOUND', message: `${kind} ${id} does not exist` });

/** Run a database operation, turning "the database cannot be reached / is locked" into DB.UNAVAILABLE. */
export async function guard<R>(op: () => Promise<R>): Promise<R> {
  try {
    return await op();
  } catch (e) {
    throw asDbError(e);
  }
}

const PG_UNAVAILABLE = /^(08|53|57P)/; // connection exceptions, insufficient resources, operator intervention
const NODE_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|PROTOCOL|NOTADB|CORRUPT)/;

export function asDbError(e: unknown): unknown {
  if (e instanceof HttError || !(e instanceof Error)) return e;
  const code = String((e as { code?: unknown }).code ?? '');
  const unavailable =
    PG_UNAVAILABLE.test(code) ||
    NODE_UNAVAILABLE.has(code) ||
    SQLITE_UNAVAILABLE.test(code) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(e.message);
  if (!unavailable) return e;
  return new HttError({
    code: 'DB.UNAVAILABLE',
    message: `the database cannot be used: ${e.message}${code ? ` (${code})` : ''}`,
  });
}
