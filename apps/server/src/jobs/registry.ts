import { z } from 'zod';
import { analysePostsOfJob } from '../services/analysis.service.ts';
import { runAfterAnalysis } from '../pipeline/after-analysis.ts';
import type { JobRegistry } from './job-registry.ts';
import { createAlertJobHandlers } from './alerts.jobs.ts';
import { createPrivacyJobHandlers } from './privacy.jobs.ts';
import { createInboxJobHandlers } from './inbox.jobs.ts';
import { createListeningJobHandlers } from './listening.jobs.ts';
import { createAdvocateJobHandlers } from './advocates.jobs.ts';
import type { AppConfig } from '../config.ts';

type MailConfig = NonNullable<AppConfig['mail']>;

const postIdsPayload = z.object({ postIds: z.array(z.string().regex(/^\d+$/)).max(10_000) });

/** Every job name and its handler; a name without a handler fails to compile. */
export function createJobRegistry(
  options: { mail?: MailConfig | undefined; publicUrl?: string | undefined } = {},
): JobRegistry {
  return {
    'post.ingested': async (payload, context) => {
      const { postIds } = postIdsPayload.parse(payload);
      const posts = await analysePostsOfJob(context.db, postIds);
      await runAfterAnalysis(postIds, { ...context, posts });
      return 'done';
    },
    ...createAlertJobHandlers(),
    ...createPrivacyJobHandlers(),
    ...createInboxJobHandlers(),
    ...createListeningJobHandlers(options.mail),
    ...createAdvocateJobHandlers(options),
  };
}
