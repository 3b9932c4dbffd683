/**
 * Imported names, kept apart from the repository: each import is one JSON file in the user's names
 * directory ($HTT_NAMES_DIR, else .htt/names under the working directory, beside the SQLite database),
 * holding the records as read (name-import-readers.ts), the format, the file's name and sha256, when and by
 * whom. Records are matched to listed entries when a screening index is built, so that a new list snapshot
 * is matched afresh: by an identifier the source states (an OpenSanctions referent "ofac-16318" names the
 * OFAC entry 16318), else by exact Latin name (case, accents and punctuation aside) and country; never by
 * a fuzzy guess. A record that matches nothing adds nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { HttError } from '../../core/errors.js';
import type { ListedEntity } from '../../core/screening/types.js';
import {
  FORMAT_LICENCE,
  FORMAT_NAME,
  importedNameRecord,
  importFormats,
  isHan,
  type ImportedNameRecord,
  type ImportFormat,
} from './name-import-readers.js';
import type { NameImports } from '../../app/services.js';
import { applyNameSupplements, latinKey, loadShippedNames, type NameSupplement } from './name-supplements.js';

/** The directory imported names are kept in. */
export function namesDir(): string {
  return resolve(process.env.HTT_NAMES_DIR ?? '.htt/names');
}

export const importBatch = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    format: z.enum(importFormats),
    /** The imported file's name (not its path) and sha256. */
    file: z.string(),
    sha256: z.string(),
    importedAt: z.string(),
    importedBy: z.string(),
    licence: z.string(),
    records: z.array(importedNameRecord),
  })
  .strict();
export type ImportBatch = z.infer<typeof importBatch>;

export interface BatchSummary {
  id: string;
  format: ImportFormat;
  file: string;
  sha256: string;
  importedAt: string;
  importedBy: string;
  licence: string;
  records: number;
  names: number;
}

const summary = (b: ImportBatch): BatchSummary => ({
  id: b.id,
  format: b.format,
  file: b.file,
  sha256: b.sha256,
  importedAt: b.importedAt,
  importedBy: b.importedBy,
  licence: b.licence,
  records: b.records.length,
  names: b.records.reduce((n, r) => n + r.names.length, 0),
});

const batchFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((f) => /^[a-z0-9-]+\.json$/.test(f))
      .sort();
  } catch {
    return [];
  }
};

/** Every stored import, oldest first. A damaged file is an error, not silently skipped. */
export function readBatches(dir = namesDir()): ImportBatch[] {
  return batchFiles(dir).map((f) => {
    try {
      return importBatch.parse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    } catch (e) {
      throw new HttError({
        code: 'LISTS.INVALID',
        message: `the imported names file ${join(dir, f)} cannot be read (remove it with htt lists remove-names ${f.replace(/\.json$/, '')}): ${(e as Error).message.slice(0, 300)}`,
      });
    }
  });
}

/** sha256 over the stored imports' bytes: part of what a stored screening index was built from. */
export function importsDigest(dir = namesDir()): string {
  const h = createHash('sha256');
  for (const f of batchFiles(dir))
    h.update(`${f}\n`)
      .update(readFileSync(join(dir, f)))
      .update('\n');
  return h.digest('hex');
}

