/**
 * Readers for name files the user downloads under their own licence and imports with
 * `htt lists import-names --format opensanctions|wikidata|gleif FILE` (docs/SCREENING.md, "Names from open
 * data"). Each reader turns a file into ImportedNameRecords: the record's own reference, the stable
 * identifiers that name listed entries (OpenSanctions referents such as "ofac-16318"), its Latin names and
 * countries (to find the listed entry by exact name and country) and the names to import (Chinese-script
 * names and aliases; GLEIF's transliterated names). Matching to listed entries is name-import-store.ts's.
 *
 *   opensanctions  FollowTheMoney entities as JSON lines (entities.ftm.json), or targets.simple.csv
 *   wikidata       a JSON entity dump (an array, one entity a line) or Special:EntityData JSON
 *                  ({"entities": {...}}), or SPARQL JSON results with the variables item, en, zh, country
 *   gleif          the LEI-CDF golden copy CSV, or JSON:API records (api.gleif.org /lei-records)
 */
import { parse } from 'csv-parse/sync';
import {
  importedNameRecord,
  importFormats,
  type ImportedNameRecord,
  type ImportFormat,
} from '../../contracts/names.js';
import { z } from 'zod';
import { HttError } from '../../core/errors.js';
import { toIso2 } from './countries.js';

export { importFormats, importedNameRecord };
export type { ImportFormat, ImportedNameRecord };

/** The licence each source's data comes under, stated in every hit through one of its names. */
export const FORMAT_LICENCE: Record<ImportFormat, string> = {
  opensanctions: 'CC BY-NC 4.0',
  wikidata: 'CC0 1.0',
  gleif: 'CC0 1.0',
};
export const FORMAT_NAME: Record<ImportFormat, string> = {
  opensanctions: 'OpenSanctions',
  wikidata: 'Wikidata',
  gleif: 'GLEIF',
};

const HAN = /\p{Script=Han}/u;
export const isHan = (s: string): boolean => HAN.test(s);

const invalid = (file: string, message: string) =>
  new HttError({ code: 'INPUT.INVALID', message: `${file}: ${message}`, field: 'file' });

const uniq = (xs: (string | undefined | null)[]): string[] => [
  ...new Set(xs.map((x) => (x ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean)),
];

const iso2 = (xs: (string | undefined)[]): string[] =>
  uniq(
    xs.map((x) => {
      const v = (x ?? '').trim();
      if (/^[a-z]{2}$/i.test(v)) return v.toUpperCase();
      return toIso2(v);
    }),
  ).filter((c) => /^[A-Z]{2}$/.test(c));

/** A record with names to import, or nothing. */
function record(
  ref: string,
  ids: string[],
  all: string[],
  countries: string[],
  extra: string[] = [],
): ImportedNameRecord[] {
  const names = uniq([...all.filter(isHan), ...extra]);
  if (!names.length) return [];
  return [{ ref, ids: uniq(ids), latinNames: uniq(all.filter((n) => !isHan(n))), countries, names }];
}

function parseCsv(text: string, file: string): Record<string, string>[] {
  try {
    return parse(text, { columns: true, relax_column_count: true, skip_empty_lines: true, bom: true });
  } catch (e) {
    throw invalid(file, `not valid CSV: ${(e as Error).message}`);
  }
}

// ------------------------------------------------------------------------------------------ OpenSanctions

const ftmEntity = z
  .object({
    id: z.string().min(1),
    schema: z.string().optional(),
    referents: z.array(z.string()).optional(),
    properties: z.record(z.array(z.unknown())).optional(),
  })
  .passthrough();

const COUNTRY_PROPS = ['country', 'jurisdiction', 'mainCountry', 'nationality', 'citizenship'];
const NAME_PROPS = ['name', 'alias', 'previousName', 'weakAlias'];

function readOpenSanctions(text: string, file: string): ImportedNameRecord[] {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) {
    // targets.simple.csv: id, schema, name, aliases (";"), countries (";"), ...
    const rows = parseCsv(text, file);
    if (rows.length && !('id' in rows[0]! && 'name' in rows[0]!))
      throw invalid(file, 'not an OpenSanctions targets.simple.csv (expected the columns id and name)');
    return rows.flatMap((r) =>
      record(
        `opensanctions:${r.id}`,
        [r.id ?? ''],
        [r.name ?? '', ...(r.aliases ?? '').split(';')],
        iso2((r.countries ?? '').split(';')),
      ),
    );
  }
  const out: ImportedNameRecord[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let parsed: z.infer<typeof ftmEntity>;
    try {
      parsed = ftmEntity.parse(JSON.parse(line));
    } catch (e) {
      throw invalid(
        file,
        `line ${i + 1} is not a FollowTheMoney entity: ${(e as Error).message.slice(0, 200)}`,
      );
    }
    const p = parsed.properties ?? {};
    const strings = (keys: string[]) =>
      keys.flatMap((k) => (p[k] ?? []).filter((v): v is string => typeof v === 'string'));
    out.push(
      ...record(
        `opensanctions:${parsed.id}`,
        [parsed.id, ...(parsed.referents ?? [])],
        strings(NAME_PROPS),
        iso2(strings(COUNTRY_PROPS)),
      ),
    );
  });
  return out;
}

