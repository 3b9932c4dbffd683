/**
 * A license application after its referral, and the license it issues, through the use cases on SQLite and
 * PostgreSQL (§§750.4(f), 750.6, 750.7, 750.8, part 756): agencies act for their own organisation, a
 * disagreement is escalated, a denial goes through its notice and an appeal, and the release gate follows
 * what BIS does to the license afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/app/records/audit.js';
import type { Actor, CaseServices } from '../../src/app/records/context.js';
import {
  actOnLicense,
  actOnLicenseRecord,
  createLicenseApplication,
} from '../../src/app/records/license-applications.js';
import {
  attachAuthorizations,
  createTransaction,
  shipTransaction,
} from '../../src/app/records/transactions.js';
import type { HttError } from '../../src/core/errors.js';
import { buildScreener } from '../../src/core/screening/screener.js';
import type { LicenseData } from '../../src/core/workflows/license.js';
import type { OrgType, Role } from '../../src/core/workflows/roles.js';
import { openCaseWorld } from '../support/case-world.js';
import { civilEndUse } from '../support/fixtures.js';
import { storeFactories } from '../support/stores.js';

const screener = buildScreener([], { snapshot: 'test@empty', snapshotDate: '2025-01-01' });
const endUser = { role: 'end_user', name: 'Example Precision (Shanghai) Co., Ltd.', country: 'CN' };
const line = { eccn: '1A001.a', description: 'seals', quantity: 400, valueUsd: 40_000 };

describe.each(storeFactories)('license lifecycle on $name', (factory) => {
  let s: CaseServices;
  let at: (date: string) => void;
  const a: Record<string, Actor> = {};

  beforeAll(async () => {
    const people: [string, string, OrgType, Role][] = [
      ['exp', 'US Exporter Inc.', 'exporter', 'compliance_officer'],
      ['bis', 'BIS', 'bis', 'bis_officer'],
      ['dod', 'DoD', 'agency', 'agency_reviewer'],
      ['state', 'State', 'agency', 'agency_reviewer'],
    ];
    const w = await openCaseWorld(
      factory,
      '2025-03-01',
      people.map(([key, orgName, orgType, role]) => ({ key, orgId: `org-${key}`, orgName, orgType, role })),
      screener,
    );
    ({ s, at } = w);
    Object.assign(a, w.actors);
  }, 60_000);
  afterAll(async () => s?.store.close());

  const refused = (p: Promise<unknown>) =>
    p.then(
      () => 'none',
      (e: HttError) => e.code,
    );
  const newApplication = async (extra: Record<string, unknown> = {}) => {
    const app = await createLicenseApplication(s, a.exp!, {
      destination: 'CN',
      parties: [endUser],
      items: [line],
      endUse: 'civil manufacturing',
      ...extra,
    });
    await actOnLicense(s, a.exp!, app.id, 'submit', {});
    return actOnLicense(s, a.bis!, app.id, 'register', {});
  };

  it('escalates a disagreement; each agency acts for its own organisation; BIS follows the final decision', async () => {
    at('2025-03-03');
    const app = await newApplication();
    await actOnLicense(s, a.bis!, app.id, 'refer', { agencies: ['DoD', 'State'] });
    at('2025-03-10');
    // the body cannot name another agency: DoD's reviewer recommends for DoD
    const rec = await actOnLicense(s, a.dod!, app.id, 'recommend', {
      recommendation: 'deny',
      text: '50 U.S.C. 4813; 15 CFR 742.4',
      agency: 'State',
    } as never);
    expect((rec.data as { recommendations: { agency: string }[] }).recommendations).toEqual([
      expect.objectContaining({ agency: 'DoD', recommendation: 'deny' }),
    ]);
    await actOnLicense(s, a.state!, app.id, 'recommend', { recommendation: 'approve' });
    expect(await refused(actOnLicense(s, a.bis!, app.id, 'approve', { licenseNumber: 'D1' }))).toBe(
      'CASE.INVALID_TRANSITION',
    );
    await actOnLicense(s, a.bis!, app.id, 'escalate', { outcome: 'approve' });
    at('2025-03-20');
    await actOnLicense(s, a.bis!, app.id, 'escalation_decision', { outcome: 'approve', text: 'low risk' });
    // State agrees with the decision: only DoD, which dissents, may take it further
    expect(
      await refused(actOnLicense(s, a.state!, app.id, 'escalation_appeal', { text: 'b', signedBy: 's' })),
    ).toBe('CASE.FORBIDDEN');
    at('2025-03-24');
    await actOnLicense(s, a.dod!, app.id, 'escalation_appeal', {
      text: '50 U.S.C. 4813; 15 CFR 750.4(f)(2)',
      signedBy: 'Under Secretary of Defense (Senate-confirmed)',
    });
    at('2025-04-01');
    await actOnLicense(s, a.bis!, app.id, 'escalation_decision', {
      outcome: 'approve',
      text: 'ACEP majority',
    });
    expect(await refused(actOnLicense(s, a.bis!, app.id, 'approve', { licenseNumber: 'D1' }))).toBe(
      'CASE.INVALID_TRANSITION',
    );
    at('2025-04-07');
    const approved = await actOnLicense(s, a.bis!, app.id, 'approve', { licenseNumber: 'D1' });
    expect(approved.state).toBe('approved');
    const [lic] = await s.store.list<LicenseData>('license', { where: { licenseNumber: 'D1' } });
    expect([lic?.data.validFrom, lic?.data.validUntil]).toEqual(['2025-04-07', '2029-04-07']);
  });

  it('denies only through the notice of intent to deny, and an appeal may reverse it', async () => {
    at('2025-05-01');
    const app = await newApplication();
    const itd = await actOnLicense(s, a.bis!, app.id, 'intent_to_deny', {
      text: '15 CFR 744.21',
      considerations: 'the end user supplies a military end user',
    });
    expect(itd.data).toMatchObject({
      intentToDeny: { contact: 'bis', respondBy: '2025-05-21', finalOn: '2025-06-15' },
    });
    expect(await refused(actOnLicense(s, a.bis!, app.id, 'deny', {}))).toBe('CASE.DEADLINE');
    at('2025-05-10');
    await actOnLicense(s, a.exp!, app.id, 'respond', { text: 'the end user is civil; see its registration' });
    const denied = await actOnLicense(s, a.bis!, app.id, 'deny', {});
    expect(denied.data).toMatchObject({ finalDenial: { on: '2025-05-10', appealBy: '2025-06-24' } });
    at('2025-06-01');
    await actOnLicense(s, a.exp!, app.id, 'appeal', { text: 'full written statement' });
    const reversed = await actOnLicense(s, a.bis!, app.id, 'reverse', { text: 'civil end user shown' });
    expect(reversed.state).toBe('registered');
    expect((await actOnLicense(s, a.bis!, app.id, 'approve', { licenseNumber: 'D2' })).state).toBe(
      'approved',
    );
  });

  it('ships under a license only while BIS lets it: suspension, partial revocation, replacement', async () => {
    at('2025-07-01');
    const [lic] = await s.store.list<LicenseData>('license', { where: { licenseNumber: 'D2' } });
    const check = {
      asOf: '2025-07-01',
      destination: 'CN',
      items: [{ ...line, quantity: 10, valueUsd: 1000, controlReasons: ['NS2', 'AT1'] }],
      parties: [endUser],
      endUse: civilEndUse,
    };
    const tx = await createTransaction(s, a.exp!, { reference: 'PO-L1', check });
    expect(tx.data.determination.result.authorization).toBe('LICENSE');
    await attachAuthorizations(s, a.exp!, tx.id, { licenseId: lic!.id });
    expect(await refused(actOnLicenseRecord(s, a.exp!, lic!.id, 'suspend', { text: 'x' }))).toBe(
      'CASE.FORBIDDEN',
    );
    await actOnLicenseRecord(s, a.bis!, lic!.id, 'suspend', { text: 'pre-license check abroad' });
    const r1 = await shipTransaction(s, a.exp!, tx.id).catch((e: HttError) => e.problem);
    expect(JSON.stringify(r1)).toContain('is suspended');
    await actOnLicenseRecord(s, a.bis!, lic!.id, 'reinstate', { text: 'check favourable' });
    expect((await shipTransaction(s, a.exp!, tx.id)).state).toBe('shipped');

    at('2025-07-02');
    await actOnLicenseRecord(s, a.bis!, lic!.id, 'revoke_in_part', {
      lines: ['1A001.a'],
      text: 'seals no longer',
    });
    const tx2 = await createTransaction(s, a.exp!, {
      reference: 'PO-L2',
      check: { ...check, asOf: '2025-07-02' },
    });
    await attachAuthorizations(s, a.exp!, tx2.id, { licenseId: lic!.id });
    const r2 = await shipTransaction(s, a.exp!, tx2.id).catch((e: HttError) => e.problem);
    expect(JSON.stringify(r2)).toContain('was revoked from license D2');

    // a replacement application: its approval replaces the old license, which is kept
    const repl = await newApplication({ replacesLicenseId: lic!.id });
    await actOnLicense(s, a.bis!, repl.id, 'approve', { licenseNumber: 'D3' });
    const old = await s.store.get<LicenseData>('license', lic!.id);
    expect([old?.state, old?.data.replacedBy]).toEqual(['replaced', 'D3']);
    const r3 = await shipTransaction(s, a.exp!, tx2.id).catch((e: HttError) => e.problem);
    expect(JSON.stringify(r3)).toContain('was replaced by D3');
    const [d3] = await s.store.list<LicenseData>('license', { where: { licenseNumber: 'D3' } });
    await attachAuthorizations(s, a.exp!, tx2.id, { licenseId: d3!.id });
    expect((await shipTransaction(s, a.exp!, tx2.id)).state).toBe('shipped');
  });

  it('extends a license on request, keeps changes and appeals on record, and the audit log verifies', async () => {
    at('2025-08-01');
    const [lic] = await s.store.list<LicenseData>('license', { where: { licenseNumber: 'D3' } });
    await actOnLicenseRecord(s, a.exp!, lic!.id, 'request_extension', { text: 'multi-year project' });
    const ext = await actOnLicenseRecord(s, a.bis!, lic!.id, 'extend', { validUntil: '2031-01-31' });
    expect((ext.data as LicenseData).validUntil).toBe('2031-01-31');
    await actOnLicenseRecord(s, a.exp!, lic!.id, 'record_change', {
      change: 'c1vii',
      text: 'moved in Shanghai',
    });
    await actOnLicenseRecord(s, a.bis!, lic!.id, 'revoke', { text: 'false statement (750.7(a)(2))' });
    await actOnLicenseRecord(s, a.exp!, lic!.id, 'appeal', { text: 'the statement was true' });
    const upheld = await actOnLicenseRecord(s, a.bis!, lic!.id, 'uphold', { text: 'it was not' });
    expect(upheld.state).toBe('revoked');
    expect((upheld.data as LicenseData).history.map((h) => h.action)).toEqual([
      'request_extension',
      'extend',
      'record_change',
      'revoke',
      'appeal',
      'uphold',
    ]);
    expect((await verifyAudit(s.store)).ok).toBe(true);
  });
});
