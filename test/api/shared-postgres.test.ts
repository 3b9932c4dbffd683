/**
 * Several server processes can share one PostgreSQL: two apps, each with its own connection pool on the
 * same database, accept each other's sessions, write concurrently, and leave one intact audit chain.
 */
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { createApp } from '../../src/adapters/http/app.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import type { RecordStore } from '../../src/app/ports/record-store.js';
import { verifyAudit } from '../../src/app/records/audit.js';
import type { CaseServices } from '../../src/app/records/context.js';
import { seedDemo } from '../../src/app/records/demo.js';
import { civilEndUse } from '../support/fixtures.js';
import { createTestDatabase, pgBase, type TestDatabase } from '../support/pg-database.js';

const stores: RecordStore[] = [];
let db: TestDatabase | undefined;

describe.skipIf(!pgBase)('two servers on one PostgreSQL', () => {
  afterAll(async () => {
    for (const s of stores) await s.close();
    await db?.drop();
  });

  it('share sessions and records, and keep one audit chain under concurrent writes', async () => {
    db = await createTestDatabase('htt_shared');
    const rules = loadRules();
    const apps = [];
    for (let i = 0; i < 2; i++) {
      const store = await openRecordStore({ databaseUrl: db.url });
      stores.push(store);
      const cases: CaseServices = {
        store,
        checks: { rules: () => rules, screener: () => undefined, today: () => '2026-11-28' },
        now: () => new Date().toISOString(),
        config: { eusTargetDays: 20 },
      };
      if (i === 0) await seedDemo(cases, 'shared database password');
      apps.push(createApp({ cases, logger: pino({ level: 'silent' }) }));
    }
    const [a, b] = apps as [ReturnType<typeof createApp>, ReturnType<typeof createApp>];
    const signIn = await a.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'exporter@demo.htt', password: 'shared database password' }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await b.request('/api/v1/auth/me', { headers })).status).toBe(200);
    const check = {
      asOf: '2024-06-01',
      destination: 'CN',
      items: [{ eccn: 'EAR99', valueUsd: 10 }],
      parties: [{ role: 'end_user', name: 'X Co.', country: 'CN', lists: [] }],
      endUse: civilEndUse,
    };
    const writes = Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a : b).request('/api/v1/transactions', {
        method: 'POST',
        headers,
        body: JSON.stringify({ reference: `PO-${i}`, check }),
      }),
    );
    const statuses = (await Promise.all(writes)).map((r) => r.status);
    expect(statuses.every((s) => s === 201)).toBe(true);
    const listed = (await (
      await a.request('/api/v1/transactions?limit=1000', { headers })
    ).json()) as unknown[];
    expect(listed.length).toBe(41); // the demo transaction and the 40 new ones
    expect(await verifyAudit(stores[1] as RecordStore)).toMatchObject({ ok: true });
  }, 60_000);
});
