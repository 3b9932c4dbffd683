/**
 * One matcher for golden cases and scenarios: what an expectation asserts about a determination.
 */
import type { CheckResult } from '../../src/contracts/check.js';

export interface Expectation {
  licenseRequired?: boolean | null;
  authorization?: CheckResult['authorization'];
  licenseException?: string | null;
  documents?: string[];
  absentDocuments?: string[];
  /** Each must be a prefix of some reason code in the answer. */
  reasonCodes?: string[];
  /** Reason codes that must not be in the answer (prefix match). */
  absentReasonCodes?: string[];
  /** Each must be a substring of some missing input name. */
  missing?: string[];
  /** Each must be a substring of some note. */
  notes?: string[];
  /** Each must be a substring of some unconfirmed datum. */
  unconfirmed?: string[];
  overlayUsed?: boolean;
}

/** The differences between an answer and an expectation; empty when they agree. */
export function mismatches(r: CheckResult, e: Expectation): string[] {
  const out: string[] = [];
  const docs = r.documents.map((d) => d.type);
  const codes = r.reasons.map((x) => x.code);
  if (e.licenseRequired !== undefined && r.licenseRequired !== e.licenseRequired)
    out.push(`licenseRequired: expected ${e.licenseRequired}, got ${r.licenseRequired}`);
  if (e.authorization !== undefined && r.authorization !== e.authorization)
    out.push(`authorization: expected ${e.authorization}, got ${r.authorization}`);
  if (e.licenseException !== undefined && r.licenseException !== e.licenseException)
    out.push(`licenseException: expected ${e.licenseException}, got ${r.licenseException}`);
  for (const d of e.documents ?? [])
    if (!docs.includes(d as never)) out.push(`document ${d} expected, got [${docs.join(', ')}]`);
  for (const d of e.absentDocuments ?? [])
    if (docs.includes(d as never)) out.push(`document ${d} must be absent`);
  for (const c of e.reasonCodes ?? [])
    if (!codes.some((x) => x.startsWith(c))) out.push(`reason ${c} expected, got [${codes.join(', ')}]`);
  for (const c of e.absentReasonCodes ?? [])
    if (codes.some((x) => x.startsWith(c))) out.push(`reason ${c} must be absent, got [${codes.join(', ')}]`);
  for (const m of e.missing ?? [])
    if (!r.missing.some((x) => x.input.includes(m)))
      out.push(`missing input "${m}" expected, got [${r.missing.map((x) => x.input).join('; ')}]`);
  for (const n of e.notes ?? [])
    if (!r.notes.some((x) => x.includes(n))) out.push(`note containing "${n}" expected`);
  for (const u of e.unconfirmed ?? [])
    if (!r.unconfirmed.some((x) => x.datum.includes(u)))
      out.push(`unconfirmed datum containing "${u}" expected`);
  if (e.overlayUsed !== undefined && r.overlayUsed !== e.overlayUsed)
    out.push(`overlayUsed: expected ${e.overlayUsed}`);
  return out;
}

/** Set a value at a path like "items[0].replacementParts" in a JSON object (returns a copy). */
export function withFacts<T>(input: T, set: Record<string, unknown>): T {
  const copy = structuredClone(input) as Record<string, unknown>;
  for (const [path, value] of Object.entries(set)) {
    const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
    let at: Record<string, unknown> = copy;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    at[keys[keys.length - 1] as string] = value;
  }
  return copy as T;
}
