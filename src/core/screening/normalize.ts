/**
 * Name normalisation: ONE function, used for listed names and for queries alike.
 *
 * Pipeline: Unicode NFKC -> control characters removed -> traditional to simplified Chinese (opencc-js) ->
 * Han runs segmented with a glossary of generic organisation words (rendered in English, with their own
 * pinyin as an alternative) and everything else in pinyin (pinyin-pro) -> other scripts transliterated
 * to ASCII (any-ascii) -> lower case, punctuation -> Chinese and English numerals and ordinals to digits ->
 * historical romanisations of places -> UK to US spelling -> abbreviations -> legal forms -> stop words ->
 * Porter stem + a few synonyms. Each token carries a class (distinct, generic, place, legal, number) that
 * scoring uses to weight it.
 */
import anyAscii from 'any-ascii';
import { stemmer } from 'stemmer';
import {
  ABBREVIATIONS,
  CHINA_PLACES,
  DIRECTION_WORDS,
  GENERIC_WORDS,
  LEGAL_FORMS,
  LEGAL_PHRASES,
  NUMBER_WORDS,
  PLACE_ROMANIZATIONS,
  SECTOR_WORDS,
  SPELLINGS,
  STEM_EXCEPTIONS,
  STOPWORDS,
  TENS_WORDS,
  TOKEN_SYNONYMS,
  ZH_SUFFIX_TERMS,
  ZH_TERMS,
} from './glossary.js';
import { pinyin, segmentWords, t2s, tagWords, wordGlosses } from './han.js';
import { cantoneseSpellings } from './cantonese.js';
import { PINYIN_TERMS } from './pinyin-terms.generated.js';

export type TokenClass = 'distinct' | 'sector' | 'generic' | 'place' | 'legal' | 'number';

export interface NameToken {
  /** Canonical comparison key (stemmed, synonyms applied). */
  key: string;
  /** Unstemmed lower-case ASCII form as written, used to join split words ("fiber home" = "fiberhome"). */
  norm: string;
  /** The canonical whole word before stemming (abbreviations expanded, spelling unified). */
  word: string;
  /** Alternative keys for the same word (from a Chinese glossary entry with several renderings). */
  alts?: string[];
  cls: TokenClass;
  /** Where the token came from, for explanations: the source word or Chinese characters. */
  source: string;
}

/** Country and nationality words often found in list names; they locate, they do not identify. */
const COUNTRY_WORDS = [
  'iran',
  'iranian',
  'russia',
  'russian',
  'syria',
  'syrian',
  'iraq',
  'iraqi',
  'lebanon',
  'lebanese',
  'pakistan',
  'india',
  'indian',
  'korea',
  'korean',
  'dprk',
  'emirates',
  'uae',
  'turkey',
  'belarus',
  'ukraine',
  'crimea',
  'venezuela',
  'cuba',
  'afghanistan',
  'yemen',
  'libya',
  'sudan',
  'myanmar',
  'burma',
  'mexico',
  'colombia',
  'panama',
  'singapore',
  'malaysia',
  'germany',
  'asia',
  'europe',
  'america',
  'american',
  'africa',
  'middle',
  'federation',
  'islamic',
  'republic',
];

export { t2s };
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /[\p{Script=Han}〇]+/gu;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

const stemCache = new Map<string, string>();
const stopwords = new Set(STOPWORDS);

/** A Mandarin syllable with an initial (the finals after it in order longest first). */
const SYLLABLE =
  '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])(?:iang|iong|uang|iao|ian|uai|uan|ang|eng|ing|ong|ai|an|ao|ei|en|er|ia|ie|in|iu|ou|ua|ue|ui|un|uo|a|e|i|o|u|v)';
const JOINED_PINYIN_ING = new RegExp(`^(?:${SYLLABLE}){1,3}(?:[bpmdtnlxjqy]|zh|ch|sh)ing$`);
/** English words of the glossary, stemmed as English even when they could be read as pinyin ("mining"). */
const GLOSSARY_WORDS = new Set(
  [...GENERIC_WORDS, ...SECTOR_WORDS, ...Object.values(ABBREVIATIONS), ...Object.values(ZH_TERMS)].flatMap(
    (w) => w.split(/[ /]/),
  ),
);
/**
 * A given name written joined in pinyin whose last syllable ends in -ing ("liming", "yiming", "jiaming"):
 * the Porter stemmer would cut it to an English word ("lime"), so it is kept whole. English words of the
 * same shape outside the glossary ("lending", "hunting") are then not stemmed either, which costs little.
 */
