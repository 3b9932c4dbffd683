import type { Command } from 'commander';
import type { Services } from '../../app/services.js';
import type { CliIo } from './io.js';
import { registerAuditCommands } from './audit-commands.js';
import { registerCaseCommands } from './case-commands.js';
import { registerCheckCommands } from './check-commands.js';
import { registerScreeningCommands } from './screening-commands.js';

/** Every CLI command, grouped by the adapter module that owns it. */
export function registerCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  services: Services,
): void {
  registerCheckCommands(program, io, setExit, services);
  registerScreeningCommands(program, io, setExit);
  registerCaseCommands(program, io, setExit, services);
  registerAuditCommands(program, io, setExit);
}
