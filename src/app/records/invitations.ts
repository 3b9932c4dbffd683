/**
 * Invitations (issue 14): how an organisation gets a user without anyone choosing their password for them.
 * An administrator of the organisation, or the operator (a BIS administrator) for an organisation that has
 * no user yet, invites a user: the user record is created `invited`, and a one-time token
 * "<user id>.<secret>" is returned once. Only the secret's SHA-256 is stored (and redacted from the audit
 * log); the token expires after HTT_INVITATION_HOURS (72). The invitee sets a password with it
 * (accept-invitation, throttled by the HTTP adapter) and is signed in; the token is then spent. Inviting the
 * same e-mail again replaces an unused token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { userInput } from '../../contracts/records.js';
import { HttError } from '../../core/errors.js';
import type { StoredRecord } from '../ports/record-store.js';
import { validate } from '../validate.js';
import { checkStrength, startSession, userWords } from './accounts.js';
import { audit, newId, requireRole, SYSTEM, type Actor, type CaseServices } from './context.js';
import { actorFor, checkNewUser, type UserData } from './organisations.js';
import { hashPassword } from './passwords.js';

export const INVITATION_HOURS = Number(process.env.HTT_INVITATION_HOURS ?? 72);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface Invitation {
  userId: string;
  email: string;
  orgId: string;
  role: string;
  /** The one-time token: give it to the invitee (it is shown once, and stored only as a hash). */
  token: string;
  expiresAt: string;
}

export async function inviteUser(s: CaseServices, actor: Actor, raw: unknown): Promise<Invitation> {
  const input = validate(userInput, raw, 'invitation');
  if (actor !== SYSTEM) requireRole(actor, ['admin'], 'invite users');
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.parse(s.now()) + INVITATION_HOURS * 3_600_000).toISOString();
  const user = await s.store.transaction(async (tx) => {
    await tx.lockWrites();
    const { invited } = await checkNewUser(tx, input, true);
    if (actor !== SYSTEM && actor.orgId !== input.orgId) {
      // the operator gives a new organisation its first user; after that its own administrators invite
      const users = await tx.list<UserData>('user', { where: { orgId: input.orgId } });
      if (actor.orgType !== 'bis' || users.some((u) => u.id !== invited?.id))
        throw new HttError({
          code: 'CASE.FORBIDDEN',
          message:
            actor.orgType === 'bis'
              ? `organisation ${input.orgId} has users: its own administrators invite the next ones`
              : 'an administrator invites users to their own organisation only',
        });
    }
    const invitation = { tokenHash: sha256(secret), expiresAt, by: actor.userId };
    const data: UserData = { ...input, email: input.email.toLowerCase(), invitation };
    if (invited)
      return tx.update<UserData>(
        { ...invited, data },
        invited.version,
        audit(actor, 'user.invite', s.now(), 'invitation issued again'),
      );
    return tx.insert<UserData>(
      { kind: 'user', id: newId('user'), orgIds: [input.orgId], state: 'invited', data, retainUntil: null },
      audit(actor, 'user.invite', s.now()),
    );
  });
  return {
    userId: user.id,
    email: user.data.email,
    orgId: user.data.orgId,
    role: user.data.role,
    token: `${user.id}.${secret}`,
    expiresAt,
  };
}

const unusable = (): never => {
  throw new HttError({
    code: 'AUTH.FAILED',
    message: 'the invitation is unknown, already used or expired; ask for a new one',
  });
};

/** The invited user behind a token, if the token is theirs, unused and unexpired. */
async function invitedBy(s: CaseServices, token: string): Promise<StoredRecord<UserData>> {
  const [id, secret] = String(token ?? '').split('.');
  if (!id || !secret) unusable();
  const user = await s.store.get<UserData>('user', id as string);
  const invitation = user?.data.invitation;
  if (!user || user.state !== 'invited' || !invitation || invitation.expiresAt <= s.now()) unusable();
  const a = Buffer.from(sha256(secret as string));
  const b = Buffer.from(invitation!.tokenHash);
  if (a.length !== b.length || !timingSafeEqual(a, b)) unusable();
  return user as StoredRecord<UserData>;
}

/** Set the invitee's password with the token, make the user active and sign them in. The token is spent. */
export async function acceptInvitation(
  s: CaseServices,
  token: string,
  password: string,
): Promise<{ token: string; expiresAt: string; actor: Actor }> {
  const user = await invitedBy(s, token);
  await checkStrength(password, await userWords(s, user));
  const passwordHash = await hashPassword(password);
  await s.store.transaction(async (tx) => {
    const now = await tx.get<UserData>('user', user.id);
    // spent or replaced meanwhile (a second accept racing this one, or a new invitation)
    if (!now || now.state !== 'invited' || now.data.invitation?.tokenHash !== user.data.invitation?.tokenHash)
      unusable();
    const { invitation: _spent, ...data } = now!.data;
    await tx.update<UserData>({ ...now!, state: 'active', data: { ...data, passwordHash } }, now!.version, {
      actor: user.id,
      action: 'user.accept_invitation',
      at: s.now(),
    });
  });
  return startSession(s, await actorFor(s, user.id));
}
