/**
 * Names imported from open data the user downloads (docs/SCREENING.md, "Names from open data"): the
 * records `htt lists import-names` reads from an OpenSanctions, Wikidata or GLEIF file, and what the API
 * accepts as the JSON body of POST /lists/names.
 */
import { z } from 'zod';

export const importFormats = ['opensanctions', 'wikidata', 'gleif'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** One record of an imported file. */
export const importedNameRecord = z
  .object({
    /** The record's own reference, e.g. "opensanctions:NK-abc", "wikidata:Q123", "gleif:5493001KJTIIGC8Y1R12". */
    ref: z.string().min(1).max(200),
    /** Identifiers of listed entries the source states ("ofac-16318"). */
    ids: z.array(z.string().min(1).max(100)).max(100),
    latinNames: z.array(z.string().min(1).max(500)).max(200),
    /** ISO 3166-1 alpha-2, upper case. */
    countries: z.array(z.string().regex(/^[A-Z]{2}$/)).max(50),
    /** The names to import: Chinese-script names and aliases (and GLEIF's transliterated names). */
    names: z.array(z.string().min(1).max(500)).min(1).max(200),
  })
  .strict();
export type ImportedNameRecord = z.infer<typeof importedNameRecord>;

export const nameImportInput = z
  .object({
    /** The file's format: which open data source it comes from ("format" is the HTTP rendering's). */
    source: z.enum(importFormats),
    /** The imported file's name, as every hit through one of its names states it. */
    file: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^/\\]+$/, 'a file name, not a path'),
    /** sha256 of the file's bytes, when the caller read a file. */
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    records: z.array(importedNameRecord).min(1).max(200_000),
  })
  .strict();
export type NameImportInput = z.infer<typeof nameImportInput>;
