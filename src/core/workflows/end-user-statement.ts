/**
 * PRC End-User Statement requests (15 CFR 748.10): the importer prepares and submits a request to MOFCOM;
 * MOFCOM reviews it, may ask for more information (the review clock stops), and issues the Statement with
 * its number and seal, or refuses it. An issued Statement is never altered (§748.10(d)(2)); license
 * applications and shipments draw its quantities down, and it stays valid until they are used up
 * (§748.10(d)(1), (3)).
 */
import type { EusItem, EusRequestInput } from '../../contracts/records.js';
import { HttError } from '../errors.js';
import { daysBetween } from '../rules/dates.js';
import { prcWorkingDays } from '../rules/prc-holidays.js';
import type { HolidayCalendar } from '../rules/schema.js';
import { endIfOpen, elapsedDays, runningPeriods, startedOn, tick, type Clock } from './clock.js';
import { need, nextState, type Machine } from './machine.js';
import type { Role } from './roles.js';

export const eusStates = [
  'draft',
  'submitted',
  'info_requested',
  'issued',
  'refused',
  'withdrawn',
  'cancelled',
] as const;
export type EusState = (typeof eusStates)[number];
export const eusActions = [
  'submit',
  'request_info',
  'provide_info',
  'issue',
  'refuse',
  'withdraw',
  'cancel',
] as const;
export type EusAction = (typeof eusActions)[number];

export const eusMachine: Machine<EusState, EusAction> = {
  name: 'End-User Statement request',
  states: eusStates,
  actions: eusActions,
  transitions: [
    {
      action: 'submit',
      from: ['draft'],
      to: 'submitted',
      roles: ['importer_officer'],
      describe:
        'the importer submits the request to MOFCOM, signed and dated (and with an English translation when it is not in English); the review clock starts',
    },
    {
      action: 'request_info',
      from: ['submitted'],
      to: 'info_requested',
      roles: ['mofcom_officer'],
      describe: 'MOFCOM asks for more information; the review clock stops',
    },
    {
      action: 'provide_info',
      from: ['info_requested'],
      to: 'submitted',
      roles: ['importer_officer'],
      describe: 'the importer answers; the review clock resumes',
    },
    {
      action: 'issue',
      from: ['submitted'],
      to: 'issued',
      roles: ['mofcom_officer'],
      describe: 'MOFCOM issues the Statement with its number and seal',
    },
    {
      action: 'refuse',
      from: ['submitted'],
      to: 'refused',
      roles: ['mofcom_officer'],
      describe: 'MOFCOM refuses the request, with its reason',
    },
    {
      action: 'withdraw',
      from: ['draft', 'submitted', 'info_requested'],
      to: 'withdrawn',
      roles: ['importer_officer'],
      describe: 'the importer withdraws the request',
    },
    {
      action: 'cancel',
      from: ['issued'],
      to: 'cancelled',
      roles: ['mofcom_officer'],
      describe:
        'MOFCOM cancels an issued Statement, with its reason; it supports no later shipment (the release gate needs an issued Statement)',
    },
  ],
};

export interface Drawdown {
  by: 'license_application' | 'shipment';
  ref: string;
  on: string;
  lines: { item: number; quantity: number }[];
  /** Set when the application was withdrawn, returned or denied: its quantities count no longer. */
  released?: { on: string; why: string };
}

/** The draw-downs that count against the Statement (released ones do not). */
const counting = (data: EusRequestData) => data.drawdowns.filter((d) => !d.released);

/**
 * §748.10(d)(1) caps the quantities of the license applications a Statement supports at its own; an application
 * withdrawn, returned or denied no longer asks for any, so its draw-down is released (kept, marked, for the
 * record) and the quantities are free for another application.
 */
export function releaseDrawdowns(
  data: EusRequestData,
  applicationId: string,
  on: string,
  why: string,
): EusRequestData {
  return {
    ...data,
    drawdowns: data.drawdowns.map((d) =>
      d.by === 'license_application' && d.ref === applicationId && !d.released
        ? { ...d, released: { on, why } }
        : d,
    ),
  };
}

export interface EusRequestData extends EusRequestInput {
  importerOrgId: string;
  clock: Clock;
  /** The review-time target in days (the 2011 Action Plan's shorter review; configurable). */
  targetDays: number;
  statementNumber?: string;
  sealReference?: string;
  /** The issuing authority (the MOFCOM organisation); its Statement numbers are unique. */
  issuedBy?: string;
  issuedOn?: string;
  decidedOn?: string;
  reason?: string;
  messages: { on: string; from: Role; text: string }[];
  drawdowns: Drawdown[];
  /** MOFCOM cancelled the issued Statement. */
  cancelled?: { on: string; reason: string };
}

