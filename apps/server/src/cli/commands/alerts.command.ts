import type { Command } from 'commander';

/** `ombud` sub-commands for issue #4 (alerts). */
export function registerAlertsCommands(_program: Command): void {}
