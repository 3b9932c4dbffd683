/**
 * The list snapshot store on disk. Layout of a lists directory (default data/lists, or $HTT_LISTS_DIR):
 *
 *   current.json                         {"id": ..., "dir": "snapshots/<date>-<hash8>"}
 *   snapshots/<date>-<hash8>/snapshot.json   id, data date, files with sha256, entity count, ingest time
 *   snapshots/<date>-<hash8>/<the list files as given>
 *
 * Snapshots are versioned by content hash and data date. An ingest is atomic: files are read and checked
 * first, written to a temporary directory, renamed into place, and only then is current.json replaced
 * (write + rename). A failed or malformed file never replaces the current snapshot.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttError } from '../../core/errors.js';
import {
  buildScreeningIndex,
  screenerFromIndex,
  type IndexedScreener,
} from '../../core/screening/screener.js';
import { lexiconSha256, loadLexiconWithHash } from './lexicon-file.js';
import type { ListedEntity } from '../../core/screening/types.js';
import {
  countLists,
  updateProblems,
  type ListCounts,
  type UpdateLimits,
} from '../../core/screening/update-limits.js';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { readListFiles, type ListFile } from './read-files.js';
import { INDEX_FILE, readStoredIndex, writeStoredIndex, type IndexSources } from './screening-index-file.js';
import { applyNameSupplements, loadShippedNames, SHIPPED_NAMES_DIR } from './name-supplements.js';
import { importedSupplements, importsDigest } from './name-import-store.js';

export const DEFAULT_MAX_AGE_DAYS = 30;

export interface SnapshotFileMeta {
  name: string;
  format: string;
  sha256: string;
  bytes: number;
  records: number;
}

export interface SnapshotMetaFile {
  id: string;
  dataDate: string;
  ingestedAt: string;
  entityCount: number;
  formats: string[];
  files: SnapshotFileMeta[];
  /** Entries per source list (snapshots ingested before issue 14 have none: counted from their files). */
  lists?: ListCounts;
}

export function defaultListsDir(): string {
  if (process.env.HTT_LISTS_DIR) return resolve(process.env.HTT_LISTS_DIR);
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/lists');
}

