import { overviewQuerySchema, overviewResponseSchema } from '@ombud/contract';
import {
  countPosts,
  countPostsPerCampaign,
  countPostsPerDay,
  countPostsPerLanguage,
} from '../../repositories/overview.repository.ts';
import { ALL_ROLES, requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

const DAY_MS = 86_400_000;

/** The last `days` calendar days in `timeZone` ending on the day that contains `now`, oldest first. */
export function calendarDays(now: Date, timeZone: string, days: number): string[] {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  const todayUtc = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, index) =>
    new Date(todayUtc - (days - 1 - index) * DAY_MS).toISOString().slice(0, 10),
  );
}

export function registerOverviewRoutes(app: HttpApp, deps: RouteDependencies) {
  app.get(
    '/api/overview',
    {
      config: { access: { roles: ALL_ROLES } },
      schema: {
        tags: ['overview'],
        summary: 'Post volume and sentiment in total, per language, per calendar day and per campaign',
        querystring: overviewQuerySchema,
        response: { 200: overviewResponseSchema },
      },
    },
    async (request) => {
      const { campaignId, days, timeZone } = request.query;
      const scope = { workspaceId: requirePrincipal(request.principal).workspaceId, campaignId };
      const now = deps.clock();
      const calendar = calendarDays(now, timeZone, days);
      // A day is at most 26 hours long anywhere, so this instant precedes the first day's start.
      const since = new Date(now.getTime() - (days + 1) * DAY_MS);
      const totals = await countPosts(deps.db, scope);
      const perLanguage = await countPostsPerLanguage(deps.db, scope);
      const counted = await countPostsPerDay(deps.db, scope, {
        timeZone,
        firstDay: calendar[0] ?? '',
        lastDay: calendar.at(-1) ?? '',
        since,
      });
      const byDay = new Map(counted.map((row) => [row.day, row]));
      const perCampaign = await countPostsPerCampaign(deps.db, scope.workspaceId);
      return {
        totalPosts: totals.posts,
        analysedPosts: totals.analysed,
        timeZone,
        perLanguage,
        perDay: calendar.map(
          (day) => byDay.get(day) ?? { day, posts: 0, positive: 0, neutral: 0, negative: 0 },
        ),
        perCampaign,
      };
    },
  );
}
