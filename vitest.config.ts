import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'apps/server/test/**/*.test.ts',
      'apps/web/test/**/*.test.ts',
    ],
    // Once per run: the CLI bundled for the tests that start `ombud …` processes (run-cli.ts), and
    // migrated template databases that createTestDatabase copies (test-database.ts).
    globalSetup: [
      'apps/server/test/support/cli-bundle.global-setup.ts',
      'apps/server/test/support/test-database.global-setup.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest 3's fork RPC has a fixed 60 s timeout ("Timeout calling onTaskUpdate", vitest #6479,
    // #8164): a test file must never keep its fork's event loop busy that long. PGlite statements
    // through node-postgres used to (see yieldingToEventLoop in src/db/database.ts).
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
