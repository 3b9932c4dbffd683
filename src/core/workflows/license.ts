/**
 * Issued licenses (15 CFR 750.7, 750.8): what a license authorizes and until when, and what may happen to it
 * after issue. BIS may suspend, reinstate or revoke it, in whole or in part, without notice (§750.8(a)); the
 * licensee may ask for a longer validity while it is valid (§750.7(g)(1)-(2)); non-material changes need no
 * notice to BIS but are kept on record (§750.7(c)(1)); any other change needs a replacement license, which
 * supersedes this one (§750.7(c)(1), (h)(4)); a suspension or revocation may be appealed (part 756).
 */
import type { LicenseItem } from '../../contracts/records.js';
import { HttError } from '../errors.js';
import { addDays } from '../rules/dates.js';
import { splitEccn } from '../determination/paragraphs.js';
import type { LicenseApplicationData, ProcessingPeriods } from './license-application.js';
import { decideAppeal, fileAppeal, type Appeal } from './appeal.js';
import { deadlineError, need, nextState, type Machine } from './machine.js';
import type { Role } from './roles.js';

export const licenseRecordStates = ['valid', 'suspended', 'revoked', 'replaced'] as const;
export type LicenseRecordState = (typeof licenseRecordStates)[number];
export const licenseRecordActions = [
  'suspend',
  'reinstate',
  'revoke',
  'revoke_in_part',
  'request_extension',
  'extend',
  'refuse_extension',
  'record_change',
  'appeal',
  'uphold',
  'reverse',
  'replace',
] as const;
export type LicenseRecordAction = (typeof licenseRecordActions)[number];

export const issuedLicenseMachine: Machine<LicenseRecordState, LicenseRecordAction> = {
  name: 'License',
  states: licenseRecordStates,
  actions: licenseRecordActions,
  transitions: [
    {
      action: 'suspend',
      from: ['valid'],
      to: 'suspended',
      roles: ['bis_officer'],
      describe: 'BIS suspends the license, with its reason; nothing ships under it meanwhile (§750.8(a))',
    },
    {
      action: 'reinstate',
      from: ['suspended'],
      to: 'valid',
      roles: ['bis_officer'],
      describe: 'BIS lifts the suspension',
    },
    {
      action: 'revoke',
      from: ['valid', 'suspended'],
      to: 'revoked',
      roles: ['bis_officer'],
      describe: 'BIS revokes the license, with its reason (§750.8(a)); the records are kept (§750.8(b))',
    },
    {
      action: 'revoke_in_part',
      from: ['valid'],
      to: 'valid',
      roles: ['bis_officer'],
      describe: 'BIS revokes some lines of the license (§750.8(a): in whole or in part)',
    },
    {
      action: 'request_extension',
      from: ['valid'],
      to: 'valid',
      roles: ['compliance_officer'],
      describe:
        'the licensee asks, while the license is valid, for a longer validity, with its justification (§750.7(g)(1)-(2))',
    },
    {
      action: 'extend',
      from: ['valid'],
      to: 'valid',
      roles: ['bis_officer'],
      describe: 'BIS grants the extension in writing; nothing else on the license changes (§750.7(g)(1)-(2))',
    },
    {
      action: 'refuse_extension',
      from: ['valid'],
      to: 'valid',
      roles: ['bis_officer'],
      describe: 'BIS refuses the extension, with its reason',
    },
    {
      action: 'record_change',
      from: ['valid'],
      to: 'valid',
      roles: ['compliance_officer'],
      describe:
        'the licensee records a non-material change that needs no replacement license (§750.7(c)(1)(i)-(xi))',
    },
    {
      action: 'appeal',
      from: ['suspended'],
      to: 'suspended',
      roles: ['compliance_officer'],
      describe:
        'the licensee appeals the suspension within 45 days of the notice (§756.2(c)); it stands meanwhile (§756.2(e))',
    },
    {
      action: 'appeal',
      from: ['revoked'],
      to: 'revoked',
      roles: ['compliance_officer'],
      describe: 'the licensee appeals the revocation within 45 days of the notice (§756.2(c))',
    },
    {
      action: 'uphold',
      from: ['suspended'],
      to: 'suspended',
      roles: ['bis_officer'],
      describe: 'the Under Secretary upholds the action, in writing with reasons (§756.2(d))',
    },
    {
      action: 'uphold',
      from: ['revoked'],
      to: 'revoked',
      roles: ['bis_officer'],
      describe: 'the Under Secretary upholds the action, in writing with reasons (§756.2(d))',
    },
    {
      action: 'reverse',
      from: ['suspended', 'revoked'],
      to: 'valid',
      roles: ['bis_officer'],
      describe:
        'the Under Secretary reverses the suspension or revocation, in writing with reasons (§756.2(d))',
    },
    {
      action: 'replace',
      from: ['valid', 'suspended'],
      to: 'replaced',
      roles: ['bis_officer'],
      describe:
        'a replacement license, issued on a replacement application, supersedes it; both are kept (§750.7(c)(1), (h)(4))',
    },
  ],
};

