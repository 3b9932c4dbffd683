/**
 * Decisions the organisation remembers (issue 13, item 6), through the use cases on every store adapter
 * (SQLite; PostgreSQL with scripts/with-postgres.sh): four eyes on clearances, organisation isolation,
 * a confirmed alias reaching checks and the release gate, and a clearance raised again when the list entry
 * changes between two snapshots, or is removed and re-added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { verifyAudit } from '../../src/app/records/audit.js';
import { SYSTEM, type Actor, type CaseServices } from '../../src/app/records/context.js';
import { actorFor, addUser, createOrganisation } from '../../src/app/records/organisations.js';
import {
  approveDecision,
  listDecisions,
  recordDecision,
  revokeDecision,
  servicesForOrg,
  setScreeningSettings,
} from '../../src/app/records/screening-decisions.js';
import {
  addCounterparty,
  createTransaction,
  decideHit,
  rescreenAll,
  shipTransaction,
} from '../../src/app/records/transactions.js';
import type { ScreeningDecisionData } from '../../src/core/workflows/screening-decision.js';
import type { CounterpartyData } from '../../src/core/workflows/counterparty.js';
import type { HoldData } from '../../src/core/workflows/transaction.js';
import type { ListedEntity, Screener } from '../../src/core/screening/types.js';
import { buildScreener } from '../../src/core/screening/screener.js';
import { civilEndUse, listedEntity } from '../support/fixtures.js';
import { storeFactories } from '../support/stores.js';

const rules = loadRules();
const huawei = listedEntity('el-1', 'Huawei Technologies Co., Ltd.');
const sugon: ListedEntity = {
  ...listedEntity('el-2', 'Sugon Information Industry Co., Ltd.'),
  addresses: ['Beijing'],
};
const snap = (n: number, entities: ListedEntity[]) =>
  buildScreener(entities, { snapshot: `test@${n}`, snapshotDate: '2026-07-31' });
const v1 = snap(1, [huawei, sugon]);
const v2 = snap(2, [huawei, { ...sugon, addresses: ['Beijing', 'Tianjin'] }]); // the entry changed
const v3 = snap(3, [huawei]); // removed
const v4 = snap(4, [huawei, sugon]); // re-added as it was

const SUGON = 'Sugon Information Industry Co., Ltd.';
const code = (code: string) => expect.objectContaining({ problem: expect.objectContaining({ code }) });

const check = (name: string) => ({
  asOf: '2026-11-02',
  destination: 'CN',
  items: [{ eccn: 'EAR99', valueUsd: 1000 }],
  parties: [{ role: 'end_user', name, country: 'CN' }],
  endUse: civilEndUse,
});

describe.each(storeFactories)('screening decisions on $name', (factory) => {
  let s: CaseServices;
  let screener: Screener = v1;
  const clock = '2026-11-02T09:00:00.000Z';
  const a: Record<string, Actor> = {};

  beforeAll(async () => {
    s = {
      store: await factory.open(),
      checks: { rules: () => rules, screener: () => screener, today: () => clock.slice(0, 10) },
      now: () => clock,
      config: { eusTargetDays: 20 },
    };
    await createOrganisation(s, SYSTEM, { name: 'Exporter A', type: 'exporter' }, 'org-a');
    await createOrganisation(s, SYSTEM, { name: 'Exporter B', type: 'exporter' }, 'org-b');
    const users: [string, string, 'compliance_officer' | 'admin'][] = [
      ['alice', 'org-a', 'compliance_officer'],
      ['bob', 'org-a', 'compliance_officer'],
      ['admin', 'org-a', 'admin'],
      ['carol', 'org-b', 'compliance_officer'],
    ];
    for (const [name, orgId, role] of users)
      a[name] = await actorFor(
        s,
        (await addUser(s, SYSTEM, { name, email: `${name}@${orgId}.example`, orgId, role })).id,
      );
  }, 60_000);
  afterAll(async () => s?.store.close());

  it('holds a clearance pending under four eyes until another officer approves; never for another organisation', async () => {
    await expect(setScreeningSettings(s, a.alice!, { fourEyesClearances: true })).rejects.toThrow(
      code('CASE.FORBIDDEN'),
    );
    await setScreeningSettings(s, a.admin!, { fourEyesClearances: true });
    const cp = await addCounterparty(s, a.alice!, { name: SUGON, country: 'CN' });
    expect([cp.state, cp.data.screening?.hits.map((h) => h.id)]).toEqual(['hit', ['el-2']]);

    const pending = await decideHit(
      s,
      a.alice!,
      'clear',
      cp.id,
      'el-2',
      'a namesake in Chengdu, other licence no.',
    );
    expect(pending.state).toBe('hit');
    expect(pending.data.screening?.hits[0]?.decision).toMatchObject({ status: 'pending', by: 'alice' });
    const [decision] = await listDecisions(s, a.alice!);
    expect(decision).toMatchObject({ state: 'pending', orgIds: ['org-a'] });
    const data = decision!.data as ScreeningDecisionData;
    expect(data).toMatchObject({
      kind: 'clear',
      name: SUGON,
      counterpartyId: cp.id,
      decidedBy: { userId: a.alice!.userId, name: 'alice' },
      entry: { id: 'el-2', snapshot: 'test@1', hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });

    await expect(approveDecision(s, a.alice!, decision!.id)).rejects.toThrow(code('CASE.SELF_APPROVAL'));
    await expect(approveDecision(s, a.carol!, decision!.id)).rejects.toThrow(code('CASE.NOT_FOUND'));
    await expect(revokeDecision(s, a.carol!, decision!.id, 'no')).rejects.toThrow(code('CASE.NOT_FOUND'));
    expect(await listDecisions(s, a.carol!)).toEqual([]);

    const approved = await approveDecision(s, a.bob!, decision!.id);
    expect(approved.state).toBe('active');
    const after = await s.store.get<CounterpartyData>('counterparty', cp.id);
    expect([after?.state, after?.data.screening?.hits]).toEqual(['clear', []]);

    // a transaction of org-a to that name: no hit; the same of org-b: the Entity List entry
    const mine = await createTransaction(s, a.alice!, {
      reference: 'PO-A1',
      check: check(SUGON),
      counterpartyIds: [cp.id],
    });
    expect(mine.data.determination.result.screening[0]?.hits).toEqual([]);
    const theirs = await createTransaction(s, a.carol!, { reference: 'PO-B1', check: check(SUGON) });
    expect(theirs.data.determination.result.screening[0]?.hits.map((h) => h.id)).toEqual(['el-2']);
    expect(theirs.data.determination.result.licenseRequired).toBe(true);

    // the entry changes in the next snapshot: the hit comes back for review, and opens a hold
    screener = v2;
    const rescreen = await rescreenAll(s, v2);
    expect(rescreen.newHits).toBeGreaterThanOrEqual(1);
    const reviewed = await s.store.get<CounterpartyData>('counterparty', cp.id);
    expect(reviewed?.state).toBe('hit');
    expect(reviewed?.data.screening?.hits[0]?.decision).toMatchObject({ id: decision!.id, status: 'review' });
    const sc = (await servicesForOrg(s, a.alice!)).screener()!;
    expect(sc.screen({ name: SUGON })[0]?.explanation).toMatch(
      /^cleared earlier by alice on 2026-11-02 \(a namesake in Chengdu, other licence no\.\); list entry changed since — review again/,
    );
    const holds = await s.store.list<HoldData>('hold', { where: { transactionId: mine.id } });
    expect(holds.map((h) => h.data.entryIds)).toEqual([['el-2']]);
    screener = v1;
  });

  it('reviews a clearance again once its entry was removed and re-added, though its content is the same', async () => {
    screener = v1;
    await setScreeningSettings(s, a.admin!, { fourEyesClearances: false });
    const name = 'Sugon Information Industry Company Limited';
    const d = await recordDecision(s, a.bob!, {
      kind: 'clear',
      name,
      entryId: 'el-2',
      reason: 'other company',
    });
    expect(d.state).toBe('active');
    const bob = async () => (await servicesForOrg(s, a.bob!)).screener()!;
    expect((await bob()).screen({ name })).toEqual([]);
    screener = v3;
    await rescreenAll(s, v3);
    expect((await s.store.get<ScreeningDecisionData>('screening_decision', d.id))?.data.entryMissingIn).toBe(
      'test@3',
    );
    screener = v4;
    expect((await bob()).screen({ name }).map((h) => [h.id, h.decision?.status])).toEqual([
      ['el-2', 'review'],
    ]);
    screener = v1;
  });

  it('makes a confirmed alias a hit for the organisation: screening, checks and the release gate', async () => {
    screener = v1;
    const alias = 'HW Shenzhen Trading';
    const before = await createTransaction(s, a.alice!, { reference: 'PO-A2', check: check(alias) });
    expect(before.data.determination.result.authorization).toBe('NLR');
    const d = await recordDecision(s, a.alice!, {
      kind: 'confirm',
      name: alias,
      entryId: 'el-1',
      reason: 'trade name on its invoices',
    });
    expect(d.state).toBe('active');
    const alice = (await servicesForOrg(s, a.alice!)).screener()!;
    const [hit] = alice.screen({ name: 'hw shenzhen trading' });
    expect(hit).toMatchObject({ id: 'el-1', score: 1, decision: { status: 'confirmed', id: d.id } });
    expect(hit?.explanation).toMatch(/^confirmed by alice on 2026-11-02: trade name on its invoices/);
    expect((await servicesForOrg(s, a.carol!)).screener()!.screen({ name: alias })).toEqual([]);

    const later = await createTransaction(s, a.alice!, { reference: 'PO-A3', check: check(alias) });
    expect(later.data.determination.result.licenseRequired).toBe(true);
    // the lot decided before the confirmation: the release gate screens again and refuses it
    const refused = await shipTransaction(s, a.alice!, before.id).catch((e: unknown) => e);
    expect(refused).toEqual(code('CASE.SHIPMENT_REFUSED'));
    expect(String((refused as Error).message)).toMatch(/license/i);

    await expect(revokeDecision(s, a.bob!, d.id, '')).rejects.toThrow(code('INPUT.INVALID'));
    const revoked = await revokeDecision(s, a.bob!, d.id, 'the invoices were of another firm');
    expect(revoked.state).toBe('revoked');
    expect((await servicesForOrg(s, a.alice!)).screener()!.screen({ name: alias })).toEqual([]);
    await expect(
      recordDecision(s, a.alice!, { kind: 'confirm', name: alias, entryId: 'el-404', reason: 'x' }),
    ).rejects.toThrow(code('CASE.NOT_FOUND'));
  });

  it('writes every decision, approval, revocation and setting to the audit chain', async () => {
    const actions = (await s.store.auditLog(1, 10_000)).map((e) => e.action);
    for (const action of [
      'organisation.screening_settings',
      'screening_decision.record',
      'screening_decision.approve',
      'screening_decision.revoke',
      'screening_decision.entry_missing',
      'counterparty.clear_hit',
    ])
      expect([action, actions.includes(action)]).toEqual([action, true]);
    expect((await verifyAudit(s.store)).ok).toBe(true);
  });
});
