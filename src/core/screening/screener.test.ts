import { describe, expect, it } from 'vitest';
import { HttError } from '../errors.js';
import { buildLexicon } from './lexicon.js';
import { normalizeName } from './normalize.js';
import type { WeightedToken } from './scoring.js';
import { buildScreener, DEFAULT_THRESHOLD, nameVariants, weakPersonName } from './screener.js';
import type { ListedEntity } from './types.js';

const entity = (
  id: string,
  name: string,
  aliases: string[] = [],
  countries = ['CN'],
  list: ListedEntity['list'] = 'ENTITY_LIST',
): ListedEntity => ({
  id,
  list,
  source: list === 'ENTITY_LIST' ? 'Entity List (EL) - Bureau of Industry and Security' : 'Other',
  name,
  aliases,
  countries,
  addresses: [],
  programs: [],
  licenseRequirement: 'For all items subject to the EAR.',
  licensePolicy: 'Presumption of denial.',
  federalRegister: '84 FR 22963',
});

const entities: ListedEntity[] = [
  entity('el-1', 'Harbin Institute of Technology'),
  entity('el-2', 'Hytera Communications Limited', ['Hytera Communications Ltd.']),
  entity(
    'el-3',
    'China Aerospace Science and Industry Corporation (CASIC) 3rd Academy, 31 Research Institute',
    ['Beijing Power Machinery Institute'],
  ),
  entity('el-4', 'Xinjiang Production and Construction Corps (XPCC)', ['Bingtuan']),
  entity('el-5', 'Zhuhai Zhenrong Company Limited', ['ZHU HAI ZHEN RONG COMPANY']),
  entity('el-6', 'Beijing Zhipu Huazhang Technology Co., Ltd.', ['Zhipu AI']),
  entity('sdn-7', 'Hytera Trading FZE', [], ['AE'], 'SDN'),
  entity('el-8', 'University of Science and Technology of China', ['USTC']),
  entity('el-9', 'FiberHome Technologies Group', ['FiberHome']),
  entity('el-10', 'China North Industries Group Corporation', ['Norinco']),
  entity('el-11', 'Aviation Industry Corporation of China, Ltd.', ['AVIC']),
  entity('el-12', 'National Supercomputing Center Wuxi'),
  entity('el-13', 'Moore Thread Intelligent Technology (Beijing) Co., Ltd.'),
  entity('el-14', 'Anhui Great Wall Military Industry Co., Ltd.'),
  entity('el-15', 'Beijing University of Posts and Telecommunications'),
  entity('el-16', 'Shenyang Institute of Automation'),
  entity('el-17', 'PremiAir Aerospace', ['Aviation International'], ['GB']),
  entity('el-18', 'Chemical Group'),
  entity('el-19', 'Yi Yao'),
  entity('el-20', 'Hong Kong Cheung Wah Electronics Technology Company Limited', [], ['HK']),
];
const screener = buildScreener(entities, {
  snapshot: 'test@2026-01-01T00:00Z#00000000',
  snapshotDate: '2026-01-01',
});
const top = (name: string, opts = {}) => screener.screen({ name }, opts)[0];

