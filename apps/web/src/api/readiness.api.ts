// API calls of the readiness screen, each response checked with the contract's zod schema.
export {};
