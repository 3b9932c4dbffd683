/** HTWG outreach (public-private dialogues, materials, questions from industry), the metrics and the audit log. */
import { z } from 'zod';
import { outreachEventInput } from '../../contracts/records.js';
import { isoDate } from '../../core/rules/schema.js';
import { recordOp, type Operation } from '../operation.js';
import { outreachOrganisers, outreachParticipants } from '../../core/workflows/roles.js';
import { anyJson, id, storedRecord } from './common.js';
import { readOps } from './records.js';

// use cases load when an operation runs (a fast `htt --help`)
const outreach = () => import('../records/outreach-and-metrics.js');
const audits = () => import('../records/audit.js');

const organisers = outreachOrganisers;
const writers = outreachParticipants;

export const outreachOperations: Operation[] = [
  ...readOps('outreach_event', 'outreach-events', 'outreach', 'List the HTWG events', 'Show one event'),
  recordOp({
    id: 'outreach_event.create',
    concept: 'outreach-events',
    summary: 'Plan an HTWG event',
    input: outreachEventInput,
    output: storedRecord,
    roles: organisers,
    audit: 'outreach_event.create',
    http: { method: 'post', path: '/outreach-events', status: 201 },
    cli: { command: 'outreach create' },
    run: async (s, actor, b) => (await outreach()).createEvent(s, actor, b),
  }),
  recordOp({
    id: 'outreach_event.register',
    concept: 'outreach-events',
    summary: 'Register for an event',
    input: z.object({ id }).strict(),
    output: storedRecord,
    roles: writers,
    audit: 'outreach_event.register',
    http: { method: 'post', path: '/outreach-events/{id}/registrations', status: 201 },
    cli: { command: 'outreach register', args: ['id'] },
    run: async (s, actor, b) => (await outreach()).registerForEvent(s, actor, b.id),
  }),
  recordOp({
    id: 'outreach_event.add_material',
    concept: 'outreach-events',
    summary: 'Add a material to an event',
    input: z
      .object({ id, title: z.string().min(1).max(500), reference: z.string().min(1).max(2000) })
      .strict(),
    output: storedRecord,
    roles: organisers,
    audit: 'outreach_event.add_material',
    http: { method: 'post', path: '/outreach-events/{id}/materials' },
    cli: { command: 'outreach material', args: ['id'], flags: { reference: 'ref' } },
    run: async (s, actor, b) => (await outreach()).addMaterial(s, actor, b.id, b.title, b.reference),
  }),
  recordOp({
    id: 'outreach_event.held',
    concept: 'outreach-events',
    summary: 'Mark an event held',
    input: z.object({ id }).strict(),
    output: storedRecord,
    roles: organisers,
    audit: 'outreach_event.held',
    http: { method: 'post', path: '/outreach-events/{id}/held' },
    cli: { command: 'outreach held', args: ['id'] },
    run: async (s, actor, b) => (await outreach()).markEventHeld(s, actor, b.id),
  }),
  ...readOps(
    'outreach_question',
    'outreach-questions',
    'outreach question',
    'List the questions from industry',
  ),
  recordOp({
    id: 'outreach_question.ask',
    concept: 'outreach-questions',
    summary: 'Ask the HTWG a question',
    input: z.object({ text: z.string().min(1).max(5000), eventId: z.string().max(100).optional() }).strict(),
    output: storedRecord,
    roles: writers,
    audit: 'outreach_question.ask',
    http: { method: 'post', path: '/outreach-questions', status: 201 },
    cli: { command: 'outreach ask', flags: { eventId: 'event' } },
    run: async (s, actor, b) => (await outreach()).askQuestion(s, actor, b.text, b.eventId),
  }),
  recordOp({
    id: 'outreach_question.answer',
    concept: 'outreach-questions',
    summary: 'Answer a question from industry',
    input: z.object({ id, text: z.string().min(1).max(5000) }).strict(),
    output: storedRecord,
    roles: organisers,
    audit: 'outreach_question.answer',
    http: { method: 'post', path: '/outreach-questions/{id}/answer' },
    cli: { command: 'outreach answer', args: ['id'] },
    run: async (s, actor, b) => (await outreach()).answerQuestion(s, actor, b.id, b.text),
  }),
  recordOp({
    id: 'metrics.htwg',
    concept: 'metrics',
    summary: 'Report the figures the HTWG follows',
    input: z.object({ asOf: isoDate.optional() }).strict(),
    output: anyJson,
    roles: ['htwg_member', 'bis_officer', 'mofcom_officer', 'erc_member', 'auditor', 'admin'],
    audit: null,
    http: { method: 'get', path: '/metrics' },
    cli: { command: 'metrics' },
    run: async (s, actor, q) => (await outreach()).htwgMetrics(s, actor, q.asOf),
  }),
  recordOp({
    id: 'audit.verify',
    concept: 'audit',
    summary: 'Verify the hash chain of the audit log',
    input: z.object({}).strict(),
    output: anyJson,
    roles: ['auditor', 'admin', 'bis_officer'],
    audit: null,
    http: { method: 'get', path: '/audit/verify' },
    cli: { command: 'audit verify', custom: true },
    run: async (s) => (await audits()).verifyAudit(s.store),
  }),
  recordOp({
    id: 'audit.log',
    concept: 'audit',
    summary: 'Read the audit entries (auditors)',
    input: z
      .object({
        from: z.coerce.number().int().min(1).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    output: anyJson,
    roles: ['auditor'],
    audit: null,
    http: { method: 'get', path: '/audit/log' },
    cli: { command: 'audit log' },
    run: (s, _actor, q) => s.store.auditLog(q.from ?? 1, q.limit ?? 100),
  }),
];
