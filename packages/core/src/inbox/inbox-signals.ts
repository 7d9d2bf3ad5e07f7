/** Risk flags raised by the analysers that make a post more urgent for a person to see. */
export const INBOX_RISK_FLAGS = [
  'personal_data',
  'contradicted_claim',
  'crisis_cluster',
  'toxicity_threat',
] as const;
export type InboxRiskFlag = (typeof INBOX_RISK_FLAGS)[number];

/** An intent as the analysis reports it (`{ label, confidence }`) or just its label. */
export type IntentSignal = string | { label: string; confidence: number };

/** Intent labels whose confidence reaches `minConfidence` (a bare label counts as certain). */
export function confidentIntents(
  intents: readonly IntentSignal[],
  minConfidence: number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const intent of intents) {
    const [label, confidence] = typeof intent === 'string' ? [intent, 1] : [intent.label, intent.confidence];
    if (confidence >= minConfidence && confidence > (out.get(label) ?? -1)) out.set(label, confidence);
  }
  return out;
}
