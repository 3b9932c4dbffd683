/**
 * Decisions the organisation remembers (docs/SCREENING.md): confirm a name as a listed party or clear a
 * false positive, list, approve (four eyes) and revoke them; the administrator's four-eyes setting.
 */
import { z } from 'zod';
import { recordOp, type Operation } from '../operation.js';
import { anyJson, id, reason, recordList, storedRecord } from './common.js';

// use cases load when an operation runs (a fast `htt --help`)
const decisions = () => import('../records/screening-decisions.js');

const entryId = z.string().min(1).max(100).describe('the listed entry id in the loaded snapshot');

export const screeningDecisionOperations: Operation[] = [
  recordOp({
    id: 'screening_decision.list',
    concept: 'screening-decisions',
    summary: "List your organisation's screening decisions, newest first",
    input: z.object({ state: z.enum(['pending', 'active', 'revoked']).optional() }).strict(),
    output: recordList,
    roles: ['compliance_officer', 'admin'],
    audit: null,
    http: { method: 'get', path: '/screening-decisions' },
    cli: { command: 'decision list' },
    run: async (s, actor, q) => (await decisions()).listDecisions(s, actor, q.state),
  }),
  recordOp({
    id: 'screening_decision.get',
    concept: 'screening-decisions',
    summary: 'Show one screening decision of your organisation',
    input: z.object({ id }).strict(),
    output: storedRecord,
    roles: ['compliance_officer', 'admin'],
    audit: null,
    http: { method: 'get', path: '/screening-decisions/{id}' },
    cli: { command: 'decision show', args: ['id'] },
    run: async (s, actor, b) => (await decisions()).getDecision(s, actor, b.id),
  }),
  recordOp({
    id: 'screening_decision.record',
    concept: 'screening-decisions',
    summary:
      'Confirm that a name is a listed party, or clear a listed entry as a false positive for a name (remembered for later screening)',
    input: z
      .object({
        kind: z.enum(['confirm', 'clear']),
        name: z
          .string()
          .min(1)
          .max(500)
          .optional()
          .describe("the name decided on (default: the counterparty's)"),
        counterpartyId: id.optional(),
        entryId,
        reason: reason.max(2000),
      })
      .strict(),
    output: storedRecord,
    roles: ['compliance_officer'],
    audit: 'screening_decision.record',
    http: { method: 'post', path: '/screening-decisions', status: 201 },
    cli: { command: 'decision record', args: ['kind', 'entryId'] },
    run: async (s, actor, b) => (await decisions()).recordDecision(s, actor, b),
  }),
  recordOp({
    id: 'screening_decision.approve',
    concept: 'screening-decisions',
    summary: 'Approve a pending clearance (four eyes: another officer than the one who made it)',
    input: z.object({ id }).strict(),
    output: storedRecord,
    roles: ['compliance_officer'],
    audit: 'screening_decision.approve',
    http: { method: 'post', path: '/screening-decisions/{id}/approve' },
    cli: { command: 'decision approve', args: ['id'] },
    run: async (s, actor, b) => (await decisions()).approveDecision(s, actor, b.id),
  }),
  recordOp({
    id: 'screening_decision.revoke',
    concept: 'screening-decisions',
    summary: 'Revoke a screening decision: later screening no longer applies it',
    input: z.object({ id, reason: reason.max(2000) }).strict(),
    output: storedRecord,
    roles: ['compliance_officer'],
    audit: 'screening_decision.revoke',
    http: { method: 'post', path: '/screening-decisions/{id}/revoke' },
    cli: { command: 'decision revoke', args: ['id'] },
    run: async (s, actor, b) => (await decisions()).revokeDecision(s, actor, b.id, b.reason),
  }),
  recordOp({
    id: 'organisation.screening_settings',
    concept: 'organisations',
    summary:
      "Set your organisation's screening settings: four eyes for clearances on or off (administrators)",
    input: z.object({ fourEyesClearances: z.enum(['on', 'off']) }).strict(),
    output: anyJson,
    roles: ['admin'],
    audit: 'organisation.screening_settings',
    http: { method: 'post', path: '/organisations/screening-settings' },
    cli: { command: 'org screening-settings' },
    run: async (s, actor, b) => {
      const org = await (
        await decisions()
      ).setScreeningSettings(s, actor, { fourEyesClearances: b.fourEyesClearances === 'on' });
      return { organisation: org.id, screening: org.data.screening };
    },
  }),
];
