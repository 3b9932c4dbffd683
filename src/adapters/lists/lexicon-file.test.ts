import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HttError } from '../../core/errors.js';
import { DEFAULT_LEXICON_PATH, loadLexicon } from './lexicon-file.js';

const dir = mkdtempSync(join(tmpdir(), 'htt-lexicon-'));
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof HttError ? `${e.code}: ${e.message}` : 'crash';
  }
  return 'none';
};

describe('the shipped name lexicon', () => {
  it('loads, and knows established English names of Chinese institutions', () => {
    const lexicon = loadLexicon(DEFAULT_LEXICON_PATH);
    expect(lexicon.source).toBe('CC-CEDICT');
    expect(lexicon.entries.size).toBeGreaterThan(1000);
    expect(lexicon.entries.get('中山大学')).toContain('Sun Yat-sen University');
  });
  it('refuses a missing or malformed file with a clear error', () => {
    expect(codeOf(() => loadLexicon(join(dir, 'none.json')))).toMatch(/^LISTS\.NOT_LOADED: .*missing/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ source: 'x', entries: { 中山大学: [] } }));
    expect(codeOf(() => loadLexicon(bad))).toMatch(/^LISTS\.NOT_LOADED: .*malformed/);
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{');
    expect(codeOf(() => loadLexicon(notJson))).toMatch(/^LISTS\.NOT_LOADED: .*malformed/);
  });
});
