/** The screener the rest of the application uses: the current snapshot of data/lists (or $HTT_LISTS_DIR). */
import type { IndexedScreener } from '../../core/screening/screener.js';
import { defaultListsDir, loadSnapshot, type SnapshotMetaFile } from './snapshot-store.js';

let cached: { dir: string; screener: IndexedScreener; meta: SnapshotMetaFile } | undefined;

/** Load (once per process and lists directory) the current list snapshot and its index. */
export function loadDefaultScreener(listsDir = defaultListsDir()): IndexedScreener {
  if (!cached || cached.dir !== listsDir) {
    const { screener, meta } = loadSnapshot(listsDir);
    cached = { dir: listsDir, screener, meta };
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
