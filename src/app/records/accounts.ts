/**
 * Accounts: passwords (scrypt, a deliberately slow hash), expiring sessions, sign-out and password change.
 * A session token is "<session id>.<secret>"; only a SHA-256 of the secret is stored.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { HttError } from '../../core/errors.js';
import type { RecordWriter, StoredRecord } from '../ports/record-store.js';
import { actorFor, type OrganisationData, type UserData } from './organisations.js';
import { audit, newId, type Actor, type CaseServices } from './context.js';
import { hashPassword, needsRehash, passwordWeakness, verifyPassword } from './passwords.js';

export const SESSION_HOURS = Number(process.env.HTT_SESSION_HOURS ?? 12);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface SessionData {
  userId: string;
  orgId: string;
  secretHash: string;
  expiresAt: string;
}

/** Refuse a weak password (length, zxcvbn score) with the reason; the user's own words count as known. */
export async function checkStrength(password: string, userInputs: string[]): Promise<void> {
  const weakness = await passwordWeakness(password, userInputs);
  if (weakness) throw new HttError({ code: 'INPUT.INVALID', message: weakness, field: 'password' });
}

/** Set a user's password (administrators and the demo seed). */
export async function setPassword(
  s: CaseServices,
  actor: Actor,
  userId: string,
  password: string,
): Promise<void> {
  const user = await s.store.get<UserData>('user', userId);
  if (!user) throw new HttError({ code: 'CASE.NOT_FOUND', message: `no user ${userId}` });
  await checkStrength(password, await userWords(s, user));
  const passwordHash = await hashPassword(password);
  await s.store.transaction(async (tx) => {
    const u = await tx.get<UserData>('user', userId);
    if (!u) throw new HttError({ code: 'CASE.NOT_FOUND', message: `no user ${userId}` });
    if (
      actor.userId !== 'system' &&
      actor.userId !== userId &&
      !(actor.role === 'admin' && u.orgIds.includes(actor.orgId))
    ) {
      throw new HttError({
        code: 'CASE.FORBIDDEN',
        message: 'only the user or an administrator of the same organisation sets a password',
      });
    }
    await tx.update(
      { ...u, data: { ...u.data, passwordHash } },
      u.version,
      audit(actor, 'user.set_password', s.now()),
    );
    // a new password ends every other session of the user (the one that changed it goes on)
    await endSessions(tx, actor, userId, s.now(), actor.userId === userId ? actor.sessionId : undefined);
  });
}

/** End the user's active sessions (but `keep`), each with a `session.revoke` audit entry. */
async function endSessions(
  tx: RecordWriter,
  actor: Actor,
  userId: string,
  now: string,
  keep?: string,
): Promise<number> {
  const sessions = await tx.list<SessionData>('session', { where: { userId }, state: 'active' });
  let ended = 0;
  for (const session of sessions) {
    if (session.id === keep) continue;
    await tx.update(
      { ...session, state: 'revoked', retainUntil: session.data.expiresAt },
      session.version,
      audit(actor, 'session.revoke', now),
    );
    ended++;
  }
  return ended;
}

function userOfSameOrg(actor: Actor, u: StoredRecord<UserData>, what: string): void {
  if (actor.userId === 'system') return;
  if (!(actor.role === 'admin' && u.orgIds.includes(actor.orgId)))
    throw new HttError({
      code: u.orgIds.includes(actor.orgId) ? 'CASE.FORBIDDEN' : 'CASE.NOT_FOUND',
      message: u.orgIds.includes(actor.orgId)
        ? `only an administrator of the user's organisation may ${what}`
        : `no user ${u.id}`,
    });
}

/** End every session of a user (an administrator of the same organisation). */
export async function revokeSessions(
  s: CaseServices,
  actor: Actor,
  userId: string,
): Promise<{ userId: string; revoked: number }> {
  return s.store.transaction(async (tx) => {
    const u = await tx.get<UserData>('user', userId);
    if (!u) throw new HttError({ code: 'CASE.NOT_FOUND', message: `no user ${userId}` });
    userOfSameOrg(actor, u, 'end their sessions');
    await tx.lockWrites();
    return { userId, revoked: await endSessions(tx, actor, userId, s.now()) };
  });
}

/** End every session of the signed-in user, this one included (issue 14, item 3: sign out everywhere). */
export async function signOutEverywhere(
  s: CaseServices,
  actor: Actor,
): Promise<{ userId: string; revoked: number }> {
  if (actor.userId === 'system')
    throw new HttError({ code: 'CASE.FORBIDDEN', message: 'sign out everywhere is for a signed-in user' });
  return s.store.transaction(async (tx) => {
    const u = await tx.get<UserData>('user', actor.userId);
    if (!u) throw new HttError({ code: 'CASE.NOT_FOUND', message: `no user ${actor.userId}` });
    await tx.lockWrites();
    return { userId: actor.userId, revoked: await endSessions(tx, actor, actor.userId, s.now()) };
  });
}

