/**
 * Transactions (a proposed export with its frozen determination) and holds. Releasing a hold needs a reason
 * and a user. Whether a lot may ship is the release gate's answer (release-gate.ts), never this record's.
 */
import type { CheckInput, CheckResult } from '../../contracts/check.js';
import { HttError } from '../errors.js';
import type { Machine } from './machine.js';
import type { LineUse } from './release-gate.js';
import type { Role } from './roles.js';

export const transactionStates = ['open', 'shipped', 'cancelled'] as const;
export type TransactionState = (typeof transactionStates)[number];
export const transactionActions = ['recheck', 'ship', 'cancel', 'record_reexport'] as const;
export type TransactionAction = (typeof transactionActions)[number];

export const transactionMachine: Machine<TransactionState, TransactionAction> = {
  name: 'Transaction',
  states: transactionStates,
  actions: transactionActions,
  transitions: [
    {
      action: 'recheck',
      from: ['open'],
      to: 'open',
      roles: ['compliance_officer'],
      describe: 'run the check again (new date, inputs or lists) and freeze the new answer',
    },
    {
      action: 'ship',
      from: ['open'],
      to: 'shipped',
      roles: ['compliance_officer'],
      describe: 'record the export; blocked by any open hold',
    },
    {
      action: 'cancel',
      from: ['open'],
      to: 'cancelled',
      roles: ['compliance_officer'],
      describe: 'cancel the transaction',
    },
    {
      action: 'record_reexport',
      from: ['shipped'],
      to: 'shipped',
      roles: ['compliance_officer'],
      describe: 'record a known reexport, transfer or diversion (extends retention, §762.6(a))',
    },
  ],
};

/** The determination as it was given, frozen with everything needed to replay it. */
export interface FrozenDetermination {
  input: CheckInput;
  result: CheckResult;
  ruleSet: string;
  lists: string;
  checkedAt: string;
}

export interface ShipmentRecord {
  on: string;
  backdated?: { recordedOn: string; reason: string };
  authority: 'NLR' | 'LICENSE_EXCEPTION' | 'LICENSE' | 'VEU';
  determination: FrozenDetermination;
  licenseLines: LineUse[];
  statementLines: { statementId: string; lines: LineUse[] }[];
  notes: string[];
}

export interface TransactionData {
  exporterOrgId: string;
  reference: string;
  counterpartyIds: string[];
  determination: FrozenDetermination;
  /**
   * Earlier determinations, as records written before issue 14 kept them. No longer written: each
   * determination is in the audit log by reference (the case file lists them).
   */
  history?: FrozenDetermination[];
  licenseId?: string;
  eusRequestId?: string;
  veuEntryId?: string;
  shippedOn?: string;
  /** What the release gate recorded: the determination on the ship date and what the lot used. */
  shipment?: ShipmentRecord;
  reexports: { on: string; note: string }[];
  cancelledReason?: string;
}

export const holdStates = ['open', 'released'] as const;
export type HoldState = (typeof holdStates)[number];

export interface HoldData {
  transactionId: string;
  orgIds: string[];
  source: 'screening' | 'determination' | 'manual';
  reason: string;
  openedBy: string;
  openedOn: string;
  counterpartyId?: string;
  /** For a screening hold: the party's name and the listed entries that matched it. */
  party?: string;
  entryIds?: string[];
  /** Analysts' documented decisions that a listed entry is not this party (the first pair of eyes). */
  clearances?: { entryId: string; by: string; on: string; reason: string }[];
  releasedBy?: string;
  releasedOn?: string;
  releaseReason?: string;
  /** How a screening hold was released: a new determination, or a false positive cleared by another person. */
  releaseBasis?: ReleaseBasis;
}

export const releaseBases = ['redetermined', 'false_positive'] as const;
export type ReleaseBasis = (typeof releaseBases)[number];

/** What the release of a hold is judged on. */
export interface ReleaseFacts {
  basis?: ReleaseBasis;
  /** For `redetermined`: the listed entries that still match the party on a check run now. */
  stillMatching?: string[];
}

export function openHold(input: Omit<HoldData, 'releasedBy' | 'releasedOn' | 'releaseReason'>): HoldData {
  if (!input.reason.trim())
    throw new HttError({ code: 'INPUT.INVALID', message: 'a hold needs a reason', field: 'reason' });
  return { ...input };
}

