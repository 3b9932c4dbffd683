import { loadRules } from '../../adapters/regulations/load-rules.js';
import { describe, expect, it } from 'vitest';
import { HttError } from '../errors.js';
import { elapsedDays, stoppedDays, tick, type Clock } from './clock.js';
import {
  actOnEus,
  drawDown,
  eusReviewTime,
  isExhausted,
  newEusRequest,
  releaseDrawdowns,
  remainingQuantities,
  type EusState,
} from './end-user-statement.js';
import { newLicenseApplication } from './license-application.js';
import {
  median,
  mofcomReviewByMonth,
  percentile,
  licenseDaysByEccn,
  veuApplicationFigures,
} from './metrics.js';
import { retainUntil } from './retention.js';
import { openHold, releaseHold } from './transaction.js';
import {
  actOnVeuApplication,
  annualReport,
  entryFromApproval,
  newVeuApplication,
  publishToEntry,
  voteToRevoke,
  type VeuAppState,
} from './veu.js';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as HttError).code;
  }
  return 'no error';
};

describe('review clocks', () => {
  it('counts calendar days while running and excludes stops', () => {
    let c: Clock = [];
    c = tick(c, { type: 'start', on: '2024-03-01' });
    c = tick(c, { type: 'stop', on: '2024-03-05' });
    c = tick(c, { type: 'resume', on: '2024-03-15' });
    expect(elapsedDays(c, '2024-03-04')).toBe(3);
    expect(elapsedDays(c, '2024-03-10')).toBe(4);
    expect(elapsedDays(c, '2024-03-20')).toBe(9);
    expect(stoppedDays(c, '2024-03-20')).toBe(10);
    c = tick(c, { type: 'end', on: '2024-03-21' });
    expect(elapsedDays(c, '2025-01-01')).toBe(10);
  });
  it('refuses events out of order or going back in time', () => {
    expect(code(() => tick([], { type: 'stop', on: '2024-01-01' }))).toBe('CASE.INVALID_TRANSITION');
    expect(code(() => tick([{ type: 'start', on: '2024-02-01' }], { type: 'stop', on: '2024-01-01' }))).toBe(
      'INPUT.INVALID',
    );
    expect(
      code(() => tick([{ type: 'start', on: '2024-02-01' }], { type: 'resume', on: '2024-02-02' })),
    ).toBe('CASE.INVALID_TRANSITION');
  });
});

const eusInput = {
  exporterOrgId: 'org-exp',
  exporterName: 'US Exporter Inc.',
  importerName: 'Shanghai Importer Co.',
  endUser: { name: 'Example Semiconductor (Shanghai) Co., Ltd.' },
  endUse: 'civil IC production',
  items: [
    { description: 'seals', eccn: '1A001.a', quantity: 900, valueUsd: 90000 },
    { description: 'pumps', quantity: 10, valueUsd: 5000 },
  ],
  language: 'en',
  importerSignature: { signatory: 'Li Ming', title: 'General Manager', signedOn: '2024-01-02' },
};

