/**
 * Dates the desk checks at the field before the server does (src/app/records/context.ts `eventDate`): an
 * action is dated today, or earlier within the back-dating window with a reason, never in the future and
 * never before the record's own earlier dates. A check date is a date the rules can answer for: not before
 * the desk's earliest plausible date and not more than a year ahead (the desk's guard against typing 1990
 * or 2099, not a rule of the EAR).
 */
import { daysBetween } from './clock';

/** The server's default back-dating window in days (HTT_BACKDATE_DAYS). */
export const BACKDATE_DAYS = 30;
/** A check date before this is refused at the field (the desk's guard; the rule data start later). */
export const EARLIEST_CHECK_DATE = '2000-01-01';
/** How far ahead a check may be dated (a planned shipment). */
export const CHECK_DAYS_AHEAD = 366;

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const valid = (d: string) => ISO.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`));

export interface DateProblem {
  key: string;
  values?: Record<string, string | number>;
}

/** What is wrong with an action's date, or null. `earliest`: the record's last earlier date (its submission, a decision). */
export function actionDateProblem(
  on: string,
  today: string,
  opts: { earliest?: string | undefined; backdateDays?: number; backdateReason?: string } = {},
): DateProblem | null {
  if (!on) return null; // the server dates it today
  if (!valid(on)) return { key: 'date.err.format' };
  if (on > today) return { key: 'date.err.future', values: { today } };
  const earliest = opts.earliest?.slice(0, 10);
  if (earliest && on < earliest) return { key: 'date.err.beforeRecord', values: { date: earliest } };
  const days = opts.backdateDays ?? BACKDATE_DAYS;
  if (daysBetween(on, today) > days) return { key: 'date.err.tooFarBack', values: { days } };
  if (on < today && opts.backdateReason !== undefined && !opts.backdateReason.trim())
    return { key: 'date.err.backdateReason' };
  return null;
}

/** What is wrong with a check's "as of" date, or null. */
export function checkDateProblem(asOf: string, today: string): DateProblem | null {
  if (!asOf) return null;
  if (!valid(asOf)) return { key: 'date.err.format' };
  if (asOf < EARLIEST_CHECK_DATE) return { key: 'date.err.tooEarly', values: { date: EARLIEST_CHECK_DATE } };
  if (daysBetween(today, asOf) > CHECK_DAYS_AHEAD)
    return { key: 'date.err.tooFarAhead', values: { days: CHECK_DAYS_AHEAD } };
  return null;
}

/** The latest of a record's own dates (its creation, clock events, decisions): an action cannot predate it. */
export function latestDate(...dates: readonly (string | undefined | null)[]): string | undefined {
  const ds = dates.filter((d): d is string => !!d).map((d) => d.slice(0, 10));
  return ds.length ? ds.sort().at(-1) : undefined;
}
