import { describe, expect, it } from 'vitest';
import {
  buildEusRequest,
  buildLicenseApplication,
  buildOutreachEvent,
  buildVeuApplication,
  emptyEusForm,
  emptyOutreachForm,
  eusFormFrom,
  emptyVeuForm,
  licenseFormFrom,
  needsStatement,
  needsTranslation,
} from './trade-forms';
import type { CheckInput, CheckOutput } from '../types';

const today = '2026-12-01';
const fields = (b: { ok: boolean; problems?: { field: string }[] }) =>
  b.ok ? [] : (b.problems ?? []).map((p) => p.field);

const input: CheckInput = {
  destination: 'CN',
  items: [{ eccn: '3B001.e', description: 'wafer handler', quantity: 1, valueUsd: 2_000_000 }],
  parties: [{ role: 'end_user', name: 'Example Semiconductor', country: 'CN' }],
  endUse: { description: 'civil IC production' },
};

describe('the license application form', () => {
  it('is prefilled from the transaction and sends the Statement number as a support document', () => {
    const f = licenseFormFrom('tx-1', input);
    f.eusRequestId = 'eus-1';
    const b = buildLicenseApplication(f, [{ id: 'eus-1', statementNumber: 'MOFCOM-1' }]);
    expect(b.ok && b.body).toMatchObject({
      transactionId: 'tx-1',
      destination: 'CN',
      parties: [{ role: 'end_user', name: 'Example Semiconductor', country: 'CN' }],
      items: [{ eccn: '3B001.e', description: 'wafer handler', quantity: 1, valueUsd: 2_000_000 }],
      endUse: 'civil IC production',
      supportDocuments: [{ type: 'PRC_END_USER_STATEMENT', number: 'MOFCOM-1' }],
    });
  });

  it('names each field it refuses: empty party name, no end user, bad amounts, no end use, unissued Statement', () => {
    const f = licenseFormFrom('tx-1', input);
    f.parties[0]!.name = ' ';
    f.parties[0]!.role = 'purchaser';
    f.items[0]!.quantity = '0';
    f.items[0]!.valueUsd = '-5';
    f.items[0]!.description = '';
    f.endUse = '';
    f.eusRequestId = 'eus-2';
    expect(fields(buildLicenseApplication(f, [{ id: 'eus-2' }]))).toEqual([
      'parties.0.name',
      'parties',
      'items.0.description',
      'items.0.quantity',
      'items.0.valueUsd',
      'endUse',
      'eusRequestId',
    ]);
  });

  it('knows when the determination asks for a PRC End-User Statement', () => {
    const result = { documents: [{ type: 'PRC_END_USER_STATEMENT' }] } as unknown as CheckOutput;
    expect(needsStatement(result)).toBe(true);
    expect(needsStatement({ documents: [] } as unknown as CheckOutput)).toBe(false);
  });
});

describe('the VEU application form', () => {
  it('requires the candidate, a facility, items, uses, program and the consent to on-site reviews', () => {
    expect(fields(buildVeuApplication(emptyVeuForm()))).toEqual([
      'candidateName',
      'candidateAddress',
      'facilityName',
      'facilityAddress',
      'civilEndUses',
      'complianceProgram',
      'items',
      'consent',
    ]);
    const f = {
      ...emptyVeuForm(),
      candidateName: 'Example Semiconductor',
      candidateAddress: 'Shanghai',
      facilityName: 'Facility A',
      facilityAddress: 'Pudong',
      items: '3B001.e, 3B001.f',
      civilEndUses: 'mature-node IC production',
      complianceProgram: 'ICP on file',
      consent: true,
    };
    const b = buildVeuApplication(f);
    expect(b.ok && b.body).toMatchObject({ items: ['3B001.e', '3B001.f'], consentToOnSiteReviews: true });
  });
});

