/**
 * Properties of the evaluator over random input: it never crashes, never answers NLR for a listed party or a
 * controlled item to China, and gives the same answer to the same question.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../app/check.js';
import { loadRules } from '../../adapters/regulations/load-rules.js';
import { checkResult, type CheckInputRaw } from '../../contracts/check.js';
import { HttError } from '../errors.js';

const services = { rules: loadRules(), today: () => '2026-11-28' };
const ECCNS = [
  'EAR99',
  '3B001',
  '3B001.e',
  '3B001.c.1.a',
  '3A090.a',
  '3A090.b',
  '4A090.a',
  '9A991',
  '5A992.c',
  '1A001.a',
  '2A291',
  '6A003.b.4',
  '5A002',
  '4A003.b',
  '3E001',
  '1C350',
  '3A991',
  '0A501',
  '9E999',
];
const REASONS = ['NS1', 'NS2', 'RS', 'RS1', 'AT1', 'CC1', 'MT1', 'NP2', 'CB2', 'EI', 'CW', 'UN', 'NS'];
const LISTS = ['ENTITY_LIST', 'MEU', 'UVL', 'DPL', 'SDN', 'CMIC'] as const;

const date = fc
  .date({ min: new Date('1999-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const item = fc.record(
  {
    eccn: fc.constantFrom(...ECCNS),
    kind: fc.constantFrom('commodity', 'software', 'technology'),
    valueUsd: maybe(fc.double({ min: 0, max: 10_000_000, noNaN: true })),
    controlReasons: maybe(fc.uniqueArray(fc.constantFrom(...REASONS), { maxLength: 3 })),
    computer: maybe(fc.boolean()),
    dataCenter: maybe(fc.boolean()),
    replacementParts: maybe(fc.boolean()),
    temporaryExhibit: maybe(fc.boolean()),
  },
  { requiredKeys: ['eccn'] },
);
const party = fc.record(
  {
    role: fc.constantFrom('end_user', 'ultimate_consignee', 'intermediate_consignee', 'purchaser'),
    name: fc.constantFrom(
      'Example Co., Ltd.',
      'Samsung China Semiconductor Co. Ltd.',
      'SMIC',
      '某某科技有限公司',
    ),
    country: maybe(fc.constantFrom('CN', 'HK', 'MO', 'US')),
    type: maybe(
      fc.constantFrom('company', 'government', 'military', 'university', 'person', 'us_government_agency'),
    ),
    lists: maybe(fc.uniqueArray(fc.constantFrom(...LISTS), { maxLength: 2 })),
    owners: maybe(
      fc.array(
        fc.record({
          name: fc.constant('Owner Co.'),
          percent: fc.integer({ min: 0, max: 100 }),
          lists: maybe(fc.uniqueArray(fc.constantFrom(...LISTS), { maxLength: 1 })),
        }),
        { maxLength: 2 },
      ),
    ),
  },
  { requiredKeys: ['role', 'name'] },
);
const endUse = fc.record(
  {
    military: maybe(fc.boolean()),
    militaryEndUser: maybe(fc.boolean()),
    militaryIntelligence: maybe(fc.boolean()),
    supercomputer: maybe(fc.boolean()),
    advancedNodeFab: maybe(fc.boolean()),
    wmd: maybe(fc.boolean()),
  },
  { requiredKeys: [] },
);
const input: fc.Arbitrary<CheckInputRaw> = fc.record(
  {
    asOf: date,
    destination: fc.constantFrom('CN', 'HK', 'MO'),
    items: fc.array(item, { minLength: 1, maxLength: 4 }),
    parties: fc.array(party, { minLength: 1, maxLength: 3 }),
    endUse,
    veu: maybe(
      fc.record(
        {
          validatedEndUser: fc.constantFrom('Samsung China Semiconductor Co. Ltd.', 'SMIC', 'Nobody'),
          facility: maybe(fc.constantFrom("Xi'an", 'Shanghai')),
        },
        { requiredKeys: ['validatedEndUser'] },
      ),
    ),
  },
  { requiredKeys: ['destination', 'items', 'parties'] },
) as fc.Arbitrary<CheckInputRaw>;

const drop = <T extends object>(o: T): T => JSON.parse(JSON.stringify(o));

describe('evaluator properties', () => {
  it('never crashes on arbitrary JSON: an answer or a stable input error', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        try {
          runCheck(services, data);
        } catch (e) {
          expect(e).toBeInstanceOf(HttError);
          expect((e as HttError).code).toMatch(/^INPUT\./);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers every well-formed input with a result that matches the output contract', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const r = runCheck(services, drop(raw));
        expect(checkResult.safeParse(r).success).toBe(true);
        if (r.authorization === 'INDETERMINATE') expect(r.missing.length).toBeGreaterThan(0);
        else expect(r.missing).toEqual([]);
        if (r.authorization === 'NLR') expect(r.licenseRequired).toBe(false);
        if (
          r.authorization === 'LICENSE' ||
          r.authorization === 'VEU' ||
          r.authorization === 'LICENSE_EXCEPTION'
        )
          expect(r.licenseRequired).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never answers NLR when a party is on the Entity List or a denied person', () => {
    fc.assert(
      fc.property(
        input,
        fc.constantFrom('ENTITY_LIST', 'DPL') as fc.Arbitrary<'ENTITY_LIST' | 'DPL'>,
        (raw, list) => {
          const listed = drop({
            ...raw,
            parties: [
              { role: 'end_user' as const, name: 'Listed Co.', lists: [list] },
              ...(raw.parties ?? []),
            ],
          });
          const r = runCheck(services, listed);
          expect(r.authorization).not.toBe('NLR');
          expect(['LICENSE', 'INDETERMINATE']).toContain(r.authorization);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never answers NLR for an item controlled for NS2 to China', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const controlled = drop({
          ...raw,
          destination: 'CN',
          items: [{ eccn: '1A001.a', valueUsd: 1000, controlReasons: ['NS2'] }, ...raw.items],
        });
        const r = runCheck(services, controlled);
        expect(r.authorization).not.toBe('NLR');
        expect(r.licenseRequired === true || r.authorization === 'INDETERMINATE').toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives identical output for identical input', () => {
    fc.assert(
      fc.property(input, (raw) => {
        expect(JSON.stringify(runCheck(services, drop(raw)))).toBe(
          JSON.stringify(runCheck(services, drop(raw))),
        );
      }),
      { numRuns: 200 },
    );
  });
});
