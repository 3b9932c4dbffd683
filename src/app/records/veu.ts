/**
 * VEU applications (-> End-User Review Committee -> VEU entry -> publication in Supp. No. 7, 15 CFR 748.15 and
 * Supps. 7, 8 and 9 to Part 748), amendments of entries, certifications and the annual report, as use cases
 * over the store.
 */
import { veuAmendmentInput, veuApplicationInput } from '../../contracts/records.js';
import { HttError } from '../../core/errors.js';
import {
  actOnVeuApplication,
  annualReport,
  entryFromApproval,
  ineligibleVeuItems,
  newVeuApplication,
  publishToEntry,
  recordCertification,
  voteToRevoke,
  type VeuActParams,
  type VeuAppAction,
  type VeuApplicationData,
  type VeuAppState,
  type VeuEntryData,
  type VeuEntryState,
  type VeuShipmentData,
} from '../../core/workflows/veu.js';
import { afterTermination } from '../../core/workflows/retention.js';
import { validate } from '../validate.js';
import type { RecordWriter } from '../ports/record-store.js';
import type { OrganisationData } from './organisations.js';
import { audit, dateOf, getVisible, newId, requireRole, type Actor, type CaseServices } from './context.js';
import { dated, transition, type Dated } from './workflow-actions.js';

function refuseIneligible(s: CaseServices, items: string[], what: string, field: string) {
  const ineligible = ineligibleVeuItems(s.checks.rules(), dateOf(s.now()), items);
  if (ineligible.length)
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `${what}: ${ineligible.map((p) => p.why).join('; ')}`,
      field: `${field}[${ineligible[0]!.index}]`,
      details: ineligible,
    });
}

export async function createVeuApplication(s: CaseServices, actor: Actor, raw: unknown) {
  requireRole(actor, ['compliance_officer', 'importer_officer'], 'apply for VEU');
  const input = validate(veuApplicationInput, raw, 'VEU application');
  refuseIneligible(s, input.items, 'VEU application', 'items');
  return s.store.transaction((tx) =>
    tx.insert<VeuApplicationData>(
      {
        kind: 'veu_application',
        id: newId('veuapp'),
        orgIds: [actor.orgId],
        state: 'draft',
        data: newVeuApplication(input, actor.orgId),
        retainUntil: null,
      },
      audit(actor, 'veu_application.create', s.now()),
    ),
  );
}

/**
 * The applicant of a VEU entry asks to add or remove items and facilities (Supp. No. 9 to Part 748, paragraphs
 * (1)-(2)). The request is a VEU application that names the entry it amends and goes through the same review;
 * items added are checked as a new request's are (§748.15(c)(1)). The original application's representations
 * (civil end uses, compliance program, consent to on-site reviews) carry over (§748.15(a)(5)).
 */
export async function requestVeuAmendment(s: CaseServices, actor: Actor, entryId: string, raw: unknown) {
  requireRole(actor, ['compliance_officer', 'importer_officer'], 'request VEU amendments');
  const input = validate(veuAmendmentInput, raw, 'VEU amendment');
  if (
    !input.addItems.length &&
    !input.addFacilities.length &&
    !input.removeItems.length &&
    !input.removeFacilities.length
  )
    throw new HttError({
      code: 'INPUT.INVALID',
      message: 'a VEU amendment adds or removes at least one item or facility',
      field: 'addItems',
    });
  refuseIneligible(s, input.addItems, 'VEU amendment', 'addItems');
  return s.store.transaction(async (tx) => {
    const e = await getVisible<VeuEntryData>(tx, actor, 'veu_entry', entryId);
    const original = await tx.get<VeuApplicationData>('veu_application', e.data.applicationId);
    if (!original || original.data.applicantOrgId !== actor.orgId)
      throw new HttError({
        code: 'CASE.FORBIDDEN',
        message: 'only the organisation that applied for the VEU entry may request its amendment',
      });
    if (e.state !== 'active')
      throw new HttError({
        code: 'CASE.INVALID_TRANSITION',
        message: `the VEU entry is ${e.state.replace('_', ' ')}: only an active entry is amended`,
      });
    const items = e.data.entry.eligibleItems ?? [];
    const facilities = e.data.entry.eligibleDestinations ?? [];
    const problem = (message: string, field: string) =>
      new HttError({ code: 'INPUT.INVALID', message, field });
    for (const [i, eccn] of input.removeItems.entries())
      if (!items.includes(eccn))
        throw problem(
          `${eccn} is not an eligible item of the entry (${items.join(', ')})`,
          `removeItems[${i}]`,
        );
    for (const [i, name] of input.removeFacilities.entries())
      if (!facilities.some((f) => f === name || f.startsWith(`${name}: `)))
        throw problem(
          `${name} is not a facility of the entry (${facilities.join('; ')})`,
          `removeFacilities[${i}]`,
        );
    for (const [i, eccn] of input.addItems.entries())
      if (items.includes(eccn)) throw problem(`${eccn} is eligible already`, `addItems[${i}]`);
    const { candidate, civilEndUses, complianceProgram, customers } = original.data;
    const data: VeuApplicationData = {
      ...newVeuApplication(
        {
          candidate,
          facilities: input.addFacilities,
          items: input.addItems,
          civilEndUses,
          complianceProgram,
          ...(customers ? { customers } : {}),
          consentToOnSiteReviews: true,
        },
        actor.orgId,
      ),
      entryId,
      amends: {
        entryId,
        removeItems: input.removeItems,
        removeFacilities: input.removeFacilities,
        reason: input.reason,
      },
    };
    return tx.insert<VeuApplicationData>(
      {
        kind: 'veu_application',
        id: newId('veuapp'),
        orgIds: original.orgIds,
        state: 'draft',
        data,
        retainUntil: null,
      },
      audit(actor, 'veu_application.amend', s.now()),
    );
  });
}

