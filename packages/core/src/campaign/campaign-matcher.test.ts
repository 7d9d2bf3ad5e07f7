import { describe, expect, it } from 'vitest';
import { compileCampaignMatcher, containsPhrase } from './campaign-matcher.ts';

const match = compileCampaignMatcher([
  { id: 'story', hashtags: ['#MiHistoria', '#MinBerättelse'], keywords: [], handles: [] },
  { id: 'brand', hashtags: [], keywords: ['Kettle Pro', 'Nordvik'], handles: ['@nordvik_se'] },
]);
const ids = (text: string, authorHandle?: string) =>
  match(authorHandle === undefined ? { text } : { text, authorHandle }).map((m) => m.campaignId);

describe('campaign matching', () => {
  it.each([
    ['Mi viaje #MiHistoria', ['story']],
    ['mi viaje #mihistoria', ['story']],
    ['Min resa #MinBerättelse', ['story']],
    ['min resa #minberattelse', ['story']],
    ['MIN RESA #MINBERÄTTELSE!!', ['story']],
    ['#MiHistoriaNueva is another tag', []],
    ['the KETTLE PRO is great', ['brand']],
    ['Nordviking is not our brand', []],
    ['tack @Nordvik_SE!', ['brand']],
    ['#MiHistoria con mi Nordvik', ['story', 'brand']],
    ['nothing here', []],
  ])('%s → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('matches a post written by a campaign handle', () => {
    expect(ids('Hej allihop', 'nordvik_se')).toEqual(['brand']);
  });

  it('returns the evidence that joined the post', () => {
    expect(match({ text: 'Mi Nordvik #MIHISTORIA' })).toEqual([
      { campaignId: 'story', evidence: ['#mihistoria'] },
      { campaignId: 'brand', evidence: ['keyword:nordvik'] },
    ]);
  });

  it('checks word boundaries', () => {
    expect(containsPhrase('a nordvik!', 'nordvik')).toBe(true);
    expect(containsPhrase('nordviking', 'nordvik')).toBe(false);
    expect(containsPhrase('xnordvik nordvik', 'nordvik')).toBe(true);
  });
});
