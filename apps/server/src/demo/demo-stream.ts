import {
  ADVOCATES,
  AuthorPicker,
  BRAND_ACCOUNTS,
  COMPETITOR_ACCOUNTS,
  CRISIS_AMPLIFIERS,
  buildAuthors,
  type DemoAuthor,
  type DemoPlatform,
} from './demo-authors.ts';
import { DEMO_CAMPAIGN } from './demo-campaign.ts';
import { DemoRandom } from './demo-random.ts';
import { fillTemplate, roughen, tidySpaces } from './demo-text.ts';
import {
  DAY_MS,
  DemoTimeline,
  HOUR_MS,
  MARKET_TIME_ZONES,
  MINUTE_MS,
  localHourOnDay,
  type DemoMarket,
} from './demo-timeline.ts';
import { EN_PHRASES } from './phrases/en.ts';
import { ES_PHRASES } from './phrases/es.ts';
import type {
  BrandReplyKind,
  ConversationCategory,
  DemoLanguage,
  PersonalDataKind,
  PhraseBook,
  WrongClaim,
} from './phrases/phrase-book.ts';
import { SV_PHRASES } from './phrases/sv.ts';

export type { DemoLanguage, DemoMarket, DemoPlatform, PersonalDataKind, WrongClaim };

/** The field names of a demo record: the default import mapping reads exactly these. */
export const DEMO_RECORD_FIELDS = [
  'id',
  'platform',
  'text',
  'created_at',
  'author',
  'author_name',
  'author_followers',
  'author_verified',
  'url',
  'lang',
  'market',
  'reply_to',
  'likes',
  'reposts',
  'replies',
] as const;

/** One generated post, flat, as an export from a listening tool would carry it. */
export interface DemoRecord {
  id: string;
  platform: DemoPlatform;
  text: string;
  /** ISO 8601, UTC. */
  created_at: string;
  /** Handle without `@`. */
  author: string;
  author_name: string;
  author_followers: number;
  author_verified: boolean;
  url: string;
  /** The language the text is written in (ground truth; the analyser does not read it). */
  lang: DemoLanguage;
  market: DemoMarket;
  reply_to: string | null;
  likes: number;
  reposts: number;
  replies: number;
}

export type DemoCategory =
  | ConversationCategory
  | 'launch_announcement'
  | 'brand_reply'
  | 'competitor_reply'
  | 'advocate'
  | 'crisis_origin'
  | 'crisis_copy'
  | 'crisis_retweet'
  | 'crisis_angry'
  | 'crisis_question'
  | 'crisis_skeptic'
  | 'crisis_brand_reply'
  | 'crisis_brand_statement';

export type DemoSentiment = 'positive' | 'negative' | 'neutral' | 'mixed';

/** What a post was generated as. */
export interface DemoPostLabel {
  category: DemoCategory;
  sentiment: DemoSentiment;
  toxic: boolean;
  personalData: PersonalDataKind[];
}

export type DisclosureStatus = 'correct' | 'missing' | 'misplaced';

export interface DemoAdvocatePostTruth {
  id: string;
  handle: string;
  market: DemoMarket;
  /** Judged against the campaign's rule for the advocate's market. */
  disclosure: DisclosureStatus;
  /** The fact-sheet claim the post gets wrong, if any. */
  wrongClaim: WrongClaim | null;
}

export interface DemoCrisisTruth {
  /** When the Spanish rumour starts (the first post). */
  onsetEs: string;
  onsetEn: string;
  onsetSv: string;
  originIds: Record<DemoLanguage, string>;
  /** Every post of the crisis wave (rumour, copies, retweets, replies), brand responses excluded. */
  ids: string[];
  idsByLanguage: Record<DemoLanguage, string[]>;
  /** The brand's statements and replies during the crisis. */
  brandResponseIds: string[];
}

/** What is true about a generated stream, for tests of detectors and analysers. */
export interface DemoGroundTruth {
  seed: number;
  start: string;
  end: string;
  launch: { at: string; announcementIds: string[]; ids: string[] };
  crisis: DemoCrisisTruth | null;
  /** Competitor replies to our unhappy customers. */
  poachingReplyIds: string[];
  churnThreatIds: string[];
  advocateHandles: string[];
  advocatePosts: DemoAdvocatePostTruth[];
  personalDataPostIds: string[];
  toxicPostIds: string[];
  brandHandles: string[];
  competitorHandles: string[];
  labels: ReadonlyMap<string, DemoPostLabel>;
}

export interface DemoStream {
  /** Sorted by `created_at`, then `id`. */
  posts: DemoRecord[];
  truth: DemoGroundTruth;
}

export interface DemoStreamOptions {
  seed: number;
  /** First instant of the window (a Date or UTC epoch milliseconds). */
  start: Date | number;
  /** Length of the window in days; default 14. */
  days?: number;
  /** About how many posts to generate; default 20,000. */
  targetPosts?: number;
}

const BOOKS: Readonly<Record<DemoLanguage, PhraseBook>> = { en: EN_PHRASES, es: ES_PHRASES, sv: SV_PHRASES };
const LANGUAGES: readonly DemoLanguage[] = ['en', 'es', 'sv'];
const LANGUAGE_SHARE: Readonly<Record<DemoLanguage, number>> = { en: 0.55, es: 0.25, sv: 0.2 };
const MARKETS_OF: Readonly<Record<DemoLanguage, Partial<Record<DemoMarket, number>>>> = {
  en: { US: 0.6, GB: 0.4 },
  es: { ES: 1 },
  sv: { SE: 1 },
};
const POOL_SIZE: Readonly<Record<DemoLanguage, number>> = { en: 1900, es: 850, sv: 700 };

