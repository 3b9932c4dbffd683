/**
 * Issue 14, item 8: determinations stored once by content. 300 rechecks of one transaction that change
 * nothing must grow storage linearly and by little (each recheck adds an audit entry whose images reference
 * the determination), where copying the history into the record made it grow quadratically (246 MB).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyRecordStore } from '../../src/adapters/db/kysely-record-store.js';
import { reconcileRecords, verifyAudit } from '../../src/app/records/audit.js';
import { buildCaseFile } from '../../src/app/records/case-file.js';
import type { Actor, CaseServices } from '../../src/app/records/context.js';
import { createTransaction, recheckTransaction } from '../../src/app/records/transactions.js';
import { openCaseWorld } from '../support/case-world.js';
import { buildScreener } from '../../src/core/screening/screener.js';
import { civilEndUse, listedEntity } from '../support/fixtures.js';
import { storeFactories } from '../support/stores.js';

const screener = buildScreener([listedEntity('el-1', 'Huawei Technologies Co., Ltd.')], {
  snapshot: 'test@A',
  snapshotDate: '2024-01-01',
});

describe.each(storeFactories)('determinations stored once on $name', (factory) => {
  let s: CaseServices;
  let officer: Actor;

  beforeAll(async () => {
    const w = await openCaseWorld(
      factory,
      '2024-06-03',
      [{ key: 'officer', orgId: 'org-exp', orgType: 'exporter', role: 'compliance_officer' }],
      screener,
    );
    s = w.s;
    officer = w.actors.officer!;
  }, 60_000);
  afterAll(async () => s?.store.close());

  /** Bytes of audit images and determination bodies (what grew to 246 MB). */
  const bytes = async () => {
    const db = (s.store as KyselyRecordStore).kysely;
    const len = (col: string) => sql.raw(`coalesce(sum(length(${col})), 0)`);
    const audit = await sql<{
      n: string | number;
    }>`select ${len('before')} + ${len('after')} as n from audit_log`.execute(db);
    const bodies = await sql<{ n: string | number }>`select ${len('body')} as n from determinations`.execute(
      db,
    );
    const count = await sql<{ n: string | number }>`select count(*) as n from determinations`.execute(db);
    return {
      audit: Number(audit.rows[0]!.n),
      bodies: Number(bodies.rows[0]!.n),
      determinations: Number(count.rows[0]!.n),
    };
  };

  it('300 rechecks grow storage linearly and small; the case file lists every determination', async () => {
    const tx = await createTransaction(s, officer, {
      reference: 'PO-RECHECK',
      check: {
        asOf: '2024-06-03',
        destination: 'CN',
        items: [{ eccn: 'EAR99', valueUsd: 1000 }],
        parties: [{ role: 'end_user', name: 'Example Trading Co.', country: 'CN' }],
        endUse: civilEndUse,
      },
    });
    expect(tx.data.determination.result.authorization).toBe('NLR');
    const start = await bytes();
    for (let i = 0; i < 150; i++) await recheckTransaction(s, officer, tx.id);
    const half = await bytes();
    for (let i = 0; i < 150; i++) await recheckTransaction(s, officer, tx.id);
    const end = await bytes();

    const first = half.audit + half.bodies - (start.audit + start.bodies);
    const second = end.audit + end.bodies - (half.audit + half.bodies);
    const perRecheck = (first + second) / 300;
    console.log(
      `${factory.name}: 300 rechecks added ${first + second} bytes (${Math.round(perRecheck)} per recheck; first 150 ${first}, next 150 ${second}); one determination body ${end.bodies} bytes; ${end.determinations} bodies kept`,
    );
    // linear: the second 150 rechecks cost what the first 150 did (quadratic growth would triple it)
    expect(second).toBeLessThanOrEqual(first * 1.05);
    // small: an entry is two images of the transaction without its determination's body
    expect(perRecheck).toBeLessThan(2_000);
    // a recheck that changes nothing adds a reference, not a copy
    expect(end.determinations).toBe(start.determinations);
    const stored = await s.store.get<{ determination: unknown; history?: unknown }>('transaction', tx.id);
    expect(stored!.version).toBe(301);
    expect(stored!.data.history).toBeUndefined();

    const cf = await buildCaseFile(s, officer, tx.id);
    expect(cf.determinations).toHaveLength(301);
    expect(new Set(cf.determinations.map((d) => d.ref)).size).toBe(1);
    expect(
      cf.determinations.every((d) => d.authorization === tx.data.determination.result.authorization),
    ).toBe(true);
    expect(cf.audit.every((e) => e.recordId === tx.id)).toBe(true);
    const body = await s.store.determination!(cf.determinations[0]!.ref);
    expect(body).toMatchObject({
      result: { authorization: tx.data.determination.result.authorization },
      input: { destination: 'CN' },
    });

    expect(await verifyAudit(s.store)).toMatchObject({ ok: true });
    expect(await reconcileRecords(s.store)).toMatchObject({ ok: true });
  }, 120_000);

  it('a recheck of an INDETERMINATE answer does not open the same hold again', async () => {
    const check = {
      asOf: '2024-06-03',
      destination: 'CN',
      items: [{ eccn: 'EAR99', valueUsd: 1000 }],
      parties: [{ role: 'end_user', name: 'Example Trading Co.', country: 'CN' }],
    };
    const tx = await createTransaction(s, officer, { reference: 'PO-INDET', check });
    expect(tx.data.determination.result.authorization).toBe('INDETERMINATE');
    for (let i = 0; i < 3; i++) await recheckTransaction(s, officer, tx.id);
    const holds = await s.store.list('hold', { where: { transactionId: tx.id }, state: 'open' });
    expect(holds).toHaveLength(1);
  });

  it('a recheck that changes the determination keeps a second body', async () => {
    const tx = await createTransaction(s, officer, {
      reference: 'PO-CHANGED',
      check: {
        asOf: '2024-06-03',
        destination: 'CN',
        items: [{ eccn: 'EAR99', valueUsd: 1000 }],
        parties: [{ role: 'end_user', name: 'Example Trading Co.', country: 'CN' }],
        endUse: civilEndUse,
      },
    });
    const before = await bytes();
    await recheckTransaction(s, officer, tx.id, {
      asOf: '2024-06-03',
      destination: 'CN',
      items: [{ eccn: 'EAR99', valueUsd: 2000 }],
      parties: [{ role: 'end_user', name: 'Example Trading Co.', country: 'CN' }],
      endUse: civilEndUse,
    });
    expect((await bytes()).determinations).toBe(before.determinations + 1);
    const cf = await buildCaseFile(s, officer, tx.id);
    expect(new Set(cf.determinations.map((d) => d.ref)).size).toBe(2);
  });
});
