/**
 * Chinese person names written in Chinese script (王小明): the surname is found at the head, the name read
 * with the surname readings (单 = Shan, 曾 = Zeng, not Dan, Ceng) and split into surname and given name,
 * so that it meets a listed "WANG, Xiaoming" or "Xiaoming Wang" in either order. The Wade-Giles spelling
 * (Taiwan and older spellings: 张晓明 = Chang Hsiao-ming) is a second reading. Each reading says what it did.
 */
import { HK_SURNAMES, hkRomanisation } from './cantonese.js';

export { hkRomanisation };
import { pinyin, t2s, toJyutping } from './han.js';
import { mandarinSyllables } from './learned-synonyms.js';

/**
 * Common Chinese surnames (the Hundred Family Surnames most in use today, and the compound ones). Generic
 * language data about names, not about any listed party.
 */
const SINGLE_SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝区',
];
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
  '夏侯',
  '长孙',
  '宇文',
  '司徒',
  '端木',
  '轩辕',
  '西门',
  '南宫',
];
const singles = new Set(SINGLE_SURNAMES);

export interface PersonReading {
  /** The name as Latin text, surname first: "Wang Xiaoming". */
  text: string;
  note: string;
}

const capital = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** The surname at the head of a Chinese name of two to four characters, or undefined. */
export function chineseSurname(name: string): string | undefined {
  const chars = [...name];
  if (chars.length < 2 || chars.length > 4 || !chars.every((c) => /\p{Script=Han}/u.test(c)))
    return undefined;
  const two = chars.slice(0, 2).join('');
  if (chars.length >= 3 && COMPOUND_SURNAMES.includes(two)) return two;
  return singles.has(chars[0]!) ? chars[0] : undefined;
}

/** Wade-Giles spelling of one toneless pinyin syllable, apostrophes left out (they are punctuation to us). */
export function wadeGiles(syllable: string): string {
  const s = syllable.toLowerCase();
  const whole: Record<string, string> = {
    zhi: 'chih',
    chi: 'chih',
    shi: 'shih',
    ri: 'jih',
    zi: 'tzu',
    ci: 'tzu',
    si: 'ssu',
    you: 'yu',
    yan: 'yen',
    ye: 'yeh',
    er: 'erh',
  };
  if (whole[s]) return whole[s];
  const m = /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)$/.exec(s)!;
  let [, initial = '', final = ''] = m;
  const initials: Record<string, string> = {
    b: 'p',
    d: 't',
    g: 'k',
    zh: 'ch',
    j: 'ch',
    q: 'ch',
    x: 'hs',
    z: 'ts',
    c: 'ts',
    r: 'j',
  };
  initial = initials[initial] ?? initial;
  final = final
    .replace(/^ong$/, 'ung')
    .replace(/^iong$/, 'iung')
    .replace(/^ian$/, 'ien')
    .replace(/^ie$/, 'ieh')
    .replace(/^ue$/, 'ueh')
    .replace(/^uo$/, initial === 'k' || initial === 'h' || initial === 'sh' ? 'uo' : 'o')
    .replace(/^e$/, initial === '' ? 'o' : 'e');
  return initial + final;
}

/**
 * Cantonese reading of a Chinese name in Hong Kong Government romanisation, one word per syllable as HK
 * identity cards write it (陳大文 -> Chan Tai Man), with the surname's surname reading (曾 = Tsang).
 */
export function cantoneseReading(name: string, surnameLength: number): string[] | undefined {
  const list = toJyutping().getJyutpingList(name);
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const [ch, jp] = list[i]!;
    const reading = (i < surnameLength ? HK_SURNAMES[ch] : undefined) ?? jp;
    const spelled = reading ? hkRomanisation(reading) : undefined;
    if (!spelled) return undefined;
    out.push(spelled);
  }
  return out;
}

/**
 * Readings of a query that is a Chinese person's name: Mandarin pinyin with surname readings, the
 * Wade-Giles spelling with a hyphenated given name (also the Taiwan spelling of most names), and the
 * Cantonese reading in Hong Kong Government romanisation. Empty for anything else.
 */
