/**
 * Chinese names from Chinese Commercial Codes (CCC, the four-digit Chinese telegraph codes) that OFAC's SDN
 * remarks carry ("...; Chinese Commercial Code 1728 4320; ..."). A code is decoded through the Unicode
 * Han Database's telegraph fields (data/names/unihan-telegraph-codes.json, built by
 * scripts/build-telegraph-codes.mjs): the mainland code book (kMainlandTelegraph) first, Taiwan's
 * (kTaiwanTelegraph) when the mainland reading does not fit. A decoding is kept only when its Mandarin
 * reading spells one of the entry's Latin names (pinyin-pro, every reading of each character, either name
 * order): a code misprinted in the list or a different code book gives characters that do not agree, and
 * those are reported, never indexed.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pinyin } from '../../core/screening/han.js';
import { z } from 'zod';
import { HttError } from '../../core/errors.js';
import type { ListedEntity } from '../../core/screening/types.js';

export const TELEGRAPH_TABLE_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../data/names/unihan-telegraph-codes.json',
);

/** What every hit through such a name says about where the name comes from. */
export const CCC_SOURCE = 'Chinese name from OFAC CCC remark, decoded via Unihan';

const TableFile = z.object({
  source: z.object({ package: z.string(), unicodeVersion: z.string() }).passthrough(),
  mainland: z.record(z.string().regex(/^\d{4}$/), z.string().min(1)),
  taiwan: z.record(z.string().regex(/^\d{4}$/), z.string().min(1)),
});
export type TelegraphTable = z.infer<typeof TableFile>;

let cached: TelegraphTable | undefined;

/** The shipped telegraph-code table (read once per process). */
export function loadTelegraphTable(path = TELEGRAPH_TABLE_PATH): TelegraphTable {
  if (cached && path === TELEGRAPH_TABLE_PATH) return cached;
  let parsed: TelegraphTable;
  try {
    parsed = TableFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `the telegraph-code table ${path} cannot be read: ${(e as Error).message}`,
    });
  }
  if (path === TELEGRAPH_TABLE_PATH) cached = parsed;
  return parsed;
}

/** Every run of codes after "Chinese Commercial Code" in a remark, each as its list of four-digit codes. */
export function cccCodesIn(remarks: string): string[][] {
  const out: string[][] = [];
  for (const m of remarks.matchAll(/Chinese\s+Commercial\s+Codes?\s*:?((?:\s+\d{4}\b)+)/gi))
    out.push(m[1]!.trim().split(/\s+/));
  return out;
}

export type CodeBook = 'mainland' | 'taiwan';

/** The characters of a run of codes in one code book, or undefined when a code is not in it. */
export function decodeCodes(codes: string[], table: TelegraphTable, book: CodeBook): string | undefined {
  let s = '';
  for (const c of codes) {
    const ch = table[book][c];
    if (!ch) return undefined;
    s += ch;
  }
  return s;
}

const latinWords = (name: string): string[] =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ü/g, 'v')
    .split(/[^a-z]+/)
    .filter(Boolean);

/** Mandarin readings of one character, toneless, ü written "v" and also "u". */
function readingsOf(ch: string): string[] {
  const r = pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }).filter((x) =>
    /^[a-z]+$/.test(x),
  );
  return [...new Set(r.flatMap((x) => (x.includes('v') ? [x, x.replace(/v/g, 'u')] : [x])))];
}

/** Whether the characters, one reading each, spell `target` exactly. */
function spells(chars: string[], target: string): boolean {
  const readings = chars.map(readingsOf);
  if (readings.some((r) => r.length === 0)) return false;
  // positions in target reachable after i characters
  let at = new Set([0]);
  for (const rs of readings) {
    const next = new Set<number>();
    for (const p of at) for (const r of rs) if (target.startsWith(r, p)) next.add(p + r.length);
    if (!next.size) return false;
    at = next;
  }
  return at.has(target.length);
}

function* orders(words: string[]): Generator<string[]> {
  yield words;
  if (words.length < 2) return;
  // the surname last ("Lei ZHANG") or first ("ZHANG, Lei"): move the last word to the front and back
  yield [words[words.length - 1]!, ...words.slice(0, -1)];
  yield [...words.slice(1), words[0]!];
}

/**
 * Whether Han characters read in Mandarin spell one of the Latin names (any reading of each character;
 * the name's words in their order, or with the surname moved from one end to the other).
 */
export function agreesWithLatin(han: string, latinNames: string[]): boolean {
  const chars = [...han];
  if (!chars.length) return false;
  for (const name of latinNames) {
    const words = latinWords(name);
    if (!words.length || words.length > 6) continue;
    for (const o of orders(words)) if (spells(chars, o.join(''))) return true;
  }
  return false;
}

export interface CccDecoding {
  codes: string[];
  /** The decoded name, or undefined when no code book gives characters that agree. */
  name?: string;
  book?: CodeBook;
  /** What each code book gave (for the disagreement report). */
  tried: { book: CodeBook; name?: string }[];
}

/** Decode every CCC run of a remark and check each against the entry's Latin names. */
export function decodeCccRemark(remarks: string, latinNames: string[], table: TelegraphTable): CccDecoding[] {
  return cccCodesIn(remarks).map((codes) => {
    const tried: CccDecoding['tried'] = [];
    for (const book of ['mainland', 'taiwan'] as const) {
      const name = decodeCodes(codes, table, book);
      tried.push(name ? { book, name } : { book });
      if (name && agreesWithLatin(name, latinNames)) return { codes, name, book, tried };
    }
    return { codes, tried };
  });
}

/**
 * An entity read from a list file, with the Chinese names its remark's CCC runs decode to (and agree with
 * its Latin names) added as aliases labelled with their source. Used by the OFAC CSV and CSL CSV readers.
 */
export function withCccNames(entity: ListedEntity, remarks: string | undefined): ListedEntity {
  if (!remarks || !/commercial\s+code/i.test(remarks)) return entity;
  const decoded = decodeCccRemark(remarks, [entity.name, ...entity.aliases], loadTelegraphTable());
  const names = [...new Set(decoded.flatMap((d) => (d.name ? [d.name] : [])))].filter(
    (n) => !entity.aliases.includes(n),
  );
  if (!names.length) return entity;
  return {
    ...entity,
    aliases: [...entity.aliases, ...names],
    nameSources: [...(entity.nameSources ?? []), ...names.map((name) => ({ name, source: CCC_SOURCE }))],
  };
}
