/**
 * Printable documents (issue 15, item 5): the End-User Statement request and issued Statement, the license and
 * the case file, as HTML with a print stylesheet and as PDF; org-scoped; who acted shown by name, never by
 * user id; Chinese names set in a CJK font in the PDF, or refused with DOC.FONT_MISSING when none is installed.
 */
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { buildCaseFile, caseFileDocument, caseFileHtml } from '../../src/app/records/case-file.js';
import { SYSTEM, type Actor, type CaseServices } from '../../src/app/records/context.js';
import { eusDocument, licenseDocument } from '../../src/app/records/documents.js';
import { actOnEusRequest, createEusRequest } from '../../src/app/records/eus-requests.js';
import { actOnLicense, createLicenseApplication } from '../../src/app/records/license-applications.js';
import { actorFor, addUser, createOrganisation } from '../../src/app/records/organisations.js';
import { documentHtml, documentPdf, pdfFont } from '../../src/app/records/print-document.js';
import { attachAuthorizations, createTransaction } from '../../src/app/records/transactions.js';
import { civilEndUse } from '../support/fixtures.js';
import { storeFactories } from '../support/stores.js';

const END_USER = '哈尔滨工业大学';

/** The text of every stream of a PDF, inflated where it is compressed. */
function pdfStreams(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  for (let i = raw.indexOf('stream'); i >= 0; i = raw.indexOf('stream', i + 6)) {
    if (raw.slice(i - 3, i) === 'end') continue;
    const start = i + (raw[i + 6] === '\r' ? 8 : 7);
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    try {
      out.push(inflateSync(bytes).toString('latin1'));
    } catch {
      out.push(bytes.toString('latin1'));
    }
  }
  return out.join('\n');
}

