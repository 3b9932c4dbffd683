/**
 * Supporting files on case records (issue 15, item 5): upload (JSON with the bytes in base64; at most 5 MiB;
 * PDF, PNG, JPEG, text or CSV, recognised by content), list a record's files, fetch one with its bytes
 * (checked against the SHA-256 recorded in the audit log at upload). Visibility follows the record's.
 */
import { z } from 'zod';
import { recordOp, type Operation } from '../operation.js';
import { attachableKinds } from '../ports/record-store.js';
import { anyJson, id } from './common.js';

const att = () => import('../records/attachments.js');

const types = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'] as const;
const target = { recordKind: z.enum(attachableKinds), recordId: z.string().min(1).max(100) };

export const attachmentOperations: Operation[] = [
  recordOp({
    id: 'attachment.create',
    concept: 'attachments',
    summary: 'Attach a supporting file to a record (PDF, PNG, JPEG, text or CSV; at most 5 MiB)',
    input: z
      .object({
        ...target,
        fileName: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .regex(/^[^/\\]+$/, 'a file name, without folders'),
        mediaType: z.enum(types),
        contentBase64: z
          .string()
          .min(1)
          .max(Math.ceil((5 * 1024 * 1024) / 3) * 4 + 4, 'the file is over 5 MiB'),
        note: z.string().max(1000).optional(),
      })
      .strict(),
    output: anyJson,
    roles: [
      'compliance_officer',
      'importer_officer',
      'mofcom_officer',
      'bis_officer',
      'agency_reviewer',
      'erc_member',
      'admin',
    ],
    audit: 'attachment.create',
    http: { method: 'post', path: '/attachments', status: 201 },
    cli: { command: 'attachment add', files: ['.'] },
    run: async (s, actor, b) => (await att()).attachFile(s, actor, b),
  }),
  recordOp({
    id: 'attachment.list',
    concept: 'attachments',
    summary: "List a record's attached files (name, type, size, SHA-256, who uploaded and when)",
    input: z.object(target).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/attachments' },
    cli: { command: 'attachment list' },
    run: async (s, actor, q) => (await att()).listAttachments(s, actor, q.recordKind, q.recordId),
  }),
  recordOp({
    id: 'attachment.get',
    concept: 'attachments',
    summary: 'Fetch one attached file with its bytes (base64), checked against its recorded SHA-256',
    input: z.object({ id }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/attachments/{id}' },
    cli: { command: 'attachment show', args: ['id'] },
    run: async (s, actor, q) => (await att()).getAttachment(s, actor, q.id),
  }),
];
