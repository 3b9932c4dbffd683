import type { Command } from 'commander';
import type { CliIo } from './io.js';
import { registerCheckCommands } from './check-commands.js';
import { registerScreeningCommands } from './screening-commands.js';

/** Every CLI command, grouped by the adapter module that owns it. */
export function registerCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  registerCheckCommands(program, io, setExit);
  registerScreeningCommands(program, io, setExit);
}
