import type { Command } from 'commander';
import type { CliIo } from './io.js';

/** `htt check`, `htt eccn`, `htt rules`, `htt demo`. */
export function registerCheckCommands(_program: Command, _io: CliIo, _setExit: (code: number) => void): void {}
