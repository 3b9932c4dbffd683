/**
 * Organisations (exporters, Chinese importers and end users, BIS, MOFCOM, the End-User Review Committee,
 * reviewing agencies, the HTWG, auditors) and their users.
 */
import { organisationInput, userInput, type UserInput } from '../../contracts/records.js';
import { HttError } from '../../core/errors.js';
import { rolesForOrgType, type OrgType } from '../../core/workflows/roles.js';
import { validate } from '../validate.js';
import type { RecordReader, StoredRecord } from '../ports/record-store.js';
import { audit, newId, requireRole, SYSTEM, type Actor, type CaseServices } from './context.js';

export interface OrganisationData {
  name: string;
  type: OrgType;
  country?: string;
  /** The End-User Review Committee member agency the organisation votes for. */
  ercAgency?: 'Commerce' | 'State' | 'Defense' | 'Energy';
  /** Screening settings an administrator of the organisation chooses (docs/SCREENING.md). */
  screening?: { fourEyesClearances?: boolean };
}

export interface UserData {
  name: string;
  email: string;
  orgId: string;
  role: Actor['role'];
  /** Set by the server's account adapter (issue 5); never shown. */
  passwordHash?: string;
  /** While the user is `invited`: the one-time token's hash (never shown, never audited) and its expiry. */
  invitation?: { tokenHash: string; expiresAt: string; by: string };
}

export async function createOrganisation(
  s: CaseServices,
  actor: Actor,
  raw: unknown,
  id?: string,
): Promise<StoredRecord<OrganisationData>> {
  if (actor !== SYSTEM) requireRole(actor, ['admin'], 'create organisations');
  const input = validate(organisationInput, raw, 'organisation');
  const orgId = id ?? newId('org');
  return s.store.transaction((tx) =>
    tx.insert<OrganisationData>(
      { kind: 'organisation', id: orgId, orgIds: [orgId], state: 'active', data: input, retainUntil: null },
      audit(actor, 'organisation.create', s.now()),
    ),
  );
}

export async function addUser(
  s: CaseServices,
  actor: Actor,
  raw: unknown,
  id?: string,
): Promise<StoredRecord<UserData>> {
  const input = validate(userInput, raw, 'user');
  if (actor !== SYSTEM) {
    requireRole(actor, ['admin'], 'add users');
    if (actor.orgId !== input.orgId)
      throw new HttError({
        code: 'CASE.FORBIDDEN',
        message: 'an administrator adds users to their own organisation only',
      });
  }
  return s.store.transaction(async (tx) => {
    await checkNewUser(tx, input);
    return tx.insert<UserData>(
      {
        kind: 'user',
        id: id ?? newId('user'),
        orgIds: [input.orgId],
        state: 'active',
        data: { ...input, email: input.email.toLowerCase() },
        retainUntil: null,
      },
      audit(actor, 'user.add', s.now()),
    );
  });
}

/**
 * A new user's organisation exists and allows the role, and the e-mail is free (a user still `invited` with
 * it is returned, so that an invitation can be issued again). Returns the organisation.
 */
export async function checkNewUser(
  tx: RecordReader,
  input: UserInput,
  reinvite = false,
): Promise<{ org: StoredRecord<OrganisationData>; invited?: StoredRecord<UserData> }> {
  const org = await tx.get<OrganisationData>('organisation', input.orgId);
  if (!org)
    throw new HttError({
      code: 'CASE.NOT_FOUND',
      message: `no organisation ${input.orgId}`,
      field: 'orgId',
    });
  if (!rolesForOrgType[org.data.type].includes(input.role)) {
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `a ${org.data.type} organisation's users cannot be ${input.role} (allowed: ${rolesForOrgType[org.data.type].join(', ')})`,
      field: 'role',
    });
  }
  const taken = await tx.list<UserData>('user', { where: { email: input.email.toLowerCase() } });
  const invited = taken.find((u) => u.state === 'invited' && u.data.orgId === input.orgId);
  if (taken.length && !(reinvite && invited && taken.length === 1))
    throw new HttError({
      code: 'CASE.CONFLICT',
      message: `a user with e-mail ${input.email} exists`,
      field: 'email',
    });
  return { org, ...(invited ? { invited } : {}) };
}

/**
 * The exporter organisations by id and name, and nothing else: what an importer needs to address an End-User
 * Statement request to its exporter (it cannot read other organisations' records).
 */
export async function exporterDirectory(s: CaseServices): Promise<{ id: string; name: string }[]> {
  const orgs = await s.store.list<OrganisationData>('organisation');
  return orgs
    .filter((o) => o.data.type === 'exporter')
    .map((o) => ({ id: o.id, name: o.data.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The acting user, by id or e-mail. */
export async function actorFor(s: CaseServices, who: string): Promise<Actor> {
  const user =
    (await s.store.get<UserData>('user', who)) ??
    (await s.store.list<UserData>('user', { where: { email: who.toLowerCase() }, limit: 1 }))[0];
  if (!user || user.state !== 'active')
    throw new HttError({ code: 'CASE.NOT_FOUND', message: `no active user ${who}` });
  const org = await s.store.get<OrganisationData>('organisation', user.data.orgId);
  if (!org)
    throw new HttError({ code: 'CASE.NOT_FOUND', message: `the organisation of ${who} does not exist` });
  return {
    userId: user.id,
    name: user.data.name,
    orgId: org.id,
    orgType: org.data.type,
    role: user.data.role,
  };
}
