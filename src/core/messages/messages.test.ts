/**
 * The message catalogue: every key in both languages with matching placeholders; every explanation the
 * evaluator gives on the scenarios and golden cases has a key (none left untranslated) and reads back into the
 * same English; the Chinese rendering keeps codes and citations.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../app/check.js';
import { loadRules } from '../../adapters/regulations/load-rules.js';
import { withFacts } from '../../../test/support/expectations.js';
import type { CheckResult } from '../../contracts/check.js';
import { localized } from './check-messages.js';
import {
  CATALOGUE,
  UNTRANSLATED,
  keysOf,
  langOf,
  messageOf,
  placeholders,
  render,
  type Message,
} from './messages.js';

const names = (t: string) => new Set(placeholders(t).map((p) => p.name));

describe('the message catalogue', () => {
  it('has the same keys in English and Chinese', () => {
    expect(Object.keys(CATALOGUE.zh).sort()).toEqual(Object.keys(CATALOGUE.en).sort());
  });
  it('uses in Chinese only parameters the English template has (grammar-only ones like {isAre} may be dropped)', () => {
    for (const [key, en] of Object.entries(CATALOGUE.en)) {
      const zh = CATALOGUE.zh[key] as string;
      const extra = [...names(zh)].filter((n) => !names(en).has(n));
      expect(extra, key).toEqual([]);
      const dropped = [...names(en)].filter((n) => !names(zh).has(n));
      expect(
        dropped.every((n) => ['isAre', 'itThem'].includes(n)),
        `${key} drops ${dropped}`,
      ).toBe(true);
      expect(zh.trim(), key).not.toBe('');
    }
  });
  it('uses MOFCOM terms for the lists and documents', () => {
    const zh = Object.values(CATALOGUE.zh).join('\n');
    for (const term of [
      '实体清单',
      '未经核实清单',
      '军事最终用户清单',
      '许可证例外',
      '经验证最终用户',
      '最终用户和最终用途说明',
      '商业管制清单',
      '出口管理条例',
      '美国商务部工业与安全局',
    ])
      expect(zh, term).toContain(term);
  });
});

describe('render and messageOf', () => {
  it('reads an English text into its key and parameters, nested messages included, and renders it back', () => {
    const text =
      'If items[0].eccn is true: 3B001 is controlled for NS ("NS applies to 3B001.a.1 to a.3, b, e"), and China is marked in NS column 2 of the Commerce Country Chart on 2024-06-01, so a license is required.';
    const m = messageOf(text);
    expect(m.key).toBe('reason.conditional');
    const inner = m.params.reason as Message;
    expect(inner).toMatchObject({ key: 'reason.ccl', params: { eccn: '3B001', family: 'NS' } });
    expect(keysOf(m)).toEqual(['reason.conditional', 'reason.ccl', 'ccl.dest.column', 'term.china']);
    expect(render(m, 'en')).toBe(text);
    expect(render(m, 'zh')).toBe(
      '如果 items[0].eccn 为真：3B001 因 NS 原因受管制（“NS applies to 3B001.a.1 to a.3, b, e”），且中国在 2024-06-01 于《商务国家列表》（Commerce Country Chart）NS 第 2 栏中标有管制，因此需要许可证。',
    );
  });
  it('renders lists with the language separator', () => {
    const m = messageOf(
      'file EEI in AES: every export under Authorization VEU; value over $2,500 per Schedule B number',
    );
    expect(render(m, 'zh')).toBe(
      '须在自动出口系统（AES）中提交电子出口信息（EEI）：每一次依经验证最终用户（VEU）授权的出口；每个 Schedule B 编号价值超过 $2,500',
    );
  });
  it('keeps a text it does not know, in every language', () => {
    const m = messageOf('Something the catalogue has never seen.');
    expect(m).toEqual({ key: UNTRANSLATED, params: { text: 'Something the catalogue has never seen.' } });
    expect(render(m, 'zh')).toBe('Something the catalogue has never seen.');
  });
  it('negotiates Accept-Language: zh, zh-CN, zh-Hans → zh; quality values; Traditional and others → en', () => {
    expect(langOf('zh')).toBe('zh');
    expect(langOf('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(langOf('zh-Hans')).toBe('zh');
    expect(langOf('en-US,zh;q=0.5')).toBe('en');
    expect(langOf('fr;q=1, zh-CN;q=0.4')).toBe('zh');
    expect(langOf('zh-TW')).toBe('en');
    expect(langOf(undefined)).toBe('en');
    expect(langOf('de')).toBe('en');
  });
});

describe('every explanation of the scenarios and golden cases', () => {
  const services = { rules: loadRules(), today: () => '2026-11-28' };
  const results: CheckResult[] = [];
  const scenarios = join(import.meta.dirname, '../../../regulations/scenarios');
  for (const f of readdirSync(scenarios).filter((x) => x.endsWith('.json'))) {
    const s = JSON.parse(readFileSync(join(scenarios, f), 'utf8'));
    results.push(runCheck(services, s.input, s.overlay));
  }
  const golden = join(import.meta.dirname, '../../../test/golden');
  const facts = JSON.parse(readFileSync(join(golden, 'facts.json'), 'utf8'));
  for (const f of readdirSync(join(golden, 'cases')).filter((x) => x.endsWith('.json'))) {
    const c = JSON.parse(readFileSync(join(golden, 'cases', f), 'utf8'));
    results.push(runCheck(services, facts[c.id] ? withFacts(c.input, facts[c.id].set) : c.input, c.fixtures));
  }
  const texts = (r: CheckResult): [string, Message | undefined][] => [
    ...r.reasons.map((x) => [x.explanation, x.message] as [string, Message | undefined]),
    ...r.documents.map((x) => [x.why, x.message] as [string, Message | undefined]),
    ...r.missing.map((x) => [x.why, x.message] as [string, Message | undefined]),
    ...r.notes.map((n, i) => [n, r.noteMessages?.[i]] as [string, Message | undefined]),
  ];

  it('has a message with a catalogue key (never untranslated) that renders back to the English text', () => {
    expect(results.length).toBeGreaterThan(90);
    let count = 0;
    for (const r of results) {
      expect(r.noteMessages).toHaveLength(r.notes.length);
      for (const [text, m] of texts(r)) {
        count++;
        expect(m, text).toBeDefined();
        expect(keysOf(m!), text).not.toContain(UNTRANSLATED);
        for (const k of keysOf(m!)) {
          expect(CATALOGUE.en[k], k).toBeDefined();
          expect(CATALOGUE.zh[k], k).toBeDefined();
        }
        expect(render(m!, 'en')).toBe(text);
        expect(render(m!, 'zh')).not.toMatch(/\{\w+(:[ml])?\}/);
      }
    }
    expect(count).toBeGreaterThan(300);
  });
  it('localizes an answer: message.text in Chinese, English fields, codes and citations unchanged', () => {
    const r = results.find((x) => x.reasons.some((y) => y.code === 'ENTITY_LIST'))!;
    const zh = localized(r, 'zh');
    expect(zh.lang).toBe('zh');
    const i = r.reasons.findIndex((y) => y.code === 'ENTITY_LIST');
    expect(zh.reasons[i]!.explanation).toBe(r.reasons[i]!.explanation);
    expect(zh.reasons[i]!.citation).toBe(r.reasons[i]!.citation);
    expect(zh.reasons[i]!.message!.text).toContain('实体清单');
  });
});
