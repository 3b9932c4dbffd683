/**
 * License applications (Form BIS-748P content) and the EO 12981 / 15 CFR 750.4 clock: 9 days from
 * registration for BIS to act or refer, 30 days from referral for the agencies' recommendations, 90 days
 * from registration to resolution, not counting the days the clock is stopped (§750.4(b): requests for
 * information, pre-license checks, government assurances, and the like). A disagreement on the disposition
 * goes up the escalation path of §750.4(f) (Operating Committee, ACEP, EARB, the President); a denial starts
 * with a notice of intent to deny and becomes final as §750.6 says; a final denial may be appealed under Part
 * 756. An approved application issues a license (./license.ts). The time limits are dated data
 * (`license-processing` in regulations/ear/750-licenses.yaml), chosen by the registration date (§750.4(a)(1)).
 */
import type { LicenseApplicationInput } from '../../contracts/records.js';
import { HttError } from '../errors.js';
import { addDays, daysBetween } from '../rules/dates.js';
import { paramsOf, versionAt } from '../rules/rule-set.js';
import type { RuleSet } from '../rules/schema.js';
import { dueDate, endIfOpen, elapsedDays, tick, type Clock } from './clock.js';
import { decideAppeal, fileAppeal, type Appeal } from './appeal.js';
import { deadlineError, need, nextState, type Machine } from './machine.js';
import type { Role } from './roles.js';
import { render, type Message } from '../messages/messages.js';
import { agency as agencyMessage, say } from '../messages/records.js';

export const licenseStates = [
  'draft',
  'submitted',
  'registered',
  'info_requested',
  'referred',
  'referral_info_requested',
  'escalated',
  'intent_to_deny',
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
  'escalate',
  'escalation_decision',
  'escalation_appeal',
  'approve',
  'intent_to_deny',
  'respond',
  'reconsider',
  'deny',
  'return',
  'withdraw',
  'appeal',
  'uphold',
  'reverse',
] as const;
export type LicenseAction = (typeof licenseActions)[number];

const open = ['submitted', 'registered', 'info_requested', 'referred', 'referral_info_requested'] as const;

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
      describe: 'BIS refers the application to the reviewing agencies (within 9 days, §750.4(c)(5))',
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
      describe:
        'a reviewing agency recommends approval or denial (within 30 days of referral, §750.4(d)(2); a denial states its statutory and regulatory basis, §750.4(e))',
    },
    {
      action: 'escalate',
      from: ['registered', 'referred'],
      to: 'escalated',
      roles: ['bis_officer'],
      describe:
        'the reviewing agencies (BIS among them) do not agree on the disposition: the application goes to the Operating Committee (§750.4(f)(1)(i))',
    },
    {
      action: 'escalation_decision',
      from: ['escalated'],
      to: 'escalated',
      roles: ['bis_officer'],
      describe:
        'the chair of the Operating Committee, the ACEP (majority vote) or the EARB (majority vote), or the President, decides (§750.4(f))',
    },
    {
      action: 'escalation_appeal',
      from: ['escalated'],
      to: 'escalated',
      roles: ['agency_reviewer'],
      describe:
        'a dissenting agency escalates the decision to the next level within 5 days, in writing from its appointed official or head, citing the statutory and regulatory basis (§750.4(f)(1)(ii), (f)(2), (f)(3))',
    },
    {
      action: 'approve',
      from: ['registered', 'referred', 'escalated'],
      to: 'approved',
      roles: ['bis_officer'],
      describe:
        'BIS approves, with conditions, and issues the license (against a recommendation only as the escalation decided)',
    },
    {
      action: 'intent_to_deny',
      from: ['registered', 'referred', 'escalated'],
      to: 'intent_to_deny',
      roles: ['bis_officer'],
      describe:
        'BIS notifies the applicant of its intent to deny, with the statutory and regulatory basis, the considerations, the modifications that would allow reconsideration, a contact and the appeal procedures (§750.6(a))',
    },
    {
      action: 'respond',
      from: ['intent_to_deny'],
      to: 'intent_to_deny',
      roles: ['compliance_officer'],
      describe: 'the applicant responds to the intent to deny within 20 days of the notice (§750.6(b))',
    },
    {
      action: 'reconsider',
      from: ['intent_to_deny'],
      to: 'registered',
      roles: ['bis_officer'],
      describe:
        'BIS advises the applicant that the decision to deny has changed, by the 45th day after the notice (§750.6(b)); the application is under review again',
    },
    {
      action: 'deny',
      from: ['intent_to_deny'],
      to: 'denied',
      roles: ['bis_officer'],
      describe:
        'the denial is final: after the 20 days to respond (or a response), at the latest on the 45th day after the notice (§750.6(b))',
    },
    {
      action: 'return',
      from: ['submitted', 'registered'],
      to: 'returned',
      roles: ['bis_officer'],
      describe:
        'BIS returns the application without action (for example, no license is needed, §750.4(c)(3))',
    },
    {
      action: 'withdraw',
      from: ['draft', ...open, 'escalated', 'intent_to_deny'],
      to: 'withdrawn',
      roles: ['compliance_officer'],
      describe: 'the exporter withdraws the application',
    },
    {
      action: 'appeal',
      from: ['denied'],
      to: 'denied',
      roles: ['compliance_officer'],
      describe:
        'the applicant appeals the final denial to the Under Secretary within 45 days, with a full written statement (§756.2(c)); the denial stands meanwhile (§756.2(e))',
    },
    {
      action: 'uphold',
      from: ['denied'],
      to: 'denied',
      roles: ['bis_officer'],
      describe:
        'the Under Secretary upholds the denial, in writing with reasons; the decision is final (§756.2(d))',
    },
    {
      action: 'reverse',
      from: ['denied'],
      to: 'registered',
      roles: ['bis_officer'],
      describe:
        'the Under Secretary reverses the denial, in writing with reasons (§756.2(d)); BIS acts on the application again',
    },
  ],
};

