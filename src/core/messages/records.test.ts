/**
 * The record catalogue (records.en.json, records.zh.json): every key the server uses — in the printable
 * documents, the clock deadlines, the inbox items, and the state, role, party-role and agency names — has an
 * English and a Chinese text with the same parameters, and the Chinese is Chinese.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partyRole } from '../../contracts/check.js';
import { eusStates } from '../workflows/end-user-statement.js';
import { licenseStates } from '../workflows/license-application.js';
import { licenseRecordActions, licenseRecordStates } from '../workflows/license.js';
import { roles } from '../workflows/roles.js';
import { holdStates, transactionStates } from '../workflows/transaction.js';
import { veuAppStates } from '../workflows/veu.js';
import { placeholders, RECORD_CATALOGUE, render } from './messages.js';
import { agency, dateText, say, translator } from './records.js';

const SRC = join(import.meta.dirname, '..', '..');
const CJK = /[\u3400-\u9fff]/;
const names = (t: string) =>
  placeholders(t)
    .map((p) => p.name)
    .sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

/** Every literal key of the record catalogue in the server's code (say('…'), t('…'), tr('…'), ternaries). */
function literalKeys(): Map<string, string> {
  const found = new Map<string, string>();
  const key = String.raw`'((?:doc|clock|deadline|inbox)(?:\.[a-z_]+)+)'`;
  const call = new RegExp(String.raw`\b(?:say|t|tr)\(\s*${key}`, 'g');
  const ternary = new RegExp(String.raw`\?\s*${key}\s*:\s*${key}`, 'g');
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of [...text.matchAll(call), ...text.matchAll(ternary)])
      for (const k of m.slice(1)) if (k) found.set(k, relative(SRC, file));
  }
  return found;
}

/** The keys built from values: every state of the machines, role, party role, record kind and drawdown. */
const familyKeys = [
  ...[
    ...eusStates,
    ...licenseStates,
    ...licenseRecordStates,
    ...transactionStates,
    ...holdStates,
    ...veuAppStates,
    'clear',
    'hit',
  ].map((s) => `state.${s}`),
  ...roles.map((r) => `role.${r}`),
  ...partyRole.options.map((r) => `partyRole.${r}`),
  ...['hold', 'license', 'eus_request', 'counterparty'].map((k) => `doc.kind.${k}`),
  ...['license_application', 'shipment'].map((k) => `doc.drawdown.${k}`),
  ...licenseRecordActions.map((a) => `doc.license_action.${a}`),
];

describe('the record catalogue', () => {
  it('has every key the server uses, in English and in Chinese', () => {
    const used = literalKeys();
    expect(used.size).toBeGreaterThan(100);
    for (const [key, file] of [...used, ...familyKeys.map((k) => [k, 'a family'] as const)]) {
      expect(RECORD_CATALOGUE.en[key], `${key} (${file}) has no English`).toBeTruthy();
      expect(RECORD_CATALOGUE.zh[key], `${key} (${file}) has no Chinese`).toBeTruthy();
    }
  });

  it('has the same keys and parameters in both languages, and Chinese in the Chinese', () => {
    expect(Object.keys(RECORD_CATALOGUE.zh).sort()).toEqual(Object.keys(RECORD_CATALOGUE.en).sort());
    for (const [key, en] of Object.entries(RECORD_CATALOGUE.en)) {
      const zh = RECORD_CATALOGUE.zh[key]!;
      expect(names(zh), key).toEqual(names(en));
      expect(CJK.test(zh), `${key}: ${zh}`).toBe(true);
    }
  });

  it('renders agencies by name in English and in Chinese where it knows them', () => {
    const m = say('clock.agency_recommends', { agency: agency('DoD') });
    expect(render(m, 'en')).toBe('DoD recommends');
    expect(render(m, 'zh')).toBe('美国国防部提出建议');
    expect(agency('Treasury')).toBe('Treasury');
  });

  it('writes dates in a Chinese-readable form and keeps citations and names verbatim', () => {
    expect(dateText('2026-12-01', 'zh')).toBe('2026年12月1日');
    expect(dateText('2026-12-01T09:05:07.123Z', 'zh')).toBe('2026年12月1日 09:05:07 UTC');
    expect(dateText('2026-12-01', 'en')).toBe('2026-12-01');
    const t = translator('zh');
    expect(t('doc.eus.signature')).toContain('15 CFR 748.10(c)(2)(v)');
    expect(t('doc.license.title', { number: 'D123' })).toBe('许可证 D123');
    expect(t.state('info_requested')).toBe('要求补充信息');
    expect(t.partyRole('end_user')).toBe('最终用户');
    expect(translator('en').state('info_requested')).toBe('info_requested');
  });
});
