/**
 * Checks with the shipped list snapshot: every party is screened, and Entity List, MEU and UVL hits feed
 * the determination unless the party's lists are stated.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultScreener } from '../../src/adapters/lists/default-screener.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { runCheck, type CheckServices } from '../../src/app/check.js';
import { mismatches, withFacts, type Expectation } from '../support/expectations.js';

const civil = {
  military: false,
  militaryEndUser: false,
  militaryIntelligence: false,
  supercomputer: false,
  advancedNodeFab: false,
  wmd: false,
};
const check = (name: string, extra: Record<string, unknown> = {}) => ({
  asOf: '2024-06-01',
  destination: 'CN',
  items: [{ eccn: 'EAR99', valueUsd: 20000 }],
  parties: [{ role: 'end_user', name, country: 'CN', ...extra }],
  endUse: civil,
});

let services: CheckServices;
beforeAll(() => {
  services = { rules: loadRules(), screener: loadDefaultScreener(), today: () => '2026-11-28' };
}, 60_000);

describe('checks screened against the shipped lists', () => {
  it('finds an Entity List party by its Chinese name and requires a license for EAR99', () => {
    const r = runCheck(services, check('华为技术有限公司'));
    expect(r.authorization).toBe('LICENSE');
    expect(r.reasons[0]).toMatchObject({ code: 'ENTITY_LIST', party: 0 });
    expect(r.reasons[0]?.explanation).toMatch(/screening match: "Huawei Technologies/);
    expect(r.lists).toMatch(/^csl@2026-07-31/);
    expect(r.screening[0]?.applied).toBe(true);
    expect(r.unconfirmed.some((u) => u.datum.includes('inferred from the list snapshot'))).toBe(true);
  });
  it('answers NLR for an unlisted company, with no hits', () => {
    const r = runCheck(services, check('Shenzhen Example Precision Manufacturing Co., Ltd.'));
    expect(r.authorization).toBe('NLR');
    expect(r.screening[0]?.hits).toEqual([]);
  });
  it("honours an analyst's clearance of the matching entries", () => {
    const first = runCheck(services, check('Huawei Technologies Co., Ltd.'));
    const cleared = first.screening[0]!.hits.map((h) => h.id);
    const r = runCheck(services, check('Huawei Technologies Co., Ltd.', { cleared }));
    expect(r.authorization).toBe('NLR');
  });
  it('shows hits but applies the stated lists when the caller states them', () => {
    const r = runCheck(services, check('Huawei Technologies Co., Ltd.', { lists: [] }));
    expect(r.authorization).toBe('NLR');
    expect(r.screening[0]?.applied).toBe(false);
    expect(r.screening[0]?.hits.length).toBeGreaterThan(0);
  });
  it('applies a UVL hit: UVL statement and EEI for an otherwise-NLR export', () => {
    const r = runCheck(services, check('Beijing Jin Sheng Bo Yue Technology Co., Ltd.'));
    expect(r.screening[0]?.hits.some((h) => h.list === 'UVL')).toBe(true);
    expect(r.authorization).toBe('NLR');
    expect(r.reasons.map((x) => x.code)).toContain('UVL');
    expect(r.documents.map((d) => d.type)).toEqual(expect.arrayContaining(['UVL_STATEMENT', 'EEI']));
  });
  it('replays history with the lists as they were: an entry not yet cited on asOf is not applied', () => {
    // Huawei's earliest citation is 84 FR 22963 (2019); on 2018-06-01 it was not on the Entity List
    const r = runCheck(services, { ...check('Huawei Technologies Co., Ltd.'), asOf: '2018-06-01' });
    expect(r.reasons.map((x) => x.code)).not.toContain('ENTITY_LIST');
    expect(
      r.notes.some((n) =>
        /not yet listed on 2018-06-01: its earliest Federal Register citation, 84 FR 22963/.test(n),
      ),
    ).toBe(true);
    const later = runCheck(services, { ...check('Huawei Technologies Co., Ltd.'), asOf: '2019-07-01' });
    expect(later.authorization).toBe('LICENSE');
  });
  it('says membership is unconfirmed when the citation is dated only to a range holding asOf', () => {
    // 84 FR 22963 lies between dated pages of 2019-04-01 and 2019-06-12 in our citation table
    const r = runCheck(services, { ...check('Huawei Technologies Co., Ltd.'), asOf: '2019-05-01' });
    expect(r.authorization).toBe('INDETERMINATE');
    expect(r.missing.map((m) => m.input)).toContain('parties[0].lists');
    expect(r.missing[0]?.why).toMatch(/unconfirmed: its earliest Federal Register citation, 84 FR \d+/);
  });
  it('says that parties removed before the snapshot cannot be known for a past date', () => {
    const r = runCheck(services, check('Shenzhen Example Precision Manufacturing Co., Ltd.'));
    expect(r.authorization).toBe('NLR');
    expect(r.unconfirmed.some((u) => /holds no removal records/.test(u.datum))).toBe(true);
  });
  it('gives the golden answers with screening switched on', () => {
    const dir = join(import.meta.dirname, '../golden/cases');
    const facts: Record<string, { set: Record<string, unknown> }> = JSON.parse(
      readFileSync(join(import.meta.dirname, '../golden/facts.json'), 'utf8'),
    );
    const disagreements = JSON.parse(
      readFileSync(join(import.meta.dirname, '../golden/disagreements.json'), 'utf8'),
    );
    for (const f of readdirSync(dir)) {
      const c = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      if (c.confidence === 'low' || disagreements[c.id] || (c.skip && !facts[c.id])) continue;
      const r = runCheck(services, facts[c.id] ? withFacts(c.input, facts[c.id]!.set) : c.input, c.fixtures);
      expect([c.id, mismatches(r, c.expected as Expectation)]).toEqual([c.id, []]);
    }
  });
});
