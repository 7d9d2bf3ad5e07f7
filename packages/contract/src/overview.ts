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

export const overviewResponseSchema = z.object({
  /** Every stored post (of the campaign, when one is asked for). */
  totalPosts: z.number().int().min(0),
  timeZone: z.string(),
  /** Posts per language, largest first; posts with no language are counted under `und`. */
  perLanguage: z.array(z.object({ language: z.string(), posts: z.number().int().min(0) })),
  /** One entry per calendar day (`YYYY-MM-DD` in `timeZone`), oldest first, zero days included. */
  perDay: z.array(z.object({ day: z.string(), posts: z.number().int().min(0) })),
  /** Posts per campaign of the workspace (a post can belong to several). */
  perCampaign: z.array(z.object({ campaignId: z.string(), posts: z.number().int().min(0) })),
});
export type Overview = z.infer<typeof overviewResponseSchema>;
