/**
 * What the case records say, over HTTP in the reader's language (issue 15, item 4): the printable documents
 * (Statement, license, case file), the license clock and the inbox, in Chinese for Accept-Language zh or
 * `lang=zh`; headings, labels, states and dates in Chinese, CFR citations and names kept in English and tagged
 * lang="en"; clock deadlines and inbox items keep their English `what` beside a message key with its text.
 */
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRecordStore } from '../../src/adapters/db/open-record-store.js';
import { createApp } from '../../src/adapters/http/app.js';
import { loadRules } from '../../src/adapters/regulations/load-rules.js';
import type { CaseServices } from '../../src/app/records/context.js';
import { seedDemo } from '../../src/app/records/demo.js';
import { pdfFont } from '../../src/app/records/print-document.js';

const PASSWORD = 'correct horse battery staple';
const HAN = /[\u4e00-\u9fff]/;
let app: ReturnType<typeof createApp>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const rules = loadRules();
  const today = new Date().toISOString().slice(0, 10);
  const s: CaseServices = {
    store: await openRecordStore({ sqlitePath: ':memory:' }),
    checks: { rules: () => rules, screener: () => undefined, today: () => today },
    now: () => new Date().toISOString(),
    config: { eusTargetDays: 20 },
  };
  await seedDemo(s, PASSWORD);
  app = createApp({
    cases: s,
    logger: pino({ level: 'silent' }),
    signInLimit: { attempts: 9, windowMs: 60_000 },
  });
  for (const who of ['exporter', 'bis', 'auditor', 'mofcom']) {
    const r = await app.request('/api/v1/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${who}@demo.htt`, password: PASSWORD }),
    });
    tokens[who] = ((await r.json()) as { token: string }).token;
  }
}, 120_000);

