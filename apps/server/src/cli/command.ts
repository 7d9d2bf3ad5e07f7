import type { Command } from 'commander';

/** Adds one sub-command to the `ombud` program. */
export type CommandRegistration = (program: Command) => void;
