/**
 * A determination over HTTP in the reader's language (issue 12 item 7): Accept-Language zh (zh-CN, zh-Hans)
 * adds each message's Chinese `text`; the English fields, codes and citations stay as they are.
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
let token = '';

const check = {
  asOf: '2024-06-01',
  destination: 'CN',
  items: [{ eccn: '1A001.a', valueUsd: 90000, controlReasons: ['NS2', 'AT1'] }],
  parties: [{ role: 'end_user', name: 'Example Co., Ltd.', country: 'CN', lists: ['ENTITY_LIST'] }],
  endUse: {
    military: false,
    militaryEndUser: false,
    militaryIntelligence: false,
    supercomputer: false,
    advancedNodeFab: false,
    wmd: false,
  },
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
    signInLimit: { attempts: 3, windowMs: 60_000 },
  });
  const r = await app.request('/api/v1/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'exporter@demo.htt', password: PASSWORD }),
  });
  token = ((await r.json()) as { token: string }).token;
});

const post = async (acceptLanguage?: string) => {
  const res = await app.request('/api/v1/checks', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}),
    },
    body: JSON.stringify(check),
  });
  expect(res.status).toBe(200);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { res, body: (await res.json()) as Record<string, any> };
};

describe('POST /checks with Accept-Language', () => {
  it('renders every message in Chinese for zh-CN, keeping the English fields, codes and citations', async () => {
    const { res, body } = await post('zh-CN,zh;q=0.9,en;q=0.8');
    expect(res.headers.get('content-language')).toBe('zh');
    expect(body.lang).toBe('zh');
    const el = body.reasons.find((r: { code: string }) => r.code === 'ENTITY_LIST');
    expect(el.message.key).toBe('reason.entityList.assumed');
    expect(el.message.text).toContain('列于实体清单');
    expect(el.message.text).toContain('§744.16(b)');
    expect(el.explanation).toContain('is on the Entity List');
    expect(el.citation).toMatch(/744/);
    for (const d of body.documents) expect(d.message.text).toMatch(/[\u4e00-\u9fff]/);
    expect(body.noteMessages).toHaveLength(body.notes.length);
    for (const n of body.noteMessages) expect(n.text).toMatch(/[\u4e00-\u9fff]/);
  });
  it('takes zh-Hans as zh and answers English without the header or for other languages', async () => {
    expect((await post('zh-Hans')).body.lang).toBe('zh');
    const en = await post();
    expect(en.body.lang).toBe('en');
    expect(en.res.headers.get('content-language')).toBe('en');
    expect(en.body.reasons[0].message.text).toBe(en.body.reasons[0].explanation);
    expect((await post('fr-FR')).body.lang).toBe('en');
  });
});
