/**
 * Transactions (a proposed export with its frozen determination) and holds. A transaction with an open hold
 * cannot be marked shipped; releasing a hold needs a reason and a user. Shipping also needs an answer that
 * authorizes it: NLR, a license exception, VEU (with the VEU's certification on file), or a license.
 */
import type { CheckInput, CheckResult } from '../../contracts/check.js';
import { HttError } from '../errors.js';
import { nextState, type Machine } from './machine.js';
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

export interface ShipCheck {
  openHolds: number;
  license?: { valid: boolean; why?: string };
  eusIssued?: boolean;
  veuCertified?: boolean;
}

/** Can the transaction be marked shipped? Throws the reason it cannot. */
export function assertShippable(
  state: TransactionState,
  data: TransactionData,
  role: Role,
  check: ShipCheck,
): TransactionState {
  const to = nextState(transactionMachine, state, 'ship', role);
  if (check.openHolds > 0)
    throw new HttError({
      code: 'CASE.HOLD_OPEN',
      message: `${check.openHolds} open hold(s) block shipment; release them with a reason first`,
    });
  const auth = data.determination.result.authorization;
  const docs = data.determination.result.documents.map((d) => d.type);
  switch (auth) {
    case 'INDETERMINATE':
      throw new HttError({
        code: 'CASE.INVALID_TRANSITION',
        message: 'the determination is INDETERMINATE: give the missing inputs and recheck before shipping',
      });
    case 'LICENSE':
      if (!data.licenseId || !check.license?.valid) {
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: `a license is required: ${check.license?.why ?? 'attach an issued license to the transaction'}`,
        });
      }
      if (docs.includes('PRC_END_USER_STATEMENT') && !check.eusIssued) {
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message:
            'no shipment may go until the license holder has a copy of the PRC End-User Statement (§748.9(e)(1))',
        });
      }
      break;
    case 'VEU':
      if (!check.veuCertified)
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: "record the VEU's certification before the first export under VEU (§748.15(e))",
        });
      break;
    default:
      break;
  }
  return to;
}
