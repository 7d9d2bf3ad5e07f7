import { describe, expect, it } from 'vitest';
import { compilePhraseExtractor } from './key-phrases.ts';
import { detectNarratives, type NarrativePost } from './narratives.ts';
import { trendingTerms } from './trending.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 1);

function post(
  id: number,
  text: string,
  language: string,
  at: number,
  sentiment: NarrativePost['sentiment'] = 'neutral',
): NarrativePost {
  return {
    id: String(id),
    text,
    language,
    at,
    sentiment,
    sentimentScore: sentiment === 'negative' ? -0.6 : 0,
    engagement: id % 7,
  };
}

/** Background chatter over 8 days; from hour 170 a rumour about the lid in Spanish, later English. */
function stream(): NarrativePost[] {
  const posts: NarrativePost[] = [];
  let id = 0;
  const everyday = [
    ['my order is late again, delivery takes forever', 'en'],
    ['love my morning coffee with the new kettle', 'en'],
    ['el pedido llega tarde otra vez, la entrega tarda mucho', 'es'],
    ['me encanta mi café de la mañana', 'es'],
  ] as const;
  for (let h = 0; h < 192; h++) {
    for (const [text, language] of everyday)
      posts.push(post(id++, `${text} ${h % 5 === 0 ? 'hoy' : ''}`, language, T0 + h * HOUR + 60_000));
  }
  for (let i = 0; i < 60; i++)
    posts.push(
      post(
        id++,
        `OJO: la tapa explota cuando se sobrecalienta, quemaduras ${i % 3 === 0 ? 'difundid' : ''}`,
        'es',
        T0 + 170 * HOUR + i * 300_000,
        'negative',
      ),
    );
  for (let i = 0; i < 30; i++)
    posts.push(
      post(
        id++,
        `warning: the lid explodes when it overheats, burns ${i % 2 ? 'share' : ''}`,
        'en',
        T0 + 176 * HOUR + i * 300_000,
        'negative',
      ),
    );
  return posts;
}

describe('compilePhraseExtractor', () => {
  it('keeps content words and adjacent pairs, drops stopwords, ignored brand words, links and handles', () => {
    const extract = compilePhraseExtractor({ ignore: ['Nordvik', '#MyNordvikStory'] });
    expect(
      extract(
        'RT @a: The Nordvik lid EXPLODES when it overheats https://x.example #KettleFail #MyNordvikStory @nordvik',
        'en',
      ),
    ).toEqual({
      terms: ['lid', 'explodes', 'lid explodes', 'overheats'],
      hashtags: ['#kettlefail'],
    });
    expect(extract('la tapa del hervidor explota', 'es').terms).toEqual([
      'tapa',
      'hervidor',
      'explota',
      'hervidor explota',
    ]);
  });
});

describe('detectNarratives', () => {
  const posts = stream();
  const result = detectNarratives(posts, posts, {
    from: T0 + 168 * HOUR,
    to: T0 + 192 * HOUR,
    baselineFrom: T0,
  });
  const rumour = (language: string) =>
    result.narratives.find((n) => n.language === language && /tapa|lid/.test(n.label));

  it('finds the rumour as a new, growing, negative topic in Spanish, then in English', () => {
    const es = rumour('es');
    const en = rumour('en');
    expect(es).toMatchObject({ isNew: true, posts: 60 });
    expect(es?.label).toMatch(/tapa|explota|sobrecalienta/);
    expect(es?.growthRate).toBeGreaterThan(3);
    expect(es?.sentiment.negative).toBe(60);
    expect(en).toMatchObject({ isNew: true, posts: 30 });
    expect((en?.firstSeenAt ?? 0) - (es?.firstSeenAt ?? 0)).toBeGreaterThan(5 * HOUR);
    expect(es?.representativePostIds.length).toBeGreaterThan(0);
  });

  it('calls the everyday delivery complaints known, not new', () => {
    const delivery = result.narratives.find(
      (n) => n.language === 'en' && /delivery|late|order/.test(n.label),
    );
    expect(delivery?.isNew).toBe(false);
    expect(delivery?.growthRate).toBeLessThan(2);
  });
});

describe('trendingTerms', () => {
  it('ranks rising phrases over steady ones', () => {
    const posts = stream();
    const trending = trendingTerms(posts, { from: T0 + 168 * HOUR, to: T0 + 192 * HOUR, baselineFrom: T0 });
    const top = trending.phrases.slice(0, 6).map((t) => t.term);
    expect(top).toEqual(expect.arrayContaining(['tapa']));
    expect(trending.phrases.find((t) => t.term === 'delivery')).toBeUndefined();
  });
});
