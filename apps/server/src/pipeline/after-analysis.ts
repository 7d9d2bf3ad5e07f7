import type { PipelineStage, StageContext } from './stage.ts';
import { privacyStage } from './stages/privacy.stage.ts';
import { crisisStage } from './stages/crisis.stage.ts';
import { alertsStage } from './stages/alerts.stage.ts';
import { inboxStage } from './stages/inbox.stage.ts';
import { advocatesStage } from './stages/advocates.stage.ts';
import { listeningStage } from './stages/listening.stage.ts';
import { readinessStage } from './stages/readiness.stage.ts';
import { streamStage } from './stages/stream.stage.ts';

/** Every stage, in the order it runs after analysis. Listed explicitly: nothing is discovered. */
export const AFTER_ANALYSIS_STAGES: readonly PipelineStage[] = [
  privacyStage,
  crisisStage,
  alertsStage,
  inboxStage,
  advocatesStage,
  listeningStage,
  readinessStage,
  streamStage,
];

export async function runAfterAnalysis(postIds: readonly string[], context: StageContext): Promise<void> {
  for (const stage of AFTER_ANALYSIS_STAGES) await stage.run(postIds, context);
}
