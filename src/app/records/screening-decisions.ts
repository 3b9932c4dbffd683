/**
 * Decisions the organisation remembers (issue 13, item 6; docs/SCREENING.md): a compliance officer confirms
 * that a name is a listed party or clears a listed entry as a false positive for a name; the decision is a
 * `screening_decision` record of the officer's organisation (audited), with the list entry's id and content
 * hash in the current snapshot. Every path that screens for an organisation screens through
 * `screenerForOrg`, which applies the organisation's pending and active decisions (core/workflows/
 * screening-decision.ts). Other organisations never see the records, nor feel their effect.
 */
import { HttError } from '../../core/errors.js';
import type { Screener } from '../../core/screening/types.js';
import { screeningStatus, summariseHits, type CounterpartyData } from '../../core/workflows/counterparty.js';
import {
  approve,
  decide,
  decisionMemory,
  missingFrom,
  nameKey,
  revoke,
  screenWithDecisions,
  type Decision,
  type DecisionKind,
  type DecisionMemory,
  type ScreeningDecisionData,
} from '../../core/workflows/screening-decision.js';
import type { RecordReader, RecordWriter, StoredRecord } from '../ports/record-store.js';
import { Remembered } from '../remembered.js';
import type { Services } from '../services.js';
import { audit, newId, requireRole, SYSTEM, type Actor, type CaseServices } from './context.js';
import type { OrganisationData } from './organisations.js';

/** The roles that decide on screening hits, and that list and revoke the organisation's decisions. */
const DECIDERS = ['compliance_officer'] as const;

const asDecision = (r: StoredRecord<ScreeningDecisionData>): Decision => ({
  id: r.id,
  state: r.state as Decision['state'],
  data: r.data,
});

/** The pending and active decisions of an organisation. */
async function liveDecisions(reader: RecordReader, orgId: string): Promise<Decision[]> {
  if (orgId === SYSTEM.orgId) return [];
  const rows = await reader.list<ScreeningDecisionData>('screening_decision', {
    orgId,
    state: ['pending', 'active'],
  });
  return rows.map(asDecision);
}

/**
 * The loaded screener (or `screener`, a re-screening's new snapshot) with the organisation's decisions
 * applied; the screener itself when the organisation has none.
 */
export async function screenerForOrg(
  s: CaseServices,
  orgId: string,
  reader: RecordReader = s.store,
  screener: Screener | undefined = s.checks.screener(),
): Promise<Screener | undefined> {
  if (!screener) return undefined;
  return screenWithDecisions(screener, decisionMemory(await liveDecisions(reader, orgId)));
}

const remembering = new WeakMap<CaseServices, Remembered<DecisionMemory>>();

/**
 * A server process remembers each organisation's decisions for the engine operations (a screen, a check)
 * for `ttlMs` (issue 14, item 7: one record query per /screen call was a tenth of its time), as it
 * remembers sessions. The returned `forget` drops them all: the server calls it after every write through
 * it, so a decision made through this process applies to the next request; one made through another
 * process within `ttlMs`. Writes (a transaction's screening, a decision's refresh) always read afresh.
 */
export function rememberDecisions(s: CaseServices, ttlMs: number): () => void {
  if (!(ttlMs > 0)) return () => undefined;
  const r = new Remembered<DecisionMemory>(ttlMs);
  remembering.set(s, r);
  return () => r.forget();
}

async function memoryOf(s: CaseServices, orgId: string): Promise<DecisionMemory> {
  const load = async () => decisionMemory(await liveDecisions(s.store, orgId));
  const r = remembering.get(s);
  return r ? r.get(orgId, load) : load();
}

/** The engine's services as an organisation screens: its decisions applied (engine operations, checks). */
export async function servicesForOrg(s: CaseServices, actor: Actor): Promise<Services> {
  if (actor === SYSTEM) return s.checks;
  const loaded = s.checks.screener();
  const screener = loaded && screenWithDecisions(loaded, await memoryOf(s, actor.orgId));
  return { ...s.checks, screener: () => screener };
}

/** Whether the organisation asks for a second officer on clearances (an administrator's setting). */
async function fourEyes(reader: RecordReader, orgId: string): Promise<boolean> {
  const org = await reader.get<OrganisationData>('organisation', orgId);
  return org?.data.screening?.fourEyesClearances === true;
}

