/**
 * The contract of the record store port (src/app/ports/record-store.ts), written once and run against
 * every adapter (record-store.test.ts): SQLite in a file and in memory, PostgreSQL when TEST_DATABASE_URL
 * is set. A harness opens a fresh, empty store for each test and can run raw SQL against the same database,
 * which the tamper tests use to edit the stored audit log behind the store's back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AuditContext,
  RecordStore,
  RecordWriter,
  StoredRecord,
} from '../../src/app/ports/record-store.js';
import { reconcileRecords, verifyAudit } from '../../src/app/records/audit.js';
import { auditEntryHash, GENESIS_HASH } from '../../src/core/audit/chain.js';
import { verifyAuditChain } from '../../src/core/audit/verify.js';
import { HttError, type ErrorCode } from '../../src/core/errors.js';

export interface StoreHarness {
  /** A fresh, empty store. */
  store: RecordStore;
  /** A second store on the same database (another connection or pool, as another server process would). */
  openAnother?: () => Promise<RecordStore>;
  /** Run one raw SQL statement against the same database, outside the store. */
  rawSql: (statement: string) => Promise<void>;
  /** Release everything the harness opened (the store is closed by the suite). */
  dispose?: () => Promise<void>;
}

export type HarnessFactory = () => Promise<StoreHarness>;