const SENTIMENT: Readonly<Record<ConversationCategory, DemoSentiment>> = {
  unboxing: 'positive',
  praise: 'positive',
  ugc_story: 'positive',
  purchase_intent: 'positive',
  price_question: 'neutral',
  delivery_question: 'neutral',
  delivery_delay: 'negative',
  refund: 'negative',
  product_question: 'neutral',
  request_for_help: 'negative',
  staff_praise: 'positive',
  suggestion: 'neutral',
  churn_threat: 'negative',
  product_complaint: 'negative',
  mixed: 'mixed',
  neutral_mention: 'neutral',
  competitor_comparison: 'mixed',
  toxic: 'negative',
  me_too: 'negative',
};

/** Ordinary traffic once the product is on sale. */
const AFTER_LAUNCH: Readonly<Partial<Record<ConversationCategory, number>>> = {
  praise: 14,
  ugc_story: 8,
  unboxing: 2,
  purchase_intent: 5,
  price_question: 3,
  delivery_question: 3,
  delivery_delay: 12,
  refund: 6,
  product_question: 8,
  request_for_help: 7,
  staff_praise: 4,
  suggestion: 4,
  churn_threat: 3,
  product_complaint: 7,
  mixed: 5,
  neutral_mention: 6,
  competitor_comparison: 2.5,
  toxic: 1.2,
};
/** Before the launch nobody owns one yet: anticipation, questions and chatter. */
const BEFORE_LAUNCH: Readonly<Partial<Record<ConversationCategory, number>>> = {
  purchase_intent: 10,
  price_question: 6,
  delivery_question: 5,
  product_question: 8,
  neutral_mention: 10,
  competitor_comparison: 3,
  suggestion: 2,
  toxic: 0.5,
};
/** The launch-day wave. */
const LAUNCH_MIX: Readonly<Partial<Record<ConversationCategory, number>>> = {
  unboxing: 20,
  praise: 16,
  ugc_story: 22,
  purchase_intent: 18,
  price_question: 12,
  delivery_question: 12,
};

/** Chance that a post of a category gets each kind of reply. */
const REPLY_RATES: Readonly<
  Partial<Record<ConversationCategory, { brand: number; competitor: number; meToo: number }>>
> = {
  delivery_delay: { brand: 0.3, competitor: 0.14, meToo: 0.12 },
  refund: { brand: 0.35, competitor: 0.12, meToo: 0.06 },
  churn_threat: { brand: 0.4, competitor: 0.4, meToo: 0 },
  request_for_help: { brand: 0.35, competitor: 0, meToo: 0 },
  product_complaint: { brand: 0.25, competitor: 0.05, meToo: 0 },
  product_question: { brand: 0.3, competitor: 0, meToo: 0 },
  price_question: { brand: 0.3, competitor: 0, meToo: 0 },
  delivery_question: { brand: 0.3, competitor: 0, meToo: 0 },
  praise: { brand: 0.06, competitor: 0, meToo: 0 },
  ugc_story: { brand: 0.1, competitor: 0, meToo: 0 },
  unboxing: { brand: 0.08, competitor: 0, meToo: 0 },
  staff_praise: { brand: 0.15, competitor: 0, meToo: 0 },
  suggestion: { brand: 0.15, competitor: 0, meToo: 0 },
  mixed: { brand: 0.15, competitor: 0, meToo: 0 },
  toxic: { brand: 0.05, competitor: 0, meToo: 0 },
};
const BRAND_REPLY_KIND: Readonly<Partial<Record<ConversationCategory, BrandReplyKind>>> = {
  delivery_delay: 'delivery',
  churn_threat: 'delivery',
  delivery_question: 'question',
  refund: 'refund',
  request_for_help: 'help',
  product_complaint: 'help',
  toxic: 'help',
  mixed: 'help',
  product_question: 'question',
  price_question: 'question',
  suggestion: 'question',
  praise: 'praise',
  ugc_story: 'praise',
  unboxing: 'praise',
  staff_praise: 'praise',
};
const PERSONAL_DATA_CATEGORIES = new Set<ConversationCategory>([
  'delivery_delay',
  'refund',
  'request_for_help',
  'churn_threat',
  'delivery_question',
]);

/** Volumes per 20,000 posts. */
const LAUNCH_VOLUME: Readonly<Record<DemoLanguage, number>> = { en: 1100, es: 500, sv: 400 };
const CRISIS_VOLUME: Readonly<Record<DemoLanguage, number>> = { es: 1400, en: 650, sv: 170 };
const CRISIS_BRAND_REPLIES: Readonly<Record<DemoLanguage, number>> = { es: 18, en: 10, sv: 5 };
const POSTS_PER_ADVOCATE = 7;

/** Hours after the Spanish onset at which each language's wave starts. */
const CRISIS_LAG_HOURS: Readonly<Record<DemoLanguage, number>> = { es: 0, en: 5, sv: 8 };
/** Wave shape (minutes): ramp to the plateau, plateau end, decay time constant, cut-off. */
const CRISIS_SHAPE: Readonly<
  Record<DemoLanguage, { ramp: number; plateauEnd: number; tau: number; cutoff: number }>
> = {
  es: { ramp: 120, plateauEnd: 480, tau: 600, cutoff: 3000 },
  en: { ramp: 90, plateauEnd: 360, tau: 480, cutoff: 2700 },
  sv: { ramp: 60, plateauEnd: 180, tau: 360, cutoff: 2000 },
};
const CRISIS_MIX: Readonly<
  Record<DemoLanguage, Record<'copy' | 'retweet' | 'angry' | 'question' | 'skeptic', number>>
