/**
 * Authorization VEU as a process (15 CFR 748.15, Supps. 7, 8 and 9 to Part 748): applications reviewed by the
 * End-User Review Committee on a 30-day clock (time waiting for information excluded), approved only by
 * unanimous vote, possibly for fewer items and facilities than requested. Approval creates a VEU entry that
 * authorizes nothing yet: only the end users identified in Supp. No. 7 are VEUs (§748.15(a)(1)), so the entry
 * takes effect on the effective date of the final rule BIS publishes in the Federal Register adding it.
 * Amendments (items and facilities added or removed) follow the same path: unanimity to add, majority to
 * remove (Supp. No. 9 to Part 748, paragraph (2)), effective on publication; the entry keeps, for each item
 * and facility, from when to when it was eligible. An entry is revoked by majority vote. Before the first
 * export under VEU the exporter obtains the VEU's certification (§748.15(e)); each shipment gets a written
 * notice (§748.15(g)); the annual report is due February 15 (§748.15(f)).
 */
import type { VeuApplicationInput } from '../../contracts/records.js';
import { HttError } from '../errors.js';
import { coveringControls, splitEccn } from '../determination/paragraphs.js';
import { addDays } from '../rules/dates.js';
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
  'published',
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
  'publish',
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
      describe:
        'approved (unanimous vote to grant or add; majority to remove), possibly for part of the request; not yet in force',
    },
    {
      action: 'publish',
      from: ['approved'],
      to: 'published',
      roles: ['bis_officer'],
      describe:
        'BIS records the final rule published in the Federal Register (Supp. No. 7 to Part 748); in force from its effective date',
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

/** What an amendment of an existing entry removes (what it adds is in `items` and `facilities`). */
export interface VeuAmendment {
  entryId: string;
  removeItems: string[];
  /** Facility names as the entry lists them (the part before ": address"). */
  removeFacilities: string[];
  reason: string;
}

/** The part of the request the ERC approved (partial approval), and what it did not, with the reason. */
export interface VeuDecision {
  items: string[];
  facilities: { name: string; address: string }[];
  removeItems: string[];
  removeFacilities: string[];
  notApproved: { kind: 'item' | 'facility'; value: string; reason: string }[];
}

/** The final rule adding (or amending) the entry in Supp. No. 7 to Part 748. */
export interface VeuPublication {
  /** Federal Register citation, e.g. "72 FR 59164". */
  citation: string;
  publishedOn: string;
  effectiveOn: string;
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
  /** Present when the request amends an existing entry (items and facilities added are `items`, `facilities`). */
  amends?: VeuAmendment;
  decision?: VeuDecision;
  publication?: VeuPublication;
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
  /** approve: the subset of the requested items approved (default: all). */
  items?: string[];
  /** approve: the names of the requested facilities approved (default: all). */
  facilities?: string[];
  /** publish: the Federal Register citation of the final rule, e.g. "72 FR 59164". */
  citation?: string;
  /** publish: the effective date the final rule states (on or after its publication, `on`). */
  effectiveOn?: string;
}

const invalid = (message: string, field: string) => new HttError({ code: 'INPUT.INVALID', message, field });

/** "72 FR 59164": volume, FR, first page. */
export const FR_CITATION = /^\d{1,3} FR \d{1,6}$/;

/**
 * The subset approved: named items and facilities must be among those requested; what is left out is recorded
 * as not approved, with the reason given (`text`), which is then required.
 */
function decide(d: VeuApplicationData, p: VeuActParams): VeuDecision {
  const items = p.items ?? d.items;
  const names = p.facilities ?? d.facilities.map((f) => f.name);
  for (const [i, eccn] of items.entries())
    if (!d.items.includes(eccn))
      throw invalid(`${eccn} is not an item of the request (${d.items.join(', ') || 'none'})`, `items[${i}]`);
  for (const [i, name] of names.entries())
    if (!d.facilities.some((f) => f.name === name))
      throw invalid(
        `${name} is not a facility of the request (${d.facilities.map((f) => f.name).join(', ') || 'none'})`,
        `facilities[${i}]`,
      );
  const reason = p.text?.trim() ?? '';
  const notApproved = [
    ...d.items.filter((e) => !items.includes(e)).map((value) => ({ kind: 'item' as const, value, reason })),
    ...d.facilities
      .filter((f) => !names.includes(f.name))
      .map((f) => ({ kind: 'facility' as const, value: `${f.name}: ${f.address}`, reason })),
  ];
  if (notApproved.length && !reason)
    throw invalid('say why the items or facilities left out are not approved (text)', 'text');
  const decision: VeuDecision = {
    items: d.items.filter((e) => items.includes(e)),
    facilities: d.facilities.filter((f) => names.includes(f.name)),
    removeItems: d.amends?.removeItems ?? [],
    removeFacilities: d.amends?.removeFacilities ?? [],
    notApproved,
  };
  if (!d.amends && (!decision.items.length || !decision.facilities.length))
    throw invalid('a VEU is approved for at least one item and one facility', 'items');
  if (
    d.amends &&
    !decision.items.length &&
    !decision.facilities.length &&
    !decision.removeItems.length &&
    !decision.removeFacilities.length
  )
    throw invalid('the approval changes nothing; deny the amendment instead', 'items');
  return decision;
}

/**
 * Supp. No. 9 to Part 748, paragraph (2): a unanimous vote to authorize VEU status or to add eligible items; a
 * majority vote to remove eligible items. Adding a facility is treated as adding to the authorization
 * (unanimity) and removing one as removing from it (majority): the text names items only (unconfirmed).
 */
function needsUnanimity(d: VeuApplicationData, decision: VeuDecision): boolean {
  return !d.amends || decision.items.length > 0 || decision.facilities.length > 0;
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
    case 'approve': {
      const decision = decide(d, p);
      const votes = d.votes.map((v) => `${v.agency} ${v.vote}`).join(', ') || 'none';
      if (needsUnanimity(d, decision)) {
        if (!allVoted() || !d.votes.every((v) => v.vote === 'approve'))
          throw new HttError({
            code: 'CASE.INVALID_TRANSITION',
            message: `${d.amends ? 'adding items or facilities to a VEU entry' : 'VEU approval'} needs a unanimous vote of ${d.members.join(', ')} (Supp. No. 9 to Part 748, paragraph (2)); votes so far: ${votes}`,
          });
      } else if (!(d.votes.filter((v) => v.vote === 'approve').length > d.members.length / 2))
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: `removing items or facilities from a VEU entry needs a majority vote of ${d.members.join(', ')} (Supp. No. 9 to Part 748, paragraph (2)); votes so far: ${votes}`,
        });
      d.decision = decision;
      d.clock = tick(d.clock, { type: 'end', on: p.on, why: 'approved' });
      d.decidedOn = p.on;
      break;
    }
    case 'publish': {
      const citation = p.citation?.trim() ?? '';
      if (!FR_CITATION.test(citation))
        throw invalid(
          `the Federal Register citation of the final rule is needed, as "72 FR 59164" (got "${citation}")`,
          'citation',
        );
      if (!p.effectiveOn || !/^\d{4}-\d{2}-\d{2}$/.test(p.effectiveOn))
        throw invalid('the effective date the final rule states is needed (effectiveOn)', 'effectiveOn');
      if (p.effectiveOn < p.on)
        throw invalid(
          `a rule takes effect on or after its publication (${p.on}), not ${p.effectiveOn}`,
          'effectiveOn',
        );
      d.publication = { citation, publishedOn: p.on, effectiveOn: p.effectiveOn };
      break;
    }
    case 'deny': {
      // denied once approval can no longer be reached: any deny defeats unanimity; removals need denies to
      // leave no majority
      const denies = d.votes.filter((v) => v.vote === 'deny').length;
      const removalOnly = !!d.amends && !d.items.length && !d.facilities.length;
      if (removalOnly ? denies < d.members.length / 2 : denies === 0) {
        throw new HttError({
          code: 'CASE.INVALID_TRANSITION',
          message: removalOnly
            ? 'a removal can be decided against only once half of the member agencies have voted to deny'
            : 'the application can be decided against only once a member agency has voted to deny',
        });
      }
      d.clock = tick(d.clock, { type: 'end', on: p.on, why: 'not approved' });
      d.decidedOn = p.on;
      break;
    }
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