/** Store an import (temporary file, then rename). */
export function saveBatch(
  input: Omit<ImportBatch, 'licence' | 'sha256'> & { sha256?: string | undefined },
  dir = namesDir(),
): ImportBatch {
  if (!/^[a-z0-9-]+$/.test(input.id) || batchFiles(dir).includes(`${input.id}.json`))
    throw new HttError({ code: 'CASE.CONFLICT', message: `imported names ${input.id} exist already` });
  const batch: ImportBatch = importBatch.parse({
    ...input,
    sha256: input.sha256 ?? '',
    licence: FORMAT_LICENCE[input.format],
  });
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${batch.id}.json`);
  const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, `${JSON.stringify(batch)}\n`);
  renameSync(tmp, path);
  return batch;
}

export function listBatches(dir = namesDir()): BatchSummary[] {
  return readBatches(dir).map(summary);
}

/** Remove an import by id; CASE.NOT_FOUND when there is none. */
export function removeBatch(id: string, dir = namesDir()): void {
  if (!/^[a-z0-9-]+$/.test(id) || !batchFiles(dir).includes(`${id}.json`))
    throw new HttError({ code: 'CASE.NOT_FOUND', message: `no imported names ${id} in ${dir}` });
  rmSync(join(dir, `${id}.json`));
}

/** What every hit through an imported name says of it. */
export function importSource(b: Pick<ImportBatch, 'format' | 'file' | 'licence'>, ref: string): string {
  const id = ref.slice(ref.indexOf(':') + 1);
  return `name from ${FORMAT_NAME[b.format]} ${id} (${b.licence}; imported by the user from ${b.file})`;
}

/** Listed entries by OFAC entity number (the Treasury lists' ids end in it) and by exact Latin name. */
function entityKeys(entities: ListedEntity[]) {
  const ofac = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, k: string, i: number) => {
    const l = m.get(k);
    if (!l) m.set(k, [i]);
    else if (l[l.length - 1] !== i) l.push(i);
  };
  entities.forEach((e, i) => {
    const num = /-(\d+)$/.exec(e.id)?.[1];
    if (num && /Treasury Department/.test(e.source)) push(ofac, num, i);
    for (const n of [e.name, ...e.aliases]) if (!isHan(n)) push(byName, latinKey(n), i);
  });
  return { ofac, byName };
}

/** The listed entries a record names: by identifier, else by exact Latin name and a shared country. */
export function matchRecord(
  r: ImportedNameRecord,
  entities: ListedEntity[],
  keys = entityKeys(entities),
): { entities: number[]; by: 'identifier' | 'name and country' } | undefined {
  const byId = new Set<number>();
  for (const id of r.ids) {
    const num = /^ofac-(\d+)$/.exec(id)?.[1];
    for (const i of num ? (keys.ofac.get(num) ?? []) : []) byId.add(i);
  }
  if (byId.size) return { entities: [...byId], by: 'identifier' };
  if (!r.countries.length) return undefined;
  const byName = new Set<number>();
  for (const n of r.latinNames) {
    for (const i of keys.byName.get(latinKey(n)) ?? []) {
      if (entities[i]!.countries.some((c) => r.countries.includes(c))) byName.add(i);
    }
  }
  return byName.size ? { entities: [...byName], by: 'name and country' } : undefined;
}

/** The stored imports as name supplements of these entities. */
export function importedSupplements(entities: ListedEntity[], batches = readBatches()): NameSupplement[] {
  if (!batches.length) return [];
  const keys = entityKeys(entities);
  const out: NameSupplement[] = [];
  for (const b of batches) {
    for (const r of b.records) {
      const m = matchRecord(r, entities, keys);
      if (!m) continue;
      const source = importSource(b, r.ref);
      for (const i of m.entities)
        for (const name of r.names)
          out.push({ entity: entities[i]!.id, listedName: entities[i]!.name, name, source });
    }
  }
  return out;
}

/** How many listed entries (and of those, entries located in China) supplements give a name. */
function gaining(entities: ListedEntity[], supplements: NameSupplement[]) {
  const { applied } = applyNameSupplements(entities, supplements);
  const ids = new Set(applied.map((s) => s.entity));
  const china = entities.filter((e) => ids.has(e.id) && e.countries.includes('CN')).length;
  return {
    /** names the source gives the entries it matched, and of those the ones attached */
    matchedNames: supplements.length,
    attachedNames: applied.length,
    entriesGaining: ids.size,
    chinaEntriesGaining: china,
  };
}

export interface NameImportsOptions {
  dir?: string;
  /** The listed entities of the current snapshot (to say what an import matches); [] when none. */
  entities: () => ListedEntity[];
  /** Called after the imports changed (forget the loaded screener: its index is rebuilt with them). */
  changed?: () => void;
}

/** The NameImports port over the names directory. */
export function nameImportsIn(options: NameImportsOptions): NameImports {
  const dir = options.dir ?? namesDir();
  const changed = options.changed ?? (() => {});
  return {
    location: dir,
    save(input) {
      const records = input.records.map((r) => importedNameRecord.parse(r));
      const { source: format, ...rest } = input;
      const batch = saveBatch({ ...rest, format, records }, dir);
      changed();
      const entities = options.entities();
      const keys = entityKeys(entities);
      const matchedRecords = records.filter((r) => matchRecord(r, entities, keys)).length;
      const g = gaining(entities, importedSupplements(entities, [batch]));
      const { id, file, licence, records: count, names } = summary(batch);
      return {
        id,
        format,
        file,
        licence,
        records: count,
        names,
        matchedRecords,
        entriesGaining: g.entriesGaining,
        chinaEntriesGaining: g.chinaEntriesGaining,
      };
    },
    describe() {
      const entities = options.entities();
      const shipped = loadShippedNames().map((f) => ({
        file: `data/names/${f.file}`,
        source: f.supplements[0]?.source ?? '',
        names: f.supplements.length,
        ...gaining(entities, f.supplements),
      }));
      const imports = readBatches(dir).map((b) => ({
        ...summary(b),
        ...gaining(entities, importedSupplements(entities, [b])),
      }));
      return { location: dir, listedEntities: entities.length, shipped, imports };
    },
    remove(id) {
      removeBatch(id, dir);
      changed();
    },
  };
}
