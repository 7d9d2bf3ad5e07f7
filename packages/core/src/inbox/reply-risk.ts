import type { PriorityLevel } from './inbox-priority.ts';
import type { InboxRiskFlag } from './inbox-signals.ts';

export interface ReplyRiskInput {
  /** Risk flags of every item the reply goes to. */
  riskFlags: readonly InboxRiskFlag[];
  /** Highest priority level among the items. */
  level: PriorityLevel;
  recipients: number;
  /** The text comes from an approved template (not free text or a personal saved reply). */
  fromApprovedTemplate: boolean;
}

export interface ReplyRiskRules {
  flags: readonly InboxRiskFlag[];
  levels: readonly PriorityLevel[];
  /** A reply to this many people or more is a broadcast and needs a second pair of eyes. */
  maxRecipientsWithoutApproval: number;
  /** Free text to this many people or more needs approval (approved templates do not). */
  maxFreeTextRecipientsWithoutApproval: number;
}

export const DEFAULT_REPLY_RISK_RULES: ReplyRiskRules = {
  flags: ['toxicity_threat', 'personal_data', 'crisis_cluster', 'contradicted_claim'],
  levels: ['urgent'],
  maxRecipientsWithoutApproval: 50,
  maxFreeTextRecipientsWithoutApproval: 2,
};

export interface ReplyRiskReason {
  rule: string;
  /** English, for the CLI and logs. */
  detail: string;
  /** Stable code and parameters the dashboard words in the reader's language. */
  code: string;
  params: Record<string, string | number>;
}

export interface ReplyRisk {
  highRisk: boolean;
  reasons: ReplyRiskReason[];
}

/** Whether a reply needs approval by a second person before it is sent, and why. */
export function assessReplyRisk(
  input: ReplyRiskInput,
  rules: ReplyRiskRules = DEFAULT_REPLY_RISK_RULES,
): ReplyRisk {
  const reasons: ReplyRisk['reasons'] = [];
  for (const flag of new Set(input.riskFlags)) {
    if (rules.flags.includes(flag))
      reasons.push({
        rule: `risk:${flag}`,
        detail: flag.replaceAll('_', ' '),
        code: 'replyRisk.risk',
        params: { flag },
      });
  }
  if (rules.levels.includes(input.level))
    reasons.push({
      rule: 'priority',
      detail: `${input.level} priority`,
      code: 'replyRisk.priority',
      params: { level: input.level },
    });
  const recipients = { recipients: input.recipients };
  if (input.recipients >= rules.maxRecipientsWithoutApproval) {
    reasons.push({
      rule: 'broadcast',
      detail: `${input.recipients} recipients`,
      code: 'replyRisk.broadcast',
      params: recipients,
    });
  } else if (!input.fromApprovedTemplate && input.recipients >= rules.maxFreeTextRecipientsWithoutApproval) {
    reasons.push({
      rule: 'free-text-broadcast',
      detail: `free text to ${input.recipients} recipients`,
      code: 'replyRisk.freeTextBroadcast',
      params: recipients,
    });
  }
  return { highRisk: reasons.length > 0, reasons };
}
