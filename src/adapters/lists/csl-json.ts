/**
 * Reader for the Consolidated Screening List JSON projection (ecfr-derived-seelpeed screening-list.json):
 * short keys explained by its `fieldKey`, values of some keys are indexes into `tables`.
 */
import { z } from 'zod';
import { HttError } from '../../core/errors.js';
import type { ListedEntity } from '../../core/screening/types.js';
import { IdAllocator, idPrefixOf, listCodeOf } from './list-codes.js';

const entrySchema = z
  .object({
    n: z.string().min(1),
    a: z.array(z.string()).optional(),
    s: z.number().int().nonnegative(),
    t: z.string().optional(),
    c: z.array(z.string()).optional(),
    e: z.string().optional(),
    lr: z.number().int().optional(),
    lp: z.number().int().optional(),
    pg: z.number().int().optional(),
    fr: z.string().optional(),
    u: z.number().int().optional(),
  })
  .passthrough();

const fileSchema = z.object({
  sourceGeneratedAt: z.string(),
  fieldKey: z.record(z.string()),
  tables: z.object({
    sources: z.array(z.string()),
    licenceRequirements: z.array(z.string()),
    licencePolicies: z.array(z.string()),
    programmes: z.array(z.string()),
    urls: z.array(z.string()).optional(),
  }),
  entries: z.array(entrySchema).min(1),
});

export interface ReadResult {
  entities: ListedEntity[];
  /** ISO date-time of the list data, when the file says. */
  dataDate?: string;
  format: string;
}

export function isCslJson(text: string): boolean {
  return /^\s*\{/.test(text) && text.includes('"fieldKey"') && text.includes('"entries"');
}

export function readCslJson(text: string, file = 'screening-list.json'): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `${file} is not valid JSON: ${(e as Error).message}`,
    });
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `${file} is not a CSL JSON projection: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      field: issue.path.join('.'),
    });
  }
  const { tables, entries, sourceGeneratedAt } = parsed.data;
  const ids = new IdAllocator();
  const pick = (table: string[], i: number | undefined, what: string, row: number) => {
    if (i === undefined) return undefined;
    const v = table[i];
    if (v === undefined) {
      throw new HttError({
        code: 'LISTS.INVALID',
        message: `${file}: entries[${row}] refers to ${what} ${i}, which does not exist`,
        field: `entries[${row}]`,
      });
    }
    return v;
  };
  const entities = entries.map((e, row): ListedEntity => {
    const source = pick(tables.sources, e.s, 'source', row)!;
    const entity: ListedEntity = {
      id: ids.allocate(idPrefixOf(source), e.e, e),
      list: listCodeOf(source),
      source,
      name: e.n.trim(),
      aliases: (e.a ?? []).map((a) => a.trim()).filter(Boolean),
      countries: e.c ?? [],
      addresses: [],
      programs: e.pg === undefined ? [] : [pick(tables.programmes, e.pg, 'programme', row)!],
      original: e,
    };
    if (e.t) entity.type = e.t;
    const lr = pick(tables.licenceRequirements, e.lr, 'licence requirement', row);
    const lp = pick(tables.licencePolicies, e.lp, 'licence policy', row);
    if (lr) entity.licenseRequirement = lr;
    if (lp) entity.licensePolicy = lp;
    if (e.fr) entity.federalRegister = e.fr;
    return entity;
  });
  return { entities, dataDate: sourceGeneratedAt, format: 'csl' };
}