describe('PRC End-User Statement requests', () => {
  const issued = () => {
    let s: EusState = 'draft';
    let d = newEusRequest(eusInput, 'org-imp', 20);
    ({ state: s, data: d } = actOnEus(s, d, 'submit', 'importer_officer', { on: '2024-01-02' }));
    ({ state: s, data: d } = actOnEus(s, d, 'request_info', 'mofcom_officer', {
      on: '2024-01-05',
      text: 'contract copy',
    }));
    ({ state: s, data: d } = actOnEus(s, d, 'provide_info', 'importer_officer', {
      on: '2024-01-15',
      text: 'attached',
    }));
    ({ state: s, data: d } = actOnEus(s, d, 'issue', 'mofcom_officer', {
      on: '2024-01-20',
      statementNumber: 'EUS-2024-001',
      sealReference: 'MOFCOM seal 7',
    }));
    return { s, d };
  };
  it('measures review days without the days waiting for information', () => {
    const { s, d } = issued();
    expect(s).toBe('issued');
    expect(eusReviewTime(d, '2024-02-01', loadRules().prcHolidays)).toEqual({
      receivedOn: '2024-01-02',
      decidedOn: '2024-01-20',
      until: '2024-01-20',
      decided: true,
      calendarDays: { gross: 18, net: 8, waitingForImporter: 10 },
      workingDays: { gross: 13, net: 7, unconfirmed: [], notCovered: [] },
      targetDays: 20,
      withinTarget: true,
    });
  });
  it('needs a statement number and seal to issue, and a reason to refuse', () => {
    const d = actOnEus('draft', newEusRequest(eusInput, 'org-imp', 20), 'submit', 'importer_officer', {
      on: '2024-01-02',
    }).data;
    expect(code(() => actOnEus('submitted', d, 'issue', 'mofcom_officer', { on: '2024-01-03' }))).toBe(
      'INPUT.INVALID',
    );
    expect(code(() => actOnEus('submitted', d, 'refuse', 'mofcom_officer', { on: '2024-01-03' }))).toBe(
      'INPUT.INVALID',
    );
    expect(
      actOnEus('submitted', d, 'refuse', 'mofcom_officer', { on: '2024-01-03', text: 'end use not credible' })
        .state,
    ).toBe('refused');
  });
  it('gives back the quantities of an application withdrawn, returned or denied (748.10(d)(1))', () => {
    const { s, d } = issued();
    const full = drawDown(s, d, {
      by: 'license_application',
      ref: 'app-1',
      on: '2024-02-01',
      lines: [{ item: 0, quantity: d.items[0]!.quantity }],
    });
    const another = {
      by: 'license_application' as const,
      ref: 'app-2',
      on: '2024-02-03',
      lines: [{ item: 0, quantity: 1 }],
    };
    expect(code(() => drawDown(s, full, another))).toBe('CASE.QUANTITY_EXCEEDED');
    const released = releaseDrawdowns(full, 'app-1', '2024-02-02', 'license application app-1 withdrawn');
    expect(released.drawdowns[0]?.released).toEqual({
      on: '2024-02-02',
      why: 'license application app-1 withdrawn',
    });
    expect(remainingQuantities(released, 'license_application')).toEqual(d.items.map((i) => i.quantity));
    expect(drawDown(s, released, another).drawdowns).toHaveLength(2);
  });
  it('is drawn down by applications and shipments, never beyond its quantities, and stays valid until shipped', () => {
    const { s, d } = issued();
    let data = drawDown(s, d, {
      by: 'license_application',
      ref: 'app-1',
      on: '2024-02-01',
      lines: [{ item: 0, quantity: 600 }],
    });
    data = drawDown(s, data, {
      by: 'license_application',
      ref: 'app-2',
      on: '2024-02-02',
      lines: [{ item: 0, quantity: 300 }],
    });
    expect(
      code(() =>
        drawDown(s, data, {
          by: 'license_application',
          ref: 'app-3',
          on: '2024-02-03',
          lines: [{ item: 0, quantity: 1 }],
        }),
      ),
    ).toBe('CASE.QUANTITY_EXCEEDED');
    data = drawDown(s, data, {
      by: 'shipment',
      ref: 'tx-1',
      on: '2024-03-01',
      lines: [{ item: 0, quantity: 900 }],
    });
    expect(isExhausted(data)).toBe(false);
    data = drawDown(s, data, {
      by: 'shipment',
      ref: 'tx-2',
      on: '2024-03-02',
      lines: [{ item: 1, quantity: 10 }],
    });
    expect(isExhausted(data)).toBe(true);
    expect(remainingQuantities(data, 'license_application')).toEqual([0, 10]);
    expect(remainingQuantities(data, 'shipment')).toEqual([0, 0]);
    expect(
      code(() =>
        drawDown('submitted', d, {
          by: 'shipment',
          ref: 'tx',
          on: '2024-03-01',
          lines: [{ item: 0, quantity: 1 }],
        }),
      ),
    ).toBe('CASE.INVALID_TRANSITION');
  });
});

const licenseInput = {
  destination: 'CN',
  parties: [{ role: 'end_user' as const, name: 'Example Co.' }],
  items: [{ eccn: '1A001.a', description: 'seals', quantity: 400, valueUsd: 40000 }],
  endUse: 'civil manufacturing',
  supportDocuments: [],
};

