import type { JobHandler } from './job-registry.ts';
import { runScheduledRetention } from '../services/retention.service.ts';

/** Job handlers of issue #7 (privacy): the hourly retention run. */
export function createPrivacyJobHandlers(): { 'privacy.retention': JobHandler } {
  return {
    'privacy.retention': async (_payload, context) => runScheduledRetention(context.db, context.now()),
  };
}
