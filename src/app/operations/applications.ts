/**
 * PRC End-User Statement requests (importer -> MOFCOM), license applications (exporter -> BIS -> agencies)
 * and VEU applications (-> End-User Review Committee -> VEU entry). Each action of a workflow's state machine
 * is one operation, its roles taken from the machine's transitions.
 */
import { z } from 'zod';
import { eusRequestInput, licenseApplicationInput, veuApplicationInput } from '../../contracts/records.js';
import { eusMachine } from '../../core/workflows/end-user-statement.js';
import {
  licenseClock,
  licenseMachine,
  type LicenseApplicationData,
} from '../../core/workflows/license-application.js';
import type { Machine } from '../../core/workflows/machine.js';
import { veuAppMachine } from '../../core/workflows/veu.js';
import { isoDate } from '../../core/rules/schema.js';
import type { RecordKind } from '../ports/record-store.js';
import { getVisible, type Actor, type CaseServices } from '../records/context.js';
import { recordOp, type Operation } from '../operation.js';
import { anyJson, backdateReason, describeAction, id, kebab, on, rolesOf, storedRecord } from './common.js';
import { readOps } from './records.js';

const actionText = z.string().max(5000).optional();
// use cases load when an operation runs (a fast `htt --help`)
const apps = () => import('../records/applications.js');

/** One operation per action of a workflow: POST /{concept}/{id}/{action} and `htt {cli} {action} ID`. */
function actionOps<S extends string, A extends string, P extends z.ZodRawShape>(
  machine: Machine<S, A>,
  kind: RecordKind,
  concept: string,
  cli: string,
  params: P,
  flags: Record<string, string>,
  act: (
    s: CaseServices,
    actor: Actor,
    id: string,
    action: A,
    params: Record<string, unknown>,
  ) => Promise<unknown>,
): Operation[] {
  return machine.actions.map((action) =>
    recordOp({
      id: `${kind}.${action}`,
      concept,
      summary: `${machine.name}: ${describeAction(machine, action)}`,
      input: z.object({ id, text: actionText, on, backdateReason, ...params }).strict(),
      output: storedRecord,
      roles: rolesOf(machine, action),
      audit: `${kind}.${action}`,
      http: { method: 'post', path: `/${concept}/{id}/${action}` },
      cli: { command: `${cli} ${kebab(action)}`, args: ['id'], flags },
      run: (s, actor, { id: recordId, ...rest }) => act(s, actor, String(recordId), action, rest),
    }),
  );
}

const vote = z.enum(['approve', 'deny']);

export const applicationOperations: Operation[] = [
  // ------------------------------------------------------------------ PRC End-User Statement requests
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
    run: async (s, actor, b) => (await apps()).createEusRequest(s, actor, b),
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
    async (s, actor, recordId, action, p) => (await apps()).actOnEusRequest(s, actor, recordId, action, p),
  ),

  // ------------------------------------------------------------------------ license applications
  ...readOps(
    'license_application',
    'license-applications',
    'license',
    'List the license applications you can see',
    'Show one license application',
  ),
  recordOp({
    id: 'license_application.create',
    concept: 'license-applications',
    summary: 'Prepare a license application (BIS-748P content)',
    input: licenseApplicationInput,
    output: storedRecord,
    roles: ['compliance_officer'],
    audit: 'license_application.create',
    http: { method: 'post', path: '/license-applications', status: 201 },
    cli: { command: 'license create', files: ['.'] },
    run: async (s, actor, b) => (await apps()).createLicenseApplication(s, actor, b),
  }),
  ...actionOps(
    licenseMachine,
    'license_application',
    'license-applications',
    'license',
    {
      agencies: z.array(z.string().min(1).max(100)).max(10).optional(),
      recommendation: vote.optional(),
      licenseNumber: z.string().max(100).optional(),
      conditions: z.array(z.string().min(1).max(2000)).max(50).optional(),
    },
    { licenseNumber: 'number' },
    async (s, actor, recordId, action, p) => (await apps()).actOnLicense(s, actor, recordId, action, p),
  ),
  recordOp({
    id: 'license_application.clock',
    concept: 'license-applications',
    summary: 'Show the 750.4 clock of an application and its deadlines',
    input: z.object({ id, asOf: isoDate.optional() }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/license-applications/{id}/clock' },
    cli: { command: 'license clock', args: ['id'] },
    run: async (s, actor, q) => {
      const app = await getVisible<LicenseApplicationData>(s, actor, 'license_application', q.id);
      return licenseClock(app.data, q.asOf ?? s.checks.today());
    },
  }),
  ...readOps(
    'license',
    'licenses',
    'license issued',
    'List the issued licenses you can see',
    'Show one license with its shipments',
  ),

  // ------------------------------------------------------------------------------------------ VEU
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
    run: async (s, actor, b) => (await apps()).createVeuApplication(s, actor, b),
  }),
  ...actionOps(
    veuAppMachine,
    'veu_application',
    'veu-applications',
    'veu',
    { vote: vote.optional() },
    {},
    async (s, actor, recordId, action, p) => (await apps()).actOnVeu(s, actor, recordId, action, p),
  ),
  ...readOps(
    'veu_entry',
    'veu-entries',
    'veu entry',
    'List the VEU entries granted in this system',
    'Show one VEU entry',
  ),
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
    run: async (s, actor, { id: entryId, ...b }) => (await apps()).voteToRevokeVeu(s, actor, entryId, b),
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
    run: async (s, actor, b) => (await apps()).certifyVeu(s, actor, b.id, b.text, b.on, b.backdateReason),
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
    run: async (s, actor, q) => (await apps()).veuAnnualReport(s, actor, q.year),
  }),
];