describe('the End-User Statement request form', () => {
  const exporters = [{ id: 'org-exporter', name: 'Pacific Semiconductor Equipment Inc.' }];
  const filled = () => ({
    ...emptyEusForm(),
    exporterOrgId: 'org-exporter',
    importerName: 'Shanghai Import Co.',
    endUser: 'Example Semiconductor',
    endUse: 'civil',
    items: [{ eccn: '', description: 'seals', quantity: '10', valueUsd: '500' }],
  });

  it('takes the exporter from the directory, with its name, and leaves the signature for later', () => {
    const b = buildEusRequest(filled(), exporters, today);
    expect(b.ok && b.body).toMatchObject({
      exporterOrgId: 'org-exporter',
      exporterName: 'Pacific Semiconductor Equipment Inc.',
      items: [{ description: 'seals', quantity: 10, valueUsd: 500 }],
      language: 'zh',
    });
    expect(b.ok && 'importerSignature' in b.body).toBe(false);
  });

  it('refuses an empty end user, an unknown exporter, half a signature and a future signature date', () => {
    const f = { ...filled(), exporterOrgId: 'nope', endUser: '', signatory: 'Li Wei' };
    expect(fields(buildEusRequest(f, exporters, today))).toEqual(['exporterOrgId', 'endUser', 'signedOn']);
    const g = { ...filled(), signatory: 'Li Wei', signedOn: '2026-12-05' };
    const b = buildEusRequest(g, exporters, today);
    expect(!b.ok && b.problems[0]).toMatchObject({ field: 'signedOn', key: 'date.err.future' });
  });

  it('sends a whole signature and translation, and says when a Chinese Statement lacks its translation', () => {
    const f = {
      ...filled(),
      signatory: 'Li Wei',
      signatoryTitle: 'General Manager',
      signedOn: '2026-11-30',
      translation: 'We certify…',
      madeBy: 'translating_service' as const,
      translator: 'Acme Translations',
    };
    const b = buildEusRequest(f, exporters, today);
    expect(b.ok && b.body).toMatchObject({
      importerSignature: { signatory: 'Li Wei', title: 'General Manager', signedOn: '2026-11-30' },
      englishTranslation: {
        text: 'We certify…',
        madeBy: 'translating_service',
        translator: 'Acme Translations',
      },
    });
    expect(needsTranslation({ language: 'zh', translation: '' })).toBe(true);
    expect(needsTranslation({ language: 'en', translation: '' })).toBe(false);
  });
});

describe('editing a stored request', () => {
  it('fills the form from the request, and the form builds the same request back', () => {
    const stored = {
      exporterOrgId: 'org-exporter',
      exporterName: 'Pacific Semiconductor Equipment Inc.',
      importerName: 'Shanghai Import Co.',
      endUser: { name: 'Example Semiconductor', address: '1 Zhangjiang Road' },
      endUse: 'civil',
      contract: { number: 'C-9' },
      items: [{ eccn: '3B001.e', description: 'wafer handler', quantity: 2, valueUsd: 1500 }],
      language: 'zh',
      importerSignature: { signatory: 'Li Wei', signedOn: '2026-11-30' },
      englishTranslation: { text: 'We certify…', madeBy: 'translating_service' as const, translator: 'Acme' },
    };
    const form = eusFormFrom(stored);
    expect(form).toMatchObject({
      endUser: 'Example Semiconductor',
      address: '1 Zhangjiang Road',
      contractTitle: '',
    });
    expect(form.items).toEqual([
      { eccn: '3B001.e', description: 'wafer handler', quantity: '2', valueUsd: '1500' },
    ]);
    const { exporterOrgId, exporterName, ...rest } = stored;
    const b = buildEusRequest(form, [{ id: exporterOrgId, name: exporterName }], today);
    expect(b.ok && b.body).toEqual({ exporterOrgId, exporterName, ...rest });
    // an edit is checked like a new request: emptied fields are said at the field
    expect(
      fields(buildEusRequest({ ...form, endUse: ' ' }, [{ id: exporterOrgId, name: exporterName }], today)),
    ).toEqual(['endUse']);
  });
});

describe('the outreach event form', () => {
  it('requires a title and a date within two years ahead', () => {
    expect(fields(buildOutreachEvent(emptyOutreachForm(), today))).toEqual(['title', 'date']);
    const far = { ...emptyOutreachForm(), title: 'Dialogue', date: '2099-01-01' };
    expect(fields(buildOutreachEvent(far, today))).toEqual(['date']);
    const ok = { ...emptyOutreachForm(), title: 'Dialogue', date: '2027-02-01', agenda: 'one\n\ntwo' };
    const b = buildOutreachEvent(ok, today);
    expect(b.ok && b.body).toMatchObject({ title: 'Dialogue', agenda: ['one', 'two'] });
  });
});
