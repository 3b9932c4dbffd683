import type { NameImportInput } from '../contracts/names.js';
import type { RuleSet } from '../core/rules/schema.js';
import type { Screener } from '../core/screening/types.js';

/** What the adapters need from the composition root, created lazily so `htt --help` stays fast. */
export interface Services {
  rules(): RuleSet;
  /** The loaded list snapshot, or undefined when none is loaded. */
  screener(): Screener | undefined;
  /** Today's date (ISO, UTC) from the clock. */
  today(): string;
  /** Names imported from open data the user downloads (docs/SCREENING.md); absent where not kept. */
  names?(): NameImports;
}

/** What one import matched in the loaded lists. */
export interface NameImportResult {
  id: string;
  format: string;
  file: string;
  licence: string;
  records: number;
  names: number;
  /** Records that named a listed entry, by identifier or by exact Latin name and country. */
  matchedRecords: number;
  /** Listed entries that gained a name, and of those the entries located in China. */
  entriesGaining: number;
  chinaEntriesGaining: number;
}

/** The store of imported names (kept apart from the repository, in the user's data directory). */
export interface NameImports {
  /** Where the imports are kept (for messages). */
  readonly location: string;
  /** Store the records as the import `id`, make the next screening index use them, say what they match. */
  save(input: NameImportInput & { id: string; importedAt: string; importedBy: string }): NameImportResult;
  /** The shipped name sources and the imports, with how many listed entries each gives a name. */
  describe(): unknown;
  /** Remove an import (CASE.NOT_FOUND when there is none). */
  remove(id: string): void;
}
