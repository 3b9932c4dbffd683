import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordStore } from './open-record-store.js';

const tmp = mkdtempSync(join(tmpdir(), 'htt-sqlite-mode-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const mode = (p: string) => statSync(p).mode & 0o777;

describe('the SQLite file', () => {
  it('is created readable by its owner only, with its -wal and -shm, whatever the umask', async () => {
    const old = process.umask(0o022);
    try {
      const path = join(tmp, 'new', 'htt.sqlite');
      const store = await openRecordStore({ sqlitePath: path });
      await store.transaction((tx) =>
        tx.insert(
          { kind: 'organisation', id: 'o1', orgIds: ['o1'], state: '', data: {}, retainUntil: null },
          { actor: 'system:test', action: 'organisation.create', at: new Date().toISOString() },
        ),
      );
      expect([mode(path), mode(`${path}-wal`), mode(`${path}-shm`)]).toEqual([0o600, 0o600, 0o600]);
      expect(mode(join(tmp, 'new'))).toBe(0o700);
      await store.close();
    } finally {
      process.umask(old);
    }
  });
  it('is narrowed to 0600 when an older one was world-readable', async () => {
    const path = join(tmp, 'old.sqlite');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    await (await openRecordStore({ sqlitePath: path })).close();
    expect(mode(path)).toBe(0o600);
  });
});
