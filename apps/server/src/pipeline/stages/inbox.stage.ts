import type { PipelineStage } from '../stage.ts';

/** What issue #5 (inbox) does with freshly analysed posts (idempotent: delivery is at-least-once). */
export const inboxStage: PipelineStage = {
  name: 'inbox',
  run: async () => {},
};