const at = (day: number, hour = 9) =>
  `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const by = (action: string, day = 1, reason?: string): AuditContext => ({
  actor: 'user:alice',
  action,
  at: at(day),
  ...(reason === undefined ? {} : { reason }),
});

interface Cp {
  name: string;
  country: string;
  score?: number;
  cleared?: boolean;
  nested?: { a: number[] };
}

const cp = (id: string, orgIds: string[], state: string, data: Cp) => ({
  kind: 'counterparty' as const,
  id,
  orgIds,
  state,
  data,
  retainUntil: null,
});

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<HttError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(HttError);
    expect((e as HttError).code).toBe(code);
    return e as HttError;
  }
  throw new Error(`expected ${code}, but it succeeded`);
}

export function recordStoreContract(name: string, factory: HarnessFactory): void {
  describe(`record store contract: ${name}`, () => {
    const open: StoreHarness[] = [];
    const extra: RecordStore[] = [];
    const fresh = async () => {
      const h = await factory();
      open.push(h);
      return h;
    };
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      for (const h of open.splice(0)) {
        await h.store.close();
        await h.dispose?.();
      }
    });

    const seed = async (store: RecordStore) => {
      await store.transaction(async (tx) => {
        await tx.insert(
          cp('cp-1', ['org-a'], 'cleared', { name: 'Alpha', country: 'CN', score: 1 }),
          by('c', 1),
        );
        await tx.insert(
          cp('cp-2', ['org-a', 'org-b'], 'hit', { name: 'Beta', country: 'HK', score: 0.5, cleared: false }),
          by('c', 2),
        );
        await tx.insert(
          cp('cp-3', ['org-b'], 'pending', { name: '贝塔', country: 'CN', score: 1, cleared: true }),
          by('c', 3),
        );
        await tx.insert(cp('cp-4', ['org-c'], 'cleared', { name: '1', country: 'CN' }), by('c', 4));
      });
    };

    describe('insert, get and list', () => {
      it('inserts at version 1 with both timestamps from the audit context, and reads it back', async () => {
        const { store } = await fresh();
        const data = { name: 'Alpha 阿尔法', country: 'CN', score: 0.25, nested: { a: [1, 2, 3] } };
        const stored = await store.transaction((tx) =>
          tx.insert(
            { ...cp('cp-1', ['org-a', 'org-b'], 'new', data), retainUntil: '2031-03-01' },
            by('create'),
          ),
        );
        expect(stored).toEqual({
          kind: 'counterparty',
          id: 'cp-1',
          orgIds: ['org-a', 'org-b'],
          state: 'new',
          data,
          version: 1,
          createdAt: at(1),
          updatedAt: at(1),
          retainUntil: '2031-03-01',
        });
        expect(await store.get('counterparty', 'cp-1')).toEqual(stored);
        expect(await store.get('counterparty', 'cp-2')).toBeUndefined();
        expect(await store.get('transaction', 'cp-1')).toBeUndefined();
      });

      it('drops undefined properties so that what is returned, stored and hashed is the same JSON', async () => {
        const { store } = await fresh();
        const data = { name: 'A', country: 'CN', score: undefined } as Cp;
        const stored = await store.transaction((tx) => tx.insert(cp('cp-1', ['o'], '', data), by('create')));
        expect(stored.data).toEqual({ name: 'A', country: 'CN' });
        expect(Object.keys(stored.data)).not.toContain('score');
        expect(await store.get('counterparty', 'cp-1')).toEqual(stored);
      });

      it('lists by kind in creation order, and filters by organisation, state and data fields', async () => {
        const { store } = await fresh();
        await seed(store);
        const ids = (rs: StoredRecord<unknown>[]) => rs.map((r) => r.id);
        expect(ids(await store.list('counterparty'))).toEqual(['cp-1', 'cp-2', 'cp-3', 'cp-4']);
        expect(await store.list('transaction')).toEqual([]);
        expect(ids(await store.list('counterparty', { orgId: 'org-a' }))).toEqual(['cp-1', 'cp-2']);
        expect(ids(await store.list('counterparty', { orgId: 'org-b' }))).toEqual(['cp-2', 'cp-3']);
        expect(ids(await store.list('counterparty', { orgId: 'org-x' }))).toEqual([]);
        expect(ids(await store.list('counterparty', { state: 'cleared' }))).toEqual(['cp-1', 'cp-4']);
        expect(ids(await store.list('counterparty', { state: ['hit', 'pending'] }))).toEqual([
          'cp-2',
          'cp-3',
        ]);
        expect(ids(await store.list('counterparty', { state: [] }))).toEqual([]);
        expect(ids(await store.list('counterparty', { where: { country: 'CN' } }))).toEqual([
          'cp-1',
          'cp-3',
          'cp-4',
        ]);
        expect(ids(await store.list('counterparty', { where: { name: '贝塔' } }))).toEqual(['cp-3']);
        expect(ids(await store.list('counterparty', { where: { score: 1 } }))).toEqual(['cp-1', 'cp-3']);
        expect(ids(await store.list('counterparty', { where: { score: 0.5 } }))).toEqual(['cp-2']);
        expect(ids(await store.list('counterparty', { where: { cleared: true } }))).toEqual(['cp-3']);
        expect(ids(await store.list('counterparty', { where: { cleared: false } }))).toEqual(['cp-2']);
        expect(ids(await store.list('counterparty', { where: { missing: 'x' } }))).toEqual([]);
        // type-exact: the string "1" is not the number 1, and the number 1 is not true
        expect(ids(await store.list('counterparty', { where: { name: 1 } }))).toEqual([]);
        expect(ids(await store.list('counterparty', { where: { name: '1' } }))).toEqual(['cp-4']);
        expect(ids(await store.list('counterparty', { where: { score: true } }))).toEqual([]);
        expect(ids(await store.list('counterparty', { where: { cleared: 1 } }))).toEqual([]);
        expect(
          ids(
            await store.list('counterparty', { orgId: 'org-b', state: 'pending', where: { country: 'CN' } }),
          ),
        ).toEqual(['cp-3']);
        expect(ids(await store.list('counterparty', { where: { country: 'CN', score: 1 } }))).toEqual([
          'cp-1',
          'cp-3',
        ]);
        expect(ids(await store.list('counterparty', { limit: 2 }))).toEqual(['cp-1', 'cp-2']);
        expect(ids(await store.list('counterparty', { where: { country: 'CN' }, limit: 1 }))).toEqual([
          'cp-1',
        ]);
      });

      it('orders by updatedAt when asked', async () => {
        const { store } = await fresh();
        await seed(store);
        const one = await store.get<Cp>('counterparty', 'cp-1');
        await store.transaction((tx) => tx.update({ ...one!, state: 'hit' }, 1, by('touch', 9)));
        const ids = (rs: StoredRecord<unknown>[]) => rs.map((r) => r.id);
        expect(ids(await store.list('counterparty', { orderBy: 'updatedAt' }))).toEqual([
          'cp-2',
          'cp-3',
          'cp-4',
          'cp-1',
        ]);
        expect(ids(await store.list('counterparty', { orderBy: 'createdAt' }))).toEqual([
          'cp-1',
          'cp-2',
          'cp-3',
          'cp-4',
        ]);
      });

      it('pages by keyset: the records after one in the order (its time, then its id)', async () => {
        const { store } = await fresh();
        await seed(store);
        const all = await store.list('counterparty');
        const first = await store.list('counterparty', { limit: 2 });
        const last = first.at(-1)!;
        const rest = await store.list('counterparty', { after: { at: last.createdAt, id: last.id } });
        expect([...first, ...rest].map((r) => r.id)).toEqual(all.map((r) => r.id));
        // ties on the time are broken by id
        const tied = await store.list('counterparty', { after: { at: all[1]!.createdAt, id: '' } });
        expect(tied[0]!.id).toBe(all[1]!.id);
      });

      it('refuses a filter field that is not a plain top-level name', async () => {
        const { store } = await fresh();
        await expectCode(store.list('counterparty', { where: { "a') or 1=1 --": 'x' } }), 'INPUT.INVALID');
        await expectCode(store.list('counterparty', { where: { 'a.b': 'x' } }), 'INPUT.INVALID');
      });

      it('reads its own writes inside a transaction', async () => {
        const { store } = await fresh();
        await store.transaction(async (tx) => {
          await tx.insert(cp('cp-1', ['org-a'], 'new', { name: 'A', country: 'CN' }), by('create'));
          expect((await tx.get('counterparty', 'cp-1'))?.version).toBe(1);
          expect((await tx.list('counterparty', { orgId: 'org-a' })).map((r) => r.id)).toEqual(['cp-1']);
        });
      });
    });

    describe('update and optimistic concurrency', () => {
      it('updates to the next version, keeping createdAt, and follows organisation changes', async () => {
        const { store } = await fresh();
        const v1 = await store.transaction((tx) =>
          tx.insert(cp('cp-1', ['org-a'], 'new', { name: 'A', country: 'CN' }), by('create', 1)),
        );
        const v2 = await store.transaction((tx) =>
          tx.update(
            {
              ...v1,
              orgIds: ['org-b'],
              state: 'cleared',
              data: { name: 'A2', country: 'HK' },
              retainUntil: '2031-01-01',
            },
            1,
            by('screen', 2),
          ),
        );
        expect(v2).toMatchObject({ version: 2, createdAt: at(1), updatedAt: at(2), state: 'cleared' });
        expect(await store.get('counterparty', 'cp-1')).toEqual(v2);
        expect(await store.list('counterparty', { orgId: 'org-a' })).toEqual([]);
        expect((await store.list('counterparty', { orgId: 'org-b' })).map((r) => r.id)).toEqual(['cp-1']);
        expect((await store.list('counterparty', { where: { country: 'HK' } })).map((r) => r.id)).toEqual([
          'cp-1',
        ]);
      });

      it('fails with CASE.CONFLICT when the version read is no longer the stored one', async () => {
        const { store } = await fresh();
        const v1 = await store.transaction((tx) =>
          tx.insert(cp('cp-1', ['org-a'], 'new', { name: 'A', country: 'CN' }), by('create', 1)),
        );
        await store.transaction((tx) => tx.update({ ...v1, state: 'a' }, 1, by('u', 2)));
        await expectCode(
          store.transaction((tx) => tx.update({ ...v1, state: 'b' }, 1, by('u', 3))),
          'CASE.CONFLICT',
        );
        await expectCode(
          store.transaction((tx) => tx.update({ ...v1, state: 'b' }, 3, by('u', 3))),
          'CASE.CONFLICT',
        );
        expect(await store.get('counterparty', 'cp-1')).toMatchObject({ version: 2, state: 'a' });
        expect((await store.auditLog()).length).toBe(2);
      });

      it('fails with CASE.NOT_FOUND when updating or deleting a record that does not exist', async () => {
        const { store } = await fresh();
        await expectCode(
          store.transaction((tx) =>
            tx.update(cp('nope', ['o'], '', { name: 'x', country: 'CN' }), 1, by('u')),
          ),
          'CASE.NOT_FOUND',
        );
        await expectCode(
          store.transaction((tx) => tx.delete('counterparty', 'nope', by('d'))),
          'CASE.NOT_FOUND',
        );
      });

      it('lets exactly one of two concurrent updates of the same version win', async () => {
        const h = await fresh();
        const other = h.openAnother ? await h.openAnother() : h.store;
        if (other !== h.store) extra.push(other);
        const v1 = await h.store.transaction((tx) =>
          tx.insert(cp('cp-1', ['o'], 'new', { name: 'A', country: 'CN' }), by('create', 1)),
        );
        const results = await Promise.allSettled([
          h.store.transaction((tx) => tx.update({ ...v1, state: 'one' }, 1, by('u', 2))),
          other.transaction((tx) => tx.update({ ...v1, state: 'two' }, 1, by('u', 2))),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won.length).toBe(1);
        expect(lost.length).toBe(1);
        expect(((lost[0] as PromiseRejectedResult).reason as HttError).code).toBe('CASE.CONFLICT');
        expect((await h.store.get('counterparty', 'cp-1'))?.version).toBe(2);
        expect(verifyAuditChain(await h.store.auditLog())).toMatchObject({ ok: true, count: 2 });
      });
    });

    describe('insert of an existing id', () => {
      it('fails with CASE.CONFLICT and leaves the first record as it was', async () => {
        const { store } = await fresh();
        await store.transaction((tx) =>
          tx.insert(cp('cp-1', ['o'], 'a', { name: 'A', country: 'CN' }), by('c')),
        );
        await expectCode(
          store.transaction((tx) => tx.insert(cp('cp-1', ['o'], 'b', { name: 'B', country: 'CN' }), by('c'))),
          'CASE.CONFLICT',
        );
        expect(await store.get('counterparty', 'cp-1')).toMatchObject({ state: 'a', data: { name: 'A' } });
        expect((await store.auditLog()).length).toBe(1);
      });

      it('the same id under another kind is another record', async () => {
        const { store } = await fresh();
        await store.transaction(async (tx) => {
          await tx.insert(cp('x-1', ['o'], '', { name: 'A', country: 'CN' }), by('c'));
          await tx.insert(
            { kind: 'transaction', id: 'x-1', orgIds: ['o'], state: 'draft', data: {}, retainUntil: null },
            by('c'),
          );
        });
        expect((await store.get('transaction', 'x-1'))?.state).toBe('draft');
      });

      it('keeps the transaction usable when the conflict is caught inside it', async () => {
        const { store } = await fresh();
        await store.transaction((tx) =>
          tx.insert(cp('cp-1', ['o'], 'a', { name: 'A', country: 'CN' }), by('c')),
        );
        const outcome = await store.transaction(async (tx) => {
          const dup = await tx.insert(cp('cp-1', ['o'], 'b', { name: 'B', country: 'CN' }), by('c')).then(
            () => 'inserted',
            (e: HttError) => e.code,
          );
          await tx.insert(cp('cp-2', ['o'], 'b', { name: 'B', country: 'CN' }), by('c'));
          return dup;
        });
        expect(outcome).toBe('CASE.CONFLICT');
        expect((await store.list('counterparty')).map((r) => r.id)).toEqual(['cp-1', 'cp-2']);
        expect(verifyAuditChain(await store.auditLog())).toMatchObject({ ok: true, count: 2 });
      });
    });

    describe('delete under Part 762 retention', () => {
      const retained = (retainUntil: string | null) => ({
        ...cp('cp-1', ['o'], 'closed', { name: 'A', country: 'CN' }),
        retainUntil,
      });

      it('refuses while retainUntil is unknown, in the future or today', async () => {
        const { store } = await fresh();
        await store.transaction((tx) => tx.insert(retained(null), by('c', 1)));
        await expectCode(
          store.transaction((tx) => tx.delete('counterparty', 'cp-1', by('d', 2))),
          'CASE.RETENTION',
        );
        const v1 = (await store.get<Cp>('counterparty', 'cp-1'))!;
        await store.transaction((tx) => tx.update({ ...v1, retainUntil: '2026-03-10' }, 1, by('close', 2)));
        await expectCode(
          store.transaction((tx) => tx.delete('counterparty', 'cp-1', by('d', 9))),
          'CASE.RETENTION',
        );
        await expectCode(
          store.transaction((tx) => tx.delete('counterparty', 'cp-1', by('d', 10))),
          'CASE.RETENTION',
        );
        expect(await store.get('counterparty', 'cp-1')).toBeDefined();
        expect((await store.auditLog()).length).toBe(2);
      });

      it('deletes once retainUntil has passed, with an audit entry holding what was deleted', async () => {
        const { store } = await fresh();
        const v1 = await store.transaction((tx) => tx.insert(retained('2026-03-10'), by('c', 1)));
        await store.transaction((tx) =>
          tx.delete('counterparty', 'cp-1', by('purge', 11, 'retention period over')),
        );
        expect(await store.get('counterparty', 'cp-1')).toBeUndefined();
        expect(await store.list('counterparty', { orgId: 'o' })).toEqual([]);
        const log = await store.auditLog();
        expect(log[1]).toMatchObject({
          seq: 2,
          action: 'purge',
          reason: 'retention period over',
          before: v1,
          after: null,
        });
        // the id can be used again after deletion
        await store.transaction((tx) => tx.insert(retained(null), by('c', 12)));
        expect(verifyAuditChain(await store.auditLog())).toMatchObject({ ok: true, count: 3 });
      });
    });

    describe('delete under a legal hold (15 CFR 762.6(b))', () => {
      const old = (id: string, orgIds: string[]) => ({
        ...cp(id, orgIds, 'closed', { name: id, country: 'CN' }),
        retainUntil: '2026-03-02',
      });
      const legalHold = (id: string, scope: object, state = 'open') => ({
        kind: 'legal_hold' as const,
        id,
        orgIds: ['org-bis'],
        state,
        data: { scope, basis: 'agency_request', authority: 'BIS OEE', reason: 'records requested' },
        retainUntil: null,
      });

      it('refuses a record past its date while an open hold names it or its organisation, until released', async () => {
        const { store } = await fresh();
        await store.transaction(async (tx) => {
          await tx.insert(old('cp-1', ['org-a']), by('c', 1));
          await tx.insert(old('cp-2', ['org-b', 'org-a']), by('c', 1));
          await tx.insert(old('cp-3', ['org-c']), by('c', 1));
          await tx.insert(legalHold('lh-1', { kind: 'counterparty', id: 'cp-1' }), by('hold', 2));
          await tx.insert(legalHold('lh-2', { orgId: 'org-a' }), by('hold', 2));
          await tx.insert(legalHold('lh-3', { orgId: 'org-c' }, 'released'), by('hold', 2));
        });
        const e = await expectCode(
          store.transaction((tx) => tx.delete('counterparty', 'cp-1', by('purge', 5))),
          'CASE.RETENTION',
        );
        expect(e.problem.details).toMatchObject({ legalHolds: ['lh-1', 'lh-2'] });
        await expectCode(
          store.transaction((tx) => tx.delete('counterparty', 'cp-2', by('purge', 5))),
          'CASE.RETENTION',
        );
        // a released hold holds nothing
        await store.transaction((tx) => tx.delete('counterparty', 'cp-3', by('purge', 5)));
        // a hold placed earlier in the same transaction counts, and the whole transaction rolls back
        await store.transaction((tx) => tx.insert(old('cp-4', ['org-d']), by('c', 5)));
        await expectCode(
          store.transaction(async (tx) => {
            await tx.insert(legalHold('lh-4', { kind: 'counterparty', id: 'cp-4' }), by('hold', 5));
            await tx.delete('counterparty', 'cp-4', by('purge', 5));
          }),
          'CASE.RETENTION',
        );
        expect(await store.get('legal_hold', 'lh-4')).toBeUndefined();
        // released (the store does not judge who may release: the use case does)
        for (const id of ['lh-1', 'lh-2']) {
          const h = (await store.get('legal_hold', id))!;
          await store.transaction((tx) =>
            tx.update({ ...h, state: 'released' }, h.version, by('release', 6)),
          );
        }
        await store.transaction(async (tx) => {
          await tx.delete('counterparty', 'cp-1', by('purge', 7));
          await tx.delete('counterparty', 'cp-2', by('purge', 7));
        });
        expect((await store.list('counterparty')).map((r) => r.id)).toEqual(['cp-4']);
        expect(verifyAuditChain(await store.auditLog())).toMatchObject({ ok: true });
      });

      it('never deletes a record after a hold on it committed, when a hold and a delete race', async () => {
        const { store, openAnother } = await fresh();
        const other = openAnother ? await openAnother() : store;
        if (other !== store) extra.push(other);
        for (let i = 0; i < 10; i++) {
          const id = `race-${i}`;
          await store.transaction((tx) => tx.insert(old(id, ['org-a']), by('c', 1)));
          await Promise.allSettled([
            other.transaction((tx) =>
              tx.insert(legalHold(`lh-${id}`, { kind: 'counterparty', id }), by('hold', 5)),
            ),
            store.transaction((tx) => tx.delete('counterparty', id, by('purge', 5))),
          ]);
          const log = await store.auditLog();
          const holdSeq = log.find((e) => e.recordId === `lh-${id}`)?.seq;
          const deleteSeq = log.find((e) => e.recordId === id && e.action === 'purge')?.seq;
          expect(holdSeq).toBeDefined();
          // either the delete committed first, or it saw the hold and did not delete
          if (deleteSeq !== undefined) expect(deleteSeq).toBeLessThan(holdSeq!);
          else expect(await store.get('counterparty', id)).toBeDefined();
        }
      });
    });

    describe('transactions are all or nothing', () => {
      it('rolls back every write and its audit entries when fn throws', async () => {
        const { store } = await fresh();
        await store.transaction((tx) =>
          tx.insert(cp('keep', ['o'], '', { name: 'K', country: 'CN' }), by('c')),
        );
        const headBefore = await store.auditHead?.();
        await expect(
          store.transaction(async (tx) => {
            await tx.insert(cp('cp-1', ['o'], '', { name: 'A', country: 'CN' }), by('c'));
            const keep = (await tx.get<Cp>('counterparty', 'keep'))!;
            await tx.update({ ...keep, state: 'changed' }, 1, by('u'));
            await tx.insert(cp('cp-2', ['o'], '', { name: 'B', country: 'CN' }), by('c'));
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.get('counterparty', 'cp-1')).toBeUndefined();
        expect(await store.get('counterparty', 'cp-2')).toBeUndefined();
        expect(await store.get('counterparty', 'keep')).toMatchObject({ version: 1, state: '' });
        expect(await store.list('counterparty', { orgId: 'o' })).toHaveLength(1);
        expect((await store.auditLog()).map((e) => e.seq)).toEqual([1]);
        expect(await store.auditHead?.()).toEqual(headBefore);
        // and the chain goes on from where it was
        await store.transaction((tx) =>
          tx.insert(cp('cp-3', ['o'], '', { name: 'C', country: 'CN' }), by('c')),
        );
        expect(verifyAuditChain(await store.auditLog())).toMatchObject({ ok: true, count: 2 });
      });

      it('rolls back earlier writes when a later write fails with a conflict that is not caught', async () => {
        const { store } = await fresh();
        await store.transaction((tx) =>
          tx.insert(cp('cp-1', ['o'], '', { name: 'A', country: 'CN' }), by('c')),
        );
        await expectCode(
          store.transaction(async (tx) => {
            await tx.insert(cp('cp-2', ['o'], '', { name: 'B', country: 'CN' }), by('c'));
            await tx.insert(cp('cp-1', ['o'], '', { name: 'A', country: 'CN' }), by('c'));
          }),
          'CASE.CONFLICT',
        );
        expect(await store.get('counterparty', 'cp-2')).toBeUndefined();
        expect((await store.auditLog()).length).toBe(1);
      });

      it('returns what fn returns', async () => {
        const { store } = await fresh();
        expect(await store.transaction(() => Promise.resolve(42))).toBe(42);
        expect(await store.auditLog()).toEqual([]);
      });
    });

    describe('the audit log', () => {
      it('records who, when, what, why, and the whole record before and after, chained by hashes', async () => {
        const { store } = await fresh();
        const v1 = await store.transaction((tx) =>
          tx.insert(
            { ...cp('cp-1', ['org-a'], 'new', { name: 'A', country: 'CN' }), retainUntil: '2026-03-01' },
            by('counterparty.create', 1),
          ),
        );
        const v2 = await store.transaction((tx) =>
          tx.update({ ...v1, state: 'cleared' }, 1, {
            actor: 'user:bob',
            action: 'counterparty.clear',
            at: at(2),
            reason: 'false positive',
          }),
        );
        await store.transaction((tx) => tx.delete('counterparty', 'cp-1', by('counterparty.purge', 3)));
        const log = await store.auditLog();
        expect(log).toHaveLength(3);
        expect(log[0]).toMatchObject({
          seq: 1,
          at: at(1),
          actor: 'user:alice',
          action: 'counterparty.create',
          reason: null,
          kind: 'counterparty',
          recordId: 'cp-1',
          before: null,
          after: v1,
          prevHash: GENESIS_HASH,
        });
        expect(log[1]).toMatchObject({
          seq: 2,
          actor: 'user:bob',
          action: 'counterparty.clear',
          reason: 'false positive',
          before: v1,
          after: v2,
          prevHash: log[0]!.hash,
        });
        expect(log[2]).toMatchObject({ seq: 3, before: v2, after: null, prevHash: log[1]!.hash });
        for (const e of log) {
          expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(e.hash).toBe(auditEntryHash(e));
        }
        expect(verifyAuditChain(log)).toEqual({ ok: true, count: 3, head: log[2]!.hash, lastSeq: 3 });
        expect(await verifyAudit(store)).toMatchObject({ ok: true, count: 3, lastSeq: 3 });
        expect(await store.auditHead?.()).toEqual(
          store.auditHead ? { seq: 3, hash: log[2]!.hash } : undefined,
        );
      });

      it('appends exactly one entry per write, also for several writes in one transaction', async () => {
        const { store } = await fresh();
        await seed(store);
        const log = await store.auditLog();
        expect(log.map((e) => [e.seq, e.recordId])).toEqual([
          [1, 'cp-1'],
          [2, 'cp-2'],
          [3, 'cp-3'],
          [4, 'cp-4'],
        ]);
      });

      it('reads the log in pages', async () => {
        const { store } = await fresh();
        await seed(store);
        expect((await store.auditLog(2, 2)).map((e) => e.seq)).toEqual([2, 3]);
        expect((await store.auditLog(4)).map((e) => e.seq)).toEqual([4]);
        expect(await store.auditLog(5)).toEqual([]);
        expect(await verifyAudit(store, 3)).toMatchObject({ ok: true, count: 4, lastSeq: 4 });
        expect(await verifyAudit(store, 1)).toMatchObject({ ok: true, count: 4, lastSeq: 4 });
      });

      it('keeps one unbroken chain under concurrent transactions (and a second store on the same database)', async () => {
        const h = await fresh();
        const other = h.openAnother ? await h.openAnother() : h.store;
        if (other !== h.store) extra.push(other);
        const write = (s: RecordStore, i: number) =>
          s.transaction(async (tx: RecordWriter) => {
            await tx.insert(cp(`a-${i}`, ['o'], '', { name: `A${i}`, country: 'CN' }), by('c'));
            await tx.insert(cp(`b-${i}`, ['o'], '', { name: `B${i}`, country: 'CN' }), by('c'));
          });
        await Promise.all(Array.from({ length: 20 }, (_, i) => write(i % 2 ? other : h.store, i)));
        const log = await h.store.auditLog();
        expect(log.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        // the two entries of each transaction are adjacent
        for (let i = 0; i < 40; i += 2) {
          expect(log[i]!.recordId.replace(/^a-/, '')).toBe(log[i + 1]!.recordId.replace(/^b-/, ''));
        }
        expect(verifyAuditChain(log)).toMatchObject({ ok: true, count: 40 });
        expect(await verifyAudit(other)).toMatchObject({ ok: true, count: 40 });
      });
    });

    describe('tamper detection (raw SQL against the stored log)', () => {
      /** Five entries: three inserts, an update, a delete. */
      const history = async (store: RecordStore) => {
        await seed(store);
        const v1 = (await store.get<Cp>('counterparty', 'cp-1'))!;
        await store.transaction((tx) =>
          tx.update({ ...v1, state: 'hit', retainUntil: '2026-03-01' }, 1, by('u', 5)),
        );
        await store.transaction((tx) => tx.delete('counterparty', 'cp-1', by('d', 6)));
        expect(await verifyAudit(store)).toMatchObject({ ok: true, count: 6 });
      };
      const failsAt = async (store: RecordStore, seq: number) => {
        const report = await verifyAudit(store);
        expect(report).toMatchObject({ ok: false, seq });
        return report;
      };

      const edits: [string, string[], number][] = [
        ['a changed actor', [`update audit_log set actor = 'user:mallory' where seq = 3`], 3],
        ['a changed timestamp', [`update audit_log set at = '2026-02-01T00:00:00.000Z' where seq = 2`], 2],
        ['a changed reason', [`update audit_log set reason = 'because' where seq = 1`], 1],
        ['a changed action', [`update audit_log set action = 'counterparty.clear' where seq = 5`], 5],
        ['a changed record id', [`update audit_log set record_id = 'cp-9' where seq = 4`], 4],
        ['a changed kind', [`update audit_log set kind = 'transaction' where seq = 4`], 4],
        [
          'an edited after-image',
          [`update audit_log set after = replace(after, 'Beta', 'Bet4') where seq = 2`],
          2,
        ],
        [
          'an edited before-image',
          [`update audit_log set before = replace(before, 'cleared', 'hit') where seq = 5`],
          5,
        ],
        ['a removed before-image', [`update audit_log set before = null where seq = 6`], 6],
        ['a replaced hash', [`update audit_log set hash = '${'a'.repeat(64)}' where seq = 3`], 3],
        ['a replaced prevHash', [`update audit_log set prev_hash = '${'b'.repeat(64)}' where seq = 2`], 2],
        ['a removed entry', [`delete from audit_log where seq = 3`], 3],
        ['the first entry removed', [`delete from audit_log where seq = 1`], 1],
        ['the last entry removed', [`delete from audit_log where seq = 6`], 6],
        ['every entry removed', [`delete from audit_log`], 1],
        [
          'two entries swapped',
          [
            `update audit_log set seq = -1 where seq = 2`,
            `update audit_log set seq = 2 where seq = 3`,
            `update audit_log set seq = 3 where seq = -1`,
          ],
          2,
        ],
        ['an entry renumbered', [`update audit_log set seq = 7 where seq = 6`], 6],
        [
          'an entry inserted in the middle',
          [
            `update audit_log set seq = seq + 100 where seq >= 3`,
            `update audit_log set seq = seq - 99 where seq >= 103`,
            `insert into audit_log (seq, at, actor, action, reason, kind, record_id, before, after, prev_hash, hash)
               select 3, at, actor, action, reason, kind, record_id, before, after, prev_hash, hash
               from audit_log where seq = 2`,
          ],
          3,
        ],
      ];
      for (const [what, statements, seq] of edits) {
        it(`detects ${what} (first bad entry ${seq})`, async () => {
          const h = await fresh();
          await history(h.store);
          for (const s of statements) await h.rawSql(s);
          const report = await failsAt(h.store, seq);
          if (!report.ok) expect(report.problem).toMatch(/\S/);
        });
      }

      it('detects a well-formed entry appended behind the store (the chain head disagrees)', async () => {
        const h = await fresh();
        if (!h.store.auditHead) return;
        await history(h.store);
        const last = (await h.store.auditLog(6))[0]!;
        const forged = {
          seq: 7,
          at: at(20),
          actor: 'user:mallory',
          action: 'counterparty.create',
          reason: null,
          kind: 'counterparty',
          recordId: 'cp-x',
          before: null,
          after: null,
          prevHash: last.hash,
        };
        const hash = auditEntryHash(forged);
        await h.rawSql(
          `insert into audit_log (seq, at, actor, action, reason, kind, record_id, before, after, prev_hash, hash)
           values (7, '${forged.at}', 'user:mallory', 'counterparty.create', null, 'counterparty', 'cp-x', null, null, '${last.hash}', '${hash}')`,
        );
        // the chain itself is consistent: only the head kept apart from the log shows the addition
        expect(verifyAuditChain(await h.store.auditLog())).toMatchObject({ ok: true, count: 7 });
        await failsAt(h.store, 7);
      });

      it('does NOT detect a record edited without an audit entry: the chain covers the log, not the records table', async () => {
        const h = await fresh();
        await history(h.store);
        await h.rawSql(`update records set data = replace(data, 'Beta', 'Gamma') where id = 'cp-2'`);
        expect((await h.store.get<Cp>('counterparty', 'cp-2'))?.data.name).toBe('Gamma');
        expect(await verifyAudit(h.store)).toMatchObject({ ok: true, count: 6 });
      });

      it('reconciliation catches what the chain cannot: records changed, added or removed without an entry', async () => {
        const h = await fresh();
        await history(h.store);
        expect(await reconcileRecords(h.store)).toEqual({ ok: true, records: 3 });
        expect(await reconcileRecords(h.store, 2)).toEqual({ ok: true, records: 3 });
        await h.rawSql(`update records set state = 'cleared' where id = 'cp-2'`);
        expect(await reconcileRecords(h.store)).toMatchObject({
          ok: false,
          kind: 'counterparty',
          id: 'cp-2',
        });
        await h.rawSql(`update records set state = 'hit' where id = 'cp-2'`);
        expect(await reconcileRecords(h.store)).toMatchObject({ ok: true });
        await h.rawSql(`delete from records where id = 'cp-3'`);
        expect(await reconcileRecords(h.store)).toMatchObject({ ok: false, id: 'cp-3' });
      });

      it('reconciliation catches a record inserted or resurrected without an entry', async () => {
        const h = await fresh();
        await history(h.store);
        await h.rawSql(
          `insert into records (kind, id, org_ids, state, data, version, created_at, updated_at, retain_until)
           values ('counterparty', 'cp-1', '["org-a"]', 'hit', '{}', 3, '${at(1)}', '${at(7)}', null)`,
        );
        expect(await reconcileRecords(h.store)).toMatchObject({
          ok: false,
          id: 'cp-1',
          problem: expect.stringContaining('deleted'),
        });
        await h.rawSql(`delete from records where id = 'cp-1'`);
        await h.rawSql(
          `insert into records (kind, id, org_ids, state, data, version, created_at, updated_at, retain_until)
           values ('transaction', 'tx-9', '["org-a"]', 'draft', '{}', 1, '${at(1)}', '${at(1)}', null)`,
        );
        expect(await reconcileRecords(h.store)).toMatchObject({
          ok: false,
          kind: 'transaction',
          id: 'tx-9',
          problem: expect.stringContaining('no audit entry'),
        });
      });
    });
  });
}
