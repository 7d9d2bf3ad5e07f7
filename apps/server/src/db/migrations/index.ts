import type { Migration } from 'kysely';
import * as foundation from './0001-foundation.ts';
import * as postAnalysis from './0002-post-analysis.ts';
import * as privacy from './0003-privacy.ts';
import * as crisis from './0004-crisis.ts';
import * as alerts from './0005-alerts.ts';
import * as inbox from './0006-inbox.ts';
import * as advocates from './0007-advocates.ts';
import * as listening from './0008-listening.ts';
import * as readiness from './0009-readiness.ts';
import * as stream from './0010-stream.ts';
import * as postForeignKeys from './0011-post-foreign-keys.ts';
import * as advocatePortal from './0012-advocate-portal.ts';
import * as connectors from './0013-connectors.ts';
import * as consentTexts from './0014-consent-texts.ts';
import * as breakerReasonCodes from './0015-breaker-reason-codes.ts';
import * as pipelineIndexes from './0016-pipeline-indexes.ts';
import * as ingest from './0017-ingest.ts';
import * as connectorState from './0018-connector-state.ts';
import * as inboxIntakeKeys from './0019-inbox-intake-keys.ts';
import * as inboxEvidenceJson from './0020-inbox-evidence-json.ts';
import * as analysisJson from './0021-analysis-json.ts';
import * as postAnalysisIndex from './0022-post-analysis-index.ts';
import * as inboxItemKeys from './0023-inbox-item-keys.ts';
import * as signalLedgers from './0024-signal-ledgers.ts';
import * as jobNotify from './0025-job-notify.ts';
import * as postCampaignAssigned from './0026-post-campaign-assigned.ts';
import * as stripedCounters from './0027-striped-counters.ts';

/** Every migration, in order. Listed explicitly: nothing is discovered from the folder. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-post-analysis': postAnalysis,
  '0003-privacy': privacy,
  '0004-crisis': crisis,
  '0005-alerts': alerts,
  '0006-inbox': inbox,
  '0007-advocates': advocates,
  '0008-listening': listening,
  '0009-readiness': readiness,
  '0010-stream': stream,
  '0011-post-foreign-keys': postForeignKeys,
  '0012-advocate-portal': advocatePortal,
  '0013-connectors': connectors,
  '0014-consent-texts': consentTexts,
  '0015-breaker-reason-codes': breakerReasonCodes,
  '0016-pipeline-indexes': pipelineIndexes,
  '0017-ingest': ingest,
  '0018-connector-state': connectorState,
  '0019-inbox-intake-keys': inboxIntakeKeys,
  '0020-inbox-evidence-json': inboxEvidenceJson,
  '0021-analysis-json': analysisJson,
  '0022-post-analysis-index': postAnalysisIndex,
  '0023-inbox-item-keys': inboxItemKeys,
  '0024-signal-ledgers': signalLedgers,
  '0025-job-notify': jobNotify,
  '0026-post-campaign-assigned': postCampaignAssigned,
  '0027-striped-counters': stripedCounters,
};
