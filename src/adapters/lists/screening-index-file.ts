/**
 * The screening index stored beside its list snapshot (docs/SCREENING.md, "The stored index"), so that a
 * process screens without normalising the 60,000 listed names again.
 *
 *   snapshots/<dir>/screening-index.bin       written and read by the compiled code (dist/, bin/htt.js)
 *   snapshots/<dir>/screening-index.src.bin   the same, from the TypeScript sources (tsx, vitest)
 *
 * File: "HTTSIDX\n", the header's length (uint32 little-endian), the header (JSON), zero padding to a
 * multiple of 8 bytes, then the payload (src/core/screening/index-codec.ts). The header records what the
 * index was built from: the sha256 of every list file (as snapshot.json records them), the sha256 of the
 * name lexicon file and of the names from open data and imports (name-supplements.ts), and a fingerprint of the code that builds it (the payload format, the sources of the
 * screening core and of the list readers as they run, and the versions of the packages normalisation and
 * the readers use); and the length and sha256 of the payload. Any difference, a truncated or altered file,
 * or a payload that does not decode, means "build it again": a stored index never gives an answer a fresh
 * build would not. Written to a temporary file and renamed; a directory that cannot be written to only
 * means the index is built in memory each time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeScreeningIndex,
  encodeScreeningIndex,
  SCREENING_INDEX_FORMAT,
} from '../../core/screening/index-codec.js';
import {
  screenerFromIndex,
  type BuiltScreeningIndex,
  type IndexedScreener,
} from '../../core/screening/screener.js';

const MAGIC = 'HTTSIDX\n';
const here = dirname(fileURLToPath(import.meta.url));
/** Running from the TypeScript sources (tsx, vitest) rather than the compiled dist/ code. */
const fromSource = fileURLToPath(import.meta.url).endsWith('.ts');

/** The stored index's file name: compiled and source code differ, so each keeps its own. */
export const INDEX_FILE = fromSource ? 'screening-index.src.bin' : 'screening-index.bin';

/** Packages whose behaviour shapes the index: normalisation (core) and the list readers. */
const PACKAGES = [
  'any-ascii',
  '@node-rs/jieba',
  'to-jyutping',
  'opencc-js',
  'pinyin-pro',
  'stemmer',
  'csv-parse',
  'i18n-iso-countries',
  'zod',
];

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** What an index is built from: the list files and the lexicon. */
export interface IndexSources {
  /** The snapshot's files with their sha256, as snapshot.json records them. */
  files: { name: string; sha256: string }[];
  /** sha256 of the name lexicon file's bytes. */
  lexicon: string;
  /** sha256 of the names from outside the lists: shipped name files and the user's imports. */
  names: string;
}

interface Header extends IndexSources {
  format: number;
  code: string;
  snapshot: string;
  payload: { bytes: number; sha256: string };
  builtAt: string;
}

function packageVersion(name: string): string {
  for (let dir = here; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
      } catch {
        return '?';
      }
    }
    if (dirname(dir) === dir) return 'missing';
  }
}

/**
 * A fingerprint of the code that builds the index: the payload format, every module of the screening
 * core and of the list adapters as it runs here (the .js files under dist/, the .ts sources under tsx or
 * vitest: whatever changes normalisation, weights or the readers changes it), the core's data tables
 * (core/screening/data/*.json), and the package versions.
 * Taken when this module loads, right after the modules it describes, so that a rebuild of dist/ while a
 * server runs does not stamp the old code's index with the new code's fingerprint.
 */
