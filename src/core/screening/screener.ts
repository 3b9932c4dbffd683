/**
 * The screener: an inverted index over every listed name and alias (and their variants), candidate
 * retrieval without a full scan, scoring with explanations, country filter and clearance list.
 */
import { splitTrailingAddress } from './address.js';
import { personReadings, wadeGilesReadings } from './person-names.js';
import { HttError } from '../errors.js';
import { classify, cleanText, clearStemCache, normalizeName, stemKey, type NameToken } from './normalize.js';
import {
  explain,
  hasInstitutionWord,
  scoreTokens,
  weigh,
  type ScoreResult,
  type WeightModel,
  type WeightedToken,
} from './scoring.js';
import { LEGAL_FORMS, STOPWORDS } from './glossary.js';
import {
  computeParts,
  alignParts,
  namePartScore,
  type NameKind,
  type NamePart,
  type PartAlignment,
} from './name-parts.js';
import { learnSynonyms, taughtVariants, type Learned } from './learned-synonyms.js';
import { typoIndexOf, typoPairs, type TypoIndex } from './typo-index.js';
import { lexiconReadings, type Lexicon } from './lexicon.js';
import type { ListedEntity, ScreenOptions, Screener, ScreeningHit, ScreeningQuery } from './types.js';

/**
 * The documented default threshold (docs/SCREENING.md): the lowest score at which a result is reported as
 * a hit. Chosen on the development evaluation (scripts/eval-screening.ts).
 */
export { DEFAULT_THRESHOLD } from './threshold.js';
import { DEFAULT_THRESHOLD } from './threshold.js';
export const DEFAULT_LIMIT = 20;
/** Queries longer than this are refused (SCREEN.INVALID_QUERY): no party name is 500 characters long. */
export const MAX_QUERY_LENGTH = 500;
/** Candidates fully scored per query, chosen by an upper bound on their score. */
const CANDIDATES = 30;
/** A posting list longer than this is not used for retrieval when rarer words are available. */
const MAX_POSTINGS = 2500;

export interface SnapshotMeta {
  snapshot: string;
  snapshotDate: string;
}

export interface PairScore {
  score: number;
  explanation: string;
}

/** The screener, plus what the evaluation and benchmark need. */
export interface IndexedScreener extends Screener {
  readonly entityCount: number;
  readonly nameCount: number;
  /**
   * Score two names against each other with the same normalisation, weights and combination as `screen`
   * uses for a listed entry of that kind (no index). `kind` "person" is how Individual entries are scored.
   */
  compare(a: string, b: string, kind?: NameKind): PairScore;
  /** Every listed name and alias, for benchmarks. */
  names(): string[];
  /** The listed entity with this id, if any. */
  entity(id: string): ListedEntity | undefined;
}

export interface NameRecord {
  entity: number;
  name: string;
  /** The name variant the tokens come from (the name itself, or without a parenthetical remark...). */
  text: string;
  tokens: WeightedToken[];
  /** Name parts for the part alignment, computed on first use and kept. */
  parts?: NamePart[];
  /** For a variant the lists taught (learned-synonyms.ts): what it rests on, for explanations. */
  note?: string;
}

/** The part-alignment kind of a listed entity: persons by their name parts, everything else as an organisation. */
export function entityKind(e: Pick<ListedEntity, 'type'>): NameKind {
  return e.type && /individual|person/i.test(e.type) ? 'person' : 'organization';
}

/**
 * The score of one name pair. A person's name is scored by the fuzzy part alignment (name-parts.ts): word
 * frequencies over a list of organisations say little about given names and surnames. An organisation's
 * name takes the weighted word overlap (scoring.ts) or the part alignment, whichever is higher. The word overlap knows the Chinese glossary, pinyin, places and
 * generic words; the part alignment tolerates transliteration, typos, initials and word order. A part
 * alignment never lifts a match made only of generic words above the generic cap. For organisations it
 * counts only when every word on both sides found its counterpart (legal forms aside): a part alignment
 * does not weigh generic words, so "Wanhua Chemical Group" must not pass for "Chemical Group".
 */
/**
 * Whether the part alignment is worth computing (the same test in screen() and compare()): always for a
 * person; for an organisation only when both names kept unmatched words (a typo, a transliteration, a
 * legal form written out) and not many, since the part alignment only counts when every word pairs up.
 */
/** Candidates per query that get a part alignment (the best by word overlap among those it can help). */
const PART_CANDIDATES = 3;
/** A person's name shares at least this much by the word overlap before the part alignment is tried. */
const PERSON_PART_FLOOR = 0.25;

