import { describe, expect, it } from 'vitest';
import { countLists, updateProblems, type UpdateLimits } from './update-limits.js';

const limits: UpdateLimits = {
  refuseDroppedList: true,
  default: { maxDropShare: 0.1, minDrop: 5 },
  lists: { ENTITY_LIST: { maxDropShare: 0.05 }, 'Tiny List': { minDrop: 1 } },
};
const el = 'Entity List (EL) - Bureau of Industry and Security';
const sdn = 'Specially Designated Nationals (SDN) - Treasury Department';
const current = {
  [el]: { list: 'ENTITY_LIST' as const, count: 1000 },
  [sdn]: { list: 'SDN' as const, count: 200 },
  'Tiny List': { list: 'OTHER' as const, count: 3 },
};

describe('list update limits', () => {
  it('counts entries per source list', () => {
    expect(
      countLists([
        { list: 'DPL', source: 'DPL' },
        { list: 'DPL', source: 'DPL' },
        { list: 'SDN', source: 'SDN' },
      ]),
    ).toEqual({ DPL: { list: 'DPL', count: 2 }, SDN: { list: 'SDN', count: 1 } });
  });
  it('passes growth and small losses', () => {
    expect(
      updateProblems(current, { ...current, [el]: { list: 'ENTITY_LIST', count: 1200 } }, limits),
    ).toEqual([]);
    expect(
      updateProblems(current, { ...current, [el]: { list: 'ENTITY_LIST', count: 960 } }, limits),
    ).toEqual([]);
    // 4 of 200 SDN entries: under minDrop; 19 of 200 (9.5%): under the share
    expect(updateProblems(current, { ...current, [sdn]: { list: 'SDN', count: 181 } }, limits)).toEqual([]);
  });
  it('refuses a whole list dropped, or more than its share, by source name, then code, then default', () => {
    const { [el]: _gone, ...withoutEl } = current;
    expect(updateProblems(current, withoutEl, limits)).toEqual([
      `${el} is missing from the new files (it has 1000 entries now)`,
    ]);
    expect(
      updateProblems(current, { ...current, [el]: { list: 'ENTITY_LIST', count: 550 } }, limits),
    ).toEqual([`${el} would lose 450 of its 1000 entries (45%; at most 5% allowed)`]);
    expect(
      updateProblems(current, { ...current, [el]: { list: 'ENTITY_LIST', count: 940 } }, limits),
    ).toHaveLength(1);
    expect(updateProblems(current, { ...current, [sdn]: { list: 'SDN', count: 150 } }, limits)).toHaveLength(
      1,
    );
    expect(updateProblems(current, { ...current, 'Tiny List': { list: 'OTHER', count: 2 } }, limits)).toEqual(
      ['Tiny List would lose 1 of its 3 entries (33%; at most 10% allowed)'],
    );
    expect(updateProblems(current, withoutEl, { ...limits, refuseDroppedList: false })).toEqual([]);
  });
});
