/** Organisations, users, the signed-in account, and the exporter's counterparties. */
import { z } from 'zod';
import { counterpartyInput, organisationInput, userInput } from '../../contracts/records.js';
import { HttError } from '../../core/errors.js';
import { SYSTEM } from '../records/context.js';
import { recordOp, type Operation } from '../operation.js';
import { anyJson, id, reason, storedRecord } from './common.js';
import { loadedScreener } from './engine.js';
import { readOps } from './records.js';

// use cases load when an operation runs (a fast `htt --help`)
const accounts = () => import('../records/accounts.js');
const organisations = () => import('../records/organisations.js');
const transactions = () => import('../records/transactions.js');
const invitations = () => import('../records/invitations.js');

/** An organisation id chosen by the operator (bootstrap); otherwise one is generated. */
const orgId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and hyphens')
  .optional();

export const partyOperations: Operation[] = [
  recordOp({
    id: 'account.me',
    concept: 'auth',
    summary: 'Say who is signed in',
    input: z.object({}).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: null,
    http: { method: 'get', path: '/auth/me' },
    cli: { command: 'whoami' },
    run: async (_s, actor) => actor,
  }),
  recordOp({
    id: 'user.set_password',
    concept: 'auth',
    summary: 'Change your password',
    input: z.object({ current: z.string().max(200), next: z.string().max(200) }).strict(),
    output: anyJson,
    roles: 'signed-in',
    audit: 'user.set_password',
    http: { method: 'post', path: '/auth/password' },
    cli: { command: 'user password' },
    run: async (s, actor, b) => {
      await (await accounts()).changePassword(s, actor, b.current, b.next);
      return { changed: true };
    },
  }),
  recordOp({
    id: 'account.sign_out_everywhere',
    concept: 'auth',
    summary: 'End every one of your sessions, this one included (sign out everywhere)',
    input: z.object({}).strict(),
    output: z.object({ userId: z.string(), revoked: z.number().int() }),
    roles: 'signed-in',
    audit: 'session.revoke',
    http: { method: 'post', path: '/auth/sign-out-everywhere' },
    cli: { command: 'user sign-out-everywhere' },
    run: async (s, actor) => (await accounts()).signOutEverywhere(s, actor),
  }),
  ...readOps('organisation', 'organisations', 'org', 'List the organisations you can see'),
  recordOp({
    id: 'organisation.create',
    concept: 'organisations',
    summary: 'Create an organisation (the operator: a BIS administrator)',
    input: organisationInput.extend({ id: orgId }),
    output: storedRecord,
    roles: ['admin'],
    audit: 'organisation.create',
    http: { method: 'post', path: '/organisations', status: 201 },
    cli: { command: 'org add', bootstrap: true },
    run: async (s, actor, { id: chosen, ...b }) => {
      if (actor !== SYSTEM && actor.orgType !== 'bis')
        throw new HttError({
          code: 'CASE.FORBIDDEN',
          message: 'only the operator (a BIS administrator) creates organisations',
        });
      return (await organisations()).createOrganisation(s, actor, b, chosen);
    },
  }),
  recordOp({
    id: 'organisation.exporters',
    concept: 'organisations',
    summary:
      'The directory of exporter organisations (id and name only), for an importer addressing an End-User Statement request',
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.string(), name: z.string() })),
    roles: ['importer_officer', 'mofcom_officer', 'admin'],
    audit: null,
    http: { method: 'get', path: '/directory/exporters' },
    cli: { command: 'org exporters' },
    run: async (s) => (await organisations()).exporterDirectory(s),
  }),
  ...readOps('user', 'users', 'user', 'List the users of your organisation'),
  recordOp({
    id: 'user.add',
    concept: 'users',
    summary: 'Add a user to your organisation (administrators)',
    input: userInput,
    output: storedRecord,
    roles: ['admin'],
    audit: 'user.add',
    http: { method: 'post', path: '/users', status: 201 },
    cli: { command: 'user add', flags: { orgId: 'org' }, bootstrap: true },
    run: async (s, actor, b) => (await organisations()).addUser(s, actor, b),
  }),
  recordOp({
    id: 'user.invite',
    concept: 'users',
    summary:
      "Invite a user: a one-time token (shown once, expires) with which they set their password. An organisation's administrators invite to it; the operator (a BIS administrator) gives a new organisation its first user",
    input: userInput,
    output: z.object({
      userId: z.string(),
      email: z.string(),
      orgId: z.string(),
      role: z.string(),
      token: z.string().describe('give it to the invitee: POST /auth/accept-invitation {token, password}'),
      expiresAt: z.string(),
    }),
    roles: ['admin'],
    audit: 'user.invite',
    http: { method: 'post', path: '/invitations', status: 201 },
    cli: { command: 'user invite', flags: { orgId: 'org' }, bootstrap: true },
    run: async (s, actor, b) => (await invitations()).inviteUser(s, actor, b),
  }),
  recordOp({
    id: 'user.revoke_sessions',
    concept: 'users',
    summary: 'End every session of a user of your organisation (administrators)',
    input: z.object({ id }).strict(),
    output: anyJson,
    roles: ['admin'],
    audit: 'session.revoke',
    http: { method: 'post', path: '/users/{id}/revoke-sessions' },
    cli: { command: 'user revoke-sessions', args: ['id'] },
    run: async (s, actor, b) => (await accounts()).revokeSessions(s, actor, b.id),
  }),
  recordOp({
    id: 'user.deactivate',
    concept: 'users',
    summary: 'Deactivate a user of your organisation: sign-in refused, every session ended (administrators)',
    input: z.object({ id, reason }).strict(),
    output: storedRecord,
    roles: ['admin'],
    audit: 'user.deactivate',
    http: { method: 'post', path: '/users/{id}/deactivate' },
    cli: { command: 'user deactivate', args: ['id'] },
    run: async (s, actor, b) => (await accounts()).deactivateUser(s, actor, b.id, b.reason),
  }),
  ...readOps(
    'counterparty',
    'counterparties',
    'counterparty',
    'List your customer master with screening status',
    'Show one counterparty',
  ),
  recordOp({
    id: 'counterparty.add',
    concept: 'counterparties',
    summary: 'Add a counterparty (screened at once)',
    input: counterpartyInput,
    output: storedRecord,
    roles: ['compliance_officer'],
    audit: 'counterparty.add',
    http: { method: 'post', path: '/counterparties', status: 201 },
    cli: { command: 'counterparty add' },
    run: async (s, actor, b) => (await transactions()).addCounterparty(s, actor, b),
  }),
  recordOp({
    id: 'counterparty.clear_hit',
    concept: 'counterparties',
    summary:
      "Clear a screening hit as a false positive (an analyst's 'not this party'; remembered until the entry changes)",
    input: z.object({ id, entryId: z.string().min(1).max(100), reason: reason.max(2000) }).strict(),
    output: storedRecord,
    roles: ['compliance_officer'],
    audit: 'counterparty.clear_hit',
    http: { method: 'post', path: '/counterparties/{id}/clear' },
    cli: { command: 'counterparty clear', args: ['id', 'entryId'] },
    run: async (s, actor, b) =>
      (await transactions()).decideHit(s, actor, 'clear', b.id, b.entryId, b.reason),
  }),
  recordOp({
    id: 'counterparty.confirm_hit',
    concept: 'counterparties',
    summary: 'Confirm a screening hit (the counterparty is the listed party; later screening keeps it a hit)',
    input: z.object({ id, entryId: z.string().min(1).max(100), reason: reason.max(2000) }).strict(),
    output: storedRecord,
    roles: ['compliance_officer'],
    audit: 'counterparty.confirm_hit',
    http: { method: 'post', path: '/counterparties/{id}/confirm' },
    cli: { command: 'counterparty confirm', args: ['id', 'entryId'] },
    run: async (s, actor, b) =>
      (await transactions()).decideHit(s, actor, 'confirm', b.id, b.entryId, b.reason),
  }),
  recordOp({
    id: 'counterparty.rescreen_all',
    concept: 'screening',
    summary: 'Re-screen every counterparty against the loaded lists (new hits open holds)',
    input: z.object({}).strict(),
    output: anyJson,
    roles: ['bis_officer', 'admin'],
    audit: 'counterparty.rescreen',
    http: { method: 'post', path: '/lists/rescreen' },
    cli: { command: 'counterparty rescreen' },
    run: async (s, actor) => {
      if (actor.role === 'admin' && actor.orgType !== 'bis')
        throw new HttError({
          code: 'CASE.FORBIDDEN',
          message: 'only BIS officers and the operator re-screen every counterparty',
        });
      return (await transactions()).rescreenAll(s, loadedScreener(s.checks));
    },
  }),
];