function joinedPinyinGivenName(word: string): boolean {
  return (
    word.length >= 6 && word.endsWith('ing') && JOINED_PINYIN_ING.test(word) && !GLOSSARY_WORDS.has(word)
  );
}

/**
 * Empty the stem cache: an index build fills it with the listed names' words and joined pairs, most of which
 * no query asks for again; the build empties it when done, so that it does not stay resident.
 */
export function clearStemCache(): void {
  stemCache.clear();
}

export function stemKey(word: string): string {
  let k = stemCache.get(word);
  if (k === undefined) {
    const syn = TOKEN_SYNONYMS[word] ?? word;
    k = STEM_EXCEPTIONS[syn] ?? (/^\d+$/.test(syn) || joinedPinyinGivenName(syn) ? syn : stemmer(syn));
    const syn2 = TOKEN_SYNONYMS[k];
    if (syn2) k = stemmer(syn2);
    // bounded: once full (an index build fills it) it starts again, so that the words of later queries
    // are cached too rather than stemmed on every lookup
    if (stemCache.size >= 50_000) stemCache.clear();
    stemCache.set(word, k);
  }
  return k;
}

const genericKeys = new Set(GENERIC_WORDS.map((w) => stemKey(w)));
const sectorKeys = new Set(SECTOR_WORDS.map((w) => stemKey(w)));
/**
 * A compass direction in an organisation's name names it rather than locates it: China North Industries
 * (北方工业) is not China South Industries, and China Eastern (东方航空) is no aviation group of China. Such a
 * word weighs like a sector word; region words (central, inner) stay places.
 */
const COMPASS = new Set(
  DIRECTION_WORDS.filter((w) => /(north|south|east|west|oriental)/.test(w)).map((w) => stemKey(w)),
);
const placeKeys = new Set(
  [...CHINA_PLACES, ...DIRECTION_WORDS, ...COUNTRY_WORDS]
    .map((w) => stemKey(w))
    .filter((k) => !COMPASS.has(k)),
);
const legalKeys = new Set(Object.values(LEGAL_FORMS).map((w) => stemKey(w)));

function baseClass(key: string): TokenClass {
  if (/^\d+$/.test(key)) return 'number';
  if (legalKeys.has(key)) return 'legal';
  if (placeKeys.has(key)) return 'place';
  if (genericKeys.has(key)) return 'generic';
  if (sectorKeys.has(key) || COMPASS.has(key)) return 'sector';
  return 'distinct';
}

/**
 * An English rendering of a generic Chinese word is as generic as the word's first rendering: 航空 is
 * aviation/aeronautical/aero, so "aero" is a sector word like "aviation" (else 海南航空 would hit a listed
 * "AERO" through the alternative, its weight that of a rare name).
 */
const alternativeClass = new Map<string, TokenClass>();
for (const english of Object.values(ZH_TERMS)) {
  for (const slot of english.split(' ')) {
    const [first, ...others] = slot.split('/');
    if (!first || !others.length) continue;
    const cls = baseClass(stemKey(first));
    if (cls === 'distinct' || cls === 'number') continue;
    for (const o of others) {
      const k = stemKey(o);
      if (baseClass(k) === 'distinct' && !alternativeClass.has(k)) alternativeClass.set(k, cls);
    }
  }
}

export function classify(key: string): TokenClass {
  const cls = baseClass(key);
  return cls === 'distinct' ? (alternativeClass.get(key) ?? cls) : cls;
}

// ---------------------------------------------------------------- Chinese

const ZH_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const isZhNumeral = (c: string) => c in ZH_DIGITS || c in ZH_UNITS;

/** 三十一 -> 31, 七〇一 -> 701, 十四 -> 14, 一百零二 -> 102. */
export function parseChineseNumber(s: string): number | undefined {
  if (!s || ![...s].every(isZhNumeral)) return undefined;
  if (![...s].some((c) => c in ZH_UNITS)) return Number([...s].map((c) => ZH_DIGITS[c]).join(''));
  let total = 0;
  let current = 0;
  for (const c of s) {
    if (c in ZH_DIGITS) current = ZH_DIGITS[c]!;
    else {
      total += (current || 1) * ZH_UNITS[c]!;
      current = 0;
    }
  }
  return total + current;
}