export interface Recommendation {
  agency: string;
  on: string;
  recommendation: 'approve' | 'deny';
  reasons: string;
}

export type Disposition = 'approve' | 'deny';
export const escalationLevels = ['OC', 'ACEP', 'EARB', 'President'] as const;
export type EscalationLevel = (typeof escalationLevels)[number];

/** One level of the §750.4(f) escalation path. */
export interface EscalationStep {
  level: EscalationLevel;
  startedOn: string;
  /** BIS's own disposition when it escalated (the first level). */
  bisDisposition?: Disposition;
  /** The agency that escalated to this level, its signing official and its statutory and regulatory basis. */
  requestedBy?: { agency: string; signedBy: string; basis: string };
  decision?: { on: string; outcome: Disposition; reasons: string };
}

/** §750.6(a): the notice of intent to deny. */
export interface IntentToDeny {
  on: string;
  basis: string;
  considerations?: string;
  modifications?: string;
  contact: string;
  appealProcedures: string;
  respondBy: string;
  finalOn: string;
  responses: { on: string; text: string }[];
  reconsidered?: { on: string; text: string };
}

export interface LicenseApplicationData extends LicenseApplicationInput {
  applicantOrgId: string;
  clock: Clock;
  registeredOn?: string;
  referredOn?: string;
  decidedOn?: string;
  agencies: string[];
  recommendations: Recommendation[];
  escalation?: EscalationStep[];
  intentToDeny?: IntentToDeny;
  /** The date the denial became final (§750.6(b)), and the last day to appeal it (§756.2(c)(1)). */
  finalDenial?: { on: string; appealBy: string };
  appeal?: Appeal;
  conditions: string[];
  reason?: string;
  licenseNumber?: string;
  /** The validity BIS approved when it differs from the general period (§750.7(g)). */
  validUntil?: string;
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

// ------------------------------------------------------------------------------------ time limits

export type ProcessingPeriods = NonNullable<ReturnType<typeof paramsOf<'license-processing'>>['periods']>;

/** The time limits of §§750.4, 750.6, 756.2 for an application, by its registration date (§750.4(a)(1)). */
export function processingRules(
  rules: RuleSet,
  data: Pick<LicenseApplicationData, 'registeredOn'>,
  today: string,
): { periods: ProcessingPeriods | null; citation: string; unconfirmed: string[] } {
  const version = versionAt(rules, 'license-processing', data.registeredOn ?? today);
  return {
    periods: paramsOf(version, 'license-processing').periods,
    citation: version.citation,
    unconfirmed: version.unconfirmed,
  };
}

function periodsOrFail(p: { periods: ProcessingPeriods | null; unconfirmed: string[] }): ProcessingPeriods {
  if (!p.periods)
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `the time limits for this application are not in our sources: ${p.unconfirmed.join('; ')}`,
    });
  return p.periods;
}

