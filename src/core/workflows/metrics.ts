/**
 * The figures the HTWG follows (2011 JCCT Action Plan): MOFCOM review days of End-User Statements per month
 * against the target, VEU applications pending and decided within 30 days, and license processing days by
 * ECCN. Pure functions over records.
 */
import { elapsedDays } from './clock.js';
import type { EusRequestData, EusState } from './end-user-statement.js';
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

export interface EusMonth {
  month: string;
  decided: number;
  medianDays: number;
  p90Days: number;
  withinTarget: number;
  shareWithinTarget: number;
}

/** MOFCOM review days of decided End-User Statement requests, by month of decision. */
export function mofcomReviewByMonth(requests: { state: EusState; data: EusRequestData }[]): EusMonth[] {
  const byMonth = new Map<string, { days: number; within: boolean }[]>();
  for (const r of requests) {
    if (!r.data.decidedOn || (r.state !== 'issued' && r.state !== 'refused')) continue;
    const days = elapsedDays(r.data.clock, r.data.decidedOn);
    const month = r.data.decidedOn.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), { days, within: days <= r.data.targetDays }]);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, rows]) => {
      const days = rows.map((r) => r.days);
      const within = rows.filter((r) => r.within).length;
      return {
        month,
        decided: rows.length,
        medianDays: median(days),
        p90Days: percentile(days, 90),
        withinTarget: within,
        shareWithinTarget: within / rows.length,
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