function fingerprintCode(): string {
  try {
    const h = createHash('sha256').update(`format ${SCREENING_INDEX_FORMAT}\n`);
    const ext = fromSource ? '.ts' : '.js';
    for (const dir of [join(here, '../../core/screening'), here]) {
      const names = readdirSync(dir)
        .filter((f) => f.endsWith(ext) && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
        .sort();
      for (const name of names)
        h.update(`${name}\n`)
          .update(readFileSync(join(dir, name)))
          .update('\n');
    }
    // the screening core's data tables (word glosses, romanisation) shape normalisation like its code
    const data = join(here, '../../core/screening/data');
    for (const name of readdirSync(data)
      .filter((f) => f.endsWith('.json'))
      .sort())
      h.update(`data/${name}\n`)
        .update(readFileSync(join(data, name)))
        .update('\n');
    for (const p of PACKAGES) h.update(`${p}@${packageVersion(p)}\n`);
    return h.digest('hex');
  } catch (e) {
    // without a fingerprint no stored index can be trusted: this one matches none
    return `unavailable ${randomBytes(8).toString('hex')}: ${(e as Error).message}`;
  }
}
const fingerprint = fingerprintCode();

/** The fingerprint of the running code (see fingerprintCode). */
export function codeFingerprint(): string {
  return fingerprint;
}

/** Why a stored index was not used (for `htt lists index` and the tests). */
export type IndexMiss = 'missing' | 'unreadable' | 'stale' | 'corrupt';

/**
 * The stored index of a snapshot directory, when it is there, intact and built from these sources by
 * this code; otherwise why not.
 */
export function readStoredIndex(
  dir: string,
  snapshot: string,
  sources: IndexSources,
): { screener: IndexedScreener; bytes: number } | { miss: IndexMiss; detail: string } {
  const path = join(dir, INDEX_FILE);
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? { miss: 'missing', detail: `no ${INDEX_FILE}` }
      : { miss: 'unreadable', detail: `${INDEX_FILE}: ${code ?? (e as Error).message}` };
  }
  const corrupt = (detail: string) => ({ miss: 'corrupt' as const, detail: `${INDEX_FILE}: ${detail}` });
  if (file.length < 12 || file.toString('latin1', 0, 8) !== MAGIC) return corrupt('not a screening index');
  const headerLength = file.readUInt32LE(8);
  if (12 + headerLength > file.length) return corrupt('truncated header');
  let header: Header;
  try {
    header = JSON.parse(file.toString('utf8', 12, 12 + headerLength)) as Header;
  } catch {
    return corrupt('malformed header');
  }
  const stale = (detail: string) => ({ miss: 'stale' as const, detail });
  if (header.format !== SCREENING_INDEX_FORMAT)
    return stale(`format ${header.format}, this code writes ${SCREENING_INDEX_FORMAT}`);
  if (header.code !== codeFingerprint())
    return stale('built by other code (normalisation or readers changed)');
  if (header.snapshot !== snapshot) return stale(`built for snapshot ${header.snapshot}`);
  const key = (s: IndexSources['files']) =>
    JSON.stringify([...s].map((f) => [f.name, f.sha256]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
  if (!Array.isArray(header.files) || key(header.files) !== key(sources.files))
    return stale('built from other list files');
  if (header.lexicon !== sources.lexicon) return stale('built with another name lexicon');
  if (header.names !== sources.names) return stale('built with other names from open data or imports');
  const start = Math.ceil((12 + headerLength) / 8) * 8;
  const payload = file.subarray(start);
  if (payload.length !== header.payload?.bytes)
    return corrupt(`payload of ${payload.length} bytes, expected ${header.payload?.bytes}`);
  if (sha256(payload) !== header.payload.sha256) return corrupt('payload does not match its sha256');
  try {
    return { screener: screenerFromIndex(decodeScreeningIndex(payload)), bytes: file.length };
  } catch (e) {
    return corrupt((e as Error).message);
  }
}

/** The bytes of a stored index file for an index built from `sources`. */
export function indexFileBytes(index: BuiltScreeningIndex, sources: IndexSources, now = new Date()): Buffer {
  const payload = encodeScreeningIndex(index);
  const header: Header = {
    format: SCREENING_INDEX_FORMAT,
    code: codeFingerprint(),
    snapshot: index.meta.snapshot,
    files: sources.files.map((f) => ({ name: f.name, sha256: f.sha256 })),
    lexicon: sources.lexicon,
    names: sources.names,
    payload: { bytes: payload.length, sha256: sha256(payload) },
    builtAt: now.toISOString(),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const start = Math.ceil((12 + json.length) / 8) * 8;
  const out = Buffer.alloc(start + payload.length);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(json.length, 8);
  json.copy(out, 12);
  out.set(payload, start);
  return out;
}

/**
 * Store an index beside its snapshot (temporary file, then rename). Returns the file's size, or why it
 * could not be written (a read-only directory: the caller keeps the index it built in memory).
 */
export function writeStoredIndex(
  dir: string,
  index: BuiltScreeningIndex,
  sources: IndexSources,
): { bytes: number } | { error: string } {
  const path = join(dir, INDEX_FILE);
  const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  try {
    const bytes = indexFileBytes(index, sources);
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    return { bytes: bytes.length };
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing was written */
    }
    return {
      error: `${INDEX_FILE} not written: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    };
  }
}
