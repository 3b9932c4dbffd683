/**
 * Throttling of sign-in and invitation acceptance (issue 14; docs/SECURITY.md, "Sign-in throttling"): one
 * helper for both. Each attempt is counted, before the password or token is checked, under every key of its
 * rules (an e-mail and client address; a client address) in a fixed window per key; an attempt that takes a
 * key over its limit is refused (429 with Retry-After) and not counted. A refusal slows the key, it never
 * locks the account: the limit on an e-mail is per client address, so someone else cannot lock a known
 * e-mail out, and a window's end lets the key try again.
 *
 * The counts live in the database (table `throttle`, migration 0003) and are changed by one atomic statement
 * per key (an upsert that returns the new count), so any number of server processes on one database share
 * them and parallel guesses cannot all be evaluated: of N concurrent attempts at most the limit pass, whichever
 * process they reach. The cost is a database round trip per key per attempt (two on a sign-in), against an
 * scrypt/argon2 hash per evaluated attempt. Keys are stored as their sha256 (no e-mail or address kept).
 */
import { createHash } from 'node:crypto';

export interface ThrottleRule {
  key: string;
  attempts: number;
  windowMs: number;
}

/** The counts' table (src/adapters/db/kysely-throttle-store.ts). Times are epoch milliseconds. */
export interface ThrottleStore {
  /**
   * Count an attempt under `key` (a new window if the key's window started `windowMs` ago or more); returns
   * the count in the window, this attempt included, and when the window started.
   */
  hit(key: string, now: number, windowMs: number): Promise<{ attempts: number; windowStart: number }>;
  /** Take back one counted attempt. */
  forgive(key: string): Promise<void>;
  /** Forget the key. */
  reset(key: string): Promise<void>;
  /** Remove keys whose window started before `before`. */
  prune(before: number): Promise<void>;
}

/** An attempt let through: take it back if it turns out not to count, or reset a key when it succeeds. */
export interface Admitted {
  forgive(): Promise<void>;
  reset(key: string): Promise<void>;
}

export class Throttle {
  private lastPrune = 0;

  constructor(
    private readonly store: ThrottleStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Count an attempt under each rule in turn: `{ waitMs }` (refused, nothing counted) or the admitted attempt.
   * The rules are counted one after the other, the most specific first, and an attempt refused by one rule is
   * never counted under the next: otherwise concurrent attempts, counted under two keys in different orders,
   * could each be refused by a different key, and fewer than a rule's attempts would be admitted.
   */
  async attempt(rules: ThrottleRule[]): Promise<{ waitMs: number } | { admitted: Admitted }> {
    const now = this.now();
    await this.prune(now, Math.max(24 * 60 * 60_000, ...rules.map((r) => r.windowMs)));
    const keys: string[] = [];
    for (const rule of rules) {
      const key = hashed(rule.key);
      keys.push(key);
      const counted = await this.store.hit(key, now, rule.windowMs);
      if (counted.attempts > rule.attempts) {
        // a refused attempt is not counted: the window of a key that keeps trying ends all the same
        await Promise.all(keys.map((k) => this.store.forgive(k)));
        return { waitMs: Math.max(1, counted.windowStart + rule.windowMs - now) };
      }
    }
    return {
      admitted: {
        forgive: () => Promise.all(keys.map((k) => this.store.forgive(k))).then(() => undefined),
        reset: (key) => this.store.reset(hashed(key)),
      },
    };
  }

  /** Keys whose window started a day (or the longest window) ago are removed, at most once a minute per process. */
  private async prune(now: number, windowMs: number): Promise<void> {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    await this.store.prune(now - windowMs).catch(() => undefined);
  }
}

const hashed = (key: string) => createHash('sha256').update(key).digest('hex');
