import { recordPipelineMinute } from '../../repositories/stream.repository.ts';
import type { PipelineStage } from '../stage.ts';

/**
 * Counts the posts that finished the pipeline, with their ingest-to-stored latency (read by
 * `/metrics` and `npm run bench:pipeline`). Runs last, inside the delivery's transaction, so it
 * takes effect exactly once per delivery that takes effect.
 */
export const streamStage: PipelineStage = {
  name: 'stream',
  run: async (postIds, context) => {
    await recordPipelineMinute(context.db, postIds);
  },
};