/** Administrative units written after a place name: province, city, county, district, town. */
const ADMINISTRATIVE_UNITS = new Set(['省', '市', '县', '区', '镇']);
/** Glossary renderings that are place names (深圳 = shenzhen), after which a unit word is part of the place. */
const PLACE_RENDERINGS = new Set(
  Object.values(ZH_TERMS).filter((en) =>
    en.split(' ').every((w) => placeKeys.has(stemKey(w.split('/')[0]!))),
  ),
);
const UNIT_AFTER_NUMBER = ['研究所', '研究院', '研究室', '所', '院', '厂', '基地', '分院', '中心', '部'];
const maxTermLength = Math.max(...Object.keys(ZH_TERMS).map((k) => k.length));

interface Slot {
  forms: string[]; // alternatives; each one ASCII word
  source: string;
}

function renderTerm(english: string, chars: string, py: string[]): Slot[] {
  const words = english.split(' ').filter(Boolean);
  return words.map((w) => {
    const forms = w.split('/');
    if (words.length === 1) forms.push(py.join(''));
    return { forms, source: chars };
  });
}

function unknownSlots(chars: string[], py: string[]): Slot[] {
  // Chinese proper names are mostly two-syllable words: 同方威视 -> tongfang weishi; 3 stay joined (海能达).
  const out: Slot[] = [];
  let i = 0;
  const n = chars.length;
  while (i < n) {
    const rest = n - i;
    const take = rest <= 3 ? rest : rest === 5 ? 2 : 2;
    out.push({ forms: [py.slice(i, i + take).join('')], source: chars.slice(i, i + take).join('') });
    i += take;
  }
  return out;
}

/**
 * A proper-name slot's other readings after its pinyin: the English renderings of an ordinary word (线程 =
 * thread, 长城 = greatwall) and, in a Hong Kong name, its Cantonese spellings joined (祥华 = cheungwah).
 */
function withReadings(slot: Slot, hongKong: boolean): Slot {
  const others = [...(wordGlosses(slot.source) ?? []), ...(hongKong ? cantoneseSpellings(slot.source) : [])];
  const fresh = others.filter((x) => !slot.forms.includes(x));
  return fresh.length ? { forms: [...slot.forms, ...fresh], source: slot.source } : slot;
}

/** Place names that mark a name as written in Hong Kong (after traditional-to-simplified conversion). */
const HONG_KONG = /香港|九龙|新界/;

/** The glossary's Chinese words, jieba's user dictionary. */
function* glossaryWords(): Iterable<string> {
  yield* Object.keys(ZH_TERMS);
}

/** The words of a run of simplified Chinese as the screener segments it (jieba, the glossary as user words). */
export function chineseWords(text: string): string[] {
  return segmentWords(text, glossaryWords);
}

/** The same words with jieba's part-of-speech tags. */
export function taggedChineseWords(text: string): { word: string; tag: string }[] {
  return tagWords(text, glossaryWords);
}

/** Toneless pinyin syllables of a Chinese word, read as one word so its readings fit (长春 = changchun). */
function wordPinyin(word: string): readonly string[] {
  let py = pinyinCache.get(word);
  if (py === undefined) {
    const length = [...word].length;
    const read = pinyin(word, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) =>
      s.toLowerCase().replace(/[^a-z0-9]/g, ''),
    );
    // pinyin-pro returns one syllable per Han character when every character is Han
    while (read.length < length) read.push('');
    py = read.slice(0, length);
    if (pinyinCache.size >= 20_000) pinyinCache.clear();
    pinyinCache.set(word, py);
  }
  return py;
}
/** The reading of each jieba word, once per distinct word (the same words recur in many names: 有限公司, 研究所). */
const pinyinCache = new Map<string, readonly string[]>();

/**
 * Segment one run of Han characters (simplified) into English/pinyin slots. The run is cut into words by
 * jieba (the glossary as its user dictionary); each word is read in pinyin on its own, so a polyphonic
 * character takes the reading its word gives it (重庆 chongqing, 长春 changchun, 银行 yinhang, even inside
 * 中国科学院长春光学…, which read as one string gives "zhangchun"). Glossary words are then matched longest
 * first without cutting through a jieba word (a match may end inside the word it starts in, or at the end of
 * a later word), so a place name is never split at another point than the segmenter's; a word with no
 * glossary word in it is a proper name and stays one slot (同方 tongfang); single unknown characters are
 * grouped two syllables per word (威视 weishi).
 */
