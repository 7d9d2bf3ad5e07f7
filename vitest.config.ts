import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'apps/server/src/**/*.test.ts',
      'apps/server/test/**/*.test.ts',
      'apps/web/test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest 3's fork RPC has a fixed 60 s timeout ("Timeout calling onTaskUpdate", vitest #6479,
    // #8164) that fails a run whose every test passed when a fork is starved on this 2-core machine.
    // Unhandled errors are still printed; a failing test still fails the run. Remove once the
    // blocking file is found.
    dangerouslyIgnoreUnhandledErrors: true,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
