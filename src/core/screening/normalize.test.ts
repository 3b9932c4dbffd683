import { describe, expect, it } from 'vitest';
import {
  foldLatinPhrases,
  generatePinyinTerms,
  normalizeName,
  parseChineseNumber,
  stemKey,
} from './normalize.js';
import { PINYIN_TERMS } from './pinyin-terms.generated.js';

const keys = (s: string) => normalizeName(s).map((t) => t.key);
const same = (a: string, b: string) => expect(keys(a)).toEqual(keys(b));

describe('normalizeName (one function for list entries and queries)', () => {
  it('applies NFKC, case and punctuation', () => {
    same('ＡＥＣＣ Ｂｅｉｊｉｎｇ', 'aecc beijing');
    same("Xi'an Aerospace", 'Xi’an Aerospace');
    same('Jiangsu Hengtong Optic-Electric Co., Ltd.', 'jiangsu hengtong optic electric co ltd');
  });
  it('maps legal forms in both languages to the same low-weight tokens', () => {
    same('Example Company Limited', 'Example Co., Ltd.');
    expect(
      normalizeName('某某有限公司')
        .slice(-2)
        .map((t) => t.cls),
    ).toEqual(['legal', 'legal']);
  });
  it('converts traditional to simplified before reading Chinese', () => {
    same('中國科學技術大學', '中国科学技术大学');
  });
  it('renders generic Chinese organisation words in English and proper names in pinyin', () => {
    const t = normalizeName('珠海振戎公司');
    expect(t.map((x) => x.norm)).toEqual(['zhuhai', 'zhenrong', 'co']);
    const u = normalizeName('中国科学院沈阳自动化研究所').map((x) => x.norm);
    expect(u).toEqual(['chinese', 'academy', 'sciences', 'shenyang', 'automation', 'research', 'institute']);
  });
  it('segments Chinese into words (jieba) and reads each word in its own context', () => {
    const norms = (s: string) => normalizeName(s).map((x) => x.norm);
    // 长 in 长春 reads chang even deep inside a long name (the whole string read at once gives "zhangchun")
    expect(norms('中国科学院长春光学精密机械与物理研究所')).toContain('changchun');
    expect(norms('重庆长安汽车股份有限公司').slice(0, 2)).toEqual(['chongqing', 'changan']);
    expect(normalizeName('长沙银行').map((x) => [x.norm, ...(x.alts ?? [])])).toEqual([
      ['changsha'],
      ['bank', 'yinhang'],
    ]);
    // a jieba word holding glossary words is read word by word; a proper name stays one slot
    expect(norms('北京航空航天大学')).toEqual(['beijing', 'aviation', 'aerospace', 'university']);
    expect(norms('北京合众思壮科技股份有限公司').slice(0, 3)).toEqual(['beijing', 'hezhong', 'sizhuang']);
    // a name jieba cuts into a word and single characters (科 / 大国 / 盾) is grouped two by two
    expect(norms('科大国盾量子技术股份有限公司').slice(0, 2)).toEqual(['keda', 'guodun']);
  });
  it('keeps the pinyin of a glossary word as an alternative (Bingtuan)', () => {
    const corps = normalizeName('新疆生产建设兵团').at(-1)!;
    expect(corps.key).toBe('corps');
    expect(corps.alts).toContain('bingtuan');
  });
  it('reads an ordinary word also in English (CC-CEDICT glosses), the pinyin first', () => {
    const [moore, thread] = normalizeName('摩尔线程');
    expect(thread!.norm).toBe('xiancheng');
    expect(thread!.alts).toContain('thread');
    expect(moore!.alts).toContain('moor');
    // a two-word gloss is one joined word, which meets "Great Wall" through the joined-pair index
    expect(normalizeName('长城')[0]!.alts).toContain('greatwal');
    // a name of four or more characters jieba knows whole is read two characters at a time
    expect(normalizeName('华大基因').map((t) => t.norm)).toEqual(['huada', 'jiyin']);
    expect(normalizeName('华大基因')[1]!.alts).toContain('gene');
  });
  it('reads a Hong Kong name also in Cantonese, Hong Kong spellings (香港祥华 = Cheung Wah)', () => {
    const name = normalizeName('香港祥华电子科技有限公司')[2]!;
    expect(name.norm).toBe('xianghua');
    expect(name.alts).toEqual(expect.arrayContaining([stemKey('cheungwah'), stemKey('tseungwah')]));
    // without a Hong Kong place the name is read in Mandarin only
    expect(normalizeName('祥华电子')[0]!.alts).toBeUndefined();
  });
  it('reads a unit word after a place with the place (深圳市迪泰 = shenzhen ditai)', () => {
    expect(normalizeName('深圳市迪泰科技有限公司').map((t) => t.norm)).toEqual([
      'shenzhen',
      'ditai',
      'technology',
      'co',
      'ltd',
    ]);
    expect(normalizeName('广东省深圳市')).toHaveLength(2);
  });
  it('a compass direction in a name names it (sector weight); a region word still locates', () => {
    expect(normalizeName('China North Industries').map((t) => t.cls)).toEqual(['place', 'sector', 'generic']);
    expect(normalizeName('中国东方航空')[1]!.cls).toBe('sector');
    expect(normalizeName('Inner Mongolia')[0]!.cls).toBe('place');
  });
  it('reads Chinese numerals and ordinals as numbers, like English ordinals', () => {
    expect(parseChineseNumber('三十一')).toBe(31);
    expect(parseChineseNumber('七〇一')).toBe(701);
    expect(parseChineseNumber('十四')).toBe(14);
    expect(keys('第十四研究所')).toEqual(keys('14th Research Institute'));
    expect(keys('CSSC Seventh Research Academy')).toEqual(keys('CSSC 7th Research Academy'));
    expect(keys('第七〇一研究所')).toContain('701');
    // a numeral inside a brand name is not a number
    expect(keys('三一重工')).not.toContain('31');
  });
  it('maps Wade-Giles and postal place names to pinyin', () => {
    same('Peking University', 'Beijing University');
    same(
      'Tientsin Navigational Instrument Research Institute',
      'Tianjin Navigational Instrument Research Institute',
    );
    same('Amoy', 'Xiamen');
    same('Canton Haige', 'Guangzhou Haige');
    same('Tsinghua', 'Qinghua');
  });
  it('unifies UK and US spellings and expands abbreviations', () => {
    same('Beijing Computational Science Research Centre', 'Beijing Computational Science Research Center');
    same('Leike Defence', 'Leike Defense');
    same('Air Force Engineering Univ.', 'Air Force Engineering University');
    same('Luoyang Inst. of Sci. & Tech.', 'Luoyang Institute of Science and Technology');
    same(
      'China Natl Precision Machinery Intl Corp',
      'China National Precision Machinery International Corporation',
    );
  });
  it('classifies words: places and generic words never count as distinctive', () => {
    const t = normalizeName('Beijing Zhipu Huazhang Technology Co., Ltd.');
    expect(t.map((x) => x.cls)).toEqual(['place', 'distinct', 'distinct', 'generic', 'legal', 'legal']);
  });
  it('transliterates other scripts and survives control characters and empty input', () => {
    expect(normalizeName('Владимир Путин').map((t) => t.norm)).toEqual(['vladimir', 'putin']);
    expect(normalizeName('Hua\u0000wei\u0007')).toHaveLength(2);
    expect(normalizeName('   ')).toEqual([]);
    expect(normalizeName('!!! ...')).toEqual([]);
  });
  it('reads compound number words as one number', () => {
    same('Brigade Forty-Four', 'Brigade 44');
    same('Brigade Fourty four', 'Brigade 44');
    same('Twenty-First Century Fund', '21st Century Fund');
    expect(foldLatinPhrases('forty four ninety')).toBe(' 44  ninety');
  });
  it('folds legal forms written out to their abbreviation, also when the name is cut short', () => {
    same('Volkswagen Gesellschaft mit beschränkter Haftung', 'Volkswagen GmbH');
    same('Open Joint Stock Company Gazprom', 'OAO Gazprom');
    same('Societatea cu Răspundere Limitată PRO TRAFFIC', 'SRL PRO TRAFFIC');
    same('FABERLIC EUROPE Sp. z o.o.', 'Faberlic Europe spzoo');
    same('TACTICAL MISSILES CORPORATION JOINT STOCK COMPAN', 'Tactical Missiles Corporation JSC');
    expect(normalizeName('Open Joint Stock Company Gazprom').map((t) => t.cls)).toEqual([
      'legal',
      'distinct',
    ]);
    // only at the end of a name, and only a cut of at least three letters
    expect(keys('Joint Stock Co Ltd')).not.toContain('jsc');
    expect(keys('Joint Stock Com Holdings')).not.toContain('jsc');
  });
  it('treats words that name Object.prototype members as plain words', () => {
    for (const w of ['constructor', 'tostring', 'valueof', 'hasownproperty', '__proto__']) {
      const [t] = normalizeName(`${w} Trading`);
      expect(typeof t?.word).toBe('string');
      expect(typeof t?.key).toBe('string');
      expect(t?.key).toMatch(/^[a-z_]+$/);
    }
    expect(normalizeName('Constructors Company')[0]?.key).toBe(normalizeName('constructor')[0]?.key);
  });
  it('keeps "universal" apart from "university" and reads lines of business as sector words', () => {
    expect(normalizeName('Universal')[0]!.key).not.toBe(normalizeName('University')[0]!.key);
    expect(normalizeName('Hytera Communications').map((t) => t.cls)).toEqual(['distinct', 'sector']);
  });
  it('reads generic words and legal forms written in pinyin like their English equivalents', () => {
    same('Ruiyuan Keji Youxian Gongsi', 'Ruiyuan Technology Co., Ltd.');
    same('Ruiyuan Keji Youxian Gongsi', '瑞源科技有限公司');
    same('ruiyuan keji you xian gong si', 'Ruiyuan Technology Co Ltd');
    same('Tiandi Dianzi Jituan', 'Tiandi Electronics Group');
    // the pinyin stays an alternative, so a name listed in pinyin still meets the same name in pinyin
    expect(normalizeName('Huawei Keji')[1]!.alts).toContain('keji');
    // English words are left alone
    same('Keystone Trading', 'Keystone Trading');
    expect(keys('Chongqing University')).toEqual(['chongq', 'univers']);
  });
  it('ships the pinyin term table as the glossary generates it', () => {
    // regenerate: write generatePinyinTerms() into pinyin-terms.generated.ts (see its header)
    expect(generatePinyinTerms()).toEqual(PINYIN_TERMS.map(([p, e]) => [p, e]));
  });
});