export function segmentHan(run: string, hongKong = false): Slot[] {
  const chars = [...run];
  const words = segmentWords(run, glossaryWords);
  const py: string[] = [];
  /** end (exclusive) of the jieba word each character belongs to; whether a character starts a word */
  const wordEnd: number[] = [];
  const wordStart: boolean[] = [];
  let at = 0;
  for (const w of words) {
    const n = [...w].length;
    py.push(...wordPinyin(w));
    for (let k = 0; k < n; k++) {
      wordEnd.push(at + n);
      wordStart.push(k === 0);
    }
    at += n;
  }
  while (py.length < chars.length) py.push('');
  while (wordEnd.length < chars.length) {
    wordEnd.push(chars.length);
    wordStart.push(false);
  }
  const isBoundary = (k: number) => k >= chars.length || wordStart[k]!;
  const holdsTerm = (from: number, to: number) => {
    for (let a = from; a < to; a++)
      for (let b = Math.min(to, a + maxTermLength); b > a; b--)
        if (ZH_TERMS[chars.slice(a, b).join('')] !== undefined) return true;
    return false;
  };
  // a stretch of words without glossary words that holds a single character is a proper name jieba could
  // not cut (科 / 大国 / 盾 in 科大国盾): its characters are grouped two by two (keda guodun), not by the words
  const pairUp: boolean[] = new Array<boolean>(chars.length).fill(false);
  {
    let start = 0;
    let single = false;
    let k = 0;
    const close = (end: number) => {
      if (single) for (let x = start; x < end; x++) pairUp[x] = true;
    };
    while (k < chars.length) {
      const end = wordEnd[k]!;
      const plain = !holdsTerm(k, end) && !chars.slice(k, end).some(isZhNumeral);
      if (!plain) {
        close(k);
        start = end;
        single = false;
      } else if (end - k === 1) single = true;
      k = end;
    }
    close(chars.length);
  }
  const out: Slot[] = [];
  let unknown: number[] = [];
  // a Hong Kong name is as often spelled in Cantonese (香港祥华 = Cheung Wah) as in pinyin
  const names = (slots: Slot[]) => slots.map((slot) => withReadings(slot, hongKong));
  const flush = () => {
    if (unknown.length) {
      out.push(
        ...names(
          unknownSlots(
            unknown.map((k) => chars[k]!),
            unknown.map((k) => py[k]!),
          ),
        ),
      );
      unknown = [];
    }
  };
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    // numbers: 第 + numeral, or a numeral run directly before a unit word (七〇一研究所)
    let j = i + (c === '第' ? 1 : 0);
    while (j < chars.length && isZhNumeral(chars[j]!)) j++;
    const numeral = chars.slice(c === '第' ? i + 1 : i, j).join('');
    const after = chars.slice(j, j + 3).join('');
    if (
      numeral &&
      (c === '第' || (numeral.length >= 2 && UNIT_AFTER_NUMBER.some((u) => after.startsWith(u))))
    ) {
      const value = parseChineseNumber(numeral);
      if (value !== undefined) {
        flush();
        out.push({ forms: [String(value)], source: chars.slice(i, j).join('') });
        i = j;
        continue;
      }
    }
    if (c === '第' && i === chars.length - 1) {
      i++;
      continue;
    }
    let matched = 0;
    for (let len = Math.min(maxTermLength, chars.length - i); len >= 1; len--) {
      // never end inside a later jieba word: 上海南方 is 上海 / 南方, not 上 / 海南 / 方
      if (i + len > wordEnd[i]! && !isBoundary(i + len)) continue;
      const piece = chars.slice(i, i + len).join('');
      const english = ZH_TERMS[piece];
      if (english !== undefined) {
        flush();
        // a province's or city's unit word right after its name (深圳市, 广东省) says nothing more: it is
        // read with the place, never as the first syllable of the name that follows (深圳市迪泰 = shenzhen ditai)
        const unit = ADMINISTRATIVE_UNITS.has(chars[i + len] ?? '') && PLACE_RENDERINGS.has(english);
        out.push(...renderTerm(english, unit ? piece + chars[i + len]! : piece, py.slice(i, i + len)));
        matched = len + (unit ? 1 : 0);
        break;
      }
    }
    if (matched) {
      i += matched;
      continue;
    }
    // a word of two or more characters without a glossary word in it: a proper name, one slot
    const end = wordEnd[i]!;
    if (
      wordStart[i] &&
      end - i >= 2 &&
      !pairUp[i] &&
      !holdsTerm(i, end) &&
      !chars.slice(i, end).some(isZhNumeral)
    ) {
      flush();
      // an ordinary word is also read in English (线程 = thread, 长城 = Great Wall): the pinyin stays first;
      // a word of four or more characters the dictionary does not gloss is a name jieba knows whole (华大基因),
      // read two characters at a time like an unknown name (huada jiyin/gene)
      const word = chars.slice(i, end).join('');
      if (end - i >= 4 && !wordGlosses(word))
        out.push(...names(unknownSlots(chars.slice(i, end), py.slice(i, end))));
      else out.push(...names([{ forms: [py.slice(i, end).join('')], source: word }]));
      i = end;
      continue;
    }
    const suffix = ZH_SUFFIX_TERMS[c];
    if (suffix !== undefined && unknown.length + out.length > 0) {
      // generic only at the end of the run or right before another glossary word
      const next = chars.slice(i + 1).join('');
      const atEnd = next.length === 0;
      const beforeTerm =
        !atEnd && Object.prototype.hasOwnProperty.call(ZH_TERMS, next.slice(0, 2))
          ? true
          : !atEnd && next.length >= 4 && ZH_TERMS[next.slice(0, 4)] !== undefined;
      if (atEnd || beforeTerm) {
        flush();
        out.push(...renderTerm(suffix, c, [py[i]!]));
        i++;
        continue;
      }
    }
    unknown.push(i);
    i++;
  }
  flush();
  return out;
}

