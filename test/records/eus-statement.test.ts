/**
 * The PRC End-User Statement request's own contents and MOFCOM's review time, through the use cases, on
 * every store adapter: a draft may be incomplete, submission needs the importer's signature and date
 * (§748.10(c)(2)(v)) and an English translation of a Statement not in English (§748.9(d)(1)); the review
 * time is gross and net, in calendar and PRC working days; the case file shows the Statement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCaseFile, caseFileHtml } from '../../src/app/records/case-file.js';
import type { Actor, CaseServices } from '../../src/app/records/context.js';
import {
  actOnEusRequest,
  createEusRequest,
  eusRequestReview,
  updateEusDraft,
} from '../../src/app/records/eus-requests.js';
import { htwgMetrics } from '../../src/app/records/outreach-and-metrics.js';
import { attachAuthorizations, createTransaction } from '../../src/app/records/transactions.js';
import { buildScreener } from '../../src/core/screening/screener.js';
import type { OrgType, Role } from '../../src/core/workflows/roles.js';
import { openCaseWorld } from '../support/case-world.js';
import { civilEndUse } from '../support/fixtures.js';
import { storeFactories } from '../support/stores.js';

const screener = buildScreener([], { snapshot: 'test@empty', snapshotDate: '2024-01-01' });
const draft = {
  exporterOrgId: 'org-exp',
  exporterName: 'US Exporter Inc.',
  importerName: 'Shanghai Importer Co., Ltd.',
  endUser: { name: 'Example Precision (Shanghai) Co., Ltd.' },
  endUse: 'civil manufacturing',
  items: [{ description: 'seals', eccn: '1A001.a', quantity: 900, valueUsd: 90000 }],
  language: 'zh',
};
const signature = { signatory: 'Wang Fang', title: 'Director', signedOn: '2024-09-20' };
const translation = {
  text: 'End-User Statement (English translation): 900 seals for civil manufacturing.',
  madeBy: 'translating_service' as const,
  translator: 'Example Translations Ltd.',
};

describe.each(storeFactories)('End-User Statement contents and review time on $name', (factory) => {
  let s: CaseServices;
  let at: (date: string) => void;
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    const orgs: [string, string, OrgType, string][] = [
      ['org-exp', 'US Exporter Inc.', 'exporter', 'compliance_officer'],
      ['org-imp', 'Shanghai Importer Co., Ltd.', 'importer', 'importer_officer'],
      ['org-imp2', 'Another Importer Co., Ltd.', 'importer', 'importer_officer:2'],
      ['org-mofcom', 'MOFCOM Export Control Division I', 'mofcom', 'mofcom_officer'],
      ['org-htwg', 'HTWG', 'htwg', 'htwg_member'],
      ['org-audit', 'Audit Firm', 'auditor', 'auditor'],
    ];
    const w = await openCaseWorld(
      factory,
      '2024-09-20',
      orgs.map(([orgId, orgName, orgType, key]) => ({
        key,
        orgId,
        orgName,
        orgType,
        role: key.split(':')[0] as Role,
      })),
      screener,
    );
    ({ s, at } = w);
    Object.assign(actors, w.actors);
  }, 60_000);
  afterAll(async () => s?.store.close());

  it('keeps a draft incomplete, refuses to submit it without what the regulation requires, and writes nothing', async () => {
    const importer = actors.importer_officer!;
    const created = await createEusRequest(s, importer, draft);
    expect(created.state).toBe('draft');
    at('2024-09-23');
    await expect(actOnEusRequest(s, importer, created.id, 'submit', {})).rejects.toMatchObject({
      problem: { code: 'INPUT.INVALID', field: 'importerSignature' },
    });
    const signed = await updateEusDraft(s, importer, created.id, { ...draft, importerSignature: signature });
    await expect(actOnEusRequest(s, importer, created.id, 'submit', {})).rejects.toMatchObject({
      problem: { code: 'INPUT.INVALID', field: 'englishTranslation' },
    });
    // the refusals wrote nothing
    const stored = await s.store.get('eus_request', created.id);
    expect(stored).toMatchObject({ state: 'draft', version: signed.version });
    const log = await s.store.auditLog(1, 1000);
    expect(log.filter((e) => e.recordId === created.id).map((e) => e.action)).toEqual([
      'eus_request.create',
      'eus_request.update',
    ]);
    // only the importer that prepared it may change it; a field that does not validate is refused
    await expect(updateEusDraft(s, actors['importer_officer:2']!, created.id, draft)).rejects.toMatchObject({
      code: 'CASE.NOT_FOUND',
    });
    await expect(updateEusDraft(s, actors.compliance_officer!, created.id, draft)).rejects.toMatchObject({
      code: 'CASE.FORBIDDEN',
    });
    await expect(
      updateEusDraft(s, importer, created.id, { ...draft, importerSignature: { signatory: 'x' } }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID' });
  });

  it('submits a signed Statement with its translation, measures the review, and shows it in the case file', async () => {
    const importer = actors.importer_officer!;
    const mofcom = actors.mofcom_officer!;
    at('2024-09-20');
    let eus = await createEusRequest(s, importer, {
      ...draft,
      importerSignature: signature,
      englishTranslation: translation,
    });
    at('2024-09-23');
    eus = await actOnEusRequest(s, importer, eus.id, 'submit', {});
    expect(eus.data).toMatchObject({ importerSignature: signature, englishTranslation: translation });
    await expect(updateEusDraft(s, importer, eus.id, draft)).rejects.toMatchObject({
      code: 'CASE.INVALID_TRANSITION',
    });
    at('2024-09-27');
    await actOnEusRequest(s, mofcom, eus.id, 'request_info', { text: 'contract copy' });
    // asked for more, the importer corrects the request; its clock and MOFCOM's question are kept
    at('2024-10-08');
    const corrected = await updateEusDraft(s, importer, eus.id, {
      ...draft,
      endUse: 'civil manufacturing of pump seals',
      importerSignature: signature,
      englishTranslation: translation,
    });
    expect(corrected.state).toBe('info_requested');
    expect(corrected.data).toMatchObject({
      endUse: 'civil manufacturing of pump seals',
      messages: [{ from: 'mofcom_officer', text: 'contract copy' }],
      clock: eus.data.clock.concat(expect.anything() as never),
    });
    at('2024-10-09');
    await actOnEusRequest(s, importer, eus.id, 'provide_info', { text: 'attached' });
    // pending, today (2024-10-09): gross (09-23, 10-09], net without the days waiting (09-27 to 10-09)
    expect(await eusRequestReview(s, mofcom, eus.id)).toMatchObject({
      decided: false,
      decidedOn: null,
      until: '2024-10-09',
      calendarDays: { gross: 16, net: 4, waitingForImporter: 12 },
      // 20 days of review: 4 run, 16 left from today
      dueOn: '2024-10-25',
      overdue: false,
    });
    at('2024-10-14');
    eus = await actOnEusRequest(s, mofcom, eus.id, 'issue', {
      statementNumber: 'EUS-2024-0921',
      sealReference: 'MOFCOM seal 3',
    });
    at('2024-11-01');
    const review = await eusRequestReview(s, actors.compliance_officer!, eus.id);
    expect(review).toEqual({
      id: eus.id,
      state: 'issued',
      asOf: '2024-11-01',
      receivedOn: '2024-09-23',
      decidedOn: '2024-10-14',
      until: '2024-10-14',
      decided: true,
      calendarDays: { gross: 21, net: 9, waitingForImporter: 12 },
      // National Day 1-7 October off; Sunday 29 September and Saturday 12 October worked (国办发明电〔2023〕7号)
      workingDays: { gross: 12, net: 8, unconfirmed: [], notCovered: [] },
      targetDays: 20,
      withinTarget: true,
      // decided: no deadline left
      dueOn: null,
      overdue: false,
    });
    // an organisation that cannot see the request cannot read its review either
    await expect(eusRequestReview(s, actors['importer_officer:2']!, eus.id)).rejects.toMatchObject({
      code: 'CASE.NOT_FOUND',
    });

    const m = await htwgMetrics(s, actors.htwg_member!, '2024-12-31');
    expect(m.mofcomReviewByMonth).toEqual([
      {
        month: '2024-10',
        decided: 1,
        medianDays: 9,
        p90Days: 9,
        withinTarget: 1,
        shareWithinTarget: 1,
        calendarDays: { gross: { median: 21, mean: 21 }, net: { median: 9, mean: 9 } },
        workingDays: {
          gross: { median: 12, mean: 12 },
          net: { median: 8, mean: 8 },
          unconfirmed: [],
          notCovered: [],
        },
      },
    ]);
    expect(m.eusTargetDays).toBe(20);

    const exporter = actors.compliance_officer!;
    const tx = await createTransaction(s, exporter, {
      reference: 'PO-2024-EUS',
      check: {
        asOf: '2024-11-01',
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
      },
      counterpartyIds: [],
    });
    await attachAuthorizations(s, exporter, tx.id, { eusRequestId: eus.id });
    const html = caseFileHtml(await buildCaseFile(s, actors.auditor!, tx.id));
    expect(html).toContain('End-User Statement EUS-2024-0921');
    expect(html).toContain('Wang Fang, Director, signed 2024-09-20');
    expect(html).toContain('by the translating service Example Translations Ltd.');
  });

  it('refuses a Statement number the same authority already issued, and writes nothing', async () => {
    const importer = actors.importer_officer!;
    const mofcom = actors.mofcom_officer!;
    at('2024-11-04');
    const submitted = async () => {
      const r = await createEusRequest(s, importer, {
        ...draft,
        importerSignature: signature,
        englishTranslation: translation,
      });
      return actOnEusRequest(s, importer, r.id, 'submit', {});
    };
    const [first, second] = [await submitted(), await submitted()];
    await actOnEusRequest(s, mofcom, first.id, 'issue', {
      statementNumber: 'EUS-2024-1104',
      sealReference: 'seal 4',
    });
    const before = (await s.store.auditLog(1, 100_000)).length;
    for (const number of ['EUS-2024-1104', ' EUS-2024-1104 ', 'EUS-2024-0921'])
      await expect(
        actOnEusRequest(s, mofcom, second.id, 'issue', { statementNumber: number, sealReference: 'seal 5' }),
      ).rejects.toMatchObject({ code: 'CASE.CONFLICT', problem: { field: 'statementNumber' } });
    expect((await s.store.auditLog(1, 100_000)).length).toBe(before);
    expect((await s.store.get('eus_request', second.id))?.state).toBe('submitted');
    const issued = await actOnEusRequest(s, mofcom, second.id, 'issue', {
      statementNumber: 'EUS-2024-1105',
      sealReference: 'seal 5',
    });
    expect(issued.data).toMatchObject({ statementNumber: 'EUS-2024-1105', issuedBy: 'org-mofcom' });
  });
});
