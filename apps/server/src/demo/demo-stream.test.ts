import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN } from './demo-campaign.ts';
import {
  DEMO_RECORD_FIELDS,
  demoRecordsToJsonl,
  disclosureStatus,
  generateDemoStream,
  type DemoRecord,
} from './demo-stream.ts';
import { zoneOffsetMinutes, MARKET_TIME_ZONES } from './demo-timeline.ts';

const START = Date.UTC(2025, 2, 17); // a Monday; both DST changes (US 9 Mar, EU 30 Mar) are nearby
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const stream = generateDemoStream({ seed: 42, start: START });
const { posts, truth } = stream;
const byId = new Map(posts.map((p) => [p.id, p]));
const t = (p: DemoRecord): number => Date.parse(p.created_at);
const label = (p: DemoRecord) => {
  const l = truth.labels.get(p.id);
  if (l === undefined) throw new Error(`no label for ${p.id}`);
  return l;
};
const crisisIds = new Set(truth.crisis?.ids ?? []);
const launchIds = new Set(truth.launch.ids);

function localHour(p: DemoRecord): number {
  const offset = zoneOffsetMinutes(MARKET_TIME_ZONES[p.market], t(p));
  return Math.floor((t(p) + offset * MIN) / HOUR) % 24;
}

describe('generateDemoStream: determinism', () => {
  it('gives identical output for the same seed', () => {
    const again = generateDemoStream({ seed: 42, start: new Date(START) });
    expect(again.posts).toEqual(posts);
    expect(again.truth).toEqual(truth);
  });

  it('gives a different stream for a different seed', () => {
    const other = generateDemoStream({ seed: 43, start: START });
    const texts = new Set(posts.slice(0, 500).map((p) => `${p.created_at}|${p.text}`));
    const shared = other.posts.slice(0, 500).filter((p) => texts.has(`${p.created_at}|${p.text}`)).length;
    expect(shared).toBeLessThan(25);
    const ids = new Set(posts.map((p) => p.id));
    expect(other.posts.some((p) => ids.has(p.id))).toBe(false);
  });
});