// ---------------------------------------------------------------- Latin

function expandWord(word: string, hadDot: boolean): string[] {
  // returns the canonical word(s) for one lower-case ASCII word
  if (/^\d+(st|nd|rd|th)$/.test(word)) return [String(Number(word.replace(/\D/g, '')))];
  if (/^\d+$/.test(word)) return [String(Number(word))];
  const num = NUMBER_WORDS[word];
  if (num) return [num];
  const place = PLACE_ROMANIZATIONS[word];
  if (place) return place.split(' ');
  let w = SPELLINGS[word] ?? word;
  if (w.length > 7 && /isations?$/.test(w)) w = w.replace(/isation/, 'ization');
  const legal = LEGAL_FORMS[w];
  if (legal) return [legal];
  const abbr = ABBREVIATIONS[w];
  if (abbr && (hadDot || w.length >= 3)) return abbr.split(' ');
  return [w];
}

const UNITS = Object.keys(NUMBER_WORDS).filter((w) => /^[1-9]$/.test(NUMBER_WORDS[w]!));
const COMPOUND_NUMBER = new RegExp(
  `(?<![a-z0-9])(${TENS_WORDS.join('|')})[^a-z0-9]+(${UNITS.join('|')}|[1-9])(?![a-z0-9])`,
  'g',
);
/** Legal forms written out, for the word overlap: only phrases that fold to a legal form. */
const LEGAL_PHRASE_FOLD = new Map(LEGAL_PHRASES.filter(([, f]) => LEGAL_FORMS[f] !== undefined));
const LEGAL_PHRASE_WORDS = new RegExp(
  `(?<![a-z0-9])(?:${[...LEGAL_PHRASE_FOLD.keys()].map((p) => p.replace(/ /g, '[^a-z0-9]+')).join('|')})(?![a-z0-9])`,
  'g',
);

/** A phrase of two or more words at the very end of a name, its last word cut short by a field length limit. */
const LEGAL_PHRASE_CUT = new RegExp(
  `(?<![a-z0-9])(${[...LEGAL_PHRASE_FOLD.keys()]
    .filter((p) => p.includes(' ') && p.split(' ').pop()!.length >= 4)
    .map((p) => {
      const words = p.split(' ');
      const last = words.pop()!;
      const cuts = Array.from({ length: last.length - 3 }, (_, k) => last.slice(0, last.length - 1 - k));
      return `${words.join('[^a-z0-9]+')}[^a-z0-9]+(?:${cuts.join('|')})`;
    })
    .join('|')})[^a-z0-9]*$`,
);

