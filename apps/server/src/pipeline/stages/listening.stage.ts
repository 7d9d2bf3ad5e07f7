import type { PipelineStage } from '../stage.ts';

/** What issue #8 (listening) does with freshly analysed posts (idempotent: delivery is at-least-once). */
export const listeningStage: PipelineStage = {
  name: 'listening',
  run: async () => {},
};