const veuInput = {
  candidate: {
    name: 'Example Semiconductor (Shanghai) Co., Ltd.',
    address: 'No. 1 Example Road, Pudong, Shanghai',
  },
  facilities: [{ name: 'Facility A', address: 'No. 1 Example Road, Pudong, Shanghai' }],
  items: ['3B001.e', '3C002'],
  civilEndUses: 'civil IC production',
  complianceProgram: 'ICP v3',
  consentToOnSiteReviews: true as const,
};

describe('VEU applications, entries and reports', () => {
  const underReview = () => {
    let s: VeuAppState = 'draft';
    let d = newVeuApplication(veuInput, 'org-exp');
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'submit', 'compliance_officer', { on: '2024-01-02' }));
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'circulate', 'erc_member', { on: '2024-01-05' }));
    return { s, d };
  };
  it('approves only by unanimous vote and creates a dated entry', () => {
    let { s, d } = underReview();
    for (const agency of ['Commerce', 'State', 'Defense'])
      ({ state: s, data: d } = actOnVeuApplication(s, d, 'vote', 'erc_member', {
        on: '2024-01-20',
        agency,
        vote: 'approve',
      }));
    expect(code(() => actOnVeuApplication(s, d, 'approve', 'erc_member', { on: '2024-01-21' }))).toBe(
      'CASE.INVALID_TRANSITION',
    );
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'vote', 'erc_member', {
      on: '2024-01-21',
      agency: 'Energy',
      vote: 'approve',
    }));
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'approve', 'erc_member', { on: '2024-01-25' }));
    expect(s).toBe('approved');
    // the entry names what was approved and is in force only once published (veu.test.ts)
    const entry = entryFromApproval('veu-app-1', d);
    expect(entry.entry).toMatchObject({
      validatedEndUser: veuInput.candidate.name,
      eligibleItems: ['3B001.e', '3C002'],
      effective: { from: null, to: null },
    });
    expect(veuApplicationFigures([{ state: s, data: d }], '2024-02-01')).toMatchObject({
      decided: 1,
      decidedWithin30Days: 1,
      pending: 0,
    });
  });
  it('is not approved when one agency votes to deny', () => {
    let { s, d } = underReview();
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'vote', 'erc_member', {
      on: '2024-01-10',
      agency: 'Defense',
      vote: 'deny',
      text: 'diversion risk',
    }));
    expect(actOnVeuApplication(s, d, 'deny', 'erc_member', { on: '2024-01-11' }).state).toBe('denied');
  });
  it('revokes an entry by majority vote', () => {
    let { s, d } = underReview();
    for (const agency of ['Commerce', 'State', 'Defense', 'Energy'])
      ({ state: s, data: d } = actOnVeuApplication(s, d, 'vote', 'erc_member', {
        on: '2024-01-20',
        agency,
        vote: 'approve',
      }));
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'approve', 'erc_member', { on: '2024-01-25' }));
    d = actOnVeuApplication(s, d, 'publish', 'bis_officer', {
      on: '2024-02-01',
      citation: '89 FR 1234',
      effectiveOn: '2024-02-01',
    }).data;
    let { state: st, data: e } = publishToEntry(
      'pending_publication',
      entryFromApproval('veu-app-1', d),
      'veu-app-1',
      d,
    );
    ({ state: st, data: e } = voteToRevoke(st, e, 'erc_member', {
      on: '2025-12-01',
      agency: 'Commerce',
      vote: 'approve',
    }));
    ({ state: st, data: e } = voteToRevoke(st, e, 'erc_member', {
      on: '2025-12-02',
      agency: 'State',
      vote: 'approve',
    }));
    expect(st).toBe('active'); // 2 of 4 is not a majority
    ({ state: st, data: e } = voteToRevoke(st, e, 'erc_member', {
      on: '2025-12-03',
      agency: 'Defense',
      vote: 'approve',
    }));
    expect(st).toBe('revoked');
    // in force up to the day before the deciding vote: nothing ships under it on or after 2025-12-03
    expect(e.entry.effective.to).toBe('2025-12-02');
    expect(
      code(() =>
        voteToRevoke('active', e, 'compliance_officer', {
          on: '2025-12-03',
          agency: 'Energy',
          vote: 'approve',
        }),
      ),
    ).toBe('CASE.FORBIDDEN');
  });
  it('builds the annual report due February 15', () => {
    const ship = (on: string, q: number) => ({
      entryId: 'e',
      exporterOrgId: 'x',
      validatedEndUser: 'V',
      facility: 'F',
      on,
      items: [{ eccn: '3B001.e', description: 'tool', quantity: q, valueUsd: q * 10 }],
      notice: '',
    });
    const report = annualReport(2024, [ship('2024-02-01', 2), ship('2024-11-30', 3), ship('2025-01-02', 7)]);
    expect(report).toMatchObject({
      dueOn: '2025-02-15',
      shipments: 2,
      rows: [{ eccn: '3B001.e', quantity: 5, valueUsd: 50 }],
    });
  });
});

