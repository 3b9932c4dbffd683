/**
 * What a server process remembers for a short time (sessions, each organisation's screening decisions;
 * docs/SECURITY.md, "Sessions"): values kept for `ttlMs` by key, all forgotten at once after a write through
 * the process. A load that began before a forget() is not remembered after it, so a sign-out or a decision
 * racing a read cannot leave the old value behind. With `ttlMs` 0 nothing is kept.
 */
export class Remembered<V> {
  private generation = 0;
  private readonly byKey = new Map<string, { until: number; value: V }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** The remembered value of `key`, else `load()`'s (remembered unless a forget() came meanwhile). */
  async get(key: string | undefined, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const known = key === undefined ? undefined : this.byKey.get(key);
    if (known && known.until > now) return known.value;
    const seen = this.generation;
    const value = await load();
    if (this.ttlMs > 0 && key !== undefined && seen === this.generation) {
      if (this.byKey.size >= this.maxKeys) this.byKey.clear();
      this.byKey.set(key, { until: now + this.ttlMs, value });
    }
    return value;
  }

  forget(): void {
    this.generation++;
    this.byKey.clear();
  }
}
