/**
 * Secrets never enter the audit log (issue 14): the store redacts every record image before it hashes and
 * appends an entry, so the chain is computed over the redacted image and verifies as before. A password
 * hash, a session's secret hash or any token is replaced by a marker that says a value was there (and
 * whether it changed is shown by the entry's action: `user.set_password`), never the value. Pure.
 */

/** Field names whose values are secrets, wherever they sit in a record's data. */
const SECRET_FIELD = /^(password|passwordHash|secret|secretHash|token|tokenHash|apiKey|privateKey)$/i;

export const REDACTED = '[redacted]';

/**
 * The bytes of an attached file are not kept in the audit log either (they would copy every upload into it):
 * the entry keeps the file's name, size and SHA-256, against which every download is checked.
 */
const BULK_FIELD = /^contentBase64$/;
export const STORED_APART = '[file content: see sha256]';

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        v === null || v === undefined
          ? v
          : SECRET_FIELD.test(k)
            ? REDACTED
            : BULK_FIELD.test(k)
              ? STORED_APART
              : redactValue(v),
      ]),
    );
  }
  return value;
}

/** The record image as the audit log keeps it: its `data` with every secret field replaced by a marker. */
export function redactSecrets<T>(record: T): T {
  if (record === null || typeof record !== 'object') return record;
  const r = record as { data?: unknown };
  if (!('data' in r)) return record;
  return { ...record, data: redactValue(r.data) } as T;
}
