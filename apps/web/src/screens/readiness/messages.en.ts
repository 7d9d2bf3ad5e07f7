/** English texts of the readiness screen (keys start with `readiness.`); the reference for es and sv. */
export const readinessEn = {} as const;

export type ReadinessMessageKey = keyof typeof readinessEn;
