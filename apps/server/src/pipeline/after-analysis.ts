import type { PipelineStage, StageContext } from './stage.ts';
import { privacyStage } from './stages/privacy.stage.ts';
import { crisisStage } from './stages/crisis.stage.ts';
import { alertsStage } from './stages/alerts.stage.ts';
import { inboxStage } from './stages/inbox.stage.ts';
import { advocatesStage } from './stages/advocates.stage.ts';
import { listeningStage } from './stages/listening.stage.ts';
import { readinessStage } from './stages/readiness.stage.ts';
import { streamStage } from './stages/stream.stage.ts';

/**
 * Every stage, in the order it runs after analysis. Listed explicitly: nothing is discovered.
 *
 * A delivery is one transaction, so a row lock a stage takes is held until the whole job commits.
 * Stages that write rows every job shares — the campaign's crisis clock, the inbox's per-language
 * cluster locks, the minute's stream counter — come last, so concurrent jobs wait for each other only
 * for the tail of a job, not for all of it. Crisis stays before inbox: a circuit breaker the crisis
 * engine trips holds back the inbox's automatic replies in the same job.
 */
export const AFTER_ANALYSIS_STAGES: readonly PipelineStage[] = [
  privacyStage,
  alertsStage,
  readinessStage,
  advocatesStage,
  listeningStage,
  crisisStage,
  inboxStage,
  streamStage,
];

export async function runAfterAnalysis(postIds: readonly string[], context: StageContext): Promise<void> {
  for (const stage of AFTER_ANALYSIS_STAGES) await stage.run(postIds, context);
}
