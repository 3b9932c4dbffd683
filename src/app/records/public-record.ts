/** What a record may show outside the store: never a password hash or a session secret. */
import type { StoredRecord } from '../ports/record-store.js';

export function publicRecord(r: StoredRecord): StoredRecord {
  if (r.kind === 'user') {
    const {
      passwordHash: _hash,
      invitation,
      ...data
    } = r.data as {
      passwordHash?: string;
      invitation?: { tokenHash?: string };
    };
    const pending = invitation ? { invitation: { ...invitation, tokenHash: undefined } } : {};
    return { ...r, data: { ...data, ...pending } };
  }
  if (r.kind === 'session') return { ...r, data: { ...(r.data as object), secretHash: undefined } };
  return r;
}

/** Is a value a stored record (as opposed to a report, a list of rows or a message)? */
export const isRecord = (r: unknown): r is StoredRecord =>
  !!r && typeof r === 'object' && 'kind' in r && 'id' in r && 'version' in r && 'data' in r;

/**
 * One page of a list: the records, and the cursor of the next page (null on the last). The HTTP adapter
 * answers the records with the cursor in the X-Next-Cursor and Link headers; the CLI prints the records and
 * the cursor on stderr.
 */
export class Page {
  constructor(
    readonly items: unknown[],
    readonly next: string | null,
  ) {}
}

/** An operation's output with every record in it (one, or a list) made public. */
export function publicOutput(output: unknown): unknown {
  if (output instanceof Page) return publicOutput(output.items);
  if (Array.isArray(output)) return output.map((r) => (isRecord(r) ? publicRecord(r) : r));
  return isRecord(output) ? publicRecord(output) : output;
}
