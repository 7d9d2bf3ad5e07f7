/** How a channel retries a failed delivery before it goes to the dead-letter list. */
export interface AlertRetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** Wait after the first failure; doubles after each further one. */
  backoffSeconds: number;
  /** Longest wait between two attempts. */
  maxBackoffSeconds?: number;
}

export type AlertRetryDecision = { kind: 'retry'; delayMs: number } | { kind: 'dead' };

const DEFAULT_MAX_BACKOFF_SECONDS = 6 * 3600;

/** After `attemptsMade` failed attempts: wait `backoff × 2^(attempts−1)` (capped) or give up. */
export function nextAlertRetry(attemptsMade: number, policy: AlertRetryPolicy): AlertRetryDecision {
  if (attemptsMade >= policy.maxAttempts) return { kind: 'dead' };
  const cap = policy.maxBackoffSeconds ?? DEFAULT_MAX_BACKOFF_SECONDS;
  const seconds = Math.min(cap, policy.backoffSeconds * 2 ** Math.max(0, attemptsMade - 1));
  return { kind: 'retry', delayMs: seconds * 1000 };
}
