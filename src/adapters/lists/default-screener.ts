/** The screener the rest of the application uses: the current snapshot of data/lists (or $HTT_LISTS_DIR). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexedScreener } from '../../core/screening/screener.js';
import { indexCitationDates, type CitationDatesFile } from '../../core/screening/list-history.js';
import { defaultRegulationsDir } from '../regulations/load-rules.js';
import { defaultListsDir, loadSnapshot, type SnapshotMetaFile } from './snapshot-store.js';

let cached: { dir: string; screener: IndexedScreener; meta: SnapshotMetaFile } | undefined;

/** Load (once per process and lists directory) the current list snapshot and its index. */
export function loadDefaultScreener(listsDir = defaultListsDir()): IndexedScreener {
  if (!cached || cached.dir !== listsDir) {
    const { screener, meta } = loadSnapshot(listsDir);
    const file = join(defaultRegulationsDir(), 'lists', 'fr-citation-dates.json');
    const dates = JSON.parse(readFileSync(file, 'utf8')) as CitationDatesFile;
    cached = { dir: listsDir, screener: { ...screener, citationDates: indexCitationDates(dates) }, meta };
  }
  return cached.screener;
}

/** Metadata of the snapshot loaded by loadDefaultScreener, if any. */
export function loadedSnapshotMeta(): SnapshotMetaFile | undefined {
  return cached?.meta;
}

/** Forget the cached screener (after `htt lists update`). */
export function resetDefaultScreener(): void {
  cached = undefined;
}
