import type { PipelineStage } from '../stage.ts';

/** What issue #10 (readiness) does with freshly analysed posts (idempotent: delivery is at-least-once). */
export const readinessStage: PipelineStage = {
  name: 'readiness',
  run: async () => {},
};
