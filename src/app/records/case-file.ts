/**
 * The case file of a transaction for an auditor: the transaction with its frozen determinations, its holds,
 * the license and End-User Statement it used, and every audit entry of those records, as JSON and as a
 * printable HTML page.
 */
import type { AuditEntry, StoredRecord } from '../ports/record-store.js';
import { getVisible, type Actor, type CaseServices } from './context.js';
import type { TransactionData } from '../../core/workflows/transaction.js';
import type { EusRequestData } from '../../core/workflows/end-user-statement.js';
import { CASE_FILE_STYLE } from '../page-styles.js';
import { isDeterminationRef } from '../../core/audit/content-address.js';

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
  return { generatedAt: s.now(), generatedBy: actor.userId, transaction, related, audit, determinations };
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

const esc = (v: unknown): string =>
  String(v ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** The End-User Statement's own contents (§748.10(c)(2)) and its English translation (§748.9(d)(1)). */
function statementHtml(r: StoredRecord, rows: (pairs: [string, unknown][]) => string): string {
  const d = r.data as EusRequestData;
  const sig = d.importerSignature;
  const tr = d.englishTranslation;
  return `<h2>End-User Statement ${esc(d.statementNumber ?? r.id)}</h2><table>${rows([
    ['State', r.state],
    ['MOFCOM seal', d.sealReference],
    ['Issued on', d.issuedOn],
    ['Importer', d.importerName],
    ['Exporter', d.exporterName],
    ['End user and end use', `${d.endUser.name}: ${d.endUse}`],
    [
      "Importer's signature and date (15 CFR 748.10(c)(2)(v))",
      sig ? `${sig.signatory}${sig.title ? `, ${sig.title}` : ''}, signed ${sig.signedOn}` : 'not recorded',
    ],
    ['Language', d.language ?? 'not recorded'],
    [
      'English translation (15 CFR 748.9(d)(1))',
      tr
        ? `${tr.madeBy === 'translating_service' ? 'by the translating service' : 'certified by'} ${tr.translator}: ${tr.text}`
        : 'none',
    ],
  ])}</table>`;
}

export function caseFileHtml(cf: CaseFile): string {
  const t = cf.transaction;
  const r = t.data.determination.result;
  const rows = (pairs: [string, unknown][]) =>
    pairs.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Case file ${esc(t.data.reference)}</title>
<style>${CASE_FILE_STYLE}</style>
</head><body>
<h1>Case file: transaction ${esc(t.data.reference)} (${esc(t.id)})</h1>
<p>Generated ${esc(cf.generatedAt)} by ${esc(cf.generatedBy)}. Records are kept under 15 CFR Part 762 until ${esc(t.retainUntil ?? 'five years after the last event')}.</p>
<table>${rows([
    ['State', t.state],
    ['Authorization', `${r.authorization}${r.licenseException ? ` ${r.licenseException}` : ''}`],
    ['License required', r.licenseRequired],
    ['Review policy', r.reviewPolicy],
    ['As of', r.asOf],
    ['Rule set', t.data.determination.ruleSet],
    ['Lists', t.data.determination.lists],
    ['Checked at', t.data.determination.checkedAt],
    ['Shipped on', t.data.shippedOn],
  ])}</table>
<h2>Reasons</h2><table><tr><th>Code</th><th>Explanation and citation</th></tr>${r.reasons.map((x) => `<tr><td>${esc(x.code)}</td><td>${esc(x.explanation)}<br><small>${esc(x.citation)}</small></td></tr>`).join('')}</table>
<h2>Documents</h2><table>${r.documents.map((d) => `<tr><th>${esc(d.type)}</th><td>${esc(d.why)} <small>(${esc(d.citation)})</small></td></tr>`).join('') || '<tr><td>none</td></tr>'}</table>
${r.unconfirmed.length ? `<h2>Unconfirmed data relied on</h2><ul>${r.unconfirmed.map((u) => `<li>${esc(u.datum)} (${esc(u.citation)})</li>`).join('')}</ul>` : ''}
${cf.related
  .filter((x) => x.kind === 'eus_request')
  .map((x) => statementHtml(x, rows))
  .join('')}
<h2>Related records</h2><table><tr><th>Record</th><th>State</th><th>Version</th></tr>${cf.related.map((x) => `<tr><td>${esc(x.kind)} ${esc(x.id)}</td><td>${esc(x.state)}</td><td>${esc(x.version)}</td></tr>`).join('')}</table>
<h2>Determinations</h2><table><tr><th>Checked at</th><th>Authorization</th><th>Content address</th></tr>${cf.determinations.map((d) => `<tr><td>${esc(d.checkedAt)} (${esc(d.action)}, entry ${esc(d.seq)})</td><td>${esc(d.authorization)}</td><td><small>${esc(d.ref)}</small></td></tr>`).join('')}</table>
<h2>Audit trail</h2><table><tr><th>#</th><th>When, who, what</th></tr>${cf.audit.map((a) => `<tr><td>${esc(a.seq)}</td><td>${esc(a.at)} ${esc(a.actor)}: ${esc(a.action)} ${esc(a.kind)} ${esc(a.recordId)}${a.reason ? ` (${esc(a.reason)})` : ''}<br><small>hash ${esc(a.hash)}</small></td></tr>`).join('')}</table>
</body></html>
`;
}
