/** English texts of the advocates screen (keys start with `advocates.`); the reference for es and sv. */
export const advocatesEn = {} as const;

export type AdvocatesMessageKey = keyof typeof advocatesEn;
