import { indexPostsForListening } from '../../services/listening-index.service.ts';
import type { PipelineStage } from '../stage.ts';

/** Search rows, share-of-voice mentions and competitor poaching for freshly analysed posts (idempotent). */
export const listeningStage: PipelineStage = {
  name: 'listening',
  run: async (postIds, context) => {
    await indexPostsForListening(context.db, postIds, context.now(), context.posts);
  },
};
