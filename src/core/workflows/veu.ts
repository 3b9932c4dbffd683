/**
 * Authorization VEU as a process (15 CFR 748.15, Supps. 8 and 9 to Part 748): applications reviewed by the
 * End-User Review Committee on a 30-day clock (time waiting for information excluded), approved only by
 * unanimous vote, which creates a dated VEU entry the evaluator uses; an entry is revoked by majority vote.
 * Before the first export under VEU the exporter obtains the VEU's certification (§748.15(e)); each shipment
 * gets a written notice (§748.15(g)); the annual report is due February 15 (§748.15(f)).
 */
import type { VeuApplicationInput } from '../../contracts/records.js';
import { HttError } from '../errors.js';
import { coveringControls, splitEccn } from '../determination/paragraphs.js';
import { paramsOf, versionAt } from '../rules/rule-set.js';
import type { RuleSet, VeuEntry } from '../rules/schema.js';
import { endIfOpen, elapsedDays, tick, type Clock } from './clock.js';
import { nextState, type Machine } from './machine.js';
import type { Role } from './roles.js';

/** Supp. No. 9 to Part 748: Commerce (chair), State, Defense and Energy. */
export const ERC_MEMBERS = ['Commerce', 'State', 'Defense', 'Energy'] as const;
export const ERC_DAYS = 30;

export const veuAppStates = [
  'draft',
  'submitted',
  'under_review',
  'info_requested',
  'approved',
  'denied',
  'withdrawn',
] as const;
export type VeuAppState = (typeof veuAppStates)[number];
export const veuAppActions = [
  'submit',
  'circulate',
  'request_info',
  'provide_info',
  'vote',
  'approve',
  'deny',
  'withdraw',
] as const;
export type VeuAppAction = (typeof veuAppActions)[number];

const applicants: Role[] = ['compliance_officer', 'importer_officer'];

export const veuAppMachine: Machine<VeuAppState, VeuAppAction> = {
  name: 'VEU application',
  states: veuAppStates,
  actions: veuAppActions,
  transitions: [
    {
      action: 'submit',
      from: ['draft'],
      to: 'submitted',
      roles: applicants,
      describe: 'the applicant submits the request (an advisory opinion request, §748.3(c))',
    },
    {
      action: 'circulate',
      from: ['submitted'],
      to: 'under_review',
      roles: ['erc_member'],
      describe: 'the ERC chair circulates the complete application; the 30-day clock starts',
    },
    {
      action: 'request_info',
      from: ['under_review'],
      to: 'info_requested',
      roles: ['erc_member'],
      describe: 'the ERC asks for more information; the clock stops',
    },
    {
      action: 'provide_info',
      from: ['info_requested'],
      to: 'under_review',
      roles: applicants,
      describe: 'the applicant answers; the clock resumes',
    },
    {
      action: 'vote',
      from: ['under_review'],
      to: 'under_review',
      roles: ['erc_member'],
      describe: 'a member agency votes',
    },
    {
      action: 'approve',
      from: ['under_review'],
      to: 'approved',
      roles: ['erc_member'],
      describe: 'approved by unanimous vote; a VEU entry is created',
    },
    {
      action: 'deny',
      from: ['under_review'],
      to: 'denied',
      roles: ['erc_member'],
      describe: 'not approved: every member voted and the vote was not unanimous',
    },
    {
      action: 'withdraw',
      from: ['draft', 'submitted', 'under_review', 'info_requested'],
      to: 'withdrawn',
      roles: applicants,
      describe: 'the applicant withdraws',
    },
  ],
};

export interface Vote {
  agency: string;
  vote: 'approve' | 'deny';
  on: string;
  reason: string;
}

export interface VeuApplicationData extends VeuApplicationInput {
  applicantOrgId: string;
  members: string[];
  clock: Clock;
  votes: Vote[];
  circulatedOn?: string;
  decidedOn?: string;
  entryId?: string;
  messages: { on: string; from: Role; text: string }[];
}

/**
 * §748.15(c)(1): items controlled for the reasons the VEU rule in force excludes (MT and CC) may not go under
 * VEU, so a request may not name them. An ECCN named without the paragraph that decides it is refused too,
 * asking for the paragraph. Returns a problem per refused item (index, ECCN, why).
 */
