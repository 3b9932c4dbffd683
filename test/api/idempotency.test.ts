/**
 * Idempotency-Key on the POSTs that create records (issue 15 item 1): a double click or a retry with the same
 * key creates one record and answers the first record again; a different body under the same key is refused;
 * another user's same key is theirs; requests without a key are not deduplicated.
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

const check = {
  asOf: '2026-11-20',
  destination: 'CN',
  items: [{ eccn: '3B001.e', valueUsd: 90000 }],
  parties: [{ role: 'end_user', name: 'Example Co., Ltd.', country: 'CN' }],
  endUse: {},
};

beforeAll(async () => {
  const rules = loadRules();
  const s: CaseServices = {
    store: await openRecordStore({ sqlitePath: ':memory:' }),
    checks: { rules: () => rules, screener: () => undefined, today: () => '2026-11-28' },
    now: () => new Date().toISOString(),
    config: { eusTargetDays: 20 },
  };
  await seedDemo(s, PASSWORD);
  app = createApp({
    cases: s,
    logger: pino({ level: 'silent' }),
    signInLimit: { attempts: 10, windowMs: 60_000 },
  });
  for (const who of ['exporter', 'exporter2']) {
    const r = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${who}@demo.htt`, password: PASSWORD }),
    });
    if (r.ok) tokens[who] = ((await r.json()) as { token: string }).token;
  }
});

const create = (reference: string, key?: string, who = 'exporter') =>
  app.request('/api/v1/transactions', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify({ reference, check }),
  });

const count = async (reference: string) => {
  const r = await app.request('/api/v1/transactions', {
    headers: { authorization: `Bearer ${tokens.exporter}` },
  });
  const list = (await r.json()) as { data: { reference: string } }[];
  return list.filter((t) => t.data.reference === reference).length;
};

describe('Idempotency-Key on POST /transactions', () => {
  it('creates one record for two concurrent requests and a later retry with the same key', async () => {
    const [a, b] = await Promise.all([create('IDEM-1', 'k-1'), create('IDEM-1', 'k-1')]);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    const ra = (await a.json()) as { id: string };
    const rb = (await b.json()) as { id: string };
    expect(rb.id).toBe(ra.id);
    const retry = await create('IDEM-1', 'k-1');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(((await retry.json()) as { id: string }).id).toBe(ra.id);
    expect(await count('IDEM-1')).toBe(1);
  });

  it('refuses the same key with a different body, naming the header', async () => {
    expect((await create('IDEM-2', 'k-2')).status).toBe(201);
    const other = await create('IDEM-2b', 'k-2');
    expect(other.status).toBe(422);
    const problem = (await other.json()) as { code: string; field?: string };
    expect(problem.code).toBe('INPUT.INVALID');
    expect(problem.field).toBe('Idempotency-Key');
    expect(await count('IDEM-2b')).toBe(0);
  });

  it('creates a record per request without a key', async () => {
    await create('IDEM-3');
    await create('IDEM-3');
    expect(await count('IDEM-3')).toBe(2);
  });

  it('forgets a failed request so that its retry runs again', async () => {
    const bad = await app.request('/api/v1/transactions', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.exporter}`,
        'content-type': 'application/json',
        'idempotency-key': 'k-4',
      },
      body: JSON.stringify({ reference: 'IDEM-4', check: { ...check, items: [{ eccn: '9Z999.z' }] } }),
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect((await create('IDEM-4', 'k-4')).status).toBe(201);
    expect(await count('IDEM-4')).toBe(1);
  });

  it('refuses a malformed key', async () => {
    const r = await create('IDEM-5', 'bad key with spaces');
    expect(r.status).toBe(422);
  });
});
