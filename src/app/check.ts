/**
 * Use cases of the determination engine, shared by the CLI and (later) the HTTP API: validate the input
 * against the contract, wire the rule set, the list snapshot and the clock, and call the one evaluator.
 */
import type { z } from 'zod';
import {
  checkInput,
  overlay as overlaySchema,
  type CheckInput,
  type CheckResult,
  type Overlay,
} from '../contracts/check.js';
import { evaluate } from '../core/determination/evaluate.js';
import { HttError } from '../core/errors.js';
import type { RuleSet, VeuEntry } from '../core/rules/schema.js';
import type { Screener } from '../core/screening/types.js';

export interface CheckServices {
  rules: RuleSet;
  screener?: Screener;
  /** Today's date (ISO), read from the clock at the edge. */
  today: () => string;
}

/** Validate `data` against a contract schema; a failure names the first offending field and lists all. */
export function validate<S extends z.ZodTypeAny>(schema: S, data: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
  const first = issues[0];
  throw new HttError({
    code: 'INPUT.INVALID',
    message: `${what}: ${issues.map((i) => `${i.field || '(root)'}: ${i.message}`).join('; ')}`,
    ...(first?.field ? { field: first.field } : {}),
    details: issues,
  });
}

export function fieldPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p),
    '',
  );
}

export function runCheck(
  services: CheckServices,
  input: unknown,
  overlayData?: unknown,
  veuEntries?: VeuEntry[],
): CheckResult {
  const parsed = validate(checkInput, input, 'check input');
  const overlay: Overlay | undefined =
    overlayData === undefined ? undefined : validate(overlaySchema, overlayData, 'overlay');
  return checkValidated(services, parsed, overlay, veuEntries);
}

/** The check of input an edge has already validated against the contract (no second parse). */
export function checkValidated(
  services: CheckServices,
  input: CheckInput,
  overlay?: Overlay,
  veuEntries?: VeuEntry[],
): CheckResult {
  return evaluate(input, {
    rules: services.rules,
    today: services.today(),
    ...(services.screener ? { screener: services.screener } : {}),
    ...(overlay ? { overlay } : {}),
    ...(veuEntries?.length ? { veuEntries } : {}),
  });
}
