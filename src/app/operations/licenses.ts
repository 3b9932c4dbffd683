/** License applications (exporter -> BIS -> reviewing agencies, Parts 748 and 750) and issued licenses. */
import { z } from 'zod';
import { licenseApplicationInput } from '../../contracts/records.js';
import {
  licenseClock,
  licenseMachine,
  processingRules,
  type LicenseApplicationData,
} from '../../core/workflows/license-application.js';
import {
  issuedLicenseMachine,
  nonMaterialChanges,
  type NonMaterialChange,
} from '../../core/workflows/license.js';
import { isoDate } from '../../core/rules/schema.js';
import { getVisible } from '../records/context.js';
import { recordOp, type Operation } from '../operation.js';
import { anyJson, id, lang, storedRecord } from './common.js';
import { withText } from '../../core/messages/records.js';
import { readOps } from './records.js';
import { actionOps, vote } from './workflow-actions.js';

// use cases load when an operation runs (a fast `htt --help`)
const licenses = () => import('../records/license-applications.js');

export const licenseOperations: Operation[] = [
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
    run: async (s, actor, b) => (await licenses()).createLicenseApplication(s, actor, b),
  }),
  ...actionOps(
    licenseMachine,
    'license_application',
    'license-applications',
    'license',
    {
      agencies: z.array(z.string().min(1).max(100)).max(10).optional(),
      recommendation: vote.optional(),
      outcome: vote.optional().describe("BIS's disposition when it escalates; a level's decision"),
      licenseNumber: z.string().max(100).optional(),
      conditions: z.array(z.string().min(1).max(2000)).max(50).optional(),
      validUntil: isoDate.optional().describe('a validity other than the general period of 750.7(g)'),
      considerations: z.string().max(5000).optional(),
      modifications: z.string().max(5000).optional(),
      signedBy: z.string().max(300).optional(),
      hearingRequested: z.boolean().optional(),
    },
    { licenseNumber: 'number' },
    async (s, actor, recordId, action, p) => (await licenses()).actOnLicense(s, actor, recordId, action, p),
  ),
  recordOp({
    id: 'license_application.clock',
    concept: 'license-applications',
    summary: 'Show the 750.4 clock of an application and its deadlines',
    input: z.object({ id, asOf: isoDate.optional(), lang }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/license-applications/{id}/clock' },
    cli: { command: 'license clock', args: ['id'] },
    run: async (s, actor, q) => {
      const app = await getVisible<LicenseApplicationData>(s, actor, 'license_application', q.id);
      const today = s.checks.today();
      const clock = licenseClock(
        app.data,
        q.asOf ?? today,
        processingRules(s.checks.rules(), app.data, today),
      );
      // each deadline: `what` in English, `message` with its text in the reader's language
      return {
        ...clock,
        lang: q.lang ?? 'en',
        deadlines: clock.deadlines.map((d) => ({ ...d, message: withText(d.message, q.lang ?? 'en') })),
      };
    },
  }),
  recordOp({
    id: 'license_application.record',
    concept: 'license-applications',
    summary:
      "What a reviewer decides on: the applicant's name, the determination frozen on the linked transaction (reasons, documents, each party's screening) and the End-User Statements the application names",
    input: z.object({ id }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/license-applications/{id}/record' },
    cli: { command: 'license record', args: ['id'] },
    run: async (s, actor, q) => (await licenses()).applicationRecord(s, actor, q.id),
  }),
  ...readOps(
    'license',
    'licenses',
    'license issued',
    'List the issued licenses you can see',
    'Show one license with its shipments',
  ),
  // the system replaces a license when BIS approves its replacement application; no one does it by hand
  ...actionOps(
    { ...issuedLicenseMachine, actions: issuedLicenseMachine.actions.filter((a) => a !== 'replace') },
    'license',
    'licenses',
    'license issued',
    {
      lines: z.array(z.string().min(1).max(40)).max(200).optional(),
      validUntil: isoDate.optional(),
      change: z
        .enum(Object.keys(nonMaterialChanges) as [NonMaterialChange, ...NonMaterialChange[]])
        .optional(),
    },
    {},
    async (s, actor, recordId, action, p) =>
      (await licenses()).actOnLicenseRecord(s, actor, recordId, action, p),
  ),
];
