import { describe, expect, it } from 'vitest';
import { loadRules } from '../../adapters/regulations/load-rules.js';
import { dueDate, tick, type Clock } from './clock.js';
import { deadlinesOf } from './deadlines.js';
import { newEusRequest } from './end-user-statement.js';
import { newLicenseApplication } from './license-application.js';
import { newVeuApplication } from './veu.js';

describe('due dates of stoppable clocks', () => {
  let c: Clock = tick([], { type: 'start', on: '2024-03-01' });
  it('is the day the clock reaches its days, stops excluded', () => {
    expect(dueDate([], 9, '2024-03-01')).toBeNull();
    expect(dueDate(c, 9, '2024-03-01')).toBe('2024-03-10');
    c = tick(c, { type: 'stop', on: '2024-03-05' });
    // stopped after 4 days: 5 to go, counted from today while it stays stopped
    expect(dueDate(c, 9, '2024-03-12')).toBe('2024-03-17');
    c = tick(c, { type: 'resume', on: '2024-03-15' });
    expect(dueDate(c, 9, '2024-03-16')).toBe('2024-03-20');
    // reached before a later stop: the day it was reached
    expect(dueDate(c, 2, '2024-04-01')).toBe('2024-03-03');
    expect(dueDate(c, 30, '2024-04-01')).toBe('2024-04-10');
  });
});

const rules = loadRules();

describe('deadlinesOf', () => {
  const input = {
    destination: 'CN' as const,
    parties: [{ role: 'end_user' as const, name: 'Example Co.', country: 'CN' }],
    items: [{ eccn: '1A001.a', description: 'seals', quantity: 1, valueUsd: 10 }],
    endUse: 'civil',
  };
  it('dates the 750.4 deadlines of a registered, then referred application', () => {
    const app = {
      ...newLicenseApplication(input as never, 'org-exp'),
      registeredOn: '2024-03-01',
      clock: tick([], { type: 'start', on: '2024-03-01' }),
    };
    expect(
      deadlinesOf('license_application', { state: 'registered', data: app }, '2024-03-12', rules),
    ).toEqual([
      {
        what: 'BIS acts on or refers the application',
        message: { key: 'clock.bis_acts', params: {} },
        citation: '15 CFR 750.4(a)(2), (c)',
        dueOn: '2024-03-10',
        overdue: true,
        forRole: 'bis_officer',
        actions: [
          'license_application.refer',
          'license_application.approve',
          'license_application.intent_to_deny',
          'license_application.request_info',
          'license_application.return',
        ],
      },
      expect.objectContaining({ citation: '15 CFR 750.4(a)(1)', dueOn: '2024-05-30', overdue: false }),
    ]);
    const referred = { ...app, referredOn: '2024-03-05', agencies: ['DoD'] };
    expect(
      deadlinesOf('license_application', { state: 'referred', data: referred }, '2024-03-12', rules).map(
        (d) => [d.citation, d.dueOn, d.forRole],
      ),
    ).toEqual([
      ['15 CFR 750.4(d)(2), (e)', '2024-04-04', 'agency_reviewer'],
      ['15 CFR 750.4(a)(1)', '2024-05-30', 'bis_officer'],
    ]);
    expect(
      deadlinesOf('license_application', { state: 'withdrawn', data: app }, '2024-03-12', rules),
    ).toEqual([]);
  });
  it('dates the MOFCOM review target and the ERC decision', () => {
    const eus = {
      ...newEusRequest(
        {
          exporterOrgId: 'o',
          exporterName: 'E',
          importerName: 'I',
          endUser: { name: 'U' },
          endUse: 'civil',
          items: [{ description: 'seals', quantity: 1, valueUsd: 1 }],
        } as never,
        'org-imp',
        20,
      ),
      clock: tick([], { type: 'start', on: '2024-03-01' }),
    };
    expect(deadlinesOf('eus_request', { state: 'submitted', data: eus }, '2024-03-05', rules)).toMatchObject([
      { dueOn: '2024-03-21', overdue: false, forRole: 'mofcom_officer' },
    ]);
    const veu = {
      ...newVeuApplication({} as never, 'org-exp'),
      clock: tick([], { type: 'start', on: '2024-03-01' }),
    };
    expect(
      deadlinesOf('veu_application', { state: 'under_review', data: veu }, '2024-04-05', rules),
    ).toMatchObject([{ dueOn: '2024-03-31', overdue: true, forRole: 'erc_member' }]);
    expect(deadlinesOf('transaction', { state: 'open', data: {} }, '2024-04-05', rules)).toEqual([]);
  });
});
