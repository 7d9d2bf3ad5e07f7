import type { Command } from 'commander';

/** `ombud` sub-commands for issue #10 (readiness). */
export function registerReadinessCommands(_program: Command): void {}
