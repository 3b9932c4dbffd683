/**
 * License applications after the referral (§§750.4(f), 750.6, part 756) and issued licenses (§§750.7, 750.8):
 * escalation, intent to deny, appeals, validity, extension, suspension and revocation.
 */
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../adapters/regulations/load-rules.js';
import { HttError } from '../errors.js';
import {
  actOnLicenseApplication,
  licenseClock,
  newLicenseApplication,
  processingRules,
  type LicenseAction,
  type LicenseActParams,
  type LicenseApplicationData,
  type LicenseState,
} from './license-application.js';
import {
  actOnIssuedLicense,
  issueLicense,
  type LicenseData,
  type LicenseRecordAction,
  type LicenseRecordParams,
  type LicenseRecordState,
} from './license.js';
import type { Role } from './roles.js';

const rules = loadRules();
const input = {
  destination: 'CN',
  parties: [{ role: 'end_user' as const, name: 'Example Co.' }],
  items: [{ eccn: '1A001.a', description: 'seals', quantity: 400, valueUsd: 40000 }],
  endUse: 'civil manufacturing',
  supportDocuments: [],
};
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as HttError).code;
  }
  return 'none';
};

/** An application walked through actions; `act` throws what the core throws. */
function walk(items = input.items) {
  let state: LicenseState = 'draft';
  let data: LicenseApplicationData = newLicenseApplication({ ...input, items }, 'org-exp');
  const proc = () => processingRules(rules, data, '2025-01-01');
  const act = (action: LicenseAction, role: Role, p: LicenseActParams) => {
    ({ state, data } = actOnLicenseApplication(state, data, action, role, p, proc()));
    return { state, data };
  };
  return {
    act,
    tryAct: (action: LicenseAction, role: Role, p: LicenseActParams) => code(() => act(action, role, p)),
    get state() {
      return state;
    },
    get data() {
      return data;
    },
    clock: (asOf: string) => licenseClock(data, asOf, proc()),
  };
}

const registered = (registeredOn = '2025-03-03') => {
  const w = walk();
  w.act('submit', 'compliance_officer', { on: '2025-03-01' });
  w.act('register', 'bis_officer', { on: registeredOn });
  return w;
};
const referred = () => {
  const w = registered();
  w.act('refer', 'bis_officer', { on: '2025-03-10', agencies: ['DoD', 'State'] });
  return w;
};

describe('the §750.4 clock and its deadlines, with due dates', () => {
  it('dates the 9-day deadline and moves it by the days the clock stood still (§750.4(b))', () => {
    const w = registered('2024-03-01');
    expect(w.clock('2024-03-02').deadlines[0]).toMatchObject({ dueOn: '2024-03-10', forRole: 'bis_officer' });
    w.act('request_info', 'bis_officer', { on: '2024-03-05', text: 'end-use details' });
    // stopped after 4 days: the 5 left are counted on from today, so the date moves until it resumes
    expect(w.clock('2024-03-10').deadlines[0]).toMatchObject({ dueOn: '2024-03-15', overdue: false });
    w.act('provide_info', 'compliance_officer', { on: '2024-03-20', text: 'details' });
    const c = w.clock('2024-03-25');
    expect(c).toMatchObject({ elapsed: 9, stoppedDays: 15 });
    expect(c.deadlines[0]).toMatchObject({ dueAfterDays: 9, dueOn: '2024-03-25', overdue: false, met: null });
    expect(w.clock('2024-03-26').deadlines[0]).toMatchObject({ overdue: true });
    expect(c.deadlines.at(-1)).toMatchObject({
      what: 'Resolution or referral to the President',
      dueOn: '2024-06-14',
    });
  });
  it('says what is unconfirmed about the periods, and computes none before 1996-02-04 (§750.4(a)(1))', () => {
    expect(registered('2024-03-01').clock('2024-03-02').unconfirmed.join(' ')).toMatch(
      /amendments between 1996/,
    );
    expect(registered('2025-03-03').clock('2025-03-04').unconfirmed.join(' ')).toMatch(/89 FR 34708/);
    const old = walk();
    old.act('submit', 'compliance_officer', { on: '1995-12-01' });
    old.act('register', 'bis_officer', { on: '1995-12-01' });
    const c = old.clock('1995-12-20');
    expect(c.deadlines).toEqual([]);
    expect(c.unconfirmed.join(' ')).toMatch(/before 1995-12-06/);
    expect(old.tryAct('intent_to_deny', 'bis_officer', { on: '1995-12-20', text: 'x', actorName: 'A' })).toBe(
      'CASE.INVALID_TRANSITION',
    );
  });
  it('gives each referred agency its due date, 30 processing days from the referral', () => {
    const w = referred();
    const recs = w.clock('2025-03-11').deadlines.filter((d) => d.forRole === 'agency_reviewer');
    expect(recs.map((d) => [d.what, d.dueOn])).toEqual([
      ['DoD recommends', '2025-04-09'],
      ['State recommends', '2025-04-09'],
    ]);
  });
});

