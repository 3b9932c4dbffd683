/**
 * Printable documents (issue 15, item 5): the End-User Statement request or issued Statement, and the license,
 * each as its document model (JSON), a printable HTML page (`?format=html`, `--html FILE`) or a PDF
 * (`?format=pdf`, `--pdf FILE`). Any signed-in user who may read the record may print it (org-scoped: another
 * organisation's record is not found). The case file is `transaction.case_file` (transactions.ts).
 */
import { z } from 'zod';
import { documentHtml, documentPdf, type PrintDocument } from '../records/print-document.js';
import { recordOp, type Operation } from '../operation.js';
import { anyJson, id, lang } from './common.js';

const docs = () => import('../records/documents.js');

export const printFormats = {
  html: (doc: PrintDocument) => documentHtml(doc),
  pdf: async (doc: PrintDocument) => ({ body: await documentPdf(doc), fileName: `${doc.fileName}.pdf` }),
};

export const documentOperations: Operation[] = [
  recordOp({
    id: 'eus_request.document',
    concept: 'eus-requests',
    summary:
      'Print an End-User Statement request, or the Statement once issued (document JSON, HTML page or PDF)',
    input: z.object({ id, lang }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/eus-requests/{id}/document' },
    cli: { command: 'eus document', args: ['id'] },
    formats: printFormats,
    run: async (s, actor, b) => (await docs()).eusDocument(s, actor, b.id, b.lang),
  }),
  recordOp({
    id: 'license.document',
    concept: 'licenses',
    summary: 'Print an issued license (document JSON, HTML page or PDF)',
    input: z.object({ id, lang }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/licenses/{id}/document' },
    cli: { command: 'license issued document', args: ['id'] },
    formats: printFormats,
    run: async (s, actor, b) => (await docs()).licenseDocument(s, actor, b.id, b.lang),
  }),
];
