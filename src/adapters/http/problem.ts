/**
 * Errors as RFC 9457 problem+json: HttError codes map to their HTTP status through the one error table;
 * anything else is a bug, logged with its stack, and answered as a bare 500 without details.
 */
import type { Context } from 'hono';
import { z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { errorTable, HttError, type ErrorCode } from '../../core/errors.js';
import { fieldPath } from '../../app/validate.js';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    field: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    refusals: z
      .array(z.object({ reason: z.string(), citation: z.string(), line: z.number().int().optional() }))
      .optional()
      .describe("CASE.SHIPMENT_REFUSED: the release gate's reasons, each with its citation"),
  })
  .openapi('Problem');

export function problemBody(
  code: ErrorCode,
  detail: string,
  extra: {
    field?: string;
    errors?: { field: string; message: string }[];
    refusals?: { reason: string; citation: string; line?: number }[];
  } = {},
) {
  const entry = errorTable[code];
  return {
    type: `https://htt.example/problems/${code.toLowerCase().replace(/\./g, '-')}`,
    title: entry.title,
    status: entry.http,
    detail,
    code,
    ...extra,
  };
}

export function problemResponse(
  c: Context,
  code: ErrorCode,
  detail: string,
  extra: Parameters<typeof problemBody>[2] = {},
  headers: Record<string, string> = {},
) {
  const body = problemBody(code, detail, extra);
  return c.body(JSON.stringify(body), body.status as never, {
    'content-type': 'application/problem+json',
    ...headers,
  });
}

export function fromHttError(c: Context, e: HttError) {
  const details = Array.isArray(e.problem.details)
    ? (e.problem.details as { field: string; message: string }[])
    : undefined;
  // the release gate's refusals, as a list the desk shows one by one
  const refusals =
    e.code === 'CASE.SHIPMENT_REFUSED' && e.problem.details && typeof e.problem.details === 'object'
      ? (e.problem.details as { refusals?: { reason: string; citation: string; line?: number }[] }).refusals
      : undefined;
  return problemResponse(c, e.code, e.message, {
    ...(e.problem.field ? { field: e.problem.field } : {}),
    ...(details ? { errors: details } : {}),
    ...(refusals ? { refusals } : {}),
  });
}

export function fromZodError(c: Context, error: ZodError, where: string) {
  const errors = error.issues.map((i) => ({
    field: fieldPath(i.path as (string | number)[]) || '(root)',
    message: i.message,
  }));
  const first = errors[0];
  return problemResponse(
    c,
    'INPUT.INVALID',
    `${where}: ${errors.map((x) => `${x.field}: ${x.message}`).join('; ')}`,
    {
      ...(first ? { field: first.field } : {}),
      errors,
    },
  );
}
