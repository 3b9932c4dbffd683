/**
 * Part 762 on every store adapter: retention from a termination (§762.6(a)(3)), legal holds (§762.6(b))
 * placed and released by the roles that may, and the purge that deletes only records past their date and
 * not held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/app/records/audit.js';
import type { Actor, CaseServices } from '../../src/app/records/context.js';
import { placeLegalHold, purgeRecords, releaseLegalHoldCase } from '../../src/app/records/legal-holds.js';
import { actOnLicense, createLicenseApplication } from '../../src/app/records/license-applications.js';
import type { OrgType, Role } from '../../src/core/workflows/roles.js';
import { openCaseWorld } from '../support/case-world.js';
import { storeFactories } from '../support/stores.js';

describe.each(storeFactories)('Part 762 retention and legal holds on $name', (factory) => {
  let s: CaseServices;
  let at: (date: string) => void;
  const a: Record<string, Actor> = {};
  let withdrawnApp = '';

  const old = (id: string, orgIds: string[], retainUntil: string | null) =>
    s.store.transaction((tx) =>
      tx.insert(
        { kind: 'transaction', id, orgIds, state: 'cancelled', data: { reference: id }, retainUntil },
        { actor: 'system', action: 'transaction.create', at: '2024-01-01T00:00:00.000Z' },
      ),
    );

  beforeAll(async () => {
    const users: [string, string, OrgType, Role][] = [
      ['exp', 'org-exp', 'exporter', 'compliance_officer'],
      ['exp2', 'org-exp', 'exporter', 'compliance_officer'],
      ['expAdmin', 'org-exp', 'exporter', 'admin'],
      ['other', 'org-other', 'exporter', 'compliance_officer'],
      ['otherAdmin', 'org-other', 'exporter', 'admin'],
      ['bis', 'org-bis', 'bis', 'bis_officer'],
      ['bis2', 'org-bis', 'bis', 'bis_officer'],
    ];
    const w = await openCaseWorld(
      factory,
      '2031-03-01',
      users.map(([key, orgId, orgType, role]) => ({ key, orgId, orgType, role })),
    );
    s = w.s;
    at = w.at;
    Object.assign(a, w.actors);
  }, 60_000);
  afterAll(async () => s?.store.close());

  it('runs a withdrawn application five years from the withdrawal (§762.6(a)(3))', async () => {
    at('2025-04-30');
    let app = await createLicenseApplication(s, a.exp!, {
      destination: 'CN',
      parties: [{ role: 'end_user', name: 'Example Co.', country: 'CN' }],
      items: [{ eccn: '1A001.a', description: 'seals', quantity: 1, valueUsd: 10 }],
      endUse: 'civil maintenance',
    });
    expect(app.retainUntil).toBeNull();
    app = await actOnLicense(s, a.exp!, app.id, 'withdraw', {});
    expect([app.state, app.retainUntil]).toEqual(['withdrawn', '2030-04-30']);
    withdrawnApp = app.id;
  });

  it('lets BIS hold any organisation, an organisation only its own records, and releases on four eyes', async () => {
    at('2031-03-01');
    await old('tx-a', ['org-exp'], '2030-01-01');
    // an exporter cannot hold another organisation's records (nor see them)
    await expect(
      placeLegalHold(s, a.exp!, {
        orgId: 'org-other',
        basis: 'investigation',
        authority: 'internal audit',
        reason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'CASE.FORBIDDEN' });
    await expect(
      placeLegalHold(s, a.other!, {
        kind: 'transaction',
        recordId: 'tx-a',
        basis: 'investigation',
        authority: 'internal audit',
        reason: 'x',
      }),
    ).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
    // a scope is one record or one organisation, never both or neither
    await expect(
      placeLegalHold(s, a.exp!, { basis: 'investigation', authority: 'internal audit', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    // BIS: a request for records only
    await expect(
      placeLegalHold(s, a.bis!, { orgId: 'org-exp', basis: 'investigation', authority: 'BIS', reason: 'x' }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID', problem: { field: 'basis' } });
    const bisHold = await placeLegalHold(s, a.bis!, {
      orgId: 'org-exp',
      basis: 'agency_request',
      authority: 'BIS Office of Export Enforcement',
      requestReference: 'OEE-2031-7',
      reason: 'records of 2024 shipments to Shanghai requested',
    });
    expect(bisHold).toMatchObject({ state: 'open', orgIds: ['org-bis', 'org-exp'], retainUntil: null });
    // the exporter sees the request; the store refuses the delete
    await expect(
      s.store.transaction((tx) =>
        tx.delete('transaction', 'tx-a', { actor: 'x', action: 'purge', at: s.now() }),
      ),
    ).rejects.toMatchObject({ code: 'CASE.RETENTION', problem: { details: { legalHolds: [bisHold.id] } } });
    // only BIS releases it, on a written authorization, and not the officer who placed it
    await expect(releaseLegalHoldCase(s, a.expAdmin!, bisHold.id, 'letter', 'closed')).rejects.toMatchObject({
      code: 'CASE.FORBIDDEN',
    });
    await expect(releaseLegalHoldCase(s, a.bis!, bisHold.id, 'letter', 'closed')).rejects.toMatchObject({
      code: 'CASE.FORBIDDEN',
      message: expect.stringContaining('four eyes'),
    });
    await expect(releaseLegalHoldCase(s, a.bis2!, bisHold.id, ' ', 'closed')).rejects.toMatchObject({
      code: 'INPUT.INVALID',
      problem: { field: 'authorization' },
    });
    const released = await releaseLegalHoldCase(s, a.bis2!, bisHold.id, 'OEE letter 2031-12', 'closed');
    expect(released).toMatchObject({
      state: 'released',
      retainUntil: '2036-03-01',
      data: { released: { authorization: 'OEE letter 2031-12' } },
    });
    await expect(releaseLegalHoldCase(s, a.bis2!, bisHold.id, 'again', 'again')).rejects.toMatchObject({
      code: 'CASE.INVALID_TRANSITION',
    });

    // an internal investigation: placed by one compliance officer, released by another
    const internal = await placeLegalHold(s, a.exp!, {
      kind: 'transaction',
      recordId: 'tx-a',
      basis: 'investigation',
      authority: 'Compliance department',
      reason: 'possible diversion',
    });
    expect(internal.orgIds).toEqual(['org-exp']);
    await expect(releaseLegalHoldCase(s, a.bis2!, internal.id, 'memo', 'closed')).rejects.toMatchObject({
      code: 'CASE.NOT_FOUND',
    });
    await expect(releaseLegalHoldCase(s, a.exp!, internal.id, 'memo', 'closed')).rejects.toMatchObject({
      code: 'CASE.FORBIDDEN',
    });
    expect((await releaseLegalHoldCase(s, a.exp2!, internal.id, 'memo 12', 'no diversion')).state).toBe(
      'released',
    );
  });

  it('purges only records past their date, not held, of the own organisation; a dry run by default', async () => {
    at('2031-03-01');
    await old('tx-due', ['org-exp'], '2031-02-28');
    await old('tx-today', ['org-exp'], '2031-03-01');
    await old('tx-kept', ['org-exp'], null);
    await old('tx-held', ['org-exp'], '2030-06-01');
    await old('tx-other', ['org-other', 'org-exp'], '2030-06-01');
    const hold = await placeLegalHold(s, a.exp!, {
      kind: 'transaction',
      recordId: 'tx-held',
      basis: 'agency_request',
      authority: 'U.S. Customs and Border Protection',
      reason: 'records requested by CBP',
    });
    const dry = await purgeRecords(s, a.expAdmin!, {});
    expect(dry.dryRun).toBe(true);
    // the records of the tests before are past their dates too (tx-a's holds are released)
    const due = [withdrawnApp, 'tx-a', 'tx-due'].sort();
    expect(dry.deleted.map((d) => d.id).sort()).toEqual(due);
    expect(dry.held).toEqual([
      { kind: 'transaction', id: 'tx-held', retainUntil: '2030-06-01', legalHolds: [hold.id] },
    ]);
    expect(await s.store.get('transaction', 'tx-due')).toBeDefined();

    const done = await purgeRecords(s, a.expAdmin!, { execute: true });
    expect(done.deleted.map((d) => d.id).sort()).toEqual(due);
    for (const id of ['tx-a', 'tx-due']) expect(await s.store.get('transaction', id)).toBeUndefined();
    for (const id of ['tx-today', 'tx-kept', 'tx-held', 'tx-other'])
      expect(await s.store.get('transaction', id)).toBeDefined();
    const log = await s.store.auditLog();
    expect(log.filter((e) => e.action === 'record.purge').map((e) => [e.recordId, e.reason])).toEqual(
      expect.arrayContaining([['tx-due', 'kept until 2031-02-28 (15 CFR 762.6(a))']]),
    );
    // the other organisation's administrator purges its own (tx-other), not the exporter's
    const other = await purgeRecords(s, a.otherAdmin!, { execute: true });
    expect(other.deleted.map((d) => d.id)).toEqual(['tx-other']);
    expect((await verifyAudit(s.store)).ok).toBe(true);
  });
});
