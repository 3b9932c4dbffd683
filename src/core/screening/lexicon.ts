/**
 * A bilingual name lexicon: Chinese names of organisations, institutions and brands with their established
 * English names (中山大学 = Sun Yat-sen University, 中国海洋石油总公司 = CNOOC). Pinyin and the glossary of
 * generic words render a Chinese name literally; an established English name often is not literal, so a
 * name the lexicon knows is also read in its English form. The shipped lexicon is built from CC-CEDICT
 * (data/lexicon, scripts/import-lexicon.ts); the screener takes it as an option, so the core does no I/O.
 */
import { ZH_TERMS } from './glossary.js';
import { chineseWords, classify, normalizeName, t2s, taggedChineseWords } from './normalize.js';

export interface Lexicon {
  /** Where the entries come from, for explanations ("CC-CEDICT"). */
  readonly source: string;
  /** Simplified Chinese -> English renderings, most established first. */
  readonly entries: ReadonlyMap<string, readonly string[]>;
  readonly maxLength: number;
}

/** One reading of a query through the lexicon: the text with known names replaced, and what was replaced. */
export interface LexiconReading {
  text: string;
  used: { zh: string; en: string }[];
}

/** Readings per name at most (a name with several renderings is read once per rendering). */
const MAX_READINGS = 3;

/** Chinese legal-form endings of organisation names and the English words they correspond to. */
const ZH_FORM = /(集团有限公司|股份有限公司|有限责任公司|集团公司|有限公司|总公司|公司|集团)$/;
const EN_FORM =
  /(\s+(group|corporation|corp\.?|company|co\.?|limited|ltd\.?|inc\.?|holdings|incorporated))+$/i;

/**
 * Build a lexicon. An entry whose Chinese ends in a legal form (中国海洋石油总公司) also stands for its stem
 * (中国海洋石油) with the English legal form removed, so that 中国海洋石油有限公司 reads as "CNOOC 有限公司".
 * An English name that normalises to the same words as the Chinese itself is dropped.
 */
export function buildLexicon(source: string, entries: Record<string, readonly string[]>): Lexicon {
  const map = new Map<string, string[]>();
  const add = (zh: string, en: string) => {
    const list = map.get(zh);
    if (!list) map.set(zh, [en]);
    else if (!list.includes(en)) list.push(en);
  };
  for (const [zh, names] of Object.entries(entries)) {
    const simplified = t2s(zh);
    for (const en of names) add(simplified, en);
    const stem = simplified.replace(ZH_FORM, '');
    if (stem === simplified || [...stem].length < 2 || entries[stem]) continue;
    for (const en of names) {
      const bare = en.replace(EN_FORM, '').trim();
      if (bare) add(stem, bare);
    }
  }
  // an English name that normalises to the words the Chinese already gives (中国科学院 = Chinese Academy of
  // Sciences, through the glossary) adds nothing but a second screening of the same words
  // contractions generated from the full names, from the words the segmenter cuts them into: universities
  // take the first character of each word and 大 (哈尔滨工业大学 -> 哈工大), or keep a leading place whole
  // (上海交通大学 -> 上海交大); groups take the first character of each word (中国电子科技集团公司 -> 中电科),
  // or of each but the last, kept whole (中国船舶重工集团公司 -> 中船重工). Two rules of Chinese abbreviation:
  // parallel words that begin with the same character give it once (航空航天 -> 航: 北京航空航天大学 -> 北航大,
  // not 北航航大); and a contraction is dropped when characters taken from different words of the full name
  // make an ordinary word of their own (大连理工大学 -> 大理大 reads as 大理, Dali, a city): jieba must read them
  // as one abbreviation or organisation name (北航, 西工大) or keep them apart. Three characters at least
  // (北航-like two-character forms are too short to be safe); one that two names would make, that is a name
  // or a glossary word itself, is dropped.
  const contractions = new Map<string, string[] | null>();
  /** `parts`: the pieces of the contraction in order, each with the number of the full name's word it is from */
  const offer = (parts: { text: string; word: number }[], zh: string) => {
    const pieces: { text: string; word: number }[] = [];
    for (const p of parts) if (pieces.at(-1)?.text !== p.text) pieces.push(p);
    const short = pieces.map((p) => p.text).join('');
    if ([...short].length < 3 || short === zh || readsAsOtherWords(pieces)) return;
    contractions.set(short, contractions.has(short) ? null : map.get(zh)!.slice());
  };
  for (const zh of [...map.keys()]) {
    const university = /^(.{2,})大学$/u.exec(zh);
    const group = /^(.{2,}?)(集团有限公司|集团公司|集团|总公司)$/u.exec(zh);
    const stem = university?.[1] ?? group?.[1];
    if (!stem || !/^\p{Script=Han}+$/u.test(stem)) continue;
    const words = chineseWords(stem);
    if (words.length < 2) continue;
    const firsts = words.map((w, word) => ({ text: [...w][0]!, word }));
    const last = { text: '大', word: words.length };
    if (university) {
      offer([...firsts, last], zh);
      if (classify(normalizeName(words[0]!)[0]?.key ?? '') === 'place')
        offer([{ text: words[0]!, word: 0 }, ...firsts.slice(1), last], zh);
    } else {
      offer(firsts, zh);
      offer([...firsts.slice(0, -1), { text: words.at(-1)!, word: words.length - 1 }], zh);
    }
  }
  for (const [short, names] of contractions)
    if (names && !map.has(short) && ZH_TERMS[short] === undefined) map.set(short, names);
  const words = (text: string) =>
    normalizeName(text)
      .map((t) => t.key)
      .join(' ');
  for (const [zh, names] of map) {
    const literal = words(zh);
    const informative = names.filter((en) => words(en) !== literal);
    if (informative.length) map.set(zh, informative);
    else map.delete(zh);
  }
  let maxLength = 0;
  for (const k of map.keys()) maxLength = Math.max(maxLength, [...k].length);
  return { source, entries: map, maxLength };
}

