import { describe, expect, it } from 'vitest';
import { loadRules } from '../../adapters/regulations/load-rules.js';
import type { HttError } from '../errors.js';
import {
  actOnVeuApplication,
  entryFromApproval,
  entryOn,
  ERC_MEMBERS,
  ineligibleVeuItems,
  newVeuApplication,
  publishToEntry,
  type VeuApplicationData,
  type VeuAppState,
} from './veu.js';

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

const request = {
  candidate: { name: 'Example Semiconductor (Shanghai) Co., Ltd.', address: 'No. 1 Example Road, Shanghai' },
  facilities: [
    { name: 'Facility A', address: 'No. 1 Example Road, Shanghai' },
    { name: 'Facility B', address: 'No. 2 Example Road, Shanghai' },
  ],
  items: ['3B001.e', '3C002'],
  civilEndUses: 'civil IC production',
  complianceProgram: 'ICP',
  consentToOnSiteReviews: true as const,
};

const fails = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as HttError).code;
  }
  return 'ok';
};

/** Through circulation and the given votes (agency -> vote). */
function reviewed(data: VeuApplicationData, votes: Record<string, 'approve' | 'deny'>) {
  let s: VeuAppState = 'draft';
  let d = data;
  ({ state: s, data: d } = actOnVeuApplication(s, d, 'submit', 'compliance_officer', { on: '2024-01-02' }));
  ({ state: s, data: d } = actOnVeuApplication(s, d, 'circulate', 'erc_member', { on: '2024-01-03' }));
  for (const [agency, vote] of Object.entries(votes))
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'vote', 'erc_member', {
      on: '2024-01-10',
      agency,
      vote,
    }));
  return { s, d };
}
const all = (vote: 'approve' | 'deny') => Object.fromEntries(ERC_MEMBERS.map((m) => [m, vote]));

describe('VEU entries take effect on publication in Supp. No. 7 (748.15(a)(1))', () => {
  it('approval creates an entry that authorizes nothing; publication makes it active from the effective date', () => {
    let { s, d } = reviewed(newVeuApplication(request, 'org-exp'), all('approve'));
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'approve', 'erc_member', { on: '2024-01-20' }));
    const pending = entryFromApproval('app-1', d);
    expect(entryOn('pending_publication', pending, '2024-03-01')).toMatchObject({ pendingPublication: true });
    // only BIS records the publication, with a Federal Register citation and an effective date on or after it
    expect(
      fails(() =>
        actOnVeuApplication(s, d, 'publish', 'erc_member', {
          on: '2024-02-01',
          citation: '89 FR 1',
          effectiveOn: '2024-02-01',
        }),
      ),
    ).toBe('CASE.FORBIDDEN');
    for (const bad of [
      { citation: 'FR 89 1', effectiveOn: '2024-03-01' },
      { citation: '89 FR 1', effectiveOn: '2024-01-31' },
      { citation: '89 FR 1' },
    ])
      expect(
        fails(() => actOnVeuApplication(s, d, 'publish', 'bis_officer', { on: '2024-02-01', ...bad })),
      ).toBe('INPUT.INVALID');
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'publish', 'bis_officer', {
      on: '2024-02-01',
      citation: '89 FR 7001',
      effectiveOn: '2024-03-01',
    }));
    expect(s).toBe('published');
    const { state, data } = publishToEntry('pending_publication', pending, 'app-1', d);
    expect(state).toBe('active');
    expect(data.entry).toMatchObject({
      effective: { from: '2024-03-01', to: null },
      citation: expect.stringContaining('89 FR 7001'),
      source: { notices: ['89 FR 7001'] },
    });
    expect(entryOn(state, data, '2024-02-15').eligibleItems).toEqual([]);
    expect(entryOn(state, data, '2024-03-01').eligibleItems).toEqual(['3B001.e', '3C002']);
    // published once
    expect(fails(() => publishToEntry(state, data, 'app-1', d))).toBe('CASE.INVALID_TRANSITION');
  });

  it('approves part of the request; what is left out is recorded with the reason', () => {
    const { s, d } = reviewed(newVeuApplication(request, 'org-exp'), all('approve'));
    const part = { on: '2024-01-20', items: ['3B001.e'], facilities: ['Facility A'] };
    expect(fails(() => actOnVeuApplication(s, d, 'approve', 'erc_member', part))).toBe('INPUT.INVALID');
    expect(
      fails(() =>
        actOnVeuApplication(s, d, 'approve', 'erc_member', { ...part, items: ['3B001.f'], text: 'x' }),
      ),
    ).toBe('INPUT.INVALID');
    const approved = actOnVeuApplication(s, d, 'approve', 'erc_member', {
      ...part,
      text: 'not shown to be needed',
    });
    expect(approved.data.decision).toEqual({
      items: ['3B001.e'],
      facilities: [request.facilities[0]],
      removeItems: [],
      removeFacilities: [],
      notApproved: [
        { kind: 'item', value: '3C002', reason: 'not shown to be needed' },
        {
          kind: 'facility',
          value: 'Facility B: No. 2 Example Road, Shanghai',
          reason: 'not shown to be needed',
        },
      ],
    });
    expect(entryFromApproval('app-1', approved.data).entry).toMatchObject({
      eligibleItems: ['3B001.e'],
      eligibleDestinations: ['Facility A: No. 1 Example Road, Shanghai'],
    });
  });
});