> = {
  es: { copy: 28, retweet: 34, angry: 24, question: 9, skeptic: 5 },
  en: { copy: 30, retweet: 28, angry: 24, question: 12, skeptic: 6 },
  sv: { copy: 35, retweet: 20, angry: 25, question: 12, skeptic: 8 },
};

interface Draft {
  id: string;
  t: number;
  platform: DemoPlatform;
  text: string;
  author: DemoAuthor;
  lang: DemoLanguage;
  market: DemoMarket;
  replyTo: string | null;
  label: DemoPostLabel;
  /** Engagement multiplier. */
  reach: number;
  category: DemoCategory;
}

/** Generates the demo stream: deterministic for a seed, pure (no clock, no I/O, no global randomness). */
export function generateDemoStream(options: DemoStreamOptions): DemoStream {
  const days = options.days ?? 14;
  const target = options.targetPosts ?? 20_000;
  if (!(days > 0) || !Number.isFinite(days))
    throw new RangeError(`days must be a positive number, got ${days}`);
  if (!(target > 0) || !Number.isFinite(target))
    throw new RangeError(`targetPosts must be positive, got ${target}`);
  const startMs = typeof options.start === 'number' ? options.start : options.start.getTime();
  if (!Number.isFinite(startMs)) throw new RangeError('start must be a valid date');
  return new StreamBuilder(options.seed, startMs, days, target).build();
}

/** The records as JSON Lines (one `\n`-terminated line each), ready for the JSONL importer. */
export function* demoRecordsToJsonl(posts: Iterable<DemoRecord>): Generator<string> {
  for (const post of posts) yield `${JSON.stringify(post)}\n`;
}

class StreamBuilder {
  private readonly rng: DemoRandom;
  private readonly timeline: DemoTimeline;
  private readonly scale: number;
  private readonly drafts: Draft[] = [];
  private readonly pickers: Record<DemoLanguage, AuthorPicker>;
  private readonly launchAt: number;
  private readonly crisisOnset: number | null;
  private readonly idPrefix: string;
  private counter = 0;

  private readonly truth = {
    announcementIds: [] as string[],
    launchIds: [] as string[],
    poachingReplyIds: [] as string[],
    churnThreatIds: [] as string[],
    advocatePosts: [] as DemoAdvocatePostTruth[],
    personalDataPostIds: [] as string[],
    toxicPostIds: [] as string[],
    crisisIds: { en: [], es: [], sv: [] } as Record<DemoLanguage, string[]>,
    crisisOrigins: {} as Partial<Record<DemoLanguage, Draft>>,
    crisisBrandIds: [] as string[],
  };

  constructor(
    private readonly seed: number,
    private readonly startMs: number,
    private readonly days: number,
    private readonly target: number,
  ) {
    this.rng = new DemoRandom(seed);
    this.timeline = new DemoTimeline(startMs, days);
    this.scale = target / 20_000;
    this.idPrefix = `nv${(seed >>> 0).toString(36)}-`;
    const taken = new Set<string>();
    const authorRng = this.rng.fork(1);
    const poolScale = Math.min(1, Math.max(0.05, Math.sqrt(this.scale)));
    this.pickers = {
      en: this.poolFor('en', authorRng, poolScale, taken),
      es: this.poolFor('es', authorRng, poolScale, taken),
      sv: this.poolFor('sv', authorRng, poolScale, taken),
    };
    const launchDay = days >= 4 ? 2 : 0;
    this.launchAt = Math.max(startMs, localHourOnDay(MARKET_TIME_ZONES.SE, startMs + launchDay * DAY_MS, 15));
    const crisisDay = days >= 11 ? 8 : Math.floor(days * 0.6);
    const onset = localHourOnDay(MARKET_TIME_ZONES.ES, startMs + crisisDay * DAY_MS, 10);
    // The crisis needs its Spanish start and its English spread inside the window.
    this.crisisOnset =
      onset >= startMs && onset + (CRISIS_LAG_HOURS.en + 2) * HOUR_MS < this.timeline.endMs ? onset : null;
  }

  private poolFor(lang: DemoLanguage, rng: DemoRandom, poolScale: number, taken: Set<string>): AuthorPicker {
    const size = Math.max(20, Math.round(POOL_SIZE[lang] * poolScale));
    return new AuthorPicker(buildAuthors(rng, BOOKS[lang], size, MARKETS_OF[lang], taken));
  }

  build(): DemoStream {
    // Only what falls inside the window is planned, so the total stays near the target.
    const onset = this.crisisOnset;
    const crisisVolume = mapLanguages((lang) =>
      onset !== null && onset + CRISIS_LAG_HOURS[lang] * HOUR_MS < this.timeline.endMs
        ? CRISIS_VOLUME[lang]
        : 0,
    );
    const launchVolume = mapLanguages((lang) =>
      this.launchAt < this.timeline.endMs ? LAUNCH_VOLUME[lang] : 0,
    );
    const replyRatio = expectedReplyRatio(AFTER_LAUNCH);
    const advocatesPerLanguage = countBy(ADVOCATES, (a) => a.language);
    const perAdvocate = Math.max(1, Math.round(POSTS_PER_ADVOCATE * this.scale));
    const baseline = {} as Record<DemoLanguage, number>;
    for (const lang of LANGUAGES) {
      const launch = launchVolume[lang] * this.scale;
      const crisis =
        crisisVolume[lang] > 0 ? (crisisVolume[lang] + CRISIS_BRAND_REPLIES[lang]) * this.scale : 0;
      const advocates = (advocatesPerLanguage[lang] ?? 0) * perAdvocate;
      const share = this.target * LANGUAGE_SHARE[lang];
      baseline[lang] = Math.max(
        0,
        Math.round((share - launch * (1 + replyRatio) - crisis - advocates) / (1 + replyRatio)),
      );
    }

    const conversation: Draft[] = [];
    this.generateBaseline(this.rng.fork(2), baseline, conversation);
    this.generateLaunch(this.rng.fork(3), launchVolume, conversation);
    this.generateAdvocates(this.rng.fork(4), perAdvocate);
    if (this.crisisOnset !== null) this.generateCrisis(this.rng.fork(5), this.crisisOnset, crisisVolume);
    this.generateReplies(this.rng.fork(6), conversation);
    return this.finish();
  }

