// API bodies and records for issue #7 (privacy).
export {};
