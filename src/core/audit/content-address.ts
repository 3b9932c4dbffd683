/**
 * Determinations stored once, by content (issue 14, item 8). A frozen determination (the check input, its
 * result, the rule set and the list snapshot) is several kilobytes; a transaction carries its current one,
 * and a shipment the one it used. The audit log keeps a record image in `before` and `after` of every
 * entry, so copying each determination into each image made 300 rechecks of one transaction grow the log
 * quadratically. Instead the audit image carries a reference, `{ determinationRef: "sha256:<hex>",
 * checkedAt }`, and the body is kept once in a content-addressed table: a recheck that changes nothing adds a
 * reference, not a copy. Pure: hashing is computation.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';

/** What an audit image holds in place of a frozen determination. */
export interface DeterminationRef {
  determinationRef: string;
  checkedAt: string | null;
}

export const REF_PREFIX = 'sha256:';

/** A frozen determination: the shape `{ input, result, ruleSet, lists, checkedAt }` wherever it sits. */
function isDetermination(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return 'input' in o && 'result' in o && 'ruleSet' in o && 'lists' in o && 'checkedAt' in o;
}

export function isDeterminationRef(v: unknown): v is DeterminationRef {
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof (v as { determinationRef?: unknown }).determinationRef === 'string' &&
    (v as { determinationRef: string }).determinationRef.startsWith(REF_PREFIX)
  );
}

/** The body a reference names (everything but when it was checked) and its canonical text and address. */
export function determinationBody(d: Record<string, unknown>): { ref: string; text: string } {
  const { checkedAt: _checkedAt, ...body } = d;
  const text = canonicalJson(body);
  return { ref: REF_PREFIX + createHash('sha256').update(text).digest('hex'), text };
}

/**
 * The record image as the audit log keeps it: every frozen determination in its data replaced by a
 * reference; `bodies` maps each reference to the canonical JSON the store must keep under it.
 */
export function compactImage<T>(record: T): { image: T; bodies: Map<string, string> } {
  const bodies = new Map<string, string>();
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    if (isDetermination(v)) {
      const { ref, text } = determinationBody(v);
      bodies.set(ref, text);
      const checkedAt = typeof v.checkedAt === 'string' ? v.checkedAt : null;
      return { determinationRef: ref, checkedAt } satisfies DeterminationRef;
    }
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
  };
  if (record === null || typeof record !== 'object' || !('data' in (record as object)))
    return { image: record, bodies };
  return { image: { ...record, data: walk((record as unknown as { data: unknown }).data) } as T, bodies };
}

/** A reference resolved with its body: the frozen determination as it was. */
export function resolveRef(ref: DeterminationRef, body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, checkedAt: ref.checkedAt };
}
