import { countPostSignals } from '../../repositories/crisis-signal.repository.ts';
import { runCrisisEngine } from '../../services/crisis-engine.service.ts';
import type { PipelineStage } from '../stage.ts';

/**
 * Counts freshly analysed posts into the signal buckets (once per post and campaign), then lets
 * each touched campaign's crisis engine look at the points that closed. Both steps are idempotent:
 * a job delivered twice counts nothing twice and finds no new points.
 */
export const crisisStage: PipelineStage = {
  name: 'crisis',
  run: async (postIds, context) => {
    const touched = await countPostSignals(context.db, postIds, context.posts);
    for (const campaignId of [...touched.keys()].sort()) {
      await runCrisisEngine(context.db, campaignId, context.now());
    }
  },
};
