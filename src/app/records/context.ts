/**
 * What every case use case gets: the store, the check services, the clock, the configuration, and the
 * acting user. Visibility and role rules that are not part of a state machine live here.
 */
import { randomUUID } from 'node:crypto';
import { HttError } from '../../core/errors.js';
import type { OrgType, Role } from '../../core/workflows/roles.js';
import type {
  RecordFilter,
  RecordKind,
  RecordStore,
  RecordWriter,
  StoredRecord,
} from '../ports/record-store.js';
import type { Services } from '../services.js';
import type { JobQueue, JobStore } from '../ports/job-queue.js';

export interface Actor {
  userId: string;
  name: string;
  orgId: string;
  orgType: OrgType;
  role: Role;
  /** The session the user acts through (HTTP); not enumerable, so never serialised. */
  readonly sessionId?: string;
}

export const SYSTEM: Actor = {
  userId: 'system',
  name: 'htt',
  orgId: 'system',
  orgType: 'bis',
  role: 'admin',
};

export interface CaseConfig {
  /** The MOFCOM review-time target for End-User Statements, in days (2011 Action Plan; configurable). */
  eusTargetDays: number;
  /**
   * How many days before today an event (a shipment, a workflow action) may be dated, with a reason: the
   * exporter's recordkeeping policy, not a rule of the EAR (default 30; HTT_BACKDATE_DAYS).
   */
  backdateDays?: number;
}

export const defaultCaseConfig: CaseConfig = {
  eusTargetDays: Number(process.env.HTT_EUS_TARGET_DAYS ?? 20),
  backdateDays: Number(process.env.HTT_BACKDATE_DAYS ?? 30),
};

export interface EventDate {
  on: string;
  /** Set when the event is dated before the day it is recorded. */
  backdated?: { recordedOn: string; reason: string };
}

/**
 * The date of an event: today by the server clock, or a date given within the back-dating window with a
 * reason (audited); never in the future.
 */
export function eventDate(s: CaseServices, on: string | undefined, reason: string | undefined): EventDate {
  const today = dateOf(s.now());
  if (on === undefined || on === today) return { on: today };
  if (on > today)
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `an event cannot be dated in the future (${on}; today is ${today})`,
      field: 'on',
    });
  const days = s.config.backdateDays ?? 30;
  const earliest = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
  if (on < earliest)
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `an event may be dated at most ${days} days back (${earliest} or later), not ${on}`,
      field: 'on',
    });
  if (!reason?.trim())
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `dating an event before today (${on}) needs a reason (backdateReason), kept in the audit log`,
      field: 'backdateReason',
    });
  return { on, backdated: { recordedOn: today, reason: reason.trim() } };
}

export interface CaseServices {
  store: RecordStore;
  checks: Services;
  /** ISO timestamp now. */
  now(): string;
  config: CaseConfig;
  /** Where heavy work goes (src/app/jobs); absent where no job store is wired (the job operations say so). */
  jobs?: JobServices;
}

export interface JobServices {
  store: JobStore;
  queue: JobQueue;
  /** How long a worker holds a chunk before another may take it (milliseconds). */
  leaseMs: number;
}

/**
 * The case services of a process (server or CLI) on a store: the clock is the system's, or HTT_NOW (an ISO
 * timestamp) where a demonstration or a test replays a past date.
 */
export function caseServicesFor(store: RecordStore, checks: Services): CaseServices {
  return {
    store,
    checks,
    now: () => process.env.HTT_NOW ?? new Date().toISOString(),
    config: defaultCaseConfig,
  };
}

export const newId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
export const dateOf = (timestamp: string): string => timestamp.slice(0, 10);

/**
 * Kinds that government reviewers see across organisations, by role. HTWG events are open to every role that
 * may register for them (issue 15: one finds an event to register for); the questions stay with the asker's
 * organisation and the organisers.
 */
const crossOrgReads: Partial<Record<Role, RecordKind[]>> = {
  compliance_officer: ['outreach_event'],
  importer_officer: ['outreach_event'],
  admin: ['outreach_event'],
  mofcom_officer: ['eus_request', 'organisation', 'outreach_event', 'outreach_question'],
  bis_officer: [
    'license_application',
    'license',
    'eus_request',
    'veu_application',
    'veu_entry',
    'organisation',
    'outreach_event',
    'outreach_question',
    'veu_shipment',
  ],
  // a reviewing agency reads the applications referred to it (referral adds its organisation to the record)
  agency_reviewer: ['organisation', 'outreach_event'],
  erc_member: ['veu_application', 'veu_entry', 'organisation', 'outreach_event'],
  htwg_member: ['outreach_event', 'outreach_question', 'organisation'],
};

export function canRead(actor: Actor, record: StoredRecord): boolean {
  if (actor.role === 'auditor' || actor === SYSTEM) return true;
  if (record.orgIds.includes(actor.orgId)) return true;
  return crossOrgReads[actor.role]?.includes(record.kind) ?? false;
}

/** The records of a kind the actor may read (cross-organisation roles see the whole kind). */
export async function listVisible<T>(
  s: CaseServices,
  actor: Actor,
  kind: RecordKind,
  filter: Omit<RecordFilter, 'orgId'> = {},
): Promise<StoredRecord<T>[]> {
  const wide =
    actor.role === 'auditor' || actor === SYSTEM || (crossOrgReads[actor.role]?.includes(kind) ?? false);
  return s.store.list<T>(kind, wide ? filter : { ...filter, orgId: actor.orgId });
}

export async function getVisible<T>(
  s: CaseServices | RecordWriter,
  actor: Actor,
  kind: RecordKind,
  id: string,
): Promise<StoredRecord<T>> {
  const reader = 'store' in s ? s.store : s;
  const record = await reader.get<T>(kind, id);
  // a record the actor may not read is reported as absent: ids of other organisations leak nothing
  if (!record || !canRead(actor, record))
    throw new HttError({ code: 'CASE.NOT_FOUND', message: `no ${kind.replace(/_/g, ' ')} ${id}` });
  return record;
}

export function requireRole(actor: Actor, allowed: Role[], what: string): void {
  if (!allowed.includes(actor.role)) {
    throw new HttError({
      code: 'CASE.FORBIDDEN',
      message: `a ${actor.role} may not ${what} (allowed: ${allowed.join(', ')})`,
    });
  }
}

export function audit(actor: Actor, action: string, at: string, reason?: string) {
  return { actor: actor.userId, action, at, ...(reason ? { reason } : {}) };
}
