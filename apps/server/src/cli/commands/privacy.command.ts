import type { Command } from 'commander';

/** `ombud` sub-commands for issue #7 (privacy). */
export function registerPrivacyCommands(_program: Command): void {}
