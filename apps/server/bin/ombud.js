#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so no build step stands between a clone and `ombud`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_FLAGS = '--max-semi-space-size=4';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsxCli = require.resolve('tsx/cli');
const result = spawnSync(
  process.execPath,
  [tsxCli, join(here, '../src/cli/main.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    // A small young generation keeps a long import's heap, and so its RSS, low (see npm run bench:ingest).
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${NODE_FLAGS}`.trim() },
  },
);
process.exit(result.status ?? 1);