describe('generateDemoStream: shape of the stream', () => {
  it.each([
    { days: 14, targetPosts: 20_000 },
    { days: 14, targetPosts: 5_000 },
    { days: 7, targetPosts: 3_000 },
    { days: 21, targetPosts: 40_000 },
  ])('produces $targetPosts ±10 % posts over $days days', ({ days, targetPosts }) => {
    const s =
      days === 14 && targetPosts === 20_000
        ? stream
        : generateDemoStream({ seed: 7, start: START, days, targetPosts });
    expect(Math.abs(s.posts.length - targetPosts) / targetPosts).toBeLessThan(0.1);
    const end = START + days * DAY;
    for (const p of s.posts) {
      expect(t(p)).toBeGreaterThanOrEqual(START);
      expect(t(p)).toBeLessThan(end);
    }
  });

  it('has unique ids and is sorted by created time', () => {
    expect(new Set(posts.map((p) => p.id)).size).toBe(posts.length);
    for (let i = 1; i < posts.length; i++) {
      expect(t(posts[i - 1] as DemoRecord)).toBeLessThanOrEqual(t(posts[i] as DemoRecord));
    }
  });

  it('has exactly the import fields on every record, with valid types', () => {
    const expected = [...DEMO_RECORD_FIELDS].sort();
    const platforms = new Set(['twitter', 'mastodon', 'instagram', 'bluesky']);
    for (const p of posts) {
      expect(Object.keys(p).sort()).toEqual(expected);
      expect(p.id).toMatch(/^\S+$/);
      expect(platforms.has(p.platform)).toBe(true);
      expect(typeof p.text).toBe('string');
      expect(p.text.length).toBeGreaterThan(0);
      expect(new Date(p.created_at).toISOString()).toBe(p.created_at);
      expect(p.author).toMatch(/^[a-z0-9_.]+$/);
      expect(p.author_name.length).toBeGreaterThan(0);
      expect(Number.isInteger(p.author_followers) && p.author_followers >= 0).toBe(true);
      expect(typeof p.author_verified).toBe('boolean');
      expect(() => new URL(p.url)).not.toThrow();
      expect(['en', 'es', 'sv']).toContain(p.lang);
      expect(['US', 'GB', 'ES', 'SE']).toContain(p.market);
      for (const n of [p.likes, p.reposts, p.replies]) expect(Number.isInteger(n) && n >= 0).toBe(true);
      if (p.reply_to !== null) {
        const parent = byId.get(p.reply_to);
        expect(parent).toBeDefined();
        expect(t(parent as DemoRecord)).toBeLessThanOrEqual(t(p));
        expect(parent?.platform).toBe(p.platform);
      }
    }
  });

  it('serialises to JSON Lines with the fields in the documented order', () => {
    const lines = [...demoRecordsToJsonl(posts.slice(0, 200))];
    expect(lines).toHaveLength(200);
    lines.forEach((line, i) => {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.slice(0, -1)).not.toContain('\n');
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual([...DEMO_RECORD_FIELDS]);
      expect(parsed).toEqual(posts[i]);
    });
  });

  it('writes about 55 % English, 25 % Spanish and 20 % Swedish', () => {
    const share = (lang: string): number => posts.filter((p) => p.lang === lang).length / posts.length;
    expect(share('en')).toBeCloseTo(0.55, 1);
    expect(share('es')).toBeCloseTo(0.25, 1);
    expect(share('sv')).toBeCloseTo(0.2, 1);
    expect(Math.abs(share('en') - 0.55)).toBeLessThan(0.03);
    expect(Math.abs(share('es') - 0.25)).toBeLessThan(0.03);
    expect(Math.abs(share('sv') - 0.2)).toBeLessThan(0.03);
  });

  it('matches each market to its language', () => {
    for (const p of posts) {
      const expected = p.lang === 'en' ? ['US', 'GB'] : p.lang === 'es' ? ['ES'] : ['SE'];
      expect(expected).toContain(p.market);
    }
  });

  it('comes from a few thousand authors with heavy-tailed followers and a few verified', () => {
    const authors = new Map(posts.map((p) => [p.author, p]));
    expect(authors.size).toBeGreaterThan(2000);
    expect(authors.size).toBeLessThan(5000);
    const followers = [...authors.values()].map((p) => p.author_followers).sort((a, b) => a - b);
    const median = followers[Math.floor(followers.length / 2)] ?? 0;
    const top = followers[followers.length - 1] ?? 0;
    expect(median).toBeLessThan(200);
    expect(top).toBeGreaterThan(100_000);
    const verified = [...authors.values()].filter((p) => p.author_verified).length;
    expect(verified).toBeGreaterThan(5);
    expect(verified / authors.size).toBeLessThan(0.05);
    // Activity is skewed too: someone posts a lot, most post rarely.
    const perAuthor = new Map<string, number>();
    for (const p of posts) perAuthor.set(p.author, (perAuthor.get(p.author) ?? 0) + 1);
    const counts = [...perAuthor.values()].sort((a, b) => a - b);
    expect(counts[Math.floor(counts.length / 2)]).toBeLessThanOrEqual(4);
    expect(counts[counts.length - 1]).toBeGreaterThan(50);
  });

  it('is written cleanly: no unfilled slot, no double space, no stray whitespace', () => {
    for (const p of posts) {
      expect(p.text).not.toMatch(/[{}]|undefined|null|NaN/);
      expect(p.text).not.toMatch(/ {2}/);
      expect(p.text).toBe(p.text.trim());
    }
  });

  it('names the campaign in every post that starts a conversation', () => {
    const terms = /nordvik|kettle pro|#mynordvikstory|#mihistorianordvik|#minnordvikberattelse/i;
    for (const p of posts.filter((q) => q.reply_to === null)) {
      expect(terms.test(p.text.normalize('NFD').replace(/\p{M}/gu, '')), p.text).toBe(true);
    }
  });

  it('has variety: most texts are not exact copies', () => {
    const distinct = new Set(posts.map((p) => p.text.toLowerCase())).size;
    expect(distinct / posts.length).toBeGreaterThan(0.45);
  });
});

