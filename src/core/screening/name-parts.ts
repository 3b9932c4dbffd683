/**
 * Fuzzy name-part matching, used for person names (and as a second opinion for organisation names):
 * each name becomes a list of parts (ASCII, lower case, titles removed, particles marked), parts are
 * aligned one to one by their best similarity whatever their order, and the score is the length-weighted
 * share of aligned similarity.
 *
 * Per-part similarity is the best of: equality; an initial against a word starting with it ("J." ~ "John");
 * a known short form ("Ted" ~ "Theodore"); the edit-distance ratio of the parts; the edit-distance ratio of
 * their phonetic keys (a transliteration-tolerant skeleton: "Qaddafi" ~ "Gadhafi", "Tse-tung" ~ "Zedong",
 * "Hsi" ~ "Xi"). A part with no counterpart counts against the score: in full when both names have
 * unmatched parts (a conflict, "al-Tikriti" against "al-Mosuli"), at EXTRA_FACTOR when only one name has
 * them (an omission: a patronymic or a middle name left out).
 *
 * Ideas (not code) follow the OpenSanctions nomenklatura logic-v2 matcher (MIT): name parts aligned
 * independently of order, confusable characters, extra parts as a milder penalty than mismatched ones.
 */
import anyAscii from 'any-ascii';
import { pinyin } from './han.js';
import { spellsSyllablesWithInitials } from './learned-synonyms.js';
import { osaDistance } from './string-distance.js';
import { foldLatinPhrases, t2s } from './normalize.js';
import {
  CHINA_PLACES,
  LEGAL_FORMS,
  LEGAL_PHRASES,
  NICKNAMES,
  NUMBER_WORDS,
  PERSON_TITLES,
} from './glossary.js';

export type NameKind = 'person' | 'organization' | 'any';

export interface NamePart {
  form: string; // ASCII lower case
  key: string; // phonetic key
  particle: boolean; // al, bin, de, van ...
  legal: boolean;
  w: number;
  /** Letters present in form and key, one bit each: a cheap lower bound on the edit distance. */
  formMask: number;
  keyMask: number;
  numeric: boolean;
}

/** Weight of an unmatched part when only one of the two names has unmatched parts. */
export const EXTRA_FACTOR = 0.3;
/**
 * Weight of an unmatched part when both names have unmatched parts (a conflict: al-Tikriti against
 * al-Mosuli, Boris against Benjamin): a name part on each side that pairs with nothing on the other says
 * more against a match than a part left out says, so it counts double.
 */
export const CONFLICT_FACTOR = 2;
/** Similarity of an initial with a word that starts with it. */
export const INITIAL_SIM = 0.85;
/** Pairs below this similarity are not aligned. */
export const MIN_PART_SIM = 0.62;

