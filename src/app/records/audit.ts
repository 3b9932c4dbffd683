/**
 * Verifying the audit log (issue 4, `htt audit verify`): read the log in pages and check the hash chain
 * page by page (src/core/audit/verify.ts), then compare its end with the head the store keeps apart from the
 * log, which catches entries removed from the end.
 */
import type { RecordStore } from '../ports/record-store.js';
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
