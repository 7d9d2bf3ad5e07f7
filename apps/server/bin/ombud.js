#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so no build step stands between a clone and `ombud`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A small young generation keeps a long import's heap, and so its RSS, low (see npm run bench:ingest).
export const NODE_FLAGS = '--max-semi-space-size=4';
// An import holds only a few batches at a time (each at most 2,000 posts or 4 MiB of text). With no
// ceiling V8 lets the old generation fill with garbage up to ~160 MB before it collects, which with
// PGlite's WebAssembly memory beside it passed 400 MB RSS; a ceiling makes it collect at ~60 MB.
// Into a PostgreSQL server (DATABASE_URL) the process is small anyway and the extra collections
// only cost speed, so the ceiling applies to the embedded store only.
export const IMPORT_NODE_FLAGS = `${NODE_FLAGS} --max-old-space-size=192`;

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const tsxCli = require.resolve('tsx/cli');
const args = process.argv.slice(2);
const flags = args[0] === 'import' && !process.env.DATABASE_URL ? IMPORT_NODE_FLAGS : NODE_FLAGS;
const result = spawnSync(process.execPath, [tsxCli, join(here, '../src/cli/main.ts'), ...args], {
  stdio: 'inherit',
  // The user's own NODE_OPTIONS come last, so they override these defaults.
  env: { ...process.env, NODE_OPTIONS: `${flags} ${process.env.NODE_OPTIONS ?? ''}`.trim() },
});
process.exit(result.status ?? 1);
