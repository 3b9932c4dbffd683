/** PRC End-User Statement requests (importer -> MOFCOM, 15 CFR 748.10). */
import { z } from 'zod';
import { eusRequestInput } from '../../contracts/records.js';
import { eusMachine } from '../../core/workflows/end-user-statement.js';
import { recordOp, type Operation } from '../operation.js';
import { isoDate } from '../../core/rules/schema.js';
import { anyJson, id, storedRecord } from './common.js';
import { readOps } from './records.js';
import { actionOps } from './workflow-actions.js';

// use cases load when an operation runs (a fast `htt --help`)
const eus = () => import('../records/eus-requests.js');

export const eusOperations: Operation[] = [
  ...readOps(
    'eus_request',
    'eus-requests',
    'eus',
    'List the End-User Statement requests you can see',
    'Show one End-User Statement request',
  ),
  recordOp({
    id: 'eus_request.create',
    concept: 'eus-requests',
    summary: 'Prepare an End-User Statement request (importer)',
    input: eusRequestInput,
    output: storedRecord,
    roles: ['importer_officer'],
    audit: 'eus_request.create',
    http: { method: 'post', path: '/eus-requests', status: 201 },
    cli: { command: 'eus create', files: ['.'] },
    run: async (s, actor, b) => (await eus()).createEusRequest(s, actor, b),
  }),
  recordOp({
    id: 'eus_request.update',
    concept: 'eus-requests',
    summary:
      "Complete or correct a draft End-User Statement request (importer): the importer's signature and date, the language, the English translation",
    input: eusRequestInput.extend({ id }),
    output: storedRecord,
    roles: ['importer_officer'],
    audit: 'eus_request.update',
    http: { method: 'post', path: '/eus-requests/{id}/update' },
    cli: { command: 'eus update', args: ['id'], files: ['.'] },
    run: async (s, actor, { id: recordId, ...input }) =>
      (await eus()).updateEusDraft(s, actor, recordId, input),
  }),
  recordOp({
    id: 'eus_request.review',
    concept: 'eus-requests',
    summary:
      "MOFCOM's review time of an End-User Statement request: gross and net (without the days waiting for the importer), in calendar and PRC working days",
    input: z.object({ id, asOf: isoDate.optional() }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/eus-requests/{id}/review' },
    cli: { command: 'eus review', args: ['id'] },
    run: async (s, actor, q) => (await eus()).eusRequestReview(s, actor, q.id, q.asOf),
  }),
  ...actionOps(
    eusMachine,
    'eus_request',
    'eus-requests',
    'eus',
    {
      statementNumber: z.string().max(100).optional(),
      sealReference: z.string().max(200).optional(),
    },
    { statementNumber: 'number', sealReference: 'seal' },
    async (s, actor, recordId, action, p) => (await eus()).actOnEusRequest(s, actor, recordId, action, p),
  ),
];
