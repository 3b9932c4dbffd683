import { describe, expect, it } from 'vitest';
import { coverage, isWithin, splitEccn } from './paragraphs.js';

describe('paragraph coverage', () => {
  const nsRow = { type: 'paragraphs' as const, paragraphs: ['a.1', 'a.2', 'a.3', 'b', 'e'] };
  it('covers a paragraph inside a listed one', () => {
    expect(coverage(nsRow, 'a.2.b')).toBe('covered');
    expect(coverage(nsRow, 'e')).toBe('covered');
  });
  it('does not cover an unrelated paragraph', () => expect(coverage(nsRow, 'f.1')).toBe('not_covered'));
  it('depends when the item paragraph is coarser than the scope', () => {
    expect(coverage(nsRow, 'a')).toBe('depends');
    expect(coverage(nsRow, '')).toBe('depends');
  });
  it('handles "entire entry except"', () => {
    const row = { type: 'entire_except' as const, except: ['c'] };
    expect(coverage(row, 'a')).toBe('covered');
    expect(coverage(row, 'c.1')).toBe('not_covered');
    expect(coverage(row, '')).toBe('depends');
  });
  it('splits and compares ECCNs', () => {
    expect(splitEccn('3B001.a.2')).toEqual({ base: '3B001', paragraph: 'a.2' });
    expect(isWithin('3B001.e', '3B001')).toBe(true);
    expect(isWithin('3B001', '3B001.e')).toBe(false);
  });
});