  // ---------------------------------------------------------------- sections

  private generateBaseline(rng: DemoRandom, counts: Record<DemoLanguage, number>, out: Draft[]): void {
    const launchMinute = (this.launchAt - this.startMs) / MINUTE_MS;
    const samplers = new Map<DemoMarket, (r: DemoRandom) => number>();
    const samplerFor = (market: DemoMarket): ((r: DemoRandom) => number) => {
      let s = samplers.get(market);
      if (s === undefined) {
        s =
          this.timeline.eventSampler(market, this.startMs, (m) => (m < launchMinute ? 0.45 : 1), 1) ??
          ((r) => this.timeline.sampleBaseline(r, market));
        samplers.set(market, s);
      }
      return s;
    };
    for (const lang of LANGUAGES) {
      for (let i = 0; i < counts[lang]; i++) {
        const author = this.pickers[lang].pick(rng);
        const t = samplerFor(author.market)(rng);
        const mix = t < this.launchAt ? BEFORE_LAUNCH : AFTER_LAUNCH;
        const category = rng.weighted(mix as Record<ConversationCategory, number>);
        out.push(this.conversationPost(rng, author, t, category));
      }
    }
  }

  private generateLaunch(rng: DemoRandom, volume: Record<DemoLanguage, number>, out: Draft[]): void {
    // The brand announces first, in every language, then the crowd follows.
    LANGUAGES.forEach((lang, li) => {
      const brand = BRAND_ACCOUNTS[lang];
      BOOKS[lang].launchPosts.forEach((text, pi) => {
        const t = this.launchAt + li * 2 * MINUTE_MS + pi * 3 * HOUR_MS;
        if (t >= this.timeline.endMs) return;
        const platforms: DemoPlatform[] = pi === 0 ? ['twitter', 'instagram'] : ['twitter'];
        for (const platform of platforms) {
          const d = this.add({
            t,
            platform,
            text,
            author: brand,
            lang,
            market: brand.market,
            replyTo: null,
            category: 'launch_announcement',
            sentiment: 'positive',
            reach: 6,
          });
          this.truth.announcementIds.push(d.id);
          this.truth.launchIds.push(d.id);
        }
      });
    });
    const kernel = (m: number): number => Math.exp(-m / 540) + 0.1 * Math.exp(-m / (3 * 1440));
    const samplers = new Map<DemoMarket, ((r: DemoRandom) => number) | null>();
    for (const lang of LANGUAGES) {
      const n = Math.round(volume[lang] * this.scale);
      for (let i = 0; i < n; i++) {
        const author = this.pickers[lang].pick(rng);
        if (!samplers.has(author.market)) {
          samplers.set(author.market, this.timeline.eventSampler(author.market, this.launchAt, kernel, 0.6));
        }
        const sampler = samplers.get(author.market);
        if (sampler === null || sampler === undefined) continue;
        const category = rng.weighted(LAUNCH_MIX as Record<ConversationCategory, number>);
        const d = this.conversationPost(rng, author, sampler(rng), category);
        this.truth.launchIds.push(d.id);
        out.push(d);
      }
    }
  }

  private generateAdvocates(rng: DemoRandom, perAdvocate: number): void {
    const from = Math.max(this.startMs, this.launchAt - DAY_MS);
    const kernel = (m: number): number => (m < 1440 ? 0.35 : Math.exp(-(m - 1440) / (4 * 1440)));
    const samplers = new Map<DemoMarket, ((r: DemoRandom) => number) | null>();
    const claims: WrongClaim[] = ['returns_60_days', 'recycled_100', 'warranty_5_years', 'never_breaks'];
    for (const advocate of ADVOCATES) {
      const book = BOOKS[advocate.language];
      if (!samplers.has(advocate.market)) {
        samplers.set(advocate.market, this.timeline.eventSampler(advocate.market, from, kernel, 0.8));
      }
      const sampler = samplers.get(advocate.market);
      if (sampler === null || sampler === undefined) continue;
      for (let i = 0; i < perAdvocate; i++) {
        const wrongClaim = rng.chance(0.25) ? rng.pick(claims) : null;
        const template =
          wrongClaim === null ? rng.pick(book.advocate.correct) : rng.pick(book.advocate.wrong[wrongClaim]);
        const body = fillTemplate(template, rng, book.slots);
        const text = withDisclosure(body, advocate.market, rng);
        const d = this.add({
          t: sampler(rng),
          platform: rng.chance(0.6) ? advocate.platform : rng.pick(['twitter', 'instagram'] as const),
          text,
          author: advocate,
          lang: advocate.language,
          market: advocate.market,
          replyTo: null,
          category: 'advocate',
          sentiment: 'positive',
          reach: 2.5,
        });
        this.truth.advocatePosts.push({
          id: d.id,
          handle: advocate.handle,
          market: advocate.market,
          disclosure: disclosureStatus(text, advocate.market),
          wrongClaim,
        });
      }
    }
  }

