import { describe, expect, it } from 'vitest';
import { osaDistance } from './string-distance.js';
import { buildTypoIndex } from './typo-index.js';

describe('typo index', () => {
  const vocabulary = ['hytera', 'huawei', 'fiberhome', 'zhenrong', 'tianjin', 'tianjing', 'hikvision'];
  const index = buildTypoIndex(vocabulary);
  it('finds words one substitution, insertion, deletion or swap away', () => {
    expect(index.neighbours('hytrea')).toEqual(['hytera']); // swap
    expect(index.neighbours('huawai')).toEqual(['huawei']); // substitution
    expect(index.neighbours('fiberhom')).toEqual(['fiberhome']); // a letter left out
    expect(index.neighbours('zhenrongg')).toEqual(['zhenrong']); // a letter too many
    expect(index.neighbours('tianjin').sort()).toEqual(['tianjing']);
  });
  it('finds nothing for the word itself alone or for words two edits away', () => {
    expect(index.neighbours('hikvision')).toEqual([]);
    expect(index.neighbours('hykvisoin')).toEqual([]);
  });
  it('agrees with the edit distance over a larger vocabulary', () => {
    // a small alphabet, so that many words are one edit apart; a fixed pseudo-random sequence
    const letters = 'abcd';
    let seed = 12345;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % letters.length;
    const words: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let w = '';
      for (let k = 0; k < 6 + (i % 3); k++) w += letters[next()];
      words.push(w);
    }
    const big = buildTypoIndex(words);
    const unique = [...new Set(words)];
    let neighbours = 0;
    for (const q of [
      'abcdabc',
      'dddddd',
      ...unique.slice(0, 200),
      ...unique.slice(0, 50).map((w) => w + 'a'),
    ]) {
      const expected = unique.filter((w) => w !== q && osaDistance(w, q, 1) <= 1).sort();
      expect(big.neighbours(q).sort()).toEqual(expected);
      neighbours += expected.length;
    }
    expect(neighbours).toBeGreaterThan(100);
  });
});
