/**
 * Names of listed entries from outside the list files (docs/SCREENING.md, "Names from open data"): the
 * shipped name files under data/names/ (`*.names.json`, each with its PROVENANCE.md and licence) and the
 * files the user imported (name-import-store.ts). Each name is attached to the entry it was derived for by
 * the entry's id, and only while the entry still carries the Latin name it was derived from: a changed
 * entry drops the name rather than pass it to another party. Attached names become aliases labelled with
 * their source (ListedEntity.nameSources), which every hit through them states.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { HttError } from '../../core/errors.js';
import type { ListedEntity } from '../../core/screening/types.js';

export const SHIPPED_NAMES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../data/names');

/** One name for one listed entry. */
export interface NameSupplement {
  /** The entry's id as the readers allocate it ("sdn-16318"). */
  entity: string;
  /** The entry's Latin name (primary or alias) the name was derived for. */
  listedName: string;
  name: string;
  /** What a hit through the name says of its origin. */
  source: string;
}

export const ShippedNameFile = z.object({
  $comment: z.string().optional(),
  /** The label every hit through one of the file's names carries. */
  source: z.string().min(1),
  licence: z.string().min(1),
  provenance: z.string().min(1),
  names: z.array(
    z
      .object({
        entity: z.string().min(1),
        listedName: z.string().min(1),
        name: z.string().min(1),
      })
      .passthrough(),
  ),
});
export type ShippedNameFile = z.infer<typeof ShippedNameFile>;

/** The shipped name files of a directory (default data/names), each as the supplements it holds. */
export function loadShippedNames(dir = SHIPPED_NAMES_DIR): { file: string; supplements: NameSupplement[] }[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.names.json'))
      .sort();
  } catch {
    return [];
  }
  return files.map((f) => {
    let parsed: ShippedNameFile;
    try {
      parsed = ShippedNameFile.parse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    } catch (e) {
      throw new HttError({
        code: 'LISTS.INVALID',
        message: `the name file ${join(dir, f)} cannot be read: ${(e as Error).message}`,
      });
    }
    return {
      file: f,
      supplements: parsed.names.map((n) => ({
        entity: n.entity,
        listedName: n.listedName,
        name: n.name,
        source: parsed.source,
      })),
    };
  });
}

/** A Latin name compared as written, but for case, accents, punctuation and spacing. */
export function latinKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface AppliedNames {
  entities: ListedEntity[];
  /** Supplements attached to an entry. */
  applied: NameSupplement[];
  /** Supplements whose entry is missing or no longer carries the Latin name they were derived for. */
  unmatched: NameSupplement[];
  /** sha256 of the applied supplements: the stored index records it (a changed import rebuilds it). */
  sha256: string;
}

/** Attach supplements to their entries (new objects; the input entities are not changed). */
export function applyNameSupplements(entities: ListedEntity[], supplements: NameSupplement[]): AppliedNames {
  const byId = new Map<string, number>();
  entities.forEach((e, i) => byId.set(e.id, i));
  const out = entities.slice();
  const applied: NameSupplement[] = [];
  const unmatched: NameSupplement[] = [];
  for (const s of supplements) {
    const i = byId.get(s.entity);
    const e = i === undefined ? undefined : out[i]!;
    const key = latinKey(s.listedName);
    if (!e || ![e.name, ...e.aliases].some((n) => latinKey(n) === key)) {
      unmatched.push(s);
      continue;
    }
    applied.push(s);
    // a name the entry has already (the list's own, or an earlier source's) keeps what it was
    if (e.name === s.name || e.aliases.includes(s.name)) continue;
    out[i!] = {
      ...e,
      aliases: [...e.aliases, s.name],
      nameSources: [...(e.nameSources ?? []), { name: s.name, source: s.source }],
    };
  }
  const sha256 = createHash('sha256')
    .update(
      JSON.stringify(
        applied
          .map((s) => [s.entity, s.listedName, s.name, s.source])
          .sort((a, b) => (a.join() < b.join() ? -1 : 1)),
      ),
    )
    .digest('hex');
  return { entities: out, applied, unmatched, sha256 };
}
