/**
 * The record store port (issue 4): every case record (organisations, users, counterparties, transactions,
 * holds, End-User Statement requests, license applications, VEU applications and entries, outreach) is a
 * versioned JSON document of a kind, written only inside a transaction that also appends its audit entry to
 * the hash-chained audit log. Adapters: SQLite (better-sqlite3 12, WAL) and PostgreSQL 15, through Kysely.
 */

export const recordKinds = [
  'organisation',
  'user',
  'session',
  'counterparty',
  'transaction',
  'hold',
  'legal_hold',
  'eus_request',
  'license_application',
  'license',
  'veu_application',
  'veu_entry',
  'veu_shipment',
  'outreach_event',
  'outreach_question',
  'list_snapshot',
  'name_import',
  'screening_decision',
  'job',
  'attachment',
] as const;
export type RecordKind = (typeof recordKinds)[number];

/** The kinds a file may be attached to (the case records a user works with). */
export const attachableKinds = [
  'transaction',
  'counterparty',
  'hold',
  'eus_request',
  'license_application',
  'license',
  'veu_application',
  'veu_entry',
] as const satisfies readonly RecordKind[];
export type AttachableKind = (typeof attachableKinds)[number];

export interface StoredRecord<T = unknown> {
  kind: RecordKind;
  id: string;
  /** Organisations that may see the record (the owner first), for organisation isolation. */
  orgIds: string[];
  /** State-machine state, or "" for kinds without one. */
  state: string;
  data: T;
  /** Starts at 1; every update must name the version it read (optimistic concurrency). */
  version: number;
  createdAt: string; // ISO timestamp
  updatedAt: string;
  /** Part 762: the record may not be deleted before this date (null: not yet known, keep). */
  retainUntil: string | null;
}

/** Who did what, recorded with every change. */
export interface AuditContext {
  actor: string; // user id, or "system:<job>"
  action: string; // e.g. "eus_request.submit"
  at: string; // ISO timestamp (from the clock at the edge)
  reason?: string;
}

export interface AuditEntry {
  seq: number; // 1, 2, 3 ... without gaps
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  kind: RecordKind;
  recordId: string;
  before: unknown | null; // the whole StoredRecord before (secrets redacted, determinations by reference), or null on insert
  after: unknown | null; // the whole StoredRecord after, the same way, or null on delete
  prevHash: string; // hash of entry seq-1 ("0" x 64 for the first)
  hash: string; // sha256 hex of prevHash + canonical JSON of the entry without hash
}

export interface RecordFilter {
  orgId?: string; // records whose orgIds contain it
  state?: string | string[];
  /** Equality on top-level fields of data, e.g. { counterpartyId: "cp-1" }. */
  where?: Record<string, string | number | boolean>;
  limit?: number;
  orderBy?: 'createdAt' | 'updatedAt';
  /** Keyset paging: only the records after this one in the order (its createdAt or updatedAt, and id). */
  after?: { at: string; id: string };
}

export interface RecordReader {
  get<T>(kind: RecordKind, id: string): Promise<StoredRecord<T> | undefined>;
  list<T>(kind: RecordKind, filter?: RecordFilter): Promise<StoredRecord<T>[]>;
}

export interface RecordWriter extends RecordReader {
  /** Fails with CASE.CONFLICT if the id exists. */
  insert<T>(
    record: Omit<StoredRecord<T>, 'version' | 'createdAt' | 'updatedAt'>,
    audit: AuditContext,
  ): Promise<StoredRecord<T>>;
  /** Fails with CASE.CONFLICT unless the stored version equals `expectedVersion`. */
  update<T>(
    record: Omit<StoredRecord<T>, 'version' | 'createdAt' | 'updatedAt'>,
    expectedVersion: number,
    audit: AuditContext,
  ): Promise<StoredRecord<T>>;
  /**
   * Take the store's write lock now, before reading: what this transaction reads next cannot be changed by
   * another writer before it commits (a shipment reads the open holds under the lock a hold's insert takes).
   */
  lockWrites(): Promise<void>;
  /**
   * Fails with CASE.RETENTION unless retainUntil is set and earlier than audit.at (15 CFR 762.6(a)), and
   * while an open `legal_hold` record covers the record (15 CFR 762.6(b)): its data.scope names the record
   * ({ kind, id }) or an organisation ({ orgId }) among the record's orgIds. Checked under the write lock,
   * in the delete's transaction, so a hold committed before the delete is always seen.
   */
  delete(kind: RecordKind, id: string, audit: AuditContext): Promise<void>;
}

export interface RecordStore extends RecordReader {
  readonly dialect: 'sqlite' | 'postgres';
  /** All writes inside `fn` and their audit entries commit together, or none does. */
  transaction<R>(fn: (tx: RecordWriter) => Promise<R>): Promise<R>;
  /** Audit entries in seq order, from `fromSeq` (inclusive). */
  auditLog(fromSeq?: number, limit?: number): Promise<AuditEntry[]>;
  /** The audit entries about these records, in seq order, read through the log's index by record. */
  auditOf(records: { kind: RecordKind; id: string }[]): Promise<AuditEntry[]>;
  /**
   * A frozen determination's body by the content address an audit image references
   * (`{ determinationRef: "sha256:...", checkedAt }`), or undefined. Optional: test doubles may leave it out.
   */
  determination?(ref: string): Promise<unknown>;
  /**
   * The chain head as the store keeps it apart from the log (seq 0 and "0" x 64 while the log is empty), so
   * that verification also catches entries removed from the end. Optional: test doubles may leave it out.
   */
  auditHead?(): Promise<{ seq: number; hash: string }>;
  close(): Promise<void>;
}