describe('screening', () => {
  it('finds Chinese-script, pinyin, postal, typo and acronym forms', () => {
    expect(top('哈尔滨工业大学')?.id).toBe('el-1');
    expect(top('珠海振戎公司')?.id).toBe('el-5');
    expect(top('Hytrea Communications Ltd')?.id).toBe('el-2');
    expect(top('新疆生产建设兵团')?.id).toBe('el-4');
    expect(top('XPCC')?.id).toBe('el-4');
    expect(top('CASIC Third Academy 31st Research Institute')?.id).toBe('el-3');
    expect(top('中国航天科工集团第三研究院第三十一研究所')?.id).toBe('el-3');
    expect(top('Fiber Home Technologies Group')?.id).toBe('el-9');
    expect(top('北京智谱华章科技有限公司')?.id).toBe('el-6');
  });
  it('reads ordinary Chinese words in English too: glosses, joined words, names with a direction', () => {
    expect(top('摩尔线程智能科技（北京）有限责任公司')?.id).toBe('el-13');
    expect(top('安徽长城军工股份有限公司')?.id).toBe('el-14');
    expect(top('国家超级计算无锡中心')?.id).toBe('el-12');
    expect(top('中国北方工业集团有限公司')?.id).toBe('el-10');
    expect(top('北京邮电大学')?.id).toBe('el-15');
    expect(top('香港祥华电子科技有限公司')?.id).toBe('el-20');
    // 研究所 is "research institute" or just "Institute": the word left over is a word the listed name lacks
    const institute = screener.compare('沈阳自动化研究所', 'Shenyang Institute of Automation');
    expect(institute.score).toBeGreaterThan(DEFAULT_THRESHOLD);
    // ...while "research" typed in English is a word of the query's own, which the listed name lacks
    const typed = screener.compare(
      'Shenyang Research Institute of Automation',
      'Shenyang Institute of Automation',
    );
    expect(institute.score).toBeGreaterThan(typed.score);
    expect(institute.explanation).toContain('"研究所"="institute"');
    // China Eastern is no aviation group of China: the direction names the airline
    expect(screener.screen({ name: '中国东方航空股份有限公司' }).map((h) => h.id)).not.toContain('el-11');
  });
  it('lines of business alone name no party: another place, or the query has words of its own', () => {
    const ids = (name: string) => screener.screen({ name }).map((h) => h.id);
    // Air China ("China International Aviation") is not a listed "Aviation International"
    expect(ids('中国国际航空股份有限公司')).not.toContain('el-17');
    expect(ids('China Chemical Engineering Group Co., Ltd.')).not.toContain('el-18');
    // the Chongqing university of posts is not the Beijing one
    expect(ids('重庆邮电大学')).not.toContain('el-15');
    const capped = screener.compare('重庆邮电大学', 'Beijing University of Posts and Telecommunications');
    expect(capped.explanation).toContain('only lines of business matched');
    // the same names typed whole still hit
    expect(top('Aviation International')?.id).toBe('el-17');
    expect(top('Chemical Group')?.id).toBe('el-18');
    // a place and one line of business name a party only when nothing but its form is left over: China
    // Airlines (中華航空) is not the Aviation Industry Corporation of China; 中国北方工业 still names Norinco
    expect(ids('中華航空股份有限公司')).not.toContain('el-11');
    expect(top('中国北方工业有限公司')?.id).toBe('el-10');
    // a generic word met through its pinyin, joined on the other side (医药 = "Yi Yao"), is no strong evidence
    expect(ids('中国医药集团有限公司')).not.toContain('el-19');
  });
  it('reads an acronym on one side spelled out on the other, and tells numbered units apart', () => {
    const spelled = screener.compare(
      'CASIC 2nd Academy 283 Factory',
      'China Aerospace Science and Industry Corporation Second Academy 283 Factory',
    );
    expect(spelled.score).toBeGreaterThan(DEFAULT_THRESHOLD);
    expect(spelled.explanation).toContain('acronym');
    // CETC's 12th institute is not its 7th: different numbers, none shared
    const sibling = screener.compare(
      'China Electronics Technology Group Corporation 12th Research Institute',
      'China Electronics Technology Group Corporation 7th Research Institute',
    );
    expect(sibling.score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(sibling.explanation).toContain('different numbers');
  });
  it('never hits on generic words and places alone', () => {
    expect(screener.screen({ name: 'Beijing Technology Co., Ltd.' })).toEqual([]);
    expect(screener.screen({ name: 'University of Science and Technology Beijing' })).toEqual([]);
    expect(screener.screen({ name: '北京科技大学' })).toEqual([]);
  });
  it('never hits on a shared number alone', () => {
    expect(screener.compare('Company 13 Ltd', 'MS-13').score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(
      screener.compare('CASIC 31 Research Institute', 'CASIC 3rd Academy, 31 Research Institute').score,
    ).toBeGreaterThan(DEFAULT_THRESHOLD);
  });
  it('explains each hit: listed name, words, contributions, what did not match', () => {
    const hit = top('Hytera Communications Co Ltd Shenzhen')!;
    expect(hit.explanation).toContain('matched listed name "Hytera Communications');
    expect(hit.explanation).toMatch(/"hytera"="Hytera" \+0\.\d\d \(distinctive\)/i);
    expect(hit.explanation).toContain('not in listed name: shenzhen');
    expect(hit).toMatchObject({
      list: 'ENTITY_LIST',
      licenseRequirement: 'For all items subject to the EAR.',
      federalRegister: '84 FR 22963',
      countries: ['CN'],
    });
    expect(hit.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
  it('applies the clearance list and the country filter', () => {
    expect(
      screener.screen({ name: 'Hytera Communications Limited' }, { cleared: ['el-2'] }).map((h) => h.id),
    ).not.toContain('el-2');
    expect(screener.screen({ name: 'Hytera Trading FZE', country: 'CN' }).map((h) => h.id)).not.toContain(
      'sdn-7',
    );
    expect(screener.screen({ name: 'Hytera Trading FZE', country: 'ae' }).map((h) => h.id)).toContain(
      'sdn-7',
    );
  });
  it('orders hits best first and honours threshold and limit', () => {
    const hits = screener.screen({ name: 'Hytera' }, { threshold: 0.3 });
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(screener.screen({ name: 'Hytera' }, { threshold: 0.3, limit: 1 })).toHaveLength(1);
  });
  it('refuses empty and oversized queries with a stable code, and handles odd input without crashing', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as HttError).code;
      }
      return 'none';
    };
    expect(code(() => screener.screen({ name: '' }))).toBe('SCREEN.INVALID_QUERY');
    expect(code(() => screener.screen({ name: ' \u0000\u0007 ' }))).toBe('SCREEN.INVALID_QUERY');
    expect(code(() => screener.screen({ name: 'x'.repeat(10_000) }))).toBe('SCREEN.INVALID_QUERY');
    expect(screener.screen({ name: '!!!' })).toEqual([]);
    expect(() => screener.screen({ name: 'Hytera 海能达 Холдинг ☃ 🚀' })).not.toThrow();
  });
  it('builds name variants from acronyms in parentheses', () => {
    expect(nameVariants('China Aerospace Science and Industry Corporation (CASIC) 3rd Academy')).toContain(
      'CASIC 3rd Academy',
    );
    expect(nameVariants('Xinjiang Production and Construction Corps (XPCC)')).toContain('XPCC');
    expect(nameVariants('Hoshine Silicon Industry (Shanshan) Co., Ltd.')).toContain(
      'Hoshine Silicon Industry Co., Ltd.',
    );
  });
  it('stamps the snapshot', () => {
    expect(screener.snapshot).toBe('test@2026-01-01T00:00Z#00000000');
    expect(screener.snapshotDate).toBe('2026-01-01');
  });
});

describe('screening through the lexicon and what the lists teach', () => {
  const taught = buildScreener(
    [
      entity('u-1', 'Sun Yat-Sen University'),
      entity('el-9', 'FiberHome Technologies Group', ['FiberHome']),
      entity('el-10', 'Nanjing FiberHome Starrysky Communication Development Co.', [
        'Nanjing Fenghuo Xingkong Communication Development Co.',
      ]),
      entity('el-11', 'China United Network Communications Group Co., Ltd.', ['China Unicom']),
      entity('el-12', 'China Unicom (Hong Kong) Limited'),
    ],
    { snapshot: 'test@2026-01-01T00:00Z#00000000', snapshotDate: '2026-01-01' },
    { lexicon: buildLexicon('CC-CEDICT', { 中山大学: ['Sun Yat-sen University'] }) },
  );
  it('finds a Chinese name by its established English name and says so', () => {
    const [hit] = taught.screen({ name: '中山大学' });
    expect(hit?.id).toBe('u-1');
    expect(hit?.score).toBe(1);
    expect(hit?.explanation).toContain('CC-CEDICT: 中山大学 = Sun Yat-sen University');
  });
  it('finds a brand by the pinyin another entry of the lists pairs it with', () => {
    const hits = taught.screen({ name: '烽火科技集团有限公司' });
    expect(hits[0]?.id).toBe('el-9');
    expect(hits[0]!.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
  it('reads a phrase as the contraction the lists teach for it, and says so', () => {
    const [hit] = taught.screen({ name: '中國聯合網絡通信(香港)股份有限公司' });
    expect(hit?.id).toBe('el-12');
    expect(hit?.explanation).toContain('"unicom" stands for');
  });
  it('compares pairs with the same readings', () => {
    expect(taught.compare('中山大学', 'Sun Yat-sen University').score).toBe(1);
  });
});

describe('weak person names', () => {
  const people = buildScreener(
    [
      {
        ...entity(
          'sdn-1',
          'RODRIGUEZ OREJUELA, Miguel Angel',
          ['PATRICIA', 'MANUEL', 'DR. IBRAHIM'],
          ['CO'],
          'SDN',
        ),
        type: 'Individual',
      },
    ],
    { snapshot: 'test@2026-01-01T00:00Z#00000000', snapshotDate: '2026-01-01' },
  );
  it('a one-word alias of a person never makes a hit for a full name that contains it', () => {
    expect(people.screen({ name: 'Patricia Lucas Wheeler' })).toEqual([]);
    expect(people.compare('Patricia Lucas Wheeler', 'PATRICIA', 'person').score).toBe(0);
    // a title does not make a name
    const words = (n: string) => normalizeName(n) as WeightedToken[];
    expect(weakPersonName('person', words('Anna Ibrahim'), words('DR. IBRAHIM'))).toBe(true);
    expect(weakPersonName('person', words('Anna Ibrahim'), words('Anna IBRAHIM'))).toBe(false);
    expect(weakPersonName('organization', words('Uniview Technologies'), words('Uniview'))).toBe(false);
  });
  it('a one-word query still finds the one-word alias, and the full name still finds the person', () => {
    expect(people.screen({ name: 'Patricia' })[0]?.matchedName).toBe('PATRICIA');
    expect(people.screen({ name: 'Miguel Angel Rodriguez Orejuela' })[0]?.id).toBe('sdn-1');
  });
});

describe('kinds of organisation', () => {
  const orgs = buildScreener(
    [entity('x-1', 'OCEAN INC.', [], ['US'], 'SDN'), entity('x-2', 'Beihang University')],
    { snapshot: 'test@2026-01-01T00:00Z#00000000', snapshotDate: '2026-01-01' },
  );
  it('a university is not a company with the same distinctive word', () => {
    expect(orgs.screen({ name: 'Ocean University of China' })).toEqual([]);
    expect(orgs.screen({ name: 'Ocean Inc' })[0]?.id).toBe('x-1');
    expect(orgs.screen({ name: 'Beihang Co., Ltd.' })).toEqual([]);
  });
  it('an institution word on both sides is no conflict', () => {
    expect(orgs.screen({ name: 'Beihang University Co., Ltd.' })[0]?.id).toBe('x-2');
    expect(orgs.screen({ name: 'Beihang University' })[0]?.id).toBe('x-2');
  });
});

describe('lines of business', () => {
  // enough other names for realistic word weights: "hytera" and "communications" are both rare here
  const fillers = Array.from({ length: 300 }, (_, i) => entity(`f-${i}`, `Filler${i} Trading Co.`));
  const many = buildScreener(
    [...fillers, entity('el-2', 'Hytera Communications Limited', ['Hytera Communications Ltd.'])],
    { snapshot: 'test@2026-01-01T00:00Z#00000000', snapshotDate: '2026-01-01' },
  );
  it('finds a party by its brand alone, the sector word of its listed name left out', () => {
    const [hit] = many.screen({ name: 'Hytera' });
    expect(hit?.id).toBe('el-2');
    expect(hit!.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
  });
  it('a sector word the query adds still counts in full', () => {
    expect(many.screen({ name: 'Hytera Communications Semiconductor' })[0]?.score ?? 0).toBeLessThan(
      many.screen({ name: 'Hytera Communications' })[0]!.score,
    );
  });
  it('screens a name followed by an address without the address, its country named as evidence', () => {
    const [hit] = screener.screen({
      name: 'Hytera Communications Co., Ltd., Beiqu Road, Nanshan District, Shenzhen 518057, China',
    });
    expect(hit?.id).toBe('el-2');
    expect(hit!.score).toBeGreaterThan(0.95);
    expect(hit!.explanation).toMatch(/address "Beiqu Road, .*" set aside \(country CN\)/);
    expect(hit!.explanation).toMatch(/country CN agrees with the entry/);
  });
  it('reads pinyin generic words and legal forms as English', () => {
    expect(screener.screen({ name: 'Beijing Zhipu Huazhang Keji Youxian Gongsi' })[0]).toMatchObject({
      id: 'el-6',
      score: 1,
    });
  });
  it('reads a Chinese person name in Chinese script against a listed person in either order, persons only', () => {
    const people = buildScreener(
      [
        { ...entity('p-1', 'Xiaoming Wang'), type: 'Individual' },
        { ...entity('p-2', 'CHANG, Hsiao-ming'), type: 'Individual' },
        entity('o-1', 'Wang Xiaoming Trading Co., Ltd.'),
      ],
      { snapshot: 'test', snapshotDate: '2026-07-31' },
    );
    const hits = people.screen({ name: '王小明' });
    expect(hits[0]).toMatchObject({ id: 'p-1', score: 1 });
    expect(hits[0]!.explanation).toMatch(/person's name: surname 王 = Wang/);
    expect(people.screen({ name: '张晓明' }).map((h) => h.id)).toContain('p-2');
  });
  it('reads a Chinese person name in Cantonese (HK spelling), Wade-Giles (Taiwan) and initials', () => {
    const people = buildScreener(
      [
        { ...entity('p-1', 'CHAN, Tai Man', [], ['HK']), type: 'Individual' },
        { ...entity('p-2', "CH'EN Shui-pien", [], ['TW']), type: 'Individual' },
        { ...entity('p-3', 'Tsang Yam-kuen', [], ['HK']), type: 'Individual' },
        { ...entity('p-4', 'Xiaoming Wang'), type: 'Individual' },
        { ...entity('p-5', 'WANG, Jianguo'), type: 'Individual' },
      ],
      { snapshot: 'test', snapshotDate: '2026-07-31' },
    );
    for (const q of ['陳大文', '陈大文']) {
      const hit = people.screen({ name: q })[0];
      expect(hit).toMatchObject({ id: 'p-1' });
      expect(hit!.explanation).toMatch(/Cantonese \(Hong Kong spelling\), "Chan Tai Man"/);
    }
    // the surname's own Cantonese reading: 曾 is Tsang as a surname
    expect(people.screen({ name: '曾蔭權' })[0]).toMatchObject({ id: 'p-3' });
    // Taiwan / Wade-Giles spellings with or without apostrophes and hyphens
    expect(people.screen({ name: '陳水扁' })[0]).toMatchObject({ id: 'p-2' });
    // written in Wade-Giles, a pinyin listed name is found through the name read back into pinyin
    const back = people.screen({ name: 'Wang Chien-kuo' })[0];
    expect(back).toMatchObject({ id: 'p-5' });
    expect(back!.explanation).toMatch(/Wade-Giles \(Taiwan\) spelling as pinyin, "Wang Jianguo"/);
    for (const q of ['Chen Shui-pien', 'Chen Shuipien', 'Ch’en Shui Pien'])
      expect(people.screen({ name: q })[0]?.id).toBe('p-2');
    // initials for the given name, in either order
    for (const q of ['X. Wang', 'Wang X.M.', 'X.M. Wang'])
      expect(people.screen({ name: q }, { threshold: 0.7 }).map((h) => h.id)).toContain('p-4');
  });
});

describe('false-positive classes (issue 13)', () => {
  const listed = buildScreener(
    [
      entity('c-1', 'Shanghai Fudan Microelectronics Group Co., Ltd.', ['Shanghai Fudan']),
      entity('c-2', 'Advanced Engineering Research Organization (AERO)'),
      entity('c-3', 'Nanjing Zhongxing Electronics Co., Ltd.'),
      entity('c-4', 'Lime Trading Co., Ltd.'),
      entity('c-5', 'Sugon Information Industry Co., Ltd.'),
      entity('c-6', 'Zhejiang Dahua Technology Co., Ltd.'),
    ],
    { snapshot: 'test', snapshotDate: '2026-07-31' },
  );
  const ids = (name: string) => listed.screen({ name }).map((h) => h.id);
  it('a university does not hit a company through its short alias of place + word', () => {
    expect(ids('复旦大学')).toEqual([]);
    expect(ids('Fudan University')).toEqual([]);
    expect(ids('Shanghai Fudan Microelectronics')).toEqual(['c-1']);
  });
  it('a university does not hit a company named after the same word, legal form or not', () => {
    const huawei = buildScreener(
      [entity('h-1', 'Huawei Cuba', [], ['CU']), entity('u-1', 'Huawei University of Science', [], ['CN'])],
      { snapshot: 'test', snapshotDate: '2026-07-31' },
    );
    const hit = (name: string) => huawei.screen({ name }).map((h) => h.id);
    // 华威大学 (University of Warwick) read as "huawei university": not the company "Huawei Cuba"
    expect(hit('华威大学')).not.toContain('h-1');
    // the company's own name, and a listed university with the word, still hit
    expect(hit('Huawei Cuba')).toEqual(['h-1']);
    expect(hit('华威大学')).toContain('u-1');
  });
  it('a generic Chinese word met through another rendering is no strong evidence (航空 = aero)', () => {
    expect(ids('海南航空')).toEqual([]);
    expect(ids('AERO')).toEqual(['c-2']);
  });
  it('two different cities are not similar words', () => {
    expect(ids('Nanning Zhongxing Electronics Co Ltd')).toEqual([]);
    expect(listed.compare('Nanning Zhongxing Co Ltd', 'Nanjing Zhongxing Co Ltd').score).toBeLessThan(0.8);
    // a typo in a city is still a typo
    expect(ids('Nanjnig Zhongxing Electronics Co Ltd')).toEqual(['c-3']);
  });
  it('a joined pinyin given name is not stemmed into an English word', () => {
    expect(normalizeName('Liming')[0]!.key).toBe('liming');
    expect(ids('Liming Trading Co Ltd')).toEqual([]);
    expect(normalizeName('Mining')[0]!.key).toBe(normalizeName('Mine')[0]!.key);
  });
  it('a transposition of two letters in a five-letter name still finds its candidate', () => {
    expect(ids('Suogn Information Industry')).toEqual(['c-5']);
    expect(ids('Zhejiang Dahau Technology Co Ltd')).toEqual(['c-6']);
  });
});

describe('Latin acronyms from initials', () => {
  const listed = buildScreener(
    [
      entity('a-1', 'China Academy of Engineering Physics'),
      entity('a-2', 'Harbin Engineering University'),
      entity('a-3', 'Hubei Electronics Union Co., Ltd.'),
      entity('a-4', 'Care Trading Co.'),
      entity('a-5', 'Care Logistics'),
      entity('a-6', 'Care Medical'),
      entity('a-7', 'Central Asia Research Enterprise'),
    ],
    { snapshot: 'test', snapshotDate: '2026-07-31' },
  );
  it('reads a query written as an acronym as the listed name it abbreviates, and says so', () => {
    const [hit, ...rest] = listed.screen({ name: 'CAEP' });
    expect(hit).toMatchObject({ id: 'a-1', score: 1 });
    expect(hit!.explanation).toMatch(/initials of "China Academy of Engineering Physics"/);
    expect(rest).toEqual([]);
  });
  it('guards: two entries make a three-letter acronym, a common word, lower case', () => {
    expect(listed.screen({ name: 'HEU' })).toEqual([]); // Harbin Engineering University, Hubei Electronics Union
    expect(listed.screen({ name: 'CARE' }).map((h) => h.id)).not.toContain('a-7');
    expect(listed.screen({ name: 'caep' })).toEqual([]);
  });
});
