/**
 * The two paths of issue 4, through the use cases, on every store adapter:
 * exporter -> importer -> MOFCOM -> BIS -> shipment, and
 * VEU application -> End-User Review Committee -> entry -> shipment under VEU -> annual report;
 * with delta re-screening, holds, metrics, the case file, and audit verification.
 */
import type { HttError } from '../../src/core/errors.js';
import type { HoldData } from '../../src/core/workflows/transaction.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { actOnEusRequest, createEusRequest } from '../../src/app/records/eus-requests.js';
import { actOnLicense, createLicenseApplication } from '../../src/app/records/license-applications.js';
import {
  actOnVeu,
  certifyVeu,
  createVeuApplication,
  veuAnnualReport,
  voteToRevokeVeu,
} from '../../src/app/records/veu.js';
import { verifyAudit } from '../../src/app/records/audit.js';
import { buildCaseFile, caseFileHtml } from '../../src/app/records/case-file.js';
import { SYSTEM, type Actor, type CaseServices } from '../../src/app/records/context.js';
import { actorFor, addUser, createOrganisation } from '../../src/app/records/organisations.js';
import {
  answerQuestion,
  askQuestion,
  createEvent,
  htwgMetrics,
  markEventHeld,
  registerForEvent,
} from '../../src/app/records/outreach-and-metrics.js';
import {
  addCounterparty,
  attachAuthorizations,
  createTransaction,
  placeHold,
  recordReexport,
  releaseHoldCase,
  rescreenAll,
  clearHoldEntryCase,
  shipTransaction,
} from '../../src/app/records/transactions.js';
import type { Screener } from '../../src/core/screening/types.js';
import { buildScreener } from '../../src/core/screening/screener.js';
import { civilEndUse, listedEntity } from '../support/fixtures.js';
import { storeFactories } from '../support/stores.js';

const rules = loadRules();
const snapshotA = buildScreener([listedEntity('el-1', 'Huawei Technologies Co., Ltd.')], {
  snapshot: 'test@A',
  snapshotDate: '2024-01-01',
});
const snapshotB = buildScreener(
  [
    listedEntity('el-1', 'Huawei Technologies Co., Ltd.'),
    listedEntity('el-2', 'Newly Listed Precision Co., Ltd.'),
  ],
  { snapshot: 'test@B', snapshotDate: '2024-06-01' },
);

