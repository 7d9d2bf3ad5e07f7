import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Where cli-bundle.global-setup.ts leaves the CLI it bundled for this run. */
export const CLI_BUNDLE_ENV = 'OMBUD_TEST_CLI_BUNDLE';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Node's arguments for `ombud …`: the CLI the global setup bundled for this run when there is one
 * (cli-bundle.global-setup.ts), else src/cli/main.ts through tsx.
 */
export function ombudArgs(args: readonly string[]): string[] {
  const bundle = process.env[CLI_BUNDLE_ENV];
  return bundle ? [bundle, ...args] : ['--import', 'tsx', main, ...args];
}

/**
 * Runs `ombud …` in a child process without blocking the test worker's event loop
 * (a blocking spawn starves vitest's own messages and fails the run).
 */
export function runOmbud(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ombudArgs(args), { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