const lengthIndex = new WeakMap<Lexicon, Map<string, number[]>>();
/** For each first character of a lexicon name, the lengths of the names starting with it, longest first. */
function lengthsByFirst(lexicon: Lexicon): Map<string, number[]> {
  let index = lengthIndex.get(lexicon);
  if (!index) {
    index = new Map();
    for (const zh of lexicon.entries.keys()) {
      const chars = [...zh];
      if (chars.length < 2) continue;
      const list = index.get(chars[0]!) ?? [];
      if (!list.includes(chars.length)) list.push(chars.length);
      index.set(chars[0]!, list);
    }
    for (const list of index.values()) list.sort((a, b) => b - a);
    lengthIndex.set(lexicon, index);
  }
  return index;
}

/** jieba's tags for a word that abbreviates or names an organisation (北航 j, 西工大 nt, 海大 nz). */
const ABBREVIATION_TAGS = new Set(['j', 'nt', 'nz']);

/**
 * Whether a contraction reads as other words: jieba cuts it into a word of two or more characters that
 * joins characters taken from different words of the full name, and that word is not an abbreviation or an
 * organisation's name (大理大: 大理 is a city, from 大连 and 理工) nor a glossary word.
 */
function readsAsOtherWords(pieces: readonly { text: string; word: number }[]): boolean {
  const from: number[] = [];
  for (const p of pieces) for (const _ of p.text) from.push(p.word);
  let at = 0;
  for (const { word, tag } of taggedChineseWords(pieces.map((p) => p.text).join(''))) {
    const n = [...word].length;
    const sources = new Set(from.slice(at, at + n));
    at += n;
    // a glossary word (中船 = CSSC, 中核 = CNNC) is jieba's user word: a known short name, not another word
    if (n >= 2 && sources.size > 1 && !ABBREVIATION_TAGS.has(tag) && ZH_TERMS[word] === undefined)
      return true;
  }
  return false;
}

/**
 * The readings of a text through the lexicon: every Chinese name the lexicon knows (longest match first,
 * left to right) replaced by its English name. No reading when the text has no known name.
 */
export function lexiconReadings(text: string, lexicon: Lexicon | undefined): LexiconReading[] {
  // the script first: a stored lexicon (index-codec.ts) decodes its entries on first use
  if (!lexicon || !/\p{Script=Han}/u.test(text) || lexicon.entries.size === 0) return [];
  const chars = [...t2s(text)];
  const lengths = lengthsByFirst(lexicon);
  const found: { start: number; end: number; zh: string; names: readonly string[] }[] = [];
  for (let i = 0; i < chars.length;) {
    let hit: (typeof found)[number] | undefined;
    // only the lengths of the names that start with this character, longest first
    for (const len of lengths.get(chars[i]!) ?? []) {
      if (len > chars.length - i) continue;
      const zh = chars.slice(i, i + len).join('');
      const names = lexicon.entries.get(zh);
      if (names) {
        hit = { start: i, end: i + len, zh, names };
        break;
      }
    }
    if (hit) {
      found.push(hit);
      i = hit.end;
    } else i++;
  }
  if (!found.length) return [];
  const readings: LexiconReading[] = [];
  const count = Math.min(MAX_READINGS, Math.max(...found.map((f) => f.names.length)));
  for (let r = 0; r < count; r++) {
    let out = '';
    let at = 0;
    const used: LexiconReading['used'] = [];
    for (const f of found) {
      const en = f.names[Math.min(r, f.names.length - 1)]!;
      out += chars.slice(at, f.start).join('') + ` ${en} `;
      at = f.end;
      used.push({ zh: f.zh, en });
    }
    out += chars.slice(at).join('');
    readings.push({ text: out.replace(/\s+/g, ' ').trim(), used });
  }
  return readings;
}
