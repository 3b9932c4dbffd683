/**
 * Does a CCL control row's scope cover the paragraph an item is classified in? "3B001.a.2" is inside the
 * scope "a.1 to a.3"; "3B001.a" (or "3B001" alone) is only partly inside it, so the answer depends on the
 * finer paragraph the caller did not give.
 */
import type { CclControl, ControlScope } from '../rules/schema.js';

export type Coverage = 'covered' | 'not_covered' | 'depends';

const segments = (p: string): string[] => (p === '' ? [] : p.split('.'));

/** Is paragraph `inner` equal to or inside paragraph `outer`? */
export function isWithin(inner: string, outer: string): boolean {
  const a = segments(inner);
  const b = segments(outer);
  return b.length <= a.length && b.every((s, i) => a[i] === s);
}

/** Does `p` overlap a listed paragraph only partly (the listed one is strictly inside p)? */
const containsStrictly = (p: string, listed: string): boolean => isWithin(listed, p) && listed !== p;

/** `paragraph` is the item's paragraph without the ECCN ("e", "a.2.b"), or "" when none was given. */
export function coverage(scope: ControlScope, paragraph: string): Coverage {
  switch (scope.type) {
    case 'entire':
      return 'covered';
    case 'unparsed':
      return 'depends';
    case 'paragraphs':
      if (scope.paragraphs.some((s) => isWithin(paragraph, s))) return 'covered';
      return scope.paragraphs.some((s) => containsStrictly(paragraph, s)) ? 'depends' : 'not_covered';
    case 'entire_except':
      if (scope.except.some((s) => isWithin(paragraph, s))) return 'not_covered';
      return scope.except.some((s) => containsStrictly(paragraph, s)) ? 'depends' : 'covered';
  }
}

/** The control rows of an ECCN that cover the item's paragraph, or may ('depends'), with that coverage. */
export function coveringControls(
  controls: readonly CclControl[],
  paragraph: string,
): { control: CclControl; coverage: Exclude<Coverage, 'not_covered'> }[] {
  const out: { control: CclControl; coverage: Exclude<Coverage, 'not_covered'> }[] = [];
  for (const control of controls) {
    const cov = coverage(control.scope, paragraph);
    if (cov !== 'not_covered') out.push({ control, coverage: cov });
  }
  return out;
}

export function splitEccn(eccn: string): { base: string; paragraph: string } {
  const i = eccn.indexOf('.');
  return i < 0 ? { base: eccn, paragraph: '' } : { base: eccn.slice(0, i), paragraph: eccn.slice(i + 1) };
}