export function ineligibleVeuItems(
  rules: RuleSet,
  asOf: string,
  items: string[],
): { index: number; eccn: string; why: string }[] {
  const version = versionAt(rules, 'veu', asOf);
  const excluded = paramsOf(version, 'veu').excludedReasons;
  const problems: { index: number; eccn: string; why: string }[] = [];
  items.forEach((eccn, index) => {
    const { base, paragraph } = splitEccn(eccn.trim());
    const entry = rules.ccl.get(base);
    if (!entry) {
      problems.push({ index, eccn, why: `${eccn} is not an ECCN on the Commerce Control List` });
      return;
    }
    // the first excluded control row that covers the item, or may, decides
    const hit = coveringControls(entry.controls, paragraph).find(({ control }) =>
      excluded.some((r) => control.reason.startsWith(r)),
    );
    if (hit)
      problems.push({
        index,
        eccn,
        why:
          hit.coverage === 'covered'
            ? `${eccn} is controlled for ${hit.control.reason} reasons, which may not go under VEU (${version.citation})`
            : `${hit.control.reason} controls apply to part of ${base}: name the paragraph of the item, so that it can be seen whether it may go under VEU (${version.citation})`,
      });
  });
  return problems;
}

export function newVeuApplication(input: VeuApplicationInput, applicantOrgId: string): VeuApplicationData {
  return { ...input, applicantOrgId, members: [...ERC_MEMBERS], clock: [], votes: [], messages: [] };
}

export interface VeuActParams {
  on: string;
  text?: string;
  agency?: string;
  vote?: 'approve' | 'deny';
}

function recordVote(votes: Vote[], members: string[], p: VeuActParams): Vote[] {
  const agency = p.agency?.trim();
  if (!agency || !members.includes(agency))
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `vote needs a member agency (${members.join(', ')})`,
      field: 'agency',
    });
  if (p.vote !== 'approve' && p.vote !== 'deny')
    throw new HttError({ code: 'INPUT.INVALID', message: 'vote needs approve or deny', field: 'vote' });
  if (votes.some((v) => v.agency === agency))
    throw new HttError({ code: 'CASE.CONFLICT', message: `${agency} has already voted` });
  return [...votes, { agency, vote: p.vote, on: p.on, reason: p.text ?? '' }];
}

export function actOnVeuApplication(
  state: VeuAppState,
  data: VeuApplicationData,
  action: VeuAppAction,
  role: Role,
  p: VeuActParams,
): { state: VeuAppState; data: VeuApplicationData } {
  const to = nextState(veuAppMachine, state, action, role);
  const d: VeuApplicationData = { ...data };
  const allVoted = () => d.members.every((m) => d.votes.some((v) => v.agency === m));
  switch (action) {
    case 'submit':
      break;
    case 'circulate':
      d.clock = tick(d.clock, { type: 'start', on: p.on, why: 'circulated to the ERC' });
      d.circulatedOn = p.on;
      break;
    case 'request_info':
      d.clock = tick(d.clock, { type: 'stop', on: p.on, why: 'information requested' });
      d.messages = [...d.messages, { on: p.on, from: role, text: p.text ?? '' }];
      break;
    case 'provide_info':
      d.clock = tick(d.clock, { type: 'resume', on: p.on, why: 'information provided' });
      d.messages = [...d.messages, { on: p.on, from: role, text: p.text ?? '' }];
      break;
    case 'vote':
      d.votes = recordVote(d.votes, d.members, p);
      break;
    case 'approve':
      if (!allVoted() || !d.votes.every((v) => v.vote === 'approve')) {
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: `VEU approval needs a unanimous vote of ${d.members.join(', ')} (Supp. No. 9 to Part 748); votes so far: ${d.votes.map((v) => `${v.agency} ${v.vote}`).join(', ') || 'none'}`,
        });
      }
      d.clock = tick(d.clock, { type: 'end', on: p.on, why: 'approved' });
      d.decidedOn = p.on;
      break;
    case 'deny':
      if (!d.votes.some((v) => v.vote === 'deny')) {
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: 'the application can be decided against only once a member agency has voted to deny',
        });
      }
      d.clock = tick(d.clock, { type: 'end', on: p.on, why: 'not approved' });
      d.decidedOn = p.on;
      break;
    case 'withdraw':
      d.clock = endIfOpen(d.clock, p.on, 'withdrawn');
      break;
  }
  return { state: to, data: d };
}

/** ERC review days (stops excluded) and whether the decision came, or is still due, within 30 days. */
export function ercClock(
  data: VeuApplicationData,
  asOf: string,
): { days: number; withinDeadline: boolean; decided: boolean } {
  const days = elapsedDays(data.clock, data.decidedOn ?? asOf);
  return { days, withinDeadline: days <= ERC_DAYS, decided: !!data.decidedOn };
}

// ------------------------------------------------------------------------------------------ entries

export const veuEntryStates = ['active', 'revoked'] as const;
export type VeuEntryState = (typeof veuEntryStates)[number];

