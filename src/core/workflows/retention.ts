/**
 * Part 762 retention: records are kept five years from the latest of the export, any known reexport,
 * transfer (in-country), transshipment or diversion, or any other termination of the transaction
 * (15 CFR 762.6(a)).
 */
export const RETENTION_YEARS = 5;

/** The date until which a record must be kept, or null while no event has happened yet. */
export function retainUntil(eventDates: (string | undefined | null)[]): string | null {
  const dates = eventDates.filter((d): d is string => !!d).sort();
  const latest = dates[dates.length - 1];
  if (!latest) return null;
  const [y, m, d] = latest.split('-').map(Number) as [number, number, number];
  // 29 February rolls to 1 March when the target year has none
  const target = new Date(Date.UTC(y + RETENTION_YEARS, m - 1, d));
  return target.toISOString().slice(0, 10);
}
