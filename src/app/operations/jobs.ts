/**
 * Jobs (issue 14, item 6): heavy work started by a request and done by workers, with progress and results
 * read back by the organisation that started it (docs/PERSISTENCE.md, "Jobs").
 */
import { z } from 'zod';
import { recordOp, type Operation } from '../operation.js';
import { anyJson, id, lang } from './common.js';

const jobs = () => import('../jobs/jobs.js');

export const jobOperations: Operation[] = [
  recordOp({
    id: 'job.screen_batch',
    concept: 'jobs',
    summary: 'Start a batch screen of up to 1,000,000 names as a job (answers in input order, by chunk)',
    input: z
      .object({
        names: z.array(z.string().min(1).max(500)).min(1).max(1_000_000),
        country: z.string().length(2).optional(),
      })
      .strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: 'job.start',
    http: { method: 'post', path: '/jobs/screen-batch', status: 201 },
    cli: { command: 'job screen-batch', files: ['names'] },
    run: async (s, actor, b) => (await jobs()).startBatchScreen(s, actor, b),
  }),
  recordOp({
    id: 'job.rescreen',
    concept: 'jobs',
    summary: 'Start re-screening every counterparty and open transaction against the loaded lists as a job',
    input: z.object({}).strict(),
    output: anyJson,
    roles: ['bis_officer', 'admin'],
    audit: 'job.start',
    http: { method: 'post', path: '/jobs/rescreen', status: 201 },
    cli: { command: 'job rescreen' },
    run: async (s, actor) => (await jobs()).startRescreen(s, actor),
  }),
  recordOp({
    id: 'job.case_file',
    concept: 'jobs',
    summary: "Start building a transaction's case file as a job, in the reader's language",
    input: z.object({ transactionId: id, lang }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: 'job.start',
    http: { method: 'post', path: '/jobs/case-file', status: 201 },
    cli: { command: 'job case-file', args: ['transactionId'] },
    run: async (s, actor, b) => (await jobs()).startCaseFile(s, actor, b.transactionId, b.lang),
  }),
  recordOp({
    id: 'job.audit_verify',
    concept: 'jobs',
    summary: 'Start verifying the audit log (and, with records, reconciling the records with it) as a job',
    input: z.object({ records: z.boolean().optional() }).strict(),
    output: anyJson,
    roles: ['auditor', 'admin', 'bis_officer'],
    audit: 'job.start',
    http: { method: 'post', path: '/jobs/audit-verify', status: 201 },
    cli: { command: 'job audit-verify' },
    run: async (s, actor, b) => (await jobs()).startAuditVerify(s, actor, b.records ?? false),
  }),
  recordOp({
    id: 'job.list',
    concept: 'jobs',
    summary: "List the organisation's jobs, newest first",
    input: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(anyJson),
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/jobs' },
    cli: { command: 'job list' },
    run: async (s, actor, q) => (await jobs()).listJobs(s, actor, q.limit ?? 50),
  }),
  recordOp({
    id: 'job.get',
    concept: 'jobs',
    summary: "A job's state and progress, with its result once done (one-chunk jobs and re-screening totals)",
    input: z.object({ id }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/jobs/{id}' },
    cli: { command: 'job show', args: ['id'] },
    run: async (s, actor, q) => (await jobs()).getJob(s, actor, q.id),
  }),
  recordOp({
    id: 'job.results',
    concept: 'jobs',
    summary: "A job's results by chunk, in order (a batch screen's answers in input order), page by page",
    input: z
      .object({
        id,
        from: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(100).optional(),
      })
      .strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/jobs/{id}/results' },
    cli: { command: 'job results', args: ['id'] },
    run: async (s, actor, q) => (await jobs()).jobResults(s, actor, q.id, q.from ?? 0, q.limit ?? 10),
  }),
];
