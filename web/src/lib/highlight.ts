/**
 * Highlighting the words a screening hit matched. The server explains each hit with the pairs of words that
 * matched, as `"query words"="listed words"` (exact, stem, joined) or `"a"~"b" 0.93` (name parts); the desk
 * marks those words in the query and in the listed name.
 */

export interface MatchedTerms {
  query: string[];
  listed: string[];
}

export function matchedTerms(explanation: string | undefined | null): MatchedTerms {
  const query: string[] = [];
  const listed: string[] = [];
  // a stored hit summary (a counterparty's screening) carries no explanation: nothing to mark
  if (typeof explanation !== 'string') return { query, listed };
  const pair = /"([^"]+)"\s*[=~]\s*"([^"]+)"/g;
  for (const m of explanation.matchAll(pair)) {
    query.push(...(m[1] ?? '').split(/\s+/).filter(Boolean));
    listed.push(...(m[2] ?? '').split(/\s+/).filter(Boolean));
  }
  const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.toLowerCase()))];
  return { query: uniq(query), listed: uniq(listed) };
}

export interface Segment {
  text: string;
  match: boolean;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c) && !/[\p{Script=Han}]/u.test(c);

/**
 * Split `text` into segments, marking every occurrence of a term (case and accents ignored). A Latin term
 * must be a whole word ("in" lights up neither inside "Harbin" nor in "Institute"); Chinese terms, written
 * without spaces, match anywhere.
 */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  if (!text) return [];
  const folded = fold(text);
  // folding may change lengths (rarely); fall back to no highlighting rather than misplace marks
  if (folded.length !== text.length) return [{ text, match: false }];
  const marks = new Array<boolean>(text.length).fill(false);
  const sorted = [...new Set(terms.map(fold).filter((t) => t.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  for (const term of sorted) {
    let from = 0;
    for (;;) {
      const at = folded.indexOf(term, from);
      if (at < 0) break;
      from = at + 1;
      if (isWordChar(term[0]) && isWordChar(folded[at - 1])) continue;
      if (isWordChar(term[term.length - 1]) && isWordChar(folded[at + term.length])) continue;
      for (let i = at; i < at + term.length; i++) marks[i] = true;
    }
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = out[out.length - 1];
    if (last && last.match === marks[i]) last.text += text[i];
    else out.push({ text: text[i] ?? '', match: marks[i] ?? false });
  }
  return out;
}
