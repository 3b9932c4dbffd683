/** Transactions (a proposed export with its frozen determination), holds, shipment and the case file. */
import { z } from 'zod';
import { checkInput } from '../../contracts/check.js';
import { isoDate } from '../../core/rules/schema.js';
import { releaseBases } from '../../core/workflows/transaction.js';
import { buildCaseFile, caseFileDocument, caseFileHtml, type CaseFile } from '../records/case-file.js';
import { printFormats } from './documents.js';
import { recordOp, type Operation } from '../operation.js';
import { anyJson, backdateReason, id, lang, on, reason, storedRecord } from './common.js';
import { readOps } from './records.js';

const exporter = ['compliance_officer'] as const;
// use cases load when an operation runs (a fast `htt --help`)
const tx = () => import('../records/transactions.js');

export const transactionOperations: Operation[] = [
  ...readOps(
    'transaction',
    'transactions',
    'tx',
    'List your transactions',
    'Show one transaction with its frozen determination',
  ),
  recordOp({
    id: 'transaction.create',
    concept: 'transactions',
    summary: 'Create a transaction: run the check and freeze the answer',
    input: z
      .object({
        reference: z.string().min(1).max(100),
        check: checkInput,
        counterpartyIds: z.array(z.string()).max(50).optional(),
      })
      .strict(),
    output: storedRecord,
    roles: exporter,
    audit: 'transaction.create',
    http: { method: 'post', path: '/transactions', status: 201 },
    cli: {
      command: 'tx create',
      flags: { reference: 'ref', counterpartyIds: 'counterparty' },
      files: ['check'],
    },
    run: async (s, actor, b) => (await tx()).createTransaction(s, actor, b),
  }),
  recordOp({
    id: 'transaction.recheck',
    concept: 'transactions',
    summary: 'Run the check again and freeze the new answer',
    input: z.object({ id, check: checkInput.optional() }).strict(),
    output: storedRecord,
    roles: exporter,
    audit: 'transaction.recheck',
    http: { method: 'post', path: '/transactions/{id}/recheck' },
    cli: { command: 'tx recheck', args: ['id'], files: ['check'] },
    run: async (s, actor, b) => (await tx()).recheckTransaction(s, actor, b.id, b.check),
  }),
  recordOp({
    id: 'hold.open',
    concept: 'transactions',
    summary: 'Place a hold',
    input: z.object({ id, reason }).strict(),
    output: storedRecord,
    roles: exporter,
    audit: 'hold.open',
    http: { method: 'post', path: '/transactions/{id}/holds', status: 201 },
    cli: { command: 'tx hold', args: ['id'] },
    run: async (s, actor, b) => (await tx()).placeHold(s, actor, b.id, b.reason),
  }),
  ...readOps('hold', 'holds', 'hold', 'List the holds on your transactions', 'Show one hold'),
  recordOp({
    id: 'hold.release',
    concept: 'holds',
    summary: 'Release a hold, with a reason',
    input: z
      .object({
        id,
        reason,
        basis: z
          .enum(releaseBases)
          .optional()
          .describe(
            'for a screening hold: redetermined (no match on a screening run now) or false_positive (every entry cleared by another person)',
          ),
      })
      .strict(),
    output: storedRecord,
    roles: exporter,
    audit: 'hold.release',
    http: { method: 'post', path: '/holds/{id}/release' },
    cli: { command: 'tx release', args: ['id'] },
    run: async (s, actor, b) => (await tx()).releaseHoldCase(s, actor, b.id, b.reason, b.basis),
  }),
  recordOp({
    id: 'hold.clear_entry',
    concept: 'holds',
    summary: 'Clear a listed entry of a screening hold as a false positive (the first pair of eyes)',
    input: z.object({ id, entryId: z.string().min(1).max(100), reason }).strict(),
    output: storedRecord,
    roles: exporter,
    audit: 'hold.clear_entry',
    http: { method: 'post', path: '/holds/{id}/clearances' },
    cli: { command: 'hold clear', args: ['id', 'entryId'] },
    run: async (s, actor, b) => (await tx()).clearHoldEntryCase(s, actor, b.id, b.entryId, b.reason),
  }),
  recordOp({
    id: 'transaction.attach',
    concept: 'transactions',
    summary: 'Attach a license, an End-User Statement or a VEU entry',
    input: z
      .object({
        id,
        licenseId: z.string().max(100).optional(),
        eusRequestId: z.string().max(100).optional(),
        veuEntryId: z.string().max(100).optional(),
      })
      .strict(),
    output: storedRecord,
    roles: exporter,
    audit: 'transaction.attach',
    http: { method: 'post', path: '/transactions/{id}/attach' },
    cli: {
      command: 'tx attach',
      args: ['id'],
      flags: { licenseId: 'license', eusRequestId: 'eus', veuEntryId: 'veu' },
    },
    run: async (s, actor, { id: txId, ...b }) => (await tx()).attachAuthorizations(s, actor, txId, b),
  }),
  recordOp({
    id: 'transaction.ship',
    concept: 'transactions',
    summary:
      'Record a shipment through the release gate: the determination re-run on the ship date, the lot checked line by line against the license, its End-User Statement, the VEU entry and open holds',
    input: z
      .object({
        id,
        on: on.describe('the ship date: today, or up to the back-dating window earlier with a reason'),
        backdateReason,
      })
      .strict(),
    output: storedRecord,
    roles: exporter,
    audit: 'transaction.ship',
    http: { method: 'post', path: '/transactions/{id}/ship' },
    cli: { command: 'tx ship', args: ['id'] },
    run: async (s, actor, b) => (await tx()).shipTransaction(s, actor, b.id, b.on, b.backdateReason),
  }),
  recordOp({
    id: 'transaction.record_reexport',
    concept: 'transactions',
    summary: 'Record a known reexport or transfer',
    input: z.object({ id, on: isoDate, note: reason.max(2000) }).strict(),
    output: storedRecord,
    roles: exporter,
    audit: 'transaction.record_reexport',
    http: { method: 'post', path: '/transactions/{id}/reexport' },
    cli: { command: 'tx reexport', args: ['id'] },
    run: async (s, actor, b) => (await tx()).recordReexport(s, actor, b.id, b.on, b.note),
  }),
  recordOp({
    id: 'transaction.cancel',
    concept: 'transactions',
    summary: 'Cancel a transaction',
    input: z.object({ id, reason }).strict(),
    output: storedRecord,
    roles: exporter,
    audit: 'transaction.cancel',
    http: { method: 'post', path: '/transactions/{id}/cancel' },
    cli: { command: 'tx cancel', args: ['id'] },
    run: async (s, actor, b) => (await tx()).cancelTransaction(s, actor, b.id, b.reason),
  }),
  recordOp({
    id: 'transaction.case_file',
    concept: 'transactions',
    summary: "Build an auditor's case file of a transaction (JSON, a printable HTML page or a PDF)",
    input: z.object({ id, lang }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/transactions/{id}/case-file' },
    cli: { command: 'casefile', args: ['id'] },
    formats: {
      html: (file: CaseFile) => caseFileHtml(file),
      pdf: (file: CaseFile) => printFormats.pdf(caseFileDocument(file)),
    },
    run: (s, actor, b) => buildCaseFile(s, actor, b.id, b.lang),
  }),
];