describe('holds', () => {
  it('releasing a hold needs a reason and the exporter', () => {
    const hold = openHold({
      transactionId: 't',
      orgIds: ['o'],
      source: 'manual',
      reason: 'check end user',
      openedBy: 'u',
      openedOn: '2024-01-01',
    });
    expect(code(() => releaseHold('open', hold, 'u', 'compliance_officer', '2024-01-02', ' '))).toBe(
      'INPUT.INVALID',
    );
    expect(code(() => releaseHold('open', hold, 'u', 'auditor', '2024-01-02', 'ok'))).toBe('CASE.FORBIDDEN');
    expect(
      releaseHold('open', hold, 'u', 'compliance_officer', '2024-01-02', 'end user verified').state,
    ).toBe('released');
  });
});

describe('Part 762 retention and HTWG metrics', () => {
  it('keeps records five years from the latest event (GC-065: export 2024-06-15, reexport 2025-02-01)', () => {
    expect(retainUntil(['2024-06-15', '2025-02-01', undefined])).toBe('2030-02-01');
    expect(retainUntil([])).toBeNull();
    expect(retainUntil(['2024-02-29'])).toBe('2029-03-01');
  });
  it('computes percentiles and monthly review figures', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(median([5, 1, 3, 2])).toBe(2.5);
    const req = (start: string, end: string, target = 20) => ({
      state: 'issued' as const,
      data: {
        ...newEusRequest(eusInput, 'i', target),
        clock: [
          { type: 'start' as const, on: start },
          { type: 'end' as const, on: end },
        ],
        decidedOn: end,
      },
    });
    const months = mofcomReviewByMonth(
      [req('2024-01-01', '2024-01-11'), req('2024-01-01', '2024-01-31'), req('2024-02-01', '2024-02-15')],
      loadRules().prcHolidays,
    );
    const both = (median: number, mean: number) => ({ gross: { median, mean }, net: { median, mean } });
    expect(months).toEqual([
      {
        month: '2024-01',
        decided: 2,
        medianDays: 20,
        p90Days: 30,
        withinTarget: 1,
        shareWithinTarget: 0.5,
        calendarDays: both(20, 20),
        // 2-11 January: 8 working days (1 January is New Year's Day); 2-31 January: 22
        workingDays: { ...both(15, 15), unconfirmed: [], notCovered: [] },
      },
      {
        month: '2024-02',
        decided: 1,
        medianDays: 14,
        p90Days: 14,
        withinTarget: 1,
        shareWithinTarget: 1,
        calendarDays: both(14, 14),
        // 2 February, Sunday 4 February (a working day), 5-9 February; 10-15 February Spring Festival
        workingDays: { ...both(7, 7), unconfirmed: [], notCovered: [] },
      },
    ]);
    const app = {
      ...newLicenseApplication(licenseInput, 'o'),
      registeredOn: '2024-01-01',
      decidedOn: '2024-01-31',
      clock: [
        { type: 'start' as const, on: '2024-01-01' },
        { type: 'end' as const, on: '2024-01-31' },
      ],
    };
    expect(licenseDaysByEccn([{ state: 'approved', data: app }])).toEqual([
      { eccn: '1A001', decided: 1, medianDays: 30, p90Days: 30, maxDays: 30 },
    ]);
  });
});