describe.each(storeFactories)('case paths on $name', (factory) => {
  let s: CaseServices;
  let screener: Screener = snapshotA;
  let clock = '2024-03-01T09:00:00.000Z';
  const at = (date: string) => (clock = `${date}T09:00:00.000Z`);
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    s = {
      store: await factory.open(),
      checks: { rules: () => rules, screener: () => screener, today: () => clock.slice(0, 10) },
      now: () => clock,
      config: { eusTargetDays: 20 },
    };
    const orgs: [string, string, string, string][] = [
      ['org-exp', 'US Exporter Inc.', 'exporter', 'compliance_officer'],
      ['org-imp', 'Shanghai Importer Co., Ltd.', 'importer', 'importer_officer'],
      ['org-mofcom', 'MOFCOM Export Control Division I', 'mofcom', 'mofcom_officer'],
      ['org-bis', 'BIS', 'bis', 'bis_officer'],
      ['org-dod', 'DoD', 'agency', 'agency_reviewer'],
      ['org-erc', 'End-User Review Committee', 'erc', 'erc_member'],
      ['org-htwg', 'HTWG', 'htwg', 'htwg_member'],
      ['org-audit', 'Audit Firm', 'auditor', 'auditor'],
    ];
    for (const [id, name, type, role] of orgs) {
      await createOrganisation(
        s,
        SYSTEM,
        { name, type, ...(type === 'erc' ? { ercAgency: 'Commerce' } : {}) },
        id,
      );
      const u = await addUser(s, SYSTEM, {
        name: `${role} user`,
        email: `${role}@${id}.example`,
        orgId: id,
        role,
      });
      actors[role] = await actorFor(s, u.id);
    }
    // one End-User Review Committee member per agency, each in the organisation it votes for
    for (const agency of ['State', 'Defense', 'Energy'] as const) {
      const id = `org-erc-${agency.toLowerCase()}`;
      await createOrganisation(
        s,
        SYSTEM,
        { name: `ERC member: ${agency}`, type: 'agency', ercAgency: agency },
        id,
      );
      const u = await addUser(s, SYSTEM, {
        name: agency,
        email: `erc@${id}.example`,
        orgId: id,
        role: 'erc_member',
      });
      actors[`erc:${agency}`] = await actorFor(s, u.id);
    }
  }, 60_000);
  afterAll(async () => s?.store.close());

  it('runs exporter -> importer -> MOFCOM -> BIS -> shipment, depleting the Statement and the license', async () => {
    const exporter = actors.compliance_officer!;
    const cp = await addCounterparty(s, exporter, {
      name: 'Example Precision (Shanghai) Co., Ltd.',
      country: 'CN',
    });
    expect(cp.state).toBe('clear');
    const check = {
      asOf: '2024-03-01',
      destination: 'CN',
      items: [
        {
          eccn: '1A001.a',
          description: 'seals',
          quantity: 900,
          valueUsd: 90000,
          controlReasons: ['NS2', 'AT1'],
        },
      ],
      parties: [{ role: 'end_user', name: 'Example Precision (Shanghai) Co., Ltd.', country: 'CN' }],
      endUse: civilEndUse,
    };
    const tx = await createTransaction(s, exporter, {
      reference: 'PO-2024-001',
      check,
      counterpartyIds: [cp.id],
    });
    expect(tx.data.determination.result.authorization).toBe('LICENSE');
    expect(tx.data.determination.result.documents.map((d) => d.type)).toContain('PRC_END_USER_STATEMENT');
    expect(tx.data.determination.ruleSet).toMatch(/^ear-2024-03-01@/);

    // the importer asks MOFCOM for the End-User Statement
    const importer = actors.importer_officer!;
    const mofcom = actors.mofcom_officer!;
    let eus = await createEusRequest(s, importer, {
      exporterOrgId: 'org-exp',
      exporterName: 'US Exporter Inc.',
      importerName: 'Shanghai Importer Co., Ltd.',
      endUser: { name: 'Example Precision (Shanghai) Co., Ltd.' },
      endUse: 'civil manufacturing',
      items: [{ description: 'seals', eccn: '1A001.a', quantity: 900, valueUsd: 90000 }],
      language: 'en',
      importerSignature: { signatory: 'Wang Fang', title: 'Director', signedOn: '2024-03-01' },
    });
    at('2024-03-02');
    eus = await actOnEusRequest(s, importer, eus.id, 'submit', {});
    await expect(
      actOnEusRequest(s, exporter, eus.id, 'issue', { statementNumber: 'X', sealReference: 'Y' }),
    ).rejects.toMatchObject({ code: 'CASE.FORBIDDEN' });
    at('2024-03-05');
    eus = await actOnEusRequest(s, mofcom, eus.id, 'request_info', { text: 'contract copy' });
    at('2024-03-12');
    eus = await actOnEusRequest(s, importer, eus.id, 'provide_info', { text: 'contract attached' });
    at('2024-03-20');
    eus = await actOnEusRequest(s, mofcom, eus.id, 'issue', {
      statementNumber: 'EUS-2024-0001',
      sealReference: 'MOFCOM-SEAL-17',
    });
    expect(eus.state).toBe('issued');
    // §762.6(a): an issued Statement is kept until the exports it supports date it, not from its issue
    expect(eus.retainUntil).toBeNull();

    // the exporter applies to BIS with the Statement number; BIS registers, refers, agencies recommend, BIS approves
    const bis = actors.bis_officer!;
    let app = await createLicenseApplication(s, exporter, {
      transactionId: tx.id,
      destination: 'CN',
      parties: check.parties,
      items: [{ eccn: '1A001.a', description: 'seals', quantity: 900, valueUsd: 90000 }],
      endUse: 'civil manufacturing',
      supportDocuments: [{ type: 'PRC_END_USER_STATEMENT', number: 'EUS-2024-0001' }],
    });
    at('2024-03-21');
    app = await actOnLicense(s, exporter, app.id, 'submit', {});
    at('2024-03-22');
    app = await actOnLicense(s, bis, app.id, 'register', {});
    at('2024-03-28');
    app = await actOnLicense(s, bis, app.id, 'refer', { agencies: ['DoD'] });
    at('2024-04-15');
    app = await actOnLicense(s, actors.agency_reviewer!, app.id, 'recommend', { recommendation: 'approve' });
    at('2024-04-20');
    app = await actOnLicense(s, bis, app.id, 'approve', {
      licenseNumber: 'D123456',
      conditions: ['no reexport without authorization'],
    });
    expect(app.state).toBe('approved');
    const [license] = await s.store.list<{ licenseNumber: string }>('license', { orgId: 'org-exp' });
    expect(license?.data.licenseNumber).toBe('D123456');
    expect([app.retainUntil, license?.retainUntil]).toEqual([null, null]);

    // a manual hold blocks shipment until released with a reason
    const hold = await placeHold(s, exporter, tx.id, 'verify the consignee address');
    await attachAuthorizations(s, exporter, tx.id, { licenseId: license!.id, eusRequestId: eus.id });
    await expect(shipTransaction(s, exporter, tx.id)).rejects.toMatchObject({
      code: 'CASE.SHIPMENT_REFUSED',
      problem: {
        details: { refusals: [{ reason: expect.stringContaining('verify the consignee address') }] },
      },
    });
    // a ship date is today or, with a reason, a few days back; never in the future
    await expect(shipTransaction(s, exporter, tx.id, '2024-05-01')).rejects.toMatchObject({
      code: 'INPUT.INVALID',
      problem: { field: 'on' },
    });
    await expect(releaseHoldCase(s, exporter, hold.id, '')).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    await releaseHoldCase(s, exporter, hold.id, 'address verified by phone');
    at('2024-05-01');
    const shipped = await shipTransaction(s, exporter, tx.id, '2024-05-01');
    expect(shipped.state).toBe('shipped');
    // the shipment keeps the determination the gate re-derived on the ship date and what the lot used
    expect(shipped.data.shipment).toMatchObject({
      on: '2024-05-01',
      authority: 'LICENSE',
      determination: { input: { asOf: '2024-05-01' }, result: { authorization: 'LICENSE' } },
      licenseLines: [{ line: 0, item: 0 }],
    });
    expect(shipped.retainUntil).toBe('2029-05-01');
    at('2025-02-03');
    const shipped2 = await recordReexport(s, exporter, tx.id, '2025-02-01', 'reexported to a subsidiary');
    expect(shipped2.retainUntil).toBe('2030-02-01');
    await expect(
      s.store.transaction((w) =>
        w.delete('transaction', tx.id, { actor: 'x', action: 'delete', at: '2026-01-01T00:00:00Z' }),
      ),
    ).rejects.toMatchObject({ code: 'CASE.RETENTION' });

    const licenseAfter = await s.store.get<{ shipments: unknown[] }>('license', license!.id);
    expect(licenseAfter?.data.shipments).toHaveLength(1);
    const eusAfter = await s.store.get<{ drawdowns: { by: string }[] }>('eus_request', eus.id);
    expect(eusAfter?.data.drawdowns.map((d) => d.by)).toEqual(['license_application', 'shipment']);
    // the export moves the license, its application and the Statement it drew down (§762.6(a)(1))
    const appAfter = await s.store.get('license_application', app.id);
    expect([licenseAfter?.retainUntil, appAfter?.retainUntil, eusAfter?.retainUntil]).toEqual([
      '2029-05-01',
      '2029-05-01',
      '2029-05-01',
    ]);

    // the auditor's case file
    const file = await buildCaseFile(s, actors.auditor!, tx.id);
    expect(file.audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['transaction.create', 'hold.open', 'hold.release', 'transaction.ship']),
    );
    expect(caseFileHtml(file)).toContain('PO-2024-001');
    // another organisation cannot reach the transaction by its id
    await expect(buildCaseFile(s, importer, tx.id)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
  });

  it('re-screens counterparties on a new snapshot and holds their open transactions', async () => {
    const exporter = actors.compliance_officer!;
    const cp = await addCounterparty(s, exporter, {
      name: 'Newly Listed Precision Co., Ltd.',
      country: 'CN',
    });
    expect(cp.state).toBe('clear');
    const tx = await createTransaction(s, exporter, {
      reference: 'PO-2024-002',
      check: {
        asOf: '2024-05-10',
        destination: 'CN',
        items: [{ eccn: 'EAR99', valueUsd: 1000 }],
        parties: [{ role: 'end_user', name: 'Newly Listed Precision Co., Ltd.', country: 'CN' }],
        endUse: civilEndUse,
      },
      counterpartyIds: [cp.id],
    });
    expect(tx.data.determination.result.authorization).toBe('NLR');
    // a lot to the same party that no counterparty record names: re-screening reaches it too
    const unlinked = await createTransaction(s, exporter, {
      reference: 'PO-2024-003',
      check: {
        asOf: '2024-05-10',
        destination: 'CN',
        items: [{ eccn: 'EAR99', valueUsd: 500 }],
        parties: [{ role: 'ultimate_consignee', name: 'Newly Listed Precision Co., Ltd.', country: 'CN' }],
        endUse: civilEndUse,
      },
    });
    screener = snapshotB;
    const result = await rescreenAll(s, snapshotB);
    expect(result).toMatchObject({ newHits: 2, holdsOpened: 2 });
    const [unlinkedHold] = await s.store.list<HoldData>('hold', { where: { transactionId: unlinked.id } });
    expect(unlinkedHold?.data).toMatchObject({
      source: 'screening',
      party: 'Newly Listed Precision Co., Ltd.',
      entryIds: ['el-2'],
    });
    // the hold blocks the lot, and so does the listing itself: the answer re-derived on the ship date is no
    // longer NLR, so even releasing the hold would not let the pre-listing answer ship (744.11)
    const refused = await shipTransaction(s, exporter, tx.id).catch((e: HttError) => e.problem);
    expect(refused).toMatchObject({ code: 'CASE.SHIPMENT_REFUSED', details: { authorization: 'LICENSE' } });
    expect(
      (refused as { details: { refusals: { reason: string }[] } }).details.refusals.map((r) => r.reason),
    ).toEqual([
      expect.stringMatching(/^hold .* is open/),
      expect.stringContaining('a license is required on the ship date'),
    ]);
    expect((await s.store.get('counterparty', cp.id))?.state).toBe('hit');
    // a second run finds nothing new
    expect(await rescreenAll(s, snapshotB)).toMatchObject({ newHits: 0, holdsOpened: 0 });

    // releasing a list hold: not by writing "reviewed"
    const [hold] = await s.store.list<HoldData>('hold', { where: { transactionId: tx.id } });
    await expect(releaseHoldCase(s, exporter, hold!.id, 'reviewed')).rejects.toMatchObject({
      problem: { code: 'INPUT.INVALID', field: 'basis' },
    });
    // a new determination still finds the party listed
    await expect(releaseHoldCase(s, exporter, hold!.id, 'reviewed', 'redetermined')).rejects.toMatchObject({
      code: 'CASE.INVALID_TRANSITION',
      message: expect.stringContaining('still matches el-2'),
    });
    // a false positive needs a documented clearance and a second person to release
    await expect(releaseHoldCase(s, exporter, hold!.id, 'not them', 'false_positive')).rejects.toMatchObject({
      code: 'CASE.INVALID_TRANSITION',
      message: expect.stringContaining('entries not cleared yet: el-2'),
    });
    await clearHoldEntryCase(s, exporter, hold!.id, 'el-2', 'different registration number and address');
    await expect(releaseHoldCase(s, exporter, hold!.id, 'not them', 'false_positive')).rejects.toMatchObject({
      code: 'CASE.FORBIDDEN',
      message: expect.stringContaining('four eyes'),
    });
    const second = await addUser(s, SYSTEM, {
      name: 'Second reviewer',
      email: 'second@org-exp.example',
      orgId: 'org-exp',
      role: 'compliance_officer',
    });
    const reviewer = await actorFor(s, second.id);
    const released = await releaseHoldCase(s, reviewer, hold!.id, 'clearance checked', 'false_positive');
    expect(released.data).toMatchObject({ releaseBasis: 'false_positive', releasedBy: second.id });
    screener = snapshotA;
  });

  it('runs VEU application -> ERC -> entry -> shipment under VEU -> annual report', async () => {
    const exporter = actors.compliance_officer!;
    const erc = actors.erc_member!;
    at('2024-06-01');
    let app = await createVeuApplication(s, exporter, {
      candidate: {
        name: 'Example Semiconductor (Shanghai) Co., Ltd.',
        address: 'No. 1 Example Road, Pudong, Shanghai',
      },
      facilities: [{ name: 'Facility A', address: 'No. 1 Example Road, Pudong, Shanghai' }],
      items: ['3B001.e'],
      civilEndUses: 'civil IC production',
      complianceProgram: 'ICP',
      consentToOnSiteReviews: true,
    });
    app = await actOnVeu(s, exporter, app.id, 'submit', {});
    at('2024-06-03');
    app = await actOnVeu(s, erc, app.id, 'circulate', {});
    // each member votes for its own agency, once; the agency is never taken from the request
    app = await actOnVeu(s, erc, app.id, 'vote', { vote: 'approve' });
    await expect(actOnVeu(s, erc, app.id, 'vote', { vote: 'approve' })).rejects.toMatchObject({
      code: 'CASE.CONFLICT',
    });
    for (const agency of ['State', 'Defense', 'Energy'])
      app = await actOnVeu(s, actors[`erc:${agency}`]!, app.id, 'vote', { vote: 'approve' });
    expect(app.data.votes.map((v) => v.agency)).toEqual(['Commerce', 'State', 'Defense', 'Energy']);
    at('2024-06-20');
    app = await actOnVeu(s, erc, app.id, 'approve', {});
    const entryId = (app.data as { entryId: string }).entryId;
    expect(entryId).toBeTruthy();
    // in force once BIS publishes the rule adding it to Supp. No. 7 (test/records/veu-workflow.test.ts)
    at('2024-06-25');
    await actOnVeu(s, actors.bis_officer!, app.id, 'publish', {
      citation: '89 FR 52001',
      effectiveOn: '2024-06-25',
    });

    const check = {
      asOf: '2024-07-01',
      destination: 'CN',
      items: [{ eccn: '3B001.e', description: 'wafer handler', quantity: 1, valueUsd: 500000 }],
      parties: [{ role: 'end_user', name: 'Example Semiconductor (Shanghai) Co., Ltd.', country: 'CN' }],
      endUse: civilEndUse,
      veu: {
        validatedEndUser: 'Example Semiconductor (Shanghai) Co., Ltd.',
        facility: 'Facility A: No. 1 Example Road, Pudong, Shanghai',
      },
    };
    at('2024-07-01');
    const tx = await createTransaction(s, exporter, { reference: 'VEU-1', check });
    expect(tx.data.determination.result.authorization).toBe('VEU');
    await attachAuthorizations(s, exporter, tx.id, { veuEntryId: entryId });
    await expect(shipTransaction(s, exporter, tx.id)).rejects.toMatchObject({
      code: 'CASE.SHIPMENT_REFUSED',
      message: expect.stringContaining('748.15(e)'),
    });
    await certifyVeu(
      s,
      exporter,
      entryId,
      'We certify the items will be used only for civil end uses at Facility A.',
    );
    expect((await shipTransaction(s, exporter, tx.id)).state).toBe('shipped');
    // the export under VEU dates the entry's retention (§762.6(a)(1))
    expect((await s.store.get('veu_entry', entryId))?.retainUntil).toBe('2029-07-01');
    const report = await veuAnnualReport(s, exporter, 2024);
    expect(report).toMatchObject({
      dueOn: '2025-02-15',
      shipments: 1,
      rows: [{ eccn: '3B001.e', quantity: 1, valueUsd: 500000 }],
    });

    // a lot checked (and frozen as VEU) before the revocation
    at('2024-12-01');
    const pending = await createTransaction(s, exporter, {
      reference: 'VEU-PENDING',
      check: { ...check, asOf: '2024-12-01' },
    });
    expect(pending.data.determination.result.authorization).toBe('VEU');
    await attachAuthorizations(s, exporter, pending.id, { veuEntryId: entryId });

    // revocation by majority; afterwards the check no longer grants VEU
    at('2025-01-10');
    for (const member of [erc, actors['erc:State']!, actors['erc:Defense']!])
      await voteToRevokeVeu(s, member, entryId, { vote: 'approve' });
    const revoked = await s.store.get('veu_entry', entryId);
    // the revocation ends it (§762.6(a)(3)): five years from the later of it and the export
    expect([revoked?.state, revoked?.retainUntil]).toEqual(['revoked', '2030-01-10']);
    // ... and the gate re-derives the answer on the ship date: the frozen VEU answer no longer ships
    at('2025-01-15');
    await expect(shipTransaction(s, exporter, pending.id)).rejects.toMatchObject({
      code: 'CASE.SHIPMENT_REFUSED',
      problem: { details: { authorization: 'LICENSE' } },
    });
    const later = await createTransaction(s, exporter, {
      reference: 'VEU-2',
      check: { ...check, asOf: '2025-02-01' },
    });
    expect(later.data.determination.result.authorization).toBe('LICENSE');
  });

  it('runs HTWG outreach and computes the metrics the HTWG follows', async () => {
    const htwg = actors.htwg_member!;
    const ev = await createEvent(s, htwg, {
      title: 'Public-private dialogue on VEU',
      date: '2024-09-26',
      agenda: ['VEU program', 'End-User Statements'],
    });
    await registerForEvent(s, actors.compliance_officer!, ev.id);
    await expect(registerForEvent(s, actors.compliance_officer!, ev.id)).rejects.toMatchObject({
      code: 'CASE.CONFLICT',
    });
    const q = await askQuestion(
      s,
      actors.compliance_officer!,
      'How long does MOFCOM take to review an End-User Statement?',
      ev.id,
    );
    await expect(answerQuestion(s, actors.compliance_officer!, q.id, 'x')).rejects.toMatchObject({
      code: 'CASE.FORBIDDEN',
    });
    await answerQuestion(s, htwg, q.id, 'The 2011 Action Plan shortened the review; see the dashboard.');
    await markEventHeld(s, htwg, ev.id);
    const m = await htwgMetrics(s, htwg, '2024-12-31');
    expect(m.mofcomReviewByMonth).toMatchObject([
      { month: '2024-03', decided: 1, medianDays: 11, p90Days: 11, withinTarget: 1, shareWithinTarget: 1 },
    ]);
    expect(m.veu).toMatchObject({ decided: 1, decidedWithin30Days: 1 });
    expect(m.licenseDaysByEccn).toEqual([
      { eccn: '1A001', decided: 1, medianDays: 29, p90Days: 29, maxDays: 29 },
    ]);
    expect(m.outreach).toEqual({ events: 1, held: 1, registrations: 1, questions: 1, answered: 1 });
    await expect(htwgMetrics(s, actors.compliance_officer!)).rejects.toMatchObject({
      code: 'CASE.FORBIDDEN',
    });
  });

  it('keeps an audit log that verifies', async () => {
    const v = await verifyAudit(s.store);
    expect(v).toMatchObject({ ok: true });
  });
});
