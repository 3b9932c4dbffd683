import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditEntryHash, chainEntry, type ChainEntry } from './chain.js';
import { chainStart, verifyAuditChain } from './verify.js';

function chain(n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  let head = chainStart;
  for (let i = 1; i <= n; i++) {
    const e = chainEntry(head, {
      at: `2026-01-0${(i % 9) + 1}T00:00:00.000Z`,
      actor: `user:${i % 2 ? 'alice' : 'bob'}`,
      action: 'counterparty.update',
      reason: i === 3 ? 'why' : null,
      kind: 'counterparty',
      recordId: `cp-${i}`,
      before: i === 1 ? null : { id: `cp-${i}`, version: i - 1, data: { n: i - 1, list: [1, 2] } },
      after: { id: `cp-${i}`, version: i, data: { n: i, list: [1, 2], z: 'é' } },
    });
    out.push(e);
    head = { seq: e.seq, hash: e.hash };
  }
  return out;
}

describe('the audit chain', () => {
  it('starts from the genesis hash and links each entry to the one before', () => {
    const c = chain(3);
    expect(c[0]!.prevHash).toBe(GENESIS_HASH);
    expect(c[1]!.prevHash).toBe(c[0]!.hash);
    expect(c.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('hashes content, not key order', () => {
    const e = chain(1)[0]!;
    const reordered = Object.fromEntries(Object.entries(e).reverse()) as unknown as ChainEntry;
    expect(auditEntryHash(reordered)).toBe(e.hash);
    const after = e.after as { data: Record<string, unknown> };
    const shuffled = { ...e, after: { ...after, data: { z: 'é', list: [1, 2], n: 1 } } };
    expect(auditEntryHash(shuffled)).toBe(e.hash);
  });

  it('verifies an intact chain, also page by page', () => {
    const c = chain(7);
    const all = verifyAuditChain(c);
    expect(all).toEqual({ ok: true, count: 7, head: c[6]!.hash, lastSeq: 7 });
    const first = verifyAuditChain(c.slice(0, 4));
    if (!first.ok) throw new Error('first page');
    expect(verifyAuditChain(c.slice(4), { seq: first.lastSeq, hash: first.head })).toEqual({
      ok: true,
      count: 3,
      head: c[6]!.hash,
      lastSeq: 7,
    });
    expect(verifyAuditChain([])).toEqual({ ok: true, count: 0, head: GENESIS_HASH, lastSeq: 0 });
  });

  const cases: [string, (c: ChainEntry[]) => ChainEntry[], number][] = [
    ['a changed actor', (c) => c.map((e) => (e.seq === 3 ? { ...e, actor: 'user:mallory' } : e)), 3],
    [
      'a changed nested value',
      (c) => c.map((e) => (e.seq === 5 ? { ...e, after: { ...(e.after as object), version: 99 } } : e)),
      5,
    ],
    ['a changed reason', (c) => c.map((e) => (e.seq === 3 ? { ...e, reason: null } : e)), 3],
    ['a removed entry', (c) => c.filter((e) => e.seq !== 4), 4],
    ['the first entry removed', (c) => c.slice(1), 1],
    ['two entries swapped', (c) => [c[0]!, c[2]!, c[1]!, ...c.slice(3)], 2],
    [
      'two entries swapped with their seq renumbered',
      (c) => [c[0]!, { ...c[2]!, seq: 2 }, { ...c[1]!, seq: 3 }, ...c.slice(3)],
      2,
    ],
    ['a duplicated entry', (c) => [...c.slice(0, 3), c[2]!, ...c.slice(3)], 4],
    [
      'an entry inserted with a correct hash of its own',
      (c) => {
        const forged = chainEntry(
          { seq: 2, hash: c[1]!.hash },
          {
            at: 'x',
            actor: 'm',
            action: 'a',
            reason: null,
            kind: 'counterparty',
            recordId: 'x',
            before: null,
            after: null,
          },
        );
        return [c[0]!, c[1]!, forged, ...c.slice(2).map((e) => ({ ...e, seq: e.seq + 1 }))];
      },
      4,
    ],
    [
      'an entry whose hash was recomputed after an edit',
      (c) =>
        c.map((e) => {
          if (e.seq !== 2) return e;
          const edited = { ...e, actor: 'user:mallory' };
          return { ...edited, hash: auditEntryHash(edited) };
        }),
      3,
    ],
  ];
  for (const [what, tamper, seq] of cases) {
    it(`detects ${what}, naming entry ${seq}`, () => {
      const result = verifyAuditChain(tamper(chain(6)));
      expect(result).toMatchObject({ ok: false, seq });
      if (!result.ok) expect(result.problem).toContain(String(seq));
    });
  }
});