describe('deciding on the agencies’ recommendations (§750.4(d)-(f))', () => {
  const approve = { on: '2025-04-20', licenseNumber: 'D1' };
  it('waits for every agency or the end of its 30 days; silence is no objection (§750.4(e))', () => {
    const w = referred();
    w.act('recommend', 'agency_reviewer', { on: '2025-03-20', agency: 'DoD', recommendation: 'approve' });
    expect(w.tryAct('approve', 'bis_officer', { on: '2025-04-01', licenseNumber: 'D1' })).toBe(
      'CASE.INVALID_TRANSITION',
    );
    w.act('approve', 'bis_officer', { on: '2025-04-10', licenseNumber: 'D1' });
    expect(w.state).toBe('approved');
  });
  it('never approves over a recommendation to deny: the disagreement goes to the Operating Committee', () => {
    const w = referred();
    w.act('recommend', 'agency_reviewer', { on: '2025-03-20', agency: 'DoD', recommendation: 'approve' });
    w.act('recommend', 'agency_reviewer', {
      on: '2025-03-21',
      agency: 'State',
      recommendation: 'deny',
      text: '22 U.S.C. 2778; 15 CFR 742.4',
    });
    expect(w.tryAct('approve', 'bis_officer', approve)).toBe('CASE.INVALID_TRANSITION');
    expect(w.tryAct('intent_to_deny', 'bis_officer', { on: '2025-04-20', text: 'x', actorName: 'B' })).toBe(
      'CASE.INVALID_TRANSITION',
    );
    expect(w.tryAct('escalate', 'bis_officer', { on: '2025-03-22' })).toBe('INPUT.INVALID');
    w.act('escalate', 'bis_officer', { on: '2025-03-22', outcome: 'approve' });
    expect(w.state).toBe('escalated');
    // the OC chair decides within 14 days after the recommendations were due (2025-04-09)
    const oc = w.clock('2025-03-23').deadlines.find((d) => d.what.startsWith('The Operating Committee'));
    expect(oc).toMatchObject({ dueOn: '2025-04-23', citation: '15 CFR 750.4(f)(1)' });
    expect(w.tryAct('approve', 'bis_officer', approve)).toBe('CASE.INVALID_TRANSITION');
    w.act('escalation_decision', 'bis_officer', { on: '2025-04-01', outcome: 'approve', text: 'risk low' });
    // final only after 5 days in which State may escalate
    expect(w.tryAct('approve', 'bis_officer', { ...approve, on: '2025-04-06' })).toBe(
      'CASE.INVALID_TRANSITION',
    );
    // only a dissenting agency escalates, within 5 days, signed, with its basis
    expect(
      w.tryAct('escalation_appeal', 'agency_reviewer', {
        on: '2025-04-03',
        agency: 'DoD',
        text: 'x',
        signedBy: 'y',
      }),
    ).toBe('CASE.FORBIDDEN');
    expect(
      w.tryAct('escalation_appeal', 'agency_reviewer', { on: '2025-04-03', agency: 'State', text: 'basis' }),
    ).toBe('INPUT.INVALID');
    expect(
      w.tryAct('escalation_appeal', 'agency_reviewer', {
        on: '2025-04-07',
        agency: 'State',
        text: 'b',
        signedBy: 'A/S',
      }),
    ).toBe('CASE.DEADLINE');
    w.act('escalation_appeal', 'agency_reviewer', {
      on: '2025-04-03',
      agency: 'State',
      text: 'ECRA 50 U.S.C. 4813; 15 CFR 750.4(f)(2)',
      signedBy: 'Assistant Secretary (Senate-confirmed)',
    });
    expect(w.data.escalation?.map((s) => s.level)).toEqual(['OC', 'ACEP']);
    expect(w.clock('2025-04-04').deadlines.find((d) => d.what === 'The ACEP decides')).toMatchObject({
      dueOn: '2025-04-14',
    });
    w.act('escalation_decision', 'bis_officer', {
      on: '2025-04-10',
      outcome: 'deny',
      text: 'majority to deny',
    });
    // the ACEP decided to deny: BIS may not approve against it, and issues its intent to deny once final
    expect(w.tryAct('approve', 'bis_officer', { ...approve, on: '2025-04-20' })).toBe(
      'CASE.INVALID_TRANSITION',
    );
    w.act('intent_to_deny', 'bis_officer', {
      on: '2025-04-20',
      text: 'ACEP decision; 15 CFR 742.4',
      actorName: 'B. Officer',
    });
    expect(w.state).toBe('intent_to_deny');
  });
  it('takes an escalation up to the President, whose decision is final', () => {
    const w = referred();
    w.act('recommend', 'agency_reviewer', {
      on: '2025-03-20',
      agency: 'DoD',
      recommendation: 'deny',
      text: 'basis',
    });
    w.act('recommend', 'agency_reviewer', { on: '2025-03-20', agency: 'State', recommendation: 'approve' });
    w.act('escalate', 'bis_officer', { on: '2025-03-21', outcome: 'approve' });
    for (const [level, on] of [
      ['OC', '2025-03-25'],
      ['ACEP', '2025-03-28'],
      ['EARB', '2025-04-02'],
    ] as const) {
      expect(w.data.escalation?.at(-1)?.level).toBe(level);
      w.act('escalation_decision', 'bis_officer', { on, outcome: 'approve', text: `${level} approves` });
      w.act('escalation_appeal', 'agency_reviewer', {
        on,
        agency: 'DoD',
        text: 'basis',
        signedBy: 'Secretary of Defense',
      });
    }
    w.act('escalation_decision', 'bis_officer', {
      on: '2025-04-05',
      outcome: 'approve',
      text: 'the President approves',
    });
    expect(
      w.tryAct('escalation_appeal', 'agency_reviewer', {
        on: '2025-04-05',
        agency: 'DoD',
        text: 'b',
        signedBy: 's',
      }),
    ).toBe('CASE.INVALID_TRANSITION');
    w.act('approve', 'bis_officer', { on: '2025-04-05', licenseNumber: 'D9' });
    expect(w.state).toBe('approved');
  });
  it('does not escalate when the agencies agree with BIS', () => {
    const w = referred();
    w.act('recommend', 'agency_reviewer', { on: '2025-03-20', agency: 'DoD', recommendation: 'approve' });
    w.act('recommend', 'agency_reviewer', { on: '2025-03-20', agency: 'State', recommendation: 'approve' });
    expect(w.tryAct('escalate', 'bis_officer', { on: '2025-03-21', outcome: 'approve' })).toBe(
      'CASE.INVALID_TRANSITION',
    );
  });
});