  private generateCrisis(
    rng: DemoRandom,
    onset: number,
    volume: Readonly<Record<DemoLanguage, number>>,
  ): void {
    for (const lang of LANGUAGES) {
      const originAt = onset + CRISIS_LAG_HOURS[lang] * HOUR_MS;
      if (originAt >= this.timeline.endMs) continue;
      this.crisisWave(
        rng.fork(LANGUAGES.indexOf(lang) + 1),
        lang,
        originAt,
        Math.round(volume[lang] * this.scale),
      );
    }
  }

  private crisisWave(rng: DemoRandom, lang: DemoLanguage, originAt: number, count: number): void {
    const book = BOOKS[lang];
    const amplifier = CRISIS_AMPLIFIERS[lang];
    const origin = this.add({
      t: originAt,
      platform: 'twitter',
      text: book.crisis.origin,
      author: amplifier,
      lang,
      market: amplifier.market,
      replyTo: null,
      category: 'crisis_origin',
      sentiment: 'negative',
      reach: 40,
    });
    this.truth.crisisOrigins[lang] = origin;
    const ids = this.truth.crisisIds[lang];
    ids.push(origin.id);

    const shape = CRISIS_SHAPE[lang];
    const kernel = (m: number): number => {
      if (m < 1) return 0;
      if (m < shape.ramp) return 0.3 + (0.7 * m) / shape.ramp;
      if (m < shape.plateauEnd) return 1;
      if (m > shape.cutoff) return 0;
      return Math.exp(-(m - shape.plateauEnd) / shape.tau);
    };
    const samplers = new Map<DemoMarket, ((r: DemoRandom) => number) | null>();
    const planned: { t: number; author: DemoAuthor }[] = [];
    for (let i = 0; i < count - 1; i++) {
      const author = this.pickers[lang].pick(rng);
      if (!samplers.has(author.market)) {
        samplers.set(author.market, this.timeline.eventSampler(author.market, originAt, kernel, 0.35));
      }
      const sampler = samplers.get(author.market);
      if (sampler === null || sampler === undefined) continue;
      planned.push({ t: sampler(rng), author });
    }
    planned.sort((a, b) => a.t - b.t);

    const wave: Draft[] = [origin];
    const twitterCopies: Draft[] = [];
    const repliable: Draft[] = [origin];
    for (const { t, author } of planned) {
      const kind = rng.weighted(CRISIS_MIX[lang]);
      let d: Draft;
      switch (kind) {
        case 'retweet': {
          // Mostly the origin; sometimes a copy that got traction of its own.
          const source = twitterCopies.length > 0 && rng.chance(0.2) ? rng.pick(twitterCopies) : origin;
          d = this.add({
            t,
            platform: 'twitter',
            text: `RT @${source.author.handle}: ${source.text}`,
            author,
            lang,
            market: author.market,
            replyTo: null,
            category: 'crisis_retweet',
            sentiment: 'negative',
            reach: 0.5,
          });
          break;
        }
        case 'copy':
          d = this.add({
            t,
            platform: author.platform,
            text: roughen(
              tidySpaces(
                `${rng.pick(book.crisis.copies)} ${rng.chance(0.3) ? rng.pick(book.slots.neg ?? ['']) : ''}`,
              ),
              rng,
              'angry',
            ),
            author,
            lang,
            market: author.market,
            replyTo: null,
            category: 'crisis_copy',
            sentiment: 'negative',
            reach: 1.2,
          });
          break;
        case 'angry':
        case 'question':
        case 'skeptic': {
          const standalone =
            kind === 'question' ? rng.chance(0.6) : kind === 'skeptic' ? rng.chance(0.5) : false;
          const parent = standalone ? null : rng.chance(0.55) ? origin : rng.pick(repliable);
          const pool =
            kind === 'angry'
              ? book.crisis.angry
              : kind === 'question'
                ? book.crisis.questions
                : book.crisis.skeptic;
          let body = fillTemplate(rng.pick(pool), rng, book.slots);
          if (parent === null && !mentionsCampaign(body)) body = `${body} @${BRAND_ACCOUNTS[lang].handle}`;
          d = this.add({
            t,
            platform: parent?.platform ?? author.platform,
            text: replyText(parent, roughen(body, rng, kind === 'angry' ? 'angry' : 'calm'), author),
            author,
            lang,
            market: author.market,
            replyTo: parent?.id ?? null,
            category:
              kind === 'angry' ? 'crisis_angry' : kind === 'question' ? 'crisis_question' : 'crisis_skeptic',
            sentiment: kind === 'skeptic' ? 'neutral' : 'negative',
            toxic: false,
            reach: 0.8,
          });
          break;
        }
      }
      wave.push(d);
      ids.push(d.id);
      if (d.category !== 'crisis_retweet') repliable.push(d);
      if (d.category === 'crisis_copy' && d.platform === 'twitter') twitterCopies.push(d);
    }
    this.crisisBrandResponse(rng, lang, origin, wave);
  }

