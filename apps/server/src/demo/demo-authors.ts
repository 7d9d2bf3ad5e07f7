import type { DemoRandom } from './demo-random.ts';
import type { DemoMarket } from './demo-timeline.ts';
import type { DemoLanguage, PhraseBook } from './phrases/phrase-book.ts';

export type DemoPlatform = 'twitter' | 'mastodon' | 'instagram' | 'bluesky';

export interface DemoAuthor {
  readonly handle: string;
  readonly name: string;
  readonly followers: number;
  readonly verified: boolean;
  readonly language: DemoLanguage;
  readonly market: DemoMarket;
  /** Where the author usually posts. */
  readonly platform: DemoPlatform;
}

const PLATFORM_WEIGHTS: Record<DemoPlatform, number> = {
  twitter: 55,
  instagram: 15,
  bluesky: 17,
  mastodon: 13,
};

function account(
  handle: string,
  name: string,
  followers: number,
  language: DemoLanguage,
  market: DemoMarket,
  platform: DemoPlatform = 'twitter',
  verified = true,
): DemoAuthor {
  return { handle, name, followers, verified, language, market, platform };
}

/** The brand's own accounts, one per language. */
export const BRAND_ACCOUNTS: Readonly<Record<DemoLanguage, DemoAuthor>> = {
  en: account('nordvik', 'Nordvik', 48_210, 'en', 'US'),
  es: account('nordvik_es', 'Nordvik España', 12_940, 'es', 'ES'),
  sv: account('nordvik_se', 'Nordvik Sverige', 21_385, 'sv', 'SE'),
};

/** The competitor's accounts: the brand account and its customer-care account. */
export const COMPETITOR_ACCOUNTS = {
  main: account('kettlo', 'Kettlo', 35_420, 'en', 'US'),
  help: account('kettlo_help', 'Kettlo Help', 8_115, 'en', 'US'),
} as const;

/** High-reach accounts that start the crisis wave in each language. */
export const CRISIS_AMPLIFIERS: Readonly<Record<DemoLanguage, DemoAuthor>> = {
  es: account('tecnoalerta_es', 'TecnoAlerta ⚡', 412_300, 'es', 'ES'),
  en: account('gadgetwatchdog', 'Gadget Watchdog', 318_750, 'en', 'GB'),
  sv: account('prylkollen', 'Prylkollen', 64_020, 'sv', 'SE', 'twitter', false),
};

const ADVOCATE_ROSTER: readonly [string, string, DemoLanguage, DemoMarket, number][] = [
  ['brewwithbella', 'Bella | Brew With Me', 'en', 'US', 184_000],
  ['morningritual_max', 'Max Morning Ritual', 'en', 'US', 42_300],
  ['teatimetasha', 'Tasha 🍵', 'en', 'US', 27_800],
  ['kitchenkit_kai', 'Kai — Kitchen Kit', 'en', 'US', 96_500],
  ['nycapartment_eats', 'NYC Apartment Eats', 'en', 'US', 61_200],
  ['dadcooksdinner', 'Dad Cooks Dinner', 'en', 'US', 233_000],
  ['minimal_mornings', 'Minimal Mornings', 'en', 'US', 15_400],
  ['chai_chloe', 'Chloe ☕', 'en', 'US', 9_800],
  ['homebyhazel', 'Home by Hazel', 'en', 'GB', 71_900],
  ['thecozyflat_uk', 'The Cozy Flat', 'en', 'GB', 38_600],
  ['leafandlatte', 'Leaf & Latte', 'en', 'GB', 22_100],
  ['jordan_brews', 'Jordan Brews', 'en', 'GB', 12_700],
  ['sundayslow_sam', 'Sam | Sunday Slow', 'en', 'GB', 54_000],
  ['ukteaclub_amy', 'Amy (UK Tea Club)', 'en', 'GB', 19_300],
  ['cafeconmarta', 'Café con Marta', 'es', 'ES', 88_400],
  ['lacocinadeleo', 'La cocina de Leo', 'es', 'ES', 152_000],
  ['te_y_tostadas', 'Té y tostadas', 'es', 'ES', 23_900],
  ['hogarsencillo_es', 'Hogar Sencillo', 'es', 'ES', 47_200],
  ['mananas_lentas', 'Mañanas Lentas', 'es', 'ES', 11_600],
  ['pablo_prepara', 'Pablo Prepara', 'es', 'ES', 66_300],
  ['lucia_desayuna', 'Lucía desayuna 🍓', 'es', 'ES', 31_000],
  ['elrincondelte', 'El rincón del té', 'es', 'ES', 8_900],
  ['fikamedfrida', 'Fika med Frida', 'sv', 'SE', 58_700],
  ['morgonrutin_max', 'Max | Morgonrutin', 'sv', 'SE', 21_400],
  ['teskaftet', 'Teskaftet', 'sv', 'SE', 9_300],
  ['hemmahoselin', 'Hemma hos Elin', 'sv', 'SE', 112_000],
  ['kaffekalle_', 'Kaffe-Kalle', 'sv', 'SE', 16_800],
  ['minimalt_hem', 'Minimalt Hem', 'sv', 'SE', 39_500],
  ['smultronstallet_se', 'Smultronstället', 'sv', 'SE', 27_100],
  ['linnea_lagar', 'Linnea lagar mat', 'sv', 'SE', 73_600],
];