export interface VeuEntryData {
  entry: VeuEntry;
  applicationId: string;
  revocationVotes: Vote[];
  certifications: { exporterOrgId: string; on: string; text: string }[];
}

/** The dated VEU entry an approval creates, in the register format the evaluator reads. */
export function entryFromApproval(applicationId: string, app: VeuApplicationData): VeuEntryData {
  if (!app.decidedOn)
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: 'only an approved application creates a VEU entry',
    });
  return {
    applicationId,
    revocationVotes: [],
    certifications: [],
    entry: {
      validatedEndUser: app.candidate.name,
      aliases: [],
      country: 'CN',
      eligibleItems: app.items,
      eligibleDestinations: app.facilities.map((f) => `${f.name}: ${f.address}`),
      excludedFrom744_23: false,
      effective: { from: app.decidedOn, to: null },
      citation: `End-User Review Committee decision on VEU application ${applicationId} (case record; Supp. No. 7 to Part 748 once published)`,
      source: { notices: [], secondary: [`case:${applicationId}`] },
      confidence: 'confirmed',
      unconfirmed: [],
    },
  };
}

/** Revocation: a majority of the member agencies votes to revoke (Supp. No. 9 to Part 748). */
export function voteToRevoke(
  state: VeuEntryState,
  data: VeuEntryData,
  role: Role,
  p: VeuActParams & { members?: string[] },
): { state: VeuEntryState; data: VeuEntryData } {
  if (role !== 'erc_member')
    throw new HttError({
      code: 'CASE.FORBIDDEN',
      message: 'only End-User Review Committee members vote on revocation',
    });
  if (state !== 'active')
    throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: `the VEU entry is ${state}` });
  const members = p.members ?? [...ERC_MEMBERS];
  const votes = recordVote(data.revocationVotes, members, p);
  const revoke = votes.filter((v) => v.vote === 'approve').length > members.length / 2;
  const next: VeuEntryData = { ...data, revocationVotes: votes };
  if (!revoke) return { state, data: next };
  return {
    state: 'revoked',
    data: { ...next, entry: { ...next.entry, effective: { ...next.entry.effective, to: p.on } } },
  };
}

/** §748.15(e): the exporter records the VEU's certification before its first export under VEU. */
export function recordCertification(
  data: VeuEntryData,
  exporterOrgId: string,
  on: string,
  text: string,
): VeuEntryData {
  if (!text.trim())
    throw new HttError({ code: 'INPUT.INVALID', message: 'the certification text is needed', field: 'text' });
  return { ...data, certifications: [...data.certifications, { exporterOrgId, on, text }] };
}

export function hasCertification(data: VeuEntryData, exporterOrgId: string, on: string): boolean {
  return data.certifications.some((c) => c.exporterOrgId === exporterOrgId && c.on <= on);
}

export interface VeuShipmentData {
  entryId: string;
  exporterOrgId: string;
  validatedEndUser: string;
  facility: string;
  on: string;
  items: { eccn: string; description: string; quantity: number; valueUsd: number }[];
  /** §748.15(g): the written notice to the VEU, listing contents and ECCNs and stating that VEU is used. */
  notice: string;
}

export function shipmentNotice(s: Omit<VeuShipmentData, 'notice'>): string {
  return [
    `Notice of shipment under Authorization VEU (15 CFR 748.15(g))`,
    `To: ${s.validatedEndUser}, ${s.facility}`,
    `Shipped on ${s.on} under Authorization VEU:`,
    ...s.items.map(
      (i) => `  - ${i.description}, ECCN ${i.eccn}, quantity ${i.quantity}, value $${i.valueUsd}`,
    ),
  ].join('\n');
}

/** §748.15(f)(1): the report for calendar year `year`, due February 15 of the next year. */
export function annualReport(year: number, shipments: VeuShipmentData[]) {
  const inYear = shipments.filter((s) => s.on.startsWith(`${year}-`));
  const rows = new Map<
    string,
    { validatedEndUser: string; facility: string; eccn: string; quantity: number; valueUsd: number }
  >();
  for (const s of inYear) {
    for (const i of s.items) {
      const key = `${s.validatedEndUser}|${s.facility}|${i.eccn}`;
      const row = rows.get(key) ?? {
        validatedEndUser: s.validatedEndUser,
        facility: s.facility,
        eccn: i.eccn,
        quantity: 0,
        valueUsd: 0,
      };
      row.quantity += i.quantity;
      row.valueUsd += i.valueUsd;
      rows.set(key, row);
    }
  }
  return {
    year,
    dueOn: `${year + 1}-02-15`,
    citation: '15 CFR 748.15(f)(1)',
    shipments: inYear.length,
    rows: [...rows.values()],
  };
}
