import type { Command } from 'commander';

/** `ombud` sub-commands for issue #6 (advocates). */
export function registerAdvocatesCommands(_program: Command): void {}
