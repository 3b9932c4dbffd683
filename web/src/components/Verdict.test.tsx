import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import zh from '../locales/zh.json';
import type { CheckInput, CheckOutput } from '../types';
import { ApiError } from '../api';
import { DecisionForm } from './DecisionForm';
import { HitList } from './Hits';
import { ErrorBox, ErrorBoundary } from './ui';
import { Verdict } from './Verdict';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, zh: { translation: zh } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

const render = (lang: 'en' | 'zh', node: React.ReactNode) => {
  void i18n.changeLanguage(lang);
  return renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
};

const input: CheckInput = {
  destination: 'CN',
  items: [{ eccn: '3B001.e', quantity: 1, valueUsd: 2_000_000 }],
  parties: [{ role: 'end_user', name: '哈尔滨工业大学', country: 'CN' }],
  endUse: {},
};
const hit = {
  id: 'el-1',
  list: 'ENTITY_LIST',
  source: 'Entity List (EL) - Bureau of Industry and Security',
  name: 'Harbin Institute of Technology',
  matchedName: 'Harbin Institute of Technology',
  score: 1,
  explanation:
    'matched listed name "Harbin Institute of Technology": "哈尔滨"="harbin" +0.45 (place); "工业大学"="institute" +0.27 (generic)',
};
const result: CheckOutput = {
  asOf: '2024-06-01',
  ruleSet: 'ear-2024-06-01@abc',
  lists: 'csl@x',
  overlayUsed: false,
  licenseRequired: true,
  authorization: 'LICENSE',
  licenseException: null,
  reviewPolicy: 'Presumption of denial',
  reasons: [
    {
      code: 'NS2',
      item: 0,
      party: null,
      citation: '15 CFR 742.4',
      explanation: '3B001.e is controlled for NS2.',
    },
    {
      code: 'ENTITY_LIST',
      item: null,
      party: 0,
      citation: '15 CFR 744.11',
      explanation: 'on the Entity List',
      unconfirmed: true,
    },
  ],
  documents: [{ type: 'PRC_END_USER_STATEMENT', citation: '15 CFR 748.10', why: 'over $50,000' }],
  screening: [{ party: 0, applied: true, hits: [hit] }],
  missing: ['endUse.militaryEndUser'],
  unconfirmed: [{ datum: 'the NAC threshold', citation: '15 CFR 740.2' }],
  notes: ['a note'],
};

