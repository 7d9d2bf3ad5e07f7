import type { Command } from 'commander';

/** `ombud` sub-commands for issue #4 (crisis). */
export function registerCrisisCommands(_program: Command): void {}