export function newEusRequest(
  input: EusRequestInput,
  importerOrgId: string,
  targetDays: number,
): EusRequestData {
  return { ...input, importerOrgId, clock: [], targetDays, messages: [], drawdowns: [] };
}

export interface EusActParams {
  on: string;
  text?: string; // the information asked for or given, or the refusal reason
  statementNumber?: string;
  sealReference?: string;
}

const invalid = (field: string, message: string) => new HttError({ code: 'INPUT.INVALID', message, field });

/** Is the language English ("en", "en-US")? */
export const isEnglish = (language: string): boolean => language === 'en' || language.startsWith('en-');

/**
 * What a draft may lack but a submitted request may not: the importer's signature and date
 * (§748.10(c)(2)(v)), the Statement's language, and its English translation when it is not in English
 * (§748.9(d)(1)).
 */
export function readyToSubmit(data: EusRequestInput, on: string): void {
  const sig = data.importerSignature;
  if (!sig)
    throw invalid(
      'importerSignature',
      "the Statement needs the importer's signature and date (15 CFR 748.10(c)(2)(v)) before it is submitted",
    );
  if (sig.signedOn > on)
    throw invalid(
      'importerSignature.signedOn',
      `the importer's signature is dated ${sig.signedOn}, after the submission (${on})`,
    );
  if (!data.language)
    throw invalid(
      'language',
      'say which language the Statement is written in before submitting it (an English translation is needed when it is not English, 15 CFR 748.9(d)(1))',
    );
  if (!isEnglish(data.language) && !data.englishTranslation)
    throw invalid(
      'englishTranslation',
      `the Statement is in "${data.language}": it needs an accurate English translation, made by a translating service or certified by the applicant (15 CFR 748.9(d)(1))`,
    );
}

export function actOnEus(
  state: EusState,
  data: EusRequestData,
  action: EusAction,
  role: Role,
  p: EusActParams,
): { state: EusState; data: EusRequestData } {
  const to = nextState(eusMachine, state, action, role);
  let d: EusRequestData = { ...data };
  switch (action) {
    case 'submit':
      readyToSubmit(d, p.on);
      d.clock = tick(d.clock, { type: 'start', on: p.on });
      break;
    case 'request_info':
      d.clock = tick(d.clock, { type: 'stop', on: p.on, why: 'MOFCOM requested more information' });
      d.messages = [...d.messages, { on: p.on, from: role, text: need(p.text, 'text', 'request_info') }];
      break;
    case 'provide_info':
      d.clock = tick(d.clock, { type: 'resume', on: p.on, why: 'information provided' });
      d.messages = [...d.messages, { on: p.on, from: role, text: need(p.text, 'text', 'provide_info') }];
      break;
    case 'issue':
      d = {
        ...d,
        clock: tick(d.clock, { type: 'end', on: p.on, why: 'issued' }),
        statementNumber: need(p.statementNumber, 'statementNumber', 'issue'),
        sealReference: need(p.sealReference, 'sealReference', 'issue'),
        issuedOn: p.on,
        decidedOn: p.on,
      };
      break;
    case 'refuse':
      d = {
        ...d,
        clock: tick(d.clock, { type: 'end', on: p.on, why: 'refused' }),
        reason: need(p.text, 'text', 'refuse'),
        decidedOn: p.on,
      };
      break;
    case 'withdraw':
      d.clock = endIfOpen(d.clock, p.on, 'withdrawn');
      break;
    case 'cancel':
      d = {
        ...d,
        cancelled: { on: p.on, reason: need(p.text, 'text (the reason for cancelling)', 'cancel') },
      };
      break;
  }
  return { state: to, data: d };
}

export interface EusReviewTime {
  /** Received by MOFCOM: the day the importer submitted the request (null before submission). */
  receivedOn: string | null;
  /** The day MOFCOM issued or refused it (null while pending, or when withdrawn). */
  decidedOn: string | null;
  /** The last day counted: the decision, the withdrawal, or `asOf` while pending. */
  until: string | null;
  decided: boolean;
  /** Gross: received to decision. Net: gross minus the days MOFCOM waited for the importer. */
  calendarDays: { gross: number; net: number; waitingForImporter: number };
  /**
   * The same in PRC working days (regulations/prc/holidays.yaml). Null when a notice the period depends on is
   * not in the calendar (`notCovered`); `unconfirmed` names the years counted from unconfirmed notices.
   */
  workingDays: { gross: number | null; net: number | null; unconfirmed: number[]; notCovered: number[] };
  targetDays: number;
  /** Net calendar days within the target (the 2011 Action Plan figure the HTWG follows). */
  withinTarget: boolean;
}