/** §750.7(c)(1): the changes that need neither a replacement license nor a notice to BIS. */
export const nonMaterialChanges = {
  c1i: 'decrease in unit price or total value',
  c1ii: 'increase in price permitted under the shipping tolerances of §750.11',
  c1iii:
    'increase in price justified by delivery point, port, transport, drayage, port charges, warehousing or currency',
  c1iv: 'unit or total price set under a "price statement" on the license',
  c1v: 'change of intermediate consignee located in the country of ultimate destination (not a consolidated shipment)',
  c1vi: 'unloading at a Country Group B port for onforwarding, under the conditions of §750.7(c)(1)(vi)',
  c1vii: 'change of address of the purchaser or ultimate consignee within the same country',
  c1viii:
    'change of ECCN only to conform to an official revision of the CCL, or of the wording of the item description',
  c1ix: 'exports to and among approved end users and the ultimate consignee listed on the license',
  c1x: 'MT "minimum necessary" software or technology under §742.5(b)(3)',
  c1xi: 'a new HTS-6 code under Supps. 2, 4 or 5 to part 746 (Russia and Belarus)',
} as const;
export type NonMaterialChange = keyof typeof nonMaterialChanges;

export interface LicenseData {
  licenseNumber: string;
  applicationId: string;
  holderOrgId: string;
  items: LicenseItem[];
  conditions: string[];
  validFrom: string;
  validUntil: string;
  /** What the validity rests on, and what about it is not confirmed. */
  validity: { citation: string; unconfirmed: string[] };
  shipments: { ref: string; on: string; lines: { item: number; quantity: number; valueUsd: number }[] }[];
  /** Lines revoked in part (§750.8(a)): they authorize nothing from that date. */
  revokedItems: { item: number; on: string; reason: string }[];
  /** Suspensions, revocation, extensions, changes and appeals, in order. */
  history: { on: string; action: LicenseRecordAction; by: Role; text: string; validUntil?: string }[];
  extensionRequest?: { on: string; justification: string; validUntil?: string };
  /** The date of the notice of the administrative action an appeal may be taken from. */
  actionNoticeOn?: string;
  appeal?: Appeal;
  replaces?: string;
  replacedBy?: string;
}

/**
 * §750.7(g): a license is generally valid for four years (one year for 0A501-0A509), unless BIS approved
 * another period. The year is counted to the same calendar day.
 */
export function issueLicense(
  applicationId: string,
  app: LicenseApplicationData,
  processing: { periods: ProcessingPeriods | null; citation: string; unconfirmed: string[] },
): LicenseData {
  if (!app.licenseNumber || !app.decidedOn)
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: 'only an approved application issues a license',
    });
  const unconfirmed = [
    ...processing.unconfirmed,
    'a validity that ends on a Federal or State legal holiday runs to the first business day after it (§750.7(g)); our data holds no U.S. holiday calendar, so that extension is not applied',
  ];
  let validUntil = app.validUntil;
  if (!validUntil) {
    const pp = processing.periods;
    if (!pp)
      throw new HttError({
        code: 'INPUT.INVALID',
        message: `the general validity period for this application is not in our sources; give validUntil (${processing.unconfirmed.join('; ')})`,
        field: 'validUntil',
      });
    const oneYear = app.items.some((i) => pp.oneYearValidityEccns.includes(splitEccn(i.eccn).base));
    const [y, m, d] = app.decidedOn.split('-').map(Number) as [number, number, number];
    validUntil = new Date(Date.UTC(y + (oneYear ? 1 : pp.validityYears), m - 1, d))
      .toISOString()
      .slice(0, 10);
  }
  return {
    licenseNumber: app.licenseNumber,
    applicationId,
    holderOrgId: app.applicantOrgId,
    items: app.items,
    conditions: app.conditions,
    validFrom: app.decidedOn,
    validUntil,
    validity: {
      citation: app.validUntil ? '15 CFR 750.7(g) (a validity period approved by BIS)' : '15 CFR 750.7(g)',
      unconfirmed,
    },
    shipments: [],
    revokedItems: [],
    history: [],
  };
}

export interface LicenseRecordParams {
  on: string;
  text?: string;
  /** The license lines revoked in part, by the ECCN written on the license. */
  lines?: string[];
  validUntil?: string;
  change?: NonMaterialChange;
}

