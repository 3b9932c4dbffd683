import { describe, expect, it } from 'vitest';
import { HttError } from '../../core/errors.js';
import {
  buildRuleSet,
  checkFamilyDates,
  rulesInForce,
  versionAt,
  type RuleSources,
} from '../../core/rules/rule-set.js';
import { defaultRegulationsDir, loadRules, readRuleSources } from './load-rules.js';

const fresh = (): RuleSources => structuredClone(readRuleSources(defaultRegulationsDir()));
type Family = { id: string; versions: Record<string, unknown>[] };
const family = (s: RuleSources, id: string): Family => {
  for (const f of s.ruleFiles) {
    const hit = (f.content as { families: Family[] }).families.find((x) => x.id === id);
    if (hit) return hit;
  }
  throw new Error(`no family ${id}`);
};
const problemsOf = (s: RuleSources): string => {
  try {
    buildRuleSet(s);
  } catch (e) {
    expect(e).toBeInstanceOf(HttError);
    expect((e as HttError).code).toBe('RULES.INVALID');
    return (e as HttError).message;
  }
  throw new Error('expected the load checks to fail');
};

describe('the shipped regulation data', () => {
  it('loads and passes every check', () => {
    const rules = loadRules();
    expect(rules.ccl.size).toBe(633);
    expect(Object.keys(rules.countryChart.countries).length).toBeGreaterThan(190);
    expect(rules.hash).toMatch(/^[0-9a-f]{16}$/);
  });
  it('gives exactly one version of every family on any date', () => {
    const rules = loadRules();
    for (const date of [
      '1999-01-01',
      '2007-06-18',
      '2007-06-19',
      '2020-06-28',
      '2020-06-29',
      '2025-11-10',
      '2030-01-01',
    ]) {
      expect(rulesInForce(rules, date).length).toBe(rules.families.size);
    }
  });
  it('dates the China rules as the sources say', () => {
    const rules = loadRules();
    expect(versionAt(rules, '744.21', '2007-06-18').status).toBe('not_in_force');
    expect(versionAt(rules, '744.21', '2007-06-19').params).toMatchObject({ endUse: true, endUser: false });
    expect(versionAt(rules, '744.21', '2020-06-29').params).toMatchObject({ endUser: true });
    expect(versionAt(rules, 'exception.CIV', '2020-06-28').status).toBe('in_force');
    expect(versionAt(rules, 'exception.CIV', '2020-06-29').status).toBe('not_in_force');
    expect(versionAt(rules, 'country-chart.CN', '2023-08-10').params).toMatchObject({ remove: ['NP2'] });
    expect(versionAt(rules, 'destination.HK', '2020-12-23').params).toMatchObject({ treatAs: 'CN' });
    expect(versionAt(rules, 'affiliates-rule', '2025-11-10').status).toBe('suspended');
    // the suspension ran "through November 9, 2026"; no extension is in our sources, so it applies again, flagged
    const after = versionAt(rules, 'affiliates-rule', '2026-11-10');
    expect(after.status).toBe('in_force');
    expect(after.unconfirmed.join(' ')).toMatch(/no extension/i);
  });
  it('reproduces the same hash from the same files', () => {
    expect(buildRuleSet(fresh()).hash).toBe(buildRuleSet(fresh()).hash);
  });
});

describe('the first five PRC VEUs (72 FR 59164, effective 2007-11-19)', () => {
  it('are the five named by contemporary coverage, with no Lam Research Service Co.', () => {
    const first = loadRules()
      .veuEntries.filter((e) => e.effective.from === '2007-11-19')
      .map((e) => e.validatedEndUser)
      .sort();
    expect(first).toEqual([
      'Applied Materials China, Ltd.',
      'Boeing Tianjin Composites Co. Ltd.',
      'National Semiconductor Technology (Suzhou) Co., Ltd.',
      'Semiconductor Manufacturing International Corporation',
      'Shanghai Hua Hong NEC Electronics Co., Ltd.',
    ]);
  });
});

describe('load checks reject bad regulation data', () => {
  it('rejects a gap between versions', () => {
    const s = fresh();
    family(s, '744.22').versions[1]!.from = '2021-03-20';
    expect(problemsOf(s)).toMatch(/744\.22.*gap from 2021-03-16 to 2021-03-19/);
  });
  it('rejects overlapping versions', () => {
    const s = fresh();
    family(s, '744.22').versions[1]!.from = '2021-03-10';
    expect(problemsOf(s)).toMatch(/744\.22.*overlaps/);
  });
  it('rejects a version without a citation', () => {
    const s = fresh();
    family(s, 'uvl').versions[0]!.citation = '';
    expect(problemsOf(s)).toMatch(/every version needs a citation/);
  });
  it('rejects a source naming an unknown Federal Register notice', () => {
    const s = fresh();
    family(s, 'meu-list').versions[1]!.source = { notices: ['99 FR 12345'] };
    expect(problemsOf(s)).toMatch(/unknown notice "99 FR 12345"/);
  });
  it('rejects a version without any source', () => {
    const s = fresh();
    family(s, 'meu-list').versions[1]!.source = {};
    expect(problemsOf(s)).toMatch(/a source needs a notice/);
  });
  it('rejects bad parameters and unconfirmed versions that do not say what is unconfirmed', () => {
    const s = fresh();
    family(s, 'prc-end-user-statement').versions[2]!.params = { threshold: 'fifty thousand' };
    family(s, 'eei').versions[0]!.confidence = 'unconfirmed';
    family(s, 'eei').versions[0]!.unconfirmed = [];
    const message = problemsOf(s);
    expect(message).toMatch(/prc-end-user-statement version 3: params\.threshold/);
    expect(message).toMatch(/eei version 1: an unconfirmed version must say what is unconfirmed/);
  });
  it('rejects a missing family and an unknown one', () => {
    const s = fresh();
    family(s, 'uvl').id = 'uvl-typo';
    const message = problemsOf(s);
    expect(message).toMatch(/unknown family/);
    expect(message).toMatch(/rule family uvl is missing/);
  });
  it('rejects an ECCN read as a number (unquoted 9E991 in YAML)', () => {
    const s = fresh();
    (family(s, '744-supp2').versions[1]!.params as { entries: { eccn: unknown }[] }).entries[0]!.eccn =
      Number('9e991');
    expect(problemsOf(s)).toMatch(/744-supp2 version 2: params\.entries\.0\.eccn/);
  });
  it('checks a family on its own', () => {
    expect(
      checkFamilyDates({
        id: 'x',
        title: 'x',
        versions: [
          {
            from: '2000-01-01',
            to: null,
            status: 'in_force',
            citation: 'c',
            source: { notices: [], secondary: ['s'] },
            confidence: 'confirmed',
            unconfirmed: [],
            summary: 's',
            params: {},
          },
        ],
      }),
    ).toEqual([expect.stringMatching(/must start at the beginning of time/)]);
  });
});
