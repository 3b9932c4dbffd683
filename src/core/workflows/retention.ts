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
import { HttError } from '../errors.js';
import type { Role } from './roles.js';

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

export const legalHoldStates = ['open', 'released'] as const;
export type LegalHoldState = (typeof legalHoldStates)[number];

export interface LegalHoldData {
  scope: LegalHoldScope;
  basis: LegalHoldBasis;
  /** Who asked for the records (e.g. "BIS Office of Export Enforcement"), or who investigates. */
  authority: string;
  /** The request's own reference (letter, subpoena, case number), when it has one. */
  requestReference?: string;
  reason: string;
  placedBy: { userId: string; role: Role; orgId: string; on: string };
  released?: { userId: string; role: Role; on: string; authorization: string; reason: string };
}

/**
 * Release a legal hold. §762.6(b) lets the records go only with "the written authorization of the agency
 * concerned": its reference is required. A hold BIS placed is released by BIS (a bis_officer of the same
 * organisation); a hold the organisation placed (an investigation, or a request it received from another
 * agency) by a compliance officer or administrator of that organisation. Never by the person who placed it
 * (four eyes).
 */
export function releaseLegalHold(
  state: LegalHoldState,
  data: LegalHoldData,
  by: { userId: string; role: Role; orgId: string },
  on: string,
  authorization: string,
  reason: string,
): { state: LegalHoldState; data: LegalHoldData; retainUntil: string } {
  if (state !== 'open')
    throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: `the legal hold is already ${state}` });
  if (!authorization.trim())
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `releasing a legal hold needs the reference of the written authorization (${LEGAL_HOLD_CITATION})`,
      field: 'authorization',
    });
  if (!reason.trim())
    throw new HttError({ code: 'INPUT.INVALID', message: 'releasing needs a reason', field: 'reason' });
  const placer = data.placedBy;
  const may =
    by.orgId === placer.orgId &&
    (placer.role === 'bis_officer'
      ? by.role === 'bis_officer'
      : by.role === 'compliance_officer' || by.role === 'admin');
  if (!may)
    throw new HttError({
      code: 'CASE.FORBIDDEN',
      message:
        placer.role === 'bis_officer'
          ? 'a hold BIS placed is released by BIS, on its written authorization'
          : "a hold the organisation placed is released by its compliance officer or administrator, on the requester's written authorization",
    });
  if (by.userId === placer.userId)
    throw new HttError({
      code: 'CASE.FORBIDDEN',
      message: 'the person who placed a legal hold may not release it (four eyes)',
    });
  return {
    state: 'released',
    data: { ...data, released: { userId: by.userId, role: by.role, on, authorization, reason } },
    // the hold itself is correspondence on the request (§762.2(a)(4)): kept five years from its end
    retainUntil: fiveYearsAfter(on),
  };
}