describe('generateDemoStream: rhythm and events', () => {
  const ordinary = posts.filter((p) => !crisisIds.has(p.id) && !launchIds.has(p.id));

  it.each(['US', 'GB', 'ES', 'SE'] as const)(
    'has a night trough and an evening peak in local time (%s)',
    (market) => {
      const inMarket = ordinary.filter((p) => p.market === market);
      const night = inMarket.filter((p) => [2, 3, 4, 5].includes(localHour(p))).length;
      const evening = inMarket.filter((p) => [19, 20, 21, 22].includes(localHour(p))).length;
      expect(evening).toBeGreaterThan(night * 4);
    },
  );

  it('is quieter on Saturdays than on ordinary weekdays', () => {
    const started = ordinary.filter((p) => p.reply_to === null);
    const onDay = (d: number): number =>
      started.filter((p) => t(p) >= START + d * DAY && t(p) < START + (d + 1) * DAY).length;
    const saturdays = (onDay(5) + onDay(12)) / 2;
    const weekdays = (onDay(7) + onDay(10)) / 2; // a Monday and a Thursday, away from both events
    expect(weekdays).toBeGreaterThan(saturdays * 1.15);
  });

  it('peaks on launch day (day 3), led by the brand announcement', () => {
    const launchAt = Date.parse(truth.launch.at);
    expect(launchAt).toBeGreaterThanOrEqual(START + 2 * DAY);
    expect(launchAt).toBeLessThan(START + 3 * DAY);
    const firstLaunchPost = posts.find((p) => launchIds.has(p.id));
    expect(truth.launch.announcementIds).toContain(firstLaunchPost?.id);
    const window = (from: number): number => posts.filter((p) => t(p) >= from && t(p) < from + DAY).length;
    const launchDay = window(launchAt);
    const ordinaryDays = [5, 6, 11, 12].map((d) => window(START + d * DAY + (launchAt - START - 2 * DAY)));
    const typical = ordinaryDays.reduce((a, b) => a + b, 0) / ordinaryDays.length;
    expect(launchDay).toBeGreaterThan(typical * 1.5);
  });

  it('runs the crisis in Spanish first, then English, then a smaller Swedish echo', () => {
    const crisis = truth.crisis;
    if (crisis === null) throw new Error('expected a crisis');
    const onsetEs = Date.parse(crisis.onsetEs);
    // Day 9 at 10:00 in Madrid.
    expect(onsetEs).toBe(Date.UTC(2025, 2, 25, 9));
    expect(Date.parse(crisis.onsetEn) - onsetEs).toBeGreaterThanOrEqual(4 * HOUR);
    expect(Date.parse(crisis.onsetEn) - onsetEs).toBeLessThanOrEqual(6 * HOUR);
    const first = (lang: string): number =>
      Math.min(...crisis.idsByLanguage[lang as 'es'].map((id) => t(byId.get(id) as DemoRecord)));
    expect(first('es')).toBe(onsetEs);
    expect(first('es')).toBeLessThan(first('en'));
    expect(first('en')).toBeLessThan(first('sv'));
    expect(crisis.idsByLanguage.es.length).toBeGreaterThan(crisis.idsByLanguage.en.length);
    expect(crisis.idsByLanguage.en.length).toBeGreaterThan(crisis.idsByLanguage.sv.length);
    for (const lang of ['es', 'en', 'sv'] as const) {
      for (const id of crisis.idsByLanguage[lang]) expect(byId.get(id)?.lang).toBe(lang);
    }
    const origin = byId.get(crisis.originIds.es);
    expect(origin?.author_followers).toBeGreaterThan(100_000);
    expect(origin?.text).toMatch(/tapa/i);
    expect(posts.some((p) => p.text.startsWith(`RT @${origin?.author}:`))).toBe(true);
  });

  it('lifts Spanish negative volume clearly above its baseline within 30 minutes of onset', () => {
    const onset = Date.parse(truth.crisis?.onsetEs ?? '');
    const negativeEs = (from: number, to: number): number =>
      posts.filter((p) => p.lang === 'es' && label(p).sentiment === 'negative' && t(p) >= from && t(p) < to)
        .length;
    const inCrisis = negativeEs(onset, onset + 30 * MIN);
    // Same half hour on every other day that is not the crisis or the day after.
    const baseline = [0, 1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13]
      .map((d) => onset + (d - 8) * DAY)
      .map((from) => negativeEs(from, from + 30 * MIN));
    const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
    expect(inCrisis).toBeGreaterThanOrEqual(10);
    expect(inCrisis).toBeGreaterThan(Math.max(...baseline) * 2);
    expect(inCrisis).toBeGreaterThan(mean * 4);
  });

  it('ramps up, peaks for hours and decays over about two days', () => {
    const onset = Date.parse(truth.crisis?.onsetEs ?? '');
    const esCrisis = (truth.crisis?.idsByLanguage.es ?? []).map((id) => t(byId.get(id) as DemoRecord));
    const count = (fromH: number, toH: number): number =>
      esCrisis.filter((x) => x >= onset + fromH * HOUR && x < onset + toH * HOUR).length;
    expect(count(0, 1)).toBeLessThan(count(3, 4));
    expect(count(3, 4)).toBeGreaterThan(40);
    expect(count(24, 25)).toBeLessThan(count(3, 4) / 3);
    expect(count(60, 200)).toBe(0);
  });

  it('has the brand answer the crisis in every language, after it starts', () => {
    const crisis = truth.crisis;
    expect(crisis?.brandResponseIds.length).toBeGreaterThan(10);
    const onset = Date.parse(crisis?.onsetEs ?? '');
    const langs = new Set<string>();
    for (const id of crisis?.brandResponseIds ?? []) {
      const p = byId.get(id) as DemoRecord;
      expect(truth.brandHandles).toContain(p.author);
      expect(t(p)).toBeGreaterThan(onset + 30 * MIN);
      langs.add(p.lang);
    }
    expect([...langs].sort()).toEqual(['en', 'es', 'sv']);
  });

  it('drops the crisis when the window is too short for it', () => {
    const s = generateDemoStream({ seed: 1, start: START, days: 0.25, targetPosts: 500 });
    expect(s.truth.crisis).toBeNull();
    expect(Math.abs(s.posts.length - 500) / 500).toBeLessThan(0.1);
  });
});