const PARTICLES = new Set([
  'al',
  'el',
  'ul',
  'ud',
  'ad',
  'as',
  'ash',
  'bin',
  'ibn',
  'ben',
  'bint',
  'binti',
  'bte',
  'de',
  'da',
  'do',
  'dos',
  'das',
  'del',
  'della',
  'di',
  'du',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'y',
  'e',
  'zu',
]);
const PARTICLE_EQUIV: Record<string, string> = {
  ibn: 'bin',
  ben: 'bin',
  el: 'al',
  ul: 'al',
  ud: 'al',
  abd: 'abdul',
  abdel: 'abdul',
  abou: 'abu',
};
const ROMAN: Record<string, string> = {
  ii: '2',
  iii: '3',
  iv: '4',
  vi: '6',
  vii: '7',
  viii: '8',
  ix: '9',
  xi: '11',
  xii: '12',
  xiii: '13',
  xiv: '14',
  xv: '15',
  xx: '20',
};
const titles = new Set(PERSON_TITLES);
/** A table lookup that never returns an inherited property ("constructor", "toString" are names too). */
const own = (table: Record<string, string>, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
const legalWords = new Set(Object.keys(LEGAL_FORMS));
const HAN = /\p{Script=Han}/u;
const SYLLABIC = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g' };

/**
 * A transliteration-tolerant phonetic key: digraphs folded (sh, ch, zh, kh, ph, th, ts, hs ...), voiced and
 * voiceless consonants united (b/p, d/t, g/k/q/c, z/j/ch/ts), w = v, vowels and y reduced to one vowel
 * class, h after a consonant dropped, letters repeated collapsed.
 */
const keyCache = new Map<string, string>();

export function phoneticKey(word: string): string {
  let k = keyCache.get(word);
  if (k === undefined) {
    k = computeKey(word);
    if (keyCache.size >= 100_000) keyCache.clear();
    keyCache.set(word, k);
  }
  return k;
}

function computeKey(word: string): string {
  let w = word;
  w = w
    .replace(/sch/g, 's')
    .replace(/tch/g, 'c')
    .replace(/ph/g, 'f')
    .replace(/(?<=[a-z])ou/g, 'u')
    .replace(/kh/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/dh/g, 'd')
    .replace(/th/g, 't')
    .replace(/ck/g, 'k')
    // j after a vowel and not before one is the German and Slavic spelling of y (Sergej, Selenskyj)
    .replace(/(?<=[aeiouy])j(?![aeiouy])/g, 'y')
    .replace(/(ts|tz|dz|zh|ch|j)/g, 'c')
    .replace(/(hs|sh|x)/g, 's')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v');
  let out = '';
  for (let i = 0; i < w.length; i++) {
    let c = w[i]!;
    if (c === 'h' && i > 0) continue;
    // vowels are one class, the first letter included (Usama / Osama, Umar / Omar, Ebrahim / Ibrahim)
    if ('aeiouy'.includes(c)) c = 'a';
    else if (c === 'p') c = 'b';
    else if (c === 't') c = 'd';
    else if (c === 'g' || c === 'c')
      c = c === 'c' && i + 1 < w.length && 'eiy'.includes(w[i + 1]!) ? 's' : 'k';
    else if (c === 'z') c = 's';
    if (out[out.length - 1] !== c) out += c;
  }
  // a consonant class for the first letter as well (Qaddafi / Gadhafi, Cencora / Sencora stay different)
  return out;
}

function partWeight(form: string, particle: boolean): number {
  if (particle) return 0.6;
  // a number (a series, a unit's designation) distinguishes as much as a long word
  if (/^\d+$/.test(form)) return 6;
  if (form.length === 1) return 1.5;
  return Math.min(form.length, 9);
}

function makePart(form: string, legal = false, first = false): NamePart {
  const particle = !legal && !first && PARTICLES.has(form);
  // "ben" is "bin" only as a particle: a first part "Ben" is a given name (Ben = Benjamin)
  const f = (particle || !PARTICLES.has(form) ? own(PARTICLE_EQUIV, form) : undefined) ?? form;
  const key = phoneticKey(f);
  return {
    form: f,
    key,
    particle,
    legal,
    w: legal ? 0.3 : partWeight(f, particle),
    formMask: letterMask(f),
    keyMask: letterMask(key),
    numeric: /^\d+$/.test(f),
  };
}

function letterMask(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) m |= 1 << (s.charCodeAt(i) % 31);
  return m;
}

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Whether two strings could be within `floor` similarity, by the letters one has and the other lacks. */
function mayBeSimilar(maskA: number, maskB: number, la: number, lb: number, floor: number): boolean {
  const max = Math.max(la, lb);
  const limit = Math.floor((1 - floor) * max);
  // one edit changes at most two letters' presence
  return Math.abs(la - lb) <= limit && popcount(maskA ^ maskB) <= 2 * limit;
}

/** Chinese person names: the first character is the surname, the rest the given name written joined. */
function hanPerson(run: string): string[] {
  const py = pinyin(run, { toneType: 'none', type: 'array', surname: 'head' }).map((s) =>
    s.toLowerCase().replace(/[^a-z]/g, ''),
  );
  if (py.length <= 1) return py;
  return [py[0]!, py.slice(1).join('')];
}

const partsCache = new Map<string, NamePart[]>();

/** Split a name into parts: ASCII, titles removed, legal phrases folded, hyphenated syllables joined. */
export function nameParts(input: string, kind: NameKind): NamePart[] {
  const cacheKey = `${kind}\u0000${input}`;
  let parts = partsCache.get(cacheKey);
  if (!parts) {
    parts = computeParts(input, kind);
    // a bounded memo: the same listed names are compared again and again
    if (partsCache.size >= 60_000) partsCache.clear();
    partsCache.set(cacheKey, parts);
  }
  return parts;
}

const legalPhrase = new Map(LEGAL_PHRASES);
const LEGAL_PHRASE_RE = new RegExp(` (?:${LEGAL_PHRASES.map(([p]) => p).join('|')}) `, 'g');