export const veuEntryStates = ['pending_publication', 'active', 'revoked'] as const;
export type VeuEntryState = (typeof veuEntryStates)[number];

/** From when to when (inclusive; `to` null: still) an item or a facility was eligible under the entry. */
export interface EligibilityPeriod {
  kind: 'item' | 'facility';
  /** ECCN, or "facility name: address". */
  value: string;
  from: string;
  to: string | null;
  /** The final rule that made it eligible, and the one that ended it. */
  citation: string;
}

export interface VeuEntryData {
  /** The entry in the register format the evaluator reads; its eligible items and facilities are the latest. */
  entry: VeuEntry;
  applicationId: string;
  revocationVotes: Vote[];
  certifications: { exporterOrgId: string; on: string; text: string }[];
  /** Absent on entries recorded before eligibility was dated: then `entry` holds the lists. */
  eligibility?: EligibilityPeriod[];
  /** The final rules that added and amended the entry, by application. */
  publications?: (VeuPublication & { applicationId: string })[];
}

const facilityOf = (f: { name: string; address: string }) => `${f.name}: ${f.address}`;
/** A facility named by the name the request gave, or by the whole "name: address" line. */
const isFacility = (line: string, name: string) => line === name || line.startsWith(`${name}: `);

/**
 * The VEU entry an approval creates: it names what the ERC approved and authorizes nothing until BIS records
 * the final rule adding it to Supp. No. 7 to Part 748 (§748.15(a)(1)); see `publishToEntry`.
 */
