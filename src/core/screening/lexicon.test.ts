import { describe, expect, it } from 'vitest';
import { buildLexicon, lexiconReadings } from './lexicon.js';

const lexicon = buildLexicon('TEST', {
  中山大学: ['Sun Yat-sen University'],
  中国海洋石油总公司: ['CNOOC', 'China National Offshore Oil Corporation'],
  清華大學: ['Tsinghua University'],
});

describe('name lexicon', () => {
  it('reads a known Chinese name in its established English form', () => {
    expect(lexiconReadings('中山大学', lexicon)).toEqual([
      { text: 'Sun Yat-sen University', used: [{ zh: '中山大学', en: 'Sun Yat-sen University' }] },
    ]);
  });
  it('keys entries by simplified Chinese and reads traditional input', () => {
    expect(lexiconReadings('清華大學', lexicon).map((r) => r.text)).toEqual(['Tsinghua University']);
  });
  it('stands an entry ending in a legal form for its stem, without the English legal form', () => {
    expect(lexicon.entries.get('中国海洋石油')).toEqual(['CNOOC', 'China National Offshore Oil']);
    expect(lexiconReadings('中國海洋石油有限公司', lexicon).map((r) => r.text)).toEqual([
      'CNOOC 有限公司',
      'China National Offshore Oil 有限公司',
    ]);
  });
  it('keeps the rest of the text and takes the longest known name', () => {
    expect(lexiconReadings('广州中山大学附属医院', lexicon).map((r) => r.text)).toEqual([
      '广州 Sun Yat-sen University 附属医院',
    ]);
  });
  it('gives no reading without a known name, without Han text or without a lexicon', () => {
    expect(lexiconReadings('北京大学', lexicon)).toEqual([]);
    expect(lexiconReadings('Sun Yat-sen University', lexicon)).toEqual([]);
    expect(lexiconReadings('中山大学', undefined)).toEqual([]);
  });
});
