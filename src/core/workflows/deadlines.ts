/**
 * The dated deadlines of a case record, one mapping per kind, computed by the workflow cores' own clocks
 * (licenseClock, the review clocks of Statements and VEU applications): the list filters (`overdue`, `dueBefore`) and the inbox read them from
 * here. A due date is the calendar date on which the clock reaches its days; while a clock is stopped (an
 * information request) its due date is counted on from today and moves until the clock resumes.
 */
import { dueDate } from './clock.js';
import type { EusRequestData } from './end-user-statement.js';
import { licenseClock, processingRules, type LicenseApplicationData } from './license-application.js';
import type { RuleSet } from '../rules/schema.js';
import { render, type Message } from '../messages/messages.js';
import { say } from '../messages/records.js';
import type { Role } from './roles.js';
import { ERC_DAYS, ercClock, type VeuApplicationData } from './veu.js';

export interface DatedDeadline {
  /** In English (kept for the API's readers); `message` is the same in the record catalogue. */
  what: string;
  message: Message;
  citation: string;
  /** ISO date. */
  dueOn: string;
  overdue: boolean;
  /** The role whose action the deadline waits for. */
  forRole: Role;
  /** The workflow actions that meet it. */
  actions: string[];
}

const said = (message: Message) => ({ what: render(message, 'en'), message });

interface Dated {
  state: string;
  data: unknown;
}

/** The open deadlines of §§750.4, 750.6 and 756.2, as licenseClock dates them (stops excluded). */
function licenseDeadlines(r: Dated, asOf: string, rules: RuleSet): DatedDeadline[] {
  const d = r.data as LicenseApplicationData;
  if (!d.registeredOn || ['approved', 'returned', 'withdrawn'].includes(r.state)) return [];
  return licenseClock(d, asOf, processingRules(rules, d, asOf))
    .deadlines.filter((x) => x.met === null && x.dueOn !== null && !(x.window && asOf > x.dueOn))
    .map((x) => ({
      what: x.what,
      message: x.message,
      citation: x.citation,
      dueOn: x.dueOn!,
      overdue: x.overdue,
      forRole: x.forRole,
      actions: x.actions.map((a) => `license_application.${a}`),
    }));
}

function eusDeadlines(r: Dated, asOf: string): DatedDeadline[] {
  if (!['submitted', 'info_requested'].includes(r.state)) return [];
  const d = r.data as EusRequestData;
  const dueOn = dueDate(d.clock, d.targetDays, asOf);
  if (!dueOn) return [];
  return [
    {
      ...said(say('deadline.eus_decides', { days: String(d.targetDays) })),
      citation:
        'MOFCOM review-time target (2011 U.S.-China Action Plan; HTT_EUS_TARGET_DAYS), a target, not a rule of the EAR; 15 CFR 748.10',
      dueOn,
      overdue: asOf > dueOn,
      forRole: 'mofcom_officer',
      actions: ['eus_request.issue', 'eus_request.refuse', 'eus_request.request_info'],
    },
  ];
}

function veuDeadlines(r: Dated, asOf: string): DatedDeadline[] {
  if (!['under_review', 'info_requested'].includes(r.state)) return [];
  const d = r.data as VeuApplicationData;
  const dueOn = dueDate(d.clock, ERC_DAYS, asOf);
  if (!dueOn) return [];
  return [
    {
      ...said(say('deadline.erc_decides', { days: String(ERC_DAYS) })),
      citation: 'Supp. No. 9 to Part 748 (End-User Review Committee procedures)',
      dueOn,
      overdue: !ercClock(d, asOf).withinDeadline,
      forRole: 'erc_member',
      actions: ['veu_application.vote', 'veu_application.approve', 'veu_application.deny'],
    },
  ];
}

/** Per kind of record, its dated deadlines on `asOf` (kinds without a clock have none). */
export const deadlineMappings: Partial<
  Record<string, (r: Dated, asOf: string, rules: RuleSet) => DatedDeadline[]>
> = {
  license_application: licenseDeadlines,
  eus_request: eusDeadlines,
  veu_application: veuDeadlines,
};

/** The dated deadlines of a record on `asOf`, earliest first. */
export function deadlinesOf(kind: string, record: Dated, asOf: string, rules: RuleSet): DatedDeadline[] {
  return (deadlineMappings[kind]?.(record, asOf, rules) ?? []).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}