export function maxAgeDays(): number {
  const v = Number(process.env.HTT_LISTS_MAX_AGE_DAYS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_MAX_AGE_DAYS;
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

function writeAtomic(path: string, content: string): void {
  const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** Snapshot id: "<formats>@<data date, minutes, UTC>#<content hash 8>", e.g. "csl@2026-07-31T13:15Z#1a2b3c4d". */
export function snapshotId(formats: string[], dataDate: string, hash: string): string {
  const d = new Date(dataDate);
  const when = Number.isNaN(d.getTime()) ? dataDate : d.toISOString().slice(0, 16) + 'Z';
  return `${formats.join('+')}@${when}#${hash.slice(0, 8)}`;
}

export interface CurrentSnapshot {
  dir: string;
  meta: SnapshotMetaFile;
}

const limitSchema = z
  .object({ maxDropShare: z.number().min(0).max(1), minDrop: z.number().int().min(0) })
  .strict();
const limitsSchema = z
  .object({
    refuseDroppedList: z.boolean(),
    default: limitSchema,
    lists: z.record(limitSchema.partial()).default({}),
  })
  .strict();

/** The sanity limits of list updates: data/lists/update-limits.yaml, or $HTT_LISTS_LIMITS. */
export function readUpdateLimits(
  file = process.env.HTT_LISTS_LIMITS ??
    resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/lists/update-limits.yaml'),
): UpdateLimits {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `the list update limits ${file} cannot be read: ${(e as Error).message}`,
    });
  }
  const parsed = limitsSchema.safeParse(raw);
  if (!parsed.success)
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `the list update limits ${file} are malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    });
  return parsed.data;
}

/** A snapshot's directory and metadata, by its directory relative to the lists directory. */
export function readSnapshotAt(listsDir: string, relDir: string): CurrentSnapshot {
  const dir = resolve(listsDir, relDir);
  if (!dir.startsWith(resolve(listsDir, 'snapshots') + sep))
    throw new HttError({ code: 'LISTS.NOT_LOADED', message: `${relDir} is not a snapshot of ${listsDir}` });
  try {
    return { dir, meta: JSON.parse(readFileSync(join(dir, 'snapshot.json'), 'utf8')) as SnapshotMetaFile };
  } catch (e) {
    throw new HttError({
      code: 'LISTS.NOT_LOADED',
      message: `the list snapshot ${relDir} in ${listsDir} cannot be read: ${(e as Error).message}`,
    });
  }
}

export function readCurrent(listsDir = defaultListsDir()): CurrentSnapshot {
  const pointer = join(listsDir, 'current.json');
  if (!existsSync(pointer)) {
    throw new HttError({
      code: 'LISTS.NOT_LOADED',
      message: `no list snapshot in ${listsDir} (run: htt lists update FILE...)`,
    });
  }
  let cur: { dir: string };
  let meta: SnapshotMetaFile;
  try {
    cur = JSON.parse(readFileSync(pointer, 'utf8')) as { dir: string };
    meta = JSON.parse(readFileSync(join(listsDir, cur.dir, 'snapshot.json'), 'utf8')) as SnapshotMetaFile;
  } catch (e) {
    throw new HttError({
      code: 'LISTS.NOT_LOADED',
      message: `the list snapshot in ${listsDir} cannot be read: ${(e as Error).message}`,
    });
  }
  return { dir: join(listsDir, cur.dir), meta };
}

/**
 * The index keeps what screening needs; each entity's original record stays in the snapshot's files on disk
 * (hash-checked), which saves some 30 MB of memory per process.
 */
export function withoutOriginals(entities: ListedEntity[]): ListedEntity[] {
  return entities.map(({ original: _original, ...entity }) => entity);
}

/** How the screener of a snapshot was obtained: its stored index, or built (and stored, if possible). */
export interface IndexStatus {
  source: 'stored' | 'built';
  /** The stored index file (written or read), or why it was not used / could not be written. */
  file: string;
  bytes?: number;
  /** When built: why the stored index was not used; when it could not be written: why. */
  detail?: string;
}

/** The list files of a snapshot, checked against their recorded hashes. */
export function readSnapshotFiles(dir: string, meta: SnapshotMetaFile): ListFile[] {
  return meta.files.map((f) => {
    const bytes = readFileSync(join(dir, f.name));
    if (sha256(bytes) !== f.sha256) {
      throw new HttError({
        code: 'LISTS.NOT_LOADED',
        message: `${f.name} in snapshot ${meta.id} does not match its recorded hash`,
      });
    }
    return { name: f.name, bytes };
  });
}

/** sha256 over the shipped name files (data/names/*.names.json) and the user's imported names. */
export function namesDigest(): string {
  const h = createHash('sha256');
  let files: string[];
  try {
    files = readdirSync(SHIPPED_NAMES_DIR)
      .filter((f) => f.endsWith('.names.json'))
      .sort();
  } catch {
    files = [];
  }
  for (const f of files)
    h.update(`${f}\n`)
      .update(readFileSync(join(SHIPPED_NAMES_DIR, f)))
      .update('\n');
  return h.update(`imports ${importsDigest()}`).digest('hex');
}

/** What a snapshot's index is built from: its files' recorded hashes, the lexicon file's and the names'. */
function indexSources(meta: SnapshotMetaFile): IndexSources {
  return {
    files: meta.files.map((f) => ({ name: f.name, sha256: f.sha256 })),
    lexicon: lexiconSha256(),
    names: namesDigest(),
  };
}

/**
 * The listed entities with the names from outside the lists attached (docs/SCREENING.md, "Names from open
 * data"): the shipped name files, then the user's imports.
 */
export function withOutsideNames(entities: ListedEntity[]): ListedEntity[] {
  const shipped = loadShippedNames().flatMap((f) => f.supplements);
  return applyNameSupplements(entities, [...shipped, ...importedSupplements(entities)]).entities;
}

/** Build a snapshot's index and store it beside the snapshot when the directory can be written to. */
function buildAndStore(
  dir: string,
  meta: SnapshotMetaFile,
  entities: ListedEntity[],
  sources: Pick<IndexSources, 'files'>,
  why?: string,
): { screener: IndexedScreener; index: IndexStatus } {
  // the lexicon hash recorded is that of the bytes the lexicon was built from, whatever was read before
  const { lexicon, sha256: lexiconHash } = loadLexiconWithHash();
  const names = namesDigest();
  const built = buildScreeningIndex(
    withoutOriginals(withOutsideNames(entities)),
    { snapshot: meta.id, snapshotDate: meta.dataDate },
    { lexicon },
  );
  const written = writeStoredIndex(dir, built, { files: sources.files, lexicon: lexiconHash, names });
  const index: IndexStatus = { source: 'built', file: join(dir, INDEX_FILE) };
  if ('bytes' in written) index.bytes = written.bytes;
  const detail = [why, 'error' in written ? written.error : undefined].filter(Boolean).join('; ');
  if (detail) index.detail = detail;
  return { screener: screenerFromIndex(built), index };
}

/**
 * The screener of the current snapshot: its stored index (screening-index-file.ts) when that is intact and
 * built from these files, this lexicon and this code; otherwise built from the files (checked against
 * their recorded hashes either way) and stored for the next process.
 */
export function loadSnapshot(listsDir = defaultListsDir()): LoadedSnapshot {
  return loadSnapshotAt(readCurrent(listsDir));
}

export interface LoadedSnapshot {
  screener: IndexedScreener;
  meta: SnapshotMetaFile;
  index: IndexStatus;
}

/** The screener of one snapshot (its stored index, or built from its files). */
export function loadSnapshotAt({ dir, meta }: CurrentSnapshot): LoadedSnapshot {
  const files = readSnapshotFiles(dir, meta);
  const sources = indexSources(meta);
  const stored = readStoredIndex(dir, meta.id, sources);
  if ('screener' in stored) {
    return {
      screener: stored.screener,
      meta,
      index: { source: 'stored', file: join(dir, INDEX_FILE), bytes: stored.bytes },
    };
  }
  const { screener, index } = buildAndStore(dir, meta, readListFiles(files).entities, sources, stored.detail);
  return { screener, meta, index };
}

export interface IngestOptions {
  /** data date when the files do not state one (ISO date); default: today */
  date?: string;
  /** accept a snapshot beyond the update limits (data/lists/update-limits.yaml); needs `reason` */
  force?: boolean;
  /** why a snapshot beyond the limits is accepted (kept in the audit log) */
  reason?: string;
  /** the limits (default: readUpdateLimits()) */
  limits?: UpdateLimits;
  now?: Date;
}

/** A new snapshot written to the lists directory but not yet current (makeCurrent switches to it). */
export interface PreparedSnapshot {
  meta: SnapshotMetaFile;
  /** Its directory relative to the lists directory, "snapshots/<date>-<hash8>". */
  dir: string;
  /** The update limits it goes beyond, accepted because forced with a reason (empty: within them). */
  overridden: string[];
  /** The snapshot it replaces, if any. */
  previous?: string;
}

/** Entries per source list of a snapshot: from its metadata, or counted from its files. */
function listCountsOf(current: CurrentSnapshot): ListCounts {
  if (current.meta.lists) return current.meta.lists;
  return countLists(readListFiles(readSnapshotFiles(current.dir, current.meta)).entities);
}

/**
 * Read and check list files and write them as a new snapshot beside the others, without making it current.
 * Refused (LISTS.INVALID, the current snapshot kept) when the files are malformed or when, against the
 * current snapshot, they go beyond the update limits, unless forced with a reason.
 */
export function prepareSnapshot(
  paths: string[],
  listsDir = defaultListsDir(),
  options: IngestOptions = {},
): PreparedSnapshot {
  const now = options.now ?? new Date();
  if (options.force && !options.reason?.trim())
    throw new HttError({
      code: 'INPUT.INVALID',
      message: '--force needs --reason: why a snapshot beyond the update limits is accepted (audited)',
      field: 'reason',
    });
  const files: ListFile[] = paths.map((p) => {
    try {
      return { name: basename(p), bytes: readFileSync(p) };
    } catch (e) {
      throw new HttError({
        code: 'INPUT.FILE_NOT_FOUND',
        message: `cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
      });
    }
  });
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name))
      throw new HttError({ code: 'LISTS.INVALID', message: `two files are named ${f.name}` });
    names.add(f.name);
  }
  const read = readListFiles(files, now.toISOString().slice(0, 10));
  const lists = countLists(read.entities);
  // a list that lost much of its entries is more likely a truncated or wrong download than a real change
  let current: CurrentSnapshot | undefined;
  try {
    current = readCurrent(listsDir);
  } catch {
    current = undefined;
  }
  const problems = current
    ? updateProblems(listCountsOf(current), lists, options.limits ?? readUpdateLimits())
    : [];
  if (problems.length && !options.force) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `the new files go beyond the list update limits, so the current snapshot ${current!.meta.id} is kept: ${problems.join('; ')} (if this is right: --force --reason TEXT, audited)`,
      details: { problems },
    });
  }
  const fileMeta: SnapshotFileMeta[] = files.map((f) => ({
    name: f.name,
    format: read.perFile.find((p) => p.name === f.name)?.format ?? 'companion',
    sha256: sha256(f.bytes),
    bytes: f.bytes.length,
    records: read.perFile.find((p) => p.name === f.name)?.records ?? 0,
  }));
  const hash = sha256(
    fileMeta
      .map((f) => `${f.name}:${f.sha256}`)
      .sort()
      .join('\n'),
  );
  const dataDate = read.dataDate ?? options.date ?? now.toISOString().slice(0, 10);
  const id = snapshotId(read.formats, dataDate, hash);
  const dirName = `${dataDate.slice(0, 10)}-${hash.slice(0, 8)}`;
  const meta: SnapshotMetaFile = {
    id,
    dataDate,
    ingestedAt: now.toISOString(),
    entityCount: read.entities.length,
    formats: read.formats,
    files: fileMeta,
    lists,
  };
  const snapshots = join(listsDir, 'snapshots');
  mkdirSync(snapshots, { recursive: true });
  const finalDir = join(snapshots, dirName);
  if (!existsSync(finalDir)) {
    const tmp = join(snapshots, `.tmp-${dirName}-${randomBytes(4).toString('hex')}`);
    try {
      mkdirSync(tmp);
      for (const f of files) writeFileSync(join(tmp, f.name), f.bytes);
      writeFileSync(join(tmp, 'snapshot.json'), `${JSON.stringify(meta, null, 2)}\n`);
      // the screening index, so that no process after this one normalises the listed names again (if it
      // cannot be written, the first load builds it)
      buildAndStore(tmp, meta, read.entities, indexSources(meta));
      renameSync(tmp, finalDir);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  } else {
    // the same files again: the snapshot stays as it was; its index is built if it has none
    const existing = JSON.parse(readFileSync(join(finalDir, 'snapshot.json'), 'utf8')) as SnapshotMetaFile;
    const sources = indexSources(existing);
    if (!('screener' in readStoredIndex(finalDir, existing.id, sources)))
      buildAndStore(finalDir, existing, read.entities, sources);
  }
  return {
    meta: JSON.parse(readFileSync(join(finalDir, 'snapshot.json'), 'utf8')) as SnapshotMetaFile,
    dir: `snapshots/${dirName}`,
    overridden: problems,
    ...(current ? { previous: current.meta.id } : {}),
  };
}

/** Make a prepared snapshot the current one of the lists directory (current.json, write + rename). */
export function makeCurrent(listsDir: string, prepared: Pick<PreparedSnapshot, 'meta' | 'dir'>): void {
  writeAtomic(
    join(listsDir, 'current.json'),
    `${JSON.stringify({ id: prepared.meta.id, dir: prepared.dir }, null, 2)}\n`,
  );
}

/** Ingest list files as a new snapshot and make it current, atomically. Returns the new snapshot's metadata. */
export function ingest(
  paths: string[],
  listsDir = defaultListsDir(),
  options: IngestOptions = {},
): SnapshotMetaFile {
  const prepared = prepareSnapshot(paths, listsDir, options);
  makeCurrent(listsDir, prepared);
  return prepared.meta;
}

/** Age of a snapshot's data in whole days at `now`. */
export function ageInDays(meta: SnapshotMetaFile, now = new Date()): number {
  return Math.floor((now.getTime() - new Date(meta.dataDate).getTime()) / 86_400_000);
}
