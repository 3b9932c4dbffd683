/**
 * License applications (Form BIS-748P content) and the EO 12981 / 15 CFR 750.4 clock: 9 days from
 * registration for BIS to act or refer, 30 days from referral for the agencies' recommendations, 90 days
 * from registration to resolution, not counting the days the clock is stopped (§750.4(b): requests for
 * information, pre-license checks, government assurances, and the like). An approved application issues a
 * license whose quantities and values shipments deplete.
 */
import type { LicenseApplicationInput, LicenseItem } from '../../contracts/records.js';
import { HttError } from '../errors.js';
import { addDays, daysBetween } from '../rules/dates.js';
import { endIfOpen, elapsedDays, tick, type Clock } from './clock.js';
import { need, nextState, type Machine } from './machine.js';
import type { Role } from './roles.js';

export const licenseStates = [
  'draft',
  'submitted',
  'registered',
  'info_requested',
  'referred',
  'referral_info_requested',
  'approved',
  'denied',
  'returned',
  'withdrawn',
] as const;
export type LicenseState = (typeof licenseStates)[number];
export const licenseActions = [
  'submit',
  'register',
  'request_info',
  'provide_info',
  'refer',
  'recommend',
  'approve',
  'deny',
  'return',
  'withdraw',
] as const;
export type LicenseAction = (typeof licenseActions)[number];

export const licenseMachine: Machine<LicenseState, LicenseAction> = {
  name: 'License application',
  states: licenseStates,
  actions: licenseActions,
  transitions: [
    {
      action: 'submit',
      from: ['draft'],
      to: 'submitted',
      roles: ['compliance_officer'],
      describe: 'the exporter submits the application to BIS',
    },
    {
      action: 'register',
      from: ['submitted'],
      to: 'registered',
      roles: ['bis_officer'],
      describe: 'BIS registers it; the 90-day clock of §750.4(a) starts',
    },
    {
      action: 'request_info',
      from: ['registered'],
      to: 'info_requested',
      roles: ['bis_officer'],
      describe: 'BIS asks for information or support documents; the clock stops (§750.4(b)(1))',
    },
    {
      action: 'provide_info',
      from: ['info_requested'],
      to: 'registered',
      roles: ['compliance_officer'],
      describe: 'the exporter answers; the clock resumes',
    },
    {
      action: 'refer',
      from: ['registered'],
      to: 'referred',
      roles: ['bis_officer'],
      describe: 'BIS refers the application to the reviewing agencies (within 9 days, §750.4(a)(2))',
    },
    {
      action: 'request_info',
      from: ['referred'],
      to: 'referral_info_requested',
      roles: ['bis_officer'],
      describe: 'information is requested during referral; the clock stops',
    },
    {
      action: 'provide_info',
      from: ['referral_info_requested'],
      to: 'referred',
      roles: ['compliance_officer'],
      describe: 'the exporter answers; the clock resumes',
    },
    {
      action: 'recommend',
      from: ['referred'],
      to: 'referred',
      roles: ['agency_reviewer'],
      describe: 'a reviewing agency recommends approval or denial (within 30 days of referral, §750.4(d))',
    },
    {
      action: 'approve',
      from: ['registered', 'referred'],
      to: 'approved',
      roles: ['bis_officer'],
      describe: 'BIS approves, with conditions, and issues the license',
    },
    {
      action: 'deny',
      from: ['registered', 'referred'],
      to: 'denied',
      roles: ['bis_officer'],
      describe: 'BIS denies, stating the grounds',
    },
    {
      action: 'return',
      from: ['submitted', 'registered'],
      to: 'returned',
      roles: ['bis_officer'],
      describe: 'BIS returns the application without action (for example, no license is needed)',
    },
    {
      action: 'withdraw',
      from: ['draft', 'submitted', 'registered', 'info_requested', 'referred', 'referral_info_requested'],
      to: 'withdrawn',
      roles: ['compliance_officer'],
      describe: 'the exporter withdraws the application',
    },
  ],
};

export interface Recommendation {
  agency: string;
  on: string;
  recommendation: 'approve' | 'deny';
  reasons: string;
}

export interface LicenseApplicationData extends LicenseApplicationInput {
  applicantOrgId: string;
  clock: Clock;
  registeredOn?: string;
  referredOn?: string;
  decidedOn?: string;
  agencies: string[];
  recommendations: Recommendation[];
  conditions: string[];
  reason?: string;
  licenseNumber?: string;
  messages: { on: string; from: Role; text: string }[];
}

export function newLicenseApplication(
  input: LicenseApplicationInput,
  applicantOrgId: string,
): LicenseApplicationData {
  return {
    ...input,
    applicantOrgId,
    clock: [],
    agencies: [],
    recommendations: [],
    conditions: [],
    messages: [],
  };
}

export interface LicenseActParams {
  on: string;
  text?: string;
  agencies?: string[];
  agency?: string;
  recommendation?: 'approve' | 'deny';
  conditions?: string[];
  licenseNumber?: string;
}

