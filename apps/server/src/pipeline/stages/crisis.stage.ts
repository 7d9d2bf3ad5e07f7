import type { PipelineStage } from '../stage.ts';

/** What issue #4 (crisis) does with freshly analysed posts (idempotent: delivery is at-least-once). */
export const crisisStage: PipelineStage = {
  name: 'crisis',
  run: async () => {},
};
