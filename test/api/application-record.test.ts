/**
 * Issue 15: what a reviewer decides on (GET /license-applications/{id}/record), the directory of exporters an
 * importer addresses a Statement request to, and the release gate's refusals as a list in the problem.
 */
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { createApp } from '../../src/adapters/http/app.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import type { CaseServices } from '../../src/app/records/context.js';
import { seedDemo } from '../../src/app/records/demo.js';

const PASSWORD = 'correct horse battery staple';
let app: ReturnType<typeof createApp>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const rules = loadRules();
  const s: CaseServices = {
    store: await openRecordStore({ sqlitePath: ':memory:' }),
    checks: {
      rules: () => rules,
      screener: () => undefined,
      today: () => new Date().toISOString().slice(0, 10),
    },
    now: () => new Date().toISOString(),
    config: { eusTargetDays: 20 },
  };
  await seedDemo(s, PASSWORD);
  app = createApp({
    cases: s,
    logger: pino({ level: 'silent' }),
    signInLimit: { attempts: 20, windowMs: 60_000 },
  });
  for (const who of ['exporter', 'importer', 'bis', 'dod', 'state']) {
    const r = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${who}@demo.htt`, password: PASSWORD }),
    });
    tokens[who] = ((await r.json()) as { token: string }).token;
  }
});

const call = async (who: string, method: string, path: string, body?: unknown) => {
  const r = await app.request(`/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: r.status, body: (await r.json()) as any };
};

describe('a license application as its reviewers read it', () => {
  it('names the applicant, carries the frozen determination with its reasons and each party, and the Statements named', async () => {
    const tx = await call('exporter', 'POST', '/transactions', {
      reference: 'REC-1',
      check: {
        destination: 'CN',
        items: [{ eccn: '3B001.e', description: 'wafer handler', quantity: 1, valueUsd: 2_000_000 }],
        parties: [{ role: 'end_user', name: 'Example Semiconductor (Shanghai) Co., Ltd.', country: 'CN' }],
        endUse: {},
      },
    });
    expect(tx.status).toBe(201);
    const created = await call('exporter', 'POST', '/license-applications', {
      transactionId: tx.body.id,
      destination: 'CN',
      parties: [{ role: 'end_user', name: 'Example Semiconductor (Shanghai) Co., Ltd.', country: 'CN' }],
      items: [{ eccn: '3B001.e', description: 'wafer handler', quantity: 1, valueUsd: 2_000_000 }],
      endUse: 'civil IC production',
      supportDocuments: [{ type: 'PRC_END_USER_STATEMENT', number: 'NOT-ISSUED-1' }],
    });
    expect(created.status).toBe(201);
    const rec = await call('bis', 'GET', `/license-applications/${created.body.id}/record`);
    expect(rec.status).toBe(200);
    expect(rec.body.applicant.name).toBe('Pacific Semiconductor Equipment Inc.');
    expect(rec.body.determination.transactionReference).toBe('REC-1');
    expect(rec.body.determination.result.authorization).toBe('LICENSE');
    expect(rec.body.determination.result.reasons.length).toBeGreaterThan(0);
    expect(rec.body.determination.input.parties[0].name).toContain('Example Semiconductor');
    expect(rec.body.statements).toEqual([{ number: 'NOT-ISSUED-1', statements: [] }]);
    // an agency not referred to reads neither the application nor its record
    expect((await call('dod', 'GET', `/license-applications/${created.body.id}/record`)).status).toBe(404);
  });

  it('gives an importer the exporters by id and name only', async () => {
    const dir = await call('importer', 'GET', '/directory/exporters');
    expect(dir.status).toBe(200);
    expect(dir.body).toContainEqual({ id: 'org-exporter', name: 'Pacific Semiconductor Equipment Inc.' });
    for (const row of dir.body) expect(Object.keys(row).sort()).toEqual(['id', 'name']);
    expect((await call('exporter', 'GET', '/directory/exporters')).status).toBe(403);
  });

  it("lists the release gate's refusals, each with its citation", async () => {
    const list = await call('exporter', 'GET', '/transactions');
    const tx = list.body.find((t: { data: { reference: string } }) => t.data.reference === 'REC-1');
    const r = await call('exporter', 'POST', `/transactions/${tx.id}/ship`, {});
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('CASE.SHIPMENT_REFUSED');
    expect(r.body.refusals).toContainEqual({
      reason: 'a license is required on the ship date and none is attached to the transaction',
      citation: '15 CFR 750.7(a)',
    });
  });
});
