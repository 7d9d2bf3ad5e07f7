import type { Command } from 'commander';

/** `ombud` sub-commands for issue #5 (inbox). */
export function registerInboxCommands(_program: Command): void {}
