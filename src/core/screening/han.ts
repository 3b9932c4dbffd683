/**
 * The two Chinese-script libraries, loaded on first use: traditional to simplified (opencc-js) and pinyin
 * (pinyin-pro). Their dictionaries take some 90 ms to load, and a process that screens a Latin-script name
 * from a stored index (htt screen "Huawei Technologies") needs neither. Every caller reaches them only for
 * text with Han characters in it. Loading a module is not I/O in the sense of the dependency rule: the
 * functions are as pure as the packages' own.
 */
import { createRequire } from 'node:module';
import type * as OpenCCModule from 'opencc-js';
import type * as PinyinModule from 'pinyin-pro';

const load = createRequire(import.meta.url);

let converter: ((text: string) => string) | undefined;
/** Traditional to simplified Chinese (one converter for the whole module graph: its dictionaries are large). */
export function t2s(text: string): string {
  const convert = (converter ??= (load('opencc-js') as typeof OpenCCModule).Converter({
    from: 't',
    to: 'cn',
  }));
  return convert(text);
}

let pinyinModule: typeof PinyinModule | undefined;
/** pinyin-pro's `pinyin`, loaded on first call. */
export const pinyin = ((...args: Parameters<typeof PinyinModule.pinyin>) => {
  pinyinModule ??= load('pinyin-pro') as typeof PinyinModule;
  return (pinyinModule.pinyin as (...a: unknown[]) => unknown)(...args);
}) as typeof PinyinModule.pinyin;

let segmenter:
  | {
      cut(text: string, hmm?: boolean): string[];
      tag(text: string, hmm?: boolean): { word: string; tag: string }[];
    }
  | undefined;
/**
 * Word segmentation of a run of simplified Chinese (jieba, @node-rs/jieba, with its own dictionary) with
 * the given words added as a user dictionary. The dictionary (~5 MB) loads on first call, ~0.2 s; the
 * user words are fixed at that first call (the glossary, the same in every call).
 */
export function segmentWords(text: string, userWords: () => Iterable<string>): string[] {
  // HMM off: unknown characters come back one by one and are grouped by the caller, which keeps proper
  // names whole instead of guessing new words
  return loadedJieba(userWords).cut(text, false);
}

/** The words of a run of simplified Chinese with jieba's part-of-speech tags (ns place, j abbreviation…). */
export function tagWords(text: string, userWords: () => Iterable<string>): { word: string; tag: string }[] {
  return loadedJieba(userWords).tag(text, false);
}

function loadedJieba(userWords: () => Iterable<string>) {
  if (!segmenter) {
    const { Jieba } = load('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = load('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    const jieba = Jieba.withDict(dict);
    const lines: string[] = [];
    // a frequency well above the dictionary's common words, so that a glossary word is cut out whole
    for (const w of userWords()) if ([...w].length >= 2) lines.push(`${w} 50000 n`);
    jieba.loadDict(Buffer.from(lines.join('\n') + '\n', 'utf8'));
    segmenter = jieba;
  }
  return segmenter;
}

type ToJyutpingModule = {
  getJyutpingList(s: string): [string, string | null][];
  getJyutpingCandidates(s: string): [string, string[]][];
};
let jyutpingModule: ToJyutpingModule | undefined;
/** to-jyutping, loaded on first call (~0.2–0.4 s): Cantonese readings (Jyutping), traditional or simplified. */
export function toJyutping(): ToJyutpingModule {
  return (jyutpingModule ??= load('to-jyutping') as ToJyutpingModule);
}

let glosses: Record<string, string[]> | undefined;
/**
 * The English renderings CC-CEDICT gives an ordinary word, joined and in lower case (线程 → thread, 长城 →
 * greatwall; data/cedict-words.json, built by scripts/import-lexicon.ts, CC BY-SA 4.0), loaded on first call.
 */
export function wordGlosses(word: string): readonly string[] | undefined {
  glosses ??= (load('./data/cedict-words.json') as { entries: Record<string, string[]> }).entries;
  return Object.prototype.hasOwnProperty.call(glosses, word) ? glosses[word] : undefined;
}
