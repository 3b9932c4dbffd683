/**
 * Batch screening shared by the CLI and its worker threads: one name per line in (or one row of a CSV/TSV
 * file with a header), one JSON line out.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { HttError } from '../../core/errors.js';
import { toIso2 } from '../lists/countries.js';
import type { Screener, ScreenOptions } from '../../core/screening/types.js';

export interface LineOptions extends ScreenOptions {
  country?: string;
}

/** One name of a batch: a line of a text file, or the name (and country) of a row of a table. */
export type BatchItem = string | { name: string; country?: string; row: number; unknownCountry?: string };

/** Screen one input item and render the contract's JSON line; a bad item gives an error field, not a crash. */
export function screenLine(screener: Screener, item: BatchItem, options: LineOptions): string {
  const query = typeof item === 'string' ? item.replace(/\r$/, '') : item.name;
  const country = (typeof item === 'string' ? undefined : item.country) ?? options.country;
  const from =
    typeof item === 'string'
      ? {}
      : {
          row: item.row,
          ...(item.country ? { country } : {}),
          // screened against every country rather than none: a country the file names but we cannot read
          ...(item.unknownCountry
            ? {
                warning: `country "${item.unknownCountry}" not recognised; screened without a country filter`,
              }
            : {}),
        };
  try {
    const hits = screener.screen({ name: query, ...(country ? { country } : {}) }, options);
    return JSON.stringify({ query, ...from, hits });
  } catch (e) {
    if (e instanceof HttError)
      return JSON.stringify({ query, ...from, hits: [], error: { code: e.code, message: e.message } });
    throw e;
  }
}

export interface TableOptions {
  /** The header (case-insensitive) or 1-based number of the name column; default: a column called name. */
  nameColumn?: string;
  /** The header or number of a country column (ISO alpha-2 or an English country name); optional. */
  countryColumn?: string;
}

const NAME_HEADER =
  /^(name|party|party name|company|company name|customer|customer name|entity|organi[sz]ation|counterparty|consignee|名称|公司名称|客户名称)$/i;
const COUNTRY_HEADER = /^(country|country code|nation|国家|国家代码)$/i;

function column(headers: string[], choice: string | undefined, auto: RegExp, what: string): number {
  if (choice === undefined) return headers.findIndex((h) => auto.test(h.trim()));
  const n = Number(choice);
  const i =
    Number.isInteger(n) && n >= 1
      ? n - 1
      : headers.findIndex((h) => h.trim().toLowerCase() === choice.trim().toLowerCase());
  if (i < 0 || i >= headers.length)
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `no ${what} column "${choice}"; the header has: ${headers.map((h) => JSON.stringify(h)).join(', ')}`,
      field: what === 'name' ? 'name-column' : 'country-column',
    });
  return i;
}

/**
 * A CSV or TSV file with a header row: one item per row, the name from the name column and the country,
 * if chosen, from the country column (a country it cannot read is screened without a country filter and says so).
 */
export function decodeBatchTable(
  text: string,
  file: string,
  delimiter: ',' | '\t',
  options: TableOptions,
): BatchItem[] {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: delimiter === '\t',
      quote: delimiter === '\t' ? false : '"',
    }) as string[][];
  } catch (e) {
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `${file} is not a readable ${delimiter === ',' ? 'CSV' : 'TSV'} file: ${(e as Error).message}`,
    });
  }
  const headers = rows.shift() ?? [];
  const nameAt = column(headers, options.nameColumn, NAME_HEADER, 'name');
  if (nameAt < 0)
    throw new HttError({
      code: 'INPUT.INVALID',
      message: `${file}: which column holds the names? give --name-column; the header has: ${headers.map((h) => JSON.stringify(h)).join(', ')}`,
      field: 'name-column',
    });
  const countryAt = column(headers, options.countryColumn, COUNTRY_HEADER, 'country');
  return rows.map((r, i) => {
    const name = (r[nameAt] ?? '').trim();
    const raw = countryAt >= 0 ? (r[countryAt] ?? '').trim() : '';
    const country = raw ? toIso2(raw) : undefined;
    return {
      name,
      row: i + 2,
      ...(country ? { country } : {}),
      ...(raw && !country ? { unknownCountry: raw } : {}),
    };
  });
}

/** The largest batch input file (HTT_SCREEN_MAX_BYTES, default 256 MiB) and the longest line in it. */
export const BATCH_LIMITS = {
  maxBytes:
    Number(process.env.HTT_SCREEN_MAX_BYTES) > 0
      ? Number(process.env.HTT_SCREEN_MAX_BYTES)
      : 256 * 1024 * 1024,
  maxLineBytes: 64 * 1024,
};

/**
 * Read a batch input file in chunks, failing at the first sign it is not a list of names: a NUL byte (a
 * binary file, or /dev/zero), a line longer than maxLineBytes, or more than maxBytes in all. Memory stays
 * within maxBytes whatever the file (a device, a pipe, a huge file): nothing is read past the limits.
 */
export function readBatchFile(path: string, limits = BATCH_LIMITS): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let line = 1;
  let lineBytes = 0;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new HttError({
      code: 'INPUT.FILE_NOT_FOUND',
      message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    });
  }
  const tooBig = (message: string) => new HttError({ code: 'INPUT.INVALID', message });
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const bytes = chunk.subarray(0, n);
      if (bytes.includes(0))
        throw tooBig(
          `${path} is a binary file (a NUL byte at byte ${total + bytes.indexOf(0)}); expected UTF-8 text with one name per line`,
        );
      total += n;
      if (total > limits.maxBytes)
        throw tooBig(
          `${path} is larger than ${Math.round(limits.maxBytes / 1024 / 1024)} MiB (HTT_SCREEN_MAX_BYTES); split it`,
        );
      for (let at = 0; ;) {
        const nl = bytes.indexOf(10, at);
        if (nl < 0) {
          lineBytes += n - at;
          break;
        }
        lineBytes += nl - at;
        if (lineBytes > limits.maxLineBytes) break;
        line++;
        lineBytes = 0;
        at = nl + 1;
      }
      if (lineBytes > limits.maxLineBytes)
        throw tooBig(
          `${path}: line ${line} is longer than ${limits.maxLineBytes / 1024} KiB; expected one name (or one table row) per line`,
        );
      chunks.push(Buffer.from(bytes));
    }
  } catch (e) {
    if (e instanceof HttError) throw e;
    throw new HttError({
      code: 'INPUT.FILE_NOT_FOUND',
      message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    });
  } finally {
    closeSync(fd);
  }
  return Buffer.concat(chunks, total);
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