  private crisisBrandResponse(
    rng: DemoRandom,
    lang: DemoLanguage,
    origin: Draft,
    wave: readonly Draft[],
  ): void {
    const brand = BRAND_ACCOUNTS[lang];
    const book = BOOKS[lang];
    const statementAt = origin.t + (lang === 'es' ? 3 : lang === 'en' ? 2 : 1.5) * HOUR_MS;
    if (statementAt < this.timeline.endMs) {
      for (const platform of ['twitter', 'instagram'] as const) {
        const d = this.add({
          t: statementAt + (platform === 'instagram' ? 4 * MINUTE_MS : 0),
          platform,
          text: book.crisis.brandStatement,
          author: brand,
          lang,
          market: brand.market,
          replyTo: null,
          category: 'crisis_brand_statement',
          sentiment: 'neutral',
          reach: 4,
        });
        this.truth.crisisBrandIds.push(d.id);
      }
    }
    // Answer the loudest voices first, from 45 minutes in (the time it takes to agree a line).
    const candidates = wave
      .filter(
        (w) =>
          w.category !== 'crisis_retweet' &&
          w.t >= origin.t + 15 * MINUTE_MS &&
          w.t < origin.t + 10 * HOUR_MS,
      )
      .sort((a, b) => b.author.followers - a.author.followers || a.id.localeCompare(b.id));
    const n = Math.max(2, Math.round(CRISIS_BRAND_REPLIES[lang] * this.scale));
    const answered = new Set<string>();
    for (const parent of candidates) {
      if (answered.size >= n) break;
      if (answered.has(parent.author.handle)) continue;
      answered.add(parent.author.handle);
      const t = Math.max(parent.t, origin.t + 45 * MINUTE_MS) + rng.int(10, 90) * MINUTE_MS;
      if (t >= this.timeline.endMs) continue;
      const d = this.add({
        t,
        platform: parent.platform,
        text: replyText(parent, rng.pick(book.crisis.brandReplies), brand),
        author: brand,
        lang,
        market: parent.market,
        replyTo: parent.id,
        category: 'crisis_brand_reply',
        sentiment: 'neutral',
        reach: 1.5,
      });
      this.truth.crisisBrandIds.push(d.id);
    }
  }

  private generateReplies(rng: DemoRandom, conversation: readonly Draft[]): void {
    for (const parent of conversation) {
      const category = parent.category as ConversationCategory;
      const rates = REPLY_RATES[category];
      if (rates === undefined) continue;
      const book = BOOKS[parent.lang];
      if (rng.chance(rates.brand)) {
        const kind = BRAND_REPLY_KIND[category] ?? 'question';
        const brand = BRAND_ACCOUNTS[parent.lang];
        this.reply(parent, {
          t: parent.t + (3 + rng.exponential(90)) * MINUTE_MS,
          text: rng.pick(book.brandReplies[kind]),
          author: brand,
          category: 'brand_reply',
          sentiment: kind === 'praise' ? 'positive' : 'neutral',
          reach: 0.6,
        });
      }
      // Kettlo watches the brand's mentions, so it finds the complainers who tagged the brand.
      if (rates.competitor > 0 && /@nordvik/i.test(parent.text) && rng.chance(rates.competitor)) {
        const author = rng.chance(0.7) ? COMPETITOR_ACCOUNTS.help : COMPETITOR_ACCOUNTS.main;
        const d = this.reply(parent, {
          t: parent.t + (2 + rng.exponential(40)) * MINUTE_MS,
          text: rng.pick(book.competitorReplies),
          author,
          category: 'competitor_reply',
          sentiment: 'positive',
          reach: 0.4,
        });
        if (d !== null) this.truth.poachingReplyIds.push(d.id);
      }
      if (rates.meToo > 0 && rng.chance(rates.meToo)) {
        const author = this.pickers[parent.lang].pick(rng);
        if (author.handle !== parent.author.handle) {
          this.reply(parent, {
            t: parent.t + (5 + rng.exponential(180)) * MINUTE_MS,
            text: roughen(fillTemplate(rng.pick(book.conversation.me_too), rng, book.slots), rng, 'angry'),
            author,
            category: 'me_too',
            sentiment: 'negative',
            reach: 0.5,
          });
        }
      }
    }
  }

  // ---------------------------------------------------------------- building blocks

  private conversationPost(
    rng: DemoRandom,
    author: DemoAuthor,
    t: number,
    category: ConversationCategory,
  ): Draft {
    const book = BOOKS[author.language];
    let text = fillTemplate(rng.pick(book.conversation[category]), rng, book.slots);
    const angry = SENTIMENT[category] === 'negative';
    text = roughen(text, rng, angry ? 'angry' : 'calm');
    const personalData: PersonalDataKind[] = [];
    if (PERSONAL_DATA_CATEGORIES.has(category) && rng.chance(0.12)) {
      const kinds: PersonalDataKind[] = rng.chance(0.3)
        ? [rng.pick(['order', 'email', 'phone'] as const), rng.pick(['email', 'phone'] as const)]
        : [rng.pick(['order', 'email', 'phone'] as const)];
      const unique = [...new Set(kinds)];
      const parts = unique.map((kind) =>
        fillTemplate(
          rng.pick(book.personalData[kind]),
          rng,
          {},
          {
            email: fakeEmail(rng, author),
            phone: fakePhone(rng, author.market),
            order: `ORD-${rng.int(10_000_000, 99_999_999)}`,
          },
        ),
      );
      text = `${text}${/[\p{L}\p{N}]$/u.test(text) ? '.' : ''} ${parts.join(', ')}`;
      personalData.push(...unique);
    }
    const d = this.add({
      t,
      platform: author.platform,
      text,
      author,
      lang: author.language,
      market: author.market,
      replyTo: null,
      category,
      sentiment: SENTIMENT[category],
      toxic: category === 'toxic',
      personalData,
      reach: 1,
    });
    if (category === 'churn_threat') this.truth.churnThreatIds.push(d.id);
    return d;
  }

  private reply(
    parent: Draft,
    r: {
      t: number;
      text: string;
      author: DemoAuthor;
      category: DemoCategory;
      sentiment: DemoSentiment;
      reach: number;
    },
  ): Draft | null {
    if (r.t >= this.timeline.endMs) return null;
    return this.add({
      t: r.t,
      platform: parent.platform,
      text: replyText(parent, r.text, r.author),
      author: r.author,
      lang: parent.lang,
      market:
        r.author.language === parent.lang && !isOrganisation(r.author) ? r.author.market : parent.market,
      replyTo: parent.id,
      category: r.category,
      sentiment: r.sentiment,
      reach: r.reach,
    });
  }

