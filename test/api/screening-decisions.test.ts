/**
 * Decisions the organisation remembers, through HTTP with real sessions (issue 13, item 6): the roles come
 * from the session; another organisation neither sees the decisions nor feels them; four eyes is the
 * administrator's setting and self-approval is refused with CASE.SELF_APPROVAL; a signed-in user's /screen,
 * /screen/batch and /checks apply the organisation's decisions; a clearance comes back for review when the
 * list entry changes in the next snapshot.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { createApp } from '../../src/adapters/http/app.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { setPassword } from '../../src/app/records/accounts.js';
import { SYSTEM, type CaseServices } from '../../src/app/records/context.js';
import { addUser, createOrganisation } from '../../src/app/records/organisations.js';
import type { ListedEntity, Screener } from '../../src/core/screening/types.js';
import { buildScreener } from '../../src/core/screening/screener.js';
import { civilEndUse, listedEntity } from '../support/fixtures.js';

const PASSWORD = 'correct horse battery staple';
const rules = loadRules();
const sugon: ListedEntity = {
  ...listedEntity('el-2', 'Sugon Information Industry Co., Ltd.'),
  addresses: ['Beijing'],
};
const huawei = listedEntity('el-1', 'Huawei Technologies Co., Ltd.');
const v1 = buildScreener([huawei, sugon], { snapshot: 'test@1', snapshotDate: '2026-07-31' });
const v2 = buildScreener([huawei, { ...sugon, aliases: ['Dawning Information Industry Co.'] }], {
  snapshot: 'test@2',
  snapshotDate: '2026-08-31',
});
const SUGON = 'Sugon Information Industry Co., Ltd.';
const ALIAS = 'Shenzhen HW Trading Co., Ltd.';

let s: CaseServices;
let screener: Screener = v1;
let app: ReturnType<typeof createApp>;
const tokens: Record<string, string> = {};

async function call(method: string, path: string, user: string, body?: unknown) {
  const res = await app.request(`/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[user]}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
const hitsOf = async (user: string, name: string) =>
  (await call('POST', '/screen', user, { name })).body.hits as {
    id: string;
    explanation: string;
    decision?: { status: string };
  }[];

beforeAll(async () => {
  s = {
    store: await openRecordStore({ sqlitePath: ':memory:' }),
    checks: { rules: () => rules, screener: () => screener, today: () => '2026-11-02' },
    now: () => new Date().toISOString(),
    config: { eusTargetDays: 20 },
  };
  await createOrganisation(s, SYSTEM, { name: 'Exporter A', type: 'exporter' }, 'org-a');
  await createOrganisation(s, SYSTEM, { name: 'Exporter B', type: 'exporter' }, 'org-b');
  const users: [string, string, string][] = [
    ['alice', 'org-a', 'compliance_officer'],
    ['bob', 'org-a', 'compliance_officer'],
    ['admin', 'org-a', 'admin'],
    ['carol', 'org-b', 'compliance_officer'],
  ];
  app = createApp({ cases: s, logger: pino({ level: 'silent' }) });
  for (const [name, orgId, role] of users) {
    const email = `${name}@${orgId}.example`;
    const u = await addUser(s, SYSTEM, { name, email, orgId, role });
    await setPassword(s, SYSTEM, u.id, PASSWORD);
    const res = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    tokens[name] = ((await res.json()) as { token: string }).token;
  }
}, 60_000);
afterAll(() => s?.store.close());

describe('decisions through the API', () => {
  let clearance = '';
  let cp = '';

  it('turns four eyes on for the administrator only', async () => {
    const denied = await call('POST', '/organisations/screening-settings', 'alice', {
      fourEyesClearances: 'on',
    });
    expect([denied.status, denied.body.code]).toEqual([403, 'CASE.FORBIDDEN']);
    const r = await call('POST', '/organisations/screening-settings', 'admin', { fourEyesClearances: 'on' });
    expect([r.status, r.body]).toEqual([
      200,
      { organisation: 'org-a', screening: { fourEyesClearances: true } },
    ]);
  });

  it('keeps a clearance pending until a second officer approves it; self-approval is refused', async () => {
    const added = await call('POST', '/counterparties', 'alice', { name: SUGON, country: 'CN' });
    expect([added.status, added.body.state]).toEqual([201, 'hit']);
    cp = added.body.id;
    const cleared = await call('POST', `/counterparties/${cp}/clear`, 'alice', {
      entryId: 'el-2',
      reason: 'a namesake with another registration number',
    });
    expect([cleared.status, cleared.body.state]).toEqual([200, 'hit']);
    const list = await call('GET', '/screening-decisions?state=pending', 'alice');
    expect(list.body).toHaveLength(1);
    clearance = list.body[0].id;
    expect((await hitsOf('alice', SUGON))[0]?.decision?.status).toBe('pending');

    const self = await call('POST', `/screening-decisions/${clearance}/approve`, 'alice', {});
    expect([self.status, self.body.code]).toEqual([403, 'CASE.SELF_APPROVAL']);
    const approved = await call('POST', `/screening-decisions/${clearance}/approve`, 'bob', {});
    expect([approved.status, approved.body.state, approved.body.data.approvedBy.name]).toEqual([
      200,
      'active',
      'bob',
    ]);
    const again = await call('POST', `/screening-decisions/${clearance}/approve`, 'bob', {});
    expect([again.status, again.body.code]).toEqual([409, 'CASE.INVALID_TRANSITION']);
    expect((await call('GET', `/counterparties/${cp}`, 'alice')).body.state).toBe('clear');
    expect(await hitsOf('alice', SUGON)).toEqual([]);
  });

  it('shows nothing of it to another organisation, whose screening is unchanged', async () => {
    expect((await call('GET', '/screening-decisions', 'carol')).body).toEqual([]);
    const one = await call('GET', `/screening-decisions/${clearance}`, 'carol');
    expect([one.status, one.body.code]).toEqual([404, 'CASE.NOT_FOUND']);
    const revoke = await call('POST', `/screening-decisions/${clearance}/revoke`, 'carol', { reason: 'x' });
    expect(revoke.status).toBe(404);
    expect((await hitsOf('carol', SUGON)).map((h) => h.id)).toEqual(['el-2']);
  });

  it('makes a confirmed alias hit in /screen, /screen/batch and /checks of the organisation only', async () => {
    const r = await call('POST', '/screening-decisions', 'alice', {
      kind: 'confirm',
      name: ALIAS,
      entryId: 'el-1',
      reason: 'the trade name on its invoices',
    });
    expect([r.status, r.body.state]).toEqual([201, 'active']);
    const [hit] = await hitsOf('alice', 'SHENZHEN HW TRADING CO LTD');
    expect(hit?.id).toBe('el-1');
    expect(hit?.explanation).toMatch(
      /^confirmed by alice on \d{4}-\d{2}-\d{2}: the trade name on its invoices/,
    );
    expect(await hitsOf('carol', ALIAS)).toEqual([]);
    const batch = await call('POST', '/screen/batch', 'alice', {
      names: [ALIAS, SUGON, 'Huawei Technologies'],
    });
    expect(batch.body.results.map((x: { hits: { id: string }[] }) => x.hits.map((h) => h.id))).toEqual([
      ['el-1'],
      [],
      ['el-1'],
    ]);
    const check = {
      asOf: '2026-11-02',
      destination: 'CN',
      items: [{ eccn: 'EAR99', valueUsd: 100 }],
      parties: [{ role: 'end_user', name: ALIAS, country: 'CN' }],
      endUse: civilEndUse,
    };
    const mine = await call('POST', '/checks', 'alice', check);
    expect(mine.body.screening[0].hits.map((h: { id: string }) => h.id)).toEqual(['el-1']);
    expect(mine.body.licenseRequired).toBe(true);
    const theirs = await call('POST', '/checks', 'carol', check);
    expect(theirs.body.screening[0].hits).toEqual([]);
  });

  it('raises the clearance again for review when the entry changes in the next snapshot', async () => {
    screener = v2;
    const [hit] = await hitsOf('alice', SUGON);
    expect(hit?.decision?.status).toBe('review');
    expect(hit?.explanation).toMatch(/list entry changed since — review again/);
    screener = v1;
    expect(await hitsOf('alice', SUGON)).toEqual([]);
  });

  it('revokes a decision (audited) for the organisation compliance officers', async () => {
    const denied = await call('POST', `/screening-decisions/${clearance}/revoke`, 'admin', { reason: 'x' });
    expect(denied.status).toBe(403);
    const r = await call('POST', `/screening-decisions/${clearance}/revoke`, 'bob', {
      reason: 'the registration number was misread',
    });
    expect([r.status, r.body.state]).toEqual([200, 'revoked']);
    expect((await hitsOf('alice', SUGON)).map((h) => h.id)).toEqual(['el-2']);
    expect((await call('GET', `/counterparties/${cp}`, 'alice')).body.state).toBe('hit');
    const log = await s.store.auditLog(1, 10_000);
    expect(log.find((e) => e.action === 'screening_decision.revoke')?.reason).toBe(
      'the registration number was misread',
    );
  });
});
