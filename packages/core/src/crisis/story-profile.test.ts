import { describe, expect, it } from 'vitest';
import { sharedStoryFeatures, storyProfile, storySimilarity } from './story-profile.ts';

describe('story profiles', () => {
  const spanish = storyProfile([
    { riskCategories: ['explosion', 'injury'], hashtags: ['#KettleGate'] },
    { riskCategories: ['explosion', 'overheating'] },
    { riskCategories: ['explosion'] },
  ]);
  const english = storyProfile([
    { riskCategories: ['explosion', 'overheating'], hashtags: ['#kettlegate'] },
    { riskCategories: ['injury'] },
  ]);
  const dataLeak = storyProfile([{ riskCategories: ['data_breach'] }, { riskCategories: ['legal'] }]);

  it('finds the same story told in two languages through shared harms and hashtags', () => {
    expect(storySimilarity(spanish, english)).toBeGreaterThan(0.6);
    expect(sharedStoryFeatures(spanish, english)).toEqual([
      'risk:explosion',
      'risk:injury',
      'risk:overheating',
      'tag:kettlegate',
    ]);
  });

  it('keeps different stories apart, and an empty profile joins nothing', () => {
    expect(storySimilarity(spanish, dataLeak)).toBe(0);
    expect(storySimilarity(spanish, {})).toBe(0);
  });

  it('weighs a shared link double', () => {
    expect(storyProfile([{ riskCategories: [], links: ['https://www.example.com/x'] }])).toEqual({
      'link:example.com/x': 2,
    });
  });
});
