/**
 * Review clocks as the desk shows them: calendar days the clock ran (stopped periods excluded), days left
 * against the target, and work queues ordered by urgency. Mirrors the server's clock (src/core/workflows/
 * clock.ts) so a queue can be ordered without one request per record.
 */
import type { ClockEvent } from '../types';

const DAY = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to.slice(0, 10)}T00:00:00Z`) - Date.parse(`${from.slice(0, 10)}T00:00:00Z`)) / DAY,
  );
}

export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

const runs = (t: ClockEvent['type']) => t === 'start' || t === 'resume';

/** Calendar days the clock has run up to `asOf`. */
export function elapsedDays(clock: readonly ClockEvent[], asOf: string): number {
  let days = 0;
  let since: string | null = null;
  for (const e of clock) {
    if (e.on > asOf) break;
    if (runs(e.type)) since = e.on;
    else if (since !== null) {
      days += daysBetween(since, e.on);
      since = null;
    }
  }
  if (since !== null) days += Math.max(0, daysBetween(since, asOf));
  return days;
}

export type ClockPhase = 'not_started' | 'running' | 'stopped' | 'ended';

export interface ClockStatus {
  phase: ClockPhase;
  elapsed: number;
  target: number;
  remaining: number;
  overdue: boolean;
  /** elapsed / target, for a bar (may exceed 1) */
  share: number;
}

export function clockStatus(clock: readonly ClockEvent[], target: number, asOf: string): ClockStatus {
  const last = clock[clock.length - 1];
  const phase: ClockPhase = !last
    ? 'not_started'
    : last.type === 'end'
      ? 'ended'
      : last.type === 'stop'
        ? 'stopped'
        : 'running';
  const elapsed = elapsedDays(clock, asOf);
  const remaining = target - elapsed;
  return {
    phase,
    elapsed,
    target,
    remaining,
    overdue: phase !== 'ended' && elapsed > target,
    share: target > 0 ? elapsed / target : 0,
  };
}

export interface QueueKey {
  clock: readonly ClockEvent[];
  target: number;
  /** when the record started waiting for this desk (submission), for records whose clock has not started */
  waitingSince: string;
  /** the desk has nothing left to do */
  done: boolean;
}

/**
 * A work queue: open work first, the least time left first (overdue at the top); work whose clock has not
 * started yet (submitted, waiting to be registered or circulated) counts its days since submission. Finished
 * records go last, most recent first.
 */
export function orderQueue<T>(rows: readonly T[], key: (row: T) => QueueKey, asOf: string): T[] {
  const score = (row: T) => {
    const k = key(row);
    const elapsed = k.clock.length
      ? elapsedDays(k.clock, asOf)
      : Math.max(0, daysBetween(k.waitingSince, asOf));
    return { done: k.done, remaining: k.target - elapsed, since: k.waitingSince };
  };
  return rows
    .map((row, i) => ({ row, i, s: score(row) }))
    .sort((a, b) => {
      if (a.s.done !== b.s.done) return a.s.done ? 1 : -1;
      if (a.s.done) return b.s.since.localeCompare(a.s.since) || a.i - b.i;
      return a.s.remaining - b.s.remaining || a.s.since.localeCompare(b.s.since) || a.i - b.i;
    })
    .map((x) => x.row);
}
