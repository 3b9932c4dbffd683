/** VEU applications (-> End-User Review Committee -> VEU entry, 15 CFR 748.15) and VEU entries. */
import { z } from 'zod';
import { eccnInput } from '../../contracts/check.js';
import { veuAmendmentInput, veuApplicationInput } from '../../contracts/records.js';
import { isoDate } from '../../core/rules/schema.js';
import { veuAppMachine } from '../../core/workflows/veu.js';
import { recordOp, type Operation } from '../operation.js';
import { anyJson, backdateReason, id, on, storedRecord } from './common.js';
import { readOps } from './records.js';
import { actionOps, actionText, vote } from './workflow-actions.js';

// use cases load when an operation runs (a fast `htt --help`)
const veu = () => import('../records/veu.js');

export const veuOperations: Operation[] = [
  ...readOps(
    'veu_application',
    'veu-applications',
    'veu',
    'List the VEU applications you can see',
    'Show one VEU application',
  ),
  recordOp({
    id: 'veu_application.create',
    concept: 'veu-applications',
    summary: 'Apply for VEU (Supp. No. 8 content)',
    input: veuApplicationInput,
    output: storedRecord,
    roles: ['compliance_officer'],
    audit: 'veu_application.create',
    http: { method: 'post', path: '/veu-applications', status: 201 },
    cli: { command: 'veu create', files: ['.'] },
    run: async (s, actor, b) => (await veu()).createVeuApplication(s, actor, b),
  }),
  ...actionOps(
    veuAppMachine,
    'veu_application',
    'veu-applications',
    'veu',
    {
      vote: vote.optional(),
      items: z
        .array(eccnInput)
        .max(200)
        .optional()
        .describe(
          'approve: the items approved, when fewer than requested (the rest not approved, with text)',
        ),
      facilities: z
        .array(z.string().min(1).max(500))
        .max(50)
        .optional()
        .describe('approve: the names of the facilities approved, when fewer than requested'),
      citation: z
        .string()
        .max(50)
        .optional()
        .describe('publish: the Federal Register citation of the final rule, e.g. "72 FR 59164"'),
      effectiveOn: isoDate
        .optional()
        .describe('publish: the effective date the final rule states (on or after its publication)'),
    },
    {},
    async (s, actor, recordId, action, p) => (await veu()).actOnVeu(s, actor, recordId, action, p),
  ),
  ...readOps(
    'veu_entry',
    'veu-entries',
    'veu entry',
    'List the VEU entries granted in this system',
    'Show one VEU entry',
  ),
  recordOp({
    id: 'veu_entry.amend',
    concept: 'veu-entries',
    summary: 'Ask to add or remove items and facilities of a VEU entry (reviewed by the ERC)',
    input: veuAmendmentInput.extend({ id }),
    output: storedRecord,
    roles: ['compliance_officer'],
    audit: 'veu_application.amend',
    http: { method: 'post', path: '/veu-entries/{id}/amendments', status: 201 },
    cli: { command: 'veu amend', args: ['id'] },
    run: async (s, actor, { id: entryId, ...b }) => (await veu()).requestVeuAmendment(s, actor, entryId, b),
  }),
  recordOp({
    id: 'veu_entry.revocation_vote',
    concept: 'veu-entries',
    summary: 'Vote on revoking a VEU entry (majority revokes)',
    input: z.object({ id, vote, text: actionText, on, backdateReason }).strict(),
    output: storedRecord,
    roles: ['erc_member'],
    audit: 'veu_entry.revocation_vote',
    http: { method: 'post', path: '/veu-entries/{id}/revocation-votes' },
    cli: { command: 'veu revoke-vote', args: ['id'] },
    run: async (s, actor, { id: entryId, ...b }) => (await veu()).voteToRevokeVeu(s, actor, entryId, b),
  }),
  recordOp({
    id: 'veu_entry.certify',
    concept: 'veu-entries',
    summary: "Record the VEU's certification before the first export",
    input: z.object({ id, text: z.string().min(1).max(5000), on, backdateReason }).strict(),
    output: storedRecord,
    roles: ['compliance_officer'],
    audit: 'veu_entry.certify',
    http: { method: 'post', path: '/veu-entries/{id}/certifications' },
    cli: { command: 'veu certify', args: ['id'] },
    run: async (s, actor, b) => (await veu()).certifyVeu(s, actor, b.id, b.text, b.on, b.backdateReason),
  }),
  recordOp({
    id: 'veu_entry.annual_report',
    concept: 'veu-entries',
    summary: 'Produce the annual VEU report for a year (due February 15)',
    input: z.object({ year: z.coerce.number().int().min(2007).max(2100) }).strict(),
    output: anyJson,
    roles: ['compliance_officer', 'bis_officer', 'auditor'],
    audit: null,
    http: { method: 'get', path: '/veu-reports/{year}' },
    cli: { command: 'veu report' },
    run: async (s, actor, q) => (await veu()).veuAnnualReport(s, actor, q.year),
  }),
];
