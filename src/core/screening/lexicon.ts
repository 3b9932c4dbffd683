/**
 * A bilingual name lexicon: Chinese names of organisations, institutions and brands with their established
 * English names (中山大学 = Sun Yat-sen University, 中国海洋石油总公司 = CNOOC). Pinyin and the glossary of
 * generic words render a Chinese name literally; an established English name often is not literal, so a
 * name the lexicon knows is also read in its English form. The shipped lexicon is built from CC-CEDICT
 * (data/lexicon, scripts/import-lexicon.ts); the screener takes it as an option, so the core does no I/O.
 */
import { ZH_TERMS } from './glossary.js';
import { chineseWords, classify, normalizeName, t2s } from './normalize.js';

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
  // or of each but the last, kept whole (中国船舶重工集团公司 -> 中船重工). Three characters at least (北航-like
  // two-character forms are too short to be safe); one that two names would make, that is a name or a
  // glossary word itself, is dropped.
  const contractions = new Map<string, string[] | null>();
  const offer = (short: string, zh: string) => {
    if ([...short].length < 3 || short === zh) return;
    contractions.set(short, contractions.has(short) ? null : map.get(zh)!.slice());
  };
  for (const zh of [...map.keys()]) {
    const university = /^(.{2,})大学$/u.exec(zh);
    const group = /^(.{2,}?)(集团有限公司|集团公司|集团|总公司)$/u.exec(zh);
    const stem = university?.[1] ?? group?.[1];
    if (!stem || !/^\p{Script=Han}+$/u.test(stem)) continue;
    const words = chineseWords(stem);
    if (words.length < 2) continue;
    const firsts = words.map((w) => [...w][0]!).join('');
    if (university) {
      offer(firsts + '大', zh);
      if (classify(normalizeName(words[0]!)[0]?.key ?? '') === 'place')
        offer(
          words[0]! +
            words
              .slice(1)
              .map((w) => [...w][0]!)
              .join('') +
            '大',
          zh,
        );
    } else {
      offer(firsts, zh);
      offer(
        words
          .slice(0, -1)
          .map((w) => [...w][0]!)
          .join('') + words.at(-1)!,
        zh,
      );
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

/**
 * The readings of a text through the lexicon: every Chinese name the lexicon knows (longest match first,
 * left to right) replaced by its English name. No reading when the text has no known name.
 */
export function lexiconReadings(text: string, lexicon: Lexicon | undefined): LexiconReading[] {
  // the script first: a stored lexicon (index-codec.ts) decodes its entries on first use
  if (!lexicon || !/\p{Script=Han}/u.test(text) || lexicon.entries.size === 0) return [];
  const chars = [...t2s(text)];
  const found: { start: number; end: number; zh: string; names: readonly string[] }[] = [];
  for (let i = 0; i < chars.length;) {
    let hit: (typeof found)[number] | undefined;
    for (let len = Math.min(lexicon.maxLength, chars.length - i); len >= 2; len--) {
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
