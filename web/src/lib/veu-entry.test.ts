import { describe, expect, it } from 'vitest';
import { buildVeuAmendment, facilityName, revocationTally, veuEntryActions } from './veu-entry';

const entry = {
  eligibleItems: ['3B001.e', '3B001.f'],
  eligibleDestinations: ['Facility A: 1 Zhangjiang Road, Shanghai', 'Facility B: 2 Chuangye Road, Wuxi'],
};

describe('VEU entry actions and the amendment', () => {
  it('offers certification and amendment to the exporter, the revocation vote to the ERC, on an active entry only', () => {
    const names = (state: string, role: string) =>
      veuEntryActions(state, role, { entry }).map((a) => a.action);
    expect(names('active', 'compliance_officer')).toEqual(['certifications', 'amendments']);
    expect(names('active', 'erc_member')).toEqual(['revocation-votes']);
    expect(names('revoked', 'erc_member')).toEqual([]);
    expect(names('active', 'auditor')).toEqual([]);
    expect(names('active', 'bis_officer')).toEqual([]);
    // the amendment's removals are chosen among what the entry has; it takes no date
    const amend = veuEntryActions('active', 'compliance_officer', { entry })[1]!;
    expect(amend.noDate).toBe(true);
    expect(amend.fields.find((f) => f.name === 'removeFacilities')?.options).toEqual([
      'Facility A',
      'Facility B',
    ]);
  });

  it('builds the amendment body: ECCNs by line or comma, facilities as "name: address"', () => {
    expect(
      buildVeuAmendment(
        {
          addItems: '3B001.a, 3b001.c\n',
          addFacilities: 'Facility C: 9 Jinke Road, Pudong, Shanghai',
          removeItems: ['3B001.f'],
          removeFacilities: ['Facility B'],
          reason: 'new line at Facility C',
        },
        entry,
      ),
    ).toEqual({
      ok: true,
      body: {
        addItems: ['3B001.a', '3b001.c'],
        addFacilities: [{ name: 'Facility C', address: '9 Jinke Road, Pudong, Shanghai' }],
        removeItems: ['3B001.f'],
        removeFacilities: ['Facility B'],
        reason: 'new line at Facility C',
      },
    });
  });

  it('says at the field what the server would refuse', () => {
    const problems = (values: Record<string, string | string[]>) => {
      const b = buildVeuAmendment(values, entry);
      return b.ok ? [] : b.problems.map((p) => `${p.field}:${p.key}`);
    };
    expect(problems({})).toEqual(['reason:decision.required', 'addItems:veuEntry.err.noChange']);
    expect(problems({ addItems: 'not an eccn', reason: 'r' })).toEqual(['addItems:veuEntry.err.eccn']);
    expect(problems({ addItems: '3b001.E', reason: 'r' })).toEqual(['addItems:veuEntry.err.eligible']);
    expect(problems({ addFacilities: 'Facility C', reason: 'r' })).toEqual([
      'addFacilities:veuEntry.err.facility',
    ]);
    expect(problems({ removeItems: ['3B001.e'], reason: 'r' })).toEqual([]);
  });

  it('names facilities and counts the revocation vote against a majority', () => {
    expect(facilityName('Facility A: 1 Zhangjiang Road, Shanghai')).toBe('Facility A');
    expect(facilityName('Plant 7')).toBe('Plant 7');
    expect(revocationTally([{ vote: 'approve' }, { vote: 'deny' }, { vote: 'approve' }])).toEqual({
      revoke: 2,
      keep: 1,
      needed: 3,
    });
  });
});
