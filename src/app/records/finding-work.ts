/**
 * Finding work (issue 11, item 7): lists filtered by state and by deadline, in pages, and the inbox of the
 * signed-in user. Deadlines come from the workflow cores (src/core/workflows/deadlines.ts); every record is
 * read through the actor's visibility (listVisible), so nothing of another organisation shows.
 */
import { HttError } from '../../core/errors.js';
import { deadlinesOf, type DatedDeadline } from '../../core/workflows/deadlines.js';
import type { LicenseApplicationData } from '../../core/workflows/license-application.js';
import type { HoldData, TransactionData } from '../../core/workflows/transaction.js';
import {
  annualReport,
  hasCertification,
  type VeuApplicationData,
  type VeuEntryData,
  type VeuShipmentData,
} from '../../core/workflows/veu.js';
import type { LegalHoldData } from '../../core/workflows/retention.js';
import type { RecordKind, StoredRecord } from '../ports/record-store.js';
import { Page } from './public-record.js';
import { render, type Message } from '../../core/messages/messages.js';
import { agency, say } from '../../core/messages/records.js';
import type { OrganisationData } from './organisations.js';
import { listVisible, type Actor, type CaseServices } from './context.js';

export interface ListQuery {
  state?: string;
  overdue?: 'true' | 'false';
  dueBefore?: string;
  limit?: number;
  cursor?: string;
}

const encodeCursor = (r: StoredRecord) =>
  Buffer.from(JSON.stringify([r.updatedAt, r.id])).toString('base64url');
function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string') return { at, id };
  } catch {
    // reported below
  }
  throw new HttError({
    code: 'INPUT.INVALID',
    message: 'the cursor is not one a list returned',
    field: 'cursor',
  });
}

const BATCH = 200;

/**
 * The records of a kind the actor sees, by state and by deadline (on today's date): `overdue` true, those
 * with a deadline past due (false: none); `dueBefore`, those whose next deadline falls on or before the
 * date. Ordered by last change; with `limit`, one page and the cursor of the next.
 */
export async function listWork(s: CaseServices, actor: Actor, kind: RecordKind, q: ListQuery): Promise<Page> {
  const asOf = s.checks.today();
  const filtering = q.overdue !== undefined || q.dueBefore !== undefined;
  const matches = (r: StoredRecord) => {
    if (!filtering) return true;
    const due = deadlinesOf(kind, r, asOf, s.checks.rules());
    if (q.overdue !== undefined && due.some((d) => d.overdue) !== (q.overdue === 'true')) return false;
    return q.dueBefore === undefined || (due[0] !== undefined && due[0].dueOn <= q.dueBefore);
  };
  const items: StoredRecord[] = [];
  let after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const batch = q.limit === undefined ? undefined : filtering ? BATCH : q.limit + 1;
  for (;;) {
    const rows = await listVisible(s, actor, kind, {
      ...(q.state ? { state: q.state } : {}),
      orderBy: 'updatedAt',
      ...(after ? { after } : {}),
      ...(batch ? { limit: batch } : {}),
    });
    items.push(...rows.filter(matches));
    const last = rows.at(-1);
    if (!batch || !last || rows.length < batch || (q.limit !== undefined && items.length > q.limit)) break;
    after = { at: last.updatedAt, id: last.id };
  }
  if (q.limit === undefined || items.length <= q.limit) return new Page(items, null);
  const page = items.slice(0, q.limit);
  return new Page(page, encodeCursor(page.at(-1)!));
}

// ------------------------------------------------------------------------------------------- inbox

export interface InboxItem {
  kind: RecordKind | 'veu_report';
  id: string;
  /** In English (kept for the API's readers); `message` is the same in the record catalogue. */
  what: string;
  message: Message;
  citation: string | null;
  dueOn: string | null;
  overdue: boolean;
  /** The operations that act on it (the operation table's ids). */
  operations: string[];
}

const item = (
  r: { kind: RecordKind; id: string },
  message: Message,
  operations: string[],
  d?: DatedDeadline,
): InboxItem => ({
  kind: r.kind,
  id: r.id,
  what: render(message, 'en'),
  message,
  citation: d?.citation ?? null,
  dueOn: d?.dueOn ?? null,
  overdue: d?.overdue ?? false,
  operations,
});

/**
 * What awaits the actor's role and organisation, earliest due first (items without a date last): the dated
 * deadlines of the workflows that wait for the role, the steps without a deadline (a registration, a
 * circulation, an answer to an information request, a hold to resolve, a certification before a VEU
 * export), open legal holds, and the VEU annual report until it is due.
 */
