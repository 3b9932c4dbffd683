import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import zh from '../locales/zh.json';
import type { CheckInput, CheckOutput } from '../types';
import { DecisionForm } from './DecisionForm';
import { HitList } from './Hits';
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
