import { campaignInputSchema } from '@ombud/contract';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN, demoCampaignFor } from './demo-campaign.ts';

describe('DEMO_CAMPAIGN', () => {
  it('is a valid campaign input', () => {
    expect(campaignInputSchema.safeParse(DEMO_CAMPAIGN).success).toBe(true);
  });

  it('has every key message and fact in all three languages', () => {
    for (const item of [...DEMO_CAMPAIGN.keyMessages, ...DEMO_CAMPAIGN.factSheet]) {
      expect(Object.keys(item.text).sort()).toEqual(['en', 'es', 'sv']);
    }
  });

  it.each([
    ['US', '#ad', 'first_chars'],
    ['GB', '#ad', 'start'],
    ['ES', '#publicidad', 'anywhere'],
    ['SE', '#reklam', 'start'],
  ])('requires %s to disclose with %s (%s)', (market, tag, placement) => {
    const rule = DEMO_CAMPAIGN.requiredDisclosures.find((r) => r.market === market);
    expect(rule?.tags).toContain(tag);
    expect(rule?.placement).toBe(placement);
  });

  it('dates a copy to a stream window', () => {
    const c = demoCampaignFor(new Date('2025-03-17T00:00:00Z'), 14);
    expect(c.startsAt).toBe('2025-03-17T00:00:00.000Z');
    expect(c.endsAt).toBe('2025-03-31T00:00:00.000Z');
    expect(campaignInputSchema.safeParse(c).success).toBe(true);
  });
});