/**
 * Phrases of lower-case ASCII text that stand for one word: compound numbers ("forty-four" = 44,
 * "twenty-first" = 21) and legal forms written out ("Gesellschaft mit beschränkter Haftung" = GmbH,
 * "Open Joint Stock Company" = OJSC, "Sp. z o.o.").
 */
export function foldLatinPhrases(t: string): string {
  if (/(?:ty|tie)\b/.test(t)) {
    t = t.replace(COMPOUND_NUMBER, (_, tens: string, unit: string) => {
      const u = /^\d$/.test(unit) ? unit : NUMBER_WORDS[unit]!;
      return ` ${Number(NUMBER_WORDS[tens]) + Number(u)} `;
    });
  }
  t = t.replace(LEGAL_PHRASE_WORDS, (m) => ` ${LEGAL_PHRASE_FOLD.get(m.replace(/[^a-z0-9]+/g, ' '))} `);
  // "... Joint Stock Compan": a listed name cut at a field's length
  return t.replace(LEGAL_PHRASE_CUT, (m) => {
    const words = m.split(/[^a-z0-9]+/).filter(Boolean);
    const cut = words.pop()!;
    for (const [phrase, form] of LEGAL_PHRASE_FOLD) {
      const pw = phrase.split(' ');
      const last = pw.pop()!;
      if (pw.join(' ') === words.join(' ') && last.startsWith(cut)) return ` ${form} `;
    }
    return m;
  });
}

function latinTokens(text: string, out: NameToken[]): void {
  const start = out.length;
  latinWords(text, out);
  foldPinyinTerms(out, start);
}

