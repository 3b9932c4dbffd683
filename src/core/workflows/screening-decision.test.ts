import { describe, expect, it } from 'vitest';
import { buildScreener } from '../screening/screener.js';
import type { ListedEntity } from '../screening/types.js';
import {
  approve,
  decide,
  decisionMemory,
  entryHash,
  missingFrom,
  nameKey,
  revoke,
  screenWithDecisions,
  standing,
  type Decision,
  type DecidedHit,
  type NewDecision,
} from './screening-decision.js';

const huawei: ListedEntity = {
  id: 'el-1',
  list: 'ENTITY_LIST',
  source: 'Entity List',
  name: 'Huawei Technologies Co., Ltd.',
  aliases: [],
  countries: ['CN'],
  addresses: ['Bantian, Shenzhen'],
  programs: [],
  federalRegister: '84 FR 22963',
};
const sugon: ListedEntity = {
  id: 'el-2',
  list: 'ENTITY_LIST',
  source: 'Entity List',
  name: 'Sugon Information Industry Co., Ltd.',
  aliases: ['Dawning Information Industry'],
  countries: ['CN'],
  addresses: [],
  programs: [],
};
const meta = (n: number) => ({ snapshot: `test@${n}`, snapshotDate: '2026-07-31' });
const v1 = buildScreener([huawei, sugon], meta(1));

const alice = { userId: 'u-alice', name: 'Alice Officer' };
const bob = { userId: 'u-bob', name: 'Bob Officer' };

let n = 0;
function made(over: Partial<NewDecision> & Pick<NewDecision, 'kind' | 'name' | 'entry'>): Decision {
  const { state, data } = decide({
    orgId: 'org-a',
    snapshot: v1.snapshot,
    reason: 'different registration number and address',
    by: alice,
    on: '2026-11-02T09:00:00.000Z',
    fourEyes: false,
    ...over,
  });
  return { id: `sd-${++n}`, state, data };
}

describe('a decision', () => {
  it('records the entry id, its content hash and the snapshot; the hash follows the content', () => {
    const d = made({ kind: 'clear', name: 'Huawei Tech Investment', entry: huawei });
    expect(d.data.entry).toEqual({
      id: 'el-1',
      list: 'ENTITY_LIST',
      name: huawei.name,
      hash: entryHash(huawei),
      snapshot: 'test@1',
    });
    expect(entryHash({ ...huawei, original: { any: 'format' } })).toBe(entryHash(huawei));
    expect(entryHash({ ...huawei, addresses: ['Longgang, Shenzhen'] })).not.toBe(entryHash(huawei));
    expect(entryHash({ ...huawei, federalRegister: '85 FR 51596' })).not.toBe(entryHash(huawei));
  });

  it('needs a reason and a name', () => {
    expect(() => made({ kind: 'clear', name: 'X Co', entry: huawei, reason: '  ' })).toThrow(/reason/);
    expect(() => made({ kind: 'clear', name: ' ', entry: huawei })).toThrow(/name/);
  });

  it('is active at once, except a clearance under four eyes, which waits for a second officer', () => {
    expect(made({ kind: 'clear', name: 'A', entry: huawei }).state).toBe('active');
    expect(made({ kind: 'confirm', name: 'A', entry: huawei, fourEyes: true }).state).toBe('active');
    const pending = made({ kind: 'clear', name: 'A', entry: huawei, fourEyes: true });
    expect(pending.state).toBe('pending');
    const self = () => approve(pending, alice, '2026-11-02T10:00:00.000Z');
    expect(self).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ code: 'CASE.SELF_APPROVAL' }) }),
    );
    expect(() => approve(pending, bob, '2026-11-01T10:00:00.000Z')).toThrow(/precede/);
    const approved = approve(pending, bob, '2026-11-03T08:00:00.000Z');
    expect(approved.state).toBe('active');
    expect(approved.data.approvedBy).toEqual({ ...bob, on: '2026-11-03T08:00:00.000Z' });
    expect(() => approve({ id: 'sd-x', ...approved }, bob, '2026-11-04T00:00:00.000Z')).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ code: 'CASE.INVALID_TRANSITION' }) }),
    );
  });

  it('is revoked once, with a reason', () => {
    const d = made({ kind: 'confirm', name: 'A', entry: huawei });
    expect(() => revoke(d, bob, '2026-11-05T00:00:00.000Z', '')).toThrow(/reason/);
    const r = { id: d.id, ...revoke(d, bob, '2026-11-05T00:00:00.000Z', 'entered in error') };
    expect(r.state).toBe('revoked');
    expect(r.data.revoked).toMatchObject({ userId: 'u-bob', reason: 'entered in error' });
    expect(() => revoke(r, bob, '2026-11-06T00:00:00.000Z', 'again')).toThrow(/already revoked/);
  });
});

