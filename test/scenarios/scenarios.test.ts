/**
 * The repository's own regulation scenarios (regulations/scenarios/*.json): input, asOf and overlay ->
 * expected outcome, each with the rule it exercises. Read them as examples of the rules.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/app/check.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { mismatches, type Expectation } from '../support/expectations.js';

interface Scenario {
  id: string;
  title: string;
  citation: string;
  input: unknown;
  overlay?: unknown;
  expected: Expectation;
}

const dir = join(import.meta.dirname, '../../regulations/scenarios');
const scenarios: Scenario[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
const services = { rules: loadRules(), today: () => '2026-11-28' };

describe('regulation scenarios', () => {
  it('has scenarios', () => expect(scenarios.length).toBeGreaterThan(30));
  for (const s of scenarios) {
    it(`${s.id}: ${s.title} (${s.citation})`, () => {
      expect(mismatches(runCheck(services, s.input, s.overlay), s.expected)).toEqual([]);
    });
  }
});
