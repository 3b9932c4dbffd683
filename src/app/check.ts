/**
 * Use cases of the determination engine, shared by the CLI and (later) the HTTP API: validate the input
 * against the contract, wire the rule set, the list snapshot and the clock, and call the one evaluator.
 */
import {
  checkInput,
  overlay as overlaySchema,
  type CheckInput,
  type CheckResult,
  type Overlay,
} from '../contracts/check.js';
import { evaluate } from '../core/determination/evaluate.js';
import type { RuleSet, VeuEntry } from '../core/rules/schema.js';
import type { Screener } from '../core/screening/types.js';
import { validate } from './validate.js';

export interface CheckServices {
  rules: RuleSet;
  screener?: Screener;
  /** Today's date (ISO), read from the clock at the edge. */
  today: () => string;
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
