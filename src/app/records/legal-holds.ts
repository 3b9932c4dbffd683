/**
 * Legal holds (15 CFR 762.6(b)) and the purge of records past their Part 762 date (§762.6(a)). The store
 * refuses to delete a record an open legal hold covers (src/adapters/db/kysely-record-store.ts); these use
 * cases decide who may place and release a hold, and which records a purge may delete.
 */
import { HttError } from '../../core/errors.js';
import {
  holdCovers,
  LEGAL_HOLD_CITATION,
  releaseLegalHold,
  RETENTION_CITATION,
  type LegalHoldBasis,
  type LegalHoldData,
  type LegalHoldScope,
  type LegalHoldState,
} from '../../core/workflows/retention.js';
import { recordKinds, type RecordKind, type StoredRecord } from '../ports/record-store.js';
import { audit, dateOf, getVisible, newId, SYSTEM, type Actor, type CaseServices } from './context.js';

export interface PlaceLegalHoldInput {
  /** One record (kind and recordId), or every record of an organisation (orgId). */
  kind?: RecordKind;
  recordId?: string;
  orgId?: string;
  basis: LegalHoldBasis;
  authority: string;
  requestReference?: string;
  reason: string;
}

/**
 * Place a legal hold. A BIS officer places one for a request for records (BIS is the agency concerned); an
 * exporter's compliance officer or an administrator places one on their own organisation's records, for a
 * request received from an agency or for an investigation of its own.
 */
export async function placeLegalHold(s: CaseServices, actor: Actor, input: PlaceLegalHoldInput) {
  const invalid = (message: string, field: string) => new HttError({ code: 'INPUT.INVALID', message, field });
  const byRecord = input.kind !== undefined || input.recordId !== undefined;
  if (byRecord === (input.orgId !== undefined) || (byRecord && !(input.kind && input.recordId)))
    throw invalid('a legal hold names one record (kind and recordId) or one organisation (orgId)', 'orgId');
  if (actor.role === 'bis_officer' && input.basis !== 'agency_request')
    throw invalid('BIS places a legal hold for a request for records (basis agency_request)', 'basis');
  const ownOnly = actor.role !== 'bis_officer' && actor !== SYSTEM;
  return s.store.transaction(async (tx) => {
    let scope: LegalHoldScope;
    let covered: string[];
    if (input.orgId !== undefined) {
      if (!(await tx.get('organisation', input.orgId)))
        throw new HttError({ code: 'CASE.NOT_FOUND', message: `no organisation ${input.orgId}` });
      if (ownOnly && input.orgId !== actor.orgId)
        throw new HttError({
          code: 'CASE.FORBIDDEN',
          message: "an organisation places legal holds on its own records only (BIS on any organisation's)",
        });
      scope = { orgId: input.orgId };
      covered = [input.orgId];
    } else {
      const kind = input.kind as RecordKind;
      const record = await getVisible(tx, actor, kind, input.recordId as string);
      if (ownOnly && !record.orgIds.includes(actor.orgId))
        throw new HttError({
          code: 'CASE.FORBIDDEN',
          message: 'an organisation places legal holds on its own records only',
        });
      scope = { kind, id: record.id };
      covered = record.orgIds;
    }
    const data: LegalHoldData = {
      scope,
      basis: input.basis,
      authority: input.authority.trim(),
      ...(input.requestReference ? { requestReference: input.requestReference } : {}),
      reason: input.reason.trim(),
      placedBy: { userId: actor.userId, role: actor.role, orgId: actor.orgId, on: dateOf(s.now()) },
    };
    // the organisations whose records an agency asked for see the hold; an investigation stays internal
    const orgIds = input.basis === 'agency_request' ? [actor.orgId, ...covered] : [actor.orgId];
    return tx.insert<LegalHoldData>(
      {
        kind: 'legal_hold',
        id: newId('lh'),
        orgIds: [...new Set(orgIds)],
        state: 'open',
        data,
        retainUntil: null,
      },
      audit(actor, 'legal_hold.place', s.now(), `${data.authority}: ${data.reason} (${LEGAL_HOLD_CITATION})`),
    );
  });
}

/** Release a legal hold on the written authorization of the agency concerned (see releaseLegalHold). */
export async function releaseLegalHoldCase(
  s: CaseServices,
  actor: Actor,
  id: string,
  authorization: string,
  reason: string,
) {
  return s.store.transaction(async (tx) => {
    const h = await getVisible<LegalHoldData>(tx, actor, 'legal_hold', id);
    const next = releaseLegalHold(
      h.state as LegalHoldState,
      h.data,
      actor,
      dateOf(s.now()),
      authorization,
      reason,
    );
    return tx.update(
      { ...h, ...next },
      h.version,
      audit(actor, 'legal_hold.release', s.now(), `written authorization ${authorization}: ${reason}`),
    );
  });
}

export interface PurgeReport {
  asOf: string;
  dryRun: boolean;
  /** Past their date and not held: deleted, or (dry run) what would be. */
  deleted: { kind: RecordKind; id: string; retainUntil: string }[];
  /** Past their date but under a legal hold: kept. */
  held: { kind: RecordKind; id: string; retainUntil: string; legalHolds: string[] }[];
}

/**
 * Delete the records of the administrator's organisation (the records it owns: first of orgIds) whose
 * Part 762 date has passed and that no open legal hold covers; a dry run (the default) only reports them.
 * One database transaction under the write lock: a hold placed meanwhile waits, and either every deletion
 * commits, each with its audit entry, or none does.
 */
export async function purgeRecords(
  s: CaseServices,
  actor: Actor,
  options: { execute?: boolean },
): Promise<PurgeReport> {
  const asOf = dateOf(s.now());
  const dryRun = !options.execute;
  return s.store.transaction(async (tx) => {
    await tx.lockWrites();
    const holds = await tx.list<LegalHoldData>('legal_hold', { state: 'open' });
    const report: PurgeReport = { asOf, dryRun, deleted: [], held: [] };
    for (const kind of recordKinds) {
      const records = await tx.list(kind, actor === SYSTEM ? {} : { orgId: actor.orgId });
      const due = records.filter(
        (r): r is StoredRecord & { retainUntil: string } =>
          (actor === SYSTEM || r.orgIds[0] === actor.orgId) && r.retainUntil !== null && r.retainUntil < asOf,
      );
      for (const r of due) {
        const by = holds.filter((h) => holdCovers(h.data.scope, r)).map((h) => h.id);
        if (by.length) {
          report.held.push({ kind, id: r.id, retainUntil: r.retainUntil, legalHolds: by });
          continue;
        }
        if (!dryRun)
          await tx.delete(
            kind,
            r.id,
            audit(actor, 'record.purge', s.now(), `kept until ${r.retainUntil} (${RETENTION_CITATION})`),
          );
        report.deleted.push({ kind, id: r.id, retainUntil: r.retainUntil });
      }
    }
    return report;
  });
}