export interface LicenseActParams {
  on: string;
  text?: string;
  agencies?: string[];
  agency?: string;
  recommendation?: Disposition;
  /** A decision's outcome: BIS's disposition when it escalates, an escalation level's decision. */
  outcome?: Disposition;
  conditions?: string[];
  licenseNumber?: string;
  validUntil?: string;
  considerations?: string;
  modifications?: string;
  /** Who acts, by name (the BIS contact of an intent to deny): from the session. */
  actorName?: string;
  signedBy?: string;
  hearingRequested?: boolean;
}

// ------------------------------------------------------------------- who agrees, and what is final

/** §750.4(d)(2), (e): all referred agencies have recommended, or the 30 days are over (silence: no objection). */
function recommendationsIn(d: LicenseApplicationData, on: string, periods: ProcessingPeriods): void {
  if (!d.referredOn) return;
  const missing = d.agencies.filter((a) => !d.recommendations.some((r) => r.agency === a));
  if (!missing.length) return;
  const due = dueDate(d.clock, elapsedDays(d.clock, d.referredOn) + periods.recommendDays, on);
  if (due === null || on <= due)
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `${missing.join(', ')} ${missing.length > 1 ? 'have' : 'has'} not recommended yet and the ${periods.recommendDays} days of §750.4(d)(2) run${due ? ` to ${due}` : ' (the clock is stopped)'}; an agency silent after them is deemed to have no objection (§750.4(e))`,
    });
}

/** The agencies whose recommendation differs from a disposition. */
const dissenters = (d: LicenseApplicationData, disposition: Disposition) =>
  d.recommendations.filter((r) => r.recommendation !== disposition).map((r) => r.agency);

/** The escalation's current level, if any. */
const currentStep = (d: LicenseApplicationData) => d.escalation?.at(-1);

/** The decision of the escalation path once final on `on`: decided and not escalated within 5 days. */
export function escalationOutcome(
  d: LicenseApplicationData,
  on: string,
  periods: ProcessingPeriods,
): Disposition | null {
  const step = currentStep(d);
  if (!step?.decision) return null;
  const final = step.level === 'President' || on > addDays(step.decision.on, periods.escalationRequestDays);
  return final ? step.decision.outcome : null;
}

/**
 * BIS may decide `disposition` only where no reviewing agency recommended otherwise, or the escalation path
 * decided it (§750.4(f)), or the Under Secretary reversed a denial on appeal (§756.2(d)).
 */
function mayDecide(
  d: LicenseApplicationData,
  state: LicenseState,
  disposition: Disposition,
  on: string,
  periods: ProcessingPeriods,
): void {
  if (state === 'escalated') {
    const outcome = escalationOutcome(d, on, periods);
    const step = currentStep(d)!;
    if (outcome === null)
      throw new HttError({
        code: 'CASE.INVALID_TRANSITION',
        message: step.decision
          ? `the ${step.level} decision of ${step.decision.on} is final only after the ${periods.escalationRequestDays} days in which a dissenting agency may escalate it (to ${addDays(step.decision.on, periods.escalationRequestDays)}, §750.4(f))`
          : `the escalation to the ${step.level} is not decided yet (§750.4(f))`,
      });
    if (outcome !== disposition)
      throw new HttError({
        code: 'CASE.INVALID_TRANSITION',
        message: `the escalation decided to ${outcome} (${step.level}, ${step.decision!.on}); BIS may not ${disposition === 'approve' ? 'approve' : 'deny'} against it (§750.4(f))`,
      });
    return;
  }
  if (d.appeal?.decision?.outcome === 'reversed' && disposition === 'approve') return;
  recommendationsIn(d, on, periods);
  const against = dissenters(d, disposition);
  if (against.length)
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `${against.join(', ')} recommended ${disposition === 'approve' ? 'denial' : 'approval'}; where the reviewing agencies do not agree on the disposition, the application is escalated to the Operating Committee (§750.4(f)(1)(i))`,
    });
}

// ------------------------------------------------------------------------------------------ actions

