import { describe, expect, it } from 'vitest';
import { Throttle, type ThrottleStore } from './rate-limit.js';

/** The counts in memory, each call finishing after a random turn of the event loop, so attempts interleave. */
class ShuffledStore implements ThrottleStore {
  readonly counts = new Map<string, { attempts: number; windowStart: number }>();
  private seed = 7;
  private async turn(): Promise<void> {
    this.seed = (this.seed * 1103515245 + 12345) % 2 ** 31;
    for (let i = (this.seed >> 8) % 40; i > 0; i--) await new Promise((r) => setImmediate(r));
  }
  async hit(key: string, now: number, windowMs: number) {
    await this.turn();
    const c = this.counts.get(key);
    const next =
      !c || c.windowStart <= now - windowMs
        ? { attempts: 1, windowStart: now }
        : { attempts: c.attempts + 1, windowStart: c.windowStart };
    this.counts.set(key, next);
    await this.turn();
    return { ...next };
  }
  async forgive(key: string) {
    await this.turn();
    const c = this.counts.get(key);
    if (c && c.attempts > 0) c.attempts -= 1;
  }
  async reset(key: string) {
    this.counts.delete(key);
  }
  async prune() {}
}

describe('Throttle', () => {
  const rules = [
    { key: 'a@example.com|192.0.2.1', attempts: 3, windowMs: 60_000 },
    { key: '192.0.2.1', attempts: 8, windowMs: 60_000 },
  ];

  it('admits exactly the most specific rule\u2019s attempts of a concurrent burst, and refuses the rest', async () => {
    for (let round = 0; round < 20; round++) {
      const throttle = new Throttle(new ShuffledStore(), () => 1_000_000);
      const outcomes = await Promise.all(Array.from({ length: 20 }, () => throttle.attempt(rules)));
      expect(outcomes.filter((o) => 'admitted' in o).length).toBe(3);
      for (const o of outcomes) if ('waitMs' in o) expect(o.waitMs).toBe(60_000);
    }
  });

  it('counts an attempt refused by the first rule under no other rule', async () => {
    const store = new ShuffledStore();
    const throttle = new Throttle(store, () => 1_000_000);
    for (let i = 0; i < 10; i++) await throttle.attempt(rules);
    // 3 admitted (and kept: wrong passwords), 7 refused and taken back
    expect([...store.counts.values()].map((c) => c.attempts).sort()).toEqual([3, 3]);
  });

  it('throttles one address across many accounts, and a new window lets the key try again', async () => {
    let now = 1_000_000;
    const throttle = new Throttle(new ShuffledStore(), () => now);
    const spray = (i: number) =>
      throttle.attempt([
        { key: `user${i}@example.com|192.0.2.2`, attempts: 3, windowMs: 60_000 },
        { key: '192.0.2.2', attempts: 8, windowMs: 60_000 },
      ]);
    const first = [];
    for (let i = 0; i < 10; i++) first.push('admitted' in (await spray(i)));
    expect(first.filter(Boolean).length).toBe(8);
    now += 60_000;
    expect('admitted' in (await spray(11))).toBe(true);
  });
});