describe('intent to deny (§750.6) and appeal (part 756)', () => {
  const itd = () => {
    const w = registered();
    w.act('intent_to_deny', 'bis_officer', {
      on: '2025-03-05',
      text: 'ECRA 50 U.S.C. 4813; 15 CFR 744.21',
      considerations: 'military end use',
      modifications: 'remove item 1',
      actorName: 'B. Officer',
    });
    return w;
  };
  it('notifies with the basis, contact and appeal procedures, 20 days to respond and final on day 45', () => {
    const w = itd();
    expect(w.data.intentToDeny).toMatchObject({
      contact: 'B. Officer',
      respondBy: '2025-03-25',
      finalOn: '2025-04-19',
      appealProcedures: expect.stringMatching(/part 756/),
    });
    expect(w.tryAct('intent_to_deny', 'bis_officer', { on: '2025-03-05', actorName: 'B' })).toBe(
      'CASE.INVALID_TRANSITION',
    );
    // the denial is not final before the 20 days, unless the applicant has responded
    expect(w.tryAct('deny', 'bis_officer', { on: '2025-03-10' })).toBe('CASE.DEADLINE');
    expect(w.tryAct('respond', 'compliance_officer', { on: '2025-03-26', text: 'late' })).toBe(
      'CASE.DEADLINE',
    );
    w.act('respond', 'compliance_officer', { on: '2025-03-20', text: 'we remove item 1' });
    const c = w.clock('2025-04-25');
    expect(c.finalByOperationOfLaw).toBe('2025-04-19');
    // recorded after the 45th day, the denial became final on the 45th day (§750.6(b))
    w.act('deny', 'bis_officer', { on: '2025-04-25' });
    expect(w.state).toBe('denied');
    expect(w.data.finalDenial).toEqual({ on: '2025-04-19', appealBy: '2025-06-03' });
  });
  it('lets BIS change its decision only until the 45th day', () => {
    const w = itd();
    expect(w.tryAct('reconsider', 'bis_officer', { on: '2025-04-20', text: 'changed' })).toBe(
      'CASE.DEADLINE',
    );
    w.act('reconsider', 'bis_officer', { on: '2025-04-19', text: 'the modification answers the concern' });
    expect(w.state).toBe('registered');
    w.act('approve', 'bis_officer', { on: '2025-04-19', licenseNumber: 'D2' });
    expect(w.state).toBe('approved');
  });
  it('takes an appeal within 45 days of the final denial; the Under Secretary upholds or reverses', () => {
    const w = itd();
    w.act('deny', 'bis_officer', { on: '2025-03-26' });
    expect(w.tryAct('appeal', 'compliance_officer', { on: '2025-05-11', text: 'statement' })).toBe(
      'CASE.DEADLINE',
    );
    expect(w.tryAct('reverse', 'bis_officer', { on: '2025-04-01', text: 'r' })).toBe(
      'CASE.INVALID_TRANSITION',
    );
    w.act('appeal', 'compliance_officer', {
      on: '2025-05-10',
      text: 'full statement',
      hearingRequested: true,
    });
    expect(w.tryAct('appeal', 'compliance_officer', { on: '2025-05-10', text: 'again' })).toBe(
      'CASE.CONFLICT',
    );
    expect(w.state).toBe('denied'); // the denial stands meanwhile (§756.2(e))
    w.act('reverse', 'bis_officer', { on: '2025-06-01', text: 'the end user is civil' });
    expect(w.state).toBe('registered');
    w.act('approve', 'bis_officer', { on: '2025-06-02', licenseNumber: 'D3' });
    expect(w.state).toBe('approved');
  });
});