describe('generateDemoStream: ground truth for the analysers', () => {
  const texts = (ids: readonly string[]): DemoRecord[] => ids.map((id) => byId.get(id) as DemoRecord);

  it('has a competitor answering our complainers in all three languages', () => {
    const poaching = texts(truth.poachingReplyIds);
    expect(poaching.length).toBeGreaterThan(50);
    const langs = new Set(poaching.map((p) => p.lang));
    expect([...langs].sort()).toEqual(['en', 'es', 'sv']);
    for (const p of poaching) {
      expect(truth.competitorHandles).toContain(p.author);
      expect(p.text).toMatch(/kettlo/i);
      const parent = byId.get(p.reply_to ?? '') as DemoRecord;
      expect(label(parent).sentiment).toBe('negative');
    }
  });

  it.each(['en', 'es', 'sv'])('has churn threats naming the competitor in %s', (lang) => {
    const churn = texts(truth.churnThreatIds).filter((p) => p.lang === lang);
    expect(churn.length).toBeGreaterThan(10);
    for (const p of churn) expect(p.text).toMatch(/kettlo/i);
  });

  it('has ~30 advocates, with correct, missing and misplaced disclosures and some wrong claims', () => {
    expect(truth.advocateHandles).toHaveLength(30);
    const statuses = new Set(truth.advocatePosts.map((a) => a.disclosure));
    expect([...statuses].sort()).toEqual(['correct', 'misplaced', 'missing']);
    const banned = DEMO_CAMPAIGN.bannedClaims.map((c) => c.toLowerCase());
    let wrong = 0;
    for (const a of truth.advocatePosts) {
      const p = byId.get(a.id) as DemoRecord;
      expect(p.author).toBe(a.handle);
      expect(disclosureStatus(p.text, p.market)).toBe(a.disclosure);
      const claimsBanned = banned.some((c) => p.text.toLowerCase().includes(c));
      expect(claimsBanned).toBe(a.wrongClaim !== null);
      if (a.wrongClaim !== null) wrong++;
    }
    expect(wrong).toBeGreaterThan(20);
    expect(wrong).toBeLessThan(truth.advocatePosts.length / 2);
  });

  it('plants only fake personal data, and only in the posts it says', () => {
    const planted = new Set(truth.personalDataPostIds);
    expect(planted.size / posts.length).toBeGreaterThan(0.005);
    expect(planted.size / posts.length).toBeLessThan(0.05);
    const email = /[\w.]+@example\.(com|org|net)/;
    const phone =
      /555-01\d\d|07700 900\d{3}|\+34 600 000 0\d\d|600 00 00 \d\d|070-174 06 \d\d|\+46 70 174 06 \d\d/;
    const order = /ORD-\d{8}/;
    for (const p of posts) {
      const kinds = label(p).personalData;
      expect(planted.has(p.id)).toBe(kinds.length > 0);
      expect(email.test(p.text)).toBe(kinds.includes('email'));
      expect(phone.test(p.text)).toBe(kinds.includes('phone'));
      expect(order.test(p.text)).toBe(kinds.includes('order'));
    }
    const langs = new Set(texts(truth.personalDataPostIds).map((p) => p.lang));
    expect([...langs].sort()).toEqual(['en', 'es', 'sv']);
  });

  it.each(['en', 'es', 'sv'])('has a few toxic posts in %s', (lang) => {
    const toxic = texts(truth.toxicPostIds).filter((p) => p.lang === lang);
    expect(toxic.length).toBeGreaterThan(5);
    expect(toxic.length / posts.filter((p) => p.lang === lang).length).toBeLessThan(0.03);
  });

  it('labels every post, with all four sentiments present', () => {
    expect(truth.labels.size).toBe(posts.length);
    const sentiments = new Set([...truth.labels.values()].map((l) => l.sentiment));
    expect([...sentiments].sort()).toEqual(['mixed', 'negative', 'neutral', 'positive']);
  });

  it('uses the campaign hashtags, an accent-free spelling included', () => {
    for (const tag of [
      '#MyNordvikStory',
      '#MiHistoriaNordvik',
      '#MinNordvikBerättelse',
      '#MinNordvikBerattelse',
    ]) {
      expect(posts.some((p) => p.text.includes(tag))).toBe(true);
    }
  });

  it('shows slang, elongations, shouting and contrasts', () => {
    const all = posts.map((p) => p.text).join('\n');
    for (const pattern of [
      /so{3,}/,
      /mu{3,}y/,
      /så{3,}/,
      /WORST|PEOR|SÄMSTA/,
      / but | pero | men /,
      /\bngl\b|\btbh\b/,
      /jaja/,
      /asså/,
    ]) {
      expect(all).toMatch(pattern);
    }
  });
});

