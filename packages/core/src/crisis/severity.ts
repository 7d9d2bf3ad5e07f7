export type Severity = 'watch' | 'warning' | 'critical';
export type SignalLevel = 'normal' | Severity;

export const SEVERITIES: readonly Severity[] = ['watch', 'warning', 'critical'];

/** The highest severity whose threshold the deviation reaches, or `normal`. */
export function severityFor(deviation: number, thresholds: Record<Severity, number>): SignalLevel {
  let level: SignalLevel = 'normal';
  for (const severity of SEVERITIES) if (deviation >= thresholds[severity]) level = severity;
  return level;
}

/** Orders severities: watch < warning < critical. */
export function severityRank(level: SignalLevel): number {
  return level === 'normal' ? -1 : SEVERITIES.indexOf(level);
}
