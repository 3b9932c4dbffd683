/**
 * Scoring one query against one listed name: tokens are aligned (exact or alternative key, then words
 * written joined on one side and split on the other, then one-typo fuzzy), each token weighs its inverse
 * document frequency over all listed names capped by its class, and the score is the weighted Dice overlap
 *
 *     score = (matched query weight + matched listed weight) / (all query weight + all listed weight)
 *
 * A match made only of generic words, places and legal forms ("Beijing ... Technology Co., Ltd.") is capped
 * at GENERIC_ONLY_CAP unless the two names are identical word for word.
 */
import { osaDistance } from './string-distance.js';
import type { NameToken, TokenClass } from './normalize.js';
import { stemKey as stemKeyOf } from './normalize.js';

export interface WeightedToken extends NameToken {
  w: number;
}

/** Weight caps by class: a place or a generic word can never weigh as much as a distinctive word. */
export const CLASS_CAP: Record<TokenClass, number> = {
  distinct: 6,
  sector: 6,
  number: 4,
  place: 2.5,
  generic: 1.5,
  legal: 0.1,
};
export const GENERIC_ONLY_CAP = 0.5;
/** Similarity of two distinctive words that share only their stem. */
export const STEM_ONLY = 0.92;
/**
 * Weight factor of listed-name words the query lacks: a query is often a shortened form of the listed name
 * ("Chengdu Aircraft Industrial" for "AVIC Chengdu Aircraft Industrial"), while words the query adds that the
 * listed name lacks more often name a different party.
 */
export const LISTED_UNMATCHED = 0.6;
/**
 * Weight cap of a line-of-business word of the listed name that the query lacks: "Hytera" is the party
 * "Hytera Communications Limited"; a query's own unmatched sector word ("Dalian Institute of Chemical
 * Physics" against "Institute of Physics") keeps its full weight.
 */
export const LISTED_SECTOR_CAP = 3;
/** Weight factor of a place name that has no counterpart on the other side. */
export const UNMATCHED_PLACE = 0.5;

export interface WeightModel {
  documents: number;
  df(key: string): number;
}

export function tokenWeight(t: NameToken, model: WeightModel): number {
  if (t.cls === 'legal') return CLASS_CAP.legal;
  const idf = Math.log((model.documents + 1) / (model.df(t.key) + 0.5));
  let cap = CLASS_CAP[t.cls];
  if (t.cls === 'number' && t.key.length === 1) cap = 2;
  return Math.max(0.05, Math.min(idf, cap));
}

/** Attach weights to freshly normalised tokens (in place, to spare memory over ~70,000 names). */
export function weigh(tokens: NameToken[], model: WeightModel): WeightedToken[] {
  for (const t of tokens) (t as WeightedToken).w = tokenWeight(t, model);
  return tokens as WeightedToken[];
}

export interface AlignedPair {
  q: number[];
  c: number[];
  sim: number;
  how: 'exact' | 'stem' | 'joined' | 'typo' | 'acronym';
  /** Matched through a glossary alternative of a word that is not distinctive: never strong evidence. */
  weak?: boolean;
}

export interface ScoreResult {
  score: number;
  pairs: AlignedPair[];
  strong: boolean;
  capped: boolean;
  /** Why the score is capped: only generic words matched, or lines of business that do not name the party. */
  cappedWhy?: 'generic' | 'business' | 'number';
  wq: number;
  wc: number;
}

const isStrong = (t: WeightedToken) =>
  t.cls === 'distinct' || t.cls === 'sector' || (t.cls === 'number' && t.key.length >= 2);
const fuzzyEligible = (k: string) => k.length >= 6 && !/\d/.test(k);

/**
 * Two five-letter words the same but for two neighbouring letters swapped after the first ("Dahau" /
 * "Dahua", "Suogn" / "Sugon"): the commonest slip of the fingers, forgiven in a word too short for any other
 * typo.
 */
export function swappedNeighbours(a: string, b: string): boolean {
  if (a.length !== 5 || b.length !== 5 || a[0] !== b[0] || /[^a-z]/.test(a) || /[^a-z]/.test(b)) return false;
  let i = 1;
  while (i < 5 && a[i] === b[i]) i++;
  return (
    i < 4 && a[i] === b[i + 1] && a[i + 1] === b[i] && a[i] !== a[i + 1] && a.slice(i + 2) === b.slice(i + 2)
  );
}

