import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Screener } from '../../core/screening/types.js';
import { storeFactories } from '../../../test/support/stores.js';
import { LiveSnapshots, recordCurrentSnapshot } from './live-snapshots.js';
import { makeCurrent, prepareSnapshot, type PreparedSnapshot } from './snapshot-store.js';

const root = resolve(import.meta.dirname, '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'htt-live-lists-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A lists directory with snapshot directories a, b and c (metadata only; the loader below fakes screeners). */
function listsDir(name: string): string {
  const dir = join(tmp, name);
  for (const id of ['a', 'b', 'c']) {
    mkdirSync(join(dir, 'snapshots', id), { recursive: true });
    writeFileSync(join(dir, 'snapshots', id, 'snapshot.json'), JSON.stringify({ id, files: [] }));
  }
  writeFileSync(join(dir, 'current.json'), JSON.stringify({ id: 'a', dir: 'snapshots/a' }));
  return dir;
}
const fake = (id: string): PreparedSnapshot => ({
  meta: { id, dataDate: '2026-01-01', ingestedAt: '', entityCount: 1, formats: [], files: [] },
  dir: `snapshots/${id}`,
  overridden: [],
});

for (const factory of storeFactories) {
  describe(`live list snapshots (${factory.name})`, () => {
    it('switches to the snapshot the database names, each request keeping the one it started with', async () => {
      const store = await factory.open();
      try {
        const loads: string[] = [];
        const dir = listsDir(`run-${factory.name}`);
        const live = new LiveSnapshots({
          store,
          listsDir: dir,
          pollMs: 0,
          load: (s) => (loads.push(s.meta.id), { snapshot: s.meta.id } as unknown as Screener),
        });
        // nothing in the database yet: current.json
        expect((await live.resolve())?.snapshot).toBe('a');
        await recordCurrentSnapshot(store, fake('b'), 'system:test', new Date().toISOString());
        // a request does not wait for the look at the database nor the load: it screens with the one in use
        let seen: (string | undefined)[] = [];
        await live.run(async () => void seen.push(live.screener()?.snapshot));
        expect(seen).toEqual(['a']);
        await live.settled();
        expect(live.snapshot).toBe('b');
        seen = [];
        const request = live.run(async () => {
          seen.push(live.screener()?.snapshot);
          // the update lands while this request is in flight
          await recordCurrentSnapshot(store, fake('c'), 'system:test', new Date().toISOString());
          expect((await live.resolve())?.snapshot).toBe('c');
          seen.push(live.screener()?.snapshot);
        });
        await request;
        expect(seen).toEqual(['b', 'b']);
        seen = [];
        await live.run(async () => void seen.push(live.screener()?.snapshot));
        expect(seen).toEqual(['c']);
        expect(loads).toEqual(['a', 'b', 'c']); // each loaded once
        // a database naming a snapshot this directory lacks: the one in use stays
        await recordCurrentSnapshot(store, fake('gone'), 'system:test', new Date().toISOString());
        expect((await live.resolve())?.snapshot).toBe('c');
        // nor may it name a directory outside the snapshots
        mkdirSync(join(dir, 'snapshots-elsewhere', 'x'), { recursive: true });
        writeFileSync(
          join(dir, 'snapshots-elsewhere', 'x', 'snapshot.json'),
          JSON.stringify({ id: 'x', files: [] }),
        );
        const outside = { ...fake('x'), dir: 'snapshots-elsewhere/x' };
        await recordCurrentSnapshot(store, outside, 'system:test', new Date().toISOString());
        expect((await live.resolve())?.snapshot).toBe('c');
        const log = await store.auditLog(1, 100);
        expect(log.map((e) => [e.action, e.kind, e.recordId])).toEqual(
          Array(4).fill(['lists.update', 'list_snapshot', 'current']),
        );
      } finally {
        await store.close();
      }
    }, 30_000);

    it('loads a new snapshot in the background: requests meanwhile keep the old one, none waits for the load', async () => {
      const store = await factory.open();
      try {
        const dir = listsDir(`background-${factory.name}`);
        const gates = new Map<string, () => void>();
        const live = new LiveSnapshots({
          store,
          listsDir: dir,
          pollMs: 0,
          // a slow load (the full CSL's index takes about a second): done when the test opens its gate
          load: (s) =>
            s.meta.id === 'a'
              ? ({ snapshot: 'a' } as unknown as Screener)
              : new Promise<Screener>((done) =>
                  gates.set(s.meta.id, () => done({ snapshot: s.meta.id } as unknown as Screener)),
                ),
        });
        expect((await live.resolve())?.snapshot).toBe('a');
        await recordCurrentSnapshot(store, fake('b'), 'system:test', new Date().toISOString());
        const seen: (string | undefined)[][] = [];
        const request = () =>
          live.run(async () => {
            const mine = [live.screener()?.snapshot];
            seen.push(mine);
            await new Promise((r) => setTimeout(r, 20));
            mine.push(live.screener()?.snapshot);
          });
        // requests while b loads: answered at once, with a
        await request();
        for (let i = 0; i < 20 && !gates.has('b'); i++) await new Promise((r) => setTimeout(r, 10));
        expect(gates.has('b')).toBe(true); // the load has started
        const during = request();
        await Promise.all([during, request()]);
        expect(seen).toEqual([
          ['a', 'a'],
          ['a', 'a'],
          ['a', 'a'],
        ]);
        // b is ready: the switch; a request that began before it finishes on a
        const spanning = request();
        gates.get('b')!();
        await live.settled();
        await spanning;
        await request();
        expect(seen.slice(3)).toEqual([
          ['a', 'a'],
          ['b', 'b'],
        ]);
      } finally {
        await store.close();
      }
    }, 30_000);
  });
}

describe('a running server and htt lists update', () => {
  it('screens with the new snapshot at the next request, without a restart', async () => {
    const lists = join(tmp, 'server-lists');
    const db = join(tmp, 'server.sqlite');
    const fixtures = join(root, 'test/fixtures');
    const env = { HTT_LISTS_DIR: lists, HTT_DB: db, HTT_LISTS_POLL_MS: '0' };
    Object.assign(process.env, env);
    const { openRecordStore } = await import('../db/open-record-store.js');
    const { startServer } = await import('../../main/server.js');
    const dpl = prepareSnapshot([join(fixtures, 'bis-dpl-watchman/dpl.txt')], lists);
    makeCurrent(lists, dpl);
    const server = await startServer({ port: 0, quiet: true });
    try {
      const health = async (): Promise<string> => {
        try {
          return ((await (await fetch(`${server.url}/api/v1/health`)).json()) as { lists: string }).lists;
        } catch (e) {
          // an idle keep-alive connection the server closed as the request went out (its timer fired when the
          // event loop came back from loading the index): a client sends the request again, once
          if ((e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
          return ((await (await fetch(`${server.url}/api/v1/health`)).json()) as { lists: string }).lists;
        }
      };
      expect(await health()).toBe(dpl.meta.id);
      // another process (htt lists update) records a new snapshot: DPL and SDN together
      const both = prepareSnapshot(
        [
          join(fixtures, 'bis-dpl-watchman/dpl.txt'),
          ...['sdn.csv', 'alt.csv', 'add.csv'].map((f) => join(fixtures, 'ofac-sdn-2021-watchman', f)),
        ],
        lists,
      );
      const store = await openRecordStore({ sqlitePath: db });
      await recordCurrentSnapshot(store, both, 'system:test', new Date().toISOString());
      await store.close();
      makeCurrent(lists, both);
      expect(both.meta.id).not.toBe(dpl.meta.id);
      // the request that sees the update is answered with the snapshot in use; the new one is loaded in the
      // background, and the requests after it use it
      const seen = [await health()];
      while (seen[seen.length - 1] !== both.meta.id && seen.length < 600) {
        await new Promise((r) => setTimeout(r, 100));
        seen.push(await health());
      }
      expect(seen[0]).toBe(dpl.meta.id);
      expect(seen[seen.length - 1]).toBe(both.meta.id);
      expect(JSON.parse(readFileSync(join(lists, 'current.json'), 'utf8')).id).toBe(both.meta.id);
    } finally {
      await server.close();
      for (const k of Object.keys(env)) delete process.env[k];
    }
  }, 120_000);
});
