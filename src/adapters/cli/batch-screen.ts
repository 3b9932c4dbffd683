/** Batch screening shared by the CLI and its worker threads: one name per line in, one JSON line out. */
import { HttError } from '../../core/errors.js';
import type { Screener, ScreenOptions } from '../../core/screening/types.js';

export interface LineOptions extends ScreenOptions {
  country?: string;
}

/** Screen one input line and render the contract's JSON line; a bad line gives an error field, not a crash. */
export function screenLine(screener: Screener, line: string, options: LineOptions): string {
  const query = line.replace(/\r$/, '');
  try {
    const hits = screener.screen(
      { name: query, ...(options.country ? { country: options.country } : {}) },
      options,
    );
    return JSON.stringify({ query, hits });
  } catch (e) {
    if (e instanceof HttError)
      return JSON.stringify({ query, hits: [], error: { code: e.code, message: e.message } });
    throw e;
  }
}

/** Decode a batch input file: UTF-8 text only; a binary file is refused with a clear error. */
export function decodeBatchInput(bytes: Uint8Array, file: string): string[] {
  if (bytes.subarray(0, 65536).includes(0)) {
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `${file} is a binary file; expected UTF-8 text with one name per line`,
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `${file} is not UTF-8 text; expected one name per line`,
    });
  }
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