// ----------------------------------------------------------------------------------------------- Wikidata

/** Wikidata items of countries and regions whose ISO code the import can take from a P17 (country) claim. */
const WIKIDATA_COUNTRIES: Record<string, string> = { Q148: 'CN', Q8646: 'HK' };

const wdEntity = z
  .object({
    id: z.string().regex(/^Q\d+$/),
    labels: z.record(z.object({ value: z.string() }).passthrough()).optional(),
    aliases: z.record(z.array(z.object({ value: z.string() }).passthrough())).optional(),
    claims: z.record(z.array(z.unknown())).optional(),
  })
  .passthrough();

const claimValueIds = (claims: unknown[] | undefined): string[] =>
  (claims ?? []).flatMap((c) => {
    const id = (c as { mainsnak?: { datavalue?: { value?: { id?: unknown } } } })?.mainsnak?.datavalue?.value
      ?.id;
    return typeof id === 'string' ? [id] : [];
  });

function fromWikidataEntity(raw: unknown, file: string): ImportedNameRecord[] {
  const parsed = wdEntity.safeParse(raw);
  if (!parsed.success) throw invalid(file, `not a Wikidata entity: ${parsed.error.issues[0]!.message}`);
  const e = parsed.data;
  const names = [
    ...Object.values(e.labels ?? {}).map((l) => l.value),
    ...Object.values(e.aliases ?? {}).flatMap((as) => as.map((a) => a.value)),
  ];
  const countries = uniq(claimValueIds(e.claims?.P17).map((q) => WIKIDATA_COUNTRIES[q]));
  return record(`wikidata:${e.id}`, [], names, countries);
}

function readWikidata(text: string, file: string): ImportedNameRecord[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw invalid(file, `not valid JSON: ${(e as Error).message}`);
    }
    const d = data as { entities?: Record<string, unknown>; results?: { bindings?: unknown[] } };
    if (d.entities) return Object.values(d.entities).flatMap((x) => fromWikidataEntity(x, file));
    if (d.results?.bindings) return readSparql(d.results.bindings, file);
    return fromWikidataEntity(data, file);
  }
  if (trimmed.startsWith('[')) {
    // the dump: "[", one entity a line with a trailing comma, "]"
    return trimmed
      .slice(1, trimmed.endsWith(']') ? -1 : undefined)
      .split(/\r?\n/)
      .map((l) => l.trim().replace(/,$/, ''))
      .filter(Boolean)
      .flatMap((l, i) => {
        try {
          return fromWikidataEntity(JSON.parse(l), file);
        } catch (e) {
          if (e instanceof HttError) throw e;
          throw invalid(file, `entity line ${i + 2} is not valid JSON`);
        }
      });
  }
  throw invalid(file, 'not Wikidata JSON (an entity dump, Special:EntityData JSON or SPARQL JSON results)');
}

