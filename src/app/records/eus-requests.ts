/**
 * PRC End-User Statement requests (importer -> MOFCOM, 15 CFR 748.10) as use cases over the store, and the
 * draw-downs the license applications that name a Statement make and release.
 */
import { eusRequestInput } from '../../contracts/records.js';
import { HttError } from '../../core/errors.js';
import {
  actOnEus,
  drawDown,
  eusReviewTime,
  newEusRequest,
  releaseDrawdowns,
  type EusAction,
  type EusActParams,
  type EusRequestData,
  type EusState,
} from '../../core/workflows/end-user-statement.js';
import { deadlinesOf } from '../../core/workflows/deadlines.js';
import type { LicenseApplicationData } from '../../core/workflows/license-application.js';
import { afterTermination } from '../../core/workflows/retention.js';
import { validate } from '../validate.js';
import type { RecordReader, RecordWriter, StoredRecord } from '../ports/record-store.js';
import { audit, dateOf, getVisible, newId, requireRole, type Actor, type CaseServices } from './context.js';
import { dated, transition, type Dated } from './workflow-actions.js';

async function requireExporter(tx: RecordReader, exporterOrgId: string) {
  if (!(await tx.get('organisation', exporterOrgId)))
    throw new HttError({
      code: 'CASE.NOT_FOUND',
      message: `no organisation ${exporterOrgId}`,
      field: 'exporterOrgId',
    });
}

export async function createEusRequest(s: CaseServices, actor: Actor, raw: unknown) {
  requireRole(actor, ['importer_officer'], 'prepare End-User Statement requests');
  const input = validate(eusRequestInput, raw, 'End-User Statement request');
  return s.store.transaction(async (tx) => {
    await requireExporter(tx, input.exporterOrgId);
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

/**
 * The importer completes or corrects its draft (a draft may be incomplete; submission needs the signature,
 * the language and, when not English, the translation). The whole request is replaced; only a draft or a
 * request MOFCOM asked more of (info_requested: its clock and messages are kept), and only by the importer
 * that prepared it.
 */
export async function updateEusDraft(s: CaseServices, actor: Actor, id: string, raw: unknown) {
  requireRole(actor, ['importer_officer'], 'prepare End-User Statement requests');
  const input = validate(eusRequestInput, raw, 'End-User Statement request');
  return s.store.transaction(async (tx) => {
    const r = await getVisible<EusRequestData>(tx, actor, 'eus_request', id);
    if (r.data.importerOrgId !== actor.orgId)
      throw new HttError({
        code: 'CASE.FORBIDDEN',
        message: 'only the importer that prepared the request may change it',
      });
    if (r.state !== 'draft' && r.state !== 'info_requested')
      throw new HttError({
        code: 'CASE.INVALID_TRANSITION',
        message: `only a draft, or a request MOFCOM asked more of, can be changed (this request is ${r.state}); an issued Statement is never altered (15 CFR 748.10(d)(2))`,
      });
    await requireExporter(tx, input.exporterOrgId);
    return tx.update<EusRequestData>(
      {
        ...r,
        orgIds: [r.data.importerOrgId, input.exporterOrgId],
        data: {
          ...newEusRequest(input, r.data.importerOrgId, r.data.targetDays),
          clock: r.data.clock,
          messages: r.data.messages,
        },
      },
      r.version,
      audit(actor, 'eus_request.update', s.now()),
    );
  });
}

const dueOf = (d: { dueOn: string; overdue: boolean } | undefined) => ({
  dueOn: d?.dueOn ?? null,
  overdue: d?.overdue ?? false,
});

/** MOFCOM's review time of a request, gross and net, in calendar and PRC working days, on `asOf` (today). */
export async function eusRequestReview(s: CaseServices, actor: Actor, id: string, asOf?: string) {
  const r = await getVisible<EusRequestData>(s, actor, 'eus_request', id);
  const date = asOf ?? dateOf(s.now());
  return {
    id: r.id,
    state: r.state,
    asOf: date,
    ...eusReviewTime(r.data, date, s.checks.rules().prcHolidays),
    // MOFCOM's due date from the request's own target (the deadline the inbox and `dueBefore` use)
    ...dueOf(deadlinesOf('eus_request', r, date, s.checks.rules())[0]),
  };
}

/**
 * A Statement number names one Statement of its issuing authority: a number the same MOFCOM organisation
 * already gave (to another request, whatever became of it) is refused. Checked under the write lock, so two
 * issues racing for one number cannot both pass. Statements issued before `issuedBy` was kept count as the
 * same authority's.
 */
async function numberIsFree(
  tx: RecordWriter,
  actor: Actor,
  id: string,
  statementNumber: string | undefined,
): Promise<void> {
  const number = statementNumber?.trim();
  if (!number) return; // the workflow says it is missing
  await tx.lockWrites();
  const taken = (await tx.list<EusRequestData>('eus_request', { where: { statementNumber: number } })).find(
    (other) => other.id !== id && (other.data.issuedBy ?? actor.orgId) === actor.orgId,
  );
  if (taken)
    throw new HttError({
      code: 'CASE.CONFLICT',
      message: `End-User Statement number ${number} was already issued by this authority (request ${taken.id}); each Statement has its own number`,
      field: 'statementNumber',
    });
}

export async function actOnEusRequest(
  s: CaseServices,
  actor: Actor,
  id: string,
  action: EusAction,
  raw: Omit<EusActParams, 'on'> & Dated,
) {
  const { params: given, note } = dated(s, raw);
  // a Statement number is kept as written without surrounding spaces, so that " EUS-1" is "EUS-1"
  const params = given.statementNumber ? { ...given, statementNumber: given.statementNumber.trim() } : given;
  return transition<EusRequestData>(
    s,
    actor,
    'eus_request',
    id,
    action,
    async (r, tx) => {
      if (action === 'issue') await numberIsFree(tx, actor, id, params.statementNumber);
      const next = actOnEus(r.state as EusState, r.data, action, actor.role, params);
      if (action === 'issue') next.data = { ...next.data, issuedBy: actor.orgId };
      // §762.6(a)(3): refused, withdrawn, cancelled end it; an issued Statement waits for the exports
      const ends = ['refused', 'withdrawn', 'cancelled'].includes(next.state) && next.state !== r.state;
      return { ...next, ...(ends ? { retainUntil: afterTermination(r.retainUntil, params.on) } : {}) };
    },
    note,
  );
}

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

/**
 * On submission, an End-User Statement named among the support documents must be issued, visible to the
 * applicant, and cover the application's quantities; they are drawn down (§748.10(d)(1)).
 */
export async function drawDownForApplication(
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

/** §748.10(d)(1): an application withdrawn, returned or denied gives its Statement quantities back. */
export async function releaseForApplication(
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