  private add(p: {
    t: number;
    platform: DemoPlatform;
    text: string;
    author: DemoAuthor;
    lang: DemoLanguage;
    market: DemoMarket;
    replyTo: string | null;
    category: DemoCategory;
    sentiment: DemoSentiment;
    toxic?: boolean;
    personalData?: PersonalDataKind[];
    reach: number;
  }): Draft {
    const id = `${this.idPrefix}${(this.counter++).toString(36).padStart(5, '0')}`;
    const label: DemoPostLabel = {
      category: p.category,
      sentiment: p.sentiment,
      toxic: p.toxic ?? false,
      personalData: p.personalData ?? [],
    };
    const d: Draft = {
      id,
      t: Math.floor(p.t),
      platform: p.platform,
      text: p.text,
      author: p.author,
      lang: p.lang,
      market: p.market,
      replyTo: p.replyTo,
      label,
      reach: p.reach,
      category: p.category,
    };
    if (label.toxic) this.truth.toxicPostIds.push(id);
    if (label.personalData.length > 0) this.truth.personalDataPostIds.push(id);
    this.drafts.push(d);
    return d;
  }

  private finish(): DemoStream {
    const rng = this.rng.fork(7);
    const drafts = this.drafts.filter((d) => d.t >= this.startMs && d.t < this.timeline.endMs);
    drafts.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const kept = new Set(drafts.map((d) => d.id));
    const replyCounts = new Map<string, number>();
    for (const d of drafts)
      if (d.replyTo !== null) replyCounts.set(d.replyTo, (replyCounts.get(d.replyTo) ?? 0) + 1);
    const labels = new Map<string, DemoPostLabel>();
    const posts = drafts.map((d): DemoRecord => {
      labels.set(d.id, d.label);
      const likes =
        d.category === 'crisis_origin'
          ? rng.int(6_000, 12_000) * (d.lang === 'es' ? 1 : 0.5)
          : rng.exponential(1) * Math.sqrt(d.author.followers + 1) * 0.5 * d.reach;
      const likeCount = Math.floor(likes);
      return {
        id: d.id,
        platform: d.platform,
        text: d.text,
        created_at: new Date(d.t).toISOString(),
        author: d.author.handle,
        author_name: d.author.name,
        author_followers: d.author.followers,
        author_verified: d.author.verified,
        url: postUrl(d.platform, d.author.handle, d.id),
        lang: d.lang,
        market: d.market,
        reply_to: d.replyTo !== null && kept.has(d.replyTo) ? d.replyTo : null,
        likes: likeCount,
        reposts: Math.floor(likeCount * (0.05 + rng.next() * 0.3)),
        replies: Math.floor(likeCount * rng.next() * 0.08) + (replyCounts.get(d.id) ?? 0),
      };
    });
    const keep = (ids: readonly string[]): string[] => ids.filter((id) => kept.has(id));
    const origins = this.truth.crisisOrigins;
    const crisis: DemoCrisisTruth | null =
      this.crisisOnset === null || origins.es === undefined
        ? null
        : {
            onsetEs: new Date(origins.es.t).toISOString(),
            onsetEn: new Date(
              origins.en?.t ?? this.crisisOnset + CRISIS_LAG_HOURS.en * HOUR_MS,
            ).toISOString(),
            onsetSv: new Date(
              origins.sv?.t ?? this.crisisOnset + CRISIS_LAG_HOURS.sv * HOUR_MS,
            ).toISOString(),
            originIds: { es: origins.es.id, en: origins.en?.id ?? '', sv: origins.sv?.id ?? '' },
            ids: keep([...this.truth.crisisIds.es, ...this.truth.crisisIds.en, ...this.truth.crisisIds.sv]),
            idsByLanguage: {
              es: keep(this.truth.crisisIds.es),
              en: keep(this.truth.crisisIds.en),
              sv: keep(this.truth.crisisIds.sv),
            },
            brandResponseIds: keep(this.truth.crisisBrandIds),
          };
    return {
      posts,
      truth: {
        seed: this.seed,
        start: new Date(this.startMs).toISOString(),
        end: new Date(this.timeline.endMs).toISOString(),
        launch: {
          at: new Date(this.launchAt).toISOString(),
          announcementIds: keep(this.truth.announcementIds),
          ids: keep(this.truth.launchIds),
        },
        crisis,
        poachingReplyIds: keep(this.truth.poachingReplyIds),
        churnThreatIds: keep(this.truth.churnThreatIds),
        advocateHandles: ADVOCATES.map((a) => a.handle),
        advocatePosts: this.truth.advocatePosts.filter((a) => kept.has(a.id)),
        personalDataPostIds: keep(this.truth.personalDataPostIds),
        toxicPostIds: keep(this.truth.toxicPostIds),
        brandHandles: LANGUAGES.map((l) => BRAND_ACCOUNTS[l].handle),
        competitorHandles: [COMPETITOR_ACCOUNTS.main.handle, COMPETITOR_ACCOUNTS.help.handle],
        labels,
      },
    };
  }
}

// ---------------------------------------------------------------- helpers

function isOrganisation(author: DemoAuthor): boolean {
  return (
    Object.values(BRAND_ACCOUNTS).includes(author) ||
    author === COMPETITOR_ACCOUNTS.main ||
    author === COMPETITOR_ACCOUNTS.help
  );
}

