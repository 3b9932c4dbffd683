/**
 * Sign-in and invitation throttling shared by every server process on one database (issue 14): two apps,
 * each with its own store and connection on one SQLite file or one PostgreSQL database, count failed attempts
 * together (per e-mail and address, per address), parallel guesses spread over both are evaluated at most the
 * limit's number of times, and another address is slowed by none of it.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/adapters/http/app.js';
import { serverOn, sharedDialects } from '../support/shared-database.js';

const PASSWORD = 'throttle shared password';
const dialects = sharedDialects('htt-throttle');

for (const d of dialects) {
  describe.skipIf(!d.available)(`throttling across processes (${d.name})`, () => {
    it('counts failed sign-ins and invitation guesses once for all processes', async () => {
      const openStore = await d.open();
      const apps = [];
      for (let i = 0; i < 2; i++) {
        const { app } = await serverOn(openStore, {
          ...(i === 0 ? { seedPassword: PASSWORD } : {}),
          app: {
            signInLimit: { attempts: 3, windowMs: 60_000 },
            signInSourceLimit: { attempts: 6, windowMs: 60_000 },
            invitationLimit: { attempts: 2, windowMs: 60_000 },
            trustProxy: true,
          },
        });
        apps.push(app);
      }
      const [a, b] = apps as [ReturnType<typeof createApp>, ReturnType<typeof createApp>];
      const post = async (app: typeof a, path: string, body: object, address: string) => {
        const r = await app.request(`/api/v1${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify(body),
        });
        return { status: r.status, retryAfter: r.headers.get('retry-after') };
      };
      const signIn = (app: typeof a, email: string, password: string, address: string) =>
        post(app, '/auth/sign-in', { email, password }, address);

      // wrong guesses alternating between the two processes: one count (each process alone would allow 3)
      const turns = [];
      for (let i = 0; i < 6; i++)
        turns.push((await signIn(i % 2 ? a : b, 'exporter@demo.htt', 'wrong guess', '198.51.100.1')).status);
      expect(turns).toEqual([401, 401, 401, 429, 429, 429]);
      const refused = await signIn(a, 'exporter@demo.htt', PASSWORD, '198.51.100.1');
      expect(refused.status).toBe(429); // even the right password waits: slowed, counted before the check
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
      // another address is not slowed: the account is not locked
      expect((await signIn(b, 'exporter@demo.htt', PASSWORD, '203.0.113.5')).status).toBe(200);

      // 20 parallel guesses over both processes: at most the limit evaluated
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          signIn(i % 2 ? a : b, 'erc@demo.htt', 'wrong guess', '198.51.100.2').then((r) => r.status),
        ),
      );
      expect(burst.filter((x) => x === 401)).toHaveLength(3);
      expect(burst.filter((x) => x === 429)).toHaveLength(17);

      // one password across many e-mails from one address, over both processes: the address limit holds
      const spray = [];
      for (let i = 0; i < 10; i++)
        spray.push(
          (await signIn(i % 2 ? a : b, `user${i}@x.example`, 'Summer2026!abc', '198.51.100.3')).status,
        );
      expect(spray.filter((x) => x === 401)).toHaveLength(6);

      // invitation guesses share one count too
      const guesses = [];
      for (let i = 0; i < 4; i++)
        guesses.push(
          (
            await post(
              i % 2 ? a : b,
              '/auth/accept-invitation',
              { token: `user-x.guess${i}`, password: 'a fine passphrase here' },
              '198.51.100.4',
            )
          ).status,
        );
      expect(guesses).toEqual([401, 401, 429, 429]);
    }, 60_000);
  });
}
