/**
 * Failed sign-in counting per key (e-mail and client address) in a sliding window, per server process.
 * Several processes behind one PostgreSQL each count on their own: the limit per key is then at most
 * processes x attempts, which still stops password guessing at scale.
 */
export class RateLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly attempts: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the key may try again (0: now). */
  blockedFor(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.attempts) return 0;
    return (recent[0] as number) + this.windowMs - this.now();
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    if (this.failures.size > 100_000) this.failures.clear();
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  /** Take back the latest attempt counted for the key (a sign-in counted before it was checked succeeded). */
  forgive(key: string): void {
    const recent = this.recent(key);
    recent.pop();
    if (recent.length) this.failures.set(key, recent);
    else this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
