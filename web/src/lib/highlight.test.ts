import { describe, expect, it } from 'vitest';
import { highlight, matchedTerms } from './highlight';

const marked = (text: string, terms: string[]) =>
  highlight(text, terms)
    .filter((s) => s.match)
    .map((s) => s.text);

describe('matched words of a screening hit', () => {
  it('are read from the explanation: exact, stem and name-part pairs', () => {
    const e =
      'matched listed name "Huawei Technology": "huawei"="huawei" +0.80 (distinctive); "technologies"="technology" +0.20 (generic). Score 1.00';
    expect(matchedTerms(e)).toEqual({ query: ['huawei', 'technologies'], listed: ['huawei', 'technology'] });
    expect(matchedTerms('name parts: "Li Wei"~"Li Wei" 1.00; "Zhang"~"Chang" 0.91').listed).toEqual([
      'li',
      'wei',
      'chang',
    ]);
    expect(matchedTerms('"哈尔滨"="harbin" +0.45 (place); "工业大学"="institute" +0.27').query).toEqual([
      '哈尔滨',
      '工业大学',
    ]);
  });

  it('are marked case-insensitively at word starts, never inside another word', () => {
    expect(marked('Harbin Institute of Technology', ['harbin', 'technology'])).toEqual([
      'Harbin',
      'Technology',
    ]);
    expect(marked('Harbin Institute', ['in'])).toEqual([]);
    expect(marked('HUAWEI Technologies Co., Ltd.', ['huawei', 'technologies'])).toEqual([
      'HUAWEI',
      'Technologies',
    ]);
  });

  it('are marked anywhere in Chinese text, and adjacent marks join', () => {
    expect(marked('哈尔滨工业大学', ['工业大学'])).toEqual(['工业大学']);
    expect(marked('哈尔滨工业大学', ['哈尔滨', '工业大学'])).toEqual(['哈尔滨工业大学']);
  });

  it('ignore accents and keep the text whole', () => {
    const segments = highlight('Société Générale', ['generale']);
    expect(segments.map((s) => s.text).join('')).toBe('Société Générale');
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['Générale']);
    expect(highlight('', ['x'])).toEqual([]);
    expect(highlight('abc', [])).toEqual([{ text: 'abc', match: false }]);
  });
});

describe("hits without an explanation (a counterparty's stored screening)", () => {
  it('marks nothing instead of failing', () => {
    expect(matchedTerms(undefined)).toEqual({ query: [], listed: [] });
    expect(matchedTerms(null)).toEqual({ query: [], listed: [] });
  });
});
