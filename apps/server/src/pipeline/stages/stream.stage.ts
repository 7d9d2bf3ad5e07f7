import type { PipelineStage } from '../stage.ts';

/** What issue #11 (stream) does with freshly analysed posts (idempotent: delivery is at-least-once). */
export const streamStage: PipelineStage = {
  name: 'stream',
  run: async () => {},
};