export function entryFromApproval(applicationId: string, app: VeuApplicationData): VeuEntryData {
  if (!app.decidedOn || !app.decision)
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: 'only an approved application creates a VEU entry',
    });
  return {
    applicationId,
    revocationVotes: [],
    certifications: [],
    eligibility: [],
    publications: [],
    entry: {
      validatedEndUser: app.candidate.name,
      aliases: [],
      country: 'CN',
      eligibleItems: app.decision.items,
      eligibleDestinations: app.decision.facilities.map(facilityOf),
      excludedFrom744_23: false,
      effective: { from: null, to: null },
      citation: `End-User Review Committee decision of ${app.decidedOn} on VEU application ${applicationId}; not yet published in Supp. No. 7 to Part 748`,
      source: { notices: [], secondary: [`case:${applicationId}`] },
      confidence: 'confirmed',
      unconfirmed: [],
    },
  };
}

/**
 * The final rule is published (§748.15(a)(1): only the end users identified in Supp. No. 7 are VEUs): a new
 * entry becomes active from the rule's effective date, with what the ERC approved; an amendment adds the
 * approved items and facilities from that date and ends the removed ones the day before it.
 */
export function publishToEntry(
  state: VeuEntryState,
  data: VeuEntryData,
  applicationId: string,
  app: VeuApplicationData,
): { state: VeuEntryState; data: VeuEntryData } {
  const pub = app.publication;
  const decision = app.decision;
  if (!pub || !decision)
    throw new HttError({ code: 'CASE.INVALID_TRANSITION', message: 'only an approved request is published' });
  const amendment = !!app.amends;
  if (amendment ? state !== 'active' : state !== 'pending_publication')
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `the VEU entry is ${state.replace('_', ' ')}: ${amendment ? 'only an active entry is amended' : 'it has been published already'}`,
    });
  const from = pub.effectiveOn;
  const cite = `${pub.citation} (published ${pub.publishedOn}, effective ${from})`;
  const start = (kind: EligibilityPeriod['kind'], value: string): EligibilityPeriod => ({
    kind,
    value,
    from,
    to: null,
    citation: cite,
  });
  // entries recorded before eligibility was dated start from their lists
  let periods: EligibilityPeriod[] =
    data.eligibility ??
    (data.entry.effective.from
      ? [
          ...(data.entry.eligibleItems ?? []).map((v) => ({
            ...start('item', v),
            from: data.entry.effective.from!,
          })),
          ...(data.entry.eligibleDestinations ?? []).map((v) => ({
            ...start('facility', v),
            from: data.entry.effective.from!,
          })),
        ]
      : []);
  const ends = (p: EligibilityPeriod) =>
    p.to === null &&
    ((p.kind === 'item' && decision.removeItems.includes(p.value)) ||
      (p.kind === 'facility' && decision.removeFacilities.some((n) => isFacility(p.value, n))));
  periods = [
    ...periods.map((p) =>
      ends(p) ? { ...p, to: addDays(from, -1), citation: `${p.citation}; removed by ${cite}` } : p,
    ),
    ...decision.items.map((v) => start('item', v)),
    ...decision.facilities.map((f) => start('facility', facilityOf(f))),
  ];
  const open = (kind: EligibilityPeriod['kind']) => [
    ...new Set(periods.filter((p) => p.kind === kind && p.to === null).map((p) => p.value)),
  ];
  const notices = [...data.entry.source.notices, pub.citation];
  return {
    state: 'active',
    data: {
      ...data,
      eligibility: periods,
      publications: [...(data.publications ?? []), { ...pub, applicationId }],
      entry: {
        ...data.entry,
        eligibleItems: open('item'),
        eligibleDestinations: open('facility'),
        effective: amendment ? data.entry.effective : { from, to: null },
        citation: amendment
          ? `${data.entry.citation}; amended by ${cite}`
          : `Supp. No. 7 to Part 748; ${cite}`,
        source: { ...data.entry.source, notices },
      },
    },
  };
}

