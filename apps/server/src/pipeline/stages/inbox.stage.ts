import { createInboxItems } from '../../services/inbox-intake.service.ts';
import { evaluateOverflow, isOverflowCheckDue } from '../../services/inbox-overflow.service.ts';
import { assignOpenItems } from '../../services/inbox-routing.service.ts';
import type { PipelineStage } from '../stage.ts';

/**
 * Freshly analysed posts that need a person become inbox items (one per post, however often the job
 * runs), are clustered and scored, go to an agent, and the campaign's overflow mode is re-checked
 * (at most once a minute per campaign).
 */
export const inboxStage: PipelineStage = {
  name: 'inbox',
  run: async (postIds, { db, now, posts }) => {
    const at = now();
    const { created, workspaces } = await createInboxItems(db, postIds, at, posts);
    if (created.length === 0) return;
    for (const [workspaceId, campaignIds] of workspaces) {
      for (const campaignId of campaignIds) {
        if (await isOverflowCheckDue(db, campaignId, at))
          await evaluateOverflow(db, workspaceId, campaignId, at);
      }
      await assignOpenItems(db, workspaceId, at, { itemIds: created });
    }
  },
};
