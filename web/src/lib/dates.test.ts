import { describe, expect, it } from 'vitest';
import { actionDateProblem, checkDateProblem, latestDate } from './dates';

const today = '2026-12-01';

describe('action dates (the server rules of eventDate)', () => {
  it('accepts today and an empty date (the server dates it today)', () => {
    expect(actionDateProblem(today, today)).toBeNull();
    expect(actionDateProblem('', today)).toBeNull();
  });
  it('refuses a future date', () => {
    expect(actionDateProblem('2026-12-02', today)?.key).toBe('date.err.future');
  });
  it('refuses a date before the record’s own earlier date', () => {
    expect(actionDateProblem('2026-11-20', today, { earliest: '2026-11-25T10:00:00Z' })).toEqual({
      key: 'date.err.beforeRecord',
      values: { date: '2026-11-25' },
    });
  });
  it('refuses a date beyond the back-dating window, and asks for a reason within it', () => {
    expect(actionDateProblem('2026-10-01', today)?.key).toBe('date.err.tooFarBack');
    expect(actionDateProblem('2026-11-28', today, { backdateReason: ' ' })?.key).toBe(
      'date.err.backdateReason',
    );
    expect(actionDateProblem('2026-11-28', today, { backdateReason: 'paper file' })).toBeNull();
  });
  it('refuses a malformed date', () => {
    expect(actionDateProblem('2026-13-45', today)?.key).toBe('date.err.format');
  });
});

describe('check dates', () => {
  it('refuses 1990 and 2099, accepts today and a planned date', () => {
    expect(checkDateProblem('1990-01-01', today)?.key).toBe('date.err.tooEarly');
    expect(checkDateProblem('2099-01-01', today)?.key).toBe('date.err.tooFarAhead');
    expect(checkDateProblem(today, today)).toBeNull();
    expect(checkDateProblem('2027-03-01', today)).toBeNull();
  });
});

describe('latestDate', () => {
  it('takes the latest of the given dates, ignoring gaps', () => {
    expect(latestDate('2026-11-01T09:00:00Z', undefined, '2026-11-20', null)).toBe('2026-11-20');
    expect(latestDate()).toBeUndefined();
  });
});
