/**
 * Calendar-day review clocks that can be stopped and resumed (MOFCOM review of End-User Statements, the
 * EO 12981 / §750.4 license clock, the End-User Review Committee's 30 days). Dates are ISO dates; a clock
 * counts calendar days while running.
 */
import { HttError } from '../errors.js';
import { addDays, daysBetween } from '../rules/dates.js';

export type ClockEventType = 'start' | 'stop' | 'resume' | 'end';
export interface ClockEvent {
  type: ClockEventType;
  on: string; // ISO date
  why?: string;
}
export type Clock = ClockEvent[];

const runningAfter = (t: ClockEventType) => t === 'start' || t === 'resume';

/** Append an event, checking the order (start, then stop/resume pairs, then end) and that dates do not go back. */
export function tick(clock: Clock, event: ClockEvent): Clock {
  const last = clock[clock.length - 1];
  const ok =
    (event.type === 'start' && !last) ||
    (event.type === 'stop' && last && runningAfter(last.type)) ||
    (event.type === 'resume' && last?.type === 'stop') ||
    (event.type === 'end' && last && last.type !== 'end');
  if (!ok)
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `clock: cannot ${event.type} after ${last?.type ?? 'nothing'}`,
    });
  if (last && event.on < last.on) {
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `clock: ${event.type} on ${event.on} is before the previous event (${last.on})`,
      field: 'on',
    });
  }
  return [...clock, event];
}

/** End the clock if it was started and has not ended (a withdrawal at any stage). */
export function endIfOpen(clock: Clock, on: string, why: string): Clock {
  const last = clock[clock.length - 1];
  return last && last.type !== 'end' ? tick(clock, { type: 'end', on, why }) : clock;
}

/** The periods the clock ran up to `asOf` (stopped periods excluded), each from its start to its stop. */
export function runningPeriods(clock: Clock, asOf: string): { from: string; to: string }[] {
  const periods: { from: string; to: string }[] = [];
  let runningSince: string | null = null;
  for (const e of clock) {
    if (e.on > asOf) break;
    if (runningAfter(e.type)) runningSince = e.on;
    else if (runningSince !== null) {
      periods.push({ from: runningSince, to: e.on });
      runningSince = null;
    }
  }
  if (runningSince !== null && runningSince <= asOf) periods.push({ from: runningSince, to: asOf });
  return periods;
}

/** Calendar days the clock has run up to `asOf` (stopped periods excluded). */
export function elapsedDays(clock: Clock, asOf: string): number {
  return runningPeriods(clock, asOf).reduce((n, p) => n + daysBetween(p.from, p.to), 0);
}

export function isRunning(clock: Clock): boolean {
  const last = clock[clock.length - 1];
  return !!last && runningAfter(last.type);
}

export function startedOn(clock: Clock): string | null {
  return clock.find((e) => e.type === 'start')?.on ?? null;
}

/** Days the clock was stopped up to `asOf`. */
export function stoppedDays(clock: Clock, asOf: string): number {
  const start = startedOn(clock);
  if (!start) return 0;
  const end = clock.find((e) => e.type === 'end')?.on ?? asOf;
  return daysBetween(start, end < asOf ? end : asOf) - elapsedDays(clock, asOf);
}

/**
 * The date on which the clock has run `days` days: the day it reached them, if it has; otherwise, counting
 * on from `asOf` as if it runs every day from now (a stopped clock's date moves until it resumes). Null
 * while the clock has not started.
 */
export function dueDate(clock: Clock, days: number, asOf: string): string | null {
  if (!startedOn(clock)) return null;
  let counted = 0;
  let runningSince: string | null = null;
  for (const e of clock) {
    if (e.on > asOf) break;
    if (runningAfter(e.type)) runningSince = e.on;
    else if (runningSince !== null) {
      const ran = daysBetween(runningSince, e.on);
      if (counted + ran >= days) return addDays(runningSince, days - counted);
      counted += ran;
      runningSince = null;
    }
  }
  if (runningSince !== null) return addDays(runningSince, days - counted);
  return addDays(asOf, Math.max(0, days - counted));
}