describe.each(storeFactories)('printable documents on $name', (factory) => {
  let s: CaseServices;
  let clock = '2024-03-01T09:00:00.000Z';
  const at = (date: string) => (clock = `${date}T09:00:00.000Z`);
  const actors: Record<string, Actor> = {};
  let eusId = '';
  let licenseId = '';
  let txId = '';

  beforeAll(async () => {
    s = {
      store: await factory.open(),
      checks: { rules: loadRules, screener: () => undefined, today: () => clock.slice(0, 10) },
      now: () => clock,
      config: { eusTargetDays: 20 },
    };
    const orgs: [string, string, string, string, string][] = [
      ['org-exp', 'US Exporter Inc.', 'exporter', 'compliance_officer', 'Jane Roe'],
      ['org-imp', 'Shanghai Importer Co., Ltd.', 'importer', 'importer_officer', '王芳'],
      ['org-imp2', 'Another Importer Ltd.', 'importer', 'other_importer', 'Other Person'],
      ['org-mofcom', 'MOFCOM Export Control Division I', 'mofcom', 'mofcom_officer', 'Li Ming'],
      ['org-bis', 'BIS', 'bis', 'bis_officer', 'Sam Licensing'],
      ['org-audit', 'Audit Firm', 'auditor', 'auditor', 'Ann Auditor'],
    ];
    for (const [id, name, type, role, person] of orgs) {
      await createOrganisation(s, SYSTEM, { name, type }, id);
      const u = await addUser(s, SYSTEM, {
        name: person,
        email: `${role}@${id}.example`,
        orgId: id,
        role: role === 'other_importer' ? 'importer_officer' : role,
      });
      actors[role] = await actorFor(s, u.id);
    }
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
      parties: [{ role: 'end_user', name: END_USER, country: 'CN' }],
      endUse: civilEndUse,
    };
    const exporter = actors.compliance_officer!;
    const tx = await createTransaction(s, exporter, { reference: 'PO-DOC-1', check, counterpartyIds: [] });
    txId = tx.id;
    let eus = await createEusRequest(s, actors.importer_officer!, {
      exporterOrgId: 'org-exp',
      exporterName: 'US Exporter Inc.',
      importerName: 'Shanghai Importer Co., Ltd.',
      endUser: { name: END_USER, address: '哈尔滨市南岗区西大直街92号' },
      endUse: 'civil manufacturing',
      items: [{ description: 'seals', eccn: '1A001.a', quantity: 900, valueUsd: 90000 }],
      language: 'en',
      importerSignature: { signatory: '王芳', title: 'Director', signedOn: '2024-03-01' },
    });
    eusId = eus.id;
    at('2024-03-02');
    eus = await actOnEusRequest(s, actors.importer_officer!, eus.id, 'submit', {});
    at('2024-03-20');
    await actOnEusRequest(s, actors.mofcom_officer!, eus.id, 'issue', {
      statementNumber: 'EUS-2024-0042',
      sealReference: 'MOFCOM-SEAL-17',
    });
    let app = await createLicenseApplication(s, exporter, {
      transactionId: tx.id,
      destination: 'CN',
      parties: check.parties,
      items: [{ eccn: '1A001.a', description: 'seals', quantity: 900, valueUsd: 90000 }],
      endUse: 'civil manufacturing',
      supportDocuments: [{ type: 'PRC_END_USER_STATEMENT', number: 'EUS-2024-0042' }],
    });
    at('2024-03-21');
    app = await actOnLicense(s, exporter, app.id, 'submit', {});
    at('2024-03-22');
    app = await actOnLicense(s, actors.bis_officer!, app.id, 'register', {});
    at('2024-04-20');
    await actOnLicense(s, actors.bis_officer!, app.id, 'approve', {
      licenseNumber: 'D765432',
      conditions: ['no reexport without authorization'],
    });
    const [license] = await s.store.list('license', { orgId: 'org-exp' });
    licenseId = license!.id;
    await attachAuthorizations(s, exporter, tx.id, { licenseId, eusRequestId: eusId });
  }, 60_000);
  afterAll(async () => s?.store.close());

  it('prints the issued Statement with who acted by name, for the importer and the exporter alike', async () => {
    for (const who of ['importer_officer', 'compliance_officer', 'mofcom_officer']) {
      const doc = await eusDocument(s, actors[who]!, eusId);
      expect(doc.title).toBe('End-User Statement EUS-2024-0042');
      const html = documentHtml(doc);
      expect(html).toContain('MOFCOM-SEAL-17');
      expect(html).toContain(`<span lang="zh">${END_USER}, 哈尔滨市`);
      expect(html).toContain('王芳, Director, signed 2024-03-01');
      // the audit trail names people and their organisations; no user id is printed
      expect(html).toContain('王芳 (Shanghai Importer Co., Ltd.)');
      expect(html).toContain('Li Ming (MOFCOM Export Control Division I)');
      for (const a of Object.values(actors)) expect(html).not.toContain(a.userId);
      expect(html).toMatch(/@media print\{/);
    }
  });

  it('prints a request that is not yet issued as a request', async () => {
    const draft = await createEusRequest(s, actors.importer_officer!, {
      exporterOrgId: 'org-exp',
      exporterName: 'US Exporter Inc.',
      importerName: 'Shanghai Importer Co., Ltd.',
      endUser: { name: 'Example Co.' },
      endUse: 'testing',
      items: [{ description: 'x', quantity: 1, valueUsd: 1 }],
    });
    const doc = await eusDocument(s, actors.importer_officer!, draft.id);
    expect(doc.title).toBe(`End-User Statement request ${draft.id}`);
    expect(doc.subtitle).toContain('not a Statement until MOFCOM issues it');
  });

  it('keeps documents to the organisations that may read the record', async () => {
    await expect(eusDocument(s, actors.other_importer!, eusId)).rejects.toMatchObject({
      code: 'CASE.NOT_FOUND',
    });
    await expect(licenseDocument(s, actors.other_importer!, licenseId)).rejects.toMatchObject({
      code: 'CASE.NOT_FOUND',
    });
    await expect(buildCaseFile(s, actors.other_importer!, txId)).rejects.toMatchObject({
      code: 'CASE.NOT_FOUND',
    });
  });

  it('prints the license with its holder, parties, items and conditions', async () => {
    const doc = await licenseDocument(s, actors.compliance_officer!, licenseId);
    expect(doc.title).toBe('License D765432');
    const html = documentHtml(doc);
    for (const text of [
      'US Exporter Inc.',
      'no reexport without authorization',
      '1A001.a',
      'USD 90,000',
      END_USER,
    ])
      expect(html).toContain(text);
  });

  it('prints the case file with parties, items, determination, related records and names in the audit', async () => {
    const cf = await buildCaseFile(s, actors.auditor!, txId);
    const html = caseFileHtml(cf);
    expect(html).toContain('Case file: transaction PO-DOC-1');
    expect(html).toContain('Generated 2024-04-20T09:00:00.000Z by Ann Auditor (Audit Firm)');
    for (const text of [
      'Parties and their screening',
      END_USER,
      'seals',
      'Reasons',
      'NS',
      'End-User Statement EUS-2024-0042',
      'License D765432',
      'Related records',
    ])
      expect(html).toContain(text);
    expect(html).toContain('Jane Roe (US Exporter Inc.)');
    for (const a of Object.values(actors)) expect(html).not.toContain(a.userId);
    expect(caseFileDocument(cf).sections.at(-1)!.table!.rows.length).toBe(cf.audit.length);
  });

  it('sets the PDF in a CJK font so that Chinese names are in it', async () => {
    const font = pdfFont();
    if (!font?.name?.startsWith('NotoSansCJK')) {
      console.warn('fonts-noto-cjk is not installed: the CJK PDF check is skipped');
      return;
    }
    const pdf = await documentPdf(await eusDocument(s, actors.compliance_officer!, eusId));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(400_000); // the font is subset, not embedded whole
    const text = pdfStreams(pdf);
    expect(pdf.toString('latin1')).toMatch(/NotoSansCJKsc-Regular/);
    // the ToUnicode map of the embedded font carries every character of the end user's name
    for (const ch of END_USER)
      expect(text.toLowerCase()).toContain(`<${ch.codePointAt(0)!.toString(16).padStart(4, '0')}>`);
  });

  it('refuses a PDF it cannot set, and sets a Latin one in Helvetica, when no font is installed', async () => {
    const chinese = await eusDocument(s, actors.compliance_officer!, eusId);
    await expect(documentPdf(chinese, null)).rejects.toMatchObject({ code: 'DOC.FONT_MISSING' });
    const latin = await licenseDocument(s, actors.bis_officer!, licenseId);
    latin.sections = latin.sections.filter((x) => x.heading !== 'Parties');
    latin.sections = latin.sections.map((x) =>
      x.heading === 'Audit trail' ? { ...x, table: undefined } : x,
    );
    const pdf = await documentPdf(latin, null);
    expect(pdf.toString('latin1')).toMatch(/Helvetica/);
    expect(() => pdfFont({ HTT_PDF_FONT: '/nonexistent/font.ttf' })).toThrow(/does not exist/);
  });
});