/** Similarity of two different words with a typo between them: one edit in 6+ letters, two in 10+. */
function typoSim(a: string, b: string): number {
  if (swappedNeighbours(a, b)) return 0.8;
  if (!fuzzyEligible(a) || !fuzzyEligible(b)) return 0;
  const len = Math.min(a.length, b.length);
  if (a[0] !== b[0] && len < 9) return 0;
  const d = osaDistance(a, b, 2);
  if (d === 1) return len >= 9 ? 0.9 : len >= 7 ? 0.85 : 0.8;
  if (d === 2 && len >= 10) return 0.75;
  return 0;
}

/** Words that name an institution rather than a company. */
const INSTITUTION = new Set(
  ['university', 'college', 'academy', 'institute', 'school', 'hospital'].map((w) => stemKeyOf(w)),
);

/** Whether `a` has an unmatched institution word while `b` names a company (a legal form, no institution word). */
function kindConflict(a: WeightedToken[], aUsed: Uint8Array, b: WeightedToken[], bCompany = false): boolean {
  if (!a.some((t, i) => !aUsed[i] && INSTITUTION.has(t.key))) return false;
  return (bCompany || b.some((t) => t.cls === 'legal')) && !b.some((t) => INSTITUTION.has(t.key));
}

/** Whether a name holds a word naming an institution (university, college, academy, institute…). */
export const hasInstitutionWord = (t: readonly { key: string }[]): boolean =>
  t.some((x) => INSTITUTION.has(x.key));

/** Align query tokens with listed-name tokens and compute the weighted Dice score. */
/**
 * `listedCompany`: the listed entry is a company (a legal form in one of its names and no institution word
 * in any), so that a short alias without a legal form ("Shanghai Fudan") is no university either.
 */