/** Replies start with the handles of the thread, as the platforms write them. */
function replyText(parent: Draft | null, body: string, from?: DemoAuthor): string {
  if (parent === null) return body;
  const mentions = [`@${parent.author.handle}`];
  const brand = /@nordvik(_es|_se)?\b/i.exec(parent.text)?.[0]?.toLowerCase();
  const alreadyThere = (handle: string): boolean =>
    mentions.some((m) => m.toLowerCase() === handle) || body.toLowerCase().includes(handle);
  if (brand !== undefined && brand !== `@${from?.handle ?? ''}` && !alreadyThere(brand)) {
    mentions.push(/@nordvik(_es|_se)?\b/i.exec(parent.text)?.[0] ?? brand);
  }
  return `${mentions.join(' ')} ${body}`;
}

const CAMPAIGN_TERMS = /nordvik|kettle pro|#myn|#mihistorian|#minnordvik/i;
function mentionsCampaign(text: string): boolean {
  return CAMPAIGN_TERMS.test(text.normalize('NFD').replace(/\p{M}/gu, ''));
}

function postUrl(platform: DemoPlatform, handle: string, id: string): string {
  switch (platform) {
    case 'twitter':
      return `https://x.com/${handle}/status/${id}`;
    case 'mastodon':
      return `https://mastodon.example/@${handle}/${id}`;
    case 'instagram':
      return `https://www.instagram.com/p/${id}/`;
    case 'bluesky':
      return `https://bsky.app/profile/${handle}.bsky.social/post/${id}`;
  }
}

function fakeEmail(rng: DemoRandom, author: DemoAuthor): string {
  const local = author.handle.replace(/[^a-z0-9_.]/gi, '').toLowerCase() || 'someone';
  return `${local}@${rng.pick(['example.com', 'example.org', 'example.net'])}`;
}

/** Numbers from ranges reserved for fiction or obviously fake. */
function fakePhone(rng: DemoRandom, market: DemoMarket): string {
  const two = (): string => String(rng.int(0, 99)).padStart(2, '0');
  switch (market) {
    case 'US':
      return rng.chance(0.5)
        ? `(${rng.pick(['202', '312', '415', '617'])}) 555-01${two()}`
        : `555-01${two()}`;
    case 'GB':
      return `07700 900${String(rng.int(0, 999)).padStart(3, '0')}`;
    case 'ES':
      return rng.chance(0.5) ? `+34 600 000 0${two()}` : `600 00 00 ${two()}`;
    case 'SE':
      return rng.chance(0.5)
        ? `070-174 06 ${String(rng.int(5, 99)).padStart(2, '0')}`
        : `+46 70 174 06 ${String(rng.int(5, 99)).padStart(2, '0')}`;
  }
}

function withDisclosure(body: string, market: DemoMarket, rng: DemoRandom): string {
  const rule = DEMO_CAMPAIGN.requiredDisclosures.find((r) => r.market === market);
  const tag = rule === undefined ? '#ad' : rng.pick(rule.tags);
  const roll = rng.next();
  if (roll < 0.55) {
    // As the rule asks: at the start, or (where allowed) at the end.
    return rule?.placement === 'anywhere' && rng.chance(0.6) ? `${body} ${tag}` : `${tag} ${body}`;
  }
  if (roll < 0.8) {
    // Missing, sometimes with a tag that is not a disclosure under the rules.
    const soft = { US: '#gifted', GB: '#gifted', ES: '#colaboración', SE: '#samarbete' }[market];
    return rng.chance(0.3) ? `${body} ${soft}` : body;
  }
  // At the end, where a start-only (or early-only) rule does not accept it.
  const padding = market === 'US' && body.length < 100 ? ' Link in bio for the full review!' : '';
  return rule?.placement === 'anywhere' ? body : `${body}${padding} ${tag}`;
}

/** Judges a post against the campaign's disclosure rule for the market (used for ground truth). */
export function disclosureStatus(text: string, market: DemoMarket): DisclosureStatus {
  const rule = DEMO_CAMPAIGN.requiredDisclosures.find((r) => r.market === market);
  if (rule === undefined) return 'correct';
  const lower = text.toLowerCase();
  let first = -1;
  for (const tag of rule.tags) {
    const re = new RegExp(`(^|\\s)${tag.toLowerCase()}(?![\\p{L}\\p{N}_])`, 'u');
    const m = re.exec(lower);
    if (m !== null) {
      const at = m.index + (m[1]?.length ?? 0);
      if (first < 0 || at < first) first = at;
    }
  }
  if (first < 0) return 'missing';
  switch (rule.placement) {
    case 'anywhere':
      return 'correct';
    case 'start':
      return lower.slice(0, first).trim() === '' ? 'correct' : 'misplaced';
    case 'first_chars':
      return first < (rule.firstChars ?? 100) ? 'correct' : 'misplaced';
  }
}

function expectedReplyRatio(mix: Readonly<Partial<Record<ConversationCategory, number>>>): number {
  let total = 0;
  let replies = 0;
  for (const [category, weight] of Object.entries(mix) as [ConversationCategory, number][]) {
    total += weight;
    const r = REPLY_RATES[category];
    // Competitor replies only reach posts that tag the brand: about 60 % of complaints do.
    if (r !== undefined) replies += weight * (r.brand + r.competitor * 0.6 + r.meToo);
  }
  return total === 0 ? 0 : replies / total;
}

function mapLanguages<T>(f: (lang: DemoLanguage) => T): Record<DemoLanguage, T> {
  return { en: f('en'), es: f('es'), sv: f('sv') };
}

function countBy<T, K extends string>(items: readonly T[], key: (item: T) => K): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
