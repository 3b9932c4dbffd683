/**
 * The tables as Kysely sees them. Dialect-neutral types: text for ids, timestamps and JSON documents,
 * integer for versions, bigint for audit seq (PostgreSQL's pg driver returns bigint as a string, so seq is
 * read through Number()).
 */
export interface RecordsTable {
  kind: string;
  id: string;
  /** JSON array of organisation ids, owner first (record_orgs holds one row per id for filtering). */
  org_ids: string;
  state: string;
  /** JSON document (StoredRecord.data). */
  data: string;
  version: number;
  created_at: string;
  updated_at: string;
  retain_until: string | null;
}

export interface RecordOrgsTable {
  kind: string;
  id: string;
  org_id: string;
}

export interface AuditLogTable {
  seq: number | string;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  kind: string;
  record_id: string;
  /** JSON of the whole StoredRecord before the change, or null. */
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (id 1): the last seq and hash of the chain; writers lock it to append in order. */
export interface AuditHeadTable {
  id: number;
  seq: number | string;
  hash: string;
}

/** Frozen determinations by content address ("sha256:<hex>" of their canonical JSON without checkedAt). */
export interface DeterminationsTable {
  ref: string;
  body: string;
}

export interface JobsTable {
  id: string;
  org_id: string;
  type: string;
  /** queued | running | done | failed */
  state: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** JSON of the job's parameters (not its items: those are in its chunks). */
  params: string;
  chunks: number;
  chunks_done: number;
  items: number;
  items_done: number;
  error: string | null;
  /** 1 once its chunks were handed to the queue (0: stored, not yet handed; the recovery sweep hands it). */
  enqueued: number;
  /** Epoch ms until which one process is handing the job to the queue. */
  enqueue_lease: number | string;
}

export interface JobChunksTable {
  job_id: string;
  chunk: number;
  /** pending | done */
  state: string;
  /** JSON of the chunk's items. */
  input: string;
  items: number;
  /** JSON of the chunk's result, written in the transaction that marks it done. */
  result: string | null;
  /** Epoch milliseconds until which a worker holds the chunk (0: free). */
  lease_until: number | string;
  attempts: number;
  done_by: string | null;
}

export interface IdempotencyKeysTable {
  org_id: string;
  user_id: string;
  key: string;
  /** sha256 of the operation and its input: the same key with another request is refused. */
  fingerprint: string;
  /** running | done */
  state: string;
  status: number | null;
  /** JSON of the first answer's body. */
  body: string | null;
  /** Epoch ms until which the first request holds a running key (after it, its process is taken as dead). */
  lock_until: number | string;
  /** Epoch ms after which the key is forgotten. */
  expires_at: number | string;
}

export interface ThrottleTable {
  /** sha256 of the throttling key (an e-mail and address, or an address): no e-mail or address kept. */
  key: string;
  /** Epoch ms the key's current window started. */
  window_start: number | string;
  /** Attempts counted in the window. */
  attempts: number;
}

export interface HttDatabase {
  idempotency_keys: IdempotencyKeysTable;
  throttle: ThrottleTable;
  determinations: DeterminationsTable;
  jobs: JobsTable;
  job_chunks: JobChunksTable;
  records: RecordsTable;
  record_orgs: RecordOrgsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
