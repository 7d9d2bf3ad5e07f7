import { severityRank, type Severity } from '../crisis/severity.ts';

/** One routing rule: alerts of a campaign (or of every campaign when null) to a channel. */
export interface AlertRouteRule {
  id: string;
  campaignId: string | null;
  minSeverity: Severity;
  /** Alert kinds the rule covers; empty means every kind. */
  kinds: readonly string[];
  channelId: string;
  escalationChannelId: string | null;
  escalateAfterMinutes: number | null;
}

export interface AlertToRoute {
  campaignId: string | null;
  kind: string;
  severity: Severity;
}

export interface AlertEscalationStep {
  channelId: string;
  afterMinutes: number;
  routeId: string;
}

export interface AlertRoutingPlan {
  /** Rules that matched, for the record of why a channel got the alert. */
  routeIds: string[];
  channelIds: string[];
  escalations: AlertEscalationStep[];
}

/**
 * Which channels get an alert, and who is escalated to if nobody acknowledges. Rules written for
 * the alert's campaign replace the workspace-wide rules (campaign null) for that campaign, so a
 * campaign can route away from the defaults; within the chosen rules every match applies.
 */
export function planAlertRouting(alert: AlertToRoute, rules: readonly AlertRouteRule[]): AlertRoutingPlan {
  const ownRules =
    alert.campaignId === null ? [] : rules.filter((rule) => rule.campaignId === alert.campaignId);
  const scope = ownRules.length > 0 ? ownRules : rules.filter((rule) => rule.campaignId === null);
  const matched = scope.filter(
    (rule) =>
      severityRank(alert.severity) >= severityRank(rule.minSeverity) &&
      (rule.kinds.length === 0 || rule.kinds.includes(alert.kind)),
  );
  const channelIds = [...new Set(matched.map((rule) => rule.channelId))];
  const escalationByChannel = new Map<string, AlertEscalationStep>();
  for (const rule of matched) {
    if (rule.escalationChannelId === null || rule.escalateAfterMinutes === null) continue;
    const known = escalationByChannel.get(rule.escalationChannelId);
    if (known === undefined || rule.escalateAfterMinutes < known.afterMinutes) {
      escalationByChannel.set(rule.escalationChannelId, {
        channelId: rule.escalationChannelId,
        afterMinutes: rule.escalateAfterMinutes,
        routeId: rule.id,
      });
    }
  }
  const escalations = [...escalationByChannel.values()].sort((a, b) => a.afterMinutes - b.afterMinutes);
  return { routeIds: matched.map((rule) => rule.id), channelIds, escalations };
}
