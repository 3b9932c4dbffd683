/**
 * License applications (exporter -> BIS -> reviewing agencies, Parts 748 and 750) and the licenses they
 * issue, as use cases over the store.
 */
import { licenseApplicationInput } from '../../contracts/records.js';
import { HttError } from '../../core/errors.js';
import {
  actOnLicenseApplication,
  newLicenseApplication,
  processingRules,
  type LicenseAction,
  type LicenseActParams,
  type LicenseApplicationData,
  type LicenseState,
} from '../../core/workflows/license-application.js';
import {
  actOnIssuedLicense,
  issueLicense,
  type LicenseData,
  type LicenseRecordAction,
  type LicenseRecordParams,
  type LicenseRecordState,
} from '../../core/workflows/license.js';
import { afterTermination } from '../../core/workflows/retention.js';
import { validate } from '../validate.js';
import type { RecordWriter } from '../ports/record-store.js';
import type { OrganisationData } from './organisations.js';
import { audit, dateOf, getVisible, newId, requireRole, type Actor, type CaseServices } from './context.js';
import { drawDownForApplication, releaseForApplication, statementsNamedBy } from './eus-requests.js';
import type { TransactionData } from '../../core/workflows/transaction.js';
import { dated, transition, type Dated } from './workflow-actions.js';

export async function createLicenseApplication(s: CaseServices, actor: Actor, raw: unknown) {
  requireRole(actor, ['compliance_officer'], 'prepare license applications');
  const input = validate(licenseApplicationInput, raw, 'license application');
  return s.store.transaction(async (tx) => {
    if (input.transactionId) await getVisible(tx, actor, 'transaction', input.transactionId);
    if (input.replacesLicenseId) {
      const old = await getVisible<LicenseData>(tx, actor, 'license', input.replacesLicenseId);
      if (old.data.holderOrgId !== actor.orgId || !['valid', 'suspended'].includes(old.state))
        throw new HttError({
          code: 'INPUT.INVALID',
          message: `license ${old.data.licenseNumber} is ${old.state}${old.data.holderOrgId !== actor.orgId ? ' and held by another organisation' : ''}: only the licensee's valid or suspended license can be replaced`,
          field: 'replacesLicenseId',
        });
    }
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
    if (action === 'recommend' || action === 'escalation_appeal') {
      // a reviewer acts for the agency of their own organisation, never one named in the request
      const org = await tx.get<OrganisationData>('organisation', actor.orgId);
      params = { ...params, agency: org?.data.name ?? '' };
    }
    // who signs an intent to deny as the BIS contact is the session's user (§750.6(a)(5))
    params = { ...params, actorName: actor.name };
    const today = dateOf(s.now());
    const processing = processingRules(s.checks.rules(), r.data, today);
    const next = actOnLicenseApplication(
      r.state as LicenseState,
      r.data,
      action,
      actor.role,
      params,
      processing,
    );
    if (action === 'submit') await drawDownForApplication(tx, s, actor, id, next.data);
    // §762.6(a)(3): withdrawn, denied, returned end the transaction; an approval waits for the exports
    const terminated = ['denied', 'returned', 'withdrawn'].includes(next.state);
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
        retainUntil: terminated ? afterTermination(r.retainUntil, on) : r.retainUntil,
      },
      r.version,
      audit(actor, `license_application.${action}`, s.now(), dates.note),
    );
    if (['withdrawn', 'returned', 'denied'].includes(next.state))
      await releaseForApplication(tx, s, actor, id, next.data, next.state);
    if (next.state === 'approved') {
      const licenseId = newId('lic');
      const license = issueLicense(id, next.data, processingRules(s.checks.rules(), next.data, today));
      const replaces = next.data.replacesLicenseId;
      if (replaces) {
        // §750.7(h)(4): the replaced license is kept, superseded by the replacement
        const old = await getVisible<LicenseData>(tx, actor, 'license', replaces);
        const done = actOnIssuedLicense(
          old.state as LicenseRecordState,
          old.data,
          'replace',
          actor.role,
          { on, text: `replaced by license ${license.licenseNumber} (application ${id})` },
          processing.periods,
        );
        await tx.update(
          { ...old, state: done.state, data: { ...done.data, replacedBy: license.licenseNumber } },
          old.version,
          audit(actor, 'license.replace', s.now(), license.licenseNumber),
        );
        license.replaces = old.data.licenseNumber;
      }
      await tx.insert<LicenseData>(
        {
          kind: 'license',
          id: licenseId,
          orgIds: r.orgIds,
          state: 'valid',
          data: license,
          retainUntil: null, // kept until the exports it supports set the date (§762.6(a)(1))
        },
        audit(actor, 'license.issue', s.now(), license.licenseNumber),
      );
    }
    return updated;
  });
}

/** What BIS and the licensee do to an issued license (§§750.7, 750.8; part 756): see core/workflows/license.ts. */
export async function actOnLicenseRecord(
  s: CaseServices,
  actor: Actor,
  id: string,
  action: LicenseRecordAction,
  raw: Omit<LicenseRecordParams, 'on'> & Dated,
) {
  const { params, note } = dated(s, raw);
  return transition<LicenseData>(
    s,
    actor,
    'license',
    id,
    action,
    async (r, tx) => {
      const app = await tx.get<LicenseApplicationData>('license_application', r.data.applicationId);
      const { periods } = processingRules(s.checks.rules(), app?.data ?? {}, params.on);
      return actOnIssuedLicense(r.state as LicenseRecordState, r.data, action, actor.role, params, periods);
    },
    note,
  );
}

/**
 * What a reviewer decides on (issue 15 item 3): the application with its applicant's name, the determination
 * frozen on the transaction the applicant linked (authorization, reasons, documents, each party's screening
 * hits), and the End-User Statements its support documents name (number, state, end user, issue date). Anyone
 * who may read the application may read this: linking a transaction is the applicant putting its
 * determination before the reviewer. A reviewer still cannot read the transaction itself.
 */
export async function applicationRecord(s: CaseServices, actor: Actor, id: string) {
  const app = await getVisible<LicenseApplicationData>(s, actor, 'license_application', id);
  const org = await s.store.get<OrganisationData>('organisation', app.data.applicantOrgId);
  const tx = app.data.transactionId
    ? await s.store.get<TransactionData>('transaction', app.data.transactionId)
    : undefined;
  const d = tx?.data.determination;
  const statements = (await statementsNamedBy(s.store, app.data)).map(({ number, statements }) => ({
    number,
    statements: statements.map((st) => ({
      id: st.id,
      state: st.state,
      endUser: st.data.endUser.name,
      importerName: st.data.importerName,
      ...(st.data.issuedOn ? { issuedOn: st.data.issuedOn } : {}),
    })),
  }));
  return {
    id: app.id,
    applicant: { orgId: app.data.applicantOrgId, name: org?.data.name ?? app.data.applicantOrgId },
    determination: d
      ? {
          transactionReference: tx!.data.reference,
          checkedAt: d.checkedAt,
          input: { parties: d.input.parties, items: d.input.items, destination: d.input.destination },
          result: {
            asOf: d.result.asOf,
            ruleSet: d.result.ruleSet,
            lists: d.result.lists,
            authorization: d.result.authorization,
            licenseRequired: d.result.licenseRequired,
            reviewPolicy: d.result.reviewPolicy ?? null,
            reasons: d.result.reasons,
            documents: d.result.documents,
            screening: d.result.screening,
          },
        }
      : null,
    statements,
  };
}