/** A word naming a parent ("X bin Y" = X son of Y): word order matters in such a name. */
const LINEAGE_WORDS = new Set(['bin', 'ibn', 'ben', 'bint', 'binti']);
const hasLineage = (ts: WeightedToken[]) => ts.some((t) => LINEAGE_WORDS.has(t.norm));

/**
 * A one-word name of a person ("PATRICIA", "MARTIN", "DR. IBRAHIM": nicknames listed as aliases) identifies no one
 * alone; OFAC calls such aliases weak. It is matched only by a one-word query, never by a full name that
 * merely contains it ("Patricia Lucas Wheeler").
 */
export function weakPersonName(kind: NameKind, q: WeightedToken[], c: WeightedToken[]): boolean {
  if (kind !== 'person') return false;
  // titles (Dr., Mr.) are generic words and legal forms are no names: neither counts
  const words = (t: WeightedToken[]) =>
    t.reduce((n, x) => n + (x.cls === 'legal' || x.cls === 'generic' ? 0 : 1), 0);
  return words(c) === 1 && words(q) > 1;
}

function partCanHelp(kind: NameKind, word: ScoreResult, q: WeightedToken[], c: WeightedToken[]): boolean {
  if (word.capped) return false;
  // the same words in another order: for a person with bin/ibn, the order says whose son is whom
  if (word.score >= 1) return kind === 'person' && hasLineage(q) && hasLineage(c);
  if (kind === 'person') return word.score >= PERSON_PART_FLOOR;
  // unmatched words that are not legal forms, on each side (aligned pairs never share a token)
  let uq = 0;
  let uc = 0;
  for (const t of q) if (t.cls !== 'legal') uq++;
  for (const t of c) if (t.cls !== 'legal') uc++;
  for (const p of word.pairs) {
    for (const i of p.q) if (q[i]!.cls !== 'legal') uq--;
    for (const j of p.c) if (c[j]!.cls !== 'legal') uc--;
  }
  // every unmatched word must find a counterpart (one may be two words joined)
  return uq > 0 && uc > 0 && uq <= 4 && uc <= 4 && Math.abs(uq - uc) <= 1;
}

function combine(
  word: ReturnType<typeof scoreTokens>,
  part: PartAlignment | undefined,
  kind: NameKind,
): number {
  if (!part || word.capped) return word.score;
  if (kind === 'person') return part.score;
  if (part.extraA.length > 0 || part.extraB.length > 0) return word.score;
  return Math.max(word.score, part.score);
}

const stop = new Set(STOPWORDS);
const legalWords = new Set(Object.keys(LEGAL_FORMS));

/**
 * Variants of one listed name: the name itself, the name without its parenthetical remarks, and for an
 * acronym in parentheses the acronym alone (when it ends the name) or the acronym in place of the words it
 * abbreviates ("China Aerospace Science and Industry Corporation (CASIC) 3rd Academy" -> "CASIC 3rd Academy").
 */
export function nameVariants(name: string): string[] {
  const out = [name];
  if (!name.includes('(')) return out;
  const without = name
    .replace(/\([^()]*\)?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (without && without !== name) out.push(without);
  for (const m of name.matchAll(/\(([^()]*)\)/g)) {
    const inner = m[1]!.trim();
    const letters = inner.replace(/[^A-Za-z]/g, '');
    const upper = inner.replace(/[^A-Z]/g, '').length;
    if (!/^[A-Za-z][A-Za-z0-9&.-]{1,11}$/.test(inner) || upper < 2 || upper < letters.length - 2) continue;
    const before = name.slice(0, m.index);
    const after = name.slice(m.index! + m[0].length);
    const afterWords = after
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w && !legalWords.has(w));
    if (afterWords.length === 0) {
      out.push(inner);
      continue;
    }
    const words = before.split(/[\s,;]+/).filter(Boolean);
    const acr = letters.toLowerCase();
    let li = acr.length - 1;
    let wi = words.length - 1;
    while (wi >= 0 && li >= 0) {
      const w = words[wi]!.toLowerCase().replace(/[^a-z]/g, '');
      if (!w) {
        wi--;
        continue;
      }
      if (w[0] === acr[li]) {
        li--;
        wi--;
      } else if (stop.has(w) || legalWords.has(w)) wi--;
      else break;
    }
    if (li < 0) out.push(`${words.slice(0, wi + 1).join(' ')} ${inner} ${after}`.replace(/\s+/g, ' ').trim());
  }
  return [...new Set(out)];
}