/**
 * The entry as it stood on a date, in the register format the evaluator and the release gate read: the items
 * and facilities eligible that day; an entry not yet published is marked so and authorizes nothing.
 */
export function entryOn(state: string, data: VeuEntryData, on: string): VeuEntry {
  if (state === 'pending_publication') return { ...data.entry, pendingPublication: true };
  if (!data.eligibility) return data.entry;
  const eligible = (kind: EligibilityPeriod['kind']) => [
    ...new Set(
      data
        .eligibility!.filter((p) => p.kind === kind && p.from <= on && (p.to === null || on <= p.to))
        .map((p) => p.value),
    ),
  ];
  return { ...data.entry, eligibleItems: eligible('item'), eligibleDestinations: eligible('facility') };
}

/**
 * Revocation: a majority of the member agencies votes to revoke (Supp. No. 9 to Part 748, paragraph (2)). It
 * ends the authorization at once: the entry's last day in force (`effective.to`, inclusive as in the register)
 * is the day before the deciding vote, so no shipment dated on or after the vote goes under it.
 */
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
    throw new HttError({
      code: 'CASE.INVALID_TRANSITION',
      message: `the VEU entry is ${state.replace('_', ' ')}`,
    });
  const members = p.members ?? [...ERC_MEMBERS];
  const votes = recordVote(data.revocationVotes, members, p);
  const revoke = votes.filter((v) => v.vote === 'approve').length > members.length / 2;
  const next: VeuEntryData = { ...data, revocationVotes: votes };
  if (!revoke) return { state, data: next };
  return {
    state: 'revoked',
    data: {
      ...next,
      entry: {
        ...next.entry,
        effective: { ...next.entry.effective, to: addDays(p.on, -1) },
        citation: `${next.entry.citation}; revoked by majority vote of the End-User Review Committee on ${p.on}`,
      },
    },
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