export function personReadings(text: string): PersonReading[] {
  const written = text.trim();
  // traditional script (陳大文) is read through its simplified form; the Cantonese reading takes either
  const name = /\p{Script=Han}/u.test(written) ? t2s(written) : written;
  const surname = chineseSurname(name);
  if (!surname) return [];
  const syllables = pinyin(name, { surname: 'head', toneType: 'none', type: 'array' }).map((s) =>
    s.toLowerCase().replace(/[^a-z]/g, ''),
  );
  const n = [...surname].length;
  const family = syllables.slice(0, n);
  const given = syllables.slice(n);
  if (!given.length || syllables.some((s) => !s)) return [];
  const given0 = [...name].slice(n).join('');
  const py = `${capital(family.join(''))} ${capital(given.join(''))}`;
  const wg = `${capital(family.map(wadeGiles).join(''))} ${capital(given.map(wadeGiles).join('-'))}`;
  const out: PersonReading[] = [
    {
      text: py,
      note: `query read as a person's name: surname ${surname} = ${capital(family.join(''))}, given name ${given0} = ${capital(given.join(''))}, in either order; `,
    },
  ];
  if (wg.toLowerCase() !== py.toLowerCase())
    out.push({
      text: wg,
      note: `query read as a person's name in Wade-Giles (Taiwan) spelling, "${wg}"; `,
    });
  const canto = cantoneseReading(written, n);
  if (canto) {
    const text = canto.map(capital).join(' ');
    const joined = canto.join('');
    if (joined !== py.replace(/ /g, '').toLowerCase() && joined !== wg.replace(/[ -]/g, '').toLowerCase())
      out.push({
        text,
        note: `query read as a person's name in Cantonese (Hong Kong spelling), "${text}"; `,
      });
  }
  return out;
}

let fromWadeGiles: Map<string, string[]> | undefined;
/** Wade-Giles syllable (apostrophes left out) -> the pinyin syllables it spells, from every Mandarin syllable. */
function wadeGilesTable(): Map<string, string[]> {
  if (fromWadeGiles) return fromWadeGiles;
  const table = new Map<string, string[]>();
  for (const p of mandarinSyllables()) {
    if (!/^[a-z]+$/.test(p)) continue;
    const wg = wadeGiles(p);
    table.set(wg, [...(table.get(wg) ?? []), p]);
  }
  return (fromWadeGiles = table);
}

/** Readings of a name in Wade-Giles at most (a Wade-Giles syllable may stand for two pinyin syllables). */
const MAX_WADE_GILES_READINGS = 8;

/**
 * Readings in pinyin of a person's name written in Wade-Giles or a Taiwan spelling, with or without
 * apostrophes, hyphens or tone marks ("Ch'en Shui-pien", "Chao Kuang-tsung" -> Zhao Guangzong): two to four
 * words, every syllable a Wade-Giles syllable, and a sign that it is Wade-Giles rather than pinyin (a
 * hyphenated given name, an apostrophe, or a syllable pinyin does not have: hsu, tsung, kuang-…).
 */
export function wadeGilesReadings(text: string): PersonReading[] {
  const cleaned = text.normalize('NFKD').replace(/\p{M}/gu, '').trim();
  if (!/^[A-Za-z'’ʻ‘ -]+$/.test(cleaned)) return [];
  const words = cleaned.split(/\s+/);
  if (words.length < 2 || words.length > 4) return [];
  const hint = /['’ʻ‘-]/.test(cleaned);
  const syllables = words.map((w) =>
    w
      .toLowerCase()
      .split('-')
      .map((x) => x.replace(/['’ʻ‘]/g, '')),
  );
  if (syllables.some((w) => w.some((x) => !x))) return [];
  const table = wadeGilesTable();
  const known = mandarinSyllables();
  if (syllables.some((w) => w.some((x) => !table.has(x)))) return [];
  if (!hint && syllables.every((w) => w.every((x) => known.has(x)))) return [];
  let readings: string[][][] = [[]];
  for (const w of syllables) {
    const next: string[][][] = [];
    for (const r of readings) {
      let words: string[][] = [[]];
      for (const x of w) words = words.flatMap((acc) => table.get(x)!.map((p) => [...acc, p]));
      for (const pieces of words) next.push([...r, pieces]);
    }
    readings = next.slice(0, MAX_WADE_GILES_READINGS);
  }
  return readings.map((r) => {
    const textOut = r.map((pieces) => capital(pieces.join(''))).join(' ');
    return { text: textOut, note: `query read from Wade-Giles (Taiwan) spelling as pinyin, "${textOut}"; ` };
  });
}
