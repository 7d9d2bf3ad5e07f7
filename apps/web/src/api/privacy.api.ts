// API calls of the privacy screen, each response checked with the contract's zod schema.
export {};
