/**
 * The PRC public-holiday calendar (regulations/prc/holidays.yaml): one entry per annual notice of the General
 * Office of the State Council (国务院办公厅关于YYYY年部分节假日安排的通知), with its days off and the weekend days
 * it declares working days (调休). Counts PRC working days honestly: a count over a year whose notice is not in
 * the data is not computable (null), and a count relying on an unconfirmed notice says so.
 */
import { HttError } from '../errors.js';
import { addDays, isWeekend } from './dates.js';
import type { HolidayCalendar, HolidaysFile } from './schema.js';

/** Build the calendar from the parsed file; two notices may not disagree on a day. */
export function buildHolidayCalendar(file: HolidaysFile): HolidayCalendar {
  const days = new Map<string, boolean>();
  const set = (date: string, off: boolean, year: number) => {
    if (days.has(date) && days.get(date) !== off)
      throw new HttError({
        code: 'RULES.INVALID',
        message: `regulations/prc/holidays.yaml: the ${year} notice contradicts another on ${date}`,
      });
    days.set(date, off);
  };
  for (const n of file.notices) {
    for (const r of n.offDays) for (let d = r.from; d <= r.to; d = addDays(d, 1)) set(d, true, n.year);
    for (const d of n.workingDays) set(d, false, n.year);
  }
  return { notices: new Map(file.notices.map((n) => [n.year, n])), days };
}

/**
 * The notices a date depends on: its year's, and for a December date also the next year's (the New Year
 * holiday of a notice may begin in December, as 2022-12-31 in the 2023 notice).
 */
const noticeYearsOf = (date: string): number[] => {
  const year = Number(date.slice(0, 4));
  return date.slice(5, 7) === '12' ? [year, year + 1] : [year];
};

export interface WorkingDays {
  /** PRC working days, or null when a notice the period depends on is not in the calendar. */
  days: number | null;
  /** Years whose notice the count relied on but which are marked unconfirmed in the data. */
  unconfirmed: number[];
  /** Years whose notice the period depends on and the calendar lacks: the count is not computable. */
  notCovered: number[];
}

/**
 * PRC working days in the periods, each counted like calendar days from `from` to `to`: the days after
 * `from` up to and including `to`. A day is a working day when it is a weekday not off, or a weekend day the
 * notice declares a working day.
 */
export function prcWorkingDays(cal: HolidayCalendar, periods: { from: string; to: string }[]): WorkingDays {
  let days = 0;
  const unconfirmed = new Set<number>();
  const notCovered = new Set<number>();
  for (const p of periods) {
    for (let d = addDays(p.from, 1); d <= p.to; d = addDays(d, 1)) {
      for (const y of noticeYearsOf(d)) {
        const n = cal.notices.get(y);
        if (!n) notCovered.add(y);
        else if (n.confidence === 'unconfirmed') unconfirmed.add(y);
      }
      const off = cal.days.get(d);
      if (off === false || (off === undefined && !isWeekend(d))) days++;
    }
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return {
    days: notCovered.size ? null : days,
    unconfirmed: sorted(unconfirmed),
    notCovered: sorted(notCovered),
  };
}
