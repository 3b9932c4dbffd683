import { describe, expect, it } from 'vitest';
import { normalizeName } from './normalize.js';
import { isPinyinWord, learnSynonyms, taughtVariants } from './learned-synonyms.js';

const entry = (name: string, aliases: string[], countries = ['CN']) => ({
  name,
  countries,
  names: [name, ...aliases].map((n) => normalizeName(n)),
});

describe('pinyin words', () => {
  it('are two or more Mandarin syllables written together', () => {
    for (const w of ['fenghuo', 'xingkong', 'tianshenghua', 'qingfeng', 'zhongguo'])
      expect(isPinyinWord(w)).toBe(true);
    for (const w of ['fiberhome', 'starrysky', 'breeze', 'tiandy', 'image', 'xian', 'hua'])
      expect(isPinyinWord(w)).toBe(false);
  });
});

describe('synonyms learned from the lists', () => {
  const fiberhome = entry('Nanjing FiberHome Starrysky Communication Development Co.', [
    'Nanjing Fenghuo Xingkong Communication Development Co.',
  ]);
  it('pairs a pinyin word with the brand word in the same place of another name of the entry', () => {
    const { words } = learnSynonyms([fiberhome]);
    expect(words.get('fenghuo')?.map((s) => s.word)).toEqual(['fiberhome']);
    expect(words.get('xingkong')?.map((s) => s.word)).toEqual(['starrysky']);
    expect(words.get('fiberhom')?.[0]).toMatchObject({ key: 'fenghuo', from: fiberhome.name });
  });
  it('learns pinyin synonyms only from entries located in China', () => {
    const elsewhere = { ...fiberhome, countries: ['DE'] };
    expect(learnSynonyms([elsewhere]).words.size).toBe(0);
  });
  it('pairs rare words only', () => {
    const { words } = learnSynonyms([fiberhome], (k) => (k === 'fiberhom' ? 100 : 1));
    expect(words.has('fenghuo')).toBe(false);
    expect(words.has('xingkong')).toBe(true);
  });
  it('does not learn from names that share no word', () => {
    expect(learnSynonyms([entry('FiberHome', ['Fenghuo'])]).words.size).toBe(0);
  });
  it('drops a word the lists pair with more than two others', () => {
    const many = ['Breeze', 'Sevenstar', 'Skyeye'].map((b) =>
      entry(`Shanghai ${b} Technology Co`, ['Shanghai Qingfeng Technology Co'], ['CN']),
    );
    expect(learnSynonyms(many).words.has('qingfeng')).toBe(false);
  });
  it('learns a contraction, and makes variants of names with the phrase or the contraction', () => {
    const unicom = entry('China United Network Communications Group Co., Ltd.', ['China Unicom']);
    const learned = learnSynonyms([unicom]);
    expect(learned.phrases.get(normalizeName('united')[0]!.key)?.map((p) => p.word)).toEqual(['unicom']);
    expect(taughtVariants(normalizeName('China Unicom (Hong Kong) Limited'), learned)).toEqual([
      {
        text: 'china united network communications hong kong limited',
        note: `"unicom" stands for "united network communications" in the names of ${unicom.name}`,
      },
    ]);
    expect(taughtVariants(normalizeName('China United Network Communications Corp.'), learned)[0]?.text).toBe(
      'china unicom corp',
    );
  });
  it('makes a variant with each learned synonym', () => {
    const learned = learnSynonyms([fiberhome]);
    expect(taughtVariants(normalizeName('FiberHome Technologies Group'), learned).map((v) => v.text)).toEqual(
      ['fenghuo technologies group'],
    );
  });
  it('does not take a word for a contraction when its letters do not start the words in order', () => {
    const { phrases } = learnSynonyms([entry('China Network Communications Group', ['China Zenith'])]);
    expect(phrases.size).toBe(0);
  });
  it('learns no contraction for a place with sector and generic words (an airline is no aviation group)', () => {
    const group = entry('Aviation International Corporation of China Simulation Co., Ltd.', [
      'AVIC Simulation Co., Ltd.',
    ]);
    expect(learnSynonyms([group]).contractions.size).toBe(0);
  });
});
