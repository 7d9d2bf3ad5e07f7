/** English texts of the privacy screen (keys start with `privacy.`); the reference for es and sv. */
export const privacyEn = {} as const;

export type PrivacyMessageKey = keyof typeof privacyEn;
