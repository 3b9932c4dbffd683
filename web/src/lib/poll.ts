/**
 * Live refresh by polling with backoff (issue 15): `refresh` runs every `base` ms while the page is visible;
 * each poll that brings nothing new doubles the wait up to `max`, a change brings it back to `base`. A hidden
 * tab does not poll; coming back to it refreshes at once. Pure timing lives in `nextDelay` (tested).
 */
import { useEffect, useRef } from 'react';

export const POLL_BASE_MS = 15_000;
export const POLL_MAX_MS = 120_000;

export function nextDelay(current: number, changed: boolean, base = POLL_BASE_MS, max = POLL_MAX_MS): number {
  return changed ? base : Math.min(max, Math.max(base, current * 2));
}

/**
 * Poll `refresh` (which resolves when the data is in); `fingerprint` is what the data looks like now, so a
 * poll can tell whether it changed anything.
 */
export function usePoll(
  refresh: () => Promise<unknown> | void,
  fingerprint: string,
  base = POLL_BASE_MS,
  max = POLL_MAX_MS,
): void {
  const latest = useRef({ refresh, fingerprint });
  latest.current = { refresh, fingerprint };
  useEffect(() => {
    let delay = base;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      if (stopped) return;
      if (document.visibilityState === 'visible') {
        const before = latest.current.fingerprint;
        try {
          await latest.current.refresh();
          // let React render the new data before comparing
          await new Promise((r) => setTimeout(r, 0));
          delay = nextDelay(delay, latest.current.fingerprint !== before, base, max);
        } catch {
          delay = nextDelay(delay, false, base, max);
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), delay);
    };
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      clearTimeout(timer);
      delay = base;
      void tick();
    };
    timer = setTimeout(() => void tick(), delay);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [base, max]);
}
