import { describe, expect, it } from 'vitest';
import { loadRules } from '../../adapters/regulations/load-rules.js';
import type { EusRequestInput } from '../../contracts/records.js';
import { HttError } from '../errors.js';
import {
  actOnEus,
  eusReviewTime,
  newEusRequest,
  type EusAction,
  type EusRequestData,
  type EusState,
} from './end-user-statement.js';

const calendar = loadRules().prcHolidays;
const base: EusRequestInput = {
  exporterOrgId: 'org-exp',
  exporterName: 'US Exporter Inc.',
  importerName: 'Shanghai Importer Co.',
  endUser: { name: 'Example Semiconductor (Shanghai) Co., Ltd.' },
  endUse: 'civil IC production',
  items: [{ description: 'seals', quantity: 900, valueUsd: 90000 }],
};
const signature = { signatory: 'Li Ming', title: 'General Manager', signedOn: '2024-03-01' };
const translation = {
  text: 'End-User Statement ... (English translation)',
  madeBy: 'translating_service' as const,
  translator: 'Example Translations Ltd.',
};

const submit = (input: EusRequestInput, on = '2024-03-04') =>
  actOnEus('draft', newEusRequest(input, 'org-imp', 20), 'submit', 'importer_officer', { on });
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(HttError);
    return { code: (e as HttError).problem.code, field: (e as HttError).problem.field };
  }
  throw new Error('expected a refusal');
};

describe('submitting an End-User Statement request (§748.10(c)(2)(v), §748.9(d)(1))', () => {
  it('refuses a draft without the importer’s signature and date, naming the field', () => {
    expect(refusal(() => submit({ ...base, language: 'en' }))).toEqual({
      code: 'INPUT.INVALID',
      field: 'importerSignature',
    });
  });
  it('refuses a signature dated after the submission', () => {
    expect(
      refusal(() =>
        submit({ ...base, language: 'en', importerSignature: { ...signature, signedOn: '2024-03-05' } }),
      ),
    ).toEqual({ code: 'INPUT.INVALID', field: 'importerSignature.signedOn' });
  });
  it('needs the language, and an English translation when it is not English', () => {
    expect(refusal(() => submit({ ...base, importerSignature: signature }))).toEqual({
      code: 'INPUT.INVALID',
      field: 'language',
    });
    expect(refusal(() => submit({ ...base, language: 'zh', importerSignature: signature }))).toEqual({
      code: 'INPUT.INVALID',
      field: 'englishTranslation',
    });
  });
  it('submits a signed English Statement, or a Chinese one with its translation, and keeps them', () => {
    expect(submit({ ...base, language: 'en-US', importerSignature: signature }).state).toBe('submitted');
    const { state, data } = submit({
      ...base,
      language: 'zh',
      importerSignature: signature,
      englishTranslation: translation,
    });
    expect(state).toBe('submitted');
    expect(data).toMatchObject({
      importerSignature: signature,
      englishTranslation: translation,
      language: 'zh',
    });
  });
});

describe('MOFCOM review time, gross and net, calendar and working days', () => {
  const run = (steps: [EusAction, string][]) => {
    let s: EusState = 'draft';
    let d: EusRequestData = newEusRequest(
      { ...base, language: 'en', importerSignature: { ...signature, signedOn: '2020-01-02' } },
      'org-imp',
      20,
    );
    for (const [action, on] of steps) {
      const role = ['submit', 'provide_info', 'withdraw'].includes(action)
        ? 'importer_officer'
        : 'mofcom_officer';
      ({ state: s, data: d } = actOnEus(s, d, action, role, {
        on,
        text: 'x',
        statementNumber: 'N',
        sealReference: 'S',
      }));
    }
    return d;
  };

  it('counts a request pending over a Spring Festival up to the day asked', () => {
    // 2024-02-05 (Mon) to 2024-02-19 (Mon): 14 calendar days, 6 working days (10-17 Feb off, Sunday 18 worked)
    const r = eusReviewTime(run([['submit', '2024-02-05']]), '2024-02-19', calendar);
    expect(r).toMatchObject({
      receivedOn: '2024-02-05',
      decided: false,
      decidedOn: null,
      until: '2024-02-19',
      calendarDays: { gross: 14, net: 14, waitingForImporter: 0 },
      workingDays: { gross: 6, net: 6, unconfirmed: [], notCovered: [] },
    });
  });

  it('takes the days waiting for the importer out of the net figure', () => {
    const d = run([
      ['submit', '2024-09-23'],
      ['request_info', '2024-09-27'],
      ['provide_info', '2024-10-09'],
      ['refuse', '2024-10-14'],
    ]);
    const r = eusReviewTime(d, '2024-11-01', calendar);
    // gross (09-23, 10-14]: 21 days; net (09-23, 09-27] + (10-09, 10-14]: 4 + 5 = 9
    expect(r.calendarDays).toEqual({ gross: 21, net: 9, waitingForImporter: 12 });
    // working, gross: 24-27 Sep (4), Sun 29 Sep (1), 30 Sep (1), 8-11 Oct (4), Sat 12 Oct (1), 14 Oct (1) = 12
    // net: 24-27 Sep (4) + 10, 11, Sat 12, 14 Oct (4) = 8
    expect(r.workingDays).toEqual({ gross: 12, net: 8, unconfirmed: [], notCovered: [] });
    expect(r).toMatchObject({ decided: true, decidedOn: '2024-10-14', withinTarget: true });
  });

  it('says when a year is unconfirmed, and gives no working days outside the calendar', () => {
    const unconfirmed = eusReviewTime(run([['submit', '2020-12-21']]), '2021-01-11', calendar);
    expect(unconfirmed.workingDays).toMatchObject({ unconfirmed: [2020], notCovered: [] });
    expect(unconfirmed.workingDays.gross).toBeTypeOf('number');
    const outside = eusReviewTime(run([['submit', '2026-11-20']]), '2026-12-10', calendar);
    expect(outside.calendarDays.gross).toBe(20);
    expect(outside.workingDays).toEqual({ gross: null, net: null, unconfirmed: [], notCovered: [2027] });
  });

  it('stops at a withdrawal and counts nothing before submission', () => {
    const withdrawn = eusReviewTime(
      run([
        ['submit', '2024-03-04'],
        ['withdraw', '2024-03-11'],
      ]),
      '2024-04-01',
      calendar,
    );
    expect(withdrawn).toMatchObject({
      decided: false,
      until: '2024-03-11',
      calendarDays: { gross: 7, net: 7 },
    });
    const draft = eusReviewTime(run([]), '2024-04-01', calendar);
    expect(draft).toMatchObject({ receivedOn: null, until: null, calendarDays: { gross: 0, net: 0 } });
    expect(draft.workingDays).toMatchObject({ gross: 0, net: 0 });
  });
});
