/**
 * A hold and a shipment of the same lot, at the same moment, from two servers sharing one PostgreSQL (two
 * stores, each with its own connection pool): the shipment must never go over a hold that committed first.
 * The release gate reads the open holds under the store's write lock, which a hold's insert also takes, so
 * the audit chain (one total order of commits) never shows a hold.open before the transaction.ship of the
 * same lot.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import type { RecordStore } from '../../src/app/ports/record-store.js';
import { SYSTEM, type CaseServices } from '../../src/app/records/context.js';
import { actorFor, addUser, createOrganisation } from '../../src/app/records/organisations.js';
import { createTransaction, placeHold, shipTransaction } from '../../src/app/records/transactions.js';
import { civilEndUse } from '../support/fixtures.js';
import { createTestDatabase, pgBase, type TestDatabase } from '../support/pg-database.js';

const stores: RecordStore[] = [];
const TRIALS = 100;
let db: TestDatabase | undefined;

describe.skipIf(!pgBase)('a hold and a shipment at once, from two servers on one PostgreSQL', () => {
  afterAll(async () => {
    for (const s of stores) await s.close();
    await db?.drop();
  });

  it(`never ships over a committed hold (${TRIALS} trials)`, async () => {
    db = await createTestDatabase('htt_race');
    const rules = loadRules();
    const servers: CaseServices[] = [];
    for (let i = 0; i < 2; i++) {
      const store = await openRecordStore({ databaseUrl: db.url });
      stores.push(store);
      servers.push({
        store,
        checks: {
          rules: () => rules,
          screener: () => undefined,
          today: () => new Date().toISOString().slice(0, 10),
        },
        now: () => new Date().toISOString(),
        config: { eusTargetDays: 20 },
      });
    }
    const [a, b] = servers as [CaseServices, CaseServices];
    await createOrganisation(a, SYSTEM, { name: 'Exporter', type: 'exporter' }, 'org-exp');
    await addUser(a, SYSTEM, {
      name: 'Dana',
      email: 'dana@example.org',
      orgId: 'org-exp',
      role: 'compliance_officer',
    });
    const exporter = await actorFor(a, 'dana@example.org');
    const check = {
      asOf: new Date().toISOString().slice(0, 10),
      destination: 'CN',
      items: [{ eccn: 'EAR99', valueUsd: 10 }],
      parties: [{ role: 'end_user', name: 'X Co.', country: 'CN', lists: [] }],
      endUse: civilEndUse,
    };
    const outcomes = { shippedFirst: 0, heldFirst: 0 };
    for (let i = 0; i < TRIALS; i++) {
      const tx = await createTransaction(a, exporter, { reference: `RACE-${i}`, check });
      const [hold, ship] = await Promise.allSettled([
        placeHold(a, exporter, tx.id, 'new information about the end user'),
        shipTransaction(b, exporter, tx.id),
      ]);
      expect(hold.status).toBe('fulfilled');
      if (ship.status === 'fulfilled') outcomes.shippedFirst++;
      else {
        expect((ship.reason as { code?: string }).code).toBe('CASE.SHIPMENT_REFUSED');
        outcomes.heldFirst++;
      }
    }
    // the audit chain is the order of commits: no lot's transaction.ship follows a hold.open on it
    const log = await a.store.auditLog(1, 100_000);
    const holdSeq = new Map<string, number>();
    const violations: string[] = [];
    for (const e of log) {
      const after = e.after as { data?: { transactionId?: string } } | null;
      if (e.action === 'hold.open' && after?.data?.transactionId)
        holdSeq.set(
          after.data.transactionId,
          Math.min(holdSeq.get(after.data.transactionId) ?? e.seq, e.seq),
        );
      if (e.action === 'transaction.ship' && (holdSeq.get(e.recordId) ?? Infinity) < e.seq)
        violations.push(
          `${e.recordId}: shipped at seq ${e.seq} over the hold of seq ${holdSeq.get(e.recordId)}`,
        );
    }
    expect(violations).toEqual([]);
    expect(outcomes.shippedFirst + outcomes.heldFirst).toBe(TRIALS);
  }, 120_000);
});
