import type { Command } from 'commander';

/** `ombud` sub-commands for issue #8 (listening). */
export function registerListeningCommands(_program: Command): void {}
