import { afterEach, describe, expect, it, vi } from 'vitest';
import { Remembered } from './remembered.js';

describe('Remembered', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps a loaded value for its time, then loads again', async () => {
    vi.useFakeTimers();
    const r = new Remembered<number>(1000);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect([await r.get('k', load), await r.get('k', load)]).toEqual([1, 1]);
    vi.advanceTimersByTime(1000);
    expect(await r.get('k', load)).toBe(2);
  });

  it('does not remember a load that a forget() overtook, nor anything without a key or a time', async () => {
    const r = new Remembered<string>(60_000);
    let release!: (v: string) => void;
    const slow = r.get('k', () => new Promise<string>((res) => (release = res)));
    r.forget();
    release('old');
    expect(await slow).toBe('old');
    expect(await r.get('k', () => Promise.resolve('new'))).toBe('new');
    let loads = 0;
    await r.get(undefined, () => Promise.resolve(String(++loads)));
    await r.get(undefined, () => Promise.resolve(String(++loads)));
    const none = new Remembered<number>(0);
    await none.get('k', () => Promise.resolve(++loads));
    await none.get('k', () => Promise.resolve(++loads));
    expect(loads).toBe(4);
  });
});
