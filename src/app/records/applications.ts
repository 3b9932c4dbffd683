/**
 * End-User Statement requests (importer -> MOFCOM), license applications (exporter -> BIS -> agencies) and
 * VEU applications (-> End-User Review Committee -> VEU entry), as use cases over the store.
 */
import { eusRequestInput, licenseApplicationInput, veuApplicationInput } from '../../contracts/records.js';
import { HttError } from '../../core/errors.js';
import {
  actOnEus,
  drawDown,
  newEusRequest,
  releaseDrawdowns,
  type EusAction,
  type EusActParams,
  type EusRequestData,
  type EusState,
} from '../../core/workflows/end-user-statement.js';
import {
  actOnLicenseApplication,
  issueLicense,
  newLicenseApplication,
  type LicenseAction,
  type LicenseActParams,
  type LicenseApplicationData,
  type LicenseData,
  type LicenseState,
} from '../../core/workflows/license-application.js';
import { retainUntil } from '../../core/workflows/retention.js';
import {
  actOnVeuApplication,
  annualReport,
  entryFromApproval,
  ineligibleVeuItems,
  newVeuApplication,
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
import { validate } from '../validate.js';
import type { RecordKind, RecordReader, RecordWriter, StoredRecord } from '../ports/record-store.js';
import type { OrganisationData } from './organisations.js';
import {
  audit,
  dateOf,
  eventDate,
  getVisible,
  newId,
  requireRole,
  type Actor,
  type CaseServices,
} from './context.js';

/** An action's date and the audit note that goes with it (eventDate: today, or back-dated with a reason). */
type Dated = { on?: string; backdateReason?: string; text?: string };
function dated<P extends Dated>(s: CaseServices, params: P) {
  const { backdateReason, ...rest } = params;
  const date = eventDate(s, params.on, backdateReason);
  const backdate = date.backdated
    ? `dated ${date.on}, recorded ${date.backdated.recordedOn}: ${date.backdated.reason}`
    : undefined;
  const note = [params.text, backdate].filter(Boolean).join(' — ') || undefined;
  return { params: { ...rest, on: date.on }, note };
}

/** Load a record the actor can see, apply a pure transition, and store it with its audit entry. */
async function transition<T>(
  s: CaseServices,
  actor: Actor,
  kind: RecordKind,
  id: string,
  action: string,
  step: (
    record: StoredRecord<T>,
    tx: RecordWriter,
  ) =>
    | Promise<{ state: string; data: T; retainUntil?: string | null }>
    | { state: string; data: T; retainUntil?: string | null },
  reason?: string,
) {
  return s.store.transaction(async (tx) => {
    const record = await getVisible<T>(tx, actor, kind, id);
    const next = await step(record, tx);
    return tx.update(
      {
        ...record,
        state: next.state,
        data: next.data,
        retainUntil: next.retainUntil === undefined ? record.retainUntil : next.retainUntil,
      },
      record.version,
      audit(actor, `${kind}.${action}`, s.now(), reason),
    );
  });
}

// ------------------------------------------------------------------------ PRC End-User Statement requests

export async function createEusRequest(s: CaseServices, actor: Actor, raw: unknown) {
  requireRole(actor, ['importer_officer'], 'prepare End-User Statement requests');
  const input = validate(eusRequestInput, raw, 'End-User Statement request');
  return s.store.transaction(async (tx) => {
    const exporter = await tx.get('organisation', input.exporterOrgId);
    if (!exporter)
      throw new HttError({
        code: 'CASE.NOT_FOUND',
        message: `no organisation ${input.exporterOrgId}`,
        field: 'exporterOrgId',
      });
    const data = newEusRequest(input, actor.orgId, s.config.eusTargetDays);
    return tx.insert<EusRequestData>(
      {
        kind: 'eus_request',
        id: newId('eus'),
        orgIds: [actor.orgId, input.exporterOrgId],
        state: 'draft',
        data,
        retainUntil: null,
      },
      audit(actor, 'eus_request.create', s.now()),
    );
  });
}

export async function actOnEusRequest(
  s: CaseServices,
  actor: Actor,
  id: string,
  action: EusAction,
  raw: Omit<EusActParams, 'on'> & Dated,
) {
  const { params, note } = dated(s, raw);
  return transition<EusRequestData>(
    s,
    actor,
    'eus_request',
    id,
    action,
    (r) => {
      const next = actOnEus(r.state as EusState, r.data, action, actor.role, params);
      return { ...next, ...(next.data.decidedOn ? { retainUntil: retainUntil([next.data.decidedOn]) } : {}) };
    },
    note,
  );
}

// ------------------------------------------------------------------------------- license applications

export async function createLicenseApplication(s: CaseServices, actor: Actor, raw: unknown) {
  requireRole(actor, ['compliance_officer'], 'prepare license applications');
  const input = validate(licenseApplicationInput, raw, 'license application');
  return s.store.transaction(async (tx) => {
    if (input.transactionId) await getVisible(tx, actor, 'transaction', input.transactionId);
    return tx.insert<LicenseApplicationData>(
      {
        kind: 'license_application',
        id: newId('app'),
        orgIds: [actor.orgId],
        state: 'draft',
        data: newLicenseApplication(input, actor.orgId),
        retainUntil: null,
      },
      audit(actor, 'license_application.create', s.now()),
    );
  });
}

/**
 * On submission, an End-User Statement named among the support documents must be issued, visible to the
 * applicant, and cover the application's quantities; they are drawn down (§748.10(d)(1)).
 */
/** The stored End-User Statements an application names among its support documents, by number. */
export async function statementsNamedBy(
  reader: RecordReader,
  app: LicenseApplicationData,
): Promise<{ number: string; statements: StoredRecord<EusRequestData>[] }[]> {
  const named = [];
  for (const doc of app.supportDocuments.filter((d) => d.type === 'PRC_END_USER_STATEMENT'))
    named.push({
      number: doc.number,
      statements: await reader.list<EusRequestData>('eus_request', {
        where: { statementNumber: doc.number },
      }),
    });
  return named;
}

async function drawDownForApplication(
  tx: RecordWriter,
  s: CaseServices,
  actor: Actor,
  appId: string,
  app: LicenseApplicationData,
) {
  for (const { number, statements } of await statementsNamedBy(tx, app)) {
    const [eus] = statements;
    if (!eus || !eus.orgIds.includes(actor.orgId))
      throw new HttError({
        code: 'CASE.NOT_FOUND',
        message: `no issued End-User Statement ${number} for this exporter`,
        field: 'supportDocuments',
      });
    const lines = app.items
      .map((item) => ({
        item: eus.data.items.findIndex((e) => e.eccn === item.eccn || e.description === item.description),
        quantity: item.quantity,
      }))
      .filter((l) => l.item >= 0);
    if (!lines.length)
      throw new HttError({
        code: 'INPUT.INVALID',
        message: `End-User Statement ${number} covers none of the application's items`,
        field: 'supportDocuments',
      });
    const data = drawDown(eus.state as EusState, eus.data, {
      by: 'license_application',
      ref: appId,
      on: dateOf(s.now()),
      lines,
    });
    await tx.update(
      { ...eus, data },
      eus.version,
      audit(actor, 'eus_request.draw_down', s.now(), `license application ${appId}`),
    );
  }
}

/** The organisations (of type agency) whose names a referral lists; an unknown agency is an input error. */
async function agencyOrgIds(tx: RecordWriter, agencies: string[]): Promise<string[]> {
  const orgs = await tx.list<OrganisationData>('organisation');
  return agencies.map((name) => {
    const org = orgs.find((o) => o.data.type === 'agency' && o.data.name === name);
    if (!org)
      throw new HttError({
        code: 'INPUT.INVALID',
        message: `no reviewing agency named ${name} (${
          orgs
            .filter((o) => o.data.type === 'agency')
            .map((o) => o.data.name)
            .join(', ') || 'none registered'
        })`,
        field: 'agencies',
      });
    return org.id;
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

/** §748.10(d)(1): an application withdrawn, returned or denied gives its Statement quantities back. */
async function releaseForApplication(
  tx: RecordWriter,
  s: CaseServices,
  actor: Actor,
  appId: string,
  app: LicenseApplicationData,
  state: string,
) {
  for (const { statements } of await statementsNamedBy(tx, app)) {
    for (const eus of statements) {
      if (!eus.data.drawdowns.some((d) => d.by === 'license_application' && d.ref === appId && !d.released))
        continue;
      const data = releaseDrawdowns(
        eus.data,
        appId,
        dateOf(s.now()),
        `license application ${appId} ${state}`,
      );
      await tx.update(
        { ...eus, data },
        eus.version,
        audit(actor, 'eus_request.release_draw_down', s.now(), `license application ${appId} ${state}`),
      );
    }
  }
}

export async function actOnLicense(
  s: CaseServices,
  actor: Actor,
  id: string,
  action: LicenseAction,
  raw: Omit<LicenseActParams, 'on'> & Dated,
) {
  const dates = dated(s, raw);
  let params = dates.params;
  const on = params.on;
  return s.store.transaction(async (tx) => {
    const r = await getVisible<LicenseApplicationData>(tx, actor, 'license_application', id);
    if (action === 'recommend') {
      // a reviewer recommends for the agency of their own organisation, never one named in the request
      const org = await tx.get<OrganisationData>('organisation', actor.orgId);
      params = { ...params, agency: org?.data.name ?? '' };
    }
    const next = actOnLicenseApplication(r.state as LicenseState, r.data, action, actor.role, params);
    if (action === 'submit') await drawDownForApplication(tx, s, actor, id, next.data);
    const decided = ['approved', 'denied', 'returned'].includes(next.state);
    // a referral decides who may read and act: the referred agencies' organisations see the application
    const orgIds =
      action === 'refer'
        ? [...new Set([...r.orgIds, ...(await agencyOrgIds(tx, next.data.agencies))])]
        : r.orgIds;
    const updated = await tx.update(
      {
        ...r,
        orgIds,
        state: next.state,
        data: next.data,
        retainUntil: decided ? retainUntil([on]) : r.retainUntil,
      },
      r.version,
      audit(actor, `license_application.${action}`, s.now(), dates.note),
    );
    if (['withdrawn', 'returned', 'denied'].includes(next.state))
      await releaseForApplication(tx, s, actor, id, next.data, next.state);
    if (next.state === 'approved') {
      const license = issueLicense(id, next.data);
      await tx.insert<LicenseData>(
        {
          kind: 'license',
          id: newId('lic'),
          orgIds: r.orgIds,
          state: 'valid',
          data: license,
          retainUntil: retainUntil([license.validUntil]),
        },
        audit(actor, 'license.issue', s.now(), license.licenseNumber),
      );
    }
    return updated;
  });
}

// ------------------------------------------------------------------------------------ VEU applications

export async function createVeuApplication(s: CaseServices, actor: Actor, raw: unknown) {
  requireRole(actor, ['compliance_officer', 'importer_officer'], 'apply for VEU');
  const input = validate(veuApplicationInput, raw, 'VEU application');
  const ineligible = ineligibleVeuItems(s.checks.rules(), dateOf(s.now()), input.items);
  if (ineligible.length)
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `VEU application: ${ineligible.map((p) => p.why).join('; ')}`,
      field: `items[${ineligible[0]!.index}]`,
      details: ineligible,
    });
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
    if (next.state === 'approved') {
      const entryId = newId('veu');
      await tx.insert<VeuEntryData>(
        {
          kind: 'veu_entry',
          id: entryId,
          orgIds: r.orgIds,
          state: 'active',
          data: entryFromApproval(id, next.data),
          retainUntil: null,
        },
        audit(actor, 'veu_entry.create', s.now()),
      );
      data = { ...data, entryId };
    }
    return tx.update(
      { ...r, state: next.state, data },
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
    async (r, tx) =>
      voteToRevoke(r.state as VeuEntryState, r.data, actor.role, {
        ...params,
        agency: await ercAgencyOf(tx, actor),
      }),
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
