/** Validation of input against a contract schema, with the stable error the edges report. */
import type { z } from 'zod';
import { HttError } from '../core/errors.js';

/** Validate `data` against a contract schema; a failure names the first offending field and lists all. */
export function validate<S extends z.ZodTypeAny>(schema: S, data: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) {
    checkText(r.data, what);
    return r.data;
  }
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

/**
 * Text no database should hold (issue 14): NUL and the other C0 control characters but tab, line feed and
 * carriage return, DEL, the C1 control characters (U+0080-U+009F, never part of written text), the
 * bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069: they make a name or a
 * reason display as something other than what is stored; the marks LRM and RLM stay allowed), and UTF-16
 * surrogates without their pair. PostgreSQL refuses NUL in text and jsonb, and a lone surrogate breaks every
 * jsonb filter over the record that holds it.
 */
const UNSAFE_TEXT =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE =
  'text may not contain NUL or other control characters (tab and line breaks excepted), bidirectional override controls or unpaired UTF-16 surrogates';

export function hasUnsafeText(text: string): boolean {
  return UNSAFE_TEXT.test(text);
}

/** The path of the first string (value or key) in `value` that holds unsafe text, if any. */
export function findUnsafeText(
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[] | undefined {
  if (typeof value === 'string') return UNSAFE_TEXT.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (UNSAFE_TEXT.test(k)) return [...path, k];
      const found = findUnsafeText(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Refuse input holding unsafe text anywhere with INPUT.INVALID naming the field: every edge calls this. */
export function checkText(value: unknown, what: string): void {
  const path = findUnsafeText(value);
  if (!path) return;
  const field = fieldPath(path) || '(root)';
  throw new HttError({
    code: 'INPUT.INVALID',
    message: `${what}: ${field}: ${UNSAFE_TEXT_MESSAGE}`,
    field,
    details: [{ field, message: UNSAFE_TEXT_MESSAGE }],
  });
}
