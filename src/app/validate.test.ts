import { describe, expect, it } from 'vitest';
import { HttError } from '../core/errors.js';
import { checkText, findUnsafeText, hasUnsafeText } from './validate.js';

describe('unsafe text', () => {
  it.each([
    ['NUL', 'M\u0000'],
    ['a C0 control', 'a\u0007b'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'Huawei\u0085Technologies'],
    ['a right-to-left override', 'invoice \u202Efdp.exe'],
    ['a first-strong isolate', 'a\u2068b'],
    ['a lone high surrogate', 'x\ud800'],
    ['a lone low surrogate', 'x\udfff'],
  ])('refuses %s', (_what, text) => {
    expect(hasUnsafeText(text)).toBe(true);
  });

  it.each([
    ['tab and line breaks', 'line one\r\n\tline two'],
    ['Chinese and an emoji (a surrogate pair)', '华为技术有限公司 😀'],
    ['the left-to-right and right-to-left marks', 'شركة\u200F ACME\u200E'],
    ['Latin-1 letters', 'Société Générale'],
  ])('allows %s', (_what, text) => {
    expect(hasUnsafeText(text)).toBe(false);
  });

  it('names the field that holds it, keys included, with INPUT.INVALID', () => {
    expect(findUnsafeText({ parties: [{ name: 'ok' }, { name: 'a\u202Eb' }] })).toEqual([
      'parties',
      1,
      'name',
    ]);
    expect(findUnsafeText({ ['k\u0000']: 1 })).toEqual(['k\u0000']);
    try {
      checkText({ parties: [{ name: 'a\u0085' }] }, 'check');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HttError);
      expect((e as HttError).code).toBe('INPUT.INVALID');
      expect((e as HttError).problem.field).toBe('parties[0].name');
    }
  });
});