/** The ERC member agency the actor votes for: their organisation's, never one named in the request. */
async function ercAgencyOf(tx: RecordWriter, actor: Actor): Promise<string> {
  const org = await tx.get<OrganisationData>('organisation', actor.orgId);
  if (!org?.data.ercAgency)
    throw new HttError({
      code: 'CASE.FORBIDDEN',
      message: `${org?.data.name ?? actor.orgId} votes for no End-User Review Committee member agency`,
    });
  return org.data.ercAgency;
}

export async function actOnVeu(
  s: CaseServices,
  actor: Actor,
  id: string,
  action: VeuAppAction,
  raw: Omit<VeuActParams, 'on'> & Dated,
) {
  const { params, note } = dated(s, raw);
  return s.store.transaction(async (tx) => {
    const r = await getVisible<VeuApplicationData>(tx, actor, 'veu_application', id);
    const agency = action === 'vote' ? { agency: await ercAgencyOf(tx, actor) } : {};
    const next = actOnVeuApplication(r.state as VeuAppState, r.data, action, actor.role, {
      ...params,
      ...agency,
    });
    let data = next.data;
    if (action === 'approve' && !data.amends) {
      // the entry names what the ERC approved and authorizes nothing until its publication
      const entryId = newId('veu');
      await tx.insert<VeuEntryData>(
        {
          kind: 'veu_entry',
          id: entryId,
          orgIds: r.orgIds,
          state: 'pending_publication',
          data: entryFromApproval(id, next.data),
          retainUntil: null,
        },
        audit(actor, 'veu_entry.create', s.now()),
      );
      data = { ...data, entryId };
    }
    if (action === 'publish') {
      const e = await tx.get<VeuEntryData>('veu_entry', data.entryId ?? '');
      if (!e) throw new HttError({ code: 'CASE.NOT_FOUND', message: `no VEU entry ${data.entryId}` });
      const published = publishToEntry(e.state as VeuEntryState, e.data, id, data);
      await tx.update(
        { ...e, state: published.state, data: published.data },
        e.version,
        audit(actor, data.amends ? 'veu_entry.amend' : 'veu_entry.publish', s.now(), note),
      );
    }
    // §762.6(a)(3): not approved or withdrawn ends it; an approval's exports move the entry's date
    const ends = ['denied', 'withdrawn'].includes(next.state);
    const retainUntil = ends ? afterTermination(r.retainUntil, params.on) : r.retainUntil;
    return tx.update(
      { ...r, state: next.state, data, retainUntil },
      r.version,
      audit(actor, `veu_application.${action}`, s.now(), note),
    );
  });
}

export async function voteToRevokeVeu(
  s: CaseServices,
  actor: Actor,
  entryId: string,
  raw: { vote: 'approve' | 'deny' } & Dated,
) {
  const { params, note } = dated(s, raw);
  return transition<VeuEntryData>(
    s,
    actor,
    'veu_entry',
    entryId,
    'revocation_vote',
    async (r, tx) => {
      const next = voteToRevoke(r.state as VeuEntryState, r.data, actor.role, {
        ...params,
        agency: await ercAgencyOf(tx, actor),
      });
      // §762.6(a)(3): a revocation ends the entry (the later of it and the exports made under it)
      const revoked = next.state === 'revoked' && r.state !== 'revoked';
      return { ...next, ...(revoked ? { retainUntil: afterTermination(r.retainUntil, params.on) } : {}) };
    },
    note,
  );
}

/** §748.15(e): the exporter records the VEU's certification before its first export under VEU. */
export async function certifyVeu(
  s: CaseServices,
  actor: Actor,
  entryId: string,
  text: string,
  on?: string,
  backdateReason?: string,
) {
  requireRole(actor, ['compliance_officer'], 'record VEU certifications');
  const { params, note } = dated(s, { on, backdateReason });
  return s.store.transaction(async (tx) => {
    const e = await tx.get<VeuEntryData>('veu_entry', entryId);
    if (!e) throw new HttError({ code: 'CASE.NOT_FOUND', message: `no VEU entry ${entryId}` });
    const data = recordCertification(e.data, actor.orgId, params.on, text);
    return tx.update(
      { ...e, orgIds: [...new Set([...e.orgIds, actor.orgId])], data },
      e.version,
      audit(actor, 'veu_entry.certify', s.now(), note),
    );
  });
}

export async function veuAnnualReport(s: CaseServices, actor: Actor, year: number) {
  requireRole(actor, ['compliance_officer', 'bis_officer', 'auditor'], 'produce VEU annual reports');
  const shipments = await s.store.list<VeuShipmentData>(
    'veu_shipment',
    actor.role === 'compliance_officer' ? { orgId: actor.orgId } : {},
  );
  return annualReport(
    year,
    shipments.map((x) => x.data),
  );
}
