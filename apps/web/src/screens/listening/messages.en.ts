/** English texts of the listening screen (keys start with `listening.`); the reference for es and sv. */
export const listeningEn = {} as const;

export type ListeningMessageKey = keyof typeof listeningEn;
