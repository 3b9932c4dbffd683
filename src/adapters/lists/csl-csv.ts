/** Reader for trade.gov's Consolidated Screening List CSV (current layout with `_id`, and the older one). */
import { parse } from 'csv-parse/sync';
import { HttError } from '../../core/errors.js';
import type { ListedEntity } from '../../core/screening/types.js';
import { toIso2 } from './countries.js';
import { IdAllocator, idPrefixOf, listCodeOf } from './list-codes.js';
import type { ReadResult } from './csl-json.js';
import { withCccNames } from './telegraph-code.js';

export function isCslCsv(text: string): boolean {
  const head = text.slice(0, 400).split(/\r?\n/)[0] ?? '';
  return /(^|,)source,/.test(head) && /,name,/.test(head) && /alt_names/.test(head);
}

export function readCslCsv(text: string, file = 'consolidated.csv'): ReadResult {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `${file} is not valid CSV: ${(e as Error).message}`,
    });
  }
  if (!records.length) throw new HttError({ code: 'LISTS.INVALID', message: `${file} has no records` });
  const ids = new IdAllocator();
  const split = (v: string | undefined) =>
    (v ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  const entities = records.map((r, i): ListedEntity => {
    const source = (r.source ?? '').trim();
    const name = (r.name ?? '').trim();
    if (!source || !name) {
      throw new HttError({
        code: 'LISTS.INVALID',
        message: `${file} row ${i + 2} has no source or name`,
        field: `row ${i + 2}`,
      });
    }
    const addresses = split(r.addresses);
    const countries = [...new Set(addresses.flatMap((a) => toIso2(a.split(',').pop() ?? '') ?? []))];
    const e: ListedEntity = {
      id: ids.allocate(idPrefixOf(source), (r.entity_number ?? '').trim() || undefined, r),
      list: listCodeOf(source),
      source,
      name,
      aliases: split(r.alt_names),
      countries,
      addresses,
      programs: split(r.programs),
      original: r,
    };
    if (r.type) e.type = r.type;
    if (r.license_requirement) e.licenseRequirement = r.license_requirement;
    if (r.license_policy) e.licensePolicy = r.license_policy;
    if (r.federal_register_notice) e.federalRegister = r.federal_register_notice;
    return withCccNames(e, r.remarks);
  });
  return { entities, format: 'csl-csv' };
}