/** An organisation's decision, or CASE.NOT_FOUND (another organisation's ids leak nothing). */
async function ownDecision(
  reader: RecordReader,
  actor: Actor,
  id: string,
): Promise<StoredRecord<ScreeningDecisionData>> {
  const r = await reader.get<ScreeningDecisionData>('screening_decision', id);
  if (!r || !r.orgIds.includes(actor.orgId))
    throw new HttError({ code: 'CASE.NOT_FOUND', message: `no screening decision ${id}` });
  return r;
}

/**
 * Screen the organisation's counterparties on a name again (after a decision on that name): their stored
 * hits and status follow the decision. Written in the caller's transaction.
 */
async function refreshCounterparties(
  tx: RecordWriter,
  s: CaseServices,
  actor: Actor,
  orgId: string,
  name: string,
  action: string,
  why: string,
): Promise<void> {
  const screener = await screenerForOrg(s, orgId, tx);
  if (!screener) return;
  const key = nameKey(name);
  for (const cp of await tx.list<CounterpartyData>('counterparty', { orgId })) {
    if (nameKey(cp.data.name) !== key) continue;
    const hits = summariseHits(
      screener.screen(
        { name: cp.data.name, ...(cp.data.country ? { country: cp.data.country } : {}) },
        { cleared: cp.data.cleared.map((c) => c.id) },
      ),
    );
    const data: CounterpartyData = {
      ...cp.data,
      screening: { snapshot: screener.snapshot, screenedOn: s.now(), hits },
    };
    await tx.update(
      { ...cp, state: screeningStatus(data), data },
      cp.version,
      audit(actor, action, s.now(), why),
    );
  }
}

export interface DecisionInput {
  kind: DecisionKind;
  /** The name decided on; a counterparty's decision defaults to the counterparty's name. */
  name?: string;
  counterpartyId?: string;
  entryId: string;
  reason: string;
}

/**
 * Record a decision of the actor's organisation on a (name, listed entry) pair, audited; the organisation's
 * counterparties of that name are screened again in the same transaction. `counterpartyAudit` names the
 * audit action of that update (counterparty.clear_hit when the decision comes from the counterparty's view).
 */
export async function recordDecision(
  s: CaseServices,
  actor: Actor,
  input: DecisionInput,
  counterpartyAudit = 'counterparty.rescreen',
): Promise<StoredRecord<ScreeningDecisionData>> {
  requireRole(actor, [...DECIDERS], 'record screening decisions');
  const screener = s.checks.screener();
  if (!screener)
    throw new HttError({
      code: 'LISTS.NOT_LOADED',
      message: 'no list snapshot is loaded: a decision names an entry in it',
    });
  const entry = screener.entity?.(input.entryId);
  if (!entry)
    throw new HttError({
      code: 'CASE.NOT_FOUND',
      message: `no listed entry ${input.entryId} in the loaded snapshot ${screener.snapshot}`,
      field: 'entryId',
    });
  return s.store.transaction(async (tx) => {
    let name = input.name;
    if (input.counterpartyId) {
      const cp = await tx.get<CounterpartyData>('counterparty', input.counterpartyId);
      if (!cp || !cp.orgIds.includes(actor.orgId))
        throw new HttError({ code: 'CASE.NOT_FOUND', message: `no counterparty ${input.counterpartyId}` });
      name ??= cp.data.name;
    }
    if (!name)
      throw new HttError({
        code: 'INPUT.INVALID',
        message: 'a decision names the name it is about (name) or a counterparty (counterpartyId)',
        field: 'name',
      });
    const made = decide({
      orgId: actor.orgId,
      kind: input.kind,
      name,
      ...(input.counterpartyId ? { counterpartyId: input.counterpartyId } : {}),
      entry,
      snapshot: screener.snapshot,
      reason: input.reason,
      by: { userId: actor.userId, name: actor.name },
      on: s.now(),
      fourEyes: await fourEyes(tx, actor.orgId),
    });
    const record = await tx.insert<ScreeningDecisionData>(
      {
        kind: 'screening_decision',
        id: newId('sd'),
        orgIds: [actor.orgId],
        state: made.state,
        data: made.data,
        retainUntil: null,
      },
      audit(
        actor,
        'screening_decision.record',
        s.now(),
        `${input.kind === 'confirm' ? 'confirmed' : 'cleared'} "${made.data.name}" against ${entry.id} (${made.data.entry.hash.slice(0, 12)}, ${screener.snapshot})${made.state === 'pending' ? ', pending a second officer' : ''}: ${made.data.reason}`,
      ),
    );
    await refreshCounterparties(
      tx,
      s,
      actor,
      actor.orgId,
      made.data.name,
      counterpartyAudit,
      `decision ${record.id}`,
    );
    return record;
  });
}