export function actOnLicenseApplication(
  state: LicenseState,
  data: LicenseApplicationData,
  action: LicenseAction,
  role: Role,
  p: LicenseActParams,
): { state: LicenseState; data: LicenseApplicationData } {
  const to = nextState(licenseMachine, state, action, role);
  const d: LicenseApplicationData = { ...data };
  switch (action) {
    case 'submit':
      break;
    case 'register':
      d.clock = tick(d.clock, { type: 'start', on: p.on, why: 'registered' });
      d.registeredOn = p.on;
      break;
    case 'request_info':
      d.clock = tick(d.clock, {
        type: 'stop',
        on: p.on,
        why: `information requested: ${need(p.text, 'text', action)}`,
      });
      d.messages = [...d.messages, { on: p.on, from: role, text: p.text as string }];
      break;
    case 'provide_info':
      d.clock = tick(d.clock, { type: 'resume', on: p.on, why: 'information provided' });
      d.messages = [...d.messages, { on: p.on, from: role, text: need(p.text, 'text', action) }];
      break;
    case 'refer':
      if (!p.agencies?.length)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: 'refer needs the agencies (e.g. DoD, State, Energy)',
          field: 'agencies',
        });
      d.referredOn = p.on;
      d.agencies = [...new Set(p.agencies)];
      break;
    case 'recommend': {
      const agency = need(p.agency, 'agency', action);
      if (!d.agencies.includes(agency))
        throw new HttError({
          code: 'CASE.FORBIDDEN',
          message: `${agency} is not a reviewing agency of this application (${d.agencies.join(', ')})`,
        });
      if (d.recommendations.some((r) => r.agency === agency))
        throw new HttError({ code: 'CASE.CONFLICT', message: `${agency} has already recommended` });
      if (!p.recommendation)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: 'recommend needs approve or deny',
          field: 'recommendation',
        });
      // §750.4(d)(2): a recommendation to deny must state its statutory and regulatory grounds
      const reasons =
        p.recommendation === 'deny' ? need(p.text, 'text (the grounds for denial)', action) : (p.text ?? '');
      d.recommendations = [
        ...d.recommendations,
        { agency, on: p.on, recommendation: p.recommendation, reasons },
      ];
      break;
    }
    case 'approve':
      d.clock = tick(d.clock, { type: 'end', on: p.on, why: 'approved' });
      d.decidedOn = p.on;
      d.conditions = p.conditions ?? [];
      d.licenseNumber = need(p.licenseNumber, 'licenseNumber', action);
      break;
    case 'deny':
      d.clock = tick(d.clock, { type: 'end', on: p.on, why: 'denied' });
      d.decidedOn = p.on;
      d.reason = need(p.text, 'text (the grounds)', action);
      break;
    case 'return':
      d.clock = endIfOpen(d.clock, p.on, 'returned without action');
      d.decidedOn = p.on;
      d.reason = need(p.text, 'text', action);
      break;
    case 'withdraw':
      d.clock = endIfOpen(d.clock, p.on, 'withdrawn');
      break;
  }
  return { state: to, data: d };
}

export interface Deadline {
  what: string;
  citation: string;
  dueAfterDays: number;
  elapsed: number;
  met: boolean | null; // null while open
  overdue: boolean;
}

/** The §750.4 clock of an application on a date: days elapsed (stops excluded) and its deadlines. */
export function licenseClock(
  data: LicenseApplicationData,
  asOf: string,
): { elapsed: number; stoppedDays: number; deadlines: Deadline[] } {
  const elapsed = elapsedDays(data.clock, asOf);
  const stopped = data.registeredOn ? daysBetween(data.registeredOn, data.decidedOn ?? asOf) - elapsed : 0;
  const deadlines: Deadline[] = [];
  if (data.registeredOn) {
    const actedOn = data.referredOn ?? data.decidedOn;
    const actedAfter = actedOn ? elapsedDays(data.clock, actedOn) : elapsed;
    deadlines.push({
      what: 'BIS acts on or refers the application',
      citation: '15 CFR 750.4(a)(2)',
      dueAfterDays: 9,
      elapsed: actedAfter,
      met: actedOn ? actedAfter <= 9 : null,
      overdue: !actedOn && elapsed > 9,
    });
    if (data.referredOn) {
      const allIn =
        data.agencies.length > 0 &&
        data.agencies.every((a) => data.recommendations.some((r) => r.agency === a));
      const lastOn = allIn
        ? data.recommendations
            .map((r) => r.on)
            .sort()
            .at(-1)
        : undefined;
      const sinceReferral =
        elapsedDays(data.clock, lastOn ?? asOf) - elapsedDays(data.clock, data.referredOn);
      deadlines.push({
        what: 'Reviewing agencies recommend',
        citation: '15 CFR 750.4(d)',
        dueAfterDays: 30,
        elapsed: sinceReferral,
        met: allIn ? sinceReferral <= 30 : null,
        overdue: !allIn && sinceReferral > 30,
      });
    }
    deadlines.push({
      what: 'Resolution or referral to the President',
      citation: '15 CFR 750.4(a)(1)',
      dueAfterDays: 90,
      elapsed,
      met: data.decidedOn ? elapsed <= 90 : null,
      overdue: !data.decidedOn && elapsed > 90,
    });
  }
  return { elapsed, stoppedDays: stopped, deadlines };
}

// ---------------------------------------------------------------------------------- issued licenses

export interface LicenseData {
  licenseNumber: string;
  applicationId: string;
  holderOrgId: string;
  items: LicenseItem[];
  conditions: string[];
  validFrom: string;
  validUntil: string;
  shipments: { ref: string; on: string; lines: { item: number; quantity: number; valueUsd: number }[] }[];
}

/** §750.7(g): licenses are generally valid for four years. */
export function issueLicense(applicationId: string, app: LicenseApplicationData): LicenseData {
  if (!app.licenseNumber || !app.decidedOn)
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: 'only an approved application issues a license',
    });
  return {
    licenseNumber: app.licenseNumber,
    applicationId,
    holderOrgId: app.applicantOrgId,
    items: app.items,
    conditions: app.conditions,
    validFrom: app.decidedOn,
    validUntil: addDays(app.decidedOn, 4 * 365 + 1),
    shipments: [],
  };
}
