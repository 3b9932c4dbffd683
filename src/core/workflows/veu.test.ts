import { describe, expect, it } from 'vitest';
import { loadRules } from '../../adapters/regulations/load-rules.js';
import { ineligibleVeuItems } from './veu.js';

const rules = loadRules();

describe('VEU item eligibility at request time (748.15(c)(1))', () => {
  it('refuses items controlled for MT or CC reasons, and asks for the paragraph where only part is', () => {
    const problems = ineligibleVeuItems(rules, '2024-06-01', [
      '3B001.e',
      '0A503',
      '0A505',
      '0A505.b',
      '0A505.a',
    ]);
    expect(problems.map((p) => [p.index, p.eccn])).toEqual([
      [1, '0A503'],
      [2, '0A505'],
      [3, '0A505.b'],
    ]);
    expect(problems[0]!.why).toMatch(/controlled for CC reasons, which may not go under VEU/);
    expect(problems[1]!.why).toMatch(/name the paragraph/);
  });
  it('says an unknown ECCN is not on the CCL', () => {
    expect(ineligibleVeuItems(rules, '2024-06-01', ['9Z999'])).toEqual([
      expect.objectContaining({ why: expect.stringContaining('not an ECCN on the Commerce Control List') }),
    ]);
  });
});