export function actOnLicenseApplication(
  state: LicenseState,
  data: LicenseApplicationData,
  action: LicenseAction,
  role: Role,
  p: LicenseActParams,
  processing: { periods: ProcessingPeriods | null; unconfirmed: string[] },
): { state: LicenseState; data: LicenseApplicationData } {
  const to = nextState(licenseMachine, state, action, role);
  const d: LicenseApplicationData = { ...data };
  const periods = () => periodsOrFail(processing);
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
      // §750.4(e): a recommendation to deny must state its statutory and regulatory basis
      const reasons =
        p.recommendation === 'deny' ? need(p.text, 'text (the grounds for denial)', action) : (p.text ?? '');
      d.recommendations = [
        ...d.recommendations,
        { agency, on: p.on, recommendation: p.recommendation, reasons },
      ];
      break;
    }
    case 'escalate': {
      const disposition = p.outcome;
      if (!disposition)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: "escalate needs BIS's own disposition (outcome: approve or deny)",
          field: 'outcome',
        });
      if (!d.referredOn)
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: 'only an application referred to the reviewing agencies is escalated (§750.4(f))',
        });
      recommendationsIn(d, p.on, periods());
      if (!dissenters(d, disposition).length)
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: `the reviewing agencies agree (${disposition}); there is nothing to escalate`,
        });
      d.escalation = [{ level: 'OC', startedOn: p.on, bisDisposition: disposition }];
      break;
    }
    case 'escalation_decision': {
      const step = currentStep(d)!;
      if (step.decision)
        throw new HttError({
          code: 'CASE.CONFLICT',
          message: `the ${step.level} has decided already (${step.decision.on})`,
        });
      if (!p.outcome)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: 'the decision needs its outcome (approve or deny)',
          field: 'outcome',
        });
      const decision = { on: p.on, outcome: p.outcome, reasons: need(p.text, 'text (the reasons)', action) };
      d.escalation = [...d.escalation!.slice(0, -1), { ...step, decision }];
      break;
    }
    case 'escalation_appeal': {
      const pp = periods();
      const step = currentStep(d)!;
      const agency = need(p.agency, 'agency', action);
      if (!step.decision)
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: `the ${step.level} has not decided yet`,
        });
      if (step.level === 'President')
        throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: "the President's decision is final" });
      const rec = d.recommendations.find((r) => r.agency === agency);
      if (!rec || rec.recommendation === step.decision.outcome)
        throw new HttError({
          code: 'CASE.FORBIDDEN',
          message: `only an agency that disagrees with the decision (${step.decision.outcome}) may escalate it (§750.4(f)(1)(ii))`,
        });
      const by = addDays(step.decision.on, pp.escalationRequestDays);
      if (p.on > by)
        throw deadlineError(
          `the ${step.level} decision of ${step.decision.on} could be escalated until ${by}; it is final (§750.4(f))`,
        );
      const next = escalationLevels[escalationLevels.indexOf(step.level) + 1]!;
      d.escalation = [
        ...d.escalation!,
        {
          level: next,
          startedOn: p.on,
          requestedBy: {
            agency,
            signedBy: need(
              p.signedBy,
              next === 'ACEP'
                ? 'signedBy (an official appointed by the President with the advice and consent of the Senate, §750.4(f)(2))'
                : 'signedBy (the head of the agency, §750.4(f)(2)-(3))',
              action,
            ),
            basis: need(p.text, 'text (the statutory and regulatory basis of the appeal)', action),
          },
        },
      ];
      break;
    }
    case 'approve':
      mayDecide(d, state, 'approve', p.on, periods());
      d.clock = endIfOpen(d.clock, p.on, 'approved');
      d.decidedOn = p.on;
      d.conditions = p.conditions ?? [];
      d.licenseNumber = need(p.licenseNumber, 'licenseNumber', action);
      if (p.validUntil) {
        if (p.validUntil <= p.on)
          throw new HttError({
            code: 'INPUT.INVALID',
            message: 'the license must be valid after the day it is issued',
            field: 'validUntil',
          });
        d.validUntil = p.validUntil;
      }
      break;
    case 'intent_to_deny': {
      const pp = periods();
      mayDecide(d, state, 'deny', p.on, pp);
      d.intentToDeny = {
        on: p.on,
        basis: need(p.text, 'text (the statutory and regulatory basis for the denial, §750.6(a)(2))', action),
        ...(p.considerations?.trim() ? { considerations: p.considerations.trim() } : {}),
        ...(p.modifications?.trim() ? { modifications: p.modifications.trim() } : {}),
        contact: need(p.actorName, 'the BIS representative (§750.6(a)(5))', action),
        appealProcedures: `A final denial may be appealed to the Under Secretary for Industry and Security within ${pp.appealDays} days (15 CFR part 756).`,
        respondBy: addDays(p.on, pp.itdResponseDays),
        finalOn: addDays(p.on, pp.itdFinalDays),
        responses: [],
      };
      break;
    }
    case 'respond': {
      const itd = d.intentToDeny!;
      if (p.on > itd.respondBy)
        throw deadlineError(
          `the ${daysBetween(itd.on, itd.respondBy)} days to respond to the intent to deny of ${itd.on} ended on ${itd.respondBy} (§750.6(b))`,
        );
      d.intentToDeny = {
        ...itd,
        responses: [...itd.responses, { on: p.on, text: need(p.text, 'text', action) }],
      };
      break;
    }
    case 'reconsider': {
      const itd = d.intentToDeny!;
      if (p.on > itd.finalOn)
        throw deadlineError(
          `the denial became final on ${itd.finalOn}, the 45th day after the notice (§750.6(b)); it can be changed only on appeal (part 756)`,
        );
      d.intentToDeny = { ...itd, reconsidered: { on: p.on, text: need(p.text, 'text', action) } };
      break;
    }
    case 'deny': {
      const pp = periods();
      const itd = d.intentToDeny!;
      if (p.on <= itd.respondBy && !itd.responses.length)
        throw deadlineError(
          `the applicant may respond to the intent to deny until ${itd.respondBy} (§750.6(b)); the denial cannot be final before, unless the applicant has responded`,
        );
      // §750.6(b): unless advised otherwise by the 45th day, the denial became final then, without notice
      const finalOn = p.on < itd.finalOn ? p.on : itd.finalOn;
      d.clock = endIfOpen(d.clock, finalOn, 'denied');
      d.decidedOn = finalOn;
      d.reason = p.text?.trim() ? `${itd.basis} — ${p.text.trim()}` : itd.basis;
      d.finalDenial = { on: finalOn, appealBy: addDays(finalOn, pp.appealDays) };
      break;
    }
    case 'return':
      d.clock = endIfOpen(d.clock, p.on, 'returned without action');
      d.decidedOn = p.on;
      d.reason = need(p.text, 'text', action);
      break;
    case 'withdraw':
      d.clock = endIfOpen(d.clock, p.on, 'withdrawn');
      break;
    case 'appeal':
      if (!d.finalDenial)
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: 'there is no final denial to appeal',
        });
      if (d.appeal)
        throw new HttError({ code: 'CASE.CONFLICT', message: `an appeal was filed on ${d.appeal.filedOn}` });
      d.appeal = fileAppeal(d.appeal, p, { noticeOn: d.finalDenial.on, appealBy: d.finalDenial.appealBy });
      break;
    case 'uphold':
    case 'reverse': {
      d.appeal = decideAppeal(d.appeal, action, p);
      if (action === 'reverse') delete d.decidedOn;
      break;
    }
  }
  return { state: to, data: d };
}

