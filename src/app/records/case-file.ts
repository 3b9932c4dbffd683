/**
 * The case file of a transaction for an auditor: the transaction with its frozen determinations (parties with
 * their screening, items, reasons, documents), its holds, the license and End-User Statement it used, the
 * counterparties, and every audit entry of those records with who acted by name — as JSON, and as a printable
 * document (HTML with a print stylesheet, or PDF; print-document.ts).
 */
import type { AuditEntry, StoredRecord } from '../ports/record-store.js';
import { getVisible, type Actor, type CaseServices } from './context.js';
import type { TransactionData } from '../../core/workflows/transaction.js';
import type { EusRequestData } from '../../core/workflows/end-user-statement.js';
import { isDeterminationRef } from '../../core/audit/content-address.js';
import type { LicenseData } from '../../core/workflows/license.js';
import { auditSection, nameBook, statementSections } from './documents.js';
import { documentHtml, type DocSection, type PrintDocument } from './print-document.js';

export interface CaseFile {
  generatedAt: string;
  generatedBy: string;
  transaction: StoredRecord<TransactionData>;
  related: StoredRecord[];
  audit: AuditEntry[];
  /** The determinations the transaction carried, oldest first (from its audit entries, by reference). */
  determinations: {
    ref: string;
    checkedAt: string | null;
    seq: number;
    action: string;
    authorization: string | null;
  }[];
  /** The name and organisation of every user id the case file mentions (the generator, the audit's actors). */
  names: Record<string, string>;
}

export async function buildCaseFile(s: CaseServices, actor: Actor, transactionId: string): Promise<CaseFile> {
  const transaction = await getVisible<TransactionData>(s, actor, 'transaction', transactionId);
  const holds = await s.store.list('hold', { where: { transactionId } });
  const related: StoredRecord[] = [...holds];
  if (transaction.data.licenseId)
    related.push(await getVisible(s, actor, 'license', transaction.data.licenseId));
  if (transaction.data.eusRequestId)
    related.push(await getVisible(s, actor, 'eus_request', transaction.data.eusRequestId));
  for (const id of transaction.data.counterpartyIds)
    related.push(await getVisible(s, actor, 'counterparty', id));
  // only this file's records, through the log's index by (kind, record id): never the whole log
  const audit = await s.store.auditOf([transaction, ...related].map((r) => ({ kind: r.kind, id: r.id })));
  const determinations = await determinationHistory(s, audit, transaction.id);
  const ids = [actor.userId, ...audit.map((a) => a.actor)];
  const book = await nameBook(s, ids);
  return {
    generatedAt: s.now(),
    generatedBy: actor.userId,
    transaction,
    related,
    audit,
    determinations,
    names: Object.fromEntries(ids.map((id) => [id, book.user(id)])),
  };
}

/**
 * Every determination the transaction carried, oldest first, read from its audit entries: each image
 * references its determination by content (src/core/audit/content-address.ts), kept once in the store.
 */
async function determinationHistory(
  s: CaseServices,
  audit: AuditEntry[],
  transactionId: string,
): Promise<CaseFile['determinations']> {
  const out: CaseFile['determinations'] = [];
  let last: string | undefined;
  for (const e of audit) {
    if (e.kind !== 'transaction' || e.recordId !== transactionId) continue;
    const d = (e.after as { data?: { determination?: unknown } } | null)?.data?.determination;
    if (!isDeterminationRef(d)) continue;
    const key = `${d.determinationRef}@${d.checkedAt}`;
    // other updates of the transaction (a hold, a shipment) carry the same determination on: not a new one
    if (key === last && e.action !== 'transaction.recheck') continue;
    last = key;
    const body = (await s.store.determination?.(d.determinationRef)) as
      { result?: { authorization?: string } } | undefined;
    out.push({
      ref: d.determinationRef,
      checkedAt: d.checkedAt,
      seq: e.seq,
      action: e.action,
      authorization: body?.result?.authorization ?? null,
    });
  }
  return out;
}

const yesNo = (v: boolean | null) => (v === null ? 'undetermined' : v ? 'yes' : 'no');