describe('issued licenses (§§750.7, 750.8)', () => {
  const issued = (items = input.items) => {
    const w = walk(items);
    w.act('submit', 'compliance_officer', { on: '2025-03-01' });
    w.act('register', 'bis_officer', { on: '2025-03-03' });
    w.act('approve', 'bis_officer', { on: '2025-03-05', licenseNumber: 'D7' });
    return issueLicense('app-1', w.data, processingRules(rules, w.data, '2025-03-05'));
  };
  const licence = (items = input.items) => {
    let state: LicenseRecordState = 'valid';
    let data: LicenseData = issued(items);
    const { periods } = processingRules(rules, { registeredOn: '2025-03-03' }, '2025-03-05');
    const act = (action: LicenseRecordAction, role: Role, p: LicenseRecordParams) =>
      ({ state, data } = actOnIssuedLicense(state, data, action, role, p, periods));
    return {
      act,
      tryAct: (action: LicenseRecordAction, role: Role, p: LicenseRecordParams) =>
        code(() => act(action, role, p)),
      get state() {
        return state;
      },
      get data() {
        return data;
      },
    };
  };
  it('is valid four years to the day, one year for 0A501-0A509, and says what is unconfirmed (§750.7(g))', () => {
    const l = issued();
    expect([l.validFrom, l.validUntil]).toEqual(['2025-03-05', '2029-03-05']);
    expect(l.validity.unconfirmed.join(' ')).toMatch(/legal holiday/);
    const firearm = issued([{ eccn: '0A501.a', description: 'rifle', quantity: 1, valueUsd: 1000 }]);
    expect(firearm.validUntil).toBe('2026-03-05');
  });
  it('is suspended, reinstated, revoked in part or in whole by BIS, and appealed within 45 days', () => {
    const l = licence([
      { eccn: '1A001.a', description: 'seals', quantity: 1, valueUsd: 1 },
      { eccn: '3B001.e', description: 'tools', quantity: 1, valueUsd: 1 },
    ]);
    expect(l.tryAct('suspend', 'compliance_officer', { on: '2025-04-01', text: 'x' })).toBe('CASE.FORBIDDEN');
    l.act('suspend', 'bis_officer', { on: '2025-04-01', text: 'pending a pre-license check' });
    expect(l.state).toBe('suspended');
    l.act('reinstate', 'bis_officer', { on: '2025-04-10', text: 'check favourable' });
    expect(l.tryAct('revoke_in_part', 'bis_officer', { on: '2025-04-11', lines: ['9A001'], text: 'x' })).toBe(
      'INPUT.INVALID',
    );
    l.act('revoke_in_part', 'bis_officer', { on: '2025-04-11', lines: ['3b001.e'], text: 'diversion risk' });
    expect(l.data.revokedItems).toEqual([{ item: 1, on: '2025-04-11', reason: 'diversion risk' }]);
    l.act('revoke', 'bis_officer', { on: '2025-05-01', text: 'false statement (§750.7(a)(2))' });
    expect(l.state).toBe('revoked');
    expect(l.tryAct('appeal', 'compliance_officer', { on: '2025-06-16', text: 's' })).toBe('CASE.DEADLINE');
    l.act('appeal', 'compliance_officer', { on: '2025-06-15', text: 'statement' });
    expect(l.state).toBe('revoked');
    l.act('reverse', 'bis_officer', { on: '2025-07-01', text: 'the statement was true' });
    expect(l.state).toBe('valid');
    expect(l.data.history.map((h) => h.action)).toEqual([
      'suspend',
      'reinstate',
      'revoke_in_part',
      'revoke',
      'appeal',
      'reverse',
    ]);
  });
  it('extends its validity only on a request made while valid, and keeps non-material changes on record', () => {
    const l = licence();
    expect(l.tryAct('extend', 'bis_officer', { on: '2025-04-01', validUntil: '2031-01-01' })).toBe(
      'CASE.INVALID_TRANSITION',
    );
    l.act('request_extension', 'compliance_officer', {
      on: '2025-04-01',
      text: 'multi-year project',
      validUntil: '2031-01-01',
    });
    expect(l.tryAct('extend', 'bis_officer', { on: '2025-04-02', validUntil: '2029-01-01' })).toBe(
      'INPUT.INVALID',
    );
    l.act('extend', 'bis_officer', { on: '2025-04-02', validUntil: '2031-01-01' });
    expect(l.data.validUntil).toBe('2031-01-01');
    expect(l.tryAct('request_extension', 'compliance_officer', { on: '2031-01-02', text: 'late' })).toBe(
      'CASE.DEADLINE',
    );
    expect(l.tryAct('record_change', 'compliance_officer', { on: '2025-04-03', text: 'new end user' })).toBe(
      'INPUT.INVALID',
    );
    l.act('record_change', 'compliance_officer', {
      on: '2025-04-03',
      change: 'c1vii',
      text: 'consignee moved within Shanghai',
    });
    expect(l.data.history.at(-1)?.text).toMatch(/change of address/);
  });
});
