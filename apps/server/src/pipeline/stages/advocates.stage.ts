import type { PipelineStage } from '../stage.ts';

/** What issue #6 (advocates) does with freshly analysed posts (idempotent: delivery is at-least-once). */
export const advocatesStage: PipelineStage = {
  name: 'advocates',
  run: async () => {},
};
