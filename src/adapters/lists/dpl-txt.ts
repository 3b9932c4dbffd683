/**
 * Reader for BIS's Denied Persons List text file (dpl.txt): tab-delimited, double-quoted, one row per
 * address of a denied person; rows of the same person and order are merged into one entity.
 */
import { parse } from 'csv-parse/sync';
import { HttError } from '../../core/errors.js';
import type { ListedEntity } from '../../core/screening/types.js';
import { toIso2 } from './countries.js';
import { IdAllocator } from './list-codes.js';
import type { ReadResult } from './csl-json.js';

const SOURCE = 'Denied Persons List (DPL) - Bureau of Industry and Security';
const REQUIRED = ['Name', 'Street_Address', 'City', 'Country', 'Effective_Date', 'FR_Citation'];

export function isDplText(text: string): boolean {
  return /^"?Name"?\t"?Street_Address"?/.test(text);
}

export function readDplText(text: string, file = 'dpl.txt', today?: string): ReadResult {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      delimiter: '\t',
      columns: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (e) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `${file} is not a tab-delimited DPL file: ${(e as Error).message}`,
    });
  }
  const header = Object.keys(records[0] ?? {});
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (!records.length || missing.length) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `${file} is not a DPL file: missing ${missing.join(', ') || 'records'}`,
    });
  }
  const byKey = new Map<string, Record<string, string>[]>();
  for (const r of records) {
    const name = (r.Name ?? '').trim();
    if (!name) continue;
    const key = `${name.toUpperCase()}|${r.Effective_Date ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const ids = new IdAllocator();
  let newest = '';
  const entities: ListedEntity[] = [];
  for (const group of byKey.values()) {
    const first = group[0]!;
    for (const r of group) {
      const d = (r.Last_Update ?? '').trim();
      if (/^\d{4}-\d{2}-\d{2}$/.test(d) && d > newest && (!today || d <= today)) newest = d;
    }
    const countries = [...new Set(group.flatMap((r) => toIso2(r.Country ?? '') ?? []))];
    const e: ListedEntity = {
      id: ids.allocate('dpl', undefined, group),
      list: 'DPL',
      source: SOURCE,
      name: first.Name!.trim(),
      aliases: [],
      countries,
      addresses: group
        .map((r) =>
          [r.Street_Address, r.City, r.State, r.Postal_Code, r.Country]
            .map((x) => (x ?? '').trim())
            .filter(Boolean)
            .join(', '),
        )
        .filter(Boolean),
      programs: [],
      type: 'Entity',
      original: group,
    };
    const fr = (first.FR_Citation ?? '').trim();
    if (fr) e.federalRegister = fr;
    entities.push(e);
  }
  return { entities, format: 'dpl', ...(newest ? { dataDate: newest } : {}) };
}