export function caseFileDocument(cf: CaseFile): PrintDocument {
  const t = cf.transaction;
  const det = t.data.determination;
  const r = det.result;
  const who = (id: string) => cf.names?.[id] ?? id;
  const license = cf.related.find((x) => x.kind === 'license') as StoredRecord<LicenseData> | undefined;
  const sections: DocSection[] = [
    {
      heading: 'Transaction',
      rows: [
        ['Reference', t.data.reference],
        ['State', t.state],
        ['Authorization', `${r.authorization}${r.licenseException ? ` ${r.licenseException}` : ''}`],
        ['License required', yesNo(r.licenseRequired)],
        ['Review policy', r.reviewPolicy],
        ['Destination', det.input.destination],
        ['End use', det.input.endUse?.description],
        ['As of', r.asOf],
        ['Rule set', det.ruleSet],
        ['Lists', det.lists],
        ['Checked at', det.checkedAt],
        ['Shipped on', t.data.shippedOn],
        ['Cancelled', t.data.cancelledReason],
      ],
    },
    {
      heading: 'Parties and their screening',
      table: {
        head: ['Role', 'Name', 'Country', 'Screening'],
        widths: [1, 2.4, 0.8, 3.4],
        rows: det.input.parties.map((p, i) => {
          const sc = r.screening.find((x) => x.party === i);
          const hits = sc?.hits.length
            ? sc.hits.map((h) => `${h.list}: ${h.name} (score ${h.score.toFixed(2)})`).join('; ')
            : 'no hit';
          return [p.role.replace(/_/g, ' '), p.name, p.country, sc?.note ? `${hits}. ${sc.note}` : hits];
        }),
      },
      empty: 'none named',
    },
    {
      heading: 'Items',
      table: {
        head: ['ECCN', 'Description', 'Kind', 'Quantity', 'Value (USD)'],
        widths: [1, 3.4, 1.2, 1, 1.2],
        rows: det.input.items.map((it) => [
          it.eccn,
          it.description ?? '',
          it.kind ?? '',
          it.quantity === undefined ? '' : String(it.quantity),
          it.valueUsd === undefined ? '' : String(it.valueUsd),
        ]),
      },
    },
    {
      heading: 'Reasons',
      table: {
        head: ['Code', 'Explanation and citation'],
        widths: [1.4, 5],
        rows: r.reasons.map((x) => [x.code, `${x.explanation} (${x.citation})`]),
      },
      empty: 'none',
    },
    {
      heading: 'Documents',
      table: {
        head: ['Document', 'Why'],
        widths: [2, 5],
        rows: r.documents.map((d) => [d.type, `${d.why} (${d.citation})`]),
      },
      empty: 'none',
    },
    ...(r.unconfirmed.length
      ? [
          {
            heading: 'Unconfirmed data relied on',
            paragraphs: r.unconfirmed.map((u) => `${u.datum} (${u.citation})`),
          },
        ]
      : []),
    ...cf.related
      .filter((x) => x.kind === 'eus_request')
      .flatMap((x) => statementSections(x as StoredRecord<EusRequestData>)),
    ...(license
      ? [
          {
            heading: `License ${license.data.licenseNumber}`,
            rows: [
              ['State', license.state],
              ['Valid', `${license.data.validFrom} to ${license.data.validUntil}`],
              ['Conditions', license.data.conditions.join('; ')],
            ] as [string, string][],
          },
        ]
      : []),
    {
      heading: 'Related records',
      table: {
        head: ['Record', 'State', 'Version'],
        rows: cf.related.map((x) => [`${x.kind.replace(/_/g, ' ')} ${x.id}`, x.state, String(x.version)]),
      },
      empty: 'none',
    },
    {
      heading: 'Determinations',
      table: {
        head: ['Checked at', 'Authorization', 'Content address'],
        widths: [2.4, 1.4, 3.4],
        rows: (cf.determinations ?? []).map((d) => [
          `${d.checkedAt ?? ''} (${d.action}, entry ${d.seq})`,
          d.authorization ?? '',
          d.ref,
        ]),
      },
      empty: 'none',
    },
    auditSection(cf.audit, who),
  ];
  return {
    title: `Case file: transaction ${t.data.reference} (${t.id})`,
    fileName: `case-file-${t.data.reference}`,
    subtitle: `Generated ${cf.generatedAt} by ${who(cf.generatedBy)}. Records are kept under 15 CFR Part 762 until ${t.retainUntil ?? 'five years after the last event'}.`,
    sections,
  };
}

export function caseFileHtml(cf: CaseFile): string {
  return documentHtml(caseFileDocument(cf));
}
