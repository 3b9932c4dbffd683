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
  history: FrozenDetermination[];
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
  releasedBy?: string;
  releasedOn?: string;
  releaseReason?: string;
}

export function openHold(input: Omit<HoldData, 'releasedBy' | 'releasedOn' | 'releaseReason'>): HoldData {
  if (!input.reason.trim())
    throw new HttError({ code: 'INPUT.INVALID', message: 'a hold needs a reason', field: 'reason' });
  return { ...input };
}

export function releaseHold(
  state: HoldState,
  data: HoldData,
  by: string,
  role: Role,
  on: string,
  reason: string,
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
  return {
    state: 'released',
    data: { ...data, releasedBy: by, releasedOn: on, releaseReason: reason.trim() },
  };
}

/** The holds a determination itself calls for: INDETERMINATE answers and screening hits to review. */
export function holdsForDetermination(result: CheckResult): { source: HoldData['source']; reason: string }[] {
  const holds: { source: HoldData['source']; reason: string }[] = [];
  if (result.authorization === 'INDETERMINATE') {
    holds.push({
      source: 'determination',
      reason: `INDETERMINATE: missing ${result.missing.map((m) => m.input).join(', ')}`,
    });
  }
  for (const s of result.screening) {
    if (s.hits.length && !s.applied) {
      holds.push({
        source: 'screening',
        reason: `party ${s.party} has ${s.hits.length} screening hit(s) while its lists were stated: review them`,
      });
    }
  }
  return holds;
}
