/**
 * Finding work on every store adapter: list filters by state and deadline, keyset pages, and the inbox of
 * each role on the demonstration workspace (an application registered 21 days ago, a Statement request
 * submitted 9 days ago, a VEU application submitted), with no record of another organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { SYSTEM, type Actor, type CaseServices } from '../../src/app/records/context.js';
import { seedDemo } from '../../src/app/records/demo.js';
import { inbox, listWork } from '../../src/app/records/finding-work.js';
import { actorFor, addUser, createOrganisation } from '../../src/app/records/organisations.js';
import { placeHold } from '../../src/app/records/transactions.js';
import { addDays } from '../../src/core/rules/dates.js';
import { storeFactories } from '../support/stores.js';

const rules = loadRules();
const TODAY = '2026-03-10';

describe.each(storeFactories)('finding work on $name', (factory) => {
  let s: CaseServices;
  const as: Record<string, Actor> = {};
  beforeAll(async () => {
    s = {
      store: await factory.open(),
      checks: { rules: () => rules, screener: () => undefined, today: () => TODAY },
      now: () => `${TODAY}T09:00:00.000Z`,
      config: { eusTargetDays: 20 },
    };
    await seedDemo(s, 'correct horse battery staple');
    for (const u of ['exporter', 'bis', 'mofcom', 'erc', 'importer', 'dod'])
      as[u] = await actorFor(s, `${u}@demo.htt`);
    await createOrganisation(s, SYSTEM, { name: 'Other Exporter', type: 'exporter' }, 'org-other');
    const other = await addUser(s, SYSTEM, {
      name: 'Other',
      email: 'other@x.example',
      orgId: 'org-other',
      role: 'compliance_officer',
    });
    as.other = await actorFor(s, other.id);
  }, 60_000);
  afterAll(async () => s?.store.close());

  it('lists by deadline: the application registered 21 days ago is past its 9 days (§750.4(a)(2))', async () => {
    const overdue = await listWork(s, as.bis!, 'license_application', { overdue: 'true' });
    expect(overdue.items).toHaveLength(1);
    expect((await listWork(s, as.bis!, 'license_application', { overdue: 'false' })).items).toHaveLength(0);
    // next deadline: the 9 days, due 12 days after registration... already passed
    const registered = addDays(TODAY, -21);
    expect(
      (await listWork(s, as.bis!, 'license_application', { dueBefore: addDays(registered, 9) })).items,
    ).toHaveLength(1);
    expect(
      (await listWork(s, as.bis!, 'license_application', { dueBefore: addDays(registered, 8) })).items,
    ).toHaveLength(0);
    // the Statement request submitted 9 days ago is due on day 20
    const eus = await listWork(s, as.mofcom!, 'eus_request', { dueBefore: addDays(TODAY, 11) });
    expect(eus.items).toHaveLength(1);
    expect(
      (await listWork(s, as.mofcom!, 'eus_request', { dueBefore: addDays(TODAY, 10) })).items,
    ).toHaveLength(0);
    expect((await listWork(s, as.mofcom!, 'eus_request', { state: 'issued' })).items).toHaveLength(0);
    // another exporter sees none of it
    expect((await listWork(s, as.other!, 'license_application', {})).items).toHaveLength(0);
  });

  it('pages with a cursor: every record once, in order, the last page without a cursor', async () => {
    const all = (await listWork(s, as.bis!, 'organisation', {})).items as { id: string }[];
    expect(all.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await listWork(s, as.bis!, 'organisation', { limit: 4, ...(cursor ? { cursor } : {}) });
      seen.push(...(page.items as { id: string }[]).map((r) => r.id));
      if (!page.next) break;
      expect(page.items).toHaveLength(4);
      cursor = page.next;
    }
    expect(seen).toEqual(all.map((r) => r.id));
    await expect(listWork(s, as.bis!, 'organisation', { cursor: 'nonsense' })).rejects.toMatchObject({
      code: 'INPUT.INVALID',
      problem: { field: 'cursor' },
    });
  });

  it("gives each role its inbox, earliest due first, and nothing of another organisation's", async () => {
    const bis = await inbox(s, as.bis!);
    expect(bis.items.map((i) => [i.citation, i.dueOn, i.overdue, i.operations[0]])).toEqual([
      ['15 CFR 750.4(a)(2), (c)', addDays(TODAY, -12), true, 'license_application.refer'],
      ['15 CFR 750.4(a)(1)', addDays(TODAY, 69), false, 'license_application.approve'],
    ]);
    const mofcom = await inbox(s, as.mofcom!);
    expect(mofcom.items).toMatchObject([
      {
        kind: 'eus_request',
        dueOn: addDays(TODAY, 11),
        overdue: false,
        operations: ['eus_request.issue', 'eus_request.refuse', 'eus_request.request_info'],
      },
    ]);
    const erc = await inbox(s, as.erc!);
    expect(erc.items).toMatchObject([
      { kind: 'veu_application', dueOn: null, operations: ['veu_application.circulate'] },
    ]);
    // the agency has nothing until BIS refers an application to it
    expect((await inbox(s, as.dod!)).items).toEqual([]);
    const [tx] = await s.store.list<{ reference: string }>('transaction', { orgId: 'org-exporter' });
    await placeHold(s, as.exporter!, tx!.id, 'verify the consignee');
    expect((await inbox(s, as.exporter!)).items).toMatchObject([
      { kind: 'hold', dueOn: null, operations: ['hold.release'] },
    ]);
    expect((await inbox(s, as.other!)).items).toEqual([]);
  });
});
