/**
 * Verifying the audit log (issue 4, `htt audit verify`): read the log in pages and check the hash chain
 * page by page (src/core/audit/verify.ts), then compare its end with the head the store keeps apart from the
 * log, which catches entries removed from the end.
 */
import { recordKinds, type RecordStore } from '../ports/record-store.js';
import { jsonDigest } from '../../core/audit/chain.js';
import { compactImage } from '../../core/audit/content-address.js';
import { redactSecrets } from '../../core/audit/redact.js';
import { chainStart, verifyAuditChain, type ChainPoint } from '../../core/audit/verify.js';

export const AUDIT_PAGE_SIZE = 1000;

export type AuditReport =
  | { ok: true; count: number; lastSeq: number; head: string; headChecked: boolean }
  | { ok: false; seq: number; problem: string; checked: number };

export async function verifyAudit(
  store: Pick<RecordStore, 'auditLog' | 'auditHead'>,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditReport> {
  let point: ChainPoint = chainStart;
  let count = 0;
  for (;;) {
    const page = await store.auditLog(point.seq + 1, pageSize);
    const result = verifyAuditChain(page, point);
    // entries are checked in seq order, so every entry before the bad one verified
    if (!result.ok) return { ok: false, seq: result.seq, problem: result.problem, checked: result.seq - 1 };
    count += result.count;
    point = { seq: result.lastSeq, hash: result.head };
    if (page.length < pageSize) break;
  }
  if (!store.auditHead) return { ok: true, count, lastSeq: point.seq, head: point.hash, headChecked: false };
  const head = await store.auditHead();
  if (head.seq !== point.seq || head.hash !== point.hash) {
    const missing = head.seq > point.seq;
    return {
      ok: false,
      seq: missing ? point.seq + 1 : head.seq + 1,
      problem: missing
        ? `${point.seq === 0 ? 'the log is empty' : `the log ends at entry ${point.seq}`} but the chain head records entry ${head.seq}: entries were removed from the end`
        : head.seq === point.seq
          ? `the last entry ${point.seq} does not carry the hash the chain head records`
          : `the log goes on to entry ${point.seq} past the chain head's entry ${head.seq}: entries were added`,
      checked: point.seq,
    };
  }
  return { ok: true, count, lastSeq: point.seq, head: point.hash, headChecked: true };
}

export type RecordsReport =
  { ok: true; records: number } | { ok: false; kind: string; id: string; problem: string; records: number };

/**
 * Reconcile the records with the log: every stored record must equal the `after` image of the last audit
 * entry about it, and every record the log says exists must be stored. The hash chain alone cannot see a
 * record edited, added or removed behind the store's back (no audit entry); this can, as long as the log
 * itself verifies (run verifyAudit first). Reads the whole log and every record: for audits, not hot paths.
 */
export async function reconcileRecords(
  store: Pick<RecordStore, 'auditLog' | 'list'>,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<RecordsReport> {
  const expected = new Map<string, string | null>(); // kind \0 id -> digest of the last after-image
  for (let from = 1; ;) {
    const page = await store.auditLog(from, pageSize);
    for (const e of page)
      expected.set(`${e.kind}\0${e.recordId}`, e.after === null ? null : jsonDigest(e.after));
    if (page.length < pageSize) break;
    from = page[page.length - 1]!.seq + 1;
  }
  let records = 0;
  for (const kind of recordKinds) {
    for (const record of await store.list(kind)) {
      records++;
      const key = `${kind}\0${record.id}`;
      const digest = expected.get(key);
      if (digest === undefined || digest === null) {
        return {
          ok: false,
          kind,
          id: record.id,
          records,
          problem:
            digest === undefined
              ? `${kind} ${record.id} is stored but no audit entry created it`
              : `${kind} ${record.id} is stored but the audit log deleted it`,
        };
      }
      // the log keeps the record with its secrets redacted (src/core/audit/redact.ts) and its determinations
      // by reference (src/core/audit/content-address.ts)
      if (digest !== jsonDigest(compactImage(redactSecrets(record)).image)) {
        return {
          ok: false,
          kind,
          id: record.id,
          records,
          problem: `${kind} ${record.id} (version ${record.version}) differs from its last audit entry: changed without one`,
        };
      }
      expected.delete(key);
    }
  }
  for (const [key, digest] of expected) {
    if (digest === null) continue;
    const [kind = '', id = ''] = key.split('\0');
    return {
      ok: false,
      kind,
      id,
      records,
      problem: `${kind} ${id} is in the audit log but not stored: removed without an entry`,
    };
  }
  return { ok: true, records };
}
