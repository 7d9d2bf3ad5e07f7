import type { PipelineStage } from '../stage.ts';

/**
 * Privacy needs nothing after analysis: redaction and tombstones apply before a post is stored
 * (services/privacy-ingest.service.ts), and retention runs as its own hourly job.
 */
export const privacyStage: PipelineStage = {
  name: 'privacy',
  run: async () => {},
};
