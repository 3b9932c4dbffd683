/**
 * The hash chain of the audit log (issue 4, Part 762 records). Each entry's hash is
 *
 *   hash = sha256_hex(prevHash + canonicalJson(entry without its hash))
 *
 * where prevHash is the hash of the entry before it ("0" x 64 for the first) and canonical JSON sorts keys.
 * Changing any field of any entry, removing one or reordering two changes every hash from there on. Pure:
 * hashing is computation, not I/O.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One audit entry as the chain sees it. The record store port's AuditEntry has this shape (the core keeps
 * its own copy of the type because it may not import from src/app).
 */
export interface ChainEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  kind: string;
  recordId: string;
  before: unknown | null;
  after: unknown | null;
  prevHash: string;
  hash: string;
}

/** The hash an entry must carry, computed from every other field (prevHash included). */
export function auditEntryHash(entry: Omit<ChainEntry, 'hash'>): string {
  const body: Omit<ChainEntry, 'hash'> = {
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    reason: entry.reason,
    kind: entry.kind,
    recordId: entry.recordId,
    before: entry.before,
    after: entry.after,
    prevHash: entry.prevHash,
  };
  return createHash('sha256')
    .update(entry.prevHash + canonicalJson(body), 'utf8')
    .digest('hex');
}

/** The entry that follows `head` in the chain, hash included. */
export function chainEntry(
  head: { seq: number; hash: string },
  fields: Omit<ChainEntry, 'seq' | 'prevHash' | 'hash'>,
): ChainEntry {
  const body = { ...fields, seq: head.seq + 1, prevHash: head.hash };
  return { ...body, hash: auditEntryHash(body) };
}

/** A digest of any JSON value (canonical JSON, sha256 hex): compares records with the log's images. */
export function jsonDigest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
