import { z } from 'zod';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const overviewQuerySchema = z.object({
  campaignId: z.uuid().optional(),
  /** How many calendar days `perDay` covers, ending today in `timeZone`. */
  days: z.coerce.number().int().min(1).max(366).default(30),
  /** IANA zone whose calendar days `perDay` counts in, e.g. `Europe/Stockholm`. */
  timeZone: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_+\-/]+$/, 'expected an IANA time zone such as "Europe/Stockholm"')
    .refine(isTimeZone, 'unknown time zone')
    .default('UTC'),
});
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

const count = z.number().int().min(0);
/** Posts by sentiment; posts not analysed yet are in `posts` but in none of the three. */
const sentimentCounts = { posts: count, positive: count, neutral: count, negative: count };

export const overviewResponseSchema = z.object({
  /** Every stored post (of the campaign, when one is asked for). */
  totalPosts: count,
  /** Posts that have a stored analysis. */
  analysedPosts: count,
  timeZone: z.string(),
  /**
   * Posts per language, largest first: the language the source gave, else the detected one;
   * `und` when neither is known.
   */
  perLanguage: z.array(z.object({ language: z.string(), ...sentimentCounts })),
  /** One entry per calendar day (`YYYY-MM-DD` in `timeZone`), oldest first, zero days included. */
  perDay: z.array(z.object({ day: z.string(), ...sentimentCounts })),
  /** Posts per campaign of the workspace (a post can belong to several). */
  perCampaign: z.array(z.object({ campaignId: z.string(), posts: count })),
});
export type Overview = z.infer<typeof overviewResponseSchema>;
