import { describe, expect, it } from 'vitest';
import HK from './data/jyutping-hk-romanisation.json' with { type: 'json' };
import { toJyutping } from './han.js';
import {
  cantoneseReading,
  chineseSurname,
  hkRomanisation,
  personReadings,
  wadeGiles,
  wadeGilesReadings,
} from './person-names.js';

describe('Chinese person names', () => {
  it('finds the surname at the head, compound surnames included, and nothing in organisation names', () => {
    expect(chineseSurname('王小明')).toBe('王');
    expect(chineseSurname('欧阳修')).toBe('欧阳');
    expect(chineseSurname('中国科学院')).toBeUndefined();
    expect(chineseSurname('王')).toBeUndefined();
    expect(chineseSurname('Wang Xiaoming')).toBeUndefined();
  });
  it('reads the name surname first with surname readings, and in Wade-Giles spelling', () => {
    expect(personReadings('王小明').map((r) => r.text)).toEqual([
      'Wang Xiaoming',
      'Wang Hsiao-ming',
      'Wong Siu Ming',
    ]);
    expect(personReadings('单田芳')[0]!.text).toBe('Shan Tianfang');
    expect(personReadings('曾国藩')[0]!.text).toBe('Zeng Guofan');
    expect(personReadings('蒋经国').map((r) => r.text)).toContain('Chiang Ching-kuo');
    expect(personReadings('周恩来').map((r) => r.text)).toContain('Chou En-lai');
    expect(personReadings('王小明')[0]!.note).toMatch(/surname 王 = Wang, given name 小明 = Xiaoming/);
  });
  it('spells pinyin syllables in Wade-Giles', () => {
    expect(['zhi', 'xiao', 'qing', 'zong', 'cai', 'dong', 'jian', 'guo'].map(wadeGiles)).toEqual([
      'chih',
      'hsiao',
      'ching',
      'tsung',
      'tsai',
      'tung',
      'chien',
      'kuo',
    ]);
  });
  it('spells Jyutping in Hong Kong Government romanisation', () => {
    const spell = (s: string) => s.split(' ').map(hkRomanisation).join(' ');
    expect(spell('can4 daai6 man4')).toBe('chan tai man');
    expect(spell('zoeng1 gwok3 wing4')).toBe('cheung kwok wing');
    expect(spell('lei5 gaa1 sing4')).toBe('lee ka sing');
    expect(spell('jyun4 si1 jip6 loeng4')).toBe('yuen sze yip leung');
    expect(spell('ng4 gou1 syun1 ceoi4')).toBe('ng ko suen chui');
    expect(hkRomanisation('xyz9')).toBeUndefined();
  });
  it('reads a name in Cantonese, traditional or simplified, the surname with its surname reading', () => {
    expect(cantoneseReading('陳大文', 1)).toEqual(['chan', 'tai', 'man']);
    expect(cantoneseReading('陈大文', 1)).toEqual(['chan', 'tai', 'man']);
    // 曾 reads cang4 in general, zang1 as a surname
    expect(cantoneseReading('曾蔭權', 1)![0]).toBe('chang');
    const r = personReadings('陳大文');
    expect(r.map((x) => x.text)).toEqual(['Chen Dawen', 'Chen Ta-wen', 'Chan Tai Man']);
    expect(r[2]!.note).toMatch(/Cantonese \(Hong Kong spelling\), "Chan Tai Man"/);
  });
  it('takes every surname reading of the data file from the readings to-jyutping knows for it', () => {
    for (const [ch, jp] of Object.entries(HK.surnames)) {
      const [[, candidates]] = toJyutping().getJyutpingCandidates(ch) as [[string, string[]]];
      expect(candidates, ch).toContain(jp);
    }
  });
  it('reads a name written in Wade-Giles or a Taiwan spelling back into pinyin', () => {
    const read = (q: string) => wadeGilesReadings(q).map((r) => r.text);
    expect(read('Chao Kuang-tsung')).toContain('Zhao Guangzong');
    expect(read("Ch'en Shui-pien")).toContain('Chen Shuibian');
    expect(read('Chén Shui-piēn')).toContain('Chen Shuibian');
    expect(read('Hsu Pin')).toContain('Xu Bin');
    // pinyin and other names are left alone
    expect(read('Wang Xiaoming')).toEqual([]);
    expect(read('John Smith')).toEqual([]);
    expect(read('Huawei Technologies Co., Ltd.')).toEqual([]);
  });
});
