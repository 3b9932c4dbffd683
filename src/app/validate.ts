/** Validation of input against a contract schema, with the stable error the edges report. */
import type { z } from 'zod';
import { HttError } from '../core/errors.js';

/** Validate `data` against a contract schema; a failure names the first offending field and lists all. */
export function validate<S extends z.ZodTypeAny>(schema: S, data: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
  const first = issues[0];
  throw new HttError({
    code: 'INPUT.INVALID',
    message: `${what}: ${issues.map((i) => `${i.field || '(root)'}: ${i.message}`).join('; ')}`,
    ...(first?.field ? { field: first.field } : {}),
    details: issues,
  });
}

export function fieldPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p),
    '',
  );
}
