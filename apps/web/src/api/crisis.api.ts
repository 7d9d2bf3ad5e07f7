// API calls of the crisis screen, each response checked with the contract's zod schema.
export {};