export function scoreTokens(q: WeightedToken[], c: WeightedToken[], listedCompany = false): ScoreResult {
  const qUsed = new Uint8Array(q.length);
  const cUsed = new Uint8Array(c.length);
  const pairs: AlignedPair[] = [];
  // 1. exact keys, then a glossary alternative
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < q.length; i++) {
      const qt = q[i]!;
      if (qUsed[i] || (round === 1 && qt.alts === undefined)) continue;
      for (let j = 0; j < c.length; j++) {
        if (cUsed[j]) continue;
        const ck = c[j]!.key;
        if (round === 0 ? qt.key === ck : qt.alts!.includes(ck)) {
          qUsed[i] = 1;
          cUsed[j] = 1;
          // same stem but a different distinctive word ("Ocean" / "Oceanic") is not quite the same word
          const sim = round === 0 && qt.cls === 'distinct' && qt.word !== c[j]!.word ? STEM_ONLY : 1;
          const pair: AlignedPair = { q: [i], c: [j], sim, how: sim === 1 ? 'exact' : 'stem' };
          // a generic Chinese word met through one of its other renderings (航空 = aero) says no more
          // than the generic word: it is no strong evidence, however rare the rendering is among names
          if (round === 1 && qt.cls !== 'distinct') pair.weak = true;
          pairs.push(pair);
          break;
        }
      }
    }
  }
  // 2. a word written joined on one side and split on the other ("FiberHome" / "Fiber Home")
  joinPass(q, c, qUsed, cUsed, pairs, false);
  joinPass(c, q, cUsed, qUsed, pairs, true);
  // 3. an acronym on one side spelled out on the other ("CASIC" / "China Aerospace Science and Industry
  // Corporation"), the words it abbreviates in order; some of them may already have matched ("China")
  acronymPass(q, c, qUsed, cUsed, pairs, false);
  acronymPass(c, q, cUsed, qUsed, pairs, true);
  // 4. one typo in a longer word
  let fuzzy: AlignedPair[] = [];
  for (let i = 0; i < q.length; i++) {
    if (qUsed[i]) continue;
    if (q[i]!.cls === 'place' || q[i]!.cls === 'legal') continue;
    for (let j = 0; j < c.length; j++) {
      if (cUsed[j] || c[j]!.cls === 'place' || c[j]!.cls === 'legal') continue;
      const sim = typoSim(q[i]!.norm, c[j]!.norm);
      if (sim) fuzzy.push({ q: [i], c: [j], sim, how: 'typo' });
    }
  }
  if (fuzzy.length) {
    fuzzy = fuzzy.sort((a, b) => b.sim - a.sim);
    for (const p of fuzzy) {
      if (qUsed[p.q[0]!] || cUsed[p.c[0]!]) continue;
      qUsed[p.q[0]!] = 1;
      cUsed[p.c[0]!] = 1;
      pairs.push(p);
    }
  }
  // an unmatched place name ("Zhejiang" before a listed company name) is weak evidence against a match
  // unless the other side names a different place (then the two places conflict and count in full)
  const qPlace = q.some((t, i) => !qUsed[i] && t.cls === 'place');
  const cPlace = c.some((t, j) => !cUsed[j] && t.cls === 'place');
  const placeConflict = qPlace && cPlace;
  const placeFactor = placeConflict ? 1 : UNMATCHED_PLACE;
  // a university is not a company: an unmatched institution word against a name with a company legal form
  // and no institution word weighs as a distinctive word ("Ocean University of China" / "Ocean Inc.")
  const qKind = kindConflict(q, qUsed, c, listedCompany);
  const cKind = kindConflict(c, cUsed, q);
  let wq = 0;
  let wc = 0;
  for (let i = 0; i < q.length; i++) {
    if (qKind && !qUsed[i] && INSTITUTION.has(q[i]!.key)) wq += CLASS_CAP.distinct;
    else if (!qUsed[i] && renderedWithMatch(q, qUsed, i)) wq += q[i]!.w * LISTED_UNMATCHED;
    else wq += q[i]!.w * (!qUsed[i] && q[i]!.cls === 'place' ? placeFactor : 1);
  }
  for (let j = 0; j < c.length; j++) {
    if (cUsed[j]) wc += c[j]!.w;
    else if (cKind && INSTITUTION.has(c[j]!.key)) wc += CLASS_CAP.distinct * LISTED_UNMATCHED;
    else if (c[j]!.cls === 'sector') wc += Math.min(c[j]!.w, LISTED_SECTOR_CAP) * LISTED_UNMATCHED;
    else wc += c[j]!.w * LISTED_UNMATCHED * (c[j]!.cls === 'place' ? placeFactor : 1);
  }
  let mq = 0;
  let mc = 0;
  let strong = false;
  // a number is strong only beside another matched word that is not a legal form: "Company 13 Ltd" shares
  // nothing with "MS-13" but the number, while "701st Research Institute" shares its institution words
  let number = false;
  let beside = false;
  // whether a distinctive word matched (else only lines of business, sector words, made the match strong)
  let distinct = false;
  for (const p of pairs) {
    for (const i of p.q) {
      mq += q[i]!.w * p.sim;
      const t = q[i]!;
      if (t.cls === 'number') number ||= isStrong(t);
      else if (isStrong(t) && !p.weak) {
        strong = true;
        distinct ||= t.cls === 'distinct';
      }
      if (t.cls !== 'number' && t.cls !== 'legal') beside = true;
    }
    for (const j of p.c) {
      mc += c[j]!.w * p.sim;
      const t = c[j]!;
      if (t.cls === 'number') number ||= isStrong(t);
      else if (isStrong(t) && !p.weak) {
        strong = true;
        distinct ||= t.cls === 'distinct';
      }
    }
  }
  if (number && beside) strong = true;
  const linesOfBusiness =
    strong && !distinct && !(number && beside) && (placeConflict || businessOnly(q, qUsed, c, cUsed));
  // two different numbers and none shared: another unit of the same parent (CETC's 12th institute is not its
  // 7th, CSSC's 701st not its 702nd), however much of the parent's name the two share
  const numbers =
    !number &&
    q.some((t, i) => !qUsed[i] && t.cls === 'number') &&
    c.some((t, j) => !cUsed[j] && t.cls === 'number');
  if (linesOfBusiness || numbers) strong = false;
  const total = wq + wc;
  let score = total > 0 ? (mq + mc) / total : 0;
  let capped = false;
  if (!strong && !(mq >= 0.98 * wq && mc >= 0.98 * wc) && score > GENERIC_ONLY_CAP) {
    score = GENERIC_ONLY_CAP;
    capped = true;
  }
  return {
    score: Math.min(1, score),
    pairs,
    strong,
    capped,
    ...(capped
      ? {
          cappedWhy: numbers
            ? ('number' as const)
            : linesOfBusiness
              ? ('business' as const)
              : ('generic' as const),
        }
      : {}),
    wq,
    wc,
  };
}

/**
 * An acronym is not quite its words (the initials may be chance): it counts like a shared stem, so a listed
 * acronym met exactly ("DJI") outranks the same party's spelled-out name met through it ("Da-Jiang Innovations").
 */
const ACRONYM_SIM = STEM_ONLY;

/**
 * One alignment pass from side `a` to side `b` (query and listed name, or the other way round when `swapped`):
 * it marks what it aligns as used and adds the pairs, each written query side first.
 */
