import { matchAdvocatePosts } from '../../services/advocate-matching.service.ts';
import type { PipelineStage } from '../stage.ts';

/**
 * Posts written by an advocate (their author handle is on the roster) are matched to the drafts
 * approved for them: edited after approval, disclosure removed, claims added; open correction notices
 * are re-checked. Idempotent: a post checked twice replaces its row.
 */
export const advocatesStage: PipelineStage = {
  name: 'advocates',
  run: async (postIds, context) => {
    await matchAdvocatePosts(context.db, postIds, context.now());
  },
};
