/**
 * `Idempotency-Key` for the POSTs that create records (draft-ietf-httpapi-idempotency-key-header): a client
 * that sends the same key again — a double click, a retry after a lost answer — gets the first answer
 * (with `Idempotent-Replayed: true`) instead of a second record.
 *
 * Keys live in the database (table `idempotency_keys`, migration 0003), scoped to the signed-in user's
 * organisation and user, so any number of server processes on one database, and a restart, honour them:
 * the first request inserts the key as `running` (a primary-key insert: of two concurrent requests exactly one
 * wins), runs, and stores its answer's status and body; a concurrent duplicate waits for that answer (up to
 * WAIT_MS, then 409 `INPUT.IN_PROGRESS`), a later one gets it replayed. The same key with another operation or
 * body is an input error. A failed request is forgotten (a retry runs again). Answers are kept 24 hours. A
 * running key whose process died is taken over once its lock (LOCK_MS) has run out.
 */
import { createHash } from 'node:crypto';
import { HttError } from '../../core/errors.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const TTL_MS = 24 * 60 * 60 * 1000;
/** How long a running first request holds its key before another process may take it over. */
export const LOCK_MS = 60_000;
/** How long a concurrent duplicate waits for the first request's answer before 409. */
export const WAIT_MS = 10_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyScope {
  orgId: string;
  userId: string;
  key: string;
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** What the database holds for a key when `begin` did not take it. */
export type KeyState =
  | { state: 'taken' }
  | { state: 'done'; fingerprint: string; answer: StoredAnswer }
  | { state: 'running'; fingerprint: string };

/** The keys' table (src/adapters/db/kysely-idempotency-store.ts). Times are epoch milliseconds. */
export interface IdempotencyStore {
  /**
   * Take the key for a first request (insert it running, or take over an expired key or one whose lock ran
   * out): `taken`. Otherwise what holds it.
   */
  begin(
    scope: IdempotencyScope,
    fingerprint: string,
    now: number,
    lockMs: number,
    ttlMs: number,
  ): Promise<KeyState>;
  /** Store the first request's answer. */
  finish(scope: IdempotencyScope, answer: StoredAnswer): Promise<void>;
  /** Forget a key whose first request failed (so that a retry runs). */
  abandon(scope: IdempotencyScope): Promise<void>;
  /** Remove expired keys (returns how many). */
  expire(now: number): Promise<number>;
}

export class Idempotency {
  private lastExpiry = 0;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly now: () => number = Date.now,
    private readonly options: { lockMs?: number; waitMs?: number; pollMs?: number } = {},
  ) {}

  /**
   * Run `create` once per (organisation, user, key): a repeat of the same operation and input gets the first
   * answer, `replayed` true. Without a key, `create` runs every time.
   */
  async run(
    scope: { orgId: string; userId: string; operation: string },
    key: string | undefined,
    input: unknown,
    create: () => Promise<StoredAnswer>,
  ): Promise<StoredAnswer & { replayed: boolean }> {
    if (key === undefined) return { ...(await create()), replayed: false };
    if (!KEY.test(key))
      throw new HttError({
        code: 'INPUT.INVALID',
        message: `the ${IDEMPOTENCY_HEADER} header must be 1 to 255 visible ASCII characters`,
        field: IDEMPOTENCY_HEADER,
      });
    const id: IdempotencyScope = { orgId: scope.orgId, userId: scope.userId, key };
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([scope.operation, input ?? null]))
      .digest('hex');
    await this.expireNow();
    const lockMs = this.options.lockMs ?? LOCK_MS;
    const deadline = this.now() + (this.options.waitMs ?? WAIT_MS);
    for (;;) {
      const held = await this.store.begin(id, fingerprint, this.now(), lockMs, TTL_MS);
      if (held.state === 'taken') break;
      if (held.fingerprint !== fingerprint)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: `this ${IDEMPOTENCY_HEADER} was used for a different request; use a new key for a new record`,
          field: IDEMPOTENCY_HEADER,
        });
      if (held.state === 'done') return { ...held.answer, replayed: true };
      if (this.now() >= deadline)
        throw new HttError({
          code: 'INPUT.IN_PROGRESS',
          message: `a request with this ${IDEMPOTENCY_HEADER} is still running; try again in a moment`,
          field: IDEMPOTENCY_HEADER,
        });
      await new Promise((r) => setTimeout(r, this.options.pollMs ?? 25));
    }
    let answer: StoredAnswer;
    try {
      answer = await create();
    } catch (e) {
      await this.store.abandon(id).catch(() => undefined);
      throw e;
    }
    await this.store.finish(id, answer);
    return { ...answer, replayed: false };
  }

  /** Expired keys are removed at most once a minute per process. */
  private async expireNow(): Promise<void> {
    const now = this.now();
    if (now - this.lastExpiry < 60_000) return;
    this.lastExpiry = now;
    await this.store.expire(now).catch(() => undefined);
  }
}
