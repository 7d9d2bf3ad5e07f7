import { describe, expect, it } from 'vitest';
import { analyzePost } from './analyze-post.ts';
import type { AspectLabel } from './analysis.types.ts';

describe('aspects', () => {
  it.each<[string, AspectLabel[]]>([
    ['the delivery was late and the price too high', ['delivery', 'price']],
    ['la app no funciona y el personal fue maleducado', ['staff', 'website_app']],
    ['kundtjänsten svarar inte och appen kraschar', ['customer_service', 'website_app']],
    ['worried about my personal data after the breach', ['privacy']],
    ['greenwashing, nothing sustainable about this', ['sustainability']],
    ['the seat was broken and it felt unsafe', ['product_quality', 'safety']],
  ])('%s → %j', (text, expected) => {
    expect(analyzePost({ text }).aspects.map((a) => a.aspect)).toEqual(expect.arrayContaining(expected));
  });

  it('gives each aspect the sentiment of its own clause', () => {
    const aspects = analyzePost({ text: 'The staff were lovely. The app is terrible.' }).aspects;
    expect(aspects.find((a) => a.aspect === 'staff')?.sentiment).toBe('positive');
    expect(aspects.find((a) => a.aspect === 'website_app')?.sentiment).toBe('negative');
  });

  it('takes extra workspace terms', () => {
    const text = 'the Flexipass was a waste of money';
    expect(analyzePost({ text }).aspects.map((a) => a.aspect)).not.toContain('product_quality');
    const extended = analyzePost({ text }, { aspectTerms: { product_quality: ['flexipass'] } });
    expect(extended.aspects.find((a) => a.aspect === 'product_quality')?.evidence[0]?.match).toBe(
      'Flexipass',
    );
  });
});
