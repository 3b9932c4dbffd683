/**
 * Verification of the audit chain (issue 4): recompute every hash, check that seq runs 1, 2, 3 ... without
 * gaps and that each entry names the hash of the one before. Detects any altered, removed, inserted or
 * reordered entry, except removal of entries at the very end (the chain still verifies up to its new end);
 * compare the result's head with an independently kept head (the store's chain-head row, a printed or
 * notarised head) to catch truncation. Pure: the caller reads the log, in pages if it is long.
 */
import { GENESIS_HASH, auditEntryHash, type ChainEntry } from './chain.js';

/** The last verified entry (seq 0 and the genesis hash before the first). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

export const chainStart: ChainPoint = { seq: 0, hash: GENESIS_HASH };

export type AuditVerification =
  { ok: true; count: number; head: string; lastSeq: number } | { ok: false; seq: number; problem: string };

/**
 * Verify `entries` (in the order given) as the continuation of the chain after `from` (default: the start).
 * `count` is the number of entries verified here, `head` the hash of the last one (or `from.hash`).
 * On failure `seq` is the first entry found wrong: the position that should hold it when seq itself is off.
 */
export function verifyAuditChain(
  entries: readonly ChainEntry[],
  from: ChainPoint = chainStart,
): AuditVerification {
  let prev = from;
  for (const entry of entries) {
    const expectedSeq = prev.seq + 1;
    if (entry.seq !== expectedSeq) {
      return {
        ok: false,
        seq: expectedSeq,
        problem:
          entry.seq > expectedSeq
            ? `entry ${expectedSeq} is missing (the next entry is ${entry.seq})`
            : `entry ${entry.seq} appears where entry ${expectedSeq} should be (reordered or duplicated)`,
      };
    }
    if (entry.prevHash !== prev.hash) {
      return {
        ok: false,
        seq: entry.seq,
        problem: `entry ${entry.seq} does not link to entry ${prev.seq}: prevHash ${short(entry.prevHash)}, expected ${short(prev.hash)}`,
      };
    }
    const hash = auditEntryHash(entry);
    if (entry.hash !== hash) {
      return {
        ok: false,
        seq: entry.seq,
        problem: `entry ${entry.seq} was altered: stored hash ${short(entry.hash)}, content hashes to ${short(hash)}`,
      };
    }
    prev = { seq: entry.seq, hash: entry.hash };
  }
  return { ok: true, count: entries.length, head: prev.hash, lastSeq: prev.seq };
}

const short = (hash: string): string => (hash.length > 12 ? `${hash.slice(0, 12)}…` : hash);
