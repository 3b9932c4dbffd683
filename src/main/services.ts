/**
 * The composition root's services: the regulation files, the list snapshot and the clock. The modules that
 * read them (the YAML loader, the screening index) are imported by `prepareServices()`, which the CLI runs
 * before a command's action and the server before it listens, so that `htt --help` loads none of them.
 */
import type { NameImports, Services } from '../app/services.js';
import { HttError } from '../core/errors.js';
import type { Screener } from '../core/screening/types.js';

type Loaders = {
  loadRules: typeof import('../adapters/regulations/load-rules.js').loadRules;
  loadDefaultScreener: typeof import('../adapters/lists/default-screener.js').loadDefaultScreener;
  names: () => NameImports;
};
let loaders: Loaders | undefined;

/** Import the loaders once; later calls return at once. */
export async function prepareServices(): Promise<void> {
  if (loaders) return;
  const [rules, lists, imports, store, readers] = await Promise.all([
    import('../adapters/regulations/load-rules.js'),
    import('../adapters/lists/default-screener.js'),
    import('../adapters/lists/name-import-store.js'),
    import('../adapters/lists/snapshot-store.js'),
    import('../adapters/lists/read-files.js'),
  ]);
  // the current snapshot's entities as read from its files (what an import matches), or none
  const entities = () => {
    try {
      const { dir, meta } = store.readCurrent();
      return readers.readListFiles(store.readSnapshotFiles(dir, meta)).entities;
    } catch (e) {
      if (e instanceof HttError && e.code === 'LISTS.NOT_LOADED') return [];
      throw e;
    }
  };
  loaders = {
    loadRules: rules.loadRules,
    loadDefaultScreener: lists.loadDefaultScreener,
    names: () => imports.nameImportsIn({ entities, changed: lists.resetDefaultScreener }),
  };
}

const ready = (): Loaders => {
  if (!loaders) throw new Error('prepareServices() must run before the services are used');
  return loaders;
};

/** What a server screens with: the snapshot the database names, pinned per request (live-snapshots.ts). */
let live: { screener(): Screener | undefined } | undefined;

/** The server sets its live snapshots here; the CLI never does (it reads current.json once). */
export function useLiveSnapshots(snapshots: { screener(): Screener | undefined } | undefined): void {
  live = snapshots;
}

/** The shipped (or last ingested) list snapshot; undefined when none is loaded. */
function screener(): Screener | undefined {
  if (live) return live.screener();
  try {
    return ready().loadDefaultScreener();
  } catch (e) {
    if (e instanceof HttError && e.code === 'LISTS.NOT_LOADED') return undefined;
    throw e;
  }
}

export const defaultServices: Services = {
  rules: () => ready().loadRules(),
  screener,
  today: () => new Date().toISOString().slice(0, 10),
  names: () => ready().names(),
};