export function actOnIssuedLicense(
  state: LicenseRecordState,
  data: LicenseData,
  action: LicenseRecordAction,
  role: Role,
  p: LicenseRecordParams,
  periods: ProcessingPeriods | null,
): { state: LicenseRecordState; data: LicenseData } {
  const to = nextState(issuedLicenseMachine, state, action, role);
  const d: LicenseData = { ...data };
  const note = (text: string, extra: { validUntil?: string } = {}) =>
    (d.history = [...d.history, { on: p.on, action, by: role, text, ...extra }]);
  switch (action) {
    case 'suspend':
    case 'revoke':
      note(need(p.text, 'text (the reason)', action));
      d.actionNoticeOn = p.on;
      delete d.appeal;
      break;
    case 'reinstate':
      note(need(p.text, 'text', action));
      break;
    case 'revoke_in_part': {
      const wanted = (p.lines ?? []).map((e) => e.trim().toUpperCase());
      const items = d.items.flatMap((it, i) => (wanted.includes(it.eccn.toUpperCase()) ? [i] : []));
      const unknown = wanted.filter((e) => !d.items.some((it) => it.eccn.toUpperCase() === e));
      if (!wanted.length || unknown.length)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: `name the lines to revoke by their ECCN on the license (${d.items.map((it) => it.eccn).join(', ')})${unknown.length ? `; not on it: ${unknown.join(', ')}` : ''}`,
          field: 'lines',
        });
      const reason = need(p.text, 'text (the reason)', action);
      d.revokedItems = [
        ...d.revokedItems,
        ...items
          .filter((i) => !d.revokedItems.some((r) => r.item === i))
          .map((item) => ({ item, on: p.on, reason })),
      ];
      note(`${reason} (lines ${items.map((i) => d.items[i]!.eccn).join(', ')})`);
      d.actionNoticeOn = p.on;
      break;
    }
    case 'request_extension':
      if (p.on > d.validUntil)
        throw deadlineError(
          `the license expired on ${d.validUntil}; an extension is asked for while it is valid (§750.7(g)(1))`,
        );
      if (d.extensionRequest)
        throw new HttError({
          code: 'CASE.CONFLICT',
          message: `an extension was asked for on ${d.extensionRequest.on}`,
        });
      d.extensionRequest = {
        on: p.on,
        justification: need(p.text, 'text (the justification, §750.7(g)(2)(i)(C))', action),
        ...(p.validUntil ? { validUntil: p.validUntil } : {}),
      };
      note(d.extensionRequest.justification);
      break;
    case 'extend':
    case 'refuse_extension': {
      if (!d.extensionRequest)
        throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: 'no extension has been asked for' });
      if (action === 'extend') {
        if (!p.validUntil || p.validUntil <= d.validUntil)
          throw new HttError({
            code: 'INPUT.INVALID',
            message: `the extended validity must end after ${d.validUntil}`,
            field: 'validUntil',
          });
        note(p.text?.trim() || 'validity extended', { validUntil: p.validUntil });
        d.validUntil = p.validUntil;
      } else note(need(p.text, 'text (the reason)', action));
      delete d.extensionRequest;
      break;
    }
    case 'record_change':
      if (!p.change || !(p.change in nonMaterialChanges))
        throw new HttError({
          code: 'INPUT.INVALID',
          message: `name the non-material change of §750.7(c)(1) (${Object.keys(nonMaterialChanges).join(', ')}); any other change needs a replacement license (Supp. No. 1 to part 748, Block 11)`,
          field: 'change',
        });
      note(`${nonMaterialChanges[p.change]}: ${need(p.text, 'text (what changed)', action)}`);
      break;
    case 'appeal': {
      if (!periods)
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: 'the appeal period in force is not in our sources',
        });
      const noticeOn = d.actionNoticeOn ?? p.on;
      d.appeal = fileAppeal(d.appeal, p, { noticeOn, appealBy: addDays(noticeOn, periods.appealDays) });
      note(d.appeal.statement);
      break;
    }
    case 'uphold':
    case 'reverse':
      d.appeal = decideAppeal(d.appeal, action, p);
      if (action === 'reverse') d.revokedItems = [];
      note(d.appeal.decision!.reasons);
      break;
    case 'replace':
      note(need(p.text, 'text (the replacement license)', action));
      break;
  }
  return { state: to, data: d };
}

/** Is line `item` of the license revoked on `date`? */
export const revokedOn = (data: LicenseData, item: number, date: string) =>
  (data.revokedItems ?? []).find((r) => r.item === item && r.on <= date);