/** The ~30 paid advocates of the campaign. */
export const ADVOCATES: readonly DemoAuthor[] = ADVOCATE_ROSTER.map(
  ([handle, name, language, market, followers], i) =>
    account(
      handle,
      name,
      followers,
      language,
      market,
      i % 3 === 0 ? 'twitter' : 'instagram',
      followers > 100_000,
    ),
);

const RESERVED_HANDLES = new Set<string>([
  ...Object.values(BRAND_ACCOUNTS).map((a) => a.handle),
  COMPETITOR_ACCOUNTS.main.handle,
  COMPETITOR_ACCOUNTS.help.handle,
  ...Object.values(CRISIS_AMPLIFIERS).map((a) => a.handle),
  ...ADVOCATES.map((a) => a.handle),
]);

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '');
}

function makeHandle(rng: DemoRandom, book: PhraseBook, first: string, last: string): string {
  const f = ascii(first);
  const l = ascii(last);
  const word = rng.pick(book.handleWords);
  switch (rng.int(0, 5)) {
    case 0:
      return `${f}_${l}`;
    case 1:
      return `${f}${l}${rng.int(1, 99)}`;
    case 2:
      return `${f}_${word}`;
    case 3:
      return `${word}${f}`;
    case 4:
      return `${f}${l.slice(0, 1)}${rng.int(1970, 2009)}`;
    default:
      return `${f}.${l}`;
  }
}

/**
 * Heavy-tailed followers (Pareto, α ≈ 0.95): most people have tens or hundreds,
 * a handful have hundreds of thousands.
 */
function drawFollowers(rng: DemoRandom): number {
  const u = 1 - rng.next();
  return Math.min(2_500_000, Math.max(0, Math.floor(18 * Math.pow(u, -1 / 0.95)) + rng.int(-12, 30)));
}

/** Builds `size` ordinary people writing in `book`'s language, with unique handles across `taken`. */
export function buildAuthors(
  rng: DemoRandom,
  book: PhraseBook,
  size: number,
  marketWeights: Readonly<Partial<Record<DemoMarket, number>>>,
  taken: Set<string>,
): DemoAuthor[] {
  const authors: DemoAuthor[] = [];
  const markets = marketWeights as Record<DemoMarket, number>;
  while (authors.length < size) {
    const first = rng.pick(book.names.first);
    const last = rng.pick(book.names.last);
    let handle = makeHandle(rng, book, first, last);
    if (RESERVED_HANDLES.has(handle) || taken.has(handle)) handle = `${handle}${rng.int(100, 9999)}`;
    if (RESERVED_HANDLES.has(handle) || taken.has(handle)) continue;
    taken.add(handle);
    const followers = drawFollowers(rng);
    const verified =
      followers > 50_000 ? rng.chance(0.6) : followers > 10_000 ? rng.chance(0.1) : rng.chance(0.002);
    const style = rng.int(0, 9);
    const name =
      style < 6
        ? `${first} ${last}`
        : style < 8
          ? first
          : style < 9
            ? `${first} ${rng.pick(['🌿', '☕', '✨', '🌻', '🏳️‍🌈', '🇺🇦'])}`
            : handle;
    authors.push({
      handle,
      name,
      followers,
      verified,
      language: book.language,
      market: rng.weighted(markets),
      platform: rng.weighted(PLATFORM_WEIGHTS),
    });
  }
  return authors;
}

/** Picks authors with Zipf-like activity: a few post a lot, most post once or twice. */
export class AuthorPicker {
  private readonly cumulative: Float64Array;

  constructor(
    private readonly authors: readonly DemoAuthor[],
    exponent = 0.85,
  ) {
    this.cumulative = new Float64Array(authors.length);
    let sum = 0;
    for (let i = 0; i < authors.length; i++) {
      sum += 1 / Math.pow(i + 1, exponent);
      this.cumulative[i] = sum;
    }
  }

  pick(rng: DemoRandom): DemoAuthor {
    const u = rng.next() * (this.cumulative[this.cumulative.length - 1] ?? 0);
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > u) hi = mid;
      else lo = mid + 1;
    }
    return this.authors[lo] as DemoAuthor;
  }
}
