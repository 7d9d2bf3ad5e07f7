import type { PrivacyMessageKey } from './messages.en.ts';

export const privacySv: Record<PrivacyMessageKey, string> = {};
