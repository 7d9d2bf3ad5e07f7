import type { PipelineStage } from '../stage.ts';

/** What issue #7 (privacy) does with freshly analysed posts (idempotent: delivery is at-least-once). */
export const privacyStage: PipelineStage = {
  name: 'privacy',
  run: async () => {},
};
