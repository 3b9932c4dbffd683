import { describe, expect, it } from 'vitest';
import { chineseSurname, personReadings, wadeGiles } from './person-names.js';

describe('Chinese person names', () => {
  it('finds the surname at the head, compound surnames included, and nothing in organisation names', () => {
    expect(chineseSurname('王小明')).toBe('王');
    expect(chineseSurname('欧阳修')).toBe('欧阳');
    expect(chineseSurname('中国科学院')).toBeUndefined();
    expect(chineseSurname('王')).toBeUndefined();
    expect(chineseSurname('Wang Xiaoming')).toBeUndefined();
  });
  it('reads the name surname first with surname readings, and in Wade-Giles spelling', () => {
    expect(personReadings('王小明').map((r) => r.text)).toEqual(['Wang Xiaoming', 'Wang Hsiao-ming']);
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
});
