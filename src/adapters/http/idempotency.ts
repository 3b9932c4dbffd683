/**
 * `Idempotency-Key` for the POSTs that create records (draft-ietf-httpapi-idempotency-key-header): a client
 * that sends the same key again — a double click, a retry after a lost answer — gets the first answer
 * (with `Idempotent-Replayed: true`) instead of a second record. A request still running is awaited, so two
 * concurrent requests with one key create one record. Keys are scoped to the signed-in user and the
 * operation; the same key with a different body is an input error. A failed request is forgotten (a retry
 * runs again). Answers are kept in memory for 24 hours (at most 10,000): a restart or a second server
 * process forgets them.
 */
import { createHash } from 'node:crypto';
import { HttError } from '../../core/errors.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const TTL_MS = 24 * 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

interface Entry {
  fingerprint: string;
  at: number;
  answer: Promise<unknown>;
}

export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Run `create` once per (scope, key): a repeat with the same body gets the first answer, `replayed` true.
   * Without a key, `create` runs every time.
   */
  async run<T>(
    scope: string,
    key: string | undefined,
    body: unknown,
    create: () => Promise<T>,
  ): Promise<{ value: T; replayed: boolean }> {
    if (key === undefined) return { value: await create(), replayed: false };
    if (!KEY.test(key))
      throw new HttError({
        code: 'INPUT.INVALID',
        message: `the ${IDEMPOTENCY_HEADER} header must be 1 to 255 visible ASCII characters`,
        field: IDEMPOTENCY_HEADER,
      });
    this.expire();
    const id = `${scope}\u0000${key}`;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(body ?? null))
      .digest('hex');
    const seen = this.entries.get(id);
    if (seen) {
      if (seen.fingerprint !== fingerprint)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: `this ${IDEMPOTENCY_HEADER} was used for a different request; use a new key for a new record`,
          field: IDEMPOTENCY_HEADER,
        });
      return { value: (await seen.answer) as T, replayed: true };
    }
    const answer = create();
    this.entries.set(id, { fingerprint, at: this.now(), answer });
    try {
      return { value: await answer, replayed: false };
    } catch (e) {
      this.entries.delete(id);
      throw e;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private expire(): void {
    const cutoff = this.now() - TTL_MS;
    for (const [id, e] of this.entries) {
      // insertion order is age order: stop at the first entry still fresh (and within the cap)
      if (e.at >= cutoff && this.entries.size < MAX_ENTRIES) break;
      this.entries.delete(id);
    }
  }
}
