import { describe, expect, it } from 'vitest';
import { nextDelay, POLL_BASE_MS, POLL_MAX_MS } from './poll';

describe('polling with backoff', () => {
  it('doubles the wait while nothing changes, up to the maximum', () => {
    const waits: number[] = [];
    let d = POLL_BASE_MS;
    for (let i = 0; i < 6; i++) waits.push((d = nextDelay(d, false)));
    expect(waits).toEqual([30_000, 60_000, 120_000, 120_000, 120_000, 120_000]);
    expect(Math.max(...waits)).toBe(POLL_MAX_MS);
  });
  it('goes back to the base wait when a poll brings something new', () => {
    expect(nextDelay(120_000, true)).toBe(POLL_BASE_MS);
    expect(nextDelay(1_000, false, 2_000, 10_000)).toBe(2_000);
  });
});
