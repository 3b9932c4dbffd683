/** The screener the rest of the application uses: the current snapshot of data/lists (or $HTT_LISTS_DIR). */
import { readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { IndexedScreener } from '../../core/screening/screener.js';
import { indexCitationDates, type CitationDatesFile } from '../../core/screening/list-history.js';
import { defaultRegulationsDir } from '../regulations/load-rules.js';
import {
  defaultListsDir,
  loadSnapshotAt,
  readCurrent,
  type CurrentSnapshot,
  type SnapshotMetaFile,
} from './snapshot-store.js';

let cached: { dir: string; id: string; screener: IndexedScreener; meta: SnapshotMetaFile } | undefined;

/** The screener of one snapshot, with the Federal Register citation dates (the last one loaded is cached). */
export function loadScreenerAt(snapshot: CurrentSnapshot): IndexedScreener {
  if (cached?.dir === snapshot.dir && cached.id === snapshot.meta.id) return cached.screener;
  const { screener, meta } = loadSnapshotAt(snapshot);
  const file = join(defaultRegulationsDir(), 'lists', 'fr-citation-dates.json');
  const dates = JSON.parse(readFileSync(file, 'utf8')) as CitationDatesFile;
  cached = {
    dir: snapshot.dir,
    id: meta.id,
    screener: { ...screener, citationDates: indexCitationDates(dates) },
    meta,
  };
  return cached.screener;
}

/** Load (once per process and lists directory) the current list snapshot and its index. */
export function loadDefaultScreener(listsDir = defaultListsDir()): IndexedScreener {
  if (cached && resolve(cached.dir).startsWith(resolve(listsDir, 'snapshots') + sep)) return cached.screener;
  return loadScreenerAt(readCurrent(listsDir));
}

/** Metadata of the snapshot loaded by loadDefaultScreener, if any. */
export function loadedSnapshotMeta(): SnapshotMetaFile | undefined {
  return cached?.meta;
}

/** Forget the cached screener (after `htt lists update`). */
export function resetDefaultScreener(): void {
  cached = undefined;
}
