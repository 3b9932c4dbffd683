/**
 * Idempotency keys held in the database (issue 14): two server processes on one database (two apps, each with
 * its own store and connection), and a restart, accept a key once: one record, the first answer replayed.
 * A duplicate that finds the first request still running waits for it, or gets 409 INPUT.IN_PROGRESS; a key
 * whose first request's process died is taken over once its lock runs out. On SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { KyselyIdempotencyStore } from '../../src/adapters/db/kysely-idempotency-store.js';
import type { KyselyRecordStore } from '../../src/adapters/db/kysely-record-store.js';
import { Idempotency } from '../../src/adapters/http/idempotency.js';
import type { RecordStore } from '../../src/app/ports/record-store.js';
import { HttError } from '../../src/core/errors.js';
import { civilEndUse } from '../support/fixtures.js';
import { serverOn, sharedDialects } from '../support/shared-database.js';

const PASSWORD = 'idempotency shared password';
const check = {
  asOf: '2024-06-01',
  destination: 'CN',
  items: [{ eccn: 'EAR99', valueUsd: 10 }],
  parties: [{ role: 'end_user', name: 'X Co.', country: 'CN', lists: [] }],
  endUse: civilEndUse,
};

const dialects = sharedDialects('htt-idem');

for (const d of dialects) {
  describe.skipIf(!d.available)(`Idempotency-Key across processes (${d.name})`, () => {
    let openStore: () => Promise<RecordStore>;
    const server = (seed = false) => serverOn(openStore, seed ? { seedPassword: PASSWORD } : {});

    it('two servers and a restart create one record per key and replay the first answer', async () => {
      openStore = await d.open();
      const a = await server(true);
      const b = await server();
      const signIn = await a.app.request('/api/v1/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'exporter@demo.htt', password: PASSWORD }),
      });
      const { token } = (await signIn.json()) as { token: string };
      const post = (app: typeof a.app, reference: string, key: string) =>
        app.request('/api/v1/transactions', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify({ reference, check }),
        });
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => post(i % 2 ? a.app : b.app, 'SHARED-1', 'shared-key-1')),
      );
      expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
      const ids = new Set(
        await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id)),
      );
      expect(ids.size).toBe(1);
      expect(answers.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);

      // a restart: a new process on the same database replays the answer
      const c = await server();
      const again = await post(c.app, 'SHARED-1', 'shared-key-1');
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(((await again.json()) as { id: string }).id).toBe([...ids][0]);
      // the same key with another body, through another process: refused
      const other = await post(b.app, 'SHARED-2', 'shared-key-1');
      expect(other.status).toBe(422);
      expect(((await other.json()) as { field?: string }).field).toBe('Idempotency-Key');

      const list = (await (
        await c.app.request('/api/v1/transactions?limit=1000', {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as { data: { reference: string } }[];
      expect(list.filter((t) => t.data.reference === 'SHARED-1')).toHaveLength(1);
      expect(list.filter((t) => t.data.reference === 'SHARED-2')).toHaveLength(0);
    }, 60_000);

    it('a duplicate of a running request gets 409 INPUT.IN_PROGRESS; a dead lock is taken over', async () => {
      const store = (await openStore()) as KyselyRecordStore;
      let clock = 1_000_000;
      const keys = new KyselyIdempotencyStore(store.kysely);
      const first = new Idempotency(keys, () => clock, { lockMs: 5_000, waitMs: 0 });
      const scope = { orgId: 'org-x', userId: 'user-x', operation: 'transaction.create' };
      let release!: () => void;
      let runs = 0;
      const running = first.run(scope, 'k-run', { a: 1 }, async () => {
        runs++;
        await new Promise<void>((r) => (release = r));
        return { status: 201, body: { id: 'first' } };
      });
      await new Promise((r) => setTimeout(r, 50));
      // a second process while the first runs: not a second run, a clear 409
      const second = new Idempotency(keys, () => clock, { lockMs: 5_000, waitMs: 0 });
      const err = await second
        .run(scope, 'k-run', { a: 1 }, () => Promise.resolve({ status: 201, body: { id: 'second' } }))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HttError);
      expect((err as HttError).code).toBe('INPUT.IN_PROGRESS');
      release();
      expect(await running).toEqual({ status: 201, body: { id: 'first' }, replayed: false });
      expect(runs).toBe(1);

      // a first request whose process died (its key stays running): after the lock, another takes it over once
      await keys.begin({ orgId: 'org-x', userId: 'user-x', key: 'k-dead' }, 'fp', clock, 5_000, 60_000);
      clock += 6_000;
      const takers = await Promise.all(
        [1, 2, 3].map((n) =>
          new Idempotency(keys, () => clock, { lockMs: 5_000, waitMs: 2_000, pollMs: 5 })
            .run(scope, 'k-dead', { a: 2 }, () =>
              Promise.resolve({ status: 201, body: { id: `taker-${n}` } }),
            )
            .catch((e: unknown) => e),
        ),
      );
      const bodies = takers.map((t) => (t as { body: { id: string } }).body.id);
      expect(new Set(bodies).size).toBe(1);
      expect(takers.filter((t) => (t as { replayed: boolean }).replayed === false)).toHaveLength(1);

      // an expired key is forgotten
      clock += 25 * 60 * 60 * 1000;
      expect(await keys.expire(clock)).toBeGreaterThanOrEqual(2);
    }, 30_000);
  });
}