describe('disclosureStatus', () => {
  it.each([
    ['#ad Love my kettle', 'GB', 'correct'],
    ['Love my kettle #ad', 'GB', 'misplaced'],
    ['Love my kettle', 'GB', 'missing'],
    ['Love my #adorable kettle', 'GB', 'missing'],
    ['Love my kettle #ad', 'US', 'correct'],
    [`${'x'.repeat(120)} #ad`, 'US', 'misplaced'],
    ['Me encanta #publicidad', 'ES', 'correct'],
    ['#publi me encanta', 'ES', 'correct'],
    ['Me encanta #colaboración', 'ES', 'missing'],
    ['#reklam älskar den', 'SE', 'correct'],
    ['älskar den #reklam', 'SE', 'misplaced'],
    ['#REKLAM älskar den', 'SE', 'correct'],
  ] as const)('%s (%s) → %s', (text, market, expected) => {
    expect(disclosureStatus(text, market)).toBe(expected);
  });
});

describe('generateDemoStream: input checks', () => {
  it.each([{ days: 0 }, { days: -1 }, { targetPosts: 0 }, { days: Number.NaN }])('rejects %o', (bad) => {
    expect(() => generateDemoStream({ seed: 1, start: START, ...bad })).toThrow(RangeError);
  });

  it('rejects an invalid start date', () => {
    expect(() => generateDemoStream({ seed: 1, start: new Date('nope') })).toThrow(RangeError);
  });
});
