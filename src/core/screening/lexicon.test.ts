import { describe, expect, it } from 'vitest';
import { buildLexicon, lexiconReadings } from './lexicon.js';

const lexicon = buildLexicon('TEST', {
  中山大学: ['Sun Yat-sen University'],
  中国海洋石油总公司: ['CNOOC', 'China National Offshore Oil Corporation'],
  北方工業: ['Norinco'],
  清华大学: ['Tsinghua University'],
});

describe('name lexicon', () => {
  it('reads a known Chinese name in its established English form', () => {
    expect(lexiconReadings('中山大学', lexicon)).toEqual([
      { text: 'Sun Yat-sen University', used: [{ zh: '中山大学', en: 'Sun Yat-sen University' }] },
    ]);
  });
  it('keys entries by simplified Chinese and reads traditional input', () => {
    expect(lexiconReadings('北方工業公司', lexicon).map((r) => r.text)).toEqual(['Norinco 公司']);
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
  it('drops an English name that normalises to the words the Chinese already gives', () => {
    // the glossary already reads 清华大学 as "Tsinghua University"
    expect(lexicon.entries.has('清华大学')).toBe(false);
  });
  it('gives no reading without a known name, without Han text or without a lexicon', () => {
    expect(lexiconReadings('北京大学', lexicon)).toEqual([]);
    expect(lexiconReadings('Sun Yat-sen University', lexicon)).toEqual([]);
    expect(lexiconReadings('中山大学', undefined)).toEqual([]);
  });
  it('generates contractions of university names from the full names, dropping ambiguous ones', () => {
    const lx = buildLexicon('test', {
      上海交通大学: ['Shanghai Jiao Tong University'],
      西安交通大学: ["Xi'an Jiaotong University"],
      北京师范大学: ['Beijing Normal University'],
      北京师资大学: ['Beijing Teachers University'],
      中国航空集团: ['Air China Group'],
    });
    expect(lexiconReadings('上海交大', lx).map((r) => r.text)).toEqual(['Shanghai Jiao Tong University']);
    expect(lexiconReadings('西安交大', lx).map((r) => r.text)).toEqual(["Xi'an Jiaotong University"]);
    // two full names make 北京师大: neither is read
    expect(lexiconReadings('北京师大', lx)).toEqual([]);
    // a group's contraction keeps no part of its legal form
    expect(lexiconReadings('中国航集', lx)).toEqual([]);
  });
  it('generates contractions from the segmented words: first characters, 大 for universities', () => {
    const lx = buildLexicon('test', {
      哈尔滨工业大学: ['Harbin Institute of Technology'],
      西北工业大学: ['Northwestern Polytechnical University'],
      中国核工业集团公司: ['China National Nuclear Corporation'],
      中国电子科技集团公司: ['China Electronics Technology Group Corporation'],
      中山大学: ['Sun Yat-sen University'],
    });
    const read = (q: string) => lexiconReadings(q, lx).map((r) => r.text);
    expect(read('哈工大')).toEqual(['Harbin Institute of Technology']);
    expect(read('西工大')).toEqual(['Northwestern Polytechnical University']);
    expect(read('中核工业')).toEqual(['China National Nuclear Corporation']);
    // a contraction the glossary already reads (中电科 = CETC) is left to the glossary
    expect(
      buildLexicon('test', { 中国电子科技集团公司: ['China Electronics Technology Group'] }).entries.has(
        '中电科',
      ),
    ).toBe(false);
    // two characters are too short to be safe: 中山大学 makes no 中大
    expect(read('中大')).toEqual([]);
  });
  it('gives a first character shared by parallel words once (航空航天 -> 航)', () => {
    const lx = buildLexicon('test', {
      北京航空航天大学: ['Beijing University of Aeronautics and Astronautics'],
    });
    expect(lx.entries.has('北航航大')).toBe(false);
    expect(lx.entries.has('北京航航大')).toBe(false);
    expect(lexiconReadings('北航大', lx).map((r) => r.text)).toEqual([
      'Beijing University of Aeronautics and Astronautics',
    ]);
  });
  it('drops a contraction whose characters from different words make an ordinary word of their own', () => {
    const lx = buildLexicon('test', {
      大连理工大学: ['Dalian University of Technology'],
      中国船舶工业集团: ['China State Shipbuilding Corporation'],
    });
    // 大理大 would read as 大理 (Dali, a city) + 大: dropped; the form keeping the place whole stays
    expect(lx.entries.has('大理大')).toBe(false);
    expect(lexiconReadings('大连理大', lx).map((r) => r.text)).toEqual(['Dalian University of Technology']);
    expect(lexiconReadings('大理大学', lx)).toEqual([]);
    // 中船 is a glossary word (CSSC), a known short name: 中船工业 stays
    expect(lexiconReadings('中船工业', lx).map((r) => r.text)).toEqual([
      'China State Shipbuilding Corporation',
    ]);
  });
});