type AlignmentPass = (
  a: WeightedToken[],
  b: WeightedToken[],
  aUsed: Uint8Array,
  bUsed: Uint8Array,
  pairs: AlignedPair[],
  swapped: boolean,
) => void;

/** An unmatched word of three to six letters of `a` that gives the initials of consecutive words of `b`. */
const acronymPass: AlignmentPass = (a, b, aUsed, bUsed, pairs, swapped) => {
  for (let i = 0; i < a.length; i++) {
    const acronym = a[i]!.norm;
    if (aUsed[i] || a[i]!.cls !== 'distinct' || !/^[a-z]{3,6}$/.test(acronym)) continue;
    for (let j = 0; j + acronym.length <= b.length; j++) {
      const run = b.slice(j, j + acronym.length);
      if (!run.every((t, k) => t.norm[0] === acronym[k] && t.cls !== 'number')) continue;
      const open = run.map((_, k) => j + k).filter((x) => !bUsed[x]);
      // most of the spelled-out words must still be unmatched, and they must say more than legal forms
      if (open.length < 2 || open.every((x) => b[x]!.cls === 'legal')) continue;
      aUsed[i] = 1;
      for (const x of open) bUsed[x] = 1;
      pairs.push(
        swapped
          ? { q: open, c: [i], sim: ACRONYM_SIM, how: 'acronym' }
          : { q: [i], c: open, sim: ACRONYM_SIM, how: 'acronym' },
      );
      break;
    }
  }
};

/**
 * Whether a match made of lines of business (sector words), places and generic words, with no distinctive word,
 * says nothing about which party it is. The caller has already taken the names in different places as such
 * ("Chongqing University of Posts and Telecommunications" is not the Beijing one; the Wuxi supercomputing
 * centre is not the Changsha one). Here:
 * - the listed party is no institution and its name has no distinctive word, while the query has words of its
 *   own (Air China, "China International Aviation", against a listed "Aviation International"; "China Chemical
 *   Engineering Group" against "Chemical Group");
 * An institution's descriptive name is its name ("Beijing Institute of Technology"); a query that is all
 * matched still names the party ("Chengdu Aircraft Industry Group" for "AVIC Chengdu Aircraft Industrial
 * Group": a listed name often begins with its parent's acronym), and a name typed whole still matches (the
 * caller exempts identical names).
 */
function businessOnly(q: WeightedToken[], qUsed: Uint8Array, c: WeightedToken[], cUsed: Uint8Array): boolean {
  if (hasInstitutionWord(c)) return false;
  const queryOwn = q.some((t, i) => !qUsed[i] && t.cls !== 'legal' && !renderedWithMatch(q, qUsed, i));
  if (queryOwn && !c.some((t) => t.cls === 'distinct')) return true;
  // a query that is only a place and one line of business ("China Aviation Co Ltd": China Airlines, 中華航空)
  // names the listed party only if no generic or sector word of the listed name is left over, bar its form:
  // not "Aviation Industry Corporation of China", whose "industry" it lacks; 中国北方工业 still names "China
  // North Industries Group" (a form word left over), "Chengdu Aircraft Industry Group" still names "AVIC
  // Chengdu Aircraft Industrial Group" (a distinctive word left over: the parent's acronym)
  const sectors = q.filter((t) => t.cls === 'sector').length;
  if (sectors <= 1 && !q.some((t) => t.cls === 'distinct'))
    return c.some(
      (t, j) => !cUsed[j] && (t.cls === 'generic' || t.cls === 'sector') && !ORGANISATION_FORMS.has(t.key),
    );
  return false;
}
/** Words that say what form an organisation takes, not what it does. */
const ORGANISATION_FORMS = new Set(
  ['group', 'holding', 'holdings', 'company', 'corporation', 'enterprise', 'enterprises'].map((w) =>
    stemKeyOf(w),
  ),
);

/**
 * Whether unmatched query token `i` is one of several English words rendering one Chinese word, another of
 * which matched: 研究所 is "research institute" or just "Institute" in a listed name, so the word left over
 * weighs like a word the query lacks, not like a word that contradicts.
 */
function renderedWithMatch(q: WeightedToken[], qUsed: Uint8Array, i: number): boolean {
  const source = q[i]!.source;
  if (!HAN_SOURCE.test(source)) return false;
  for (const k of [i - 1, i + 1]) if (q[k]?.source === source && qUsed[k]) return true;
  return false;
}
const HAN_SOURCE = /\p{Script=Han}/u;