// -------------------------------------------------------------------------------------- deadlines

export interface Deadline {
  /** In English (kept for the API's readers); `message` is the same in the record catalogue. */
  what: string;
  message: Message;
  citation: string;
  /** The date it falls due (while the clock is stopped, counted on from today: it moves until it resumes). */
  dueOn: string | null;
  /** Who must act. */
  forRole: Role;
  met: boolean | null; // null while open
  overdue: boolean;
  /** The actions that meet it. */
  actions: LicenseAction[];
  /** A window the party may use (to respond, to appeal), not a duty: it closes, it is never overdue. */
  window?: true;
  /** Processing days, for the clock-counted deadlines of §750.4. */
  dueAfterDays?: number;
  elapsed?: number;
}

/** A deadline that is met when `doneOn` is set (on or before `dueOn`), overdue once `asOf` passes it. */
function deadline(
  message: Message,
  citation: string,
  forRole: Role,
  dueOn: string | null,
  doneOn: string | undefined,
  asOf: string,
  actions: LicenseAction[],
  window = false,
): Deadline {
  return {
    what: render(message, 'en'),
    message,
    citation,
    forRole,
    dueOn,
    met: doneOn ? dueOn === null || doneOn <= dueOn : null,
    overdue: !window && !doneOn && dueOn !== null && asOf > dueOn,
    actions,
    ...(window ? { window: true as const } : {}),
  };
}

/**
 * The §750.4 clock of an application on a date, and every deadline with its due date: BIS's 9 days, the
 * agencies' 30, the escalation levels', the 90 days, the windows of an intent to deny and of an appeal.
 */
