import { describe, expect, it } from 'vitest';
import { loadRules } from '../../adapters/regulations/load-rules.js';
import { HttError } from '../errors.js';
import { buildHolidayCalendar, prcWorkingDays } from './prc-holidays.js';
import { holidaysFile } from './schema.js';

const cal = loadRules().prcHolidays;
const count = (from: string, to: string) => prcWorkingDays(cal, [{ from, to }]);

describe('the PRC holiday calendar (regulations/prc/holidays.yaml)', () => {
  it('loads every notice with its citation; a confirmed one names where its text was read', () => {
    expect([...cal.notices.keys()]).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cal.notices.get(2024)).toMatchObject({ number: '国办发明电〔2023〕7号', confidence: 'confirmed' });
    expect(cal.notices.get(2020)?.confidence).toBe('unconfirmed');
    for (const n of cal.notices.values())
      if (n.confidence === 'confirmed') expect(n.readIn.length).toBeGreaterThan(0);
  });

  it('counts the days after the first up to the last, without holidays, with adjusted working weekends', () => {
    // 2024-02-05 (Mon) to 2024-02-19 (Mon): Spring Festival 10-17 off, Sunday 18 worked
    expect(count('2024-02-05', '2024-02-19')).toEqual({ days: 6, unconfirmed: [], notCovered: [] });
    // an ordinary week: Monday to the next Monday is five working days
    expect(count('2024-03-04', '2024-03-11').days).toBe(5);
    // Sunday 2024-02-04 is a working day (调休)
    expect(count('2024-02-03', '2024-02-04').days).toBe(1);
    // National Day 2024: 1-7 October off; 29 September (Sun) and 12 October (Sat) worked
    expect(count('2024-09-28', '2024-10-12').days).toBe(7);
    expect(count('2024-05-06', '2024-05-06').days).toBe(0);
  });

  it('takes a December day from the next year’s notice too (2022-12-31 is in the 2023 notice)', () => {
    expect(cal.days.get('2022-12-31')).toBe(true);
    expect(count('2022-12-30', '2023-01-03')).toEqual({ days: 1, unconfirmed: [], notCovered: [] });
  });

  it('names an unconfirmed notice it relied on', () => {
    expect(count('2020-12-28', '2021-01-05')).toEqual({ days: 5, unconfirmed: [2020], notCovered: [] });
  });

  it('answers null, naming the missing notices, outside the calendar (never weekends only)', () => {
    expect(count('2019-06-03', '2019-06-10')).toEqual({ days: null, unconfirmed: [], notCovered: [2019] });
    // December 2026 depends on the 2027 notice, which is not in the data
    expect(count('2026-11-30', '2026-12-07')).toEqual({ days: null, unconfirmed: [], notCovered: [2027] });
    expect(count('2026-11-23', '2026-11-30').days).toBe(5);
  });

  it('sums several periods (a clock stopped and resumed)', () => {
    expect(
      prcWorkingDays(cal, [
        { from: '2024-03-04', to: '2024-03-11' },
        { from: '2024-03-18', to: '2024-03-20' },
      ]).days,
    ).toBe(7);
  });

  it('refuses a declared working day on a weekday, a confirmed notice without readIn, and contradictions', () => {
    const notice = {
      year: 2030,
      title: 't',
      number: null,
      issued: null,
      url: 'https://www.gov.cn/x',
      readIn: [],
      confidence: 'confirmed',
      offDays: [{ name: 'x', from: '2030-01-01', to: '2030-01-01' }],
      workingDays: ['2030-01-02'],
    };
    const issues = holidaysFile.safeParse({ notices: [notice] });
    expect(issues.success).toBe(false);
    expect(JSON.stringify(issues.error?.issues)).toMatch(/Saturday or a Sunday/);
    expect(JSON.stringify(issues.error?.issues)).toMatch(/readIn/);
    const a = { ...notice, confidence: 'unconfirmed' as const, workingDays: [], unconfirmed: [] };
    const b = {
      ...a,
      year: 2029,
      workingDays: ['2029-12-29'],
      offDays: [{ name: 'y', from: '2030-01-01', to: '2030-01-01' }],
    };
    expect(() =>
      buildHolidayCalendar({
        notices: [
          a,
          { ...b, offDays: [{ name: 'y', from: '2029-12-29', to: '2029-12-29' }] },
          { ...b, year: 2028 },
        ],
      }),
    ).toThrow(HttError);
  });
});