/** One token of b equal to 2 or 3 adjacent unused tokens of a, joined. */
const joinPass: AlignmentPass = (a, b, aUsed, bUsed, pairs, swapped) => {
  for (let j = 0; j < b.length; j++) {
    if (bUsed[j]) continue;
    const target = b[j]!;
    if (target.norm.length < 4) continue;
    // a Chinese word's English reading may be two words joined (长城 = greatwall = "Great Wall")
    const longest = Math.max(target.norm.length, ...(target.alts ?? []).map((k) => k.length + 2));
    for (let i = 0; i < a.length; i++) {
      if (aUsed[i]) continue;
      let joined = a[i]!.norm;
      for (let k = i + 1; k < Math.min(a.length, i + 3); k++) {
        if (aUsed[k]) break;
        joined += a[k]!.norm;
        if (joined.length > longest + 1) break;
        const key = stemKeyOf(joined);
        const byAlternative = joined !== target.norm && key !== target.key;
        if (!byAlternative || target.alts?.includes(key)) {
          const run = Array.from({ length: k - i + 1 }, (_, x) => i + x);
          for (const x of run) aUsed[x] = 1;
          bUsed[j] = 1;
          const pair: AlignedPair = swapped
            ? { q: [j], c: run, sim: 1, how: 'joined' }
            : { q: run, c: [j], sim: 1, how: 'joined' };
          // as in the first pass, a generic word met through another rendering (医药 = "yi yao") is weak
          if (byAlternative && target.cls !== 'distinct') pair.weak = true;
          pairs.push(pair);
          i = a.length;
          break;
        }
      }
    }
  }
};

const fmt = (x: number) => x.toFixed(2);

/** How a pair aligned, as the explanation says it after the pair's class. */
const HOW: Record<AlignedPair['how'], string> = {
  exact: '',
  stem: ', same stem',
  joined: ', joined/split',
  typo: ', typo',
  acronym: ', acronym',
};
/** Why a score is capped, as the explanation says it. */
const CAPPED_BECAUSE: Record<NonNullable<ScoreResult['cappedWhy']>, string> = {
  generic: `only generic words, places or legal forms matched, so the score is capped at ${GENERIC_ONLY_CAP}`,
  business: `only lines of business matched, no word that names the party, so the score is capped at ${GENERIC_ONLY_CAP}`,
  number: `the names carry different numbers, so they name different units and the score is capped at ${GENERIC_ONLY_CAP}`,
};

/** A sentence a compliance officer can read: which words matched, what each contributed, what did not. */
export function explain(q: WeightedToken[], c: WeightedToken[], r: ScoreResult, matchedName: string): string {
  const total = r.wq + r.wc || 1;
  const parts = r.pairs
    .map((p) => {
      const contribution =
        (p.q.reduce((s, i) => s + q[i]!.w, 0) + p.c.reduce((s, j) => s + c[j]!.w, 0)) * p.sim;
      const qs = p.q.map((i) => q[i]!.source).join(' ');
      const cs = p.c.map((j) => c[j]!.source).join(' ');
      const cls = [...p.q.map((i) => q[i]!.cls), ...p.c.map((j) => c[j]!.cls)].includes('distinct')
        ? 'distinctive'
        : (p.c.map((j) => c[j]!.cls)[0] ?? 'generic');
      const how = HOW[p.how];
      return {
        contribution: contribution / total,
        text: `"${qs}"="${cs}" +${fmt(contribution / total)} (${cls}${how})`,
      };
    })
    .sort((a, b) => b.contribution - a.contribution)
    .map((x) => x.text);
  const usedQ = new Set(r.pairs.flatMap((p) => p.q));
  const usedC = new Set(r.pairs.flatMap((p) => p.c));
  const missQ = q.filter((_, i) => !usedQ.has(i) && q[i]!.cls !== 'legal').map((t) => t.source);
  const missC = c.filter((_, j) => !usedC.has(j) && c[j]!.cls !== 'legal').map((t) => t.source);
  let s = `matched listed name "${matchedName}": ${parts.join('; ') || 'no words'}`;
  if (missQ.length) s += `; not in listed name: ${missQ.join(', ')}`;
  if (missC.length) s += `; not in query: ${missC.join(', ')}`;
  if (r.capped) s += `; ${CAPPED_BECAUSE[r.cappedWhy ?? 'generic']}`;
  return `${s}. Score ${fmt(r.score)} = weighted share of words matched on both sides.`;
}
