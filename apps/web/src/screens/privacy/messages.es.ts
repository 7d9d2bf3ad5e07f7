import type { PrivacyMessageKey } from './messages.en.ts';

export const privacyEs: Record<PrivacyMessageKey, string> = {};
