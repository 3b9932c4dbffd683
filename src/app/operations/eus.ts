/** PRC End-User Statement requests (importer -> MOFCOM, 15 CFR 748.10). */
import { z } from 'zod';
import { eusRequestInput } from '../../contracts/records.js';
import { eusMachine } from '../../core/workflows/end-user-statement.js';
import { recordOp, type Operation } from '../operation.js';
import { storedRecord } from './common.js';
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
