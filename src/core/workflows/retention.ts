/**
 * Part 762 retention (eCFR text, 15 CFR 762.6, as amended at 87 FR 57106, Sept. 16, 2022):
 *
 *   "(a) All records required to be kept by the EAR must be retained for five years from the latest of the
 *   following times: (1) The export from the United States of the item involved in the transaction to which
 *   the records pertain [...]; (2) Any known reexport, transfer (in-country), transshipment, or diversion of
 *   such item; (3) Any other termination of the transaction, whether formally in writing or by any other
 *   means; or (4) [boycott records: the date the boycott-related request or requirement is received]."
 *
 * The records are those of §762.2(a): export control documents (licenses, applications, the Statements
 * that support them), correspondence, contracts, and "(10) Notification from BIS of an application being
 * returned without action; notification by BIS of an application being denied". Part 762 also covers "all
 * negotiations connected with those transactions" (§762.1(a)(4)): negotiations that end without an export
 * are a termination under §762.6(a)(3).
 *
 * Each record's date moves with every event that concerns it, and only forward ("the latest of"): one
 * function per event kind, each returning the later of the record's current date and five years after the
 * event. A record none of whose events has happened yet keeps `null`: it is kept, and cannot be deleted.
 * Legal holds (§762.6(b)) are separate (`holdCovers`, below): a held record may not be destroyed whatever
 * its date.
 */
export const RETENTION_YEARS = 5;
export const RETENTION_CITATION = '15 CFR 762.6(a)';

/** Five years after an ISO date (29 February rolls to 1 March when the target year has none). */
export function fiveYearsAfter(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + RETENTION_YEARS, m - 1, d)).toISOString().slice(0, 10);
}

/** The date until which a record must be kept: five years from the latest of the dates given, or null. */
export function retainUntil(eventDates: (string | undefined | null)[]): string | null {
  const latest = eventDates
    .filter((d): d is string => !!d)
    .sort()
    .at(-1);
  return latest ? fiveYearsAfter(latest) : null;
}

/** The later of the current retention date and five years after the event ("the latest of", §762.6(a)). */
function extend(current: string | null, on: string): string {
  const next = fiveYearsAfter(on);
  return current !== null && current > next ? current : next;
}

/**
 * §762.6(a)(1): an export. Moves the shipped transaction and every record the export used: the license it
 * depleted and the application that license was issued on, the End-User Statements it drew down, the VEU
 * entry it shipped under.
 */
export const afterExport = (current: string | null, exportedOn: string): string =>
  extend(current, exportedOn);

/** §762.6(a)(2): a known reexport, transfer (in-country), transshipment or diversion of the item. */
export const afterReexport = (current: string | null, reexportedOn: string): string =>
  extend(current, reexportedOn);

/**
 * §762.6(a)(3): any other termination of the transaction: a transaction cancelled before shipment, an
 * application withdrawn, denied or returned without action (§762.2(a)(10) names the notifications of the
 * last two), a Statement request refused or withdrawn, a VEU application not approved or withdrawn, a
 * Statement cancelled or a VEU entry revoked (the later of this and any export it supported).
 */
export const afterTermination = (current: string | null, terminatedOn: string): string =>
  extend(current, terminatedOn);

// ---------------------------------------------------------------------------------------- legal holds

/** What a legal hold covers: one record, or every record of an organisation (its id in the record's orgIds). */
export type LegalHoldScope = { kind: string; id: string } | { orgId: string };

/**
 * §762.6(b): "If the Bureau of Industry and Security or any other government agency makes a formal or
 * informal request for a certain record or records, such record or records may not be destroyed or disposed
 * of without the written authorization of the agency concerned [...] even if such records have been retained
 * for a period of time exceeding that required by paragraph (a)". An organisation's own investigation
 * (`investigation`) holds records the same way, by its own policy.
 */
export const legalHoldBases = ['agency_request', 'investigation'] as const;
export type LegalHoldBasis = (typeof legalHoldBases)[number];
export const LEGAL_HOLD_CITATION = '15 CFR 762.6(b)';

/** Does an open legal hold of this scope cover the record? */
export function holdCovers(scope: LegalHoldScope, record: { kind: string; id: string; orgIds: string[] }) {
  return 'orgId' in scope
    ? record.orgIds.includes(scope.orgId)
    : scope.kind === record.kind && scope.id === record.id;
}
