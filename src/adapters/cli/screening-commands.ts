import type { Command } from 'commander';
import type { CliIo } from './io.js';

/** `htt screen` and `htt lists`: owned by the screening work (issue 3). */
export function registerScreeningCommands(_program: Command, _io: CliIo, _setExit: (code: number) => void): void {}