/**
 * MOFCOM's review time of a request on `asOf`, gross and net, in calendar and PRC working days. Days are
 * counted like `daysBetween`: the days after the first up to and including the last.
 */
export function eusReviewTime(data: EusRequestData, asOf: string, calendar: HolidayCalendar): EusReviewTime {
  const receivedOn = startedOn(data.clock);
  const ended = data.clock.find((e) => e.type === 'end')?.on;
  const until = receivedOn === null ? null : ended && ended <= asOf ? ended : asOf;
  const decided = !!data.decidedOn && data.decidedOn <= asOf;
  const gross = receivedOn && until ? [{ from: receivedOn, to: until }] : [];
  const net = runningPeriods(data.clock, asOf);
  const grossWorking = prcWorkingDays(calendar, gross);
  const netWorking = prcWorkingDays(calendar, net);
  const grossDays = gross.reduce((n, p) => n + daysBetween(p.from, p.to), 0);
  const netDays = elapsedDays(data.clock, asOf);
  const union = (a: number[], b: number[]) => [...new Set([...a, ...b])].sort((x, y) => x - y);
  return {
    receivedOn,
    decidedOn: decided ? (data.decidedOn ?? null) : null,
    until,
    decided,
    calendarDays: { gross: grossDays, net: netDays, waitingForImporter: grossDays - netDays },
    workingDays: {
      gross: grossWorking.days,
      net: netWorking.days,
      unconfirmed: union(grossWorking.unconfirmed, netWorking.unconfirmed),
      notCovered: union(grossWorking.notCovered, netWorking.notCovered),
    },
    targetDays: data.targetDays,
    withinTarget: netDays <= data.targetDays,
  };
}

/** Quantities per item not yet covered by license applications, or not yet shipped. */
export function remainingQuantities(data: EusRequestData, by: Drawdown['by']): number[] {
  const left = data.items.map((i) => i.quantity);
  for (const d of counting(data))
    if (d.by === by) for (const l of d.lines) left[l.item] = (left[l.item] ?? 0) - l.quantity;
  return left;
}

/** §748.10(d)(3): valid until the quantities on it have been shipped. */
export function isExhausted(data: EusRequestData): boolean {
  const shipped = data.items.map(() => 0);
  for (const d of data.drawdowns)
    if (d.by === 'shipment') for (const l of d.lines) shipped[l.item] = (shipped[l.item] ?? 0) + l.quantity;
  return data.items.every((item, i) => (shipped[i] ?? 0) >= item.quantity);
}

/**
 * Draw quantities down for a license application or a shipment. License applications may together not
 * exceed the Statement (§748.10(d)(1)); shipments may not exceed it either.
 */
export function drawDown(state: EusState, data: EusRequestData, drawdown: Drawdown): EusRequestData {
  if (state !== 'issued')
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `only an issued End-User Statement can be drawn down (this one is ${state})`,
    });
  const used = data.items.map(() => 0);
  for (const d of counting(data))
    if (d.by === drawdown.by) for (const l of d.lines) used[l.item] = (used[l.item] ?? 0) + l.quantity;
  for (const l of drawdown.lines) {
    const item: EusItem | undefined = data.items[l.item];
    if (!item)
      throw new HttError({
        code: 'INPUT.INVALID',
        message: `the Statement has no item ${l.item}`,
        field: 'lines',
      });
    if (!(l.quantity > 0))
      throw new HttError({ code: 'INPUT.INVALID', message: 'quantities must be positive', field: 'lines' });
    const after = (used[l.item] ?? 0) + l.quantity;
    if (after > item.quantity) {
      throw new HttError({
        code: 'CASE.QUANTITY_EXCEEDED',
        message: `${drawdown.by.replace('_', ' ')} ${drawdown.ref}: ${after} of "${item.description}" would exceed the ${item.quantity} on End-User Statement ${data.statementNumber}`,
      });
    }
    used[l.item] = after;
  }
  return { ...data, drawdowns: [...data.drawdowns, drawdown] };
}
