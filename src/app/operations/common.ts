/** Schemas the operations share: ids in paths, reasons, dates, the stored record and the workflow actions. */
import { z } from 'zod';
import { isoDate } from '../../core/rules/schema.js';
import type { Machine } from '../../core/workflows/machine.js';
import type { Role } from '../../core/workflows/roles.js';

export const id = z.string().min(1).max(100);
export const reason = z.string().min(1).max(5000);
export const anyJson = z.record(z.unknown());

/** A stored case record as the API and the CLI show it (secrets removed by the adapters' publicRecord). */
export const storedRecord = z.object({
  kind: z.string(),
  id: z.string(),
  orgIds: z.array(z.string()),
  state: z.string(),
  data: z.unknown(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  retainUntil: z.string().nullable(),
});
export const recordList = z.array(storedRecord);

/**
 * Filters of a list of records: GET query parameters and CLI flags alike (strings coerced). Deadlines are
 * those of src/core/workflows/deadlines.ts on today's date; `limit` pages, the next page's `cursor` comes
 * back in the X-Next-Cursor and Link headers (the CLI prints it on stderr).
 */
export const listQuery = z
  .object({
    state: z.string().max(50).optional(),
    overdue: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: records with a deadline past due; false: with none'),
    dueBefore: isoDate.optional().describe('records whose next deadline falls on or before this date'),
    limit: z.coerce.number().int().min(1).max(1000).optional().describe('records per page'),
    cursor: z.string().min(1).max(500).optional().describe('the next page, as the previous page returned it'),
  })
  .strict();

/** The date an action takes effect, when the caller may give one (defaults to today). */
export const on = isoDate
  .optional()
  .describe(
    'the date of the event: today by default; earlier only within the back-dating window, with a reason',
  );
/** Why an event is dated before the day it is recorded (kept in the audit log). */
export const backdateReason = z.string().min(1).max(2000).optional();

/** The roles any transition of a workflow action allows (the machine checks state and role again). */
export function rolesOf<S extends string, A extends string>(machine: Machine<S, A>, action: A): Role[] {
  return [...new Set(machine.transitions.filter((t) => t.action === action).flatMap((t) => t.roles))];
}

/** What a workflow action means, from its machine (the transitions' descriptions). */
export function describeAction<S extends string, A extends string>(
  machine: Machine<S, A>,
  action: A,
): string {
  const texts = [...new Set(machine.transitions.filter((t) => t.action === action).map((t) => t.describe))];
  return texts.join('; ');
}

/** "request_info" -> "request-info" (CLI verbs and flags are kebab case). */
export const kebab = (s: string): string =>
  s
    .replace(/_/g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();

/**
 * The reader's language for what the records say (documents, clock deadlines, inbox items): `zh` or `en`.
 * Over HTTP, when absent, the Accept-Language header decides (docs/CHECK.md, "Messages").
 */
export const lang = z
  .enum(['en', 'zh'])
  .optional()
  .describe("the reader's language (default: the Accept-Language header over HTTP, else English)");
