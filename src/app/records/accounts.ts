/**
 * Accounts: passwords (scrypt, a deliberately slow hash), expiring sessions, sign-out and password change.
 * A session token is "<session id>.<secret>"; only a SHA-256 of the secret is stored.
 */
import {
  createHash,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { HttError } from '../../core/errors.js';
import type { RecordWriter, StoredRecord } from '../ports/record-store.js';
import { actorFor, type UserData } from './organisations.js';
import { audit, newId, type Actor, type CaseServices } from './context.js';

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const SESSION_HOURS = Number(process.env.HTT_SESSION_HOURS ?? 12);
export const MIN_PASSWORD = 12;

const scrypt = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, 32, options, (e, key) => (e ? reject(e) : resolve(key))),
  );

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parts = (stored ?? '').split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    await hashPassword(password); // spend the same time whether or not the user exists
    return false;
  }
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface SessionData {
  userId: string;
  orgId: string;
  secretHash: string;
  expiresAt: string;
}

/** Passwords (and their stems) too common to be worth the length (issue 14); a stem repeated is refused too. */
const COMMON = new Set(
  'password passw0rd qwerty qwertyuiop asdfgh asdfghjkl zxcvbn 123456 1234567890 abc123 abcdef letmein welcome admin administrator iloveyou monkey dragon master sunshine princess football baseball trustno1 changeme secret'.split(
    ' ',
  ),
);

/** Why a password is too weak, or undefined: length, variety, and no common word or sequence repeated. */
export function passwordWeakness(password: string): string | undefined {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD || password.length > 200)
    return `a password has ${MIN_PASSWORD} to 200 characters`;
  if (new Set(password).size < 6) return 'a password needs at least 6 different characters';
  const bare = password.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (let n = 1; n <= bare.length / 2; n++) {
    const stem = bare.slice(0, n);
    if (bare.length % n === 0 && stem.repeat(bare.length / n) === bare)
      return 'a password may not be one short sequence repeated';
  }
  const stripped = bare.replace(/\d+$/, '');
  if (COMMON.has(bare) || COMMON.has(stripped) || [...COMMON].some((w) => bare.replaceAll(w, '') === ''))
    return 'this password is too common';
  const sequences = ['abcdefghijklmnopqrstuvwxyz', '0123456789'].map((x) => x.repeat(4));
  if (sequences.some((x) => x.includes(bare) || [...x].reverse().join('').includes(bare)))
    return 'a password may not be a plain sequence';
  return undefined;
}

function checkStrength(password: string): void {
  const weakness = passwordWeakness(password);
  if (weakness) throw new HttError({ code: 'INPUT.INVALID', message: weakness, field: 'password' });
}

/** Set a user's password (administrators and the demo seed). */
export async function setPassword(
  s: CaseServices,
  actor: Actor,
  userId: string,
  password: string,
): Promise<void> {
  checkStrength(password);
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
