import { describe, expect, it } from 'vitest';
import type { ClockEvent } from '../types';
import { clockStatus, daysBetween, elapsedDays, orderQueue } from './clock';

const ev = (type: ClockEvent['type'], on: string): ClockEvent => ({ type, on });

describe('review clocks', () => {
  it('count calendar days, across months and years', () => {
    expect(daysBetween('2026-01-30', '2026-03-01')).toBe(30);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
  });

  it('leave out the days the clock was stopped', () => {
    const clock = [
      ev('start', '2026-03-01'),
      ev('stop', '2026-03-05'),
      ev('resume', '2026-03-15'),
      ev('end', '2026-03-20'),
    ];
    expect(elapsedDays(clock, '2026-03-03')).toBe(2);
    expect(elapsedDays(clock, '2026-03-10')).toBe(4);
    expect(elapsedDays(clock, '2026-03-17')).toBe(6);
    expect(elapsedDays(clock, '2026-04-30')).toBe(9);
  });

  it('say whether a clock is running, stopped, ended or overdue', () => {
    expect(clockStatus([], 20, '2026-03-01').phase).toBe('not_started');
    const running = clockStatus([ev('start', '2026-03-01')], 20, '2026-03-25');
    expect(running).toMatchObject({ phase: 'running', elapsed: 24, remaining: -4, overdue: true });
    const stopped = clockStatus([ev('start', '2026-03-01'), ev('stop', '2026-03-04')], 20, '2026-05-01');
    expect(stopped).toMatchObject({ phase: 'stopped', elapsed: 3, overdue: false });
    const ended = clockStatus([ev('start', '2026-03-01'), ev('end', '2026-04-01')], 20, '2026-05-01');
    expect(ended).toMatchObject({ phase: 'ended', elapsed: 31, overdue: false });
  });
});

describe('work queues', () => {
  const row = (id: string, clock: ClockEvent[], target: number, waitingSince: string, done = false) => ({
    id,
    key: { clock, target, waitingSince, done },
  });
  const order = (rows: ReturnType<typeof row>[]) =>
    orderQueue(rows, (r) => r.key, '2026-03-21').map((r) => r.id);

  it('put the least time left first, overdue at the top, finished work last', () => {
    const rows = [
      row('fresh', [ev('start', '2026-03-20')], 20, '2026-03-20'),
      row('done', [ev('start', '2026-01-01'), ev('end', '2026-01-10')], 20, '2026-01-01', true),
      row('overdue', [ev('start', '2026-02-20')], 20, '2026-02-20'),
      row('half', [ev('start', '2026-03-11')], 20, '2026-03-11'),
    ];
    expect(order(rows)).toEqual(['overdue', 'half', 'fresh', 'done']);
  });

  it('count the waiting days of work whose clock has not started, against its own target', () => {
    const rows = [
      row('license-running', [ev('start', '2026-03-01')], 90, '2026-03-01'),
      row('awaiting-registration', [], 9, '2026-03-15'),
    ];
    // registration due after 9 days: 6 days waited leaves 3; the running license has 70 left
    expect(order(rows)).toEqual(['awaiting-registration', 'license-running']);
  });

  it('keep the input order between equals', () => {
    const rows = [row('a', [], 20, '2026-03-01'), row('b', [], 20, '2026-03-01')];
    expect(order(rows)).toEqual(['a', 'b']);
  });
});