describe('amending a VEU entry (Supp. No. 9 to Part 748, paragraph (2))', () => {
  const published = () => {
    let { s, d } = reviewed(
      newVeuApplication({ ...request, facilities: [request.facilities[0]!] }, 'org-exp'),
      all('approve'),
    );
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'approve', 'erc_member', { on: '2024-01-20' }));
    ({ data: d } = actOnVeuApplication(s, d, 'publish', 'bis_officer', {
      on: '2024-02-01',
      citation: '89 FR 7001',
      effectiveOn: '2024-02-01',
    }));
    return publishToEntry('pending_publication', entryFromApproval('app-1', d), 'app-1', d).data;
  };
  const amendment = (
    add: string[],
    remove: string[],
    facilities: { name: string; address: string }[] = [],
  ) => ({
    ...newVeuApplication({ ...request, items: add, facilities }, 'org-exp'),
    entryId: 'veu-1',
    amends: { entryId: 'veu-1', removeItems: remove, removeFacilities: [], reason: 'new line' },
  });

  it('adds items by unanimous vote, in force from the amending rule; the entry keeps the history', () => {
    const entry = published();
    const threeOfFour = {
      Commerce: 'approve',
      State: 'approve',
      Defense: 'approve',
      Energy: 'deny',
    } as const;
    let { s, d } = reviewed(amendment(['3B001.f'], []), threeOfFour);
    expect(fails(() => actOnVeuApplication(s, d, 'approve', 'erc_member', { on: '2024-05-01' }))).toBe(
      'CASE.INVALID_TRANSITION',
    );
    ({ s, d } = reviewed(amendment(['3B001.f'], [], [request.facilities[1]!]), all('approve')));
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'approve', 'erc_member', { on: '2024-05-01' }));
    ({ data: d } = actOnVeuApplication(s, d, 'publish', 'bis_officer', {
      on: '2024-05-10',
      citation: '89 FR 9001',
      effectiveOn: '2024-06-01',
    }));
    const next = publishToEntry('active', entry, 'app-2', d);
    expect(next.data.entry.effective.from).toBe('2024-02-01');
    expect(entryOn('active', next.data, '2024-05-31')).toMatchObject({
      eligibleItems: ['3B001.e', '3C002'],
      eligibleDestinations: ['Facility A: No. 1 Example Road, Shanghai'],
    });
    expect(entryOn('active', next.data, '2024-06-01')).toMatchObject({
      eligibleItems: ['3B001.e', '3C002', '3B001.f'],
      eligibleDestinations: [
        'Facility A: No. 1 Example Road, Shanghai',
        'Facility B: No. 2 Example Road, Shanghai',
      ],
    });
  });

  it('removes items by majority vote, ending them the day before the amending rule takes effect', () => {
    const entry = published();
    const threeOfFour = {
      Commerce: 'approve',
      State: 'approve',
      Defense: 'approve',
      Energy: 'deny',
    } as const;
    let { s, d } = reviewed(amendment([], ['3C002']), threeOfFour);
    expect(fails(() => actOnVeuApplication(s, d, 'deny', 'erc_member', { on: '2024-05-01' }))).toBe(
      'CASE.INVALID_TRANSITION',
    );
    ({ state: s, data: d } = actOnVeuApplication(s, d, 'approve', 'erc_member', { on: '2024-05-01' }));
    ({ data: d } = actOnVeuApplication(s, d, 'publish', 'bis_officer', {
      on: '2024-05-10',
      citation: '89 FR 9002',
      effectiveOn: '2024-05-10',
    }));
    const next = publishToEntry('active', entry, 'app-3', d).data;
    expect(entryOn('active', next, '2024-05-09').eligibleItems).toEqual(['3B001.e', '3C002']);
    expect(entryOn('active', next, '2024-05-10').eligibleItems).toEqual(['3B001.e']);
    expect(next.eligibility).toContainEqual(
      expect.objectContaining({ value: '3C002', from: '2024-02-01', to: '2024-05-09' }),
    );
    // two of four is no majority
    const half = reviewed(amendment([], ['3C002']), {
      Commerce: 'approve',
      State: 'approve',
      Defense: 'deny',
      Energy: 'deny',
    });
    expect(
      fails(() => actOnVeuApplication(half.s, half.d, 'approve', 'erc_member', { on: '2024-05-01' })),
    ).toBe('CASE.INVALID_TRANSITION');
    expect(actOnVeuApplication(half.s, half.d, 'deny', 'erc_member', { on: '2024-05-01' }).state).toBe(
      'denied',
    );
  });
});
