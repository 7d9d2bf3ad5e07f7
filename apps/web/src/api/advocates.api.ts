// API calls of the advocates screen, each response checked with the contract's zod schema.
export {};