/** The first pair of eyes: an analyst documents that a listed entry of a screening hold is not this party. */
export function clearHoldEntry(
  state: HoldState,
  data: HoldData,
  entryId: string,
  by: string,
  on: string,
  reason: string,
): HoldData {
  if (state !== 'open')
    throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: 'the hold is already released' });
  if (data.source !== 'screening')
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: 'only a screening hold has listed entries to clear',
    });
  if (!(data.entryIds ?? []).includes(entryId))
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `${entryId} is not a listed entry of this hold (${(data.entryIds ?? []).join(', ') || 'none recorded'})`,
      field: 'entryId',
    });
  if (!reason.trim())
    throw new HttError({ code: 'INPUT.INVALID', message: 'a clearance needs a reason', field: 'reason' });
  return { ...data, clearances: [...(data.clearances ?? []), { entryId, by, on, reason: reason.trim() }] };
}

/**
 * Release a hold with a reason. A screening hold (a possible listed party) needs more: either a new
 * determination in which the party no longer matches a listed entry (`redetermined`), or every matched entry
 * cleared as a false positive by someone other than the person releasing it (`false_positive`: four eyes).
 */
export function releaseHold(
  state: HoldState,
  data: HoldData,
  by: string,
  role: Role,
  on: string,
  reason: string,
  facts: ReleaseFacts = {},
): { state: HoldState; data: HoldData } {
  if (state !== 'open')
    throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: 'the hold is already released' });
  if (role !== 'compliance_officer')
    throw new HttError({ code: 'CASE.FORBIDDEN', message: `a ${role} may not release a hold` });
  if (!reason.trim())
    throw new HttError({
      code: 'INPUT.INVALID',
      message: 'releasing a hold needs a reason',
      field: 'reason',
    });
  if (data.source === 'screening') {
    if (!facts.basis)
      throw new HttError({
        code: 'INPUT.INVALID',
        message:
          'a screening hold is released on a new determination (basis redetermined) or on false-positive clearances by another person (basis false_positive)',
        field: 'basis',
      });
    if (facts.basis === 'redetermined' && (facts.stillMatching ?? []).length)
      throw new HttError({
        code: 'CASE.INVALID_TRANSITION',
        message: `on a check run now, ${data.party ?? 'the party'} still matches ${facts.stillMatching!.join(', ')}: clear the entries as false positives (four eyes) or keep the hold`,
      });
    if (facts.basis === 'false_positive') {
      const entries = data.entryIds ?? [];
      const uncleared = entries.filter((e) => !(data.clearances ?? []).some((c) => c.entryId === e));
      if (!entries.length || uncleared.length)
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: entries.length
            ? `entries not cleared yet: ${uncleared.join(', ')}`
            : 'this hold records no listed entries to clear; release it on a new determination',
        });
      const own = (data.clearances ?? []).filter((c) => entries.includes(c.entryId) && c.by === by);
      if (own.length)
        throw new HttError({
          code: 'CASE.FORBIDDEN',
          message: `four eyes: ${own.map((c) => c.entryId).join(', ')} ${own.length > 1 ? 'were' : 'was'} cleared by the person releasing the hold; another person must release it`,
        });
    }
  }
  return {
    state: 'released',
    data: {
      ...data,
      releasedBy: by,
      releasedOn: on,
      releaseReason: reason.trim(),
      ...(data.source === 'screening' && facts.basis ? { releaseBasis: facts.basis } : {}),
    },
  };
}

/** The holds a determination itself calls for: INDETERMINATE answers and screening hits to review. */
export type HoldRequest = Pick<HoldData, 'source' | 'reason' | 'party' | 'entryIds'>;

export function holdsForDetermination(result: CheckResult, input: CheckInput): HoldRequest[] {
  const holds: HoldRequest[] = [];
  if (result.authorization === 'INDETERMINATE') {
    holds.push({
      source: 'determination',
      reason: `INDETERMINATE: missing ${result.missing.map((m) => m.input).join(', ')}`,
    });
  }
  for (const s of result.screening) {
    if (s.hits.length && !s.applied) {
      const party = input.parties[s.party]?.name ?? `party ${s.party}`;
      holds.push({
        source: 'screening',
        reason: `${party} has ${s.hits.length} screening hit(s) while its lists were stated: review them`,
        party,
        entryIds: s.hits.map((h) => h.id),
      });
    }
  }
  return holds;
}
