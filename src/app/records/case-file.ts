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
import { messageOf, render, type Lang } from '../../core/messages/messages.js';
import { translator } from '../../core/messages/records.js';

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
  /** The reader's language: the printable case file's headings, labels, dates and names of states. */
  lang?: Lang;
}

export async function buildCaseFile(
  s: CaseServices,
  actor: Actor,
  transactionId: string,
  lang: Lang = 'en',
): Promise<CaseFile> {
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
  const book = await nameBook(s, ids, [], translator(lang));
  return {
    lang,
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

export function caseFileDocument(cf: CaseFile): PrintDocument {
  const lang = cf.lang ?? 'en';
  const tr = translator(lang);
  const yesNo = (v: boolean | null) => tr(v === null ? 'doc.undetermined' : v ? 'doc.yes' : 'doc.no');
  /** an explanation of the evaluator, from its message key in the reader's language */
  const said = (english: string) => render(messageOf(english), lang);
  const t = cf.transaction;
  const det = t.data.determination;
  const r = det.result;
  const who = (id: string) => cf.names?.[id] ?? id;
  const license = cf.related.find((x) => x.kind === 'license') as StoredRecord<LicenseData> | undefined;
  const sections: DocSection[] = [
    {
      heading: tr('doc.cf.transaction'),
      rows: [
        [tr('doc.reference'), t.data.reference],
        [tr('doc.state'), tr.state(t.state)],
        [
          tr('doc.cf.authorization'),
          `${r.authorization}${r.licenseException ? ` ${r.licenseException}` : ''}`,
        ],
        [tr('doc.cf.license_required'), yesNo(r.licenseRequired)],
        [tr('doc.cf.review_policy'), r.reviewPolicy ? said(r.reviewPolicy) : r.reviewPolicy],
        [tr('doc.destination'), det.input.destination],
        [tr('doc.end_use'), det.input.endUse?.description],
        [tr('doc.cf.as_of'), tr.date(r.asOf)],
        [tr('doc.cf.rule_set'), det.ruleSet],
        [tr('doc.cf.lists'), det.lists],
        [tr('doc.cf.checked_at'), tr.date(det.checkedAt)],
        [tr('doc.cf.shipped_on'), tr.date(t.data.shippedOn)],
        [tr('doc.cancelled'), t.data.cancelledReason],
      ],
    },
    {
      heading: tr('doc.cf.parties'),
      table: {
        head: [tr('doc.role'), tr('doc.name'), tr('doc.country'), tr('doc.cf.screening')],
        widths: [1, 2.4, 0.8, 3.4],
        rows: det.input.parties.map((p, i) => {
          const sc = r.screening.find((x) => x.party === i);
          const hits = sc?.hits.length
            ? sc.hits
                .map((h) => `${h.list}: ${h.name} (${tr('doc.cf.score', { score: h.score.toFixed(2) })})`)
                .join('; ')
            : tr('doc.cf.no_hit');
          return [tr.partyRole(p.role), p.name, p.country, sc?.note ? `${hits}. ${sc.note}` : hits];
        }),
      },
      empty: tr('doc.none_named'),
    },
    {
      heading: tr('doc.items'),
      table: {
        head: ['ECCN', tr('doc.description'), tr('doc.cf.kind'), tr('doc.quantity'), tr('doc.cf.value_usd')],
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
      heading: tr('doc.cf.reasons'),
      table: {
        head: [tr('doc.cf.code'), tr('doc.cf.explanation')],
        widths: [1.4, 5],
        rows: r.reasons.map((x) => [
          x.code,
          `${render(x.message ?? messageOf(x.explanation), lang)} (${x.citation})`,
        ]),
      },
      empty: tr('doc.none'),
    },
    {
      heading: tr('doc.cf.documents'),
      table: {
        head: [tr('doc.cf.document'), tr('doc.cf.why')],
        widths: [2, 5],
        rows: r.documents.map((d) => [
          d.type,
          `${render(d.message ?? messageOf(d.why), lang)} (${d.citation})`,
        ]),
      },
      empty: tr('doc.none'),
    },
    ...(r.unconfirmed.length
      ? [
          {
            heading: tr('doc.cf.unconfirmed'),
            paragraphs: r.unconfirmed.map((u) => `${u.datum} (${u.citation})`),
          },
        ]
      : []),
    ...cf.related
      .filter((x) => x.kind === 'eus_request')
      .flatMap((x) => statementSections(x as StoredRecord<EusRequestData>, tr)),
    ...(license
      ? [
          {
            heading: tr('doc.license.title', { number: license.data.licenseNumber }),
            rows: [
              [tr('doc.state'), tr.state(license.state)],
              [
                tr('doc.cf.valid'),
                tr('doc.cf.valid_range', {
                  from: tr.date(license.data.validFrom),
                  until: tr.date(license.data.validUntil),
                }),
              ],
              [tr('doc.license.conditions'), license.data.conditions.join('; ')],
            ] as [string, string][],
          },
        ]
      : []),
    {
      heading: tr('doc.cf.related'),
      table: {
        head: [tr('doc.record'), tr('doc.state'), tr('doc.cf.version')],
        rows: cf.related.map((x) => [
          `${tr(`doc.kind.${x.kind}`)} ${x.id}`,
          tr.state(x.state),
          String(x.version),
        ]),
      },
      empty: tr('doc.none'),
    },
    {
      heading: tr('doc.cf.determinations'),
      table: {
        head: [tr('doc.cf.checked_at'), tr('doc.cf.authorization'), tr('doc.cf.content_address')],
        widths: [2.4, 1.4, 3.4],
        rows: (cf.determinations ?? []).map((d) => [
          tr('doc.cf.determination_at', {
            at: tr.date(d.checkedAt ?? ''),
            action: d.action,
            seq: String(d.seq),
          }),
          d.authorization ?? '',
          d.ref,
        ]),
      },
      empty: tr('doc.none'),
    },
    auditSection(cf.audit, who, tr),
  ];
  return {
    lang,
    title: tr('doc.cf.title', { reference: t.data.reference, id: t.id }),
    fileName: `case-file-${t.data.reference}`,
    subtitle: `${tr('doc.generated', { at: tr.date(cf.generatedAt), by: who(cf.generatedBy) })} ${tr(
      'doc.cf.retention',
      {
        until: t.retainUntil ? tr.date(t.retainUntil) : tr('doc.cf.five_years'),
      },
    )}`,
    sections,
  };
}

export function caseFileHtml(cf: CaseFile): string {
  return documentHtml(caseFileDocument(cf));
}
