import type { DashboardContext } from './dashboard-context.ts';

/**
 * Browser scenarios for the inbox screen. Declared inside the dashboard test's describe block, after
 * the owner has signed in (English UI, demo workspace analysed); leave the page signed in, in English.
 */
export function inboxScenarios(_context: () => DashboardContext): void {}
