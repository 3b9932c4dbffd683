/**
 * Reader for OFAC's legacy CSV files: SDN (sdn.csv, alt.csv, add.csv) and the consolidated non-SDN list
 * (cons_prim.csv, cons_alt.csv, cons_add.csv). No header row; "-0-" is empty.
 */
import { parse } from 'csv-parse/sync';
import { HttError } from '../../core/errors.js';
import type { ListedEntity } from '../../core/screening/types.js';
import { toIso2 } from './countries.js';
import { IdAllocator, idPrefixOf, listCodeOf } from './list-codes.js';
import { withCccNames } from './telegraph-code.js';
import { ofacValue } from './text.js';
import type { ReadResult } from './csl-json.js';

export interface OfacFiles {
  /** sdn.csv or cons_prim.csv */
  primary: string;
  alt?: string;
  add?: string;
  /** which list the primary file is: "sdn" or "cons" (non-SDN consolidated) */
  kind: 'sdn' | 'cons';
  name?: string;
}

const SDN_SOURCE = 'Specially Designated Nationals (SDN) - Treasury Department';

/** Source list of a non-SDN consolidated record, by its program. */
function consSource(programs: string[]): string {
  const p = programs.join(' ');
  if (/CMIC/.test(p))
    return 'Non-SDN Chinese Military-Industrial Complex Companies List (CMIC) - Treasury Department';
  if (/UKRAINE-EO13662|RUSSIA-EO14024|SSI/.test(p))
    return 'Sectoral Sanctions Identifications List (SSI) - Treasury Department';
  if (/NS-PLC/.test(p)) return 'Palestinian Legislative Council List (PLC) - Treasury Department';
  if (/MBS|CAATSA/.test(p)) return 'Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department';
  return 'Non-SDN Consolidated Sanctions List - Treasury Department';
}

function rows(text: string, file: string, minColumns: number): string[][] {
  let records: string[][];
  try {
    records = parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: false,
    });
  } catch (e) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `${file} is not valid CSV: ${(e as Error).message}`,
    });
  }
  // a DOS end-of-file mark (Ctrl-Z) closes OFAC's files
  records = records.filter((r) => r.some((c) => c.replaceAll(String.fromCharCode(26), '').trim()));
  const bad = records.findIndex((r) => r.length < minColumns || !/^\d+$/.test((r[0] ?? '').trim()));
  if (bad >= 0) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `${file} line ${bad + 1} is not an OFAC legacy CSV record (expected ${minColumns}+ columns starting with an entity number)`,
    });
  }
  return records;
}

export function readOfacCsv(files: OfacFiles): ReadResult {
  const file = files.name ?? (files.kind === 'sdn' ? 'sdn.csv' : 'cons_prim.csv');
  const prim = rows(files.primary, file, 12);
  if (!prim.length) throw new HttError({ code: 'LISTS.INVALID', message: `${file} has no records` });
  const aliases = new Map<string, string[]>();
  for (const r of files.alt ? rows(files.alt, 'alt.csv', 4) : []) {
    const name = ofacValue(r[3]);
    if (name) aliases.set(r[0]!.trim(), [...(aliases.get(r[0]!.trim()) ?? []), name]);
  }
  const addresses = new Map<string, { text: string; country?: string }[]>();
  for (const r of files.add ? rows(files.add, 'add.csv', 5) : []) {
    const parts = [ofacValue(r[2]), ofacValue(r[3]), ofacValue(r[4])].filter(Boolean);
    const country = toIso2(ofacValue(r[4]));
    const list = addresses.get(r[0]!.trim()) ?? [];
    list.push({ text: parts.join(', '), ...(country ? { country } : {}) });
    addresses.set(r[0]!.trim(), list);
  }
  const ids = new IdAllocator();
  const entities = prim.map((r): ListedEntity => {
    const num = r[0]!.trim();
    const programs = ofacValue(r[3])
      .split(/\]\s*\[/)
      .map((p) => p.replace(/[[\]]/g, '').trim())
      .filter(Boolean);
    const source = files.kind === 'sdn' ? SDN_SOURCE : consSource(programs);
    const adds = addresses.get(num) ?? [];
    const type = ofacValue(r[2]);
    const e: ListedEntity = {
      id: ids.allocate(idPrefixOf(source), num, r),
      list: listCodeOf(source),
      source,
      name: ofacValue(r[1]),
      aliases: aliases.get(num) ?? [],
      countries: [...new Set(adds.flatMap((a) => (a.country ? [a.country] : [])))],
      addresses: adds.map((a) => a.text).filter(Boolean),
      programs,
      original: { primary: r, aliases: aliases.get(num) ?? [], addresses: adds },
    };
    e.type = type ? type[0]!.toUpperCase() + type.slice(1) : 'Entity';
    // Chinese names in the remarks' Chinese Commercial Codes, where they agree with the Latin names
    return withCccNames(e, ofacValue(r[11]));
  });
  return { entities, format: files.kind === 'sdn' ? 'ofac-sdn' : 'ofac-cons' };
}
