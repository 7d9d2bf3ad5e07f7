import type { PreModerationCheck } from './inbox-overflow.service.ts';

/**
 * Crisis pre-moderation for automatic inbox replies. The crisis capability owns the rule
 * (`isPreModerationOn`); until it exists, automatic replies are not held for it.
 */
export const preModerationCheck: PreModerationCheck = () => Promise.resolve(false);
