/**
 * Exact-name comparison for the registers the evaluator holds (VEU entries, overlay list entries):
 * Unicode NFKC, case, punctuation and spacing forgiven, and a name in parentheses ("... (SMIC)") taken both
 * as part of the name and on its own. Fuzzy matching is the screening module's job.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const keyCache = new Map<string, string[]>();

/** The keys a name is known by: itself, itself without parentheses, and what the parentheses hold. */
export function nameKeys(name: string): string[] {
  let keys = keyCache.get(name);
  if (!keys) {
    if (keyCache.size > 10_000) keyCache.clear();
    keys = computeKeys(name);
    keyCache.set(name, keys);
  }
  return keys;
}

function computeKeys(name: string): string[] {
  const inner = [...name.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] as string);
  const outer = name.replace(/\([^)]*\)/g, ' ');
  return [...new Set([name, outer, ...inner].map(normaliseName).filter((k) => k.length > 0))];
}

/** Do two names (or any of their aliases) share a key? */
export function sameName(a: string[], b: string[]): boolean {
  const keys = new Set(a.flatMap(nameKeys));
  return b.some((n) => nameKeys(n).some((k) => keys.has(k)));
}
