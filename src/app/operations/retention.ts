/** Part 762: legal holds on records (§762.6(b)) and the purge of records past their date (§762.6(a)). */
import { z } from 'zod';
import { legalHoldBases } from '../../core/workflows/retention.js';
import { recordKinds } from '../ports/record-store.js';
import { recordOp, type Operation } from '../operation.js';
import { id, reason, storedRecord } from './common.js';
import { readOps } from './records.js';

// use cases load when an operation runs (a fast `htt --help`)
const holds = () => import('../records/legal-holds.js');

const purgeReport = z.object({
  asOf: z.string(),
  dryRun: z.boolean(),
  deleted: z.array(z.object({ kind: z.string(), id: z.string(), retainUntil: z.string() })),
  held: z.array(
    z.object({
      kind: z.string(),
      id: z.string(),
      retainUntil: z.string(),
      legalHolds: z.array(z.string()),
    }),
  ),
});

export const retentionOperations: Operation[] = [
  ...readOps(
    'legal_hold',
    'legal-holds',
    'legal-hold',
    'List the legal holds you can see',
    'Show one legal hold',
  ),
  recordOp({
    id: 'legal_hold.place',
    concept: 'legal-holds',
    summary: 'Place a legal hold on a record or on all records of an organisation (15 CFR 762.6(b))',
    input: z
      .object({
        kind: z.enum(recordKinds).optional().describe('the kind of the one record held'),
        recordId: id.optional().describe('the id of the one record held'),
        orgId: id.optional().describe('hold every record of this organisation instead'),
        basis: z
          .enum(legalHoldBases)
          .describe('agency_request: an agency asked for the records; investigation: an internal one'),
        authority: z.string().min(1).max(200).describe('who asked for the records, or who investigates'),
        requestReference: z.string().min(1).max(200).optional(),
        reason,
      })
      .strict(),
    output: storedRecord,
    roles: ['bis_officer', 'compliance_officer', 'admin'],
    audit: 'legal_hold.place',
    http: { method: 'post', path: '/legal-holds', status: 201 },
    cli: { command: 'legal-hold place', flags: { recordId: 'record', requestReference: 'ref' } },
    run: async (s, actor, b) => (await holds()).placeLegalHold(s, actor, b),
  }),
  recordOp({
    id: 'legal_hold.release',
    concept: 'legal-holds',
    summary: 'Release a legal hold on the written authorization of the agency concerned (15 CFR 762.6(b))',
    input: z
      .object({
        id,
        authorization: z
          .string()
          .min(1)
          .max(500)
          .describe('the reference of the written authorization to release the records'),
        reason,
      })
      .strict(),
    output: storedRecord,
    roles: ['bis_officer', 'compliance_officer', 'admin'],
    audit: 'legal_hold.release',
    http: { method: 'post', path: '/legal-holds/{id}/release' },
    cli: { command: 'legal-hold release', args: ['id'] },
    run: async (s, actor, b) =>
      (await holds()).releaseLegalHoldCase(s, actor, b.id, b.authorization, b.reason),
  }),
  recordOp({
    id: 'record.purge',
    concept: 'records',
    summary:
      "Delete your organisation's records past their Part 762 date and not under legal hold (a dry run unless execute)",
    input: z
      .object({
        execute: z
          .boolean()
          .optional()
          .describe('delete; without it, only report what would be deleted and what is held'),
      })
      .strict(),
    output: purgeReport,
    roles: ['admin'],
    audit: 'record.purge',
    http: { method: 'post', path: '/records/purge' },
    cli: { command: 'records purge' },
    run: async (s, actor, b) => (await holds()).purgeRecords(s, actor, b),
  }),
];
