import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../adapters/db/open-record-store.js';
import { nameImportsIn } from '../../adapters/lists/name-import-store.js';
import type { RecordStore } from '../ports/record-store.js';
import { SYSTEM, type Actor, type CaseServices } from './context.js';
import { importNames, removeNames } from './name-imports.js';

const dir = mkdtempSync(join(tmpdir(), 'htt-name-imports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const names = nameImportsIn({ dir, entities: () => [] });
const input = {
  source: 'gleif' as const,
  file: 'golden.csv',
  records: [{ ref: 'gleif:X', ids: [], latinNames: ['A Co'], countries: ['CN'], names: ['甲公司'] }],
};
const services = (store: RecordStore): CaseServices => ({
  store,
  checks: {
    rules: () => ({}) as never,
    screener: () => undefined,
    today: () => '2026-12-01',
    names: () => names,
  },
  now: () => '2026-12-01T00:00:00.000Z',
  config: { eusTargetDays: 20 },
});

describe('importing and removing names (use case)', () => {
  it('records the import with its audit entry, and the removal', async () => {
    const store = await openRecordStore({ sqlitePath: ':memory:' });
    const s = services(store);
    const r = await importNames(s, SYSTEM, input);
    expect(readdirSync(dir)).toEqual([`${r.id}.json`]);
    await removeNames(s, SYSTEM, r.id, 'superseded');
    expect(readdirSync(dir)).toEqual([]);
    const log = await store.auditLog(1, 10);
    expect(log.map((e) => [e.action, e.kind, e.recordId])).toEqual([
      ['lists.import_names', 'name_import', r.id],
      ['lists.remove_names', 'name_import', r.id],
    ]);
    // the record says what was imported, never the names
    expect(JSON.stringify(log[0]!.after)).not.toContain('甲公司');
    await store.close();
  });
  it('keeps no names when the record cannot be written', async () => {
    const store = await openRecordStore({ sqlitePath: ':memory:' });
    const failing: RecordStore = Object.assign(Object.create(store) as RecordStore, {
      transaction: <R>(fn: Parameters<RecordStore['transaction']>[0]) =>
        store.transaction((tx) =>
          fn(
            Object.assign(Object.create(tx) as typeof tx, {
              insert: () => Promise.reject(new Error('disk full')),
            }),
          ),
        ) as Promise<R>,
    });
    await expect(importNames(services(failing), SYSTEM, input)).rejects.toThrow('disk full');
    expect(readdirSync(dir)).toEqual([]);
    await store.close();
  });
  it("is the operator's: an exporter's administrator may not import", async () => {
    const store = await openRecordStore({ sqlitePath: ':memory:' });
    const admin: Actor = { userId: 'u-1', name: 'A', orgId: 'org-x', orgType: 'exporter', role: 'admin' };
    await expect(importNames(services(store), admin, input)).rejects.toThrow(/only the operator/);
    await store.close();
  });
});