function latinWords(text: string, out: NameToken[]): void {
  let t = anyAscii(text).toLowerCase();
  t = foldLatinPhrases(t.replace(/&/g, ' and ').replace(/['’`´]/g, ''));
  t = t.replace(/\bno\.\s*(?=\d)/g, ' ');
  // split on anything that is not a letter, digit or dot; dots end abbreviations
  for (const raw of t.split(/[^a-z0-9.]+/)) {
    if (!raw) continue;
    const parts = /^([a-z]\.){2,}[a-z]?\.?$/.test(raw)
      ? [raw.replace(/\./g, '') + '.']
      : raw.split(/\.(?=.)/);
    for (let p of parts) {
      const hadDot = p.endsWith('.');
      p = p.replace(/\./g, '');
      if (!p) continue;
      // 31st, 3rd; split letters glued to digits otherwise ("cetc10" -> "cetc 10")
      const pieces = /^\d+(st|nd|rd|th)$/.test(p) ? [p] : p.split(/(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)/);
      for (const piece of pieces) {
        if (stopwords.has(piece)) continue;
        for (const word of expandWord(piece, hadDot)) {
          if (stopwords.has(word)) continue;
          const key = stemKey(word);
          out.push({ key, norm: piece, word, cls: classify(key), source: piece });
        }
      }
    }
  }
}

// ---------------------------------------------------------------- pinyin written in Latin letters

let pinyinTerms: Map<string, string> | undefined;
/** Every word that can open a pinyin term: its first syllables joined ("ke", "keji", "you", "youxian" …). */
let pinyinOpeners: Set<string> | undefined;
/**
 * The glossary's generic words read in toneless pinyin ("keji" = 科技 = technology, "youxian gongsi" =
 * 有限公司 = co ltd): terms of two or more characters whose every English word is generic (generic, sector,
 * legal form or place) and differs from the pinyin, each with its syllables. Generated from ZH_TERMS with
 * pinyin-pro by `generatePinyinTerms`; the generated table (pinyin-terms.generated.ts, checked by a test
 * against a fresh generation) saves a Latin-script query from loading pinyin-pro.
 */
export function generatePinyinTerms(): [string, string][] {
  const out: [string, string][] = [];
  const seen = new Set<string>();
  for (const [zh, english] of Object.entries(ZH_TERMS)) {
    if ([...zh].length < 2 || !HAN.test(zh)) continue;
    const words = english.split(' ').filter(Boolean);
    if (!words.every((w) => classify(stemKey(w.split('/')[0]!)) !== 'distinct')) continue;
    const syllables = pinyin(zh, { toneType: 'none', type: 'array' }).map((x) => x.toLowerCase());
    const joined = syllables.join('');
    if (!/^[a-z]{4,}$/.test(joined) || joined === words.join('').replace(/\//g, '')) continue;
    if (seen.has(joined)) continue;
    seen.add(joined);
    out.push([syllables.join(' '), english]);
  }
  return out;
}

export function pinyinTermTable(): Map<string, string> {
  if (pinyinTerms) return pinyinTerms;
  const table = new Map<string, string>();
  const openers = new Set<string>();
  for (const [spaced, english] of PINYIN_TERMS) {
    const syllables = spaced.split(' ');
    table.set(syllables.join(''), english);
    for (let k = 1; k <= syllables.length; k++) openers.add(syllables.slice(0, k).join(''));
  }
  pinyinOpeners = openers;
  return (pinyinTerms = table);
}

/** Words that can start a pinyin term, for a cheap test before the table is built. */
const PINYIN_START = /^(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?[aeiouv]/;

/**
 * Latin tokens from `start` on that spell a glossary term in pinyin, one to four words joined ("Keji",
 * "Youxian Gongsi", "you xian gong si"), become the term's English words, the pinyin kept as an
 * alternative of a one-word term, exactly as the same term written in Chinese characters is read.
 */
function foldPinyinTerms(out: NameToken[], start: number): void {
  // only names with a pinyin-looking word of 4+ letters can hold a term; most English names stop here
  let maybe = false;
  for (let i = start; i < out.length && !maybe; i++) {
    const n = out[i]!.norm;
    maybe = n.length >= 4 && PINYIN_START.test(n);
  }
  if (!maybe) return;
  const table = pinyinTermTable();
  const openers = pinyinOpeners!;
  let any = false;
  for (let i = start; i < out.length && !any; i++) any = openers.has(out[i]!.norm);
  if (!any) return;
  const result: NameToken[] = [];
  let i = start;
  while (i < out.length) {
    let done = false;
    if (openers.has(out[i]!.norm)) {
      for (let len = Math.min(4, out.length - i); len >= 1 && !done; len--) {
        const run = out.slice(i, i + len);
        if (!run.every((t) => /^[a-z]+$/.test(t.norm))) continue;
        const joined = run.map((t) => t.norm).join('');
        const english = table.get(joined);
        if (english === undefined) continue;
        const source = run.map((t) => t.source).join(' ');
        slotTokens(renderTerm(english, source, [joined]), result);
        i += len;
        done = true;
      }
    }
    if (!done) result.push(out[i++]!);
  }
  out.splice(start, out.length - start, ...result);
}

function slotTokens(slots: Slot[], out: NameToken[]): void {
  for (const slot of slots) {
    const forms = slot.forms.filter(Boolean);
    if (!forms.length) continue;
    const keys = forms.map((f) => (/^\d+$/.test(f) ? f : stemKey(f)));
    const key = keys[0]!;
    const alts = [...new Set(keys.slice(1))].filter((k) => k !== key);
    const tok: NameToken = { key, norm: forms[0]!, word: forms[0]!, cls: classify(key), source: slot.source };
    if (alts.length) tok.alts = alts;
    // a pinyin-only slot may be written joined or spaced; norm is the joined form
    out.push(tok);
  }
}

/** Remove control characters and apply NFKC; collapse whitespace. */
export function cleanText(input: string): string {
  return input.normalize('NFKC').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** The one normalisation function: text -> tokens. */
export function normalizeName(input: string): NameToken[] {
  let text = cleanText(input);
  const out: NameToken[] = [];
  if (!text) return out;
  if (HAN.test(text)) {
    text = t2s(text);
    const hongKong = HONG_KONG.test(text);
    let last = 0;
    for (const m of text.matchAll(HAN_RUN)) {
      if (m.index! > last) latinTokens(text.slice(last, m.index), out);
      slotTokens(segmentHan(m[0], hongKong), out);
      last = m.index! + m[0].length;
    }
    if (last < text.length) latinTokens(text.slice(last), out);
  } else {
    latinTokens(text, out);
  }
  return out;
}

/** Readable form of the normalised tokens, for explanations and debugging. */
export function describeTokens(tokens: NameToken[]): string {
  return tokens.map((t) => t.norm + (t.alts ? `/${t.alts.join('/')}` : '')).join(' ');
}