describe('the verdict', () => {
  it('shows the authorization, each reason with its citation and whom it concerns, documents and missing facts', () => {
    const html = render('en', <Verdict input={input} result={result} />);
    expect(html).toContain('License required');
    expect(html).toContain('15 CFR 742.4');
    expect(html).toContain('Item 1: 3B001.e');
    expect(html).toContain('Party 1: 哈尔滨工业大学');
    expect(html).toContain('PRC End-User Statement');
    expect(html).toContain('<code>endUse.militaryEndUser</code>');
    expect(html).toContain('the NAC threshold');
    expect(html).toContain('unconfirmed');
  });

  it('speaks Chinese when the desk does', () => {
    const html = render('zh', <Verdict input={input} result={result} />);
    expect(html).toContain('需要许可证');
    expect(html).toContain('理由（2）');
    expect(html).toContain('中国最终用户和最终用途说明');
    expect(html).not.toContain('License required');
  });

  it('shows reasons, documents, missing inputs and notes from their message keys in Chinese, English kept and tagged', () => {
    const explanation =
      '3B001.e is controlled for NS ("NS applies to 3B001.a.1 to a.3, b, e"), and China is marked in NS column 2 of the Commerce Country Chart on 2024-06-01, so a license is required.';
    const keyed: CheckOutput = {
      ...result,
      reasons: [
        {
          code: 'NS2',
          item: 0,
          party: null,
          citation: '15 CFR 742.4',
          explanation,
          message: {
            key: 'reason.ccl',
            params: {
              eccn: '3B001.e',
              family: 'NS',
              control: 'NS applies to 3B001.a.1 to a.3, b, e',
              destination: {
                key: 'ccl.dest.column',
                params: {
                  dest: { key: 'term.china', params: {} },
                  family: 'NS',
                  column: '2',
                  date: '2024-06-01',
                },
              },
            },
          },
        },
      ],
      documents: [
        {
          type: 'VEU_SHIPMENT_NOTICE',
          citation: '15 CFR 748.15(e)',
          why: 'give the VEU written notice of each shipment, listing its contents and ECCNs and stating that VEU is used',
          message: { key: 'doc.veuShipmentNotice', params: {} },
        },
      ],
      missing: [
        {
          input: 'endUse.wmd',
          why: 'knowledge of a nuclear, missile, chemical or biological weapons end use decides §§744.2-744.4 for any item',
          message: { key: 'missing.wmd', params: {} },
        },
      ],
      // an answer stored before messages: the note is read back from its English
      notes: ['Hong Kong is treated as China on 2024-06-01 (15 CFR 738.3; 85 FR 83788).'],
    };
    const zhHtml = render('zh', <Verdict input={input} result={keyed} />);
    expect(zhHtml).toContain(
      '3B001.e 因 NS 原因受管制（“NS applies to 3B001.a.1 to a.3, b, e”），且中国在 2024-06-01 于《商务国家列表》（Commerce Country Chart）NS 第 2 栏中标有管制，因此需要许可证。',
    );
    expect(zhHtml).toContain('每次装运须书面通知该经验证最终用户（VEU）');
    expect(zhHtml).toContain('<code>endUse.wmd</code>: 是否知悉核、导弹、化学或生物武器最终用途');
    expect(zhHtml).toContain('在 2024-06-01，香港按中国对待（15 CFR 738.3; 85 FR 83788）。');
    expect(zhHtml).toContain('<td class="citation" lang="en">15 CFR 742.4</td>');
    expect(zhHtml).not.toContain('so a license is required');
    const enHtml = render('en', <Verdict input={input} result={keyed} />);
    expect(enHtml).toContain(explanation.replace(/"/g, '&quot;'));
  });

  it('marks the matched words in the query and the listed name', () => {
    const html = render('en', <HitList query="哈尔滨工业大学" hits={[hit]} />);
    const marks = [...html.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => m[1]);
    expect(marks).toEqual(['Harbin', 'Institute', '哈尔滨工业大学']);
    expect(html).toContain('Entity List');
    expect(render('en', <HitList query="Acme" hits={[]} />)).toContain('No listed party matches “Acme”');
  });
});

describe('the decision form', () => {
  it('labels every field, marks the required ones, and offers only the given actions', () => {
    const html = render(
      'en',
      <DecisionForm
        collection="/eus-requests"
        id="eus-1"
        onDone={() => undefined}
        actions={[
          {
            action: 'issue',
            fields: [
              { name: 'statementNumber', kind: 'text', required: true },
              { name: 'text', kind: 'textarea' },
            ],
          },
          { action: 'refuse', fields: [{ name: 'text', kind: 'textarea', required: true }] },
        ]}
      />,
    );
    const ids = [...html.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ids) expect(html).toContain(`id="${id}"`);
    expect(ids.length).toBe(3); // statement number, reasons, date
    expect(html).toContain('aria-required="true"');
    expect(html).toContain('Issue the statement');
    expect(html).toContain('Refuse');
    expect(html).not.toContain('Withdraw');
  });
});

describe('issue 15: listed parties, stored hits, errors and crashes', () => {
  it('shows a listed party in a loud alert with its list, entry and the citations of its reasons, in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const html = render(lang, <Verdict input={input} result={result} />);
      const alert =
        /<div class="callout listed" role="alert"[^>]*>([\s\S]*?)<\/div><\/li>/.exec(html)?.[1] ?? '';
      expect(alert).toContain('哈尔滨工业大学');
      expect(alert).toContain('Harbin Institute of Technology');
      expect(alert).toContain('15 CFR 744.11');
      expect(alert).toContain(lang === 'en' ? 'Entity List' : '实体清单');
    }
  });

  it("renders a counterparty's stored hit summary (no explanation, no source) instead of crashing, marking cleared ones", () => {
    const summary = { id: 'el-9', list: 'ENTITY_LIST', name: 'Huawei', matchedName: 'Huawei', score: 0.9 };
    const html = render('en', <HitList query="Huawei" hits={[summary]} cleared={['el-9']} />);
    expect(html).toContain('Huawei');
    expect(html).toContain('Cleared');
  });

  it("says an error in the reader's language from its code, the refusals of the release gate one a line", () => {
    const refused = new ApiError(409, 'CASE.SHIPMENT_REFUSED', 'the lot may not ship', undefined, [
      { reason: 'a license is required on the ship date', citation: '15 CFR 750.7(a)' },
    ]);
    const zh = render('zh', <ErrorBox error={refused} />);
    expect(zh).toContain('放行关口拒绝');
    expect(zh).toContain('<span lang="en">a license is required on the ship date</span>');
    expect(zh).toContain('15 CFR 750.7(a)');
    const en = render('en', <ErrorBox error={new ApiError(409, 'CASE.INVALID_TRANSITION', 'x')} />);
    expect(en).toContain('not allowed in the record&#x27;s present state');
    expect(en).toContain('CASE.INVALID_TRANSITION');
  });

  it('shows a crash inside a desk screen as a message, not a white page', () => {
    const Boom = () => {
      throw new Error('matchAll of undefined');
    };
    // server rendering does not run error boundaries; the boundary's state is what it shows
    const boundary = new ErrorBoundary({ children: <Boom />, fallback: (e) => <p>caught {e.message}</p> });
    boundary.state = ErrorBoundary.getDerivedStateFromError(new Error('matchAll of undefined'));
    expect(render('en', boundary.render())).toContain('caught matchAll of undefined');
  });
});
