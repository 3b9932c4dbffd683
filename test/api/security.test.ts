/**
 * Security findings of issue 14, on SQLite and (with TEST_DATABASE_URL) PostgreSQL: no secrets in the audit
 * log, no NUL or lone surrogate stored, security headers, sessions that end, sign-in throttling that holds.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { reconcileRecords, verifyAudit } from '../../src/app/records/audit.js';
import type { CaseServices } from '../../src/app/records/context.js';
import { seedDemo } from '../../src/app/records/demo.js';
import { civilEndUse } from '../support/fixtures.js';
import { storeFactories } from '../support/stores.js';

const PASSWORD = 'correct horse battery staple';
const rules = loadRules();
const check = {
  asOf: '2024-06-01',
  destination: 'CN',
  items: [{ eccn: 'EAR99', valueUsd: 100 }],
  parties: [{ role: 'end_user', name: 'Example Co.', country: 'CN', lists: [] }],
  endUse: civilEndUse,
};

for (const factory of storeFactories) {
  describe(`security (${factory.name})`, () => {
    let s: CaseServices;
    let app: ReturnType<typeof createApp>;
    /** Every response body of the run, scanned for secrets at the end. */
    const responses: string[] = [];
    const secrets = new Set<string>([PASSWORD]);

    async function call(method: string, path: string, token?: string, body?: unknown) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await app.request(path, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      responses.push(text);
      return { status: res.status, text, headers: res.headers, json: () => JSON.parse(text) };
    }
    async function signIn(email: string, password = PASSWORD) {
      const r = await call('POST', '/api/v1/auth/sign-in', undefined, { email, password });
      expect([email, r.status]).toEqual([email, 200]);
      const token = r.json().token as string;
      secrets.add(token);
      secrets.add(token.split('.')[1]!);
      return token;
    }

    beforeAll(async () => {
      const store = await factory.open();
      s = {
        store,
        checks: { rules: () => rules, screener: () => undefined, today: () => '2026-11-28' },
        now: () => new Date().toISOString(),
        config: { eusTargetDays: 20 },
      };
      await seedDemo(s, PASSWORD);
      app = createApp({ cases: s, logger: pino({ level: 'silent' }) });
    }, 60_000);
    afterAll(() => s?.store.close());

    it('keeps no secret in the audit log: sign-ups, sign-ins and password changes', async () => {
      const admin = await signIn('exporter-admin@demo.htt');
      const added = await call('POST', '/api/v1/users', admin, {
        name: 'New Officer',
        email: 'new-officer@demo.htt',
        orgId: 'org-exporter',
        role: 'compliance_officer',
      });
      expect(added.status).toBe(201);
      const exp = await signIn('exporter@demo.htt');
      await call('POST', '/api/v1/transactions', exp, { reference: 'PO-SEC-1', check });
      const next = 'another long passphrase 2026';
      secrets.add(next);
      const changed = await call('POST', '/api/v1/auth/password', exp, { current: PASSWORD, next });
      expect(changed.status).toBe(200);
      await signIn('exporter@demo.htt', next);
      await signIn('importer@demo.htt');
      const auditor = await signIn('auditor@demo.htt');
      await call('POST', '/api/v1/auth/sign-out', auditor);
      const auditor2 = await signIn('auditor@demo.htt');

      // the secrets as stored
      for (const u of await s.store.list<{ passwordHash?: string }>('user'))
        if (u.data.passwordHash) secrets.add(u.data.passwordHash);
      for (const x of await s.store.list<{ secretHash: string }>('session')) secrets.add(x.data.secretHash);
      expect(secrets.size).toBeGreaterThan(20);

      let log = '';
      for (let from = 1; ;) {
        const page = await call('GET', `/api/v1/audit/log?from=${from}&limit=1000`, auditor2);
        expect(page.status).toBe(200);
        const entries = page.json() as { seq: number }[];
        log += page.text;
        if (entries.length < 1000) break;
        from = entries[entries.length - 1]!.seq + 1;
      }
      expect(log).toContain('user.set_password');
      expect(log).toContain('session.sign_in');
      expect(log).not.toMatch(/scrypt\$/);
      for (const secret of secrets) expect(log.includes(secret) ? secret : 'absent').toBe('absent');
      for (const body of responses)
        for (const secret of secrets)
          expect(body.includes(secret) && !body.includes('"token"') ? secret : 'absent').toBe('absent');
      // redaction happens before hashing: the chain and the records still verify
      expect(await verifyAudit(s.store)).toMatchObject({ ok: true, headChecked: true });
      expect(await reconcileRecords(s.store)).toMatchObject({ ok: true });
    }, 60_000);

    it('refuses NUL, control characters and lone surrogates at every edge, and lists keep working', async () => {
      const exp = await signIn('exporter@demo.htt', 'another long passphrase 2026');
      const admin = await signIn('exporter-admin@demo.htt');
      const tx = (await call('POST', '/api/v1/transactions', exp, { reference: 'PO-SEC-2', check })).json();
      const refused = async (r: Awaited<ReturnType<typeof call>>, field?: string) => {
        expect([r.status, r.json().code]).toEqual([422, 'INPUT.INVALID']);
        expect(r.json().detail).toMatch(/NUL|surrogate/);
        if (field) expect(r.json().field).toBe(field);
      };
      await refused(
        await call('POST', `/api/v1/transactions/${tx.id}/holds`, exp, { reason: 'x\udfff' }),
        'reason',
      );
      await refused(
        await call('POST', `/api/v1/transactions/${tx.id}/holds`, exp, { reason: '\ud800x' }),
        'reason',
      );
      await refused(
        await call('POST', '/api/v1/users', admin, {
          name: 'M\u0000',
          email: 'm@demo.htt',
          orgId: 'org-exporter',
          role: 'compliance_officer',
        }),
        'name',
      );
      await refused(
        await call('POST', '/api/v1/transactions', exp, {
          reference: 'PO\u0007',
          check: { ...check, items: [{ eccn: 'EAR99', valueUsd: 1, description: 'ok' }] },
        }),
        'reference',
      );
      await refused(
        await call('POST', '/api/v1/transactions', exp, {
          reference: 'PO-SEC-3',
          check: { ...check, parties: [{ ...check.parties[0], name: 'Example\u0000Co.' }] },
        }),
        'check.parties[0].name',
      );
      await refused(
        await call('POST', '/api/v1/auth/sign-in', undefined, { email: 'M\u0000', password: 'x' }),
      );
      await refused(await call('GET', '/api/v1/transactions?state=%00', exp));
      await refused(await call('GET', '/api/v1/transactions/tx%00', exp));
      // use cases refuse it too (the CLI and any other caller)
      const { addUser } = await import('../../src/app/records/organisations.js');
      const { SYSTEM } = await import('../../src/app/records/context.js');
      await expect(
        addUser(s, SYSTEM, {
          name: 'M\u0000',
          email: 'm@demo.htt',
          orgId: 'org-exporter',
          role: 'compliance_officer',
        }),
      ).rejects.toMatchObject({ code: 'INPUT.INVALID', problem: { field: 'name' } });
      // tabs and line breaks in free text are fine
      expect(
        (await call('POST', `/api/v1/transactions/${tx.id}/holds`, exp, { reason: 'line one\n\tline two' }))
          .status,
      ).toBe(201);
      // nothing was stored: every list and filter still answers, and sign-in for an unknown e-mail is 401
      for (const path of [
        '/api/v1/transactions',
        '/api/v1/holds',
        '/api/v1/users',
        '/api/v1/transactions?state=open',
      ])
        expect([path, (await call('GET', path, exp)).status]).toEqual([path, 200]);
      expect((await call('GET', `/api/v1/transactions/${tx.id}/case-file`, exp)).status).toBe(200);
      expect(
        (await call('POST', '/api/v1/auth/sign-in', undefined, { email: 'nobody@x.example', password: 'x' }))
          .status,
      ).toBe(401);
      const users = await s.store.list<{ name: string }>('user');
      expect(users.some((u) => u.data.name.includes('\u0000'))).toBe(false);
    }, 60_000);

    it('ends sessions: a password change ends the others, an administrator revokes and deactivates', async () => {
      const me = (t: string) => call('GET', '/api/v1/auth/me', t).then((r) => r.status);
      const a = await signIn('importer@demo.htt');
      const b = await signIn('importer@demo.htt');
      const next = 'importer passphrase for 2027';
      expect((await call('POST', '/api/v1/auth/password', a, { current: PASSWORD, next })).status).toBe(200);
      expect([await me(a), await me(b)]).toEqual([200, 401]);
      // sign out everywhere, by an administrator of the organisation
      const admin = await signIn('exporter-admin@demo.htt');
      const x1 = await signIn('exporter@demo.htt', 'another long passphrase 2026');
      const x2 = await signIn('exporter@demo.htt', 'another long passphrase 2026');
      const bisAdmin = await signIn('admin@demo.htt');
      const exporter = (await call('GET', '/api/v1/auth/me', x1)).json().userId as string;
      expect((await call('POST', `/api/v1/users/${exporter}/revoke-sessions`, bisAdmin, {})).status).toBe(
        404,
      );
      expect((await call('POST', `/api/v1/users/${exporter}/revoke-sessions`, x1, {})).status).toBe(403);
      const revoked = await call('POST', `/api/v1/users/${exporter}/revoke-sessions`, admin, {});
      expect([revoked.status, revoked.json().revoked >= 2]).toEqual([200, true]);
      expect([await me(x1), await me(x2), await me(admin)]).toEqual([401, 401, 200]);
      // deactivation: the session ends and sign-in is refused
      const x3 = await signIn('exporter@demo.htt', 'another long passphrase 2026');
      const off = await call('POST', `/api/v1/users/${exporter}/deactivate`, admin, { reason: 'left' });
      expect([off.status, off.json().state]).toEqual([200, 'deactivated']);
      expect(await me(x3)).toBe(401);
      const again = await call('POST', '/api/v1/auth/sign-in', undefined, {
        email: 'exporter@demo.htt',
        password: 'another long passphrase 2026',
      });
      expect(again.status).toBe(401);
      expect(
        (await call('POST', `/api/v1/users/${exporter}/deactivate`, admin, { reason: 'x' })).status,
      ).toBe(409);
    }, 60_000);

    it("signs a user out everywhere: every session of theirs ends, audited, and no one else's", async () => {
      const me = (t: string) => call('GET', '/api/v1/auth/me', t).then((r) => r.status);
      const a = await signIn('exporter-admin@demo.htt');
      const b = await signIn('exporter-admin@demo.htt');
      const other = await signIn('admin@demo.htt');
      expect([await me(a), await me(b), await me(other)]).toEqual([200, 200, 200]);
      expect((await call('POST', '/api/v1/auth/sign-out-everywhere', undefined, {})).status).toBe(401);
      expect((await call('POST', '/api/v1/auth/sign-out-everywhere', a, { userId: 'x' })).status).toBe(422);
      const before = (await s.store.auditHead!()).seq;
      const r = await call('POST', '/api/v1/auth/sign-out-everywhere', a, {});
      expect(r.status).toBe(200);
      const userId = r.json().userId as string;
      expect(r.json().revoked).toBeGreaterThanOrEqual(2);
      // the session cache forgets them at once: both sessions are refused on the very next request
      expect([await me(a), await me(b), await me(other)]).toEqual([401, 401, 200]);
      expect((await call('POST', '/api/v1/auth/sign-out-everywhere', b, {})).status).toBe(401);
      const written = await s.store.auditLog(before + 1, 100);
      expect(written.filter((e) => e.action === 'session.revoke').length).toBe(r.json().revoked);
      expect(written.every((e) => e.actor === userId)).toBe(true);
      // signing in again works
      expect(await me(await signIn('exporter-admin@demo.htt'))).toBe(200);
    }, 60_000);

    it('throttles sign-in per e-mail and address and per address, counted before the password is checked', async () => {
      const make = (trustProxy: boolean) =>
        createApp({
          cases: s,
          logger: pino({ level: 'silent' }),
          signInLimit: { attempts: 3, windowMs: 60_000 },
          signInSourceLimit: { attempts: 8, windowMs: 60_000 },
          trustProxy,
        });
      const post = async (a: ReturnType<typeof createApp>, email: string, password: string, xff?: string) =>
        (
          await a.request('/api/v1/auth/sign-in', {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(xff ? { 'x-forwarded-for': xff } : {}) },
            body: JSON.stringify({ email, password }),
          })
        ).status;
      // a new X-Forwarded-For does not reset the limit when no proxy is trusted
      const direct = make(false);
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push(await post(direct, 'mofcom@demo.htt', 'wrong guess', `10.0.0.${i}`));
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // (the counts are kept in the database, shared by every app on it: the next cases come from other
      // addresses, through a trusted proxy)
      // 20 parallel guesses: at most 3 evaluated
      const one = make(true);
      const burst = await Promise.all(
        Array.from({ length: 20 }, () => post(one, 'erc@demo.htt', 'wrong guess', '192.0.2.1')),
      );
      expect(burst.filter((x) => x === 401).length).toBe(3);
      expect(burst.filter((x) => x === 429).length).toBe(17);
      // one password across many e-mails: the address is throttled
      const spray = make(true);
      const sprayed = [];
      for (let i = 0; i < 10; i++)
        sprayed.push(await post(spray, `user${i}@x.example`, 'Summer2026!abc', '192.0.2.2'));
      expect(sprayed.filter((x) => x === 429).length).toBe(2);
      // behind a trusted proxy, another client is not locked out of a known e-mail
      const proxied = make(true);
      for (let i = 0; i < 4; i++) await post(proxied, 'htwg@demo.htt', 'wrong guess', '203.0.113.9');
      expect(await post(proxied, 'htwg@demo.htt', 'wrong guess', '203.0.113.9')).toBe(429);
      expect(await post(proxied, 'htwg@demo.htt', PASSWORD, '198.51.100.7')).toBe(200);
    }, 60_000);

    it('gives a new organisation its first user by an invitation: one-time, expiring, never in the audit log', async () => {
      const bisAdmin = await signIn('admin@demo.htt');
      const expAdmin = await signIn('exporter-admin@demo.htt');
      const org = await call('POST', '/api/v1/organisations', bisAdmin, {
        name: 'Invited Importer Co., Ltd.',
        type: 'importer',
        country: 'CN',
      });
      expect(org.status).toBe(201);
      const orgId = org.json().id as string;
      const invitee = { name: 'Chen Jing', email: 'chen.jing@invited.example', orgId, role: 'admin' };
      // only the operator for a new organisation, or the organisation's own administrators
      expect((await call('POST', '/api/v1/invitations', expAdmin, invitee)).status).toBe(403);
      const invited = await call('POST', '/api/v1/invitations', bisAdmin, invitee);
      expect(invited.status).toBe(201);
      const { token, userId, expiresAt } = invited.json();
      expect(token).toMatch(new RegExp(`^${userId}\\.[A-Za-z0-9_-]{40,}$`));
      expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(71 * 3_600_000);
      const secret = token.split('.')[1] as string;
      const sha = createHash('sha256').update(secret).digest('hex');
      // the invited user cannot sign in yet, and no answer or audit entry carries the token or its hash
      const users = await call('GET', '/api/v1/users', bisAdmin);
      const log = JSON.stringify(await s.store.auditLog(1, 100_000));
      for (const text of [users.text, log])
        expect([text.includes(secret), text.includes(sha)]).toEqual([false, false]);
      // a second user for the organisation: its own administrator's business, not the operator's
      expect(
        (await call('POST', '/api/v1/invitations', bisAdmin, { ...invitee, email: 'second@invited.example' }))
          .status,
      ).toBe(403);
      const accept = (t: string, password: string) =>
        call('POST', '/api/v1/auth/accept-invitation', undefined, { token: t, password });
      const weak = await accept(token, 'password1234');
      expect([weak.status, weak.json().detail]).toEqual([422, expect.stringMatching(/too easy to guess/)]);
      expect((await accept(`${userId}.${'x'.repeat(43)}`, 'a fine passphrase for chen')).status).toBe(401);
      const ok = await accept(token, 'a fine passphrase for chen');
      expect(ok.status).toBe(200);
      secrets.add(ok.json().token);
      const me = await call('GET', '/api/v1/auth/me', ok.json().token);
      expect(me.json()).toMatchObject({ userId, orgId, role: 'admin' });
      expect((await accept(token, 'another fine passphrase')).status).toBe(401); // single use
      await signIn('chen.jing@invited.example', 'a fine passphrase for chen');
      // the organisation has a user: the operator may no longer invite to it, its administrator may
      const third = { ...invitee, email: 'third@invited.example', role: 'importer_officer' };
      expect((await call('POST', '/api/v1/invitations', bisAdmin, third)).status).toBe(403);
      const next = await call('POST', '/api/v1/invitations', ok.json().token, third);
      expect(next.status).toBe(201);
      // an expired invitation is refused
      const user = await s.store.get<{ invitation: { expiresAt: string } }>('user', next.json().userId);
      await s.store.transaction((tx) =>
        tx.update(
          {
            ...user!,
            data: {
              ...user!.data,
              invitation: { ...user!.data.invitation, expiresAt: '2020-01-01T00:00:00Z' },
            },
          },
          user!.version,
          { actor: 'system:test', action: 'user.invite', at: new Date().toISOString() },
        ),
      );
      expect((await accept(next.json().token, 'a fine passphrase for three')).status).toBe(401);
      // the acceptance endpoint is throttled per client address (counts shared through the database: this
      // app's address is a new one, given by a trusted proxy)
      const throttled = createApp({
        cases: s,
        logger: pino({ level: 'silent' }),
        invitationLimit: { attempts: 3, windowMs: 60_000 },
        trustProxy: true,
      });
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (
            await throttled.request('/api/v1/auth/accept-invitation', {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.3' },
              body: JSON.stringify({ token: `${userId}.guess${i}`, password: 'a fine passphrase for chen' }),
            })
          ).status,
        );
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    }, 60_000);

    it('pages the inbox, the one list that had no paging', async () => {
      const bis = await signIn('bis@demo.htt');
      const all = (await call('GET', '/api/v1/inbox', bis)).json();
      expect(all.items.length).toBeGreaterThan(1);
      expect(all.next).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (
          await call(
            'GET',
            `/api/v1/inbox?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            bis,
          )
        ).json();
        expect(page.items.length).toBe(1);
        seen.push(...page.items.map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(all.items.map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`));
      const bad = await call('GET', '/api/v1/inbox?cursor=transaction:nothing', bis);
      expect([bad.status, bad.json().code]).toEqual([422, 'INPUT.INVALID']);
      expect((await call('GET', '/api/v1/inbox?limit=0', bis)).status).toBe(422);
    });

    it('refuses trivial passwords', async () => {
      const t = await signIn('dod@demo.htt');
      for (const next of [
        'aaaaaaaaaaaa',
        'abcabcabcabc',
        'password1234',
        'qwertyqwerty',
        '123456789012',
        'Password!!!!',
      ])
        expect([
          next,
          (await call('POST', '/api/v1/auth/password', t, { current: PASSWORD, next })).status,
        ]).toEqual([next, 422]);
      const why = await call('POST', '/api/v1/auth/password', t, { current: PASSWORD, next: 'password1234' });
      expect(why.json().detail).toMatch(/too easy to guess \(strength \d of 4, at least 3 needed\): \S/);
    });

    it('keeps argon2id hashes; an older scrypt hash still signs in and is rehashed at that sign-in', async () => {
      const { scryptSync, randomBytes } = await import('node:crypto');
      const salt = randomBytes(16);
      const key = scryptSync(PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
      const legacy = `scrypt$${2 ** 15}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
      const [user] = await s.store.list<{ email: string; passwordHash?: string }>('user', {
        where: { email: 'energy@demo.htt' },
      });
      expect(user!.data.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      await s.store.transaction((tx) =>
        tx.update({ ...user!, data: { ...user!.data, passwordHash: legacy } }, user!.version, {
          actor: 'system:test',
          action: 'user.set_password',
          at: new Date().toISOString(),
        }),
      );
      await signIn('energy@demo.htt');
      const after = await s.store.get<{ passwordHash?: string }>('user', user!.id);
      expect(after!.data.passwordHash).toMatch(/^\$argon2id\$/);
      const log = await s.store.auditLog(1, 100_000);
      expect(log.at(-2)).toMatchObject({ action: 'user.rehash_password', recordId: user!.id });
      await signIn('energy@demo.htt'); // and it verifies as argon2id from now on
    });

    it('says not ok when the database is down, and no 503 or 500 reveals where it is', async () => {
      const token = await signIn('auditor@demo.htt');
      const { asDbError } = await import('../../src/adapters/db/kysely-record-store.js');
      const down = () => {
        const e = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:5433 (user htt_owner)'), {
          code: 'ECONNREFUSED',
        });
        return Promise.reject(asDbError(e));
      };
      const store = new Proxy(s.store, {
        get: (target, key) =>
          ['get', 'list', 'transaction', 'auditLog', 'auditHead'].includes(String(key))
            ? down
            : Reflect.get(target, key),
      });
      const broken = createApp({ cases: { ...s, store }, logger: pino({ level: 'silent' }) });
      const health = await broken.request('/api/v1/health');
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ status: 'unavailable' });
      for (const path of ['/api/v1/transactions', '/api/v1/audit/log'])
        for (const req of [
          broken.request(path, { headers: { authorization: `Bearer ${token}` } }),
          broken.request('/api/v1/auth/sign-in', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'auditor@demo.htt', password: PASSWORD }),
          }),
        ]) {
          const res = await req;
          const text = await res.text();
          expect([path, res.status]).toEqual([path, 503]);
          expect(text).not.toMatch(/10\.1\.2\.3|5433|htt_owner|ECONNREFUSED/);
        }
      expect((await app.request('/api/v1/health')).status).toBe(200);
    });

    it('sends security headers on every response, and no-store on the API', async () => {
      const token = await signIn('auditor@demo.htt');
      const web = mkdtempSync(join(tmpdir(), 'htt-web-'));
      try {
        mkdirSync(join(web, 'assets'));
        writeFileSync(
          join(web, 'index.html'),
          '<!doctype html><div id="root"></div><script type="module" src="/assets/index-3f2a1b.js"></script>',
        );
        writeFileSync(join(web, 'assets', 'index-3f2a1b.js'), 'console.log(1)');
        const desk = createApp({ cases: s, logger: pino({ level: 'silent' }), webRoot: web });
        const get = (path: string, headers: Record<string, string> = {}) => desk.request(path, { headers });
        const responses = {
          health: await get('/api/v1/health'),
          me: await get('/api/v1/auth/me', { authorization: `Bearer ${token}` }),
          unauthenticated: await get('/api/v1/transactions'),
          missing: await get('/api/v1/nothing'),
          docs: await get('/api/v1/docs'),
          index: await get('/'),
          route: await get('/transactions/tx-1'),
          asset: await get('/assets/index-3f2a1b.js'),
        };
        for (const [name, res] of Object.entries(responses)) {
          const h = (k: string) => [name, k, res.headers.get(k)];
          const csp = res.headers.get('content-security-policy') ?? '';
          for (const directive of [
            "default-src 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
            "script-src 'self'",
          ])
            expect([name, csp.includes(directive) ? directive : csp]).toEqual([name, directive]);
          expect(csp).not.toContain('unsafe-inline');
          expect(h('x-content-type-options')).toEqual([name, 'x-content-type-options', 'nosniff']);
          expect(h('referrer-policy')).toEqual([name, 'referrer-policy', 'no-referrer']);
          expect(h('x-frame-options')).toEqual([name, 'x-frame-options', 'DENY']);
          expect(h('strict-transport-security')).toEqual([name, 'strict-transport-security', null]);
        }
        for (const name of ['health', 'me', 'unauthenticated', 'missing', 'docs'] as const)
          expect([name, responses[name].headers.get('cache-control')]).toEqual([name, 'no-store']);
        expect(responses.asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(responses.index.headers.get('cache-control')).toBe('no-cache');
        expect(responses.route.headers.get('cache-control')).toBe('no-cache');
        // the inline stylesheets of the reference page and of a case file (shown in the desk) are allowed by
        // their hashes, nothing else inline
        const style = /<style>([\s\S]*?)<\/style>/.exec(await responses.docs.text())![1]!;
        const { CASE_FILE_STYLE } = await import('../../src/app/page-styles.js');
        for (const css of [style, CASE_FILE_STYLE]) {
          const hash = createHash('sha256').update(css).digest('base64');
          for (const res of Object.values(responses))
            expect(res.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
        }
        // HSTS only over TLS
        const tls = await desk.request('https://htt.example/api/v1/health');
        expect(tls.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      } finally {
        rmSync(web, { recursive: true, force: true });
      }
    });
  });
}