const fuzzyKey = (k: string) => k.length >= 6 && /^[a-z]+$/.test(k);

export interface BuildOptions {
  /** Established English names of Chinese names (lexicon.ts); a name it knows is also read in English. */
  lexicon?: Lexicon;
}

/** One text a name is screened as, and what an explanation says about a hit found through it. */
interface Reading {
  text: string;
  note: string;
  /** The country of an address set aside from the query: supporting evidence in the explanation. */
  country?: string;
  /** A reading of the query as a Chinese person's name: it is screened against listed persons only. */
  person?: boolean;
  /** A reading of an acronym: it is screened against the entry whose name it abbreviates only. */
  entity?: number;
}

/** What an explanation says about a hit on a listed-name variant the lists taught. */
const taughtNote = (text: string, note: string) => `listed name read as "${text}" (${note}); `;

/** The texts one name is screened as: itself, then its readings through the lexicon. */
function readingsOf(text: string, lexicon: Lexicon | undefined): Reading[] {
  const of = (t: string, note: string): Reading[] => [
    { text: t, note },
    ...lexiconReadings(t, lexicon).map((r) => ({
      text: r.text,
      note: `${note}query read as "${r.text}" (${lexicon!.source}: ${r.used.map((u) => `${u.zh} = ${u.en}`).join('; ')}); `,
    })),
  ];
  const persons = [...personReadings(text), ...wadeGilesReadings(text)].map((r) => ({ ...r, person: true }));
  const split = splitTrailingAddress(text);
  if (!split) return [...of(text, ''), ...persons];
  const note = `address "${split.address}" set aside${split.country ? ` (country ${split.country})` : ''}; `;
  return [...of(text, ''), ...of(split.name, note).map((r) => ({ ...r, country: split.country }))];
}

/**
 * What the screener reads at query time: the listed entities, the name records (each listed name variant
 * with its weighted tokens), the postings and document frequencies of every key, the typo index, what the
 * lists taught and the lexicon. `buildScreeningIndex` builds it in memory; `decodeScreeningIndex`
 * (index-codec.ts) reads a stored one off its bytes, creating records and entities as a query needs them.
 * Both give the same answers: the query code below reads nothing else.
 */
export interface ScreeningIndex {
  readonly meta: SnapshotMeta;
  readonly entityCount: number;
  /** Listed names and aliases (each counted once per entity). */
  readonly nameCount: number;
  /** Names counted for the inverse document frequency. */
  readonly documents: number;
  readonly recordCount: number;
  entity(i: number): ListedEntity;
  /** The number of the entity with this id, or -1. */
  entityNumber(id: string): number;
  kind(entity: number): NameKind;
  /** The entity of each record, and the sum of each record's token weights. */
  readonly recordEntity: Int32Array;
  readonly recordWeight: Float64Array;
  record(r: number): NameRecord;
  /** The records a key (a word stem or a joined pair of words) occurs in, in increasing order. */
  postings(key: string): number | ArrayLike<number> | undefined;
  postingCount(key: string): number;
  /** Names a key occurs in. */
  df(key: string): number;
  readonly typos: TypoIndex;
  learned(): Learned;
  readonly lexicon: Lexicon | undefined;
  names(): string[];
}

/** The index as built in memory, with the structures the codec stores. */
export interface BuiltScreeningIndex extends ScreeningIndex {
  readonly built: {
    entities: readonly ListedEntity[];
    kinds: readonly NameKind[];
    records: readonly NameRecord[];
    postings: ReadonlyMap<string, number | number[] | Int32Array>;
    df: ReadonlyMap<string, number>;
    /** The typo index's words in its order, and its pairs. */
    vocab: readonly string[];
    typoPairs: Float64Array;
    learned: Learned;
    allNames: readonly string[];
  };
}

export function buildScreener(
  entities: ListedEntity[],
  meta: SnapshotMeta,
  options: BuildOptions = {},
): IndexedScreener {
  return screenerFromIndex(buildScreeningIndex(entities, meta, options));
}

