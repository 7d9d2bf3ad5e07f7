import type { PipelineStage } from '../stage.ts';

/** What issue #4 (alerts) does with freshly analysed posts (idempotent: delivery is at-least-once). */
export const alertsStage: PipelineStage = {
  name: 'alerts',
  run: async () => {},
};
