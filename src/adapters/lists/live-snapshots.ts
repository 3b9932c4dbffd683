/**
 * Which list snapshot a running server screens with (issue 14). The current snapshot is kept in the database
 * (the `list_snapshot` record `current`, written with an audit entry by `htt lists update`), so that every
 * server process on the database switches to a new snapshot without a restart. Each request resolves the
 * snapshot once, at its start, and uses that one to its end (AsyncLocalStorage): a request that began
 * before the switch finishes on the old snapshot, which is dropped when no request holds it any more.
 * The database is asked at most once per `pollMs` (HTT_LISTS_POLL_MS, default 1000), in the background: a
 * request never waits for that look nor for loading a new snapshot (its stored index: about a second for the
 * full CSL); requests go on with the snapshot in use until the new one is loaded, then switch. Only the very
 * first request of a process that has no snapshot yet waits for one (the server resolves it at start-up).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordReader, RecordStore, StoredRecord } from '../../app/ports/record-store.js';
import type { Screener } from '../../core/screening/types.js';
import { HttError } from '../../core/errors.js';
import {
  readCurrent,
  readSnapshotAt,
  type CurrentSnapshot,
  type PreparedSnapshot,
} from './snapshot-store.js';

export const CURRENT_SNAPSHOT_ID = 'current';

/** The `list_snapshot` record `current`: the snapshot every server uses, and how it came to be. */
export interface CurrentListData {
  /** The snapshot id, e.g. "csl@2026-07-31T13:15Z#8eed7908". */
  snapshot: string;
  /** Its directory relative to the lists directory. */
  dir: string;
  entityCount: number;
  dataDate: string;
  previous: string | null;
  /** The update limits it went beyond, accepted by --force with the audited reason. */
  overridden: string[];
}

/**
 * Record a prepared snapshot as the current one in the database, audited (`lists.update`, or
 * `lists.update_forced` with the reason when it went beyond the limits). Run it before current.json is
 * switched: if the database refuses, nothing has changed.
 */
export async function recordCurrentSnapshot(
  store: RecordStore,
  prepared: PreparedSnapshot,
  actor: string,
  at: string,
  reason?: string,
): Promise<StoredRecord<CurrentListData>> {
  const data: CurrentListData = {
    snapshot: prepared.meta.id,
    dir: prepared.dir,
    entityCount: prepared.meta.entityCount,
    dataDate: prepared.meta.dataDate,
    previous: prepared.previous ?? null,
    overridden: prepared.overridden,
  };
  const audit = {
    actor,
    action: prepared.overridden.length ? 'lists.update_forced' : 'lists.update',
    at,
    ...(reason?.trim()
      ? {
          reason: prepared.overridden.length
            ? `${reason.trim()} (beyond the update limits: ${prepared.overridden.join('; ')})`
            : reason.trim(),
        }
      : {}),
  };
  return store.transaction(async (tx) => {
    const now = await tx.get<CurrentListData>('list_snapshot', CURRENT_SNAPSHOT_ID);
    const record = {
      kind: 'list_snapshot' as const,
      id: CURRENT_SNAPSHOT_ID,
      orgIds: ['system'],
      state: 'active',
      data,
      retainUntil: null,
    };
    return now ? tx.update(record, now.version, audit) : tx.insert(record, audit);
  });
}

export interface LiveSnapshotsOptions {
  store: RecordReader;
  listsDir: string;
  /** Load a snapshot's screener (the cached default loader in production). */
  load: (snapshot: CurrentSnapshot) => Screener | Promise<Screener>;
  /** How often the database is asked for the current snapshot, in ms (default HTT_LISTS_POLL_MS or 1000). */
  pollMs?: number;
  /** Told when a snapshot could not be loaded (the one in use stays). */
  onError?: (e: unknown) => void;
}

export class LiveSnapshots {
  private readonly pinned = new AsyncLocalStorage<Screener | undefined>();
  private current: { id: string; screener: Screener } | undefined;
  private checkedAt = -Infinity;
  private checking: Promise<void> | undefined;
  private readonly pollMs: number;

  constructor(private readonly options: LiveSnapshotsOptions) {
    const env = Number(process.env.HTT_LISTS_POLL_MS);
    this.pollMs = options.pollMs ?? (Number.isFinite(env) && env >= 0 ? env : 1000);
  }

  /** Ask the database now, load the snapshot it names if new, and answer the current screener (start-up). */
  async resolve(): Promise<Screener | undefined> {
    await this.check();
    return this.current?.screener;
  }

  /** One look at a time; the next one no sooner than pollMs after it ended. */
  private check(): Promise<void> {
    return (this.checking ??= this.refresh().finally(() => {
      this.checkedAt = performance.now();
      this.checking = undefined;
    }));
  }

  /**
   * Run `fn` (one request) with the snapshot current at its start. When the last look at the database is
   * older than pollMs, a look (and the load of a new snapshot) starts in the background; this request does
   * not wait for it.
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.current) await this.resolve();
    else if (!this.checking && performance.now() - this.checkedAt >= this.pollMs)
      this.check().catch((e: unknown) => this.options.onError?.(e));
    return this.pinned.run(this.current?.screener, fn);
  }

  /** Wait for the look (and load) in progress, if any. */
  async settled(): Promise<void> {
    await this.checking;
  }

  /** The snapshot of the request in progress, else the current one. */
  screener(): Screener | undefined {
    return this.pinned.getStore() ?? this.current?.screener;
  }

  /** The id of the snapshot in use outside requests. */
  get snapshot(): string | undefined {
    return this.current?.id;
  }

  private async refresh(): Promise<void> {
    let record: StoredRecord<CurrentListData> | undefined;
    try {
      record = await this.options.store.get<CurrentListData>('list_snapshot', CURRENT_SNAPSHOT_ID);
    } catch (e) {
      // the database is away: screening goes on with the snapshot in use (a store call fails on its own)
      this.options.onError?.(e);
      if (this.current) return;
    }
    if (record && record.data.snapshot === this.current?.id) return;
    let target: CurrentSnapshot | undefined;
    try {
      target = record
        ? readSnapshotAt(this.options.listsDir, record.data.dir)
        : this.current
          ? undefined // nothing recorded yet: the snapshot of current.json, loaded at the start, stays
          : readCurrent(this.options.listsDir);
    } catch (e) {
      if (!(e instanceof HttError && e.code === 'LISTS.NOT_LOADED')) throw e;
      this.options.onError?.(e);
      // a database naming a snapshot this lists directory lacks: keep the one in use, or start on current.json
      if (!this.current) target = tryCurrent(this.options.listsDir);
    }
    if (!target || target.meta.id === this.current?.id) return;
    try {
      // off the path of the request that started the look: the load runs on a later turn of the event loop
      if (this.current) await new Promise((r) => setImmediate(r));
      const screener = await this.options.load(target);
      this.current = { id: target.meta.id, screener };
    } catch (e) {
      this.options.onError?.(e);
    }
  }
}

function tryCurrent(listsDir: string): CurrentSnapshot | undefined {
  try {
    return readCurrent(listsDir);
  } catch {
    return undefined;
  }
}