/** Four eyes: a second, different officer of the organisation approves a pending clearance. */
export async function approveDecision(s: CaseServices, actor: Actor, id: string) {
  requireRole(actor, [...DECIDERS], 'approve screening clearances');
  return s.store.transaction(async (tx) => {
    const r = await ownDecision(tx, actor, id);
    const next = approve(asDecision(r), { userId: actor.userId, name: actor.name }, s.now());
    const updated = await tx.update(
      { ...r, state: next.state, data: next.data },
      r.version,
      audit(
        actor,
        'screening_decision.approve',
        s.now(),
        `clearance ${id} of "${r.data.name}" against ${r.data.entry.id}`,
      ),
    );
    await refreshCounterparties(
      tx,
      s,
      actor,
      actor.orgId,
      r.data.name,
      'counterparty.rescreen',
      `decision ${id} approved`,
    );
    return updated;
  });
}

/** Withdraw a decision: later screening no longer applies it (audited, with a reason). */
export async function revokeDecision(s: CaseServices, actor: Actor, id: string, reason: string) {
  requireRole(actor, [...DECIDERS], 'revoke screening decisions');
  return s.store.transaction(async (tx) => {
    const r = await ownDecision(tx, actor, id);
    const next = revoke(asDecision(r), { userId: actor.userId, name: actor.name }, s.now(), reason);
    const updated = await tx.update(
      { ...r, state: next.state, data: next.data },
      r.version,
      audit(actor, 'screening_decision.revoke', s.now(), reason),
    );
    await refreshCounterparties(
      tx,
      s,
      actor,
      actor.orgId,
      r.data.name,
      'counterparty.rescreen',
      `decision ${id} revoked`,
    );
    return updated;
  });
}

/** The organisation's decisions, newest first; by state (pending, active, revoked) if asked. */
export async function listDecisions(s: CaseServices, actor: Actor, state?: string) {
  requireRole(actor, [...DECIDERS, 'admin'], 'list screening decisions');
  const rows = await s.store.list<ScreeningDecisionData>('screening_decision', {
    orgId: actor.orgId,
    ...(state ? { state } : {}),
    orderBy: 'createdAt',
  });
  return rows.reverse();
}

export async function getDecision(s: CaseServices, actor: Actor, id: string) {
  requireRole(actor, [...DECIDERS, 'admin'], 'read screening decisions');
  return ownDecision(s.store, actor, id);
}

/** An administrator turns four eyes for clearances on or off for their own organisation (audited). */
export async function setScreeningSettings(
  s: CaseServices,
  actor: Actor,
  settings: { fourEyesClearances: boolean },
) {
  requireRole(actor, ['admin'], "change the organisation's screening settings");
  return s.store.transaction(async (tx) => {
    const org = await tx.get<OrganisationData>('organisation', actor.orgId);
    if (!org) throw new HttError({ code: 'CASE.NOT_FOUND', message: `no organisation ${actor.orgId}` });
    const data: OrganisationData = { ...org.data, screening: { ...org.data.screening, ...settings } };
    return tx.update(
      { ...org, data },
      org.version,
      audit(
        actor,
        'organisation.screening_settings',
        s.now(),
        `four eyes for clearances ${settings.fourEyesClearances ? 'on' : 'off'}`,
      ),
    );
  });
}

/**
 * After a new snapshot: decisions whose entry the snapshot no longer lists are marked (entryMissingIn), so
 * that a clearance of an entry removed and later re-added is reviewed again. Returns how many were marked.
 */
export async function markMissingEntries(s: CaseServices, screener: Screener): Promise<number> {
  const entity = screener.entity;
  if (!entity) return 0;
  const live = (
    await s.store.list<ScreeningDecisionData>('screening_decision', { state: ['pending', 'active'] })
  ).map(asDecision);
  const missing = missingFrom(live, (id) => entity(id));
  for (const d of missing)
    await s.store.transaction(async (tx) => {
      const r = await tx.get<ScreeningDecisionData>('screening_decision', d.id);
      if (!r || r.data.entryMissingIn) return;
      await tx.update(
        { ...r, data: { ...r.data, entryMissingIn: screener.snapshot } },
        r.version,
        audit(
          SYSTEM,
          'screening_decision.entry_missing',
          s.now(),
          `${r.data.entry.id} not in ${screener.snapshot}`,
        ),
      );
    });
  return missing.length;
}