/** Normalise every listed name once and index it (docs/SCREENING.md, "Index and scoring"). */
export function buildScreeningIndex(
  entities: ListedEntity[],
  meta: SnapshotMeta,
  options: BuildOptions = {},
): BuiltScreeningIndex {
  const { lexicon } = options;
  // 1. normalise every name variant once
  const raw: { entity: number; name: string; text: string; tokens: NameToken[]; note?: string }[] = [];
  const df = new Map<string, number>();
  let documents = 0;
  const allNames: string[] = [];
  const kinds = entities.map(entityKind);
  const teachers: { name: string; countries: string[]; names: NameToken[][] }[] = [];
  entities.forEach((e, ei) => {
    const seen = new Set<string>();
    const teacher =
      kinds[ei] === 'organization' && e.aliases.length > 0
        ? { name: e.name, countries: e.countries, names: [] as NameToken[][] }
        : undefined;
    if (teacher) teachers.push(teacher);
    for (const name of [e.name, ...e.aliases]) {
      const clean = cleanText(name);
      if (!clean || seen.has(clean)) continue;
      seen.add(clean);
      allNames.push(clean);
      documents++;
      const keys = new Set<string>();
      for (const v of nameVariants(clean).flatMap((n) => readingsOf(n, lexicon).map((x) => x.text))) {
        const tokens = normalizeName(v);
        if (!tokens.length) continue;
        raw.push({ entity: ei, name: clean, text: v, tokens });
        if (teacher && v === clean) teacher.names.push(tokens);
        for (const t of tokens) keys.add(t.key);
      }
      for (const k of keys) df.set(k, (df.get(k) ?? 0) + 1);
    }
  });
  const model: WeightModel = { documents, df: (k) => df.get(k) ?? 0 };
  // what the lists teach (learned-synonyms.ts) becomes more variants of the listed names it applies to
  const learned = learnSynonyms(teachers, model.df);
  teachers.length = 0;
  const untaught = raw.length;
  for (let r = 0; r < untaught; r++) {
    const rec = raw[r]!;
    const known = new Set(rec.tokens.map((t) => t.key));
    for (const { text, note } of taughtVariants(rec.tokens, learned)) {
      const tokens = normalizeName(text);
      raw.push({ entity: rec.entity, name: rec.name, text, tokens, note });
      for (const t of tokens) {
        if (known.has(t.key)) continue;
        known.add(t.key);
        df.set(t.key, (df.get(t.key) ?? 0) + 1);
      }
    }
  }
  // 2. weights, postings (words and joined neighbours) and the one-deletion neighbourhood for typos
  const records: NameRecord[] = new Array(raw.length);
  // a word found in one record keeps the record number itself: most words are (memory, docs/SCREENING.md)
  const postings = new Map<string, number | number[] | Int32Array>();
  const add = (key: string, r: number) => {
    const list = postings.get(key);
    if (list === undefined) postings.set(key, r);
    else if (typeof list === 'number') {
      if (list !== r) postings.set(key, [list, r]);
    } else if (list[list.length - 1] !== r) (list as number[]).push(r);
  };
  const vocab = new Set<string>();
  const recordWeight = new Float64Array(raw.length);
  raw.forEach((rec, r) => {
    const tokens = weigh(rec.tokens, model);
    records[r] = {
      entity: rec.entity,
      name: rec.name,
      text: rec.text,
      tokens,
      ...(rec.note ? { note: rec.note } : {}),
    };
    recordWeight[r] = tokens.reduce((sum, t) => sum + t.w, 0);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.cls !== 'legal') add(t.key, r);
      if (t.cls !== 'legal' && t.cls !== 'generic' && fuzzyKey(t.key)) vocab.add(t.key);
      // words that may be written joined elsewhere: short neighbours ("Zhen Rong", "Fiber Home", "Xi an")
      if (t.cls === 'legal' || t.norm.length > 8) continue;
      let joined = t.norm;
      for (let k = i + 1; k < Math.min(tokens.length, i + 3); k++) {
        const next = tokens[k]!;
        if (next.cls === 'legal' || next.norm.length > 8 || (k === i + 2 && joined.length > 8)) break;
        joined += next.norm;
        add(stemKey(joined), r);
      }
    }
  });
  raw.length = 0;
  clearStemCache();
  // long lists as Int32Array; short ones stay arrays, trimmed (a typed array costs ~200 bytes of its own)
  for (const [key, list] of postings) {
    if (Array.isArray(list)) postings.set(key, list.length >= 64 ? Int32Array.from(list) : list.slice());
  }
  const postingCount = (key: string): number => {
    const list = postings.get(key);
    return list === undefined ? 0 : typeof list === 'number' ? 1 : list.length;
  };
  const vocabWords = [...vocab];
  const typoPairsOf = typoPairs(vocabWords);
  const typos = typoIndexOf({
    word: (i) => vocabWords[i]!,
    has: (w) => vocab.has(w),
    pairs: typoPairsOf,
  });
  const recordEntity = Int32Array.from(records, (rec) => rec.entity);
  const byId = new Map<string, number>();
  entities.forEach((e, i) => byId.set(e.id, i)); // the last of a repeated id, as a Map of them would
  return {
    meta,
    entityCount: entities.length,
    nameCount: allNames.length,
    documents,
    recordCount: records.length,
    entity: (i) => entities[i]!,
    entityNumber: (id) => byId.get(id) ?? -1,
    kind: (i) => kinds[i]!,
    recordEntity,
    recordWeight,
    record: (r) => records[r]!,
    postings: (key) => postings.get(key),
    postingCount,
    df: model.df,
    typos,
    learned: () => learned,
    lexicon,
    names: () => allNames,
    built: {
      entities,
      kinds,
      records,
      postings,
      df,
      vocab: vocabWords,
      typoPairs: typoPairsOf,
      learned,
      allNames,
    },
  };
}

