/**
 * Every route for every role (issue 5): who may call what, including reaching another organisation's record
 * by its id. A denied call answers 403 (role) or 404 (not visible to the organisation: ids leak nothing);
 * an allowed one is never 401/403/404, and the first allowed caller of each route gets a 2xx. Without a
 * token every route but sign-in, health and the reference answers 401.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import type { CaseServices } from '../../src/app/records/context.js';
import { operations } from '../../src/app/operations/index.js';
import {
  ALL,
  check,
  openRouteWorld,
  operationOf,
  PASSWORD,
  routeTable,
  USERS,
  type RouteWorld,
  type User,
} from '../support/route-world.js';

let world: RouteWorld;
let s: CaseServices;
let app: RouteWorld['app'];
let tokens: Record<User, string>;
const ids: Record<string, string> = {};
const call = (method: string, path: string, user?: User, body?: unknown) =>
  world.call(method, path, user, body);

beforeAll(async () => {
  world = await openRouteWorld(await openRecordStore({ sqlitePath: ':memory:' }));
  ({ s, app, tokens } = world);
  Object.assign(ids, world.ids);
}, 60_000);
afterAll(() => world?.close());

const routes = routeTable(ids);

describe('the route list', () => {
  it('covers every operation of the table', () => {
    const covered = new Set(routes.map((r) => operationOf(r.method, r.label.split(' ')[1]!)?.id));
    // a password change and signing out everywhere have their own tests below (they would sign the other
    // tests out)
    const own = ['user.set_password', 'account.sign_out_everywhere'];
    const missing = operations.filter((op) => !covered.has(op.id) && !own.includes(op.id)).map((op) => op.id);
    expect(missing).toEqual([]);
  });
});

describe('every route for every role', () => {
  for (const route of routes) {
    const label = route.label;
    it(label, async () => {
      const allowed = route.allowed === 'all' ? ALL : route.allowed;
      const denied = ALL.filter((u) => !allowed.includes(u));
      const unauthenticated = await call(route.method, route.path(), undefined, route.body?.());
      expect([label, 'anonymous', unauthenticated.status]).toEqual([label, 'anonymous', 401]);
      for (const user of denied) {
        const r = await call(route.method, route.path(), user, route.body?.());
        expect([
          label,
          user,
          [403, 404].includes(r.status) ? 'denied' : `${r.status} ${r.text.slice(0, 200)}`,
        ]).toEqual([label, user, 'denied']);
      }
      let first = true;
      const op = operationOf(route.method, route.label.split(' ')[1]!);
      for (const user of allowed) {
        const before = (await s.store.auditHead!()).seq;
        const r = await call(route.method, route.path(), user, route.body?.());
        // a write records the audit action its operation declares
        if (first && r.status < 300 && op?.audit) {
          const written = (await s.store.auditLog(before + 1, 100)).map((e) => e.action);
          expect([label, written]).toEqual([label, expect.arrayContaining([op.audit])]);
        }
        const verdict =
          first && !route.stateful
            ? r.status < 300
              ? 'ok'
              : `${r.status} ${r.text.slice(0, 300)}`
            : ![401, 403, 404].includes(r.status)
              ? 'ok'
              : `${r.status} ${r.text.slice(0, 300)}`;
        expect([label, user, verdict]).toEqual([label, user, 'ok']);
        first = false;
      }
    });
  }
});

describe('organisation isolation and account safety', () => {
  it("lists only one's own organisation's records", async () => {
    const mine = (await call('GET', '/api/v1/transactions', 'exp')).json();
    expect(mine.length).toBeGreaterThan(0);
    expect(
      (await call('GET', '/api/v1/transactions', 'exp2'))
        .json()
        .every((t: { orgIds: string[] }) => t.orgIds.includes('org-exporter-2')),
    ).toBe(true);
    expect((await call('GET', '/api/v1/transactions', 'mofcom')).json()).toEqual([]);
    expect((await call('GET', '/api/v1/counterparties', 'imp')).json()).toEqual([]);
  });
  it('never shows password hashes or session secrets', async () => {
    const users = (await call('GET', '/api/v1/users', 'auditor')).text;
    expect(users).not.toMatch(/scrypt\$/);
    expect(users).not.toContain('passwordHash');
  });
  it('signs out, and the token stops working', async () => {
    const r = await call('POST', '/api/v1/auth/sign-in', undefined, {
      email: USERS.htwg,
      password: PASSWORD,
    });
    const token = r.json().token;
    const headers = { authorization: `Bearer ${token}` };
    expect((await app.request('/api/v1/auth/me', { headers })).status).toBe(200);
    expect((await app.request('/api/v1/auth/sign-out', { method: 'POST', headers })).status).toBe(200);
    expect((await app.request('/api/v1/auth/me', { headers })).status).toBe(401);
  });
  it('signs out everywhere: for any signed-in user, their own sessions only', async () => {
    expect((await call('POST', '/api/v1/auth/sign-out-everywhere', undefined, {})).status).toBe(401);
    const second = (
      await call('POST', '/api/v1/auth/sign-in', undefined, { email: USERS.mofcom, password: PASSWORD })
    ).json().token as string;
    const r = await call('POST', '/api/v1/auth/sign-out-everywhere', 'mofcom', {});
    expect([r.status, r.json().revoked]).toEqual([200, 2]);
    const headers = { authorization: `Bearer ${second}` };
    expect((await app.request('/api/v1/auth/me', { headers })).status).toBe(401);
    expect((await call('GET', '/api/v1/auth/me', 'mofcom')).status).toBe(401);
    for (const user of ALL.filter((u) => u !== 'mofcom' && u !== 'dod'))
      expect([user, (await call('GET', '/api/v1/auth/me', user)).status]).toEqual([user, 200]);
    tokens.mofcom = (
      await call('POST', '/api/v1/auth/sign-in', undefined, { email: USERS.mofcom, password: PASSWORD })
    ).json().token;
  });
  it('changes a password: the old one stops working', async () => {
    const r = await call('POST', '/api/v1/auth/password', 'dod', {
      current: PASSWORD,
      next: 'a new long passphrase 2026',
    });
    expect(r.status).toBe(200);
    expect(
      (await call('POST', '/api/v1/auth/sign-in', undefined, { email: USERS.dod, password: PASSWORD }))
        .status,
    ).toBe(401);
    expect(
      (
        await call('POST', '/api/v1/auth/sign-in', undefined, {
          email: USERS.dod,
          password: 'a new long passphrase 2026',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('POST', '/api/v1/auth/password', 'dod', {
          current: 'a new long passphrase 2026',
          next: 'short',
        })
      ).status,
    ).toBe(422);
  });
  it('rate-limits failed sign-ins', async () => {
    const bad = () =>
      call('POST', '/api/v1/auth/sign-in', undefined, { email: USERS.erc, password: 'wrong password here' });
    for (let i = 0; i < 3; i++) expect((await bad()).status).toBe(401);
    const limited = await bad();
    expect(limited.status).toBe(429);
    expect(limited.json().code).toBe('AUTH.RATE_LIMITED');
  });
});

describe('robustness', () => {
  it('answers invalid input with problem+json naming the field', async () => {
    const r = await call('POST', '/api/v1/checks', 'exp', { ...check, items: [{ eccn: 'nope' }] });
    expect(r.status).toBe(422);
    expect(r.json()).toMatchObject({ code: 'INPUT.INVALID', field: 'items[0].eccn', status: 422 });
  });
  it('refuses bodies over the limit', async () => {
    const r = await call('POST', '/api/v1/checks', 'exp', {
      ...check,
      items: [{ eccn: 'EAR99', description: 'x'.repeat(1_100_000) }],
    });
    expect(r.status).toBe(413);
    expect(r.json().code).toBe('INPUT.TOO_LARGE');
  });
  it('answers broken JSON and unknown routes with problems, never a stack trace', async () => {
    const broken = await app.request('/api/v1/checks', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.exp}`, 'content-type': 'application/json' },
      body: '{"asOf": ',
    });
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    const text = await broken.text();
    expect(text).not.toMatch(/\n\s+at /);
    const missing = await call('GET', '/api/v1/nothing-here', 'exp');
    expect(missing.status).toBe(404);
    expect(missing.json().code).toBe('HTTP.NOT_FOUND');
  });
  it('serves health, the OpenAPI document and the reference page without signing in', async () => {
    expect((await call('GET', '/api/v1/health')).json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    const doc = (await call('GET', '/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(60);
    expect((await call('GET', '/api/v1/docs')).text).toContain('/api/v1/checks');
  });
});

describe('pages of a list', () => {
  it('answers one page with the next cursor in X-Next-Cursor and Link', async () => {
    const res = await app.request('/api/v1/organisations?limit=2', {
      headers: { authorization: `Bearer ${tokens.bis}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(2);
    const next = res.headers.get('x-next-cursor');
    expect(next).toBeTruthy();
    expect(res.headers.get('link')).toBe(`</api/v1/organisations?limit=2&cursor=${next}>; rel="next"`);
    const page2 = await app.request(`/api/v1/organisations?limit=2&cursor=${next}`, {
      headers: { authorization: `Bearer ${tokens.bis}` },
    });
    expect(((await page2.json()) as { id: string }[]).length).toBe(2);
  });
});
