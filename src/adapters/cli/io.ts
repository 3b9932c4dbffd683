import { readFileSync } from 'node:fs';
import { HttError, exitCodeOf, type Problem } from '../../core/errors.js';

/** Where CLI commands write; replaceable in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Read and parse a JSON file, failing with a stable code instead of a stack trace. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HttError({
      code: 'INPUT.FILE_NOT_FOUND',
      message: `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttError({
      code: 'INPUT.INVALID_JSON',
      message: `${path} is not valid JSON: ${(e as Error).message}`,
    });
  }
}

export function formatProblem(p: Problem): string {
  return `error ${p.code}${p.field ? ` at ${p.field}` : ''}: ${p.message}`;
}

/** Map anything thrown by a command to an exit code, printing a one-line error (never a stack trace). */
export function exitCodeFor(e: unknown, io: CliIo): number {
  if (e instanceof HttError) {
    io.err(formatProblem(e.problem));
    return exitCodeOf(e.code);
  }
  io.err(`error INTERNAL: ${(e as Error)?.message ?? String(e)} (this is a bug; please report it)`);
  if (process.env.HTT_DEBUG) io.err(String((e as Error)?.stack));
  return exitCodeOf('INTERNAL');
}