/** The screener over an index, built or stored. */
export function screenerFromIndex(ix: ScreeningIndex): IndexedScreener {
  const { lexicon, recordEntity, recordWeight, typos } = ix;
  const model: WeightModel = { documents: ix.documents, df: ix.df };
  const queryTokens = (text: string): WeightedToken[] => weigh(normalizeName(text), model);
  const ub = new Float64Array(ix.recordCount);
  const stamp = new Int32Array(ix.recordCount).fill(-1);
  let generation = 0;
  /** The one-typo neighbours of a word, once per distinct word (the same words recur across queries). */
  const neighbourCache = new Map<string, string[]>();
  const neighboursOf = (key: string): string[] => {
    let found = neighbourCache.get(key);
    if (found === undefined) {
      found = typos.neighbours(key);
      if (neighbourCache.size >= 20_000) neighbourCache.clear();
      neighbourCache.set(key, found);
    }
    return found;
  };
  /** records already counted for the current lookup, when a word has several keys (a stamp, not a Set) */
  const seen = new Int32Array(ix.recordCount).fill(-1);
  let seenGeneration = 0;

  /**
   * Candidates: records sharing a selective word with the query (a distinctive word, place or number, a
   * joined pair of words, or a one-typo neighbour); then every query word, generic ones included, adds its
   * weight to the candidates it occurs in, and the names of the best CANDIDATES parties by an approximate Dice
   * bound are scored (at most twice as many names).
   */
  function retrieve(q: WeightedToken[], accept: (entity: number) => boolean, floor: number): number[] {
    generation++;
    const touched: number[] = [];
    const lookups: { keys: string[]; w: number; selective: boolean; size: number }[] = [];
    let wq = 0;
    // initials ("X.", "X.M.") pair with a person's words only in the part alignment: they count as
    // possibly matched in a listed person's bound
    let initials = 0;
    const sizeOf = (keys: string[]) => {
      let n = 0;
      for (const k of keys) n += ix.postingCount(k);
      return n;
    };
    for (let i = 0; i < q.length; i++) {
      const t = q[i]!;
      wq += t.w;
      if (t.cls === 'distinct' && /^[a-z]$|^[^aeiouy\d]{2,3}$/.test(t.norm)) initials += t.w;
      if (t.cls !== 'legal') {
        const keys = t.alts ? [t.key, ...t.alts] : [t.key];
        if (fuzzyKey(t.key) && t.cls === 'distinct') keys.push(...neighboursOf(t.key));
        else if (t.cls === 'distinct' && /^[a-z]{5}$/.test(t.norm))
          // five letters: the words two neighbouring letters swapped would make (see swappedNeighbours)
          for (let k = 1; k < 4; k++)
            if (t.norm[k] !== t.norm[k + 1])
              keys.push(stemKey(t.norm.slice(0, k) + t.norm[k + 1]! + t.norm[k]! + t.norm.slice(k + 2)));
        lookups.push({ keys, w: t.w, selective: t.cls !== 'generic', size: sizeOf(keys) });
      }
      let joined = t.norm;
      for (let k = i + 1; k < Math.min(q.length, i + 3); k++) {
        joined += q[k]!.norm;
        const keys = [stemKey(joined)];
        lookups.push({ keys, w: t.w + q[k]!.w, selective: true, size: sizeOf(keys) });
      }
    }
    const anySmall = lookups.some((l) => l.selective && l.size > 0 && l.size <= MAX_POSTINGS);
    // phase 1: open candidates; phase 2: add the weight of the other words to open candidates only
    for (let phase = 1; phase <= 2; phase++) {
      for (const l of lookups) {
        const opens = l.selective && (!anySmall || l.size <= MAX_POSTINGS);
        if ((phase === 1) !== opens || l.size === 0) continue;
        if (phase === 2 && l.size > touched.length * 8) {
          // a long list of a common word: cheaper to look for the word in each open candidate
          for (const r of touched) {
            if (ix.record(r).tokens.some((t) => l.keys.includes(t.key))) ub[r] = ub[r]! + l.w;
          }
          continue;
        }
        // a record reached through two keys of one word (an alternative, a typo neighbour) counts once
        const dedupe = l.keys.length > 1;
        if (dedupe) seenGeneration++;
        for (const k of l.keys) {
          const list = ix.postings(k);
          if (list === undefined) continue;
          const single = typeof list === 'number';
          const n = single ? 1 : list.length;
          for (let x = 0; x < n; x++) {
            const r = single ? list : list[x]!;
            if (dedupe) {
              if (seen[r] === seenGeneration) continue;
              seen[r] = seenGeneration;
            }
            if (stamp[r] !== generation) {
              if (phase === 2) continue;
              stamp[r] = generation;
              ub[r] = 0;
              touched.push(r);
            }
            ub[r] = ub[r]! + l.w;
          }
        }
      }
    }
    const filtered: number[] = [];
    for (const r of touched) {
      if (initials && ix.kind(recordEntity[r]!) === 'person') ub[r] = ub[r]! + initials;
      ub[r] = (2 * Math.min(ub[r]!, wq)) / (wq + recordWeight[r]!);
      // the bound is approximate (alternatives, typos, joined words), hence the margin below the threshold
      if (ub[r]! < floor || !accept(recordEntity[r]!)) continue;
      filtered.push(r);
    }
    filtered.sort((a, b) => ub[b]! - ub[a]!);
    // the best CANDIDATES parties, not names: a party listed under many names (Huawei's affiliates, each
    // with aliases) must not crowd out the next party, or clearing the hits shown would reveal new ones
    const out: number[] = [];
    const parties = new Set<number>();
    for (const r of filtered) {
      const entity = recordEntity[r]!;
      if (!parties.has(entity)) {
        if (parties.size === CANDIDATES) break;
        parties.add(entity);
      }
      out.push(r);
      if (out.length === CANDIDATES * 2) break;
    }
    return out;
  }

  /**
   * Whether a listed entry is not an institution: an organisation none of whose names has an institution
   * word (a company, with or without a legal form: "Huawei Cuba" is a company as much as "Huawei
   * Technologies Co., Ltd."). Asked only for a query with an institution word: a university is not a
   * company's short alias, nor a company named after the same word (华威大学, University of Warwick, is not
   * "Huawei Cuba").
   */
  const companies = new Map<number, boolean>();
  function isCompany(ei: number): boolean {
    let known = companies.get(ei);
    if (known === undefined) {
      const e = ix.entity(ei);
      const names = [e.name, ...e.aliases].map((n) => normalizeName(n));
      known = ix.kind(ei) !== 'person' && !names.some((t) => hasInstitutionWord(t));
      companies.set(ei, known);
    }
    return known;
  }

  /**
   * Latin acronyms made from listed names' initials ("China Academy of Engineering Physics" -> CAEP,
   * "Harbin Engineering University" -> HEU), built on the first query written as one acronym. Guards: names
   * of three to six words (stop words and legal forms left out, which the initials also skip), letters
   * only; an acronym that the names of more than two entries make (one, for three letters) is dropped, as
   * is one that is a word of more than two listed names (CARE, SAFE): such a query finds that word instead.
   */
  let acronyms: Map<string, { entity: number; name: string }[] | null> | undefined;
  function acronymTable(): Map<string, { entity: number; name: string }[] | null> {
    if (acronyms) return acronyms;
    const table = new Map<string, { entity: number; name: string }[] | null>();
    for (let ei = 0; ei < ix.entityCount; ei++) {
      const e = ix.entity(ei);
      if (e.type === 'Individual' || e.type === 'Vessel' || e.type === 'Aircraft') continue;
      for (const name of [e.name, ...e.aliases]) {
        const words = name
          .replace(/\([^)]*\)/g, ' ')
          .split(/[^A-Za-z0-9]+/)
          .filter((w) => w && !STOPWORDS.includes(w.toLowerCase()) && !LEGAL_FORMS[w.toLowerCase()]);
        if (words.length < 3 || words.length > 6 || words.some((w) => !/^[A-Za-z]/.test(w))) continue;
        const acronym = words.map((w) => w[0]!.toLowerCase()).join('');
        const list = table.get(acronym);
        if (list === null) continue;
        if (!list) table.set(acronym, [{ entity: ei, name }]);
        else if (!list.some((x) => x.entity === ei)) {
          if (list.length >= (acronym.length === 3 ? 1 : 2)) table.set(acronym, null);
          else list.push({ entity: ei, name });
        }
      }
    }
    return (acronyms = table);
  }

  /** Readings of a query written as one acronym in capitals ("CAEP"): the listed names it abbreviates. */
  function acronymReadings(text: string): Reading[] {
    if (!/^[A-Z]{3,6}$/.test(text)) return [];
    const key = text.toLowerCase();
    // an acronym that is a common word of the lists (CARE, SAFE) is read as that word only
    if (ix.postingCount(stemKey(key)) > 2) return [];
    const found = acronymTable().get(key);
    if (!found) return [];
    return found.map((x) => ({
      text: x.name,
      note: `query read as the initials of "${x.name}"; `,
      entity: x.entity,
    }));
  }

  interface Best {
    score: number;
    r: number;
    q: WeightedToken[];
    result: ScoreResult;
    part?: PartAlignment;
    note: string;
    country?: string;
  }

  /** Score one reading of a query against its candidates, keeping each entity's best in `best`. */
  function screenTokens(
    text: string,
    q: WeightedToken[],
    note: string,
    accept: (entity: number) => boolean,
    threshold: number,
    best: Map<number, Best>,
    country?: string,
  ): void {
    const queryParts: Partial<Record<NameKind, NamePart[]>> = {};
    const institution = hasInstitutionWord(q);
    const scored = retrieve(q, accept, threshold * 0.6)
      .filter((r) => !weakPersonName(ix.kind(recordEntity[r]!), q, ix.record(r).tokens))
      .map((r) => {
        const rec = ix.record(r);
        const result = scoreTokens(q, rec.tokens, institution && isCompany(rec.entity));
        const kind = ix.kind(rec.entity);
        return { r, rec, result, kind, part: undefined as PartAlignment | undefined };
      });
    // the part alignment, for the best few candidates by word overlap where it can change the score
    const forParts = scored
      .filter((x) => partCanHelp(x.kind, x.result, q, x.rec.tokens))
      .sort((a, b) => b.result.score - a.result.score)
      .slice(0, PART_CANDIDATES);
    for (const x of forParts) {
      const qp = (queryParts[x.kind] ??= computeParts(text, x.kind));
      x.part = alignParts(qp, (x.rec.parts ??= computeParts(x.rec.text, x.kind)));
    }
    for (const { r, rec, result, kind, part } of scored) {
      const score = combine(result, part, kind);
      if (score < threshold) continue;
      const prev = best.get(rec.entity);
      if (!prev || score > prev.score)
        best.set(rec.entity, {
          score,
          r,
          q,
          result,
          note,
          ...(country ? { country } : {}),
          ...(part && score > result.score ? { part } : {}),
        });
    }
  }

  function screen(query: ScreeningQuery, options: ScreenOptions = {}): ScreeningHit[] {
    if (typeof query?.name !== 'string') {
      throw new HttError({
        code: 'SCREEN.INVALID_QUERY',
        message: 'the query needs a name (a string)',
        field: 'name',
      });
    }
    const text = cleanText(query.name);
    if (!text)
      throw new HttError({ code: 'SCREEN.INVALID_QUERY', message: 'the name is empty', field: 'name' });
    if (text.length > MAX_QUERY_LENGTH) {
      throw new HttError({
        code: 'SCREEN.INVALID_QUERY',
        message: `the name is ${text.length} characters long; names longer than ${MAX_QUERY_LENGTH} are refused`,
        field: 'name',
      });
    }
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const limit = options.limit ?? DEFAULT_LIMIT;
    const cleared = new Set(options.cleared ?? []);
    const country = query.country?.trim().toUpperCase();
    const filtered = cleared.size > 0 || !!country;
    const accept = (ei: number) => {
      if (!filtered) return true;
      const e = ix.entity(ei);
      if (cleared.has(e.id)) return false;
      if (country && e.countries.length > 0 && !e.countries.includes(country)) return false;
      return true;
    };
    const best = new Map<number, Best>();
    const screened = new Set<string>();
    for (const reading of [...readingsOf(text, lexicon), ...acronymReadings(text)]) {
      const q = queryTokens(reading.text);
      // a reading that comes out as the same words as one already screened adds nothing
      const words = q.map((t) => t.key).join(' ');
      if (!q.length || screened.has(words)) continue;
      screened.add(words);
      const only = reading.entity;
      const acceptReading = reading.person
        ? (ei: number) => ix.kind(ei) === 'person' && accept(ei)
        : only !== undefined
          ? (ei: number) => ei === only && accept(ei)
          : accept;
      screenTokens(reading.text, q, reading.note, acceptReading, threshold, best, reading.country);
    }
    return [...best.entries()]
      .sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
      .slice(0, limit)
      .map(([ei, b]) => {
        const e = ix.entity(ei);
        const rec = ix.record(b.r);
        // a name from outside the list (a decoded CCC name, open data, an import) says where it comes from
        const origin = e.nameSources?.find((n) => cleanText(n.name) === rec.name)?.source;
        const hit: ScreeningHit = {
          id: e.id,
          list: e.list,
          source: e.source,
          name: e.name,
          matchedName: rec.name,
          score: Math.round(b.score * 1000) / 1000,
          explanation:
            (origin ? `the name "${rec.name}" is not the list's own: ${origin}; ` : '') +
            b.note +
            (b.country
              ? e.countries.includes(b.country)
                ? `the address's country ${b.country} agrees with the entry; `
                : e.countries.length
                  ? `the address's country ${b.country} is not the entry's (${e.countries.join(', ')}); `
                  : ''
              : '') +
            (rec.note ? taughtNote(rec.text, rec.note) : '') +
            (b.part ? explainParts(b.part, rec.name, b.score) : explain(b.q, rec.tokens, b.result, rec.name)),
          countries: e.countries,
        };
        if (origin) hit.nameSource = origin;
        if (e.licenseRequirement) hit.licenseRequirement = e.licenseRequirement;
        if (e.licensePolicy) hit.licensePolicy = e.licensePolicy;
        if (e.federalRegister) hit.federalRegister = e.federalRegister;
        return hit;
      });
  }

  function compare(a: string, b: string, kind: NameKind = 'organization'): PairScore {
    let bestScore = -1;
    let explanation = '';
    // the listed side as the index holds it: its variants, and those the lists taught
    const variants = nameVariants(cleanText(b)).flatMap((v) => {
      const tokens = normalizeName(v);
      return [
        { text: v, tb: weigh(tokens, model), taught: '' },
        ...taughtVariants(tokens, ix.learned()).map((x) => ({
          text: x.text,
          tb: weigh(normalizeName(x.text), model),
          taught: taughtNote(x.text, x.note),
        })),
      ];
    });
    for (const { text: ta, note, person } of readingsOf(cleanText(a), lexicon)) {
      if (person && kind !== 'person') continue;
      const qa = queryTokens(ta);
      for (const { text: v, tb, taught } of variants) {
        if (weakPersonName(kind, qa, tb)) continue;
        const r = scoreTokens(qa, tb);
        const part = partCanHelp(kind, r, qa, tb) ? namePartScore(ta, v, kind) : undefined;
        const score = combine(r, part, kind);
        if (score > bestScore) {
          bestScore = score;
          explanation =
            note +
            taught +
            (part && part.score > r.score ? explainParts(part, b, score) : explain(qa, tb, r, b));
        }
      }
    }
    return { score: Math.max(0, bestScore), explanation };
  }

  return {
    snapshot: ix.meta.snapshot,
    snapshotDate: ix.meta.snapshotDate,
    entityCount: ix.entityCount,
    nameCount: ix.nameCount,
    screen,
    compare,
    names: () => ix.names(),
    entity: (id) => {
      const i = ix.entityNumber(id);
      return i < 0 ? undefined : ix.entity(i);
    },
  };
}

/** Explanation of a score that came from the part alignment. */
function explainParts(p: PartAlignment, matchedName: string, score: number): string {
  const pairs = p.pairs.map((x) => `"${x.a}"~"${x.b}" ${x.sim.toFixed(2)}`).join('; ');
  let s = `matched listed name "${matchedName}" by name parts: ${pairs || 'none'}`;
  if (p.extraA.length) s += `; not in listed name: ${p.extraA.join(', ')}`;
  if (p.extraB.length) s += `; not in query: ${p.extraB.join(', ')}`;
  return `${s}. Score ${score.toFixed(2)} = length-weighted similarity of the aligned parts.`;
}

export { classify };