const call = (who: string, path: string, lang?: string, init: RequestInit = {}) =>
  app.request(`/api/v1${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      'content-type': 'application/json',
      ...(lang ? { 'accept-language': lang } : {}),
    },
  });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response): Promise<any> => {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return res.json();
};
const first = async (who: string, path: string) =>
  ((await json(await call(who, path))) as { id: string }[])[0]!.id;
/** The text of the elements of a kind, tags stripped. */
const texts = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) =>
    m[1]!.replace(/<[^>]+>/g, ''),
  );

describe('printable documents in the reader’s language', () => {
  it('writes the case file in Chinese for Accept-Language zh, citations and names in English tagged lang=en', async () => {
    const tx = await first('auditor', '/transactions');
    const res = await call('auditor', `/transactions/${tx}/case-file?format=html`, 'zh-CN,zh;q=0.9');
    expect(res.headers.get('content-language')).toBe('zh');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\s*<html lang="zh">/);
    const headings = texts(html, 'h2');
    expect(headings).toEqual(expect.arrayContaining(['交易', '当事方及其筛查结果', '物项', '审计记录']));
    for (const h of headings) expect(h, h).toMatch(HAN);
    for (const th of texts(html, 'th').filter((x) => x !== '#' && x !== 'ECCN')) expect(th, th).toMatch(HAN);
    // the retention citation and the party's name stay English, tagged
    expect(html).toContain('<span lang="en">15 CFR Part 762</span>');
    expect(html).toContain('<span lang="en">Example Semiconductor (Shanghai) Co., Ltd.</span>');
    // dates as a Chinese reader writes them; the state by its Chinese name
    expect(html).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    expect(html).toContain('<td>未结</td>');
    // the JSON says which language its printable form takes
    expect((await json(await call('auditor', `/transactions/${tx}/case-file?lang=zh`))).lang).toBe('zh');
  });

  it('keeps the English case file as it was without a Chinese reader', async () => {
    const tx = await first('auditor', '/transactions');
    const html = await (await call('auditor', `/transactions/${tx}/case-file?format=html`)).text();
    expect(html).toMatch(/<html lang="en">/);
    expect(texts(html, 'h2')).toEqual(expect.arrayContaining(['Transaction', 'Items', 'Audit trail']));
    expect(html).not.toMatch(HAN);
    // lang=en wins over the header
    const en = await (
      await call('auditor', `/transactions/${tx}/case-file?format=html&lang=en`, 'zh')
    ).text();
    expect(en).toMatch(/<html lang="en">/);
  });

  it('prints the End-User Statement request in Chinese with its CFR citations in English', async () => {
    const eus = await first('mofcom', '/eus-requests');
    const html = await (await call('mofcom', `/eus-requests/${eus}/document?format=html&lang=zh`)).text();
    expect(html).toMatch(/<html lang="zh">/);
    expect(texts(html, 'title')[0]).toMatch(/^最终用户和最终用途说明申请 /);
    expect(html).toContain(
      '<th scope="row">进口商签字及日期（<span lang="en">15 CFR 748.10(c)(2)(v)</span>）</th>',
    );
    expect(html).toContain('已提交');
    const doc = await json(await call('mofcom', `/eus-requests/${eus}/document?lang=zh`));
    expect(doc.sections[0].heading).toBe('说明');
  });

  it('gives the zh PDF in a CJK font, or refuses it with DOC.FONT_MISSING when none is installed', async () => {
    const tx = await first('auditor', '/transactions');
    const res = await call('auditor', `/transactions/${tx}/case-file?format=pdf`, 'zh');
    if (pdfFont()?.cjk) {
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toMatch(/NotoSansCJK|\/Lang \(zh\)/);
    } else {
      expect(res.status).toBe(503);
      expect(((await res.json()) as { code: string }).code).toBe('DOC.FONT_MISSING');
      // the same file in English is still a PDF
      const en = await call('auditor', `/transactions/${tx}/case-file?format=pdf`, 'en');
      expect(en.headers.get('content-type')).toBe('application/pdf');
    }
  });
});

describe('the license clock and the inbox in the reader’s language', () => {
  it('gives each deadline a message key with its Chinese text, the English `what` and citation kept', async () => {
    const id = await first('bis', '/license-applications');
    await json(
      await call('bis', `/license-applications/${id}/refer`, undefined, {
        method: 'POST',
        body: JSON.stringify({ agencies: ['DoD'] }),
      }),
    );
    const res = await call('bis', `/license-applications/${id}/clock`, 'zh-CN');
    expect(res.headers.get('content-language')).toBe('zh');
    const clock = await json(res);
    expect(clock.deadlines.length).toBeGreaterThan(1);
    for (const d of clock.deadlines) {
      expect(d.message.key).toMatch(/^clock\./);
      expect(d.message.text).toMatch(HAN);
      expect(d.what).not.toMatch(HAN);
      expect(d.citation).toMatch(/^15 CFR /);
    }
    const bisActs = clock.deadlines.find(
      (d: { message: { key: string } }) => d.message.key === 'clock.bis_acts',
    );
    expect([bisActs.what, bisActs.message.text]).toEqual([
      'BIS acts on or refers the application',
      'BIS 处理或转交该申请',
    ]);
    // the agency named in the reader's language
    const dod = clock.deadlines.find((d: { what: string }) => d.what === 'DoD recommends');
    expect(dod.message).toMatchObject({
      key: 'clock.agency_recommends',
      params: { agency: { key: 'agency.DoD' } },
      text: '美国国防部提出建议',
    });
    const en = await json(await call('bis', `/license-applications/${id}/clock`));
    for (const d of en.deadlines) expect(d.message.text).toBe(d.what);
  });

  it('gives each inbox item a message key with its Chinese text, the English `what` kept', async () => {
    const zh = await json(await call('mofcom', '/inbox?lang=zh'));
    expect(zh.items.length).toBeGreaterThan(0);
    for (const i of zh.items) {
      expect(i.message.text).toMatch(HAN);
      expect(i.what).not.toMatch(HAN);
    }
    expect(zh.items[0].message.key).toBe('deadline.eus_decides');
    expect(zh.items[0].message.text).toBe('商务部对最终用户和最终用途说明申请作出决定（审查目标 20 天）');
    const en = await json(await call('mofcom', '/inbox'));
    expect(en.items[0].message.text).toBe(en.items[0].what);
    expect(en.items[0].what).toBe('MOFCOM decides the End-User Statement request (review target 20 days)');
  });
});
