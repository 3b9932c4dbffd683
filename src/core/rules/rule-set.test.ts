import { describe, expect, it } from 'vitest';
import { evidenceProblems, fragmentProblem } from './rule-set.js';

describe('fragmentProblem (unconfirmed notes split by a YAML flow list)', () => {
  it('rejects the halves of a sentence split at its comma', () => {
    // the CIV note as the flow list `[Which ... 2026 text, after CIV was removed),]` read it
    expect(
      fragmentProblem('Which ECCNs carried "CIV - Yes" is not in our data (the CCL we hold is the 2026 text'),
    ).not.toBeNull();
    expect(fragmentProblem('after CIV was removed)')).not.toBeNull();
    expect(fragmentProblem('and the scope of the Temporary General License to 2025-11-28')).not.toBeNull();
    expect(fragmentProblem('the listing date,')).not.toBeNull();
  });
  it('accepts whole sentences and short noun phrases', () => {
    expect(
      fragmentProblem(
        'Which ECCNs carried "CIV - Yes" is not in our data (the CCL we hold is the 2026 text, after CIV was removed)',
      ),
    ).toBeNull();
    expect(fragmentProblem('eligible items')).toBeNull();
    expect(
      fragmentProblem('whether §744.23 took effect on 2022-10-07 or 2022-10-21 (staggered dates)'),
    ).toBeNull();
  });
});

describe('evidenceProblems (what a version claims about its sources)', () => {
  const v = (over: object) => ({
    confidence: 'confirmed',
    source: { notices: [], secondary: ['S-X'] },
    unconfirmed: [],
    ...over,
  });
  it('rejects confirmed with only secondary sources', () => {
    expect(evidenceProblems(v({}))).toHaveLength(1);
    expect(evidenceProblems(v({ source: { notices: ['72 FR 33646'], secondary: [] } }))).toEqual([]);
    expect(evidenceProblems(v({ source: { notices: [], ecfr: '2025-01-16', secondary: [] } }))).toEqual([]);
    expect(evidenceProblems(v({ confidence: 'secondary' }))).toEqual([]);
  });
  it('rejects a list whose count differs from the rule unless a note names both numbers', () => {
    const list = { officialCount: 2, entries: [1, 2, 3] };
    expect(evidenceProblems(v({ confidence: 'unconfirmed', params: list }))).toHaveLength(1);
    expect(
      evidenceProblems(
        v({
          confidence: 'unconfirmed',
          params: list,
          unconfirmed: ['the list holds 3 entries where the rule has 2'],
        }),
      ),
    ).toEqual([]);
  });
});