/** Deactivate a user: sign-in is refused from now on and every session ends. */
export async function deactivateUser(
  s: CaseServices,
  actor: Actor,
  userId: string,
  reason: string,
): Promise<StoredRecord<UserData>> {
  return s.store.transaction(async (tx) => {
    const u = await tx.get<UserData>('user', userId);
    if (!u) throw new HttError({ code: 'CASE.NOT_FOUND', message: `no user ${userId}` });
    userOfSameOrg(actor, u, 'deactivate them');
    if (actor.userId === userId)
      throw new HttError({ code: 'CASE.CONFLICT', message: 'an administrator cannot deactivate themselves' });
    if (u.state !== 'active')
      throw new HttError({ code: 'CASE.CONFLICT', message: `user ${userId} is already ${u.state}` });
    const done = await tx.update(
      { ...u, state: 'deactivated' },
      u.version,
      audit(actor, 'user.deactivate', s.now(), reason),
    );
    await endSessions(tx, actor, userId, s.now());
    return done;
  });
}

const failed = (): never => {
  throw new HttError({ code: 'AUTH.FAILED', message: 'the e-mail or the password is wrong' });
};

export async function signIn(
  s: CaseServices,
  email: string,
  password: string,
): Promise<{ token: string; expiresAt: string; actor: Actor }> {
  const [user] = await s.store.list<UserData>('user', {
    where: { email: String(email ?? '').toLowerCase() },
    limit: 1,
  });
  const ok = await verifyPassword(String(password ?? ''), user?.data.passwordHash);
  if (!user || !ok || user.state !== 'active') failed();
  const actor = await actorFor(s, (user as StoredRecord<UserData>).id);
  if (needsRehash(user!.data.passwordHash)) await rehash(s, actor, user!.id, password);
  return startSession(s, actor);
}

/** A new session for a user who proved who they are (a password, an invitation): its bearer token. */
export async function startSession(
  s: CaseServices,
  actor: Actor,
): Promise<{ token: string; expiresAt: string; actor: Actor }> {
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.parse(s.now()) + SESSION_HOURS * 3_600_000).toISOString();
  const id = newId('sess');
  await s.store.transaction((tx) =>
    tx.insert<SessionData>(
      {
        kind: 'session',
        id,
        orgIds: [actor.orgId],
        state: 'active',
        data: { userId: actor.userId, orgId: actor.orgId, secretHash: sha256(secret), expiresAt },
        retainUntil: null,
      },
      audit(actor, 'session.sign_in', s.now()),
    ),
  );
  return { token: `${id}.${secret}`, expiresAt, actor };
}

/** What an attacker knows of a user (name, e-mail, organisation), which a password must not lean on. */
export async function userWords(s: CaseServices, user: StoredRecord<UserData>): Promise<string[]> {
  const org = await s.store.get<OrganisationData>('organisation', user.data.orgId);
  return [user.data.name, user.data.email, ...(org ? [org.data.name] : [])];
}

/**
 * A hash made with older parameters (scrypt, or weaker argon2) replaced at a successful sign-in, while the
 * password is at hand. A concurrent change wins: the rehash is skipped when the hash changed meanwhile.
 */
async function rehash(s: CaseServices, actor: Actor, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await s.store.transaction(async (tx) => {
    const u = await tx.get<UserData>('user', userId);
    if (!u || !needsRehash(u.data.passwordHash)) return;
    await tx.update(
      { ...u, data: { ...u.data, passwordHash } },
      u.version,
      audit(actor, 'user.rehash_password', s.now()),
    );
  });
}

/** The actor behind a bearer token, or AUTH.REQUIRED. */
export async function authenticate(
  s: CaseServices,
  token: string | undefined,
): Promise<{ actor: Actor; sessionId: string }> {
  const [id, secret] = String(token ?? '').split('.');
  const invalid = (): never => {
    throw new HttError({
      code: 'AUTH.REQUIRED',
      message: 'sign in first (Authorization: Bearer <token>); the session may have expired',
    });
  };
  if (!id || !secret) invalid();
  const session = await s.store.get<SessionData>('session', id as string);
  if (!session || session.state !== 'active' || session.data.expiresAt <= s.now()) invalid();
  const a = Buffer.from(sha256(secret as string));
  const b = Buffer.from((session as StoredRecord<SessionData>).data.secretHash);
  if (a.length !== b.length || !timingSafeEqual(a, b)) invalid();
  const actor = await actorFor(s, (session as StoredRecord<SessionData>).data.userId);
  Object.defineProperty(actor, 'sessionId', { value: id, enumerable: false });
  return { actor, sessionId: id as string };
}

export async function signOut(s: CaseServices, actor: Actor, sessionId: string): Promise<void> {
  await s.store.transaction(async (tx) => {
    const session = await tx.get<SessionData>('session', sessionId);
    if (!session || session.state !== 'active') return;
    await tx.update(
      { ...session, state: 'signed_out', retainUntil: session.data.expiresAt },
      session.version,
      audit(actor, 'session.sign_out', s.now()),
    );
  });
}

export async function changePassword(
  s: CaseServices,
  actor: Actor,
  current: string,
  next: string,
): Promise<void> {
  const user = await s.store.get<UserData>('user', actor.userId);
  if (!user || !(await verifyPassword(String(current ?? ''), user.data.passwordHash))) failed();
  await setPassword(s, actor, actor.userId, next);
}