/** SPARQL results: ?item, ?en (a Latin name), ?zh (a Chinese label or alias), ?country (ISO alpha-2, wdt:P297). */
function readSparql(bindings: unknown[], file: string): ImportedNameRecord[] {
  const byItem = new Map<string, { latin: string[]; zh: string[]; countries: string[] }>();
  for (const b of bindings) {
    const v = (k: string) => (b as Record<string, { value?: unknown } | undefined>)[k]?.value;
    const item = v('item');
    if (typeof item !== 'string') throw invalid(file, 'a SPARQL result without ?item');
    const q = /Q\d+$/.exec(item)?.[0];
    if (!q) throw invalid(file, `?item ${item} is not a Wikidata item`);
    const acc = byItem.get(q) ?? { latin: [], zh: [], countries: [] };
    for (const k of ['en', 'name', 'itemLabel']) if (typeof v(k) === 'string') acc.latin.push(v(k) as string);
    for (const k of ['zh', 'zhLabel', 'zhAlias']) if (typeof v(k) === 'string') acc.zh.push(v(k) as string);
    for (const k of ['country', 'countryCode', 'iso'])
      if (typeof v(k) === 'string') acc.countries.push(v(k) as string);
    byItem.set(q, acc);
  }
  return [...byItem].flatMap(([q, a]) =>
    record(`wikidata:${q}`, [], [...a.latin, ...a.zh], iso2(a.countries)),
  );
}

// -------------------------------------------------------------------------------------------------- GLEIF

function readGleif(text: string, file: string): ImportedNameRecord[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw invalid(file, `not valid JSON: ${(e as Error).message}`);
    }
    const list = Array.isArray(data) ? data : ((data as { data?: unknown }).data ?? data);
    const items = Array.isArray(list) ? list : [list];
    return items.flatMap((item) => {
      const rec = item as {
        id?: string;
        attributes?: {
          lei?: string;
          entity?: {
            legalName?: { name?: string };
            otherNames?: { name?: string }[];
            transliteratedOtherNames?: { name?: string }[];
            legalAddress?: { country?: string };
            headquartersAddress?: { country?: string };
          };
        };
      };
      const lei = rec.attributes?.lei ?? rec.id;
      const e = rec.attributes?.entity;
      if (!lei || !e)
        throw invalid(file, 'not GLEIF LEI records (expected data[].attributes.lei and .entity)');
      const translit = (e.transliteratedOtherNames ?? []).map((n) => n.name ?? '');
      return record(
        `gleif:${lei}`,
        [],
        [e.legalName?.name ?? '', ...(e.otherNames ?? []).map((n) => n.name ?? ''), ...translit],
        iso2([e.legalAddress?.country, e.headquartersAddress?.country]),
        // a transliterated name (the Latin reading of a Chinese legal name) is imported as well
        hasHanName(e.legalName?.name, e.otherNames) ? translit : [],
      );
    });
  }
  const rows = parseCsv(text, file);
  if (rows.length && !('LEI' in rows[0]! && 'Entity.LegalName' in rows[0]!))
    throw invalid(
      file,
      'not a GLEIF LEI-CDF golden copy CSV (expected the columns LEI and Entity.LegalName)',
    );
  return rows.flatMap((r) => {
    const cols = Object.keys(r);
    const pick = (re: RegExp) => cols.filter((c) => re.test(c)).map((c) => r[c] ?? '');
    const other = pick(/^Entity\.OtherEntityNames\.OtherEntityName\.\d+$/);
    const translit = pick(/^Entity\.TransliteratedOtherEntityNames\.TransliteratedOtherEntityName\.\d+$/);
    const legal = r['Entity.LegalName'] ?? '';
    return record(
      `gleif:${r.LEI}`,
      [],
      [legal, ...other, ...translit],
      iso2([r['Entity.LegalAddress.Country'], r['Entity.HeadquartersAddress.Country']]),
      hasHanName(
        legal,
        other.map((name) => ({ name })),
      )
        ? translit
        : [],
    );
  });
}

const hasHanName = (legal: string | undefined, other: { name?: string }[] | undefined) =>
  isHan(legal ?? '') || (other ?? []).some((o) => isHan(o.name ?? ''));

/** Read a name file of a format into records (those with no name to import are left out). */
export function readNameFile(format: ImportFormat, text: string, file: string): ImportedNameRecord[] {
  if (!text.trim()) throw invalid(file, 'the file is empty');
  if (format === 'opensanctions') return readOpenSanctions(text, file);
  if (format === 'wikidata') return readWikidata(text, file);
  return readGleif(text, file);
}