describe('standing against the current snapshot', () => {
  const d = made({ kind: 'clear', name: 'Huawei Tech', entry: huawei });
  it('applies while the entry is unchanged, and not once it changed, went missing or was removed since', () => {
    expect(standing(d, huawei)).toBe('applies');
    expect(standing(d, { ...huawei, aliases: ['HUAWEI'] })).toBe('entry_changed');
    expect(standing(d, undefined)).toBe('entry_missing');
    expect(standing({ ...d, data: { ...d.data, entryMissingIn: 'test@2' } }, huawei)).toBe('entry_changed');
    expect(standing({ ...d, state: 'pending' }, huawei)).toBe('pending');
    expect(standing({ ...d, state: 'revoked' }, huawei)).toBe('revoked');
  });
  it('finds the decisions whose entry a snapshot lacks', () => {
    expect(missingFrom([d], (id) => (id === 'el-1' ? huawei : undefined))).toEqual([]);
    expect(missingFrom([d], () => undefined)).toEqual([d]);
  });
});

describe('screening with the decisions of an organisation', () => {
  const ids = (hits: DecidedHit[]) => hits.map((h) => h.id);

  it('keys names by the matcher normalisation, so spelling variants of one name meet', () => {
    expect(nameKey('HUAWEI TECHNOLOGIES CO., LTD.')).toBe(nameKey('Huawei Technologies Co Ltd'));
    expect(nameKey('Huawei Technologies')).not.toBe(nameKey('Huawei Technologies Co Ltd'));
  });

  it('makes a confirmed alias a hit, with who, when and why; for a query that normalises to it too', () => {
    const d = made({
      kind: 'confirm',
      name: 'HW Tech Shenzhen',
      entry: huawei,
      reason: 'trade name on invoices',
    });
    expect(v1.screen({ name: 'HW Tech Shenzhen' })).toEqual([]);
    const sc = screenWithDecisions(v1, decisionMemory([d]));
    for (const q of ['HW Tech Shenzhen', 'hw tech, shenzhen', 'HW TECH SHENZHEN']) {
      const [hit] = sc.screen({ name: q });
      expect(hit).toMatchObject({ id: 'el-1', score: 1, decision: { status: 'confirmed', id: d.id } });
      expect(hit!.explanation).toMatch(/^confirmed by Alice Officer on 2026-11-02: trade name on invoices/);
    }
    // another name is not touched
    expect(sc.screen({ name: 'HW Tech Beijing' })).toEqual([]);
    // the country filter does not hide a confirmed party
    expect(ids(sc.screen({ name: 'HW Tech Shenzhen', country: 'US' }))).toEqual(['el-1']);
  });

  it('marks a hit the screener finds anyway as confirmed, once', () => {
    const d = made({ kind: 'confirm', name: 'Huawei Technologies Co., Ltd.', entry: huawei });
    const hits = screenWithDecisions(v1, decisionMemory([d])).screen({ name: 'Huawei Technologies Co Ltd' });
    expect(ids(hits)).toEqual(['el-1']);
    expect(hits[0]!.explanation).toMatch(
      /^confirmed by Alice Officer on 2026-11-02: .*; matched listed name/,
    );
  });

  it('leaves a cleared pair out while the entry is unchanged, and raises it again once it changes', () => {
    const name = 'Sugon Information Industry Co., Ltd.';
    expect(ids(v1.screen({ name }))).toEqual(['el-2']);
    const d = made({ kind: 'clear', name, entry: sugon });
    const memory = decisionMemory([d]);
    expect(screenWithDecisions(v1, memory).screen({ name })).toEqual([]);
    // the same content in a later snapshot: still cleared
    const v2 = buildScreener([huawei, { ...sugon }], meta(2));
    expect(screenWithDecisions(v2, memory).screen({ name })).toEqual([]);
    // the entry changed: the hit is back, marked for review
    const v3 = buildScreener([huawei, { ...sugon, addresses: ['Tianjin'] }], meta(3));
    const [hit] = screenWithDecisions(v3, memory).screen({ name });
    expect(hit).toMatchObject({ id: 'el-2', decision: { status: 'review', id: d.id } });
    expect(hit!.explanation).toMatch(
      /cleared earlier by Alice Officer on 2026-11-02 .*list entry changed since — review again/,
    );
    // removed, then re-added with the same content: reviewed again as well
    const removed = { ...d, data: { ...d.data, entryMissingIn: 'test@2' } };
    expect(screenWithDecisions(v2, decisionMemory([removed])).screen({ name })[0]?.decision?.status).toBe(
      'review',
    );
    // a clearance is of that name only: another name that hits the entry still hits
    expect(ids(screenWithDecisions(v1, memory).screen({ name: 'Dawning Information Industry' }))).toEqual([
      'el-2',
    ]);
  });

  it('applies a pending clearance only once approved, and a revoked decision never', () => {
    const name = 'Sugon Information Industry Co., Ltd.';
    const pending = made({ kind: 'clear', name, entry: sugon, fourEyes: true });
    const [hit] = screenWithDecisions(v1, decisionMemory([pending])).screen({ name });
    expect(hit).toMatchObject({ id: 'el-2', decision: { status: 'pending' } });
    expect(hit!.explanation).toMatch(/pending a second officer's approval/);
    const approved = { id: pending.id, ...approve(pending, bob, '2026-11-03T00:00:00.000Z') };
    expect(screenWithDecisions(v1, decisionMemory([approved])).screen({ name })).toEqual([]);
    const revoked = { id: pending.id, ...revoke(approved, bob, '2026-11-04T00:00:00.000Z', 'wrong') };
    expect(ids(screenWithDecisions(v1, decisionMemory([revoked])).screen({ name }))).toEqual(['el-2']);
    const confirmRevoked = made({ kind: 'confirm', name: 'HW Tech', entry: huawei });
    const gone = { id: confirmRevoked.id, ...revoke(confirmRevoked, bob, '2026-11-04T00:00:00.000Z', 'no') };
    expect(screenWithDecisions(v1, decisionMemory([gone])).screen({ name: 'HW Tech' })).toEqual([]);
  });

  it('confirms nothing for an entry the snapshot no longer lists', () => {
    const d = made({ kind: 'confirm', name: 'HW Tech', entry: huawei });
    const without = buildScreener([sugon], meta(4));
    expect(screenWithDecisions(without, decisionMemory([d])).screen({ name: 'HW Tech' })).toEqual([]);
  });

  it("leaves a query the screener refuses to the screener's own error", () => {
    const sc = screenWithDecisions(
      v1,
      decisionMemory([made({ kind: 'confirm', name: 'HW Tech', entry: huawei })]),
    );
    expect(() => sc.screen({ name: undefined as unknown as string })).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ code: 'SCREEN.INVALID_QUERY' }) }),
    );
    expect(() => sc.screen({ name: 'x'.repeat(3000) })).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ code: 'SCREEN.INVALID_QUERY' }) }),
    );
  });

  it('keeps a hit that is both confirmed and cleared: the confirmation outweighs', () => {
    const both = [
      made({ kind: 'clear', name: 'Huawei Technologies Co., Ltd.', entry: huawei }),
      made({ kind: 'confirm', name: 'Huawei Technologies Co., Ltd.', entry: huawei }),
    ];
    const hits = screenWithDecisions(v1, decisionMemory(both)).screen({
      name: 'Huawei Technologies Co., Ltd.',
    });
    expect(hits.map((h) => [h.id, h.decision?.status])).toEqual([['el-1', 'confirmed']]);
  });

  it('is the screener itself when the organisation has no decision', () => {
    expect(screenWithDecisions(v1, decisionMemory([]))).toBe(v1);
  });
});