export async function inbox(s: CaseServices, actor: Actor): Promise<{ asOf: string; items: InboxItem[] }> {
  const asOf = s.checks.today();
  const out: InboxItem[] = [];
  const visible = <T>(kind: RecordKind, state?: string | string[]) =>
    listVisible<T>(s, actor, kind, state ? { state } : {});
  const deadlines = async <T>(kind: RecordKind, keep: (r: StoredRecord<T>, d: DatedDeadline) => boolean) => {
    for (const r of await visible<T>(kind))
      for (const d of deadlinesOf(kind, r, asOf, s.checks.rules()))
        if (d.forRole === actor.role && keep(r, d)) out.push(item(r, d.message, d.actions, d));
  };
  const org = (await s.store.get<OrganisationData>('organisation', actor.orgId))?.data;

  switch (actor.role) {
    case 'bis_officer':
      for (const r of await visible('license_application', 'submitted'))
        out.push(item(r, say('inbox.register_license'), ['license_application.register']));
      await deadlines('license_application', () => true);
      break;
    case 'agency_reviewer':
      // the applications referred to the reviewer's agency that it has not yet recommended on
      await deadlines<LicenseApplicationData>(
        'license_application',
        (r) => !r.data.recommendations.some((x) => x.agency === org?.name),
      );
      break;
    case 'mofcom_officer':
      await deadlines('eus_request', () => true);
      break;
    case 'erc_member':
      for (const r of await visible('veu_application', 'submitted'))
        out.push(item(r, say('inbox.circulate_veu'), ['veu_application.circulate']));
      for (const r of await visible<VeuApplicationData>('veu_application', 'under_review'))
        for (const d of deadlinesOf('veu_application', r, asOf, s.checks.rules())) {
          const voted = r.data.votes.some((v) => v.agency === org?.ercAgency);
          const all = r.data.members.every((m) => r.data.votes.some((v) => v.agency === m));
          if (!voted && org?.ercAgency)
            out.push(
              item(
                r,
                say('inbox.erc_votes', { deadline: d.message, agency: agency(org.ercAgency) }),
                ['veu_application.vote'],
                d,
              ),
            );
          else if (all) out.push(item(r, d.message, ['veu_application.approve', 'veu_application.deny'], d));
        }
      break;
    case 'importer_officer':
      for (const r of await visible('eus_request', 'info_requested'))
        out.push(item(r, say('inbox.answer_mofcom'), ['eus_request.provide_info']));
      for (const r of await visible('veu_application', 'info_requested'))
        out.push(item(r, say('inbox.answer_erc'), ['veu_application.provide_info']));
      break;
    case 'compliance_officer': {
      for (const r of await visible('license_application', ['info_requested', 'referral_info_requested']))
        out.push(item(r, say('inbox.answer_bis'), ['license_application.provide_info']));
      for (const r of await visible('veu_application', 'info_requested'))
        out.push(item(r, say('inbox.answer_erc'), ['veu_application.provide_info']));
      for (const r of await visible<HoldData>('hold', 'open'))
        out.push(item(r, say('inbox.resolve_hold', { reason: r.data.reason }), ['hold.release']));
      // §748.15(e): the VEU's certification before the first export under VEU
      for (const t of await visible<TransactionData>('transaction', 'open')) {
        const entryId = t.data.veuEntryId;
        const entry = entryId ? await s.store.get<VeuEntryData>('veu_entry', entryId) : undefined;
        if (entry && !hasCertification(entry.data, actor.orgId, asOf))
          out.push({
            ...item(entry, say('inbox.veu_certification', { reference: t.data.reference }), [
              'veu_entry.certify',
            ]),
            citation: '15 CFR 748.15(e)',
          });
      }
      // §748.15(f)(1): the report of the year just ended, until its due date (filing is not recorded here)
      const year = Number(asOf.slice(0, 4)) - 1;
      const shipments = (await visible<VeuShipmentData>('veu_shipment')).map((r) => r.data);
      const report = annualReport(year, shipments);
      const filing = say('inbox.veu_report', { year: String(year), count: String(report.shipments) });
      if (report.shipments > 0 && asOf <= report.dueOn)
        out.push({
          kind: 'veu_report',
          id: String(year),
          what: render(filing, 'en'),
          message: filing,
          citation: report.citation,
          dueOn: report.dueOn,
          overdue: false,
          operations: ['veu_entry.annual_report'],
        });
      break;
    }
  }
  if (['compliance_officer', 'admin', 'bis_officer'].includes(actor.role))
    for (const r of await visible<LegalHoldData>('legal_hold', 'open'))
      out.push({
        ...item(r, say('inbox.legal_hold', { authority: r.data.authority, reason: r.data.reason }), [
          'legal_hold.release',
        ]),
        citation: '15 CFR 762.6(b)',
      });
  out.sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.id.localeCompare(b.id));
  return { asOf, items: out };
}
