import type { Command } from 'commander';
import type { CliManifest } from './cli-manifest.js';
import type { Services } from '../../app/services.js';
import type { CliIo } from './io.js';
import { registerAuditCommands } from './audit-commands.js';
import { registerCheckCommands } from './check-commands.js';
import { registerDemoCommands } from './demo-commands.js';
import { registerNameCommands } from './name-commands.js';
import { registerOperationCommands } from './operation-commands.js';
import { registerScreeningCommands } from './screening-commands.js';

/**
 * Every CLI command: the ones that render an operation their own way (checks, screening, the audit chain),
 * then one generated verb per other operation of the table.
 */
export function registerCommands(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  services: Services,
  manifest: CliManifest,
): void {
  registerCheckCommands(program, io, setExit, services);
  registerScreeningCommands(program, io, setExit, services);
  registerNameCommands(program, io, services);
  registerAuditCommands(program, io, setExit);
  registerDemoCommands(program, io, services);
  registerOperationCommands(program, io, services, manifest);
}
