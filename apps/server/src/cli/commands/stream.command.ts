import type { Command } from 'commander';

/** `ombud` sub-commands for issue #11 (stream). */
export function registerStreamCommands(_program: Command): void {}
