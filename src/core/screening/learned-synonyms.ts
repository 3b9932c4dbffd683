/**
 * Synonyms the lists teach: a Chinese company often appears under its brand name and, as an alias of the same
 * entry, under the pinyin of its Chinese name ("Nanjing FiberHome Starrysky Communication Development Co."
 * a.k.a. "Nanjing Fenghuo Xingkong Communication Development Co."). Two names of one entry that agree
 * word for word except for one or two words, where one side is pinyin and the other is not, teach that the
 * words are the same name (fenghuo = fiberhome, xingkong = starrysky). A query written in Chinese is read
 * in pinyin, so such a synonym lets 烽火科技集团 find "FiberHome Technologies Group", an entry that has no
 * pinyin alias of its own.
 */
import { pinyin } from './han.js';
import type { NameToken } from './normalize.js';

export interface LearnedSynonym {
  key: string;
  /** The word as written, and the entry whose names taught it, for explanations. */
  word: string;
  from: string;
}

let syllables: Set<string> | undefined;
/** Every Mandarin syllable (toneless), read off pinyin-pro for the CJK Unified Ideographs block. */
export function mandarinSyllables(): Set<string> {
  if (!syllables) {
    let all = '';
    for (let c = 0x4e00; c <= 0x9fff; c++) all += String.fromCharCode(c);
    syllables = new Set(
      pinyin(all, { toneType: 'none', type: 'array', v: true }).map((s) =>
        s.toLowerCase().replace(/[^a-z]/g, ''),
      ),
    );
    syllables.delete('');
  }
  return syllables;
}

/**
 * Whether a word spells Mandarin syllables starting with the given letters, one syllable per letter:
 * "xiaoming" with "xm" (a given name and its initials, X.M.).
 */
export function spellsSyllablesWithInitials(word: string, initials: string): boolean {
  if (!/^[a-z]+$/.test(word) || initials.length < 2 || word.length > 24) return false;
  const known = mandarinSyllables();
  const go = (i: number, k: number): boolean => {
    if (k === initials.length) return i === word.length;
    if (word[i] !== initials[k]) return false;
    for (let len = 1; len <= 6 && i + len <= word.length; len++)
      if (known.has(word.slice(i, i + len)) && go(i + len, k + 1)) return true;
    return false;
  };
  return go(0, 0);
}

/** Two or more Mandarin syllables written together ("fenghuo", "tianshenghua"), not "fiberhome". */
export function isPinyinWord(word: string): boolean {
  if (word.length < 4 || word.length > 24 || !/^[a-z]+$/.test(word)) return false;
  const known = mandarinSyllables();
  // parts[i]: the fewest syllables that spell word[0, i)
  const parts = new Array<number>(word.length + 1).fill(Infinity);
  parts[0] = 0;
  for (let i = 0; i < word.length; i++) {
    if (parts[i] === Infinity) continue;
    for (let len = 1; len <= 6 && i + len <= word.length; len++) {
      if (known.has(word.slice(i, i + len))) parts[i + len] = Math.min(parts[i + len]!, parts[i]! + 1);
    }
  }
  return parts[word.length]! >= 2 && parts[word.length]! !== Infinity;
}

const CHINESE = new Set(['CN', 'HK', 'MO']);
/**
 * A synonym pairs rare words only: a brand or its pinyin occurs in a few listed names, while a word found in
 * many ("semiconductor", "innovation") that two names of one entry happen to differ by is no name.
 */
export const MAX_SYNONYM_DF = 25;

/** A word that names the entry (not a place, generic word or legal form) and is long enough to mean something. */
const naming = (t: NameToken) => t.cls === 'distinct' && t.norm.length >= 3 && /^[a-z]+$/.test(t.norm);

export interface LearnedPhrase {
  /** The keys of the words the contraction stands for, in order ("unit", "network", "commun"). */
  keys: string[];
  /** Those words as written ("united", "network", "communications"). */
  words: string[];
  /** The contraction as written ("unicom"). */
  word: string;
  /** The entry whose names taught it. */
  from: string;
}

export interface Learned {
  /** word key -> the words the lists pair it with (pinyin <-> brand). */
  words: Map<string, LearnedSynonym[]>;
  /** first word key -> contractions of phrases starting with it. */
  phrases: Map<string, LearnedPhrase[]>;
  /** contraction key -> the phrases it stands for. */
  contractions: Map<string, LearnedPhrase[]>;
}

/**
 * Which of `words` the single word `w` contracts: pieces of `w`, in order, each the start of a word, the
 * first piece the start of the first word, at least two pieces ("unicom" = UNIted network COMmunications,
 * "cnooc" = China National Offshore Oil Corp.). Returns the index of the last word used.
 */
function contraction(w: string, words: string[], pos = 0, next = 0, pieces = 0): number | undefined {
  if (pos === w.length) return pieces >= 2 ? next - 1 : undefined;
  for (let m = next; m < words.length; m++) {
    if (pieces === 0 && m > 0) break;
    const word = words[m]!;
    for (let len = Math.min(word.length, w.length - pos); len >= 1; len--) {
      if (w.slice(pos, pos + len) !== word.slice(0, len)) continue;
      const last = contraction(w, words, pos + len, m + 1, pieces + 1);
      if (last !== undefined) return last;
    }
  }
  return undefined;
}

/**
 * Learn from the names of each organisation entry (persons are left out: "Sixing" and "Steve" are two names
 * of one man, not one name):
 *  - pinyin/brand synonyms, from entries located in China: two names that agree except for one or two words,
 *    pinyin (five letters or more) on one side and not on the other, position by position, both words rare
 *    (in at most MAX_SYNONYM_DF listed names). A word paired with more than two different words is ambiguous and dropped.
 *  - contractions: two names that agree except for one word on one side and two to four on the other, where
 *    the one word is a contraction of the others ("China Unicom" / "China United Network Communications").
 */
