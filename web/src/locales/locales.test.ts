import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roles } from '../../../src/core/workflows/roles.js';
import en from './en.json';
import zh from './zh.json';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const EN = flatten(en as Tree);
const ZH = flatten(zh as Tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the English and Chinese resource files', () => {
  it('have exactly the same keys', () => {
    expect([...ZH.keys()].sort()).toEqual([...EN.keys()].sort());
  });

  it('have no empty text, and the same placeholders in both languages', () => {
    for (const [key, text] of EN) {
      expect(text.trim(), key).not.toBe('');
      expect(ZH.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(ZH.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('translate the Chinese side (no English sentence left in zh.json)', () => {
    const untranslated = [...ZH].filter(
      ([key, text]) => text === EN.get(key) && /[a-z]{4,} [a-z]{3,}/.test(text),
    );
    expect(untranslated).toEqual([]);
  });

  it('hold every key the code asks for by name', () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, '..'))) {
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    const plural = (k: string) => EN.has(`${k}_one`) && EN.has(`${k}_other`);
    expect([...used].filter((k) => !EN.has(k) && !plural(k))).toEqual([]);
  });

  it('name every state, role, action and authorization the server can send', () => {
    const states = [
      'draft',
      'submitted',
      'info_requested',
      'issued',
      'refused',
      'withdrawn',
      'registered',
      'referred',
      'referral_info_requested',
      'approved',
      'denied',
      'returned',
      'under_review',
      'open',
      'shipped',
      'cancelled',
      'released',
      'clear',
      'hit',
      'active',
      'revoked',
      'planned',
      'held',
      'answered',
      'valid',
    ];
    const auth = ['NLR', 'LICENSE_EXCEPTION', 'VEU', 'LICENSE', 'INDETERMINATE'];
    const missing = [
      ...states.map((s) => `state.${s}`),
      ...roles.map((r) => `role.${r}`),
      ...auth.map((a) => `auth.${a}`),
    ].filter((k) => !EN.has(k));
    expect(missing).toEqual([]);
  });
});
