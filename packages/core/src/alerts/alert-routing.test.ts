import { describe, expect, it } from 'vitest';
import { planAlertRouting, type AlertRouteRule } from './alert-routing.ts';

const rule = (
  overrides: Partial<AlertRouteRule> & Pick<AlertRouteRule, 'id' | 'channelId'>,
): AlertRouteRule => ({
  campaignId: null,
  minSeverity: 'watch',
  kinds: [],
  escalationChannelId: null,
  escalateAfterMinutes: null,
  ...overrides,
});

const rules: AlertRouteRule[] = [
  rule({ id: 'all-slack', channelId: 'slack' }),
  rule({ id: 'all-critical-mail', channelId: 'mail', minSeverity: 'critical' }),
  rule({
    id: 'spikes-hook',
    channelId: 'hook',
    kinds: ['volume_spike'],
    escalationChannelId: 'oncall',
    escalateAfterMinutes: 15,
  }),
  rule({ id: 'c2-only', campaignId: 'c2', channelId: 'c2-slack', minSeverity: 'warning' }),
  rule({
    id: 'c2-escalate',
    campaignId: 'c2',
    channelId: 'c2-slack',
    escalationChannelId: 'oncall',
    escalateAfterMinutes: 5,
  }),
];

describe('planAlertRouting', () => {
  it.each([
    [
      'a watch without campaign',
      { campaignId: null, kind: 'other', severity: 'watch' as const },
      ['slack'],
      [],
    ],
    [
      'a critical spike of campaign c1 (no rules of its own)',
      { campaignId: 'c1', kind: 'volume_spike', severity: 'critical' as const },
      ['slack', 'mail', 'hook'],
      [{ channelId: 'oncall', afterMinutes: 15, routeId: 'spikes-hook' }],
    ],
    [
      'a warning of campaign c2 (its rules replace the defaults)',
      { campaignId: 'c2', kind: 'volume_spike', severity: 'warning' as const },
      ['c2-slack'],
      [{ channelId: 'oncall', afterMinutes: 5, routeId: 'c2-escalate' }],
    ],
  ])('%s', (_name, alert, channels, escalations) => {
    const plan = planAlertRouting(alert, rules);
    expect(plan.channelIds).toEqual(channels);
    expect(plan.escalations).toEqual(escalations);
  });

  it('routes nowhere outside the in-app list when no rule matches', () => {
    expect(planAlertRouting({ campaignId: null, kind: 'x', severity: 'watch' }, [])).toEqual({
      routeIds: [],
      channelIds: [],
      escalations: [],
    });
  });
});