export function learnSynonyms(
  entries: { name: string; countries: string[]; names: NameToken[][] }[],
  df: (key: string) => number = () => 0,
): Learned {
  const found = new Map<string, Map<string, LearnedSynonym>>();
  const phrases = new Map<string, LearnedPhrase[]>();
  const contractions = new Map<string, LearnedPhrase[]>();
  const teach = (a: NameToken, b: NameToken, from: string) => {
    let m = found.get(a.key);
    if (!m) found.set(a.key, (m = new Map()));
    if (!m.has(b.key)) m.set(b.key, { key: b.key, word: b.norm, from });
  };
  const teachContraction = (one: NameToken, many: NameToken[], from: string) => {
    if (!naming(one) || isPinyinWord(one.norm) || one.norm.length < 4) return;
    const last = contraction(
      one.norm,
      many.map((t) => t.norm),
    );
    if (last === undefined || last < 1) return;
    const used = many.slice(0, last + 1);
    // a place with sector and generic words only ("aviation international china") describes a kind of
    // business somewhere, not a party: its contraction would make 中国国际航空 (Air China) hit the one
    // aviation group whose names taught it ("united network communications", no place, stays a name)
    if (!used.some((t) => t.cls === 'distinct') && used.some((t) => t.cls === 'place')) return;
    const keys = used.map((t) => t.key);
    const list = phrases.get(keys[0]!) ?? [];
    if (!list.some((p) => p.word === one.norm && p.keys.join(' ') === keys.join(' '))) {
      const phrase = { keys, words: used.map((t) => t.norm), word: one.norm, from };
      list.push(phrase);
      phrases.set(keys[0]!, list);
      contractions.set(one.key, [...(contractions.get(one.key) ?? []), phrase]);
    }
  };
  for (const entry of entries) {
    // pinyin is how Chinese names are written: only entries located in China teach pinyin synonyms
    const chinese = entry.countries.some((c) => CHINESE.has(c));
    const names = entry.names.map((tokens) => tokens.filter((t) => t.cls !== 'legal'));
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const a = names[i]!;
        const b = names[j]!;
        let p = 0;
        while (p < a.length && p < b.length && a[p]!.key === b[p]!.key) p++;
        let s = 0;
        while (s < a.length - p && s < b.length - p && a[a.length - 1 - s]!.key === b[b.length - 1 - s]!.key)
          s++;
        const ra = a.slice(p, a.length - s);
        const rb = b.slice(p, b.length - s);
        // the names must share context
        if (p + s === 0 || ra.length === 0 || rb.length === 0) continue;
        if (ra.length === 1 && rb.length >= 2 && rb.length <= 4) teachContraction(ra[0]!, rb, entry.name);
        if (rb.length === 1 && ra.length >= 2 && ra.length <= 4) teachContraction(rb[0]!, ra, entry.name);
        // synonyms: one or two words on each side, position by position
        if (!chinese || ra.length !== rb.length || ra.length > 2) continue;
        ra.forEach((x, k) => {
          const y = rb[k]!;
          if (!naming(x) || !naming(y) || x.key === y.key) return;
          if (df(x.key) > MAX_SYNONYM_DF || df(y.key) > MAX_SYNONYM_DF) return;
          const px = x.norm.length >= 5 && isPinyinWord(x.norm);
          const py = y.norm.length >= 5 && isPinyinWord(y.norm);
          if (px === py) return;
          teach(x, y, entry.name);
          teach(y, x, entry.name);
        });
      }
    }
  }
  const words = new Map<string, LearnedSynonym[]>();
  for (const [key, m] of found) if (m.size <= 2) words.set(key, [...m.values()]);
  return { words, phrases, contractions };
}

const standsFor = (p: LearnedPhrase) =>
  `"${p.word}" stands for "${p.words.join(' ')}" in the names of ${p.from}`;

/** Variants of one listed name at most from what the lists taught. */
const MAX_TAUGHT_VARIANTS = 4;

/**
 * Variants of a name from what the lists taught, each with the note an explanation gives: every learned
 * synonym in place of its word ("FiberHome Technologies Group" -> "fenghuo technologies group"), a learned
 * contraction in place of the phrase it stands for, and the phrase in place of the contraction ("China Unicom
 * (Hong Kong) Limited" -> "china united network communications hong kong limited"). The screener indexes
 * these variants of listed names, so a query needs no extra reading.
 */
export function taughtVariants(tokens: NameToken[], learned: Learned): { text: string; note: string }[] {
  const out: { text: string; note: string }[] = [];
  const words = tokens.map((t) => t.norm);
  const replace = (i: number, n: number, by: string[], note: string) => {
    if (out.length >= MAX_TAUGHT_VARIANTS) return;
    const variant = [...words];
    variant.splice(i, n, ...by);
    out.push({ text: variant.join(' '), note });
  };
  tokens.forEach((t, i) => {
    for (const syn of learned.words.get(t.key) ?? [])
      replace(i, 1, [syn.word], `"${t.norm}" = "${syn.word}" in the names of ${syn.from}`);
    for (const p of learned.phrases.get(t.key) ?? []) {
      if (p.keys.every((k, n) => tokens[i + n]?.key === k)) replace(i, p.keys.length, [p.word], standsFor(p));
    }
    for (const p of learned.contractions.get(t.key) ?? []) replace(i, 1, p.words, standsFor(p));
  });
  return out;
}