export function licenseClock(
  data: LicenseApplicationData,
  asOf: string,
  processing: { periods: ProcessingPeriods | null; citation: string; unconfirmed: string[] },
): {
  elapsed: number;
  stoppedDays: number;
  deadlines: Deadline[];
  citation: string;
  unconfirmed: string[];
  /** §750.6(b): the denial became final on the 45th day without further notice. */
  finalByOperationOfLaw?: string;
} {
  const elapsed = elapsedDays(data.clock, asOf);
  const stopped = data.registeredOn ? daysBetween(data.registeredOn, data.decidedOn ?? asOf) - elapsed : 0;
  const base = {
    elapsed,
    stoppedDays: stopped,
    citation: processing.citation,
    unconfirmed: processing.unconfirmed,
  };
  const pp = processing.periods;
  if (!pp || !data.registeredOn) return { ...base, deadlines: [] };
  const deadlines: Deadline[] = [];
  const counted = (
    days: number,
    message: Message,
    citation: string,
    forRole: Role,
    doneOn: string | undefined,
    actions: LicenseAction[],
  ) => {
    const dueOn = dueDate(data.clock, days, asOf);
    const doneAfter = doneOn ? elapsedDays(data.clock, doneOn) : undefined;
    deadlines.push({
      ...deadline(message, citation, forRole, dueOn, doneOn, asOf, actions),
      dueAfterDays: days,
      elapsed: doneAfter ?? elapsed,
      // counted in processing days: stops do not count (§750.4(b))
      met: doneAfter === undefined ? null : doneAfter <= days,
      overdue: !doneOn && elapsed > days,
    });
  };
  const actedOn = data.referredOn ?? data.decidedOn ?? data.intentToDeny?.on;
  counted(pp.actOrReferDays, say('clock.bis_acts'), '15 CFR 750.4(a)(2), (c)', 'bis_officer', actedOn, [
    'refer',
    'approve',
    'intent_to_deny',
    'request_info',
    'return',
  ]);
  if (data.referredOn) {
    const fromReferral = elapsedDays(data.clock, data.referredOn);
    for (const agency of data.agencies) {
      const rec = data.recommendations.find((r) => r.agency === agency);
      const dueOn = dueDate(data.clock, fromReferral + pp.recommendDays, asOf);
      deadlines.push(
        deadline(
          say('clock.agency_recommends', { agency: agencyMessage(agency) }),
          '15 CFR 750.4(d)(2), (e)',
          'agency_reviewer',
          dueOn,
          rec?.on,
          asOf,
          ['recommend'],
        ),
      );
    }
    for (const step of data.escalation ?? []) {
      const dueOn =
        step.level === 'OC'
          ? dueDate(data.clock, fromReferral + pp.recommendDays + pp.ocDecisionDaysAfterRecommendations, asOf)
          : step.level === 'President'
            ? null
            : addDays(step.startedOn, step.level === 'ACEP' ? pp.acepDecisionDays : pp.earbDecisionDays);
      deadlines.push(
        deadline(
          step.level === 'OC'
            ? say('clock.oc_decides')
            : step.level === 'President'
              ? say('clock.president_decides')
              : say('clock.level_decides', { level: step.level }),
          `15 CFR 750.4(f)(${step.level === 'OC' ? '1' : step.level === 'ACEP' ? '2' : '3'})`,
          'bis_officer',
          dueOn,
          step.decision?.on,
          asOf,
          ['escalation_decision'],
        ),
      );
    }
  }
  counted(
    pp.resolveDays,
    say('clock.resolve'),
    '15 CFR 750.4(a)(1)',
    'bis_officer',
    data.decidedOn ??
      data.intentToDeny?.on ??
      data.escalation?.find((s) => s.level === 'President')?.startedOn,
    ['approve', 'intent_to_deny'],
  );
  const itd = data.intentToDeny;
  let finalByOperationOfLaw: string | undefined;
  if (itd && !itd.reconsidered) {
    deadlines.push(
      deadline(
        say('clock.itd_respond'),
        '15 CFR 750.6(b)',
        'compliance_officer',
        itd.respondBy,
        itd.responses[0]?.on,
        asOf,
        ['respond'],
        true,
      ),
    );
    if (!data.finalDenial) {
      deadlines.push(
        deadline(say('clock.itd_final'), '15 CFR 750.6(b)', 'bis_officer', itd.finalOn, undefined, asOf, [
          'reconsider',
          'deny',
        ]),
      );
      if (asOf > itd.finalOn) finalByOperationOfLaw = itd.finalOn;
    }
  }
  if (data.finalDenial && !data.appeal)
    deadlines.push(
      deadline(
        say('clock.appeal'),
        '15 CFR 756.2(c)(1)',
        'compliance_officer',
        data.finalDenial.appealBy,
        undefined,
        asOf,
        ['appeal'],
        true,
      ),
    );
  return { ...base, deadlines, ...(finalByOperationOfLaw ? { finalByOperationOfLaw } : {}) };
}
