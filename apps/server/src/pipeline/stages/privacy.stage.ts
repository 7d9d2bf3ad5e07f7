import { ensureRetentionScheduled } from '../../services/retention.service.ts';
import type { PipelineStage } from '../stage.ts';

/**
 * Privacy after analysis: makes sure the hourly retention job is booked once posts exist
 * (idempotent: the schedule row admits one chain).
 */
export const privacyStage: PipelineStage = {
  name: 'privacy',
  run: async (postIds, context) => {
    if (postIds.length === 0) return;
    await ensureRetentionScheduled(context.db, context.now());
  },
};
