/**
 * Exact-name comparison for the registers the evaluator holds (VEU entries, overlay list entries):
 * Unicode NFKC, case, punctuation and spacing forgiven. A parenthesised part is part of the name: on its own
 * it is a key only when it is the acronym of the rest ("... Corporation (SMIC)"); a place or other
 * qualifier in parentheses ("Example Semiconductor (Shanghai) Co., Ltd.", "(a subsidiary of ...)") never
 * matches by itself, and two names that differ only in their parentheses ("... (Wuxi) Ltd." and
 * "... (China) Ltd.") are different names. Fuzzy matching is the screening module's job.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Keys {
  /** The whole name. */
  full: string;
  /** The name without its parentheses, when it has any. */
  outer: string | null;
  /** Parenthesised parts that are the acronym of the rest of the name. */
  acronyms: string[];
  /** Every parenthesised part is such an acronym, so the name without them names the same party. */
  onlyAcronyms: boolean;
}

const keyCache = new Map<string, Keys>();

function keysOf(name: string): Keys {
  let keys = keyCache.get(name);
  if (!keys) {
    if (keyCache.size > 10_000) keyCache.clear();
    keys = computeKeys(name);
    keyCache.set(name, keys);
  }
  return keys;
}

/** Words an acronym may leave out. */
const SKIPPABLE = new Set([
  'of',
  'and',
  'the',
  'for',
  'co',
  'company',
  'ltd',
  'limited',
  'inc',
  'llc',
  'corp',
]);

function isAcronymOf(inner: string, outer: string): boolean {
  const compact = inner.replace(/\s+/g, '');
  if (compact.length < 2 || /\s/.test(inner.trim())) return false;
  const words = outer.split(' ').filter((w) => w.length > 0);
  const all = words.map((w) => w[0]).join('');
  const kept = words
    .filter((w) => !SKIPPABLE.has(w))
    .map((w) => w[0])
    .join('');
  return compact === all || compact === kept;
}

function computeKeys(name: string): Keys {
  const full = normaliseName(name);
  const inner = [...name.matchAll(/\(([^)]*)\)/g)].map((m) => normaliseName(m[1] as string));
  if (inner.length === 0) return { full, outer: null, acronyms: [], onlyAcronyms: true };
  const outer = normaliseName(name.replace(/\([^)]*\)/g, ' '));
  const acronyms = inner.filter((i) => outer.length > 0 && isAcronymOf(i, outer));
  return {
    full,
    outer: outer.length > 0 ? outer : null,
    acronyms,
    onlyAcronyms: acronyms.length === inner.filter((i) => i.length > 0).length,
  };
}

/**
 * The keys a name is known by, and the keys it may be matched against. `list`: a name without its
 * parentheses is matched against the other's whole name (a list hit is better over-reported);
 * `party`: only when its parentheses hold nothing but an acronym (a party must be the named party).
 */
function matchKeys(name: string, mode: 'list' | 'party'): { own: string[]; against: string[] } {
  const k = keysOf(name);
  const outer = k.outer && (mode === 'list' || k.onlyAcronyms) ? [k.outer] : [];
  // whole names and acronyms meet each other's whole names and outer forms; never two outer forms, never two
  // parenthesised parts
  return { own: [k.full, ...outer, ...k.acronyms], against: [k.full, ...(k.onlyAcronyms ? outer : [])] };
}

function match(a: string[], b: string[], mode: 'list' | 'party'): boolean {
  const ka = a.map((n) => matchKeys(n, mode));
  const kb = b.map((n) => matchKeys(n, mode));
  return ka.some((x) =>
    kb.some((y) => x.own.some((k) => y.against.includes(k)) || y.own.some((k) => x.against.includes(k))),
  );
}

/** Do two names (or any of their aliases) name the same listed party? Used for list entries. */
export function sameName(a: string[], b: string[]): boolean {
  return match(a, b, 'list');
}

/**
 * Are two names (or any of their aliases) the same party, strictly: used where a match grants something
 * (the VEU and its consignee), so a parent's name does not stand for a subsidiary's.
 */
export function sameParty(a: string[], b: string[]): boolean {
  return match(a, b, 'party');
}
