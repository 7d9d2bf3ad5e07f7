import { describe, expect, it } from 'vitest';
import { nextAlertRetry } from './alert-retry.ts';

describe('nextAlertRetry', () => {
  it('doubles the wait after each failure and gives up after the last attempt', () => {
    const policy = { maxAttempts: 5, backoffSeconds: 30 };
    expect([1, 2, 3, 4, 5].map((n) => nextAlertRetry(n, policy))).toEqual([
      { kind: 'retry', delayMs: 30_000 },
      { kind: 'retry', delayMs: 60_000 },
      { kind: 'retry', delayMs: 120_000 },
      { kind: 'retry', delayMs: 240_000 },
      { kind: 'dead' },
    ]);
  });

  it('caps the wait', () => {
    expect(nextAlertRetry(12, { maxAttempts: 20, backoffSeconds: 60, maxBackoffSeconds: 3600 })).toEqual({
      kind: 'retry',
      delayMs: 3_600_000,
    });
  });
});
