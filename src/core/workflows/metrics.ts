/**
 * The figures the HTWG follows (2011 JCCT Action Plan): MOFCOM review days of End-User Statements per month
 * against the target, VEU applications pending and decided within 30 days, and license processing days by
 * ECCN. Pure functions over records.
 */
import { elapsedDays } from './clock.js';
import type { HolidayCalendar } from '../rules/schema.js';
import {
  eusReviewTime,
  type EusRequestData,
  type EusReviewTime,
  type EusState,
} from './end-user-statement.js';
import type { LicenseApplicationData, LicenseState } from './license-application.js';
import { ERC_DAYS, type VeuApplicationData, type VeuAppState } from './veu.js';

/** Nearest-rank percentile of a non-empty list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
const summary = (values: number[]) => ({ median: median(values), mean: mean(values) });
const union = (lists: number[][]) => [...new Set(lists.flat())].sort((a, b) => a - b);

export interface EusMonth {
  month: string;
  decided: number;
  /** Net calendar days (the clock's days, stops excluded), as compared with the target. */
  medianDays: number;
  p90Days: number;
  withinTarget: number;
  shareWithinTarget: number;
  /** Gross (received to decision) and net (without the days waiting for the importer), calendar days. */
  calendarDays: { gross: { median: number; mean: number }; net: { median: number; mean: number } };
  /**
   * The same in PRC working days; null when a decided request's period depends on a holiday notice the
   * calendar lacks (`notCovered`). `unconfirmed` names the years counted from unconfirmed notices.
   */
  workingDays: {
    gross: { median: number; mean: number } | null;
    net: { median: number; mean: number } | null;
    unconfirmed: number[];
    notCovered: number[];
  };
}

/** MOFCOM review time of decided End-User Statement requests, by month of decision. */
export function mofcomReviewByMonth(
  requests: { state: EusState; data: EusRequestData }[],
  calendar: HolidayCalendar,
): EusMonth[] {
  const byMonth = new Map<string, EusReviewTime[]>();
  for (const r of requests) {
    if (!r.data.decidedOn || (r.state !== 'issued' && r.state !== 'refused')) continue;
    const month = r.data.decidedOn.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), eusReviewTime(r.data, r.data.decidedOn, calendar)]);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, rows]) => {
      const net = rows.map((r) => r.calendarDays.net);
      const within = rows.filter((r) => r.withinTarget).length;
      const notCovered = union(rows.map((r) => r.workingDays.notCovered));
      const working = (pick: (r: EusReviewTime) => number | null) =>
        notCovered.length ? null : summary(rows.map((r) => pick(r) as number));
      return {
        month,
        decided: rows.length,
        medianDays: median(net),
        p90Days: percentile(net, 90),
        withinTarget: within,
        shareWithinTarget: within / rows.length,
        calendarDays: { gross: summary(rows.map((r) => r.calendarDays.gross)), net: summary(net) },
        workingDays: {
          gross: working((r) => r.workingDays.gross),
          net: working((r) => r.workingDays.net),
          unconfirmed: union(rows.map((r) => r.workingDays.unconfirmed)),
          notCovered,
        },
      };
    });
}

export function veuApplicationFigures(
  apps: { state: VeuAppState; data: VeuApplicationData }[],
  asOf: string,
) {
  const pending = apps.filter((a) => ['submitted', 'under_review', 'info_requested'].includes(a.state));
  const decided = apps.filter((a) => ['approved', 'published', 'denied'].includes(a.state));
  const days = decided.map((a) => elapsedDays(a.data.clock, a.data.decidedOn ?? asOf));
  const within = days.filter((d) => d <= ERC_DAYS).length;
  return {
    pending: pending.length,
    pendingOverdue: pending.filter((a) => elapsedDays(a.data.clock, asOf) > ERC_DAYS).length,
    decided: decided.length,
    approved: apps.filter((a) => a.state === 'approved' || a.state === 'published').length,
    decidedWithin30Days: within,
    shareDecidedWithin30Days: decided.length ? within / decided.length : null,
    medianDays: days.length ? median(days) : null,
  };
}

/** License processing days (registration to decision, stops excluded) by ECCN of the items applied for. */
export function licenseDaysByEccn(apps: { state: LicenseState; data: LicenseApplicationData }[]) {
  const byEccn = new Map<string, number[]>();
  for (const a of apps) {
    if (!a.data.decidedOn || !a.data.registeredOn) continue;
    const days = elapsedDays(a.data.clock, a.data.decidedOn);
    for (const eccn of new Set(a.data.items.map((i) => i.eccn.split('.')[0] as string)))
      byEccn.set(eccn, [...(byEccn.get(eccn) ?? []), days]);
  }
  return [...byEccn.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([eccn, days]) => ({
      eccn,
      decided: days.length,
      medianDays: median(days),
      p90Days: percentile(days, 90),
      maxDays: Math.max(...days),
    }));
}
