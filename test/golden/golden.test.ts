/**
 * The golden cases (cases/, a verbatim copy of the team's golden set, listed with their sha256 in MANIFEST):
 * high and medium confidence are asserted, low confidence reported, `skip` skipped. See README.md.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, afterAll } from 'vitest';
import { runCheck } from '../../src/app/check.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import { mismatches, withFacts, type Expectation } from '../support/expectations.js';

interface GoldenCase {
  id: string;
  title: string;
  confidence: 'high' | 'medium' | 'low';
  citation: string;
  input: unknown;
  expected: Expectation;
  fixtures?: unknown;
  skip?: string;
}

const dir = join(import.meta.dirname, 'cases');
const cases: GoldenCase[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
const facts: Record<string, { set: Record<string, unknown> }> = JSON.parse(readFileSync(join(import.meta.dirname, 'facts.json'), 'utf8'));
const disagreements: Record<string, { answer: Expectation['authorization']; missing: string[] }> = JSON.parse(
  readFileSync(join(import.meta.dirname, 'disagreements.json'), 'utf8'),
);
const services = { rules: loadRules(), today: () => '2026-11-28' };
const report: string[] = [];

const run = (c: GoldenCase) => runCheck(services, facts[c.id] ? withFacts(c.input, facts[c.id]!.set) : c.input, c.fixtures);

describe('golden cases', () => {
  it('holds the full golden set, byte for byte as MANIFEST lists it', () => {
    const manifest = readFileSync(join(import.meta.dirname, 'MANIFEST'), 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const m = /^([0-9a-f]{64}) {2}(GC-\d{3}\.json)$/.exec(line);
        expect(m, `MANIFEST line "${line}"`).not.toBeNull();
        return { sha256: m![1]!, file: m![2]! };
      });
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(files).toEqual(manifest.map((m) => m.file).sort());
    for (const m of manifest) {
      expect(createHash('sha256').update(readFileSync(join(dir, m.file))).digest('hex'), m.file).toBe(m.sha256);
    }
    expect(cases.map((c) => `${c.id}.json`)).toEqual(files);
  });
  for (const c of cases) {
    if (c.skip && !facts[c.id]) {
      it.skip(`${c.id} ${c.title} (skipped: ${c.skip})`, () => {});
      continue;
    }
    if (c.confidence === 'low') {
      it(`${c.id} ${c.title} [low confidence: reported, not asserted]`, () => {
        const problems = mismatches(run(c), c.expected);
        report.push(`${c.id} (low): ${problems.length ? `differs: ${problems.join('; ')}` : 'agrees'}`);
      });
      continue;
    }
    const disagreement = disagreements[c.id];
    if (disagreement) {
      it(`${c.id} ${c.title} [documented disagreement: answers ${disagreement.answer}]`, () => {
        const r = run(c);
        expect(mismatches(r, { authorization: disagreement.answer, missing: disagreement.missing })).toEqual([]);
      });
      continue;
    }
    it(`${c.id} ${c.title} [${c.confidence}]`, () => {
      expect(mismatches(run(c), c.expected)).toEqual([]);
    });
  }
  afterAll(() => {
    if (report.length) console.log(`Low-confidence golden cases:\n  ${report.join('\n  ')}`);
  });
});