/** nameParts without the memo (for callers that keep the parts themselves). */
export function computeParts(input: string, kind: NameKind): NamePart[] {
  let text = input.normalize('NFKC');
  if (HAN.test(text)) {
    text = t2s(text).replace(
      /[\p{Script=Han}]+/gu,
      (run: string) =>
        ` ${kind === 'person' && run.length <= 4 ? hanPerson(run).join(' ') : pinyin(run, { toneType: 'none', separator: ' ' })} `,
    );
  }
  // camel case written without a space ("FridrichBuchenberg", "JanDaniel")
  if (/\p{Ll}\p{Lu}/u.test(text)) text = text.replace(/(?<=\p{Ll}{2})(?=\p{Lu}\p{Ll})/gu, ' ');
  let t = (/^[\x20-\x7e]*$/.test(text) ? text : anyAscii(text)).toLowerCase();
  // dotted initials and abbreviations are one word ("A.B.C.", "S.A.R.L.", "L.P.", "A/S")
  if (/[./]/.test(t)) {
    t = t
      .replace(/\b(?:[a-z]\.\s?){2,}/g, (m) => ` ${m.replace(/[.\s]/g, '')} `)
      .replace(/\b([a-z])\/([a-z])\b/g, '$1$2');
  }
  t = t.replace(/&/g, ' and ').replace(/['’`´ʻʼ]/g, '');
  // letters written as digits inside a word ("Ig0r Sech1n")
  if (/\d/.test(t)) {
    t = t.replace(/[a-z0-9]+/g, (w) =>
      /[a-z]/.test(w) && /\d/.test(w) && !/^\d+(st|nd|rd|th)$/.test(w)
        ? w.replace(/[0-9]/g, (d) => own(LEET, d) ?? d)
        : w,
    );
  }
  // hyphenated short syllables of a person's name are one given name ("Tse-tung", "Jong-un", "Chin-ping")
  if (kind !== 'organization' && t.includes('-')) t = t.replace(/\b([a-z]{1,4})-([a-z]{1,4})\b/g, '$1$2');
  // legal forms written out ("Gesellschaft mit beschränkter Haftung" = "GmbH")
  t = ` ${foldLatinPhrases(t).replace(/[^a-z0-9]+/g, ' ')} `;
  t = t.replace(LEGAL_PHRASE_RE, (m) => ` ${legalPhrase.get(m.trim()) ?? m.trim()} `);
  const words = t.split(' ').filter(Boolean);
  const out: NamePart[] = [];
  for (const w of words) {
    if (w === 'and' || w === 'of' || w === 'the') continue;
    if (kind !== 'organization' && titles.has(w)) continue;
    const num = own(NUMBER_WORDS, w) ?? (kind === 'organization' ? own(ROMAN, w) : undefined);
    if (num) {
      out.push(makePart(num));
      continue;
    }
    if (legalWords.has(w) && kind !== 'person') {
      out.push(makePart(own(LEGAL_FORMS, w)!, true));
      continue;
    }
    out.push(makePart(w, false, out.length === 0));
  }
  return out;
}

/** 1 - edit distance / longer length, or 0 when it would fall below `floor` (the distance stops early). */
const levRatio = (a: string, b: string, floor = 0) => {
  const max = Math.max(a.length, b.length);
  if (!max) return 0;
  const limit = Math.floor((1 - floor) * max);
  if (Math.abs(a.length - b.length) > limit) return 0;
  const d = osaDistance(a, b, limit);
  return d > limit ? 0 : 1 - d / max;
};

/** Chinese provinces and cities as name parts. */
const PLACES = new Set(CHINA_PLACES.map((p) => p.toLowerCase()).filter((p) => /^[a-z]+$/.test(p)));

/**
 * Initials of a Chinese given name written joined in pinyin: "xm" (X.M.) ~ "xiaoming", one initial per
 * syllable. Only for two or three letters without a vowel, which no Mandarin syllable is.
 */
const pinyinInitials = (short: string, long: string): boolean =>
  short.length >= 2 &&
  short.length <= 3 &&
  long.length > short.length + 2 &&
  !/[aeiouvy]/.test(short) &&
  short[0] === long[0] &&
  spellsSyllablesWithInitials(long, short);

/** Similarity of two name parts, 0..1. */
export function partSimilarity(a: NamePart, b: NamePart): number {
  if (a.form === b.form) return 1;
  if (a.legal || b.legal) return a.legal && b.legal && a.form === b.form ? 1 : 0;
  if (a.numeric || b.numeric) return 0;
  if (a.form.length === 1 || b.form.length === 1) {
    return a.form[0] === b.form[0] && !(a.form.length === 1 && b.form.length === 1) ? INITIAL_SIM : 0;
  }
  if (NICKNAMES.get(a.form)?.has(b.form) || NICKNAMES.get(b.form)?.has(a.form)) return 0.9;
  // two different places are two places, however alike they are spelled (Nanning / Nanjing)
  if (PLACES.has(a.form) && PLACES.has(b.form)) return 0;
  if (pinyinInitials(a.form, b.form) || pinyinInitials(b.form, a.form)) return INITIAL_SIM;
  let s = mayBeSimilar(a.formMask, b.formMask, a.form.length, b.form.length, MIN_PART_SIM)
    ? levRatio(a.form, b.form, MIN_PART_SIM)
    : 0;
  // the sound: for parts of four letters or fewer only with at most one letter changed, since a short
  // phonetic key is shared by different names (Chen / Sun / Jin, Lee / Lau)
  const shortApart = Math.min(a.form.length, b.form.length) <= 4 && osaDistance(a.form, b.form, 1) > 1;
  if (shortApart) {
    // spelling alone
  } else if (a.key === b.key) s = Math.max(s, 0.9);
  else if (
    a.key.length >= 3 &&
    b.key.length >= 3 &&
    mayBeSimilar(a.keyMask, b.keyMask, a.key.length, b.key.length, MIN_PART_SIM / 0.92)
  )
    s = Math.max(s, 0.92 * levRatio(a.key, b.key, MIN_PART_SIM / 0.92));
  // short parts: one edit in three letters is another name
  if (Math.min(a.form.length, b.form.length) <= 3 && s < 0.9) s *= 0.8;
  return s;
}

export interface PartAlignment {
  score: number;
  pairs: { a: string; b: string; sim: number }[];
  extraA: string[];
  extraB: string[];
}

/** Units of a name in a syllabic or logographic script, compared unit by unit (习近平 / 习近朋). */
function syllabicUnits(s: string): string[] | undefined {
  if (!SYLLABIC.test(s)) return undefined;
  const letters = [...t2s(s.normalize('NFKC'))].filter((c) => /\p{L}/u.test(c));
  if (!letters.length || !letters.every((c) => SYLLABIC.test(c))) return undefined;
  return letters;
}

/**
 * Below 1, part similarity is raised to this power before it counts: two different names a few letters
 * apart ("Sancho" / "Sanchez") should not count almost as much as the same name.
 */
export const SIM_POWER = 1.5;

interface Candidate {
  a: number[];
  b: number[];
  sim: number;
}

const joinedSim = (x: NamePart, x2: NamePart, y: NamePart): number => {
  const len = x.form.length + x2.form.length;
  if (len < 5 || y.form.length < 5 || Math.abs(len - y.form.length) > 0.15 * Math.max(len, y.form.length))
    return 0;
  return levRatio(x.form + x2.form, y.form, 0.85);
};

/** A particle that names a parent: bin (ibn, ben), bint, binti. */
const isLineage = (p: NamePart) =>
  p.particle && (p.form === 'bin' || p.form === 'bint' || p.form === 'binti');

/** Two initials written as one word for two adjacent parts ("JC" / "Jean-Claude"). */
const initialsSim = (x: NamePart, x2: NamePart, y: NamePart): number =>
  y.form.length === 2 &&
  !y.particle &&
  !y.numeric &&
  !x.particle &&
  !x2.particle &&
  x.form.length > 1 &&
  x2.form.length > 1 &&
  y.form === x.form[0]! + x2.form[0]!
    ? INITIAL_SIM
    : 0;

const pairSim = (x: NamePart, x2: NamePart, y: NamePart): number =>
  joinedSim(x, x2, y) || initialsSim(x, x2, y);

function joinCandidates(pa: NamePart[], pb: NamePart[], cand: Candidate[]): void {
  for (let i = 0; i + 1 < pa.length; i++)
    for (let j = 0; j < pb.length; j++) {
      const sim = pairSim(pa[i]!, pa[i + 1]!, pb[j]!);
      if (sim) cand.push({ a: [i, i + 1], b: [j], sim: sim + 0.001 });
    }
  for (let j = 0; j + 1 < pb.length; j++)
    for (let i = 0; i < pa.length; i++) {
      const sim = pairSim(pb[j]!, pb[j + 1]!, pa[i]!);
      if (sim) cand.push({ a: [i], b: [j, j + 1], sim: sim + 0.001 });
    }
}

/** Align the parts of two names and score them. */
export function alignParts(pa: NamePart[], pb: NamePart[]): PartAlignment {
  const cand: Candidate[] = [];
  for (let i = 0; i < pa.length; i++)
    for (let j = 0; j < pb.length; j++) {
      const sim = partSimilarity(pa[i]!, pb[j]!);
      if (sim >= MIN_PART_SIM) cand.push({ a: [i], b: [j], sim });
    }
  // a word split on one side and joined on the other ("Fridrich Buchenberg" / "FridrichBuchenberg")
  // (also between names with as many parts: "Nikolai Patr ushev" / "Nikolai Platonovich Patrushev")
  joinCandidates(pa, pb, cand);
  cand.sort((x, y) => y.sim - x.sim || y.a[0]! + y.b[0]! - (x.a[0]! + x.b[0]!));
  const ua = new Uint8Array(pa.length);
  const ub = new Uint8Array(pb.length);
  // for a part of pa aligned alone with a part of pb: that part's index and the pair's weight and credit
  const toB = new Int16Array(pa.length).fill(-1);
  const pairW = new Float64Array(pa.length);
  const pairCredit = new Float64Array(pa.length);
  const pairs: PartAlignment['pairs'] = [];
  let matched = 0;
  let denom = 0;
  let real = false;
  for (const c of cand) {
    if (ua[c.a[0]!] || ub[c.b[0]!] || (c.a.length > 1 && ua[c.a[1]!]) || (c.b.length > 1 && ub[c.b[1]!]))
      continue;
    const sim = Math.min(1, c.sim);
    if (c.a.length === 1 && c.b.length === 1) toB[c.a[0]!] = c.b[0]!;
    let w = 0;
    for (const i of c.a) {
      ua[i] = 1;
      w += pa[i]!.w;
      if (!pa[i]!.particle && !pa[i]!.legal) real = true;
    }
    for (const j of c.b) {
      ub[j] = 1;
      w += pb[j]!.w;
    }
    const credit = w * (sim >= 1 ? 1 : sim ** SIM_POWER);
    matched += credit;
    denom += w;
    pairW[c.a[0]!] = w;
    pairCredit[c.a[0]!] = credit;
    const formA = c.a.length === 1 ? pa[c.a[0]!]!.form : `${pa[c.a[0]!]!.form} ${pa[c.a[1]!]!.form}`;
    const formB = c.b.length === 1 ? pb[c.b[0]!]!.form : `${pb[c.b[0]!]!.form} ${pb[c.b[1]!]!.form}`;
    pairs.push({ a: formA, b: formB, sim });
  }
  // "X bin Y" (X son of Y) against "Y bin X": the same names in the other family roles, a different person
  for (let k = 1; k + 1 < pa.length; k++) {
    if (!isLineage(pa[k]!)) continue;
    const i = toB[k - 1]!;
    const j = toB[k + 1]!;
    if (i < 0 || j < 0 || i <= j || !pb.slice(j + 1, i).some(isLineage)) continue;
    for (const x of [k - 1, k + 1]) {
      matched -= pairCredit[x]!;
      denom += pairW[x]! * (CONFLICT_FACTOR - 1);
      pairCredit[x] = 0;
    }
  }
  const extraA = pa.filter((_, i) => !ua[i]);
  const extraB = pb.filter((_, j) => !ub[j]);
  const isReal = (x: NamePart[]) => x.some((p) => !p.particle && !p.legal);
  const factor = isReal(extraA) && isReal(extraB) ? CONFLICT_FACTOR : EXTRA_FACTOR;
  for (const p of [...extraA, ...extraB]) denom += p.w * (p.particle || p.legal ? EXTRA_FACTOR : factor);
  let score = denom > 0 ? matched / denom : 0;
  if (!real) score = Math.min(score, 0.3);
  const shown = (x: NamePart[]) => x.filter((p) => !p.legal && !p.particle).map((p) => p.form);
  return {
    score,
    pairs,
    extraA: shown(extraA),
    extraB: shown(extraB),
  };
}

/** Score two names of the given kind against each other, 0..1. */
export function namePartScore(a: string, b: string, kind: NameKind): PartAlignment {
  const sa = syllabicUnits(a);
  const sb = syllabicUnits(b);
  if (sa && sb) {
    // same syllabic script on both sides: each character is a syllable; a different one is a different name
    const ca = [...sa];
    let same = 0;
    for (const c of sb) {
      const k = ca.indexOf(c);
      if (k >= 0) {
        same++;
        ca.splice(k, 1);
      }
    }
    const score = (same / Math.max(sa.length, sb.length)) ** 2;
    return { score, pairs: [], extraA: [], extraB: [] };
  }
  return alignParts(nameParts(a, kind), nameParts(b, kind));
}
