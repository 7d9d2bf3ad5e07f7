/** English texts of the crisis screen (keys start with `crisis.`); the reference for es and sv. */
export const crisisEn = {} as const;

export type CrisisMessageKey = keyof typeof crisisEn;
