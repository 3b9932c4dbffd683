import type { RuleSet } from '../core/rules/schema.js';
import type { Screener } from '../core/screening/types.js';

/** What the adapters need from the composition root, created lazily so `htt --help` stays fast. */
export interface Services {
  rules(): RuleSet;
  /** The loaded list snapshot, or undefined when none is loaded. */
  screener(): Screener | undefined;
  /** Today's date (ISO, UTC) from the clock. */
  today(): string;
}
